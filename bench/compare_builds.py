#!/usr/bin/env python3
"""CPU per scrape at Prometheus's pace, two builds of the exporter side by side, in alternating
rounds on the same data (what a one-registry or gzip change costs per real scrape, which wrk's
closed loop hides: there the body is reused for a second).

    bench/compare_builds.py --java JAVA --jar NEW.jar --peer-jar OLD.jar --data DIR/realistic,DIR/large
                            [--rounds 5] [--scrapes 25] [--interval 1.2] [--out results.json]

DIR comes from bench/gen_training_dir.py (bench/run.sh puts it in target/bench-work/data). Each build
runs with the shipped JVM options on 127.0.0.1; every process is stopped at the end.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import jvm_options, procs, scrape  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--java", default="java")
    parser.add_argument("--jar", required=True)
    parser.add_argument("--peer-jar", required=True)
    parser.add_argument("--data", required=True, help="comma-separated training directories")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scrapes", type=int, default=25)
    parser.add_argument("--interval", type=float, default=1.2)
    parser.add_argument("--out")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="hafs-compare-builds-")
    results = {"load_start": procs.load_average()[0], "sizes": {}}
    for data in args.data.split(","):
        size = os.path.basename(os.path.normpath(data))
        builds = {"jar": args.jar, "peer": args.peer_jar}
        figures = {(build, enc): [] for build in builds for enc in scrape.ENCODINGS}
        with procs.Exporter(args.java, args.jar, data, jvm_options.SHIP, os.path.join(work, f"{size}-jar.log")) as new, \
                procs.Exporter(args.java, args.peer_jar, data, jvm_options.SHIP, os.path.join(work, f"{size}-peer.log")) as old:
            running = {"jar": new, "peer": old}
            for exporter in running.values():
                exporter.wait_ready()
                for encoding in scrape.ENCODINGS.values():
                    scrape.wrk(exporter.port, seconds=3, accept_encoding=encoding)  # warm-up
            for r in range(args.rounds):
                for build, exporter in running.items():
                    for name, encoding in scrape.ENCODINGS.items():
                        f = scrape.spaced_cpu(exporter.port, exporter.pid, args.scrapes, encoding, args.interval)
                        figures[(build, name)].append(f["cpu_ms_per_scrape"])
                        print(f"[compare] {size} round {r + 1} {build} {name}: {f['cpu_ms_per_scrape']:.2f} ms CPU per scrape "
                              f"(load {procs.load_average()[0]:.2f})", flush=True)
            wire = {build: {name: len(procs.get(exporter.port, "/metrics", {"Accept": scrape.PROMETHEUS_ACCEPT,
                                                                                "Accept-Encoding": encoding} if encoding
                                                    else {"Accept": scrape.PROMETHEUS_ACCEPT})[1])
                            for name, encoding in scrape.ENCODINGS.items()} for build, exporter in running.items()}
        results["sizes"][size] = {
            "cpu_ms_per_scrape": {f"{build} {name}": {"median": statistics.median(v), "rounds": v} for (build, name), v in figures.items()},
            "body_bytes": wire}
        for (build, name), v in figures.items():
            print(f"[compare] {size} {build} ({builds[build]}) {name}: median {statistics.median(v):.2f} ms CPU per scrape, "
                  f"body {wire[build][name]:,} bytes", flush=True)
    results["load_end"] = procs.load_average()[0]
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
