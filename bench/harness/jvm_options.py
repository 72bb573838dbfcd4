"""The JVM option sets the footprint stage compares, and the one the other stages (and the
launcher, the Dockerfile and the README) use."""
import os

from . import procs, scrape

# What the scrape, change-to-visible and heap stages run with: the shipped options (BENCHMARKS.md
# says why each is there). The AOT cache of the shipped set is made by a training start first.
# -XX:+ExitOnOutOfMemoryError: a heap that ran out leaves threads in unknown states; the exporter
# exits so that its supervisor starts a fresh one (README, Guarantees).
SHIP = ["-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
        "-Dsun.misc.unsafe.memory.access=allow"]

LEAN = ["-XX:+UseSerialGC", "-Xmx64m", "-Xss256k"]
SMALL = LEAN + ["-Xms8m"]
C1 = SMALL + ["-XX:TieredStopAtLevel=1"]

# name → options, in the order of the report; each row adds one option to a row above it.
# {archive} is replaced by a per-run file that a training start creates first (see prepare()).
SETS = [
    ("jdk-defaults", []),
    ("dockerfile-before", ["-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-Xss512k"]),
    ("serial", ["-XX:+UseSerialGC"]),
    ("maxram-256m", ["-XX:MaxRAM=256m"]),
    ("serial-xmx64m-xss256k", LEAN),
    ("+xms8m", SMALL),
    ("+compact-headers", SMALL + ["-XX:+UseCompactObjectHeaders"]),
    ("+aot-cache", SMALL + ["-XX:AOTCache={archive}.aot"]),
    ("+c1-only", C1),
    ("+c1-only+compact-headers", C1 + ["-XX:+UseCompactObjectHeaders"]),
    ("+c1-only+appcds", C1 + ["-XX:SharedArchiveFile={archive}.jsa", "-XX:+AutoCreateSharedArchive"]),
    ("+c1-only+aot-cache", C1 + ["-XX:AOTCache={archive}.aot"]),
    ("ship", SHIP),
    ("ship+appcds", SHIP + ["-XX:SharedArchiveFile={archive}.jsa", "-XX:+AutoCreateSharedArchive"]),
    ("ship+aot-cache", SHIP + ["-XX:AOTCache={archive}.aot"]),
]

SMOKE_SETS = [("ship", SHIP)]


def prepare(name, options, java, jar, training_dir, work_dir, log):
    """Substitutes {archive} and runs the start that writes the CDS archive or AOT cache."""
    archive = os.path.join(work_dir, "archive-" + name.strip("+"))
    resolved = [o.replace("{archive}", archive) for o in options]
    training = None
    if any(o.startswith("-XX:AOTCache=") for o in resolved):
        training = [o for o in resolved if not o.startswith("-XX:AOTCache=")] + [f"-XX:AOTCacheOutput={archive}.aot"]
    elif any(o == "-XX:+AutoCreateSharedArchive" for o in resolved):
        training = resolved
    if training:
        for stale in (archive + ".jsa", archive + ".aot"):
            if os.path.exists(stale):
                os.remove(stale)
        log_path = os.path.join(work_dir, f"exporter-train-{name.strip('+')}.log")
        with procs.Exporter(java, jar, training_dir, training, log_path) as exporter:
            exporter.wait_ready()
            scrape.wrk(exporter.port, seconds=2)
        # The archive is written while the JVM exits, which stop() waited for.
        if not any(os.path.exists(p) for p in (archive + ".jsa", archive + ".aot")):
            raise RuntimeError(f"{name}: the training run wrote no archive; see {log_path}")
    return resolved
