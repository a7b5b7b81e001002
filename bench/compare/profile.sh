#!/usr/bin/env bash
# CPU-sampling profile of Wiber under 'wiber bench' with EventPipe (no dotnet-trace needed):
#   bench/compare/profile.sh [--inflight 256] [--nodes 3] [--duration 10s] [--top 25] [--keep DIR]
# Starts bare nodes with the runtime's sample profiler on (DOTNET_EnableEventPipe; the nodes inherit the
# environment), runs the load, and prints per process (client, leader, followers) where the managed
# samples are (bench/compare/TraceSummary). The profiler samples every thread about every millisecond and
# costs CPU itself: use it for proportions, not for throughput.
set -euo pipefail
cd "$(dirname "$0")/../.."
inflight=256; nodes=3; duration=10s; top=25; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --inflight) inflight="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "profile.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
dotnet build -c Release bench/compare/BenchHost -v quiet -nologo >/dev/null
dotnet build -c Release bench/compare/TraceSummary -v quiet -nologo >/dev/null
bench=bench/compare/BenchHost/bin/Release/net10.0/wiber-bench
summary=bench/compare/TraceSummary/bin/Release/net10.0/trace-summary
dir=$(mktemp -d "${TMPDIR:-/tmp}/wiber-profile.XXXXXX")
trap '[ -n "$keep" ] && mkdir -p "$keep" && cp "$dir"/* "$keep"/; rm -rf "$dir"' EXIT

DOTNET_EnableEventPipe=1 \
DOTNET_EventPipeOutputPath="$dir/trace-{pid}.nettrace" \
DOTNET_EventPipeConfig='Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x14C14FCCBD:4' \
  "$bench" --start-nodes --nodes "$nodes" --fsync always --inflight "$inflight" --duration "$duration" --temp-dir "$dir" --json >"$dir/result.json"

jq -c '{msgs_per_s, p50_ms, p99_ms, cpu_us_per_msg: .breakdown.cpu_us_per_msg}' "$dir/result.json"
for trace in "$dir"/trace-*.nettrace; do
  pid=${trace##*/trace-}; pid=${pid%.nettrace}
  who=$(jq -r --argjson pid "$pid" '(.breakdown.nodes[] | select(.pid == $pid) | "\(.node) (\(.role))") // empty' "$dir/result.json")
  echo
  echo "=== ${who:-client (wiber bench)} — pid $pid"
  "$summary" "$trace" "$top"
done
