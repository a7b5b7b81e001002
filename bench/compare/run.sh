#!/usr/bin/env bash
# Wiber side by side with NATS JetStream R3 on this machine, in one command:
#   bench/compare/run.sh [--rounds 3] [--duration 10s] [--warmup 2s] [--no-direct] [--out DIR]
# Installs nats-server if missing (scripts/install-nats.sh), starts a 3-node NATS JetStream cluster on
# loopback (stream BENCH, subjects bench.>, file storage, 3 replicas) and a 3-node Wiber lab with
# fsync always, measures the physical floor (fdatasync of a 128-byte append in the same temp
# filesystem; loopback TCP round trip), then runs the same workload (128-byte messages; 1 in flight;
# 256 in flight) against each system, alternating, for --rounds rounds, and prints medians, spread and
# the Wiber/NATS ratio table. Every run is 'wiber bench' (the same harness, our own NATS publisher).
# Unless --no-direct, Wiber is also run as bare node processes without the lab's proxy (--start-nodes,
# a fresh 3-node cluster per run), since NATS has no proxy in its path either.
# Everything lives in a temporary directory that is removed at the end; all processes are stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

rounds=3
duration=10s
warmup=2s
direct=1
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --no-direct) direct=0; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# --- tools ---------------------------------------------------------------------------------------
nats_version=$(scripts/install-nats.sh)
nats=$(command -v nats-server || echo /usr/sbin/nats-server)
if ! command -v jq >/dev/null 2>&1; then
  echo "run.sh: installing jq (the table is computed with it)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq jq >/dev/null
fi
echo "building the bench (Release)..." >&2
dotnet build -c Release bench/compare/BenchHost -v quiet -nologo >/dev/null
bin="$root/bench/compare/BenchHost/bin/Release/net10.0"
bench="$bin/wiber-bench"
wiber="$bin/wiber"

