"""Starting, probing and stopping the two peers: the exporter's jar and node_exporter's textfile collector."""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, headers=None, timeout=5.0):
    """(status, body) of one GET on 127.0.0.1, or (None, b"") when nothing answers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    except OSError:
        return None, b""
    finally:
        conn.close()


def rss_kib(pid):
    """VmRSS and VmHWM (peak) of a process, in KiB."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


class Process:
    """A child process bounded in time: stop() ends it (SIGTERM, then SIGKILL) and only it."""

    def __init__(self, argv, log_path, env=None):
        self.argv = argv
        self.log = open(log_path, "ab")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Exporter(Process):
    def __init__(self, java, jar, training_dir, jvm_options, log_path, port=None, extra_args=()):
        self.port = port or free_port()
        super().__init__([java, *jvm_options, "-jar", jar, f"--training.dir={training_dir}",
                          f"--web.listen-address=127.0.0.1:{self.port}", *extra_args], log_path)

    def wait_ready(self, timeout=60.0, poll=0.005):
        """Seconds from the process start until /-/ready answered 200."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if not self.alive():
                raise RuntimeError(f"the exporter exited with {self.proc.returncode}: see {self.log.name}")
            status, _ = get(self.port, "/-/ready", timeout=1.0)
            if status == 200:
                return time.perf_counter() - self.started
            time.sleep(poll)
        raise RuntimeError(f"the exporter was not ready within {timeout}s: see {self.log.name}")

    def sources_up(self):
        """file → value of hafs_source_up, as /metrics says now."""
        _, body = get(self.port, "/metrics")
        return {m.group(1).decode(): float(m.group(2)) for m in
                re.finditer(rb'^hafs_source_up\{file="([^"]+)"\} (\S+)$', body, re.M)}


class NodeExporter(Process):
    BINARY = "prometheus-node-exporter"

    def __init__(self, textfile_dir, log_path):
        self.port = free_port()
        # Without its own go_*/process_* meters it serves the same series as the exporter (whose
        # process_* names it would otherwise collide with), plus a few node_textfile_* lines.
        super().__init__([shutil.which(self.BINARY) or self.BINARY, "--collector.disable-defaults",
                          "--collector.textfile", f"--collector.textfile.directory={textfile_dir}",
                          "--web.disable-exporter-metrics", f"--web.listen-address=127.0.0.1:{self.port}"],
                         log_path)

    def wait_ready(self, timeout=20.0):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.alive():
                raise RuntimeError(f"node_exporter exited with {self.proc.returncode}: see {self.log.name}")
            if get(self.port, "/metrics", timeout=1.0)[0] == 200:
                return
            time.sleep(0.02)
        raise RuntimeError(f"node_exporter did not answer within {timeout}s")


SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def series(body):
    """{(name, sorted labels): value} of a text exposition; the peers order labels and format floats differently."""
    result = {}
    for line in body.decode().splitlines():
        match = SAMPLE.match(line)
        if match and not line.startswith("#"):
            labels = tuple(sorted(LABEL.findall(match.group(2) or "")))
            result[(match.group(1), labels)] = float(match.group(3))
    return result


def same_value(a, b):
    return a is not None and (a == b or (a != a and b != b))


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def cpu_seconds(pid):
    """User + system CPU the process used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def scrape_times(port, total, connections=8, path="/metrics"):
    """Exactly `total` GETs over `connections` keep-alive connections; returns the seconds it took."""
    import threading

    failures = []

    def worker(count):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            for _ in range(count):
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(response.status)
        finally:
            conn.close()

    shares = [total // connections + (1 if i < total % connections else 0) for i in range(connections)]
    threads = [threading.Thread(target=worker, args=(n,)) for n in shares]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"{len(failures)} scrapes failed, e.g. status {failures[0]}")
    return time.perf_counter() - start
