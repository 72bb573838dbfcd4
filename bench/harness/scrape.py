"""Scrape throughput and latency: wrk against the exporter and against node_exporter's textfile
collector serving the very same series, in alternating rounds so both see the same machine, with
and without Accept-Encoding: gzip (which Prometheus always sends; node_exporter honours it too)."""
import http.client
import json
import os
import re
import statistics
import subprocess
import time

from . import procs

LUA = os.path.join(os.path.dirname(__file__), "..", "wrk", "report.lua")


ENCODINGS = {"identity": "", "gzip": "gzip"}


def wrk(port, path="/metrics", seconds=10, threads=2, connections=8, accept="", accept_encoding=""):
    """One bounded wrk run; returns its figures (rps, latency percentiles in ms, bytes per response
    as read off the wire, headers included, errors)."""
    env = dict(os.environ, WRK_ACCEPT=accept, WRK_ACCEPT_ENCODING=accept_encoding)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
                          "-s", LUA, f"http://127.0.0.1:{port}{path}"], env=env, capture_output=True, text=True,
                         timeout=seconds + 60, check=True).stdout
    match = re.search(r"^BENCH_JSON (.*)$", out, re.M)
    if not match:
        raise RuntimeError("wrk printed no figures:\n" + out)
    raw = json.loads(match.group(1))
    errors = sum(raw["errors"].values())
    lat = raw["latency_us"]
    return {
        "requests": raw["requests"],
        "seconds": raw["duration_us"] / 1e6,
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "bytes_per_response": raw["bytes"] / max(raw["requests"], 1),
        "errors": errors,
        "p50_ms": lat["percentiles"]["50"] / 1000,
        "p90_ms": lat["percentiles"]["90"] / 1000,
        "p99_ms": lat["percentiles"]["99"] / 1000,
        "max_ms": lat["max"] / 1000,
        "percentiles_ms": {p: v / 1000 for p, v in lat["percentiles"].items()},
    }


def save_exposition(exporter_port, textfile_dir):
    """The exporter's own text output, as node_exporter's textfile collector will serve it."""
    status, body = procs.get(exporter_port, "/metrics")
    if status != 200:
        raise RuntimeError(f"/metrics answered {status}")
    os.makedirs(textfile_dir, exist_ok=True)
    path = os.path.join(textfile_dir, "hafs.prom")
    with open(path + ".tmp", "wb") as f:
        f.write(body)
    os.replace(path + ".tmp", path)
    return body


def compare(size, training_dir, work_dir, java, jar, jvm_options, seconds, rounds, warmup_seconds, spaced_scrapes, log):
    """Alternating rounds exporter, node_exporter, ... per encoding; the medians and the ratio of medians."""
    textfile_dir = os.path.join(work_dir, f"textfile-{size}")
    with procs.Exporter(java, jar, training_dir, jvm_options, os.path.join(work_dir, f"exporter-scrape-{size}.log")) as exporter:
        exporter.wait_ready()
        exposition = save_exposition(exporter.port, textfile_dir)
        with procs.NodeExporter(textfile_dir, os.path.join(work_dir, f"node-exporter-{size}.log")) as node:
            node.wait_ready()
            ours = procs.series(exposition)
            _, theirs_body = procs.get(node.port, "/metrics")
            theirs = procs.series(theirs_body)
            missing = [key for key, value in ours.items() if not procs.same_value(theirs.get(key), value)]
            if missing:
                raise RuntimeError(f"node_exporter does not serve {len(missing)} of the exporter's series, e.g. {missing[:3]}")
            peers = {"exporter": exporter.port, "node_exporter": node.port}
            pids = {"exporter": exporter.pid, "node_exporter": node.pid}
            log(f"scrape {size}: {len(ours)} series, {len(exposition)} bytes; warming up")
            for port in peers.values():
                for encoding in ENCODINGS.values():
                    wrk(port, seconds=warmup_seconds, accept_encoding=encoding)
            summary = {"size": size, "series": len(ours), "node_exporter_series": len(theirs),
                       "bytes": len(exposition), "seconds_per_round": seconds, "rounds": rounds}
            # The identity figures stay at the top level (the plot and earlier results read them there).
            summary.update(compare_rounds(peers, pids, seconds, rounds, "", f"{size} identity", log))
            summary["gzip"] = compare_rounds(peers, pids, seconds, rounds, "gzip", f"{size} gzip", log)
            # What a Prometheus server costs the exporter: one scrape every few seconds, each of which
            # renders (the body is kept 1 s), with and without gzip, against the idle process.
            summary["spaced"] = {name: spaced_cpu(exporter.port, exporter.pid, spaced_scrapes, encoding)
                                 for name, encoding in ENCODINGS.items()}
            for name, figures in summary["spaced"].items():
                log(f"  spaced {name}: {figures['cpu_ms_per_scrape']:.2f} ms CPU per scrape "
                    f"({figures['scrapes']} scrapes {figures['interval_s']} s apart, idle {figures['idle_cpu_ms']:.0f} ms)")
            return summary