# --- scratch space and cleanup --------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/wiber-compare.XXXXXX")
results="$work/results.jsonl"
: >"$results"
nats_pids=()
cleanup() {
  set +e
  if [ -f "$work/wiber-lab/.wiber-lab/lab.json" ]; then
    (cd "$work/wiber-lab" && "$wiber" lab down >/dev/null 2>&1)
  fi
  if [ ${#nats_pids[@]} -gt 0 ]; then
    kill "${nats_pids[@]}" 2>/dev/null
    wait "${nats_pids[@]}" 2>/dev/null
  fi
  if [ -n "$out" ]; then mkdir -p "$out" && cp "$results" "$work"/floor*.json "$out"/ 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_ports() {   # N distinct free ports
  local n=$1 found=() p
  while [ ${#found[@]} -lt "$n" ]; do
    p=$((20000 + RANDOM % 25000))
    if port_free "$p" && [[ " ${found[*]} " != *" $p "* ]]; then found+=("$p"); fi
  done
  echo "${found[@]}"
}

# --- NATS JetStream: 3 servers, one cluster, on loopback -------------------------------------------
read -r -a p <<<"$(free_ports 9)"
client_ports=("${p[0]}" "${p[1]}" "${p[2]}")
route_ports=("${p[3]}" "${p[4]}" "${p[5]}")
http_ports=("${p[6]}" "${p[7]}" "${p[8]}")
nats_servers=""
for i in 0 1 2; do
  name="n$((i + 1))"
  mkdir -p "$work/nats/$name"
  routes=""
  for j in 0 1 2; do
    [ "$j" = "$i" ] || routes="${routes:+$routes, }\"nats-route://127.0.0.1:${route_ports[$j]}\""
  done
  cat >"$work/nats/$name.conf" <<CONF
server_name: "$name"
listen: "127.0.0.1:${client_ports[$i]}"
http: "127.0.0.1:${http_ports[$i]}"
jetstream {
  store_dir: "$work/nats/$name"
}
cluster {
  name: "wiber-compare"
  listen: "127.0.0.1:${route_ports[$i]}"
  routes: [ $routes ]
}
CONF
  "$nats" -c "$work/nats/$name.conf" >"$work/nats/$name.log" 2>&1 &
  nats_pids+=($!)
  nats_servers="${nats_servers:+$nats_servers,}127.0.0.1:${client_ports[$i]}"
done
nats_pid_list=$(IFS=,; echo "${nats_pids[*]}")
for i in 0 1 2; do   # every server must be up and listening before the runs
  for _ in $(seq 1 100); do
    port_free "${client_ports[$i]}" || break
    if ! kill -0 "${nats_pids[$i]}" 2>/dev/null; then
      echo "run.sh: nats-server n$((i + 1)) exited:" >&2; cat "$work/nats/n$((i + 1)).log" >&2; exit 1
    fi
    sleep 0.1
  done
  if port_free "${client_ports[$i]}"; then echo "run.sh: nats-server n$((i + 1)) is not listening after 10 s" >&2; exit 1; fi
done
echo "NATS: $nats_version, 3 servers ($nats_servers), pids $nats_pid_list" >&2

# --- Wiber: a 3-node lab with fsync always ----------------------------------------------------------
mkdir -p "$work/wiber-lab"
(cd "$work/wiber-lab" && "$wiber" lab up --nodes 3 --fsync always --json) >"$work/lab-up.json"
echo "Wiber: lab up, leader $(jq -r .leader "$work/lab-up.json") after $(jq -r .time_to_leader_ms "$work/lab-up.json") ms" >&2

# --- physical floor -----------------------------------------------------------------------------------
"$bench" floor --dir "$work" --size 128 --duration 3s --json >"$work/floor.json"

# --- the workloads, alternating ------------------------------------------------------------------------
common=(--size 128 --duration "$duration" --warmup "$warmup" --json)
record() {   # system workload round, JSON on stdin
  jq -c --arg system "$1" --arg workload "$2" --argjson round "$3" '. + {system: $system, workload: $workload, round: $round}' >>"$results"
}
run_one() {   # system inflight round
  local system=$1 inflight=$2 round=$3 workload
  workload="inflight-$inflight"
  echo "round $round: $system, $inflight in flight" >&2
  case "$system" in
    nats)
      "$bench" --target nats --servers "$nats_servers" --stream BENCH --replicas 3 --inflight "$inflight" --observe-pids "$nats_pid_list" "${common[@]}" | record "$system" "$workload" "$round" ;;
    wiber-lab)
      (cd "$work/wiber-lab" && "$bench" --inflight "$inflight" "${common[@]}") | record "$system" "$workload" "$round" ;;
    wiber-nodes)
      "$bench" --start-nodes --nodes 3 --fsync always --temp-dir "$work" --inflight "$inflight" "${common[@]}" | record "$system" "$workload" "$round" ;;
  esac
}
systems=(nats wiber-lab)
[ "$direct" = 1 ] && systems+=(wiber-nodes)
for round in $(seq 1 "$rounds"); do
  for inflight in 1 256; do
    # Alternate which system goes first from round to round.
    if [ $((round % 2)) = 1 ]; then order=("${systems[@]}"); else order=(); for ((k=${#systems[@]}-1; k>=0; k--)); do order+=("${systems[$k]}"); done; fi
    for system in "${order[@]}"; do
      run_one "$system" "$inflight" "$round" || echo "run.sh: $system $inflight in flight, round $round failed (exit $?)" >&2
    done
  done
done

# --- the table ---------------------------------------------------------------------------------------------
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Workload: 128-byte messages, 1 topic, 1 producer; $duration measured after $warmup warm-up; $rounds rounds, systems alternating."
jq -r '"Physical floor (same harness, \(.directory)): append 128 B + \(.sync): \(.fdatasync.ops_per_s) ops/s, p50 \(.fdatasync.p50_ms) ms, p99 \(.fdatasync.p99_ms) ms; loopback TCP round trip: p50 \(.loopback_rtt.p50_ms) ms, p99 \(.loopback_rtt.p99_ms) ms"' "$work/floor.json"
echo
jq -r -s '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def fmt(d): if . == null then "-" else (. * pow(10; d) | round) / pow(10; d) | tostring end;
  def spread(f; d): [.[] | f] as $v | "\($v | median | fmt(d)) (\($v | min | fmt(d))–\($v | max | fmt(d)))";
  group_by([.workload, .system]) as $groups
  | ["workload", "system", "msgs/s median (min–max)", "p50 ms", "p99 ms median (min–max)", "errors", "cpu µs/msg (all processes)"],
    ($groups[] | [.[0].workload, .[0].system, spread(.msgs_per_s; 0), ([.[].p50_ms] | median | fmt(3)), spread(.p99_ms; 2), ([.[].errors] | add | tostring), ([.[].breakdown.cpu_us_per_msg_total // empty] | median | fmt(0))])
  | @tsv' "$results" | column -t -s $'\t'
echo
echo "Ratios Wiber/NATS (medians; throughput: higher is better, p99: lower is better). Targets: 256 in flight ≥ 1.5× NATS; 1 in flight ≥ 1.0× NATS with p99 ≤ NATS p99."
jq -r -s '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def r2: (. * 100 | round) / 100;
  (map(select(.system == "nats")) | group_by(.workload) | map({key: .[0].workload, value: {t: ([.[].msgs_per_s] | median), p99: ([.[].p99_ms] | median)}}) | from_entries) as $nats
  | ["workload", "wiber", "throughput ratio", "p99 ratio", "target"],
    (map(select(.system != "nats")) | group_by([.workload, .system])[]
     | . as $g | ($g[0].workload) as $w | ($nats[$w]) as $n
     | ([$g[].msgs_per_s] | median / $n.t | r2) as $tr
     | ([$g[].p99_ms] | median / $n.p99 | r2) as $pr
     | [$w, $g[0].system, ($tr | tostring) + "×", ($pr | tostring) + "×",
        (if $w == "inflight-256" then (if $tr >= 1.5 then "met (≥ 1.5×)" else "MISSED (needs ≥ 1.5×)" end)
         else (if $tr >= 1.0 and $pr <= 1.0 then "met (≥ 1.0×, p99 ≤)" else "MISSED (needs ≥ 1.0× and p99 ratio ≤ 1.0)" end) end)])
  | @tsv' "$results" | column -t -s $'\t'
echo
echo "Durability as measured (each side says what it acknowledges after):"
jq -r -s 'group_by(.system)[] | "  \(.[0].system): \(.[0].durability)"' "$results"
