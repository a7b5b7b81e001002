#!/usr/bin/env bash
# Installs nats-server (Debian's package: 2.9.x) when it is not installed yet; prints its version.
# Used by bench/compare/run.sh. Needs root or sudo (apt-get).
set -euo pipefail

find_nats() {
  command -v nats-server 2>/dev/null || { [ -x /usr/sbin/nats-server ] && echo /usr/sbin/nats-server; } || true
}

nats=$(find_nats)
if [ -z "$nats" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  echo "install-nats: installing nats-server with apt-get" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nats-server >/dev/null
  nats=$(find_nats)
fi
if [ -z "$nats" ]; then
  echo "install-nats: nats-server is still not installed" >&2
  exit 1
fi
"$nats" --version
