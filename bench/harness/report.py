"""results.json → results.md (the tables BENCHMARKS.md quotes) and the scrape latency plot."""
import os
import subprocess

PLOT = os.path.join(os.path.dirname(__file__), "..", "plot", "scrape-latency.gp")


def machine(java):
    def first(path, key):
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        return "?"

    def version(argv):
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
            return (out.stdout + out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    return {"nproc": os.cpu_count(), "cpu": first("/proc/cpuinfo", "model name"),
            "memory": first("/proc/meminfo", "MemTotal"), "kernel": os.uname().release,
            "java": version([java, "-version"]), "wrk": version(["wrk", "--version"]),
            "node_exporter": version(["prometheus-node-exporter", "--version"]),
            "python": version(["python3", "--version"])}


def write_curve(path, figures):
    with open(path, "w") as f:
        for p, ms in sorted(figures["plot_percentiles_ms"].items(), key=lambda x: float(x[0])):
            f.write(f"{float(p)} {ms}\n")


def plot(results, out_dir, overlay=None):
    """One data file per (size, peer): percentile → latency ms; gnuplot draws them side by side.
    An overlay (another run's results) adds its exporter's curves, dashed, under its label."""
    for size in results.get("scrape", []):
        for peer, figures in size["peers"].items():
            write_curve(os.path.join(out_dir, f"latency-{size['size']}-{peer}.dat"), figures)
    for size in (overlay or {}).get("scrape", []):
        write_curve(os.path.join(out_dir, f"latency-{size['size']}-overlay.dat"), size["peers"]["exporter"])
    titles = {s["size"]: f"{s['size']}: {s['series']} series" for s in results.get("scrape", [])}
    label = overlay.get("label", "other run") if overlay else ""
    subprocess.run(["gnuplot", "-e", f"dir='{out_dir}'; realistic_title='{titles.get('realistic', 'realistic')}'; "
                    f"large_title='{titles.get('large', 'large')}'; overlay={1 if overlay else 0}; "
                    f"overlay_label='{label}'; label='{results.get('label', 'exporter')}'", PLOT], check=True)


def num(value, digits=2):
    """JMH reports the error of a single iteration as the string "NaN"."""
    return f"{value:.{digits}f}" if isinstance(value, (int, float)) else "–"


def markdown(results):
    m = results["machine"]
    lines = [f"Run {results['started']} ({results['mode']}) of {results.get('label', 'exporter')} ({results.get('jar', '?')}), {m['nproc']} × {m['cpu']}, {m['memory']} RAM, "
             f"kernel {m['kernel']}; {m['java']}; {m['wrk']}; {m['node_exporter']}; {m['python']}.", ""]
    lines += [f"Load average (1 min) at the start of each stage: " + ", ".join(
        f"{k} {v:.2f}" for k, v in results["load"].items()), ""]
    if "scrape" in results:
        lines += ["### Scrape (wrk -t2 -c8, median of alternating rounds)", "",
                  "| size | series | body | peer | req/s | p50 ms | p99 ms | max ms | CPU ms/req | errors |",
                  "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
        for s in results["scrape"]:
            for peer, f in s["peers"].items():
                lines.append(f"| {s['size']} | {s['series']} | {s['bytes'] / 1000:.0f} kB | {peer} | {f['rps']:.0f} | "
                             f"{f['p50_ms']:.2f} | {f['p99_ms']:.2f} | {f['max_ms']:.1f} | {f['cpu_ms_per_request']:.2f} | {f['errors']} |")
        lines += ["", "One connection, one scrape after the other (wrk -t1 -c1):", "",
                  "| size | peer | req/s | p50 ms | p99 ms | max ms |", "|---|---|---:|---:|---:|---:|"]
        for s in results["scrape"]:
            for peer, f in s["peers"].items():
                if "sequential" in f:
                    q = f["sequential"]
                    lines.append(f"| {s['size']} | {peer} | {q['rps']:.0f} | {q['p50_ms']:.2f} | {q['p99_ms']:.2f} | {q['max_ms']:.1f} |")
        lines += ["", "| size | req/s ratio exporter / node_exporter (per round) | median | CPU per request ratio |",
                  "|---|---|---:|---:|"]
        for s in results["scrape"]:
            lines.append(f"| {s['size']} | {', '.join(f'{r:.2f}' for r in s['rps_ratio_rounds'])} | "
                         f"**{s['rps_ratio']:.2f}×** | {s['cpu_ratio']:.2f}× |")
        lines.append("")
        if any("gzip" in s for s in results["scrape"]):
            lines += ["### Scrape: identity vs Accept-Encoding: gzip (wrk -t2 -c8, median of alternating rounds; "
                      "bytes per response as read off the wire, headers included)", "",
                      "| size | series | peer | identity B/resp | gzip B/resp | identity req/s | gzip req/s | gzip p99 ms | "
                      "identity CPU ms/req | gzip CPU ms/req | gzip, one connection req/s |",
                      "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for s in results["scrape"]:
                for peer, f in s["peers"].items():
                    g = s.get("gzip", {}).get("peers", {}).get(peer)
                    if g:
                        lines.append(f"| {s['size']} | {s['series']} | {peer} | {f.get('bytes_per_response', 0):,.0f} | "
                                     f"{g['bytes_per_response']:,.0f} | {f['rps']:.0f} | {g['rps']:.0f} | {g['p99_ms']:.2f} | "
                                     f"{f['cpu_ms_per_request']:.2f} | {g['cpu_ms_per_request']:.2f} | {g['sequential']['rps']:.0f} |")
            lines += ["", "| size | gzip req/s ratio exporter / node_exporter (per round) | median | CPU per request ratio |",
                      "|---|---|---:|---:|"]
            for s in results["scrape"]:
                if "gzip" in s:
                    g = s["gzip"]
                    lines.append(f"| {s['size']} | {', '.join(f'{r:.2f}' for r in g['rps_ratio_rounds'])} | "
                                 f"**{g['rps_ratio']:.2f}×** | {g['cpu_ratio']:.2f}× |")
            lines.append("")
        if any("spaced" in s for s in results["scrape"]):
            lines += ["### CPU per scrape at Prometheus's pace (each scrape renders; Prometheus's Accept; busy minus idle CPU)", "",
                      "| size | encoding | scrapes, s apart | CPU ms per scrape | idle CPU ms over the window |", "|---|---|---|---:|---:|"]
            for s in results["scrape"]:
                for name, f in s.get("spaced", {}).items():
                    lines.append(f"| {s['size']} | {name} | {f['scrapes']}, {f['interval_s']} | {f['cpu_ms_per_scrape']:.2f} | "
                                 f"{f['idle_cpu_ms']:.0f} |")
            lines.append("")
    if "visible" in results:
        v = results["visible"]
        lines += ["### Change to visible", "",
                  f"{v['rewrites']} in-place rewrites of a {v['file_bytes'] / 1000:.0f} kB quality_feedback.json, "
                  f"/metrics polled every {v['poll_interval_ms']:.0f} ms: **p50 {v['p50_ms']:.1f} ms, p99 {v['p99_ms']:.1f} ms, "
                  f"max {v['max_ms']:.1f} ms** (mean {v['mean_ms']:.1f} ms; never visible: {v['never_visible']}).", ""]
    if "parse" in results:
        lines += ["### Parse (JMH, streaming from the page cache; Python json.loads of the same bytes)", "",
                  "| file | size | MB | Java ms/op | Java MB/s | allocated MB/op | Python ms | Python MB/s | Java / Python |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for r in results["parse"]:
            lines.append(f"| {r['file']} | {r['size']} | {r['bytes'] / 1e6:.2f} | {r['java_ms']:.2f} ± {num(r['java_ms_error'])} | "
                         f"{r['java_mb_s']:.0f} | {(r['bytes_per_op'] or 0) / 1e6:.2f} | {r['python_ms']:.1f} | "
                         f"{r['python_mb_s']:.0f} | **{r['ratio']:.2f}×** |")
        lines.append("")
    if "render" in results:
        lines += ["### Render cost of one scrape in-process (JMH, no HTTP)", "",
                  "| benchmark | size | µs/op | allocated kB/op |", "|---|---|---:|---:|"]
        for r in results["render"]:
            lines.append(f"| {r['benchmark']} | {r['size']} | {r['us_per_op']:.1f} ± {num(r['us_error'], 1)} | "
                         f"{(r['bytes_per_op'] or 0) / 1e3:.1f} |")
        lines.append("")
    if "heap" in results:
        sizes = ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in results["heap"][0]["file_bytes"].items())
        lines += [f"### Heap bound: the exporter loading the parse-large directory ({sizes})", "",
                  "| -Xmx | loaded | ready s | RSS MiB | peak RSS MiB |", "|---|---|---:|---:|---:|"]
        for h in results["heap"]:
            if h["loaded"]:
                lines.append(f"| {h['heap']} | yes | {h['ready_s']:.2f} | {h['rss_mib']:.0f} | {h['rss_peak_mib']:.0f} |")
            else:
                lines.append(f"| {h['heap']} | **no** | | | |")
        lines.append("")
    if "footprint" in results:
        lines += ["### Footprint by JVM options (realistic size)", "",
                  "| options | ready ms (median, min–max) | RSS after start MiB | RSS after scrapes MiB | peak MiB | scrapes | RSS after wrk MiB | wrk req/s | wrk p99 ms |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for f in results["footprint"]:
            opts = " ".join(f["options"]).replace(results.get("work", "\0") + "/", "$WORK/") or "(none)"
            lines.append(f"| {f['name']}: `{opts}` | {f['ready_s_median'] * 1000:.0f} ({f['ready_s_min'] * 1000:.0f}–"
                         f"{f['ready_s_max'] * 1000:.0f}) | {f['rss_start_mib']:.0f} | {f['rss_after_mib']:.0f} | "
                         f"{f['rss_peak_mib']:.0f} | {f['scrapes']} | {num(f.get('rss_after_wrk_mib'), 0)} | {f['rps']:.0f} | {f['p99_ms']:.2f} |")
        lines.append("")
    if "datasets" in results:
        d = results["datasets"]
        ready = d["ready"]
        lines += [f"### Datasets directory: {d['folders']} folders (datasets-1000) against realistic without it", "",
                  f"Every exporter of this stage runs with `{' '.join(d.get('flags', []))}` (every folder read and exported).", "",
                  "| | without datasets | with 1,000 folders | ratio |", "|---|---:|---:|---:|",
                  f"| ready ms (median of {len(ready['with']['starts'])} alternating starts) | {ready['without']['ready_ms']:.0f} | "
                  f"{ready['with']['ready_ms']:.0f} | **{ready['ready_ratio']:.2f}×** |",
                  f"| RSS 1 s after ready MiB | {ready['without']['rss_mib']:.0f} | {ready['with']['rss_mib']:.0f} | |", ""]
        r = d["rounds"]
        lines += [f"Rescans every {d['rescan_interval']} (`--watch.poll-interval`), against the same exporter polling hourly, "
                  f"one fresh process per condition, {len(r['idle']['rounds'])} alternating rounds; ratios per round, then their median:", "",
                  "| condition | idle CPU ms/s | sequential p50 ms | sequential p99 ms | p99 / idle | t2c8 req/s | req/s / idle | t2c8 p99 ms | errors |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for name in ("idle", "rescanning", "rescanning+new folders"):
            c = r[name]
            lines.append(f"| {name} | {c['idle_cpu_ms_per_s']:.1f} | {c['sequential_p50_ms']:.2f} | {c['sequential_p99_ms']:.2f} | "
                         f"{num(c.get('sequential_p99_ratio'))} | {c['concurrent_rps']:.0f} | {num(c.get('concurrent_rps_ratio'))} | "
                         f"{c['concurrent_p99_ms']:.2f} | {c['errors']} |")
        v = d["visible"]
        lines += ["", f"CPU of one rescan of {d['folders']} unchanged folders: **{r['rescan_cpu_ms']:.2f} ms**. "
                  f"A full re-read of every folder (SIGHUP): {v['reread_ms']:.0f} ms, {v['reread_cpu_ms']:.0f} ms CPU.", "",
                  "| change to visible (poll an hour away) | p50 ms | p99 ms | max ms |", "|---|---:|---:|---:|",
                  f"| a new dataset folder, from its metadata.json written | {v['new_folder']['p50_ms']:.1f} | "
                  f"{v['new_folder']['p99_ms']:.1f} | {v['new_folder']['max_ms']:.1f} |",
                  f"| a rewrite of quality_feedback.json, same process | {v['quality_rewrite']['p50_ms']:.1f} | "
                  f"{v['quality_rewrite']['p99_ms']:.1f} | {v['quality_rewrite']['max_ms']:.1f} |",
                  f"| ratio of p50s | **{v['new_folder_p50_ratio']:.2f}×** | | |", ""]
    return "\n".join(lines)
