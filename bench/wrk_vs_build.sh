#!/usr/bin/env bash
# Two builds side by side under wrk (-t2 -c8 -d5s), gzip and identity, realistic and large
# training directories, 3 alternating rounds so drift on a shared machine hits both alike.
#   bench/wrk_vs_build.sh NEW_JAR OLD_JAR [DATA_DIR]
# Prints "size encoding round build req/s"; quote the median round per case as a ratio.
set -u
NEW_JAR=${1:?new jar}; OLD_JAR=${2:?old jar}; D=${3:-/tmp/wrk-vs-build}
HERE=$(cd "$(dirname "$0")" && pwd)
# The jars need Java 21+: $JAVA, else $JAVA_HOME's, else the one on PATH.
J=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
OPTS=$(grep -v '^#' "$HERE/../docker/image/jvm.options" | tr '\n' ' ')
[ -d "$D/realistic" ] || python3 "$HERE/gen_training_dir.py" --preset realistic "$D/realistic" >/dev/null
[ -d "$D/large" ] || python3 "$HERE/gen_training_dir.py" --preset large "$D/large" >/dev/null
for size in realistic large; do
  $J $OPTS -jar "$NEW_JAR" --training.dir="$D/$size" --web.listen-address=127.0.0.1:19801 2>/dev/null &
  NEW=$!
  $J $OPTS -jar "$OLD_JAR" --training.dir="$D/$size" --web.listen-address=127.0.0.1:19802 2>/dev/null &
  OLD=$!
  for p in 19801 19802; do for _ in $(seq 100); do curl -sf 127.0.0.1:$p/-/ready >/dev/null && break; sleep 0.2; done; done
  for enc in gzip identity; do
    for round in 1 2 3; do
      for which in new:19801 old:19802; do
        name=${which%%:*}; port=${which##*:}
        rps=$(wrk -t2 -c8 -d5s -H "Accept-Encoding: $enc" -H "Accept: text/plain;version=0.0.4" \
          "http://127.0.0.1:$port/metrics" 2>/dev/null | awk '/Requests\/sec/{print $2}')
        echo "$size $enc round$round $name $rps"
      done
    done
  done
  kill $NEW $OLD; wait $NEW $OLD 2>/dev/null
done
