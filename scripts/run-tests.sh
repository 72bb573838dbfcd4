#!/usr/bin/env bash
# Runs every test: unit tests, promtool checks, and the integration tests (*IT) against a real
# Prometheus in Docker. Installs and starts what they need first, so it works on a fresh machine:
#   - a JDK 21+ (picked from /usr/lib/jvm when the default java is older),
#   - promtool and amtool (Debian's prometheus and prometheus-alertmanager packages), Debian's
#     chromium for the landing page's browser test, docker-compose (the compose stack's test),
#     systemd-analyze (the unit's test), python3, and Node.js with npm for the dashboards' type
#     check against @grafana/schema (src/test/grafana-schema, installed with `npm ci` from its lock)
#     and the Kubernetes schema validation (whose packages the test installs with `npm ci` from
#     deploy/kubernetes/validate); kubectl must be there already (Debian has no package): the test fails without it,
#   - a Docker engine (scripts/start-docker.sh) and the Prometheus image the ITs run: the official
#     one when it can be pulled, else one built locally (scripts/build-local-images.sh).
# Then a smoke run of the benchmark harness (bench/run.sh --smoke). Extra arguments go to Maven and
# skip the smoke run, e.g. scripts/run-tests.sh -Dtest=ExporterEndToEndTest
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh

log() { printf '[run-tests] %s\n' "$*" >&2; }

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# The pinned @grafana/schema and TypeScript, (re)installed when missing or when the lock changed.
schema_project=src/test/grafana-schema
if [[ ! -f $schema_project/node_modules/.package-lock.json || $schema_project/package-lock.json -nt $schema_project/node_modules/.package-lock.json ]]; then
  log "installing $schema_project's npm packages"
  npm ci --prefix "$schema_project" --no-audit --no-fund --loglevel=error >/dev/null
fi
command -v kubectl >/dev/null 2>&1 || { log "ERROR: kubectl is missing; the Kubernetes manifests' tests need it (kubectl kustomize)."; exit 1; }

bash scripts/start-docker.sh

official_prometheus="${HAFS_IT_PROMETHEUS_IMAGE:-prom/prometheus:v2.53.2}"
if docker image inspect "$official_prometheus" >/dev/null 2>&1 || timeout 20 docker pull -q "$official_prometheus" >/dev/null 2>&1; then
  export HAFS_IT_PROMETHEUS_IMAGE="$official_prometheus"
else
  log "cannot pull $official_prometheus: using local images instead"
  export HAFS_IT_PROMETHEUS_IMAGE=local/prometheus:2.42
fi
# The exporter's image is built from the Dockerfile on these bases, and the compose stack runs
# Alertmanager from the local stand-in unless told otherwise (images that exist are kept).
bash scripts/build-local-images.sh
export HAFS_IT_ALERTMANAGER_IMAGE="${HAFS_IT_ALERTMANAGER_IMAGE:-local/alertmanager:0.25}"
export HAFS_IT_EXPORTER_BUILD_IMAGE="${HAFS_IT_EXPORTER_BUILD_IMAGE:-local/temurin:25}"
export HAFS_IT_EXPORTER_RUNTIME_IMAGE="${HAFS_IT_EXPORTER_RUNTIME_IMAGE:-local/distroless-base:bookworm}"
log "integration tests use $HAFS_IT_PROMETHEUS_IMAGE, $HAFS_IT_ALERTMANAGER_IMAGE, and the exporter built on $HAFS_IT_EXPORTER_BUILD_IMAGE / $HAFS_IT_EXPORTER_RUNTIME_IMAGE"

export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
./mvnw -B verify "$@"

# A few seconds of every benchmark stage prove the harness still runs (no timing is asserted).
if (($# == 0)); then
  bash bench/run.sh --smoke --no-build
fi
