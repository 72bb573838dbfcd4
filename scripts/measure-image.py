#!/usr/bin/env python3
"""The image's figures for BENCHMARKS.md, with the jar measured in the same run as its peer:
start to the first 200 of /-/ready with every file loaded (median of --runs starts; the image from
`docker start` of a created container, the jar from the process start), and RSS after 10,000
scrapes over 8 keep-alive connections (the image's JVM read from /proc on the host).

    scripts/measure-image.py --image hafs-training-exporter:local --jar target/hafs-training-exporter.jar

Needs Docker (host networking), the image built (scripts/build-local-images.sh --exporter) and the
jar (./mvnw -DskipTests package). Everything runs on 127.0.0.1 and is stopped at the end.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from harness import procs  # noqa: E402

FILES = ("quality_feedback.json", "active_learning.json", "training_feedback.json")


def jvm_options():
    with open(os.path.join(ROOT, "docker/image/jvm.options")) as f:
        return [line.strip() for line in f if line.strip()]


def wait_ready(port, started, timeout=60):
    while time.perf_counter() - started < timeout:
        if procs.get(port, "/-/ready", timeout=1.0)[0] == 200:
            return time.perf_counter() - started
        time.sleep(0.005)
    raise RuntimeError(f"not ready on port {port} within {timeout}s")


def check_loaded(port):
    body = procs.get(port, "/metrics")[1].decode()
    missing = [f for f in FILES if f'hafs_source_up{{file="{f}"}} 1' not in body]
    if missing:
        raise RuntimeError(f"ready, but not loaded: {missing}")


def docker(*args):
    return subprocess.run(["docker", *args], check=True, capture_output=True, text=True).stdout.strip()


def image_start(image, data, name):
    port = procs.free_port()
    docker("create", "--name", name, "--network", "host", "--read-only", "--cap-drop", "ALL",
           "-v", f"{data}:/data:ro", image, f"--web.listen-address=127.0.0.1:{port}")
    started = time.perf_counter()
    docker("start", name)
    ready = wait_ready(port, started)
    check_loaded(port)
    return port, ready


def rss_after_scrapes(pid, port, scrapes):
    procs.scrape_times(port, scrapes)
    time.sleep(1)
    return procs.rss_kib(pid)[0] / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--image", default="hafs-training-exporter:local")
    parser.add_argument("--jar", default=os.path.join(ROOT, "target/hafs-training-exporter.jar"))
    parser.add_argument("--java", default=os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin/java"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scrapes", type=int, default=10000)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="hafs-measure-image-")
    data = os.path.join(work, "realistic")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/gen_training_dir.py"), "--preset", "realistic", data],
                   check=True, capture_output=True)
    for path in (work, data):
        os.chmod(path, 0o755)
    for f in FILES:
        os.chmod(os.path.join(data, f), 0o644)

    size = int(docker("image", "inspect", "--format", "{{.Size}}", args.image))
    print(f"image {args.image}: {size / 1e6:.1f} MB; load average {procs.load_average()}")

    results = {"image": [], "jar": []}
    rss = {}
    for run in range(args.runs):
        last = run == args.runs - 1
        name = f"hafs-measure-{os.getpid()}-{run}"
        try:
            port, ready = image_start(args.image, data, name)
            results["image"].append(ready)
            if last:
                rss["image"] = rss_after_scrapes(int(docker("inspect", "--format", "{{.State.Pid}}", name)), port, args.scrapes)
        finally:
            subprocess.run(["docker", "rm", "-f", name], capture_output=True)
        exporter = procs.Exporter(args.java, args.jar, data, jvm_options(), os.path.join(work, "jar.log"))
        try:
            results["jar"].append(exporter.wait_ready())
            check_loaded(exporter.port)
            if last:
                time.sleep(1)
                rss["jar"] = rss_after_scrapes(exporter.pid, exporter.port, args.scrapes)
        finally:
            exporter.stop()
    for what, times in results.items():
        print(f"{what}: ready median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, "
              f"max {max(times) * 1000:.0f}, {len(times)} starts); RSS after {args.scrapes} scrapes {rss[what]:.0f} MiB")
    print(f"load average at the end {procs.load_average()}")


if __name__ == "__main__":
    main()