def compare_rounds(peers, pids, seconds, rounds, accept_encoding, what, log):
    """Alternating wrk rounds exporter, node_exporter, ... with one Accept-Encoding; medians, ratios."""
    runs = {peer: [] for peer in peers}
    cpu = {peer: 0.0 for peer in peers}
    for r in range(rounds):
        for peer, port in peers.items():
            before = procs.cpu_seconds(pids[peer])
            result = wrk(port, seconds=seconds, accept_encoding=accept_encoding)
            cpu[peer] += procs.cpu_seconds(pids[peer]) - before
            result["load"] = procs.load_average()[0]
            runs[peer].append(result)
            log(f"  {what} round {r + 1} {peer}: {result['rps']:.0f} req/s p50 {result['p50_ms']:.2f} ms "
                f"p99 {result['p99_ms']:.2f} ms, {result['bytes_per_response'] / 1000:.1f} kB/response (load {result['load']:.2f})")
    summary = {"accept_encoding": accept_encoding, "peers": {}}
    for peer, results in runs.items():
        median_run = sorted(results, key=lambda x: x["rps"])[len(results) // 2]
        total_requests = sum(x["requests"] for x in results)
        summary["peers"][peer] = {
            "rps": statistics.median(x["rps"] for x in results),
            "p50_ms": statistics.median(x["p50_ms"] for x in results),
            "p99_ms": statistics.median(x["p99_ms"] for x in results),
            "max_ms": max(x["max_ms"] for x in results),
            "errors": sum(x["errors"] for x in results),
            "bytes_per_response": statistics.median(x["bytes_per_response"] for x in results),
            "cpu_ms_per_request": 1000 * cpu[peer] / max(total_requests, 1),
            "rounds": results,
            "plot_percentiles_ms": median_run["percentiles_ms"],
        }
    # One client asking one scrape after the other: what a Prometheus server sees when nothing else loads the machine.
    for peer, port in peers.items():
        summary["peers"][peer]["sequential"] = wrk(port, seconds=seconds, threads=1, connections=1,
                                                   accept_encoding=accept_encoding)
        q = summary["peers"][peer]["sequential"]
        log(f"  {what} sequential {peer}: {q['rps']:.0f} req/s p50 {q['p50_ms']:.2f} ms p99 {q['p99_ms']:.2f} ms")
    # Ratio per round (adjacent runs share the machine's mood), then the median of those.
    summary["rps_ratio_rounds"] = [e["rps"] / n["rps"] for e, n in zip(runs["exporter"], runs["node_exporter"])]
    summary["rps_ratio"] = statistics.median(summary["rps_ratio_rounds"])
    summary["cpu_ratio"] = (summary["peers"]["node_exporter"]["cpu_ms_per_request"]
                            / max(summary["peers"]["exporter"]["cpu_ms_per_request"], 1e-9))
    return summary


def spaced_cpu(port, pid, scrapes, accept_encoding, interval=1.2):
    """CPU per scrape when scrapes come further apart than the 1 s a body is kept (every one renders
    and, with gzip, compresses): the process's CPU over `scrapes` spaced scrapes minus its CPU over
    the same time idle. Kernel clock ticks are 10 ms, hence many scrapes."""
    headers = {"Accept": PROMETHEUS_ACCEPT}
    if accept_encoding:
        headers["Accept-Encoding"] = accept_encoding

    def window(scrape):
        before, start = procs.cpu_seconds(pid), time.perf_counter()
        for i in range(scrapes):
            if scrape:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/metrics", headers=headers)
                conn.getresponse().read()
                conn.close()
            time.sleep(max(0.0, start + (i + 1) * interval - time.perf_counter()))
        return procs.cpu_seconds(pid) - before

    idle = window(False)
    busy = window(True)
    return {"scrapes": scrapes, "interval_s": interval, "idle_cpu_ms": 1000 * idle, "busy_cpu_ms": 1000 * busy,
            "cpu_ms_per_scrape": 1000 * max(busy - idle, 0.0) / scrapes}


# What Prometheus 2.x sends by default: OpenMetrics preferred over text 0.0.4.
PROMETHEUS_ACCEPT = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                     "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
