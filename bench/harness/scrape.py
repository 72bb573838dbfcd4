"""Scrape throughput and latency: wrk against the exporter and against node_exporter's textfile
collector serving the very same series, in alternating rounds so both see the same machine."""
import json
import os
import re
import statistics
import subprocess

from . import procs

LUA = os.path.join(os.path.dirname(__file__), "..", "wrk", "report.lua")


def wrk(port, path="/metrics", seconds=10, threads=2, connections=8, accept=""):
    """One bounded wrk run; returns its figures (rps, latency percentiles in ms, errors)."""
    env = dict(os.environ, WRK_ACCEPT=accept)
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


def compare(size, training_dir, work_dir, java, jar, jvm_options, seconds, rounds, warmup_seconds, log):
    """Alternating rounds exporter, node_exporter, ...; the medians and the ratio of medians."""
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
            log(f"scrape {size}: {len(ours)} series, {len(exposition)} bytes; warming up")
            for port in peers.values():
                wrk(port, seconds=warmup_seconds)
            runs = {peer: [] for peer in peers}
            cpu = {peer: 0.0 for peer in peers}
            pids = {"exporter": exporter.pid, "node_exporter": node.pid}
            for r in range(rounds):
                for peer, port in peers.items():
                    before = procs.cpu_seconds(pids[peer])
                    result = wrk(port, seconds=seconds)
                    cpu[peer] += procs.cpu_seconds(pids[peer]) - before
                    result["load"] = procs.load_average()[0]
                    runs[peer].append(result)
                    log(f"  round {r + 1} {peer}: {result['rps']:.0f} req/s p50 {result['p50_ms']:.2f} ms "
                        f"p99 {result['p99_ms']:.2f} ms (load {result['load']:.2f})")
            summary = {"size": size, "series": len(ours), "node_exporter_series": len(theirs),
                       "bytes": len(exposition), "seconds_per_round": seconds, "rounds": rounds, "peers": {}}
            for peer, results in runs.items():
                median_run = sorted(results, key=lambda x: x["rps"])[len(results) // 2]
                total_requests = sum(x["requests"] for x in results)
                summary["peers"][peer] = {
                    "rps": statistics.median(x["rps"] for x in results),
                    "p50_ms": statistics.median(x["p50_ms"] for x in results),
                    "p99_ms": statistics.median(x["p99_ms"] for x in results),
                    "max_ms": max(x["max_ms"] for x in results),
                    "errors": sum(x["errors"] for x in results),
                    "cpu_ms_per_request": 1000 * cpu[peer] / max(total_requests, 1),
                    "rounds": results,
                    "plot_percentiles_ms": median_run["percentiles_ms"],
                }
            # One client asking one scrape after the other: what a Prometheus server sees when nothing else loads the machine.
            for peer, port in peers.items():
                summary["peers"][peer]["sequential"] = wrk(port, seconds=seconds, threads=1, connections=1)
                log(f"  sequential {peer}: {summary['peers'][peer]['sequential']['rps']:.0f} req/s "
                    f"p50 {summary['peers'][peer]['sequential']['p50_ms']:.2f} ms p99 {summary['peers'][peer]['sequential']['p99_ms']:.2f} ms")
            # Ratio per round (adjacent runs share the machine's mood), then the median of those.
            summary["rps_ratio_rounds"] = [e["rps"] / n["rps"] for e, n in zip(runs["exporter"], runs["node_exporter"])]
            summary["rps_ratio"] = statistics.median(summary["rps_ratio_rounds"])
            summary["cpu_ratio"] = (summary["peers"]["node_exporter"]["cpu_ms_per_request"]
                                    / max(summary["peers"]["exporter"]["cpu_ms_per_request"], 1e-9))
            return summary
