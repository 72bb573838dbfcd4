"""The datasets directory at 1,000 folders, against the same training directory without it and the
same exporter not rescanning, in one run: time to ready, CPU of a rescan of unchanged folders and of
a full re-read (SIGHUP), how soon a new folder shows (against a rewrite of quality_feedback.json in
the same process), and scrape latency while the exporter rescans (against it idle)."""
import json
import os
import random
import re
import shutil
import signal
import statistics
import threading
import time

from . import procs, scrape, visible

import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import gen_training_dir  # noqa: E402

RESCAN_INTERVAL = "100ms"
# Every folder read and exported, not only the newest 100 (the default --datasets.limit): the worst
# case of 1,000 folders. That is ~23,000 series, above the default --series.limit, hence raised.
FLAGS = ["--datasets.limit=1000", "--series.limit=50000"]
CONDITIONS = [
    # name, --watch.poll-interval, a new folder every this many seconds during the scrapes (None: none)
    ("idle", "1h", None),
    ("rescanning", RESCAN_INTERVAL, None),
    ("rescanning+new folders", RESCAN_INTERVAL, 0.5),
]


def datasets_found(port):
    _, body = procs.get(port, "/metrics")
    match = re.search(rb"^hafs_datasets (\S+)$", body, re.M)
    return float(match.group(1)) if match else None


def ready_times(base_dir, datasets_dir, work, java, jar, ship, starts, folders, log):
    """Alternating starts on the directory without datasets and with them: seconds to /-/ready, RSS."""
    runs = {"without": [], "with": []}
    for i in range(starts):
        for name, directory in (("without", base_dir), ("with", datasets_dir)):
            with procs.Exporter(java, jar, directory, ship, os.path.join(work, f"exporter-datasets-ready-{name}.log"),
                                extra_args=FLAGS) as e:
                seconds = e.wait_ready()
                if name == "with" and datasets_found(e.port) != folders:
                    raise RuntimeError(f"ready without the {folders} datasets: hafs_datasets {datasets_found(e.port)}")
                time.sleep(1.0)
                runs[name].append({"ready_s": seconds, "rss_kib": procs.rss_kib(e.pid)[0]})
        log(f"  ready start {i + 1}: without {runs['without'][-1]['ready_s'] * 1000:.0f} ms, "
            f"with {runs['with'][-1]['ready_s'] * 1000:.0f} ms")
    result = {name: {"ready_ms": 1000 * statistics.median(r["ready_s"] for r in rs),
                     "rss_mib": statistics.median(r["rss_kib"] for r in rs) / 1024, "starts": rs}
              for name, rs in runs.items()}
    result["ready_ratio"] = result["with"]["ready_ms"] / result["without"]["ready_ms"]
    return result


def idle_cpu_ms_per_second(pid, seconds):
    before = procs.cpu_seconds(pid)
    time.sleep(seconds)
    return 1000 * (procs.cpu_seconds(pid) - before) / seconds


def new_folder_writer(datasets_dir, every, stop, added, rng):
    """Writes a new dataset folder (HAFS's order) every `every` seconds until stopped."""
    index = 900_000
    while not stop.wait(every):
        folder, stats, metadata, summary = gen_training_dir.dataset_folder(rng, index)
        gen_training_dir.write_dataset(datasets_dir, folder, stats, metadata, summary)
        added.append(os.path.join(datasets_dir, folder))
        index += 1


