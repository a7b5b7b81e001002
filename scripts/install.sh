#!/usr/bin/env bash
# Installs the wiber CLI with wiber-node beside it (what 'wiber lab' starts), so 'wiber …' runs without
# 'dotnet run' noise: publishes to <prefix>/lib/wiber and links <prefix>/bin/wiber.
# Usage: scripts/install.sh [--prefix DIR]     (default ~/.local; put <prefix>/bin on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="$HOME/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$prefix/lib/wiber" "$prefix/bin"
dotnet publish src/Wiber.Cli -c Release -o "$prefix/lib/wiber" -v quiet -nologo >/dev/null
ln -sf "$prefix/lib/wiber/wiber" "$prefix/bin/wiber"
echo "installed: $prefix/bin/wiber (with wiber-node in $prefix/lib/wiber)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add it to PATH:  export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
