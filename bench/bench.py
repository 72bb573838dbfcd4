#!/usr/bin/env python3
"""Runs the benchmark stages (bench/run.sh is the documented entry point, which builds first).

    bench/bench.py --java JAVA --jar EXPORTER_JAR --bench-jar BENCHMARKS_JAR --out DIR [--work DIR] [--smoke]
                   [--stages data,scrape,visible,parse,render,heap,footprint,datasets] [--footprint-sets NAMES]
                   [--label TEXT] [--overlay OTHER/results.json]
    bench/bench.py --out DIR --report-only [--overlay OTHER/results.json]   (redraw results.md and the plot)
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import datasets, footprint, jvm_options, parse, procs, report, scrape, visible  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
STAGES = ["data", "scrape", "visible", "parse", "render", "heap", "footprint", "datasets"]

# The full run takes ~20 minutes; the smoke run proves every stage still works in seconds.
FULL = {
    "data": {"realistic": ["--preset", "realistic"],
             "large": ["--preset", "large"],
             "parse-large": ["--preset", "realistic", "--history", "250000", "--regions", "2000", "--runs", "1000"],
             "datasets-1000": ["--preset", "realistic", "--datasets", "1000"]},
    "scrape": {"seconds": 10, "rounds": 3, "warmup": 5, "spaced": 25},
    "visible": {"rewrites": 200, "poll": 0.002},
    "parse": {"jmh": ["-wi", "3", "-w", "2s", "-i", "5", "-r", "3s"], "python_seconds": 3},
    "render": {"jmh": ["-wi", "3", "-w", "1s", "-i", "5", "-r", "1s"]},
    "heap": ["128m", "64m", "32m"],
    "footprint": {"sets": jvm_options.SETS, "starts": 5, "scrapes": 10000, "settle": 1.0,
                  "throughput_seconds": 5},
    "datasets": {"starts": 5, "rounds": 3, "seconds": 10, "cpu_seconds": 5, "warmup": 2, "samples": 50},
}
SMOKE = {
    "data": {"realistic": ["--preset", "tiny"], "large": ["--preset", "tiny", "--generators", "20"],
             "parse-large": ["--preset", "tiny", "--history", "2000"],
             "datasets-1000": ["--preset", "tiny", "--datasets", "20"]},
    "scrape": {"seconds": 1, "rounds": 1, "warmup": 1, "spaced": 2},
    "visible": {"rewrites": 5, "poll": 0.002},
    "parse": {"jmh": ["-f", "1", "-wi", "0", "-i", "1", "-r", "100ms"], "python_seconds": 0.05},
    "render": {"jmh": ["-f", "1", "-wi", "0", "-i", "1", "-r", "100ms"]},
    "heap": ["64m"],
    "footprint": {"sets": jvm_options.SMOKE_SETS, "starts": 1, "scrapes": 200, "settle": 0.2,
                  "throughput_seconds": 1},
    "datasets": {"starts": 1, "rounds": 1, "seconds": 1, "cpu_seconds": 0.5, "warmup": 1, "samples": 2},
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--java", default="java")
    parser.add_argument("--jar", default="target/hafs-training-exporter.jar")
    parser.add_argument("--bench-jar", default="target/bench-build/benchmarks.jar")
    parser.add_argument("--out", required=True, help="where results.json, results.md and the plot go")
    parser.add_argument("--work", help="generated data, logs, raw JMH output (default OUT/work)")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--footprint-sets", help="comma-separated names of the JVM option sets to compare (default all)")
    parser.add_argument("--label", default="exporter", help="what the exporter's jar is, for the report")
    parser.add_argument("--overlay", help="results.json of another run whose exporter curves the plot adds, dashed")
    parser.add_argument("--report-only", action="store_true", help="redraw results.md and the plot from OUT/results.json")
    args = parser.parse_args()
    config = SMOKE if args.smoke else FULL
    stages = args.stages.split(",")
    out = os.path.abspath(args.out)
    work = os.path.abspath(args.work or os.path.join(out, "work"))
    data = os.path.join(work, "data")
    os.makedirs(work, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    started = time.time()

    def log(message):
        print(f"[bench {time.time() - started:6.1f}s] {message}", flush=True)

    results_path = os.path.join(out, "results.json")
    if args.report_only:
        with open(results_path) as f:
            results = json.load(f)
        results.setdefault("work", work)
        write_report(results, out, args.overlay)
        return
    results = {"mode": "smoke" if args.smoke else "full", "started": datetime.datetime.now().isoformat(timespec="seconds"),
               "machine": report.machine(args.java), "ship_options": jvm_options.SHIP, "load": {},
               "label": args.label, "jar": os.path.abspath(args.jar), "work": work}
    if os.path.exists(results_path) and set(stages) != set(STAGES):
        with open(results_path) as f:
            previous = json.load(f)
        results.update({k: v for k, v in previous.items() if k not in ("started", "machine", "load", "mode", "label", "jar", "work")})
        results["load"] = previous.get("load", {})

    def save():
        with open(results_path, "w") as f:
            json.dump(results, f, indent=2)

    def stage(name):
        if name in stages:
            save()  # what the stages before found survives a failure of this one
            results["load"][name] = procs.load_average()[0]
            log(f"stage {name} (load {results['load'][name]:.2f})")
            return True
        return False

    if stage("data") or not os.path.isdir(data):
        for size, options in config["data"].items():
            subprocess.run([sys.executable, os.path.join(HERE, "gen_training_dir.py"), *options, os.path.join(data, size)],
                           check=True)
            log(f"generated {size}: " + ", ".join(f"{f} {os.path.getsize(os.path.join(data, size, f)) / 1e6:.2f} MB"
                                                  for f in sorted(os.listdir(os.path.join(data, size)))
                                                  if os.path.isfile(os.path.join(data, size, f))))
    java, jar, ship = args.java, os.path.abspath(args.jar), jvm_options.SHIP
    if stage("scrape"):
        c = config["scrape"]
        results["scrape"] = [scrape.compare(size, os.path.join(data, size), work, java, jar, ship, c["seconds"],
                                            c["rounds"], c["warmup"], c["spaced"], log) for size in ("realistic", "large")]
    if stage("visible"):
        c = config["visible"]
        results["visible"] = visible.measure(os.path.join(data, "realistic"), work, java, jar, ship, c["rewrites"],
                                             c["poll"], log)
    if stage("parse"):
        c = config["parse"]
        results["parse"] = parse.measure(java, args.bench_jar, data, ["realistic", "parse-large"], work, c["jmh"],
                                         c["python_seconds"], ship, log)
    if stage("render"):
        results["render"] = parse.render_cost(java, args.bench_jar, data, work, config["render"]["jmh"], log)
    if stage("heap"):
        results["heap"] = footprint.heap_bound(java, jar, os.path.join(data, "parse-large"), work, config["heap"], log)
    if stage("footprint"):
        c = config["footprint"]
        results["footprint"] = []
        wanted = args.footprint_sets.split(",") if args.footprint_sets else [name for name, _ in c["sets"]]
        for name, options in [(n, o) for n, o in c["sets"] if n in wanted]:
            resolved = jvm_options.prepare(name, options, java, jar, os.path.join(data, "realistic"), work, log)
            results["footprint"].append(footprint.measure(name, resolved, java, jar, os.path.join(data, "realistic"),
                                                          work, c["starts"], c["scrapes"], c["settle"],
                                                          c["throughput_seconds"], log))
    if stage("datasets"):
        results["datasets"] = datasets.measure(os.path.join(data, "realistic"), os.path.join(data, "datasets-1000"), work,
                                               java, jar, ship, config["datasets"], log)
    results["load"]["end"] = procs.load_average()[0]
    save()
    write_report(results, out, args.overlay)
    log(f"done: {os.path.join(out, 'results.md')}")


def write_report(results, out, overlay_path):
    if "scrape" in results:
        overlay = None
        if overlay_path:
            with open(overlay_path) as f:
                overlay = json.load(f)
        report.plot(results, out, overlay)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(report.markdown(results) + "\n")


if __name__ == "__main__":
    main()
