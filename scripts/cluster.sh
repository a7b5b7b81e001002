#!/usr/bin/env bash
# Starts the local 3-node cluster of config/cluster.yaml (one wiber-node process per node), waits for a
# leader, and stops every node on Ctrl+C. Data in ./.data/<id>/, console output in ./.data/<id>/logs/console.log.
# Usage: scripts/cluster.sh [--fsync always|interval:<ms>|never] [--fresh]
set -euo pipefail
cd "$(dirname "$0")/.."

extra=()
fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --fsync) extra+=(--fsync "$2"); shift 2 ;;
    --fresh) fresh=1; shift ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "cluster.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/Wiber.Node -v quiet -nologo >/dev/null
node_dll=src/Wiber.Node/bin/Release/net10.0/wiber-node.dll
[ "$fresh" = 1 ] && rm -rf .data

ids=$(sed -n 's/^  - id: *\([a-z0-9-]*\).*/\1/p' config/cluster.yaml)
pids=()
stop() {
  echo "stopping ${ids//$'\n'/ }"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

for id in $ids; do
  mkdir -p ".data/$id/logs"
  dotnet "$node_dll" --id "$id" "${extra[@]}" >".data/$id/logs/console.log" 2>&1 &
  pids+=($!)
done

admin_ports=$(sed -n 's/^ *admin_port: *\([0-9]*\).*/\1/p' config/cluster.yaml)
for _ in $(seq 1 100); do
  for port in $admin_ports; do
    if curl -sf "http://127.0.0.1:$port/status" 2>/dev/null | grep -q '"role":"leader"'; then
      leader=$(curl -sf "http://127.0.0.1:$port/status" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
      echo "cluster up: leader $leader; client ports $(sed -n 's/^ *client_port: *\([0-9]*\).*/\1/p' config/cluster.yaml | tr '\n' ' ')"
      echo "try:  printf 'PUB chat hello\nHISTORY chat 5\nQUIT\n' | nc 127.0.0.1 7001"
      echo "Ctrl+C stops every node"
      wait "${pids[@]}"
      exit 0
    fi
  done
  sleep 0.1
done
echo "cluster.sh: no leader within 10 s; see .data/<id>/logs/console.log" >&2
exit 1