def rounds(datasets_dir, work, java, jar, ship, n_rounds, seconds, cpu_seconds, warmup, log):
    """Per round, each condition on a fresh exporter: its idle CPU, then wrk sequential and concurrent."""
    figures = {name: [] for name, _, _ in CONDITIONS}
    for r in range(n_rounds):
        for name, poll, every in CONDITIONS:
            log_path = os.path.join(work, f"exporter-datasets-{name.replace(' ', '-').replace('+', '-')}.log")
            added = []
            with procs.Exporter(java, jar, datasets_dir, ship, log_path,
                                extra_args=FLAGS + [f"--watch.poll-interval={poll}"]) as e:
                e.wait_ready()
                scrape.wrk(e.port, seconds=warmup)
                cpu = idle_cpu_ms_per_second(e.pid, cpu_seconds)
                stop = threading.Event()
                writer = None
                if every:
                    writer = threading.Thread(target=new_folder_writer, daemon=True,
                                              args=(os.path.join(datasets_dir, "datasets"), every, stop, added,
                                                    random.Random(r)))
                    writer.start()
                try:
                    sequential = scrape.wrk(e.port, seconds=seconds, threads=1, connections=1)
                    concurrent = scrape.wrk(e.port, seconds=seconds)
                finally:
                    stop.set()
                    if writer:
                        writer.join()
            for folder in added:
                shutil.rmtree(folder)
            figures[name].append({"idle_cpu_ms_per_s": cpu, "sequential": sequential, "concurrent": concurrent,
                                  "folders_added": len(added), "load": procs.load_average()[0]})
            log(f"  round {r + 1} {name}: idle CPU {cpu:.1f} ms/s; sequential p50 {sequential['p50_ms']:.2f} ms "
                f"p99 {sequential['p99_ms']:.2f} ms; t2c8 {concurrent['rps']:.0f} req/s p99 {concurrent['p99_ms']:.2f} ms"
                + (f"; {len(added)} folders added" if every else ""))
    summary = {}
    for name, runs in figures.items():
        summary[name] = {
            "idle_cpu_ms_per_s": statistics.median(x["idle_cpu_ms_per_s"] for x in runs),
            "sequential_p50_ms": statistics.median(x["sequential"]["p50_ms"] for x in runs),
            "sequential_p99_ms": statistics.median(x["sequential"]["p99_ms"] for x in runs),
            "sequential_rps": statistics.median(x["sequential"]["rps"] for x in runs),
            "concurrent_rps": statistics.median(x["concurrent"]["rps"] for x in runs),
            "concurrent_p99_ms": statistics.median(x["concurrent"]["p99_ms"] for x in runs),
            "errors": sum(x["sequential"]["errors"] + x["concurrent"]["errors"] for x in runs),
            "rounds": runs,
        }
    idle = summary["idle"]
    for name in ("rescanning", "rescanning+new folders"):
        s = summary[name]
        # Per round, adjacent runs share the machine's mood; then the median of those ratios.
        s["sequential_p99_ratio"] = statistics.median(
            b["sequential"]["p99_ms"] / a["sequential"]["p99_ms"] for a, b in zip(figures["idle"], figures[name]))
        s["sequential_p50_ratio"] = statistics.median(
            b["sequential"]["p50_ms"] / a["sequential"]["p50_ms"] for a, b in zip(figures["idle"], figures[name]))
        s["concurrent_rps_ratio"] = statistics.median(
            b["concurrent"]["rps"] / a["concurrent"]["rps"] for a, b in zip(figures["idle"], figures[name]))
    rescans_per_second = 1000 / int(RESCAN_INTERVAL.rstrip("ms"))
    summary["rescan_cpu_ms"] = max(summary["rescanning"]["idle_cpu_ms_per_s"] - idle["idle_cpu_ms_per_s"], 0.0) / rescans_per_second
    return summary


