"""Footprint per set of JVM options: time from process start to /-/ready with the data loaded, RSS
after start and after N scrapes, and the scrape throughput of those N scrapes."""
import os
import statistics
import time

from . import procs, scrape

FILES = ("quality_feedback.json", "active_learning.json", "training_feedback.json")


def start_once(java, jar, training_dir, options, log_path, settle):
    """An exporter started and ready; returns it (running) with its start-to-ready seconds and RSS."""
    exporter = procs.Exporter(java, jar, training_dir, options, log_path)
    try:
        ready = exporter.wait_ready()
        up = exporter.sources_up()
        if any(up.get(f) != 1.0 for f in FILES):
            raise RuntimeError(f"ready but not every file is loaded: {up}")
        time.sleep(settle)
        return exporter, ready
    except BaseException:
        exporter.stop()
        raise


def measure(name, options, java, jar, training_dir, work_dir, starts, scrapes, settle, throughput_seconds, log):
    log_path = os.path.join(work_dir, f"exporter-footprint-{name}.log")
    ready_times = []
    for _ in range(starts - 1):
        exporter, ready = start_once(java, jar, training_dir, options, log_path, 0)
        exporter.stop()
        ready_times.append(ready)
    exporter, ready = start_once(java, jar, training_dir, options, log_path, settle)
    ready_times.append(ready)
    with exporter:
        rss_start, _ = procs.rss_kib(exporter.pid)
        scrape_seconds = procs.scrape_times(exporter.port, scrapes)
        time.sleep(settle)
        rss_after, hwm = procs.rss_kib(exporter.pid)
        # Throughput under these options, after the RSS figures so its extra scrapes do not count.
        run = scrape.wrk(exporter.port, seconds=throughput_seconds)
        rss_after_wrk, _ = procs.rss_kib(exporter.pid)
    result = {"name": name, "options": options, "starts": starts,
              "ready_s_median": statistics.median(ready_times), "ready_s_min": min(ready_times),
              "ready_s_max": max(ready_times), "rss_start_mib": rss_start / 1024, "rss_after_mib": rss_after / 1024,
              "rss_peak_mib": hwm / 1024, "scrapes": scrapes, "scrape_seconds": scrape_seconds, "rps": run["rps"],
              "rss_after_wrk_mib": rss_after_wrk / 1024,
              "p50_ms": run["p50_ms"], "p99_ms": run["p99_ms"], "errors": run["errors"]}
    log(f"footprint {name}: ready {result['ready_s_median'] * 1000:.0f} ms, RSS {result['rss_start_mib']:.0f} → "
        f"{result['rss_after_mib']:.0f} MiB after {scrapes} scrapes; wrk {run['rps']:.0f} req/s p99 {run['p99_ms']:.1f} ms")
    return result


def heap_bound(java, jar, training_dir, work_dir, heaps, log):
    """The exporter loads the large files (~100 MB quality file) with each of these -Xmx values, or not."""
    results = []
    sizes = {f: os.path.getsize(os.path.join(training_dir, f)) for f in FILES}
    for heap in heaps:
        options = ["-XX:+UseSerialGC", f"-Xmx{heap}"]
        log_path = os.path.join(work_dir, f"exporter-heap-{heap}.log")
        try:
            exporter, ready = start_once(java, jar, training_dir, options, log_path, 0)
            with exporter:
                rss, hwm = procs.rss_kib(exporter.pid)
            results.append({"heap": heap, "loaded": True, "ready_s": ready, "rss_mib": rss / 1024, "rss_peak_mib": hwm / 1024,
                            "file_bytes": sizes})
        except RuntimeError as e:
            results.append({"heap": heap, "loaded": False, "problem": str(e), "file_bytes": sizes})
        log(f"heap bound -Xmx{heap}: {results[-1]}")
    return results
