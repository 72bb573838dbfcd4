"""Parse speed: JMH on each parser (bytes allocated per op from -prof gc) and Python's json.loads
of the same bytes, measured in the same run, right before and right after JMH."""
import json
import os
import statistics
import subprocess
import time

FILES = {"quality": "quality_feedback.json", "active": "active_learning.json", "training": "training_feedback.json"}
BENCHMARK_CLASS = {"quality": "QualityFeedbackParserBenchmark", "active": "ActiveLearningParserBenchmark",
                   "training": "TrainingFeedbackParserBenchmark"}


def python_loads(path, min_seconds, min_runs=3):
    """Seconds per json.loads of the file's bytes (read once beforehand), over repeated runs."""
    with open(path, "rb") as f:
        data = f.read()
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_seconds:
        t = time.perf_counter()
        json.loads(data)
        times.append(time.perf_counter() - t)
    return times


def run_jmh(java, bench_jar, data_dir, out_json, jmh_args, include, log):
    env = dict(os.environ, HAFS_BENCH_DATA=data_dir)
    argv = [java, "-jar", bench_jar, include, "-prof", "gc", "-rf", "json", "-rff", out_json, *jmh_args]
    log("jmh: " + " ".join(argv[1:]))
    subprocess.run(argv, env=env, check=True, stdout=open(out_json + ".log", "w"), stderr=subprocess.STDOUT)
    with open(out_json) as f:
        return json.load(f)


def jmh_rows(results):
    """(benchmark, params) → score (ms/op or µs/op as reported), error, B/op."""
    rows = {}
    for r in results:
        key = (r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1], r.get("params", {}).get("size"))
        primary = r["primaryMetric"]
        secondary = r.get("secondaryMetrics", {})
        rows[key] = {"score": primary["score"], "error": primary["scoreError"], "unit": primary["scoreUnit"],
                     "bytes_per_op": secondary.get("·gc.alloc.rate.norm", secondary.get("gc.alloc.rate.norm", {})).get("score"),
                     "jvm_args": r.get("jvmArgs", [])}
    return rows


def measure(java, bench_jar, data_dir, sizes, work_dir, jmh_args, python_seconds, ship_options, log):
    paths = {(kind, size): os.path.join(data_dir, size, name) for kind, name in FILES.items() for size in sizes}
    python = {key: python_loads(path, python_seconds) for key, path in paths.items()}
    results = run_jmh(java, bench_jar, data_dir, os.path.join(work_dir, "jmh-parse.json"), jmh_args,
                      "dev.hafs.exporter.bench.*ParserBenchmark", log)
    # The large quality file once more under the shipped options (C1 only, 64 MB heap), which is
    # what the daemon parses with; the rows above use JMH's default JIT and a 128 MB heap.
    shipped = run_jmh(java, bench_jar, data_dir, os.path.join(work_dir, "jmh-parse-shipped.json"),
                      jmh_args + ["-p", f"size={sizes[-1]}", "-jvmArgsAppend", " ".join(ship_options)],
                      "dev.hafs.exporter.bench.QualityFeedbackParserBenchmark", log)
    for key, path in paths.items():
        python[key] += python_loads(path, python_seconds)
    rows = jmh_rows(results)
    rows.update({(bench, "shipped-jvm-options " + size): row for (bench, size), row in jmh_rows(shipped).items()})
    paths[("quality", "shipped-jvm-options " + sizes[-1])] = paths[("quality", sizes[-1])]
    python[("quality", "shipped-jvm-options " + sizes[-1])] = python[("quality", sizes[-1])]
    table = []
    for (kind, size), path in paths.items():
        size_bytes = os.path.getsize(path)
        jmh = rows[(BENCHMARK_CLASS[kind] + ".parse", size)]
        seconds = jmh["score"] / 1000  # the parser benchmarks report ms/op
        py = statistics.median(python[(kind, size)])
        table.append({"file": FILES[kind], "size": size, "bytes": size_bytes,
                      "java_ms": jmh["score"], "java_ms_error": jmh["error"],
                      "java_mb_s": size_bytes / seconds / 1e6, "bytes_per_op": jmh["bytes_per_op"],
                      "python_ms": py * 1000, "python_mb_s": size_bytes / py / 1e6,
                      "python_runs": len(python[(kind, size)]),
                      "ratio": (size_bytes / seconds) / (size_bytes / py), "jvm_args": jmh["jvm_args"]})
        log(f"parse {FILES[kind]} ({size}, {size_bytes / 1e6:.1f} MB): {table[-1]['java_mb_s']:.0f} MB/s, "
            f"{(jmh['bytes_per_op'] or 0) / 1e6:.1f} MB/op; python {table[-1]['python_mb_s']:.0f} MB/s; "
            f"×{table[-1]['ratio']:.2f}")
    return table


def render_cost(java, bench_jar, data_dir, work_dir, jmh_args, log):
    """In-process cost of one scrape (registry render, no HTTP), for explaining the wrk figures."""
    results = run_jmh(java, bench_jar, data_dir, os.path.join(work_dir, "jmh-scrape.json"), jmh_args,
                      "dev.hafs.exporter.bench.ScrapeBenchmark", log)
    table = [{"benchmark": bench, "size": size, "us_per_op": row["score"], "us_error": row["error"],
              "bytes_per_op": row["bytes_per_op"]} for (bench, size), row in jmh_rows(results).items()]
    for row in table:
        log(f"render {row['benchmark']} {row['size']}: {row['us_per_op']:.0f} µs, {(row['bytes_per_op'] or 0) / 1e3:.0f} kB/op")
    return table