def reread_and_new_folder(base_dir, datasets_dir, work, java, jar, ship, folders, samples, log):
    """In one idle exporter (the poll an hour away): a full re-read of every folder (SIGHUP), then
    alternately a new folder written in HAFS's order and a rewrite of quality_feedback.json, each timed
    from its last write until /metrics shows it."""
    quality_path = os.path.join(datasets_dir, "quality_feedback.json")
    with open(quality_path) as f:
        quality = json.load(f)
    generator = next(iter(quality["generator_stats"]))
    generated = quality["generator_stats"][generator]
    wanted = re.compile(rb"^hafs_generator_samples_generated_total\{generator=" + re.escape(json.dumps(generator).encode())
                        + rb"\} (\S+)$", re.M)
    original = json.dumps(quality, indent=2)
    rng, pace = random.Random(11), random.Random(12)
    folder_ms, quality_ms, added = [], [], []
    with procs.Exporter(java, jar, datasets_dir, ship, os.path.join(work, "exporter-datasets-visible.log"),
                        extra_args=FLAGS + ["--watch.poll-interval=1h"]) as e:
        e.wait_ready()
        loads = re.compile(rb'^hafs_source_loads_total\{file="datasets"\} (\S+)$', re.M)

        def datasets_loads():
            return float(loads.search(procs.get(e.port, "/metrics")[1]).group(1))

        reread = []
        for _ in range(3):
            before, cpu, start = datasets_loads(), procs.cpu_seconds(e.pid), time.perf_counter()
            os.kill(e.pid, signal.SIGHUP)
            while datasets_loads() == before:
                time.sleep(0.002)
            reread.append({"ms": 1000 * (time.perf_counter() - start), "cpu_ms": 1000 * (procs.cpu_seconds(e.pid) - cpu)})
            time.sleep(0.5)
        log(f"  full re-read (SIGHUP) of {folders} folders: " + ", ".join(f"{x['ms']:.0f} ms ({x['cpu_ms']:.0f} ms CPU)"
                                                                         for x in reread))
        for i in range(samples):
            folder, stats, metadata, summary = gen_training_dir.dataset_folder(rng, 800_000 + i)
            datasets = os.path.join(datasets_dir, "datasets")
            gen_training_dir.write_dataset(datasets, folder, stats, metadata, summary)
            written = time.perf_counter()
            added.append(os.path.join(datasets, folder))
            series = f'hafs_dataset_samples_final{{dataset="{folder}"}}'.encode()
            while series not in procs.get(e.port, "/metrics")[1]:
                if time.perf_counter() - written > 10:
                    raise RuntimeError(f"the new folder {folder} did not show within 10 s")
                time.sleep(0.002)
            folder_ms.append(1000 * (time.perf_counter() - written))
            time.sleep(pace.uniform(0.03, 0.15))

            generated["samples_generated"] += 1
            with open(quality_path, "w") as out:
                out.write(json.dumps(quality, indent=2))
            written = time.perf_counter()
            while True:
                match = wanted.search(procs.get(e.port, "/metrics")[1])
                if match and float(match.group(1)) == generated["samples_generated"]:
                    break
                if time.perf_counter() - written > 10:
                    raise RuntimeError("the quality rewrite did not show within 10 s")
                time.sleep(0.002)
            quality_ms.append(1000 * (time.perf_counter() - written))
            time.sleep(pace.uniform(0.03, 0.15))
    for folder in added:
        shutil.rmtree(folder)
    with open(quality_path, "w") as out:
        out.write(original)
    result = {"reread": reread, "reread_ms": statistics.median(x["ms"] for x in reread),
              "reread_cpu_ms": statistics.median(x["cpu_ms"] for x in reread),
              "new_folder": {"p50_ms": statistics.median(folder_ms), "p99_ms": visible.percentile(folder_ms, 99),
                             "max_ms": max(folder_ms), "samples": folder_ms},
              "quality_rewrite": {"p50_ms": statistics.median(quality_ms), "p99_ms": visible.percentile(quality_ms, 99),
                                  "max_ms": max(quality_ms), "samples": quality_ms}}
    result["new_folder_p50_ratio"] = result["new_folder"]["p50_ms"] / result["quality_rewrite"]["p50_ms"]
    log(f"  new folder to visible: p50 {result['new_folder']['p50_ms']:.1f} ms p99 {result['new_folder']['p99_ms']:.1f} ms;"
        f" quality rewrite p50 {result['quality_rewrite']['p50_ms']:.1f} ms p99 {result['quality_rewrite']['p99_ms']:.1f} ms")
    return result


def measure(base_dir, datasets_dir, work, java, jar, ship, c, log):
    folders = len(os.listdir(os.path.join(datasets_dir, "datasets")))
    log(f"datasets: {folders} folders")
    result = {"folders": folders, "rescan_interval": RESCAN_INTERVAL, "flags": FLAGS}
    result["ready"] = ready_times(base_dir, datasets_dir, work, java, jar, ship, c["starts"], folders, log)
    result["rounds"] = rounds(datasets_dir, work, java, jar, ship, c["rounds"], c["seconds"], c["cpu_seconds"], c["warmup"], log)
    result["visible"] = reread_and_new_folder(base_dir, datasets_dir, work, java, jar, ship, folders, c["samples"], log)
    return result
