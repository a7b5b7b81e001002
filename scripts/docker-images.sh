#!/usr/bin/env bash
# Builds the lab's Docker images offline, both FROM scratch (docs/docker.md):
#   wiber-node:dev   the broker node   (entrypoint /app/wiber-node)
#   wiber:dev        the wiber CLI     (entrypoint /app/wiber; the lab runs 'wiber proxy serve' in it)
# Each is a self-contained single-file linux-x64 publish plus the shared libraries it loads (found with
# ldd; libssl/libcrypto too, which .NET opens at run time) and a few files under /etc.
# Safe to run again: publishes are incremental and unchanged layers come from Docker's cache.
# Usage: scripts/docker-images.sh [--only node|cli] [--if-missing]
#   --only        build one of the two images
#   --if-missing  build only the images that do not exist yet
# Env: WIBER_DOCKER_WORK  staging folder (default artifacts/docker-build in the repository)
# Exit codes: 0 built (or already there); 1 Docker is not running or a step failed; 2 bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

only=""
if_missing=0
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="${2:-}"; shift 2 || { echo "docker-images.sh: --only needs node or cli" >&2; exit 2; } ;;
    --if-missing) if_missing=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "docker-images.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$only" in
  ""|node|cli) ;;
  *) echo "docker-images.sh: --only takes node or cli, not '$only'" >&2; exit 2 ;;
esac

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "docker-images.sh: error: the Docker engine is not running ('docker info' failed)." >&2
  echo "  start it with: sudo scripts/install-docker.sh" >&2
  exit 1
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "docker-images.sh: error: the .NET SDK (dotnet) is not installed" >&2
  exit 1
fi

work="${WIBER_DOCKER_WORK:-$repo/artifacts/docker-build}"
mkdir -p "$work"

# Libraries .NET opens with dlopen (so ldd does not list them): OpenSSL for hashing, random bytes and TLS.
runtime_loaded=(libssl.so.3 libcrypto.so.3)

find_library() {
  local name="$1" dir
  for dir in /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib64 /usr/lib64 /lib /usr/lib; do
    if [ -e "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  return 1
}

# Prints, one a line, every shared library the given ELF files need, transitively (paths as ldd gives them).
library_closure() {
  local -A seen=()
  local queue=("$@") file lib
  while [ "${#queue[@]}" -gt 0 ]; do
    file="${queue[0]}"
    queue=("${queue[@]:1}")
    while read -r lib; do
      [ -n "$lib" ] || continue
      if [ -z "${seen[$lib]:-}" ]; then
        seen[$lib]=1
        echo "$lib"
        queue+=("$lib")
      fi
    done < <(ldd "$file" 2>/dev/null | awk '
      $2 == "=>" && $3 ~ /^\// { print $3; next }
      $1 ~ /^\// { print $1 }')
  done
}

# stage NAME PROJECT BINARY: publishes PROJECT and lays out $work/NAME/rootfs.
stage() {
  local name="$1" project="$2" binary="$3"
  local dir="$work/$name" publish="$work/$name/publish" rootfs="$work/$name/rootfs"
  echo "== $name: dotnet publish $project (self-contained, single file, linux-x64)"
  local started=$SECONDS
  dotnet publish "$project" -c Release -r linux-x64 --self-contained true \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=false \
    -o "$publish" -nologo -v quiet
  echo "   published in $((SECONDS - started))s"
  if [ ! -x "$publish/$binary" ]; then
    echo "docker-images.sh: error: $publish/$binary was not produced" >&2
    exit 1
  fi

  rm -rf "$rootfs"
  mkdir -p "$rootfs/app" "$rootfs/etc" "$rootfs/tmp" "$rootfs/data"
  chmod 1777 "$rootfs/tmp"
  chmod 0777 "$rootfs/data"
  # The published files: the single-file binary, any native .so beside it, runtime configs and symbols.
  cp -a "$publish/." "$rootfs/app/"

  local elves=() extra lib f
  while IFS= read -r -d '' f; do
    if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then elves+=("$f"); fi
  done < <(find "$publish" -type f -print0)
  for extra in "${runtime_loaded[@]}"; do
    if lib=$(find_library "$extra"); then
      elves+=("$lib")
    else
      echo "docker-images.sh: warning: $extra not found on this machine; TLS and hashing will fail in $name" >&2
    fi
  done
  local libs
  libs=$( { library_closure "${elves[@]}"; for extra in "${elves[@]}"; do case "$extra" in "$publish"/*) ;; *) echo "$extra" ;; esac; done; } | sort -u)
  echo "   shared libraries:"
  while read -r lib; do
    [ -n "$lib" ] || continue
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"   # the file itself, under the path the loader asks for
    echo "     $lib"
  done <<<"$libs"

  # /etc: name resolution order (files, then Docker's DNS); no users: the process runs as uid 0 by default.
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  : >"$dir/.stamp"
}

# build NAME TAG DOCKERFILE TITLE (the image's org.opencontainers.image.title label)
build() {
  local name="$1" tag="$2" dockerfile="$3"
  echo "== $tag: docker build -f $dockerfile"
  local started=$SECONDS
  # The classic builder: needs no buildx plugin and nothing from a registry for FROM scratch. Its
  # deprecation notice is noise here; the output is shown when the build fails.
  local output
  if ! output=$(DOCKER_BUILDKIT=0 docker build --quiet --tag "$tag" \
      --label "org.opencontainers.image.revision=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)" \
      -f "$dockerfile" "$work/$name" 2>&1); then
    echo "$output" >&2
    echo "docker-images.sh: error: docker build of $tag failed" >&2
    exit 1
  fi
  echo "   built in $((SECONDS - started))s"
  # The image this tag pointed to before, now untagged, goes (only dangling images with this title).
  docker image prune --force --filter "label=org.opencontainers.image.title=$4" >/dev/null 2>&1 || true
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

want() {
  local which="$1" tag="$2"
  if [ -n "$only" ] && [ "$only" != "$which" ]; then return 1; fi
  if [ "$if_missing" -eq 1 ] && image_exists "$tag"; then
    echo "== $tag: already there (--if-missing)"
    return 1
  fi
  return 0
}

total=$SECONDS
if want node wiber-node:dev; then
  stage node src/Wiber.Node/Wiber.Node.csproj wiber-node
  build node wiber-node:dev docker/wiber-node.Dockerfile wiber-node
fi
if want cli wiber:dev; then
  stage cli src/Wiber.Cli/Wiber.Cli.csproj wiber
  build cli wiber:dev docker/wiber.Dockerfile wiber
fi

echo "== images (this run: $((SECONDS - total))s)"
for tag in wiber-node:dev wiber:dev; do
  if image_exists "$tag"; then
    docker image inspect --format "$tag {{.Id}} {{.Size}}" "$tag" |
      awk '{ printf "%-16s %s  %.1f MB\n", $1, $2, $3 / 1000000 }'
  else
    printf '%-16s (not built)\n' "$tag"
  fi
done
