"""Change to visible: rewrite quality_feedback.json in place the way HAFS does (truncate, then
write json.dumps(indent=2)) and time from the end of each write until /metrics shows the new value."""
import http.client
import json
import os
import random
import re
import shutil
import statistics
import time

from . import procs


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def measure(training_dir, work_dir, java, jar, jvm_options, rewrites, poll_interval, log, timeout=10.0):
    directory = os.path.join(work_dir, "visible-training")
    shutil.rmtree(directory, ignore_errors=True)
    shutil.copytree(training_dir, directory)
    path = os.path.join(directory, "quality_feedback.json")
    with open(path) as f:
        data = json.load(f)
    generator = next(iter(data["generator_stats"]))
    stats = data["generator_stats"][generator]
    base = stats["samples_generated"]
    # The exposition escapes a plain name's quotes like JSON does; the first generator is a plain name.
    wanted = re.compile(rb"^hafs_generator_samples_generated_total\{generator=" + re.escape(json.dumps(generator).encode())
                        + rb"\} (\S+)$", re.M)
    pace = random.Random(5)
    latencies, polls, lost = [], [], 0
    with procs.Exporter(java, jar, directory, jvm_options, os.path.join(work_dir, "exporter-visible.log")) as exporter:
        exporter.wait_ready()
        conn = http.client.HTTPConnection("127.0.0.1", exporter.port, timeout=5)
        for i in range(1, rewrites + 1):
            stats["samples_generated"] = base + i
            stats["samples_accepted"] = stats["samples_generated"] - stats["samples_rejected"]
            text = json.dumps(data, indent=2)
            with open(path, "w") as out:
                out.write(text)
            written = time.perf_counter()
            seen, n = None, 0
            while time.perf_counter() - written < timeout:
                conn.request("GET", "/metrics")
                body = conn.getresponse().read()
                n += 1
                match = wanted.search(body)
                if match and float(match.group(1)) == base + i:
                    seen = time.perf_counter()
                    break
                time.sleep(poll_interval)
            if seen is None:
                lost += 1
            else:
                latencies.append((seen - written) * 1000)
                polls.append(n)
            # HAFS saves once per batch; irregular gaps keep the rewrites from falling into step with the watch.
            time.sleep(pace.uniform(0.03, 0.15))
        conn.close()
    result = {"rewrites": rewrites, "file_bytes": len(text), "never_visible": lost,
              "poll_interval_ms": poll_interval * 1000,
              "p50_ms": statistics.median(latencies), "p99_ms": percentile(latencies, 99),
              "max_ms": max(latencies), "mean_ms": statistics.fmean(latencies),
              "mean_polls": statistics.fmean(polls), "latencies_ms": latencies}
    log(f"change to visible: p50 {result['p50_ms']:.1f} ms p99 {result['p99_ms']:.1f} ms max {result['max_ms']:.1f} ms"
        f" ({lost} never visible)")
    return result
