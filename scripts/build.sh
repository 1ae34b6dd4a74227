#!/usr/bin/env bash
# Builds everything: the native engine, CLI and tests into build/, the WebAssembly
# module into build-wasm/, and the static site into dist/ (web/ + content/ + the module
# in dist/engine/ + KaTeX in dist/vendor/katex/). Run scripts/setup.sh first.
# Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=timing.sh
source scripts/timing.sh

# Emscripten's optimizer (-O1 and above) needs Debian's acorn module.
export NODE_PATH=/usr/share/nodejs

# Configures DIR with the given command unless it already has a Ninja build;
# a cache left by another generator is removed first.
configure() {
  local dir="$1"
  shift
  if [ -f "$dir/build.ninja" ]; then return; fi
  if [ -f "$dir/CMakeCache.txt" ]; then rm -rf "$dir"; fi
  "$@" -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
}

echo "build: native (build/)"
timing_begin
configure build cmake
cmake --build build
timing_end "build native"

echo "build: WebAssembly (build-wasm/)"
timing_begin
configure build-wasm emcmake cmake
cmake --build build-wasm
timing_end "build WebAssembly"

timing_begin
bash scripts/assemble.sh
timing_end "build assemble dist/"
