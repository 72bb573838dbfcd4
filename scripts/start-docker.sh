#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine; the integration tests (*IT) need one.
# Idempotent: does nothing when `docker info` already works.
set -euo pipefail

log() { printf '[start-docker] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

DOCKERD_LOG="${DOCKERD_LOG:-/tmp/hafs-dockerd.log}"
WAIT_SECONDS="${DOCKER_WAIT_SECONDS:-90}"

if docker info >/dev/null 2>&1; then
  log "Docker engine already running."
  exit 0
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if ((${#missing[@]})); then
  command -v apt-get >/dev/null 2>&1 || fail "no Docker engine and no apt-get to install ${missing[*]}."
  [[ $(id -u) -eq 0 ]] || fail "installing ${missing[*]} needs root; install them or start Docker yourself."
  log "Installing ${missing[*]} with apt-get."
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null || fail "apt-get update failed."
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed."
fi

# The docker.io package may bring a client older than one already on PATH; either talks to dockerd.
command -v docker >/dev/null 2>&1 || fail "the docker client is missing after installing docker.io."

# Zombies keep their name: only a live dockerd counts.
dockerd_alive() {
  local pid
  for pid in $(pgrep -x dockerd 2>/dev/null); do
    [[ $(ps -o stat= -p "$pid" 2>/dev/null) == [^Z]* ]] && return 0
  done
  return 1
}

attempts=0
start_dockerd() {
  [[ $(id -u) -eq 0 ]] || fail "dockerd is not running and starting it needs root."
  # This machine allows no bridge and no iptables changes: containers use host networking only.
  log "Starting dockerd (log: $DOCKERD_LOG)."
  # No live dockerd owns it: a pid file left by a killed one makes dockerd refuse to start whenever
  # its pid is in use again (or the dead process is not reaped yet).
  rm -f /var/run/docker.pid
  nohup dockerd --iptables=false --ip6tables=false --bridge=none >"$DOCKERD_LOG" 2>&1 &
  disown || true
  attempts=$((attempts + 1))
}

dockerd_alive || start_dockerd
deadline=$((SECONDS + WAIT_SECONDS))
until docker info >/dev/null 2>&1; do
  # A dockerd found at the start may have been on its way out (killed with the previous session).
  if ! dockerd_alive; then
    # Right after a killed engine its containerd may still hold its socket: retry a few times.
    if ((attempts >= 3)); then
      log "dockerd exited $attempts times; last lines of $DOCKERD_LOG:"
      tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
      fail "no Docker engine could be started: the integration tests cannot run."
    fi
    ((attempts > 0)) && log "dockerd exited: $(tail -n 1 "$DOCKERD_LOG" 2>/dev/null); retrying."
    start_dockerd
  fi
  if ((SECONDS >= deadline)); then
    log "dockerd did not answer within ${WAIT_SECONDS}s; last lines of $DOCKERD_LOG:"
    tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
    fail "no Docker engine could be started: the integration tests cannot run."
  fi
  sleep 1
done
log "Docker engine ready: $(docker info --format '{{.ServerVersion}} ({{.Driver}})')."
