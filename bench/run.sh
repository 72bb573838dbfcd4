#!/usr/bin/env bash
# The benchmark harness of issue 5 (BENCHMARKS.md has the figures and how to read them).
#
#   bench/run.sh            full run, ~20 minutes: results in bench/results/ (results.md, results.json,
#                           scrape-latency.png), bulky data and logs in target/bench-work/
#   bench/run.sh --smoke    every stage for a few seconds each, in target/bench-smoke/ (CI: proves the
#                           harness still runs; asserts nothing about timings)
#   bench/run.sh --no-build --stages scrape,visible    re-run some stages on the jars already built
#
# Builds the exporter's jar and the JMH jar (./mvnw -Pbench) first, installs wrk, node_exporter and
# gnuplot from Debian when missing, then runs bench/bench.py. All load goes to 127.0.0.1, and every
# process it starts is bounded in time and stopped by it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh

mode=full
build=1
stages=""
while (($#)); do
  case "$1" in
    --smoke) mode=smoke ;;
    --no-build) build=0 ;;
    --stages) stages="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[bench] %s\n' "$*" >&2; }

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v prometheus-node-exporter >/dev/null 2>&1 || missing+=(prometheus-node-exporter)
command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

jar=target/hafs-training-exporter.jar
bench_jar=target/bench-build/benchmarks.jar
if ((build)) || [[ ! -f $jar || ! -f $bench_jar ]]; then
  log "building $jar and $bench_jar"
  ./mvnw -q -B -DskipTests package
  ./mvnw -q -B -Pbench -Dmaven.test.skip=true package
fi

if [[ $mode == smoke ]]; then
  args=(--smoke --out target/bench-smoke --work target/bench-smoke/work)
else
  args=(--out bench/results --work target/bench-work)
fi
[[ -n $stages ]] && args+=(--stages "$stages")
exec python3 bench/bench.py --java "${JAVA_HOME:+$JAVA_HOME/bin/}java" --jar "$jar" --bench-jar "$bench_jar" "${args[@]}"
