#!/usr/bin/env bash
# Builds, tests, publishes or cleans Wiber: the same dotnet commands as build.ps1, for bash and CI.
# Usage: scripts/build.sh [build|test|publish|clean] [--configuration Release|Debug] [--runtime RID]
#   build    dotnet build Wiber.sln (the default task)
#   test     dotnet test Wiber.sln (README's test command)
#   publish  self-contained wiber and wiber-node for this OS and architecture into module/Wiber/bin/<rid>/,
#            where the PowerShell module finds them
#   clean    dotnet clean, and remove artifacts/ and module/Wiber/bin/
# Keep this file and build.ps1 in step: tests/Wiber.Module.Tests checks that both offer the same tasks and run
# the same dotnet commands for each.
set -euo pipefail
cd "$(dirname "$0")/.."

task=build
configuration=Release
runtime=""
while [ $# -gt 0 ]; do
  case "$1" in
    build|test|publish|clean) task="$1"; shift ;;
    --configuration|-c) configuration="$2"; shift 2 ;;
    --runtime|-r) runtime="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$configuration" in
  Debug|Release) ;;
  *) echo "build.sh: --configuration must be Debug or Release, was '$configuration'" >&2; exit 2 ;;
esac

if [ -z "$runtime" ]; then
  # The same names the module looks for (module/Wiber/Private/Get-WiberExecutable.ps1).
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=osx ;;
    MINGW*|MSYS*|CYGWIN*) os=win ;;
    *) echo "build.sh: unknown OS '$(uname -s)': give --runtime" >&2; exit 2 ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    armv7l) arch=arm ;;
    i386|i686) arch=x86 ;;
    *) echo "build.sh: unknown architecture '$(uname -m)': give --runtime" >&2; exit 2 ;;
  esac
  runtime="$os-$arch"
fi
module_bin=module/Wiber/bin

run() {
  echo "dotnet $*"
  dotnet "$@"
}

case "$task" in
  build)
    run build Wiber.sln -c "$configuration"
    ;;
  test)
    run test Wiber.sln
    ;;
  publish)
    # wiber-node is published beside wiber: the CLI project references it (docs/cli.md).
    run publish src/Wiber.Cli -c "$configuration" -r "$runtime" --self-contained true -o "$module_bin/$runtime"
    echo "published wiber and wiber-node to $module_bin/$runtime"
    ;;
  clean)
    run clean Wiber.sln
    rm -rf artifacts "$module_bin"
    ;;
esac
