#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine, installing and starting it when it does not:
#   - nothing to do when 'docker info' already answers (prints the storage driver and exits 0);
#   - otherwise, as root: 'apt-get install docker.io' when dockerd is missing (one 'apt-get update' first),
#     then starts dockerd in the background (log: /var/log/dockerd.log), with the overlay2 storage driver,
#     or vfs when overlay2 does not come up, and waits until 'docker info' answers.
# Usage: scripts/install-docker.sh   (env: DOCKER_START_TIMEOUT seconds per attempt, default 60;
#                                    DOCKERD_LOG the daemon's log, default /var/log/dockerd.log)
# Exit codes: 0 the engine answers; 1 it could not be installed or started (see the log it names).
set -euo pipefail

log="${DOCKERD_LOG:-/var/log/dockerd.log}"
timeout="${DOCKER_START_TIMEOUT:-60}"

case "${1:-}" in
  -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
  "") ;;
  *) echo "install-docker.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

engine_driver() { docker info --format '{{.Driver}}' 2>/dev/null; }
engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

report() {
  echo "docker: engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null)," \
       "storage driver: $(engine_driver)"
}

if engine_answers; then
  echo "docker: already running"
  report
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-docker.sh: the Docker engine is not running and installing or starting it needs root" >&2
  exit 1
fi

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    echo "docker: apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  echo "docker: apt-get install -y $*"
  # No service manager here: keep the package scripts from trying to start the daemon themselves.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v dockerd >/dev/null 2>&1; then
  apt_install docker.io
fi
if ! command -v docker >/dev/null 2>&1; then
  echo "install-docker.sh: dockerd is installed but the docker client is not on PATH" >&2
  exit 1
fi

# Waits for 'docker info' while the daemon with pid $1 lives. 0: answers; 1: the daemon died; 2: timed out.
wait_for_engine() {
  local pid="$1" deadline=$((SECONDS + timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if docker info >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 1
  done
  return 2
}

# A dockerd started by someone else may still be coming up: give it its chance before starting another.
if existing=$(pidof dockerd 2>/dev/null); then
  echo "docker: dockerd (pid $existing) is running but not answering yet; waiting up to ${timeout}s"
  status=0
  wait_for_engine "${existing%% *}" || status=$?
  if [ "$status" -eq 0 ]; then report; exit 0; fi
  echo "install-docker.sh: dockerd (pid $existing) does not answer; stop it and run this again (log: $log)" >&2
  exit 1
fi

start_dockerd() {
  local driver="$1"
  echo "docker: starting dockerd --storage-driver=$driver (log: $log)"
  echo "=== $(date -u +%FT%TZ) install-docker.sh: dockerd --storage-driver=$driver" >>"$log"
  # setsid + nohup: the daemon outlives this script and the shell that ran it.
  setsid nohup dockerd --storage-driver="$driver" >>"$log" 2>&1 </dev/null &
  local pid=$!
  local status=0
  wait_for_engine "$pid" || status=$?
  case "$status" in
    0) return 0 ;;
    1) echo "docker: dockerd with $driver exited before answering"; return 1 ;;
    *) echo "docker: dockerd with $driver did not answer within ${timeout}s; stopping it"
       kill "$pid" 2>/dev/null || true
       local i
       for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
       kill -9 "$pid" 2>/dev/null || true
       return 1 ;;
  esac
}

mkdir -p "$(dirname "$log")"
if start_dockerd overlay2 || start_dockerd vfs; then
  report
  exit 0
fi
echo "install-docker.sh: could not start dockerd with overlay2 or vfs; last lines of $log:" >&2
tail -n 20 "$log" >&2 || true
exit 1
