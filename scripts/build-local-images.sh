#!/usr/bin/env bash
# Builds the container images the stack and the integration tests need on a machine that reaches
# Debian's mirror but no container registry. Images that already exist are kept (pass --rebuild to
# redo them), so a second run takes seconds.
#
#   local/debian:bookworm     debootstrap --variant=minbase (the base of all others)
#   local/prometheus:2.42     Debian's prometheus, laid out like prom/prometheus
#   local/alertmanager:0.25   Debian's prometheus-alertmanager, laid out like prom/alertmanager
#   local/temurin:25          the host's Temurin JDK: the exporter Dockerfile's build image
#   local/distroless-base:bookworm  libc and base files from Debian's packages in an empty image: the
#                             exporter Dockerfile's runtime base (like gcr.io/distroless/base-debian12)
#   hafs-training-exporter:local   the root Dockerfile built on those two (with --exporter)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm
JDK_DIR="${LOCAL_JDK_DIR:-/usr/lib/jvm/temurin-25-jdk-amd64}"

DEBIAN_IMAGE=local/debian:bookworm
PROMETHEUS_IMAGE=local/prometheus:2.42
ALERTMANAGER_IMAGE=local/alertmanager:0.25
TEMURIN_IMAGE=local/temurin:25
DISTROLESS_IMAGE=local/distroless-base:bookworm
EXPORTER_IMAGE=hafs-training-exporter:local

rebuild=false
build_exporter=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    --exporter) build_exporter=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (use --rebuild, --exporter)" >&2; exit 2 ;;
  esac
done

log() { printf '[build-local-images] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }
BUILD_LOG="$(mktemp "${TMPDIR:-/tmp}/hafs-image-build.XXXXXX")"
trap 'rm -f "$BUILD_LOG"' EXIT
# docker build is verbose (and warns that the legacy builder is deprecated): keep its output for failures only.
quietly() {
  "$@" >"$BUILD_LOG" 2>&1 || { tail -n 40 "$BUILD_LOG" >&2; fail "failed: $*"; }
}
# An image built from a docker/local Dockerfile is current when it carries that file's stand-in revision.
have_image() {
  local image=$1 dir=${2:-} wanted
  [[ $rebuild == false ]] && docker image inspect "$image" >/dev/null 2>&1 || return 1
  [[ -z $dir ]] && return 0
  wanted=$(sed -n 's/^LABEL dev.hafs.stand-in-revision="\(.*\)"$/\1/p' "$dir/Dockerfile")
  [[ $(docker image inspect --format '{{index .Config.Labels "dev.hafs.stand-in-revision"}}' "$image") == "$wanted" ]]
}
timed() {
  local start=$SECONDS
  "$@"
  log "  done in $((SECONDS - start))s"
}

docker info >/dev/null 2>&1 || fail "no Docker engine answers; run scripts/start-docker.sh first."

build_debian() {
  local dir
  command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is missing (apt-get install debootstrap)."
  dir="$(mktemp -d "${TMPDIR:-/tmp}/hafs-debootstrap.XXXXXX")"
  log "debootstrap --variant=minbase $SUITE from $MIRROR"
  debootstrap --variant=minbase "$SUITE" "$dir" "$MIRROR" >"$dir.log" 2>&1 \
    || { tail -n 20 "$dir.log" >&2; fail "debootstrap failed (log: $dir.log)."; }
  rm -f "$dir.log"
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  log "docker import -> $DEBIAN_IMAGE"
  tar -C "$dir" -c . | docker import -c 'CMD ["/bin/bash"]' -c 'ENV LANG=C.UTF-8' - "$DEBIAN_IMAGE" >/dev/null
  # The rootfs is only needed until it is imported.
  rm -rf "$dir"
}

build_from_dir() {
  local image=$1 dir=$2
  log "docker build $image from ${dir#"$ROOT"/}"
  quietly docker build --force-rm --network host -t "$image" "$dir"
}

build_temurin() {
  [[ -x "$JDK_DIR/bin/java" ]] || fail "no JDK at $JDK_DIR (set LOCAL_JDK_DIR)."
  log "docker build $TEMURIN_IMAGE with the JDK from $JDK_DIR"
  # The context is streamed so the 300 MB JDK is not copied on disk first; symlinks are followed because
  # Debian's packaging points lib/security/cacerts into /etc, which the image does not have.
  quietly bash -o pipefail -c 'tar -c --dereference -C "$1/docker/local/temurin" Dockerfile \
      -C "$(dirname "$2")" --transform "s|^$(basename "$2")|jdk|" "$(basename "$2")" \
    | docker build --force-rm --network host -t "$3" -' _ "$ROOT" "$JDK_DIR" "$TEMURIN_IMAGE"
}

build_exporter_image() {
  log "docker build $EXPORTER_IMAGE from the root Dockerfile (on $TEMURIN_IMAGE and $DISTROLESS_IMAGE)"
  quietly docker build --force-rm --network host \
    --build-arg BUILD_IMAGE="$TEMURIN_IMAGE" --build-arg RUNTIME_IMAGE="$DISTROLESS_IMAGE" \
    --build-arg VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")" \
    --build-arg REVISION="$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)" \
    --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    -t "$EXPORTER_IMAGE" "$ROOT"
}

step() {
  local image=$1; shift
  local dir=
  [[ $1 == build_from_dir ]] && dir=$3
  if have_image "$image" "$dir"; then
    log "$image exists, skipped."
  else
    timed "$@"
  fi
}

step "$DEBIAN_IMAGE" build_debian
step "$PROMETHEUS_IMAGE" build_from_dir "$PROMETHEUS_IMAGE" "$ROOT/docker/local/prometheus"
step "$ALERTMANAGER_IMAGE" build_from_dir "$ALERTMANAGER_IMAGE" "$ROOT/docker/local/alertmanager"
step "$TEMURIN_IMAGE" build_temurin
step "$DISTROLESS_IMAGE" build_from_dir "$DISTROLESS_IMAGE" "$ROOT/docker/local/distroless"
if [[ $build_exporter == true ]]; then
  # Always rebuilt: its layers cache the dependencies, and the sources change.
  timed build_exporter_image
fi
log "images ready:"
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E '^(local/|hafs-training-exporter)' | sed 's/^/  /' >&2 || true
