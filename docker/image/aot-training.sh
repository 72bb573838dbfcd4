#!/usr/bin/env bash
# The AOT cache's training run, at image build time: starts the exporter on sample data exactly as
# the image will (same runtime, jar path and JVM options), asks for what users ask for (the landing
# page, the probes, /metrics in each format), then stops it with SIGTERM, when the JVM writes the
# cache (JDK 25, JEP 483/514/515). Needs only bash: the build image may have no curl.
#
#   aot-training.sh JAVA CACHE TRAINING_DIR -- JVM_OPTIONS... -jar JAR
set -euo pipefail
java=$1 cache=$2 data=$3
shift 4
log=$(mktemp)

"$java" -XX:AOTCacheOutput="$cache" "$@" --training.dir="$data" --web.listen-address=127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

# Port 0 lets the kernel pick a free port (builds run with the host's network); the log names it.
port=
for _ in $(seq 1 600); do
  port=$(sed -n 's/.*msg=listening .*address=[^ ]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "aot-training: the exporter exited" >&2; exit 1; }
  sleep 0.1
done
[[ -n $port ]] || { cat "$log" >&2; echo "aot-training: the exporter did not listen within 60 s" >&2; exit 1; }

# One request on its own connection; prints the status code.
request() {
  local path=$1 accept=${2:-*/*} status
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: %s\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n' \
    "$path" "$accept" >&3
  read -r _ status _ <&3
  # The body is read to its Content-Length: the server need not close first.
  local line length=0
  while IFS= read -r line <&3 && [[ $line != $'\r' ]]; do
    [[ ${line,,} =~ ^content-length:\ *([0-9]+) ]] && length=${BASH_REMATCH[1]}
  done
  head -c "$length" <&3 >/dev/null
  exec 3<&-
  echo "$status"
}

for _ in $(seq 1 600); do
  [[ $(request /-/ready) == 200 ]] && break
  sleep 0.05
done
[[ $(request /-/ready) == 200 ]] || { cat "$log" >&2; echo "aot-training: never ready" >&2; exit 1; }

formats=('*/*' 'application/openmetrics-text; version=1.0.0'
  'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited')
for round in $(seq 1 50); do
  for accept in "${formats[@]}"; do
    [[ $(request /metrics "$accept") == 200 ]] || { echo "aot-training: /metrics failed" >&2; exit 1; }
  done
  ((round % 10)) || { request / >/dev/null; request /-/healthy >/dev/null; request /nowhere >/dev/null; }
done

kill -TERM "$pid"
wait "$pid" || true
[[ -s $cache ]] || { cat "$log" >&2; echo "aot-training: no AOT cache was written" >&2; exit 1; }
echo "aot-training: $(du -h "$cache" | cut -f1) AOT cache from $(grep -c . "$log") log lines"
