#!/usr/bin/env bash
# Installs what building and testing matcalc needs, then the npm packages.
# On a machine that already has every tool, apt-get is not run at all (a bare Debian 12
# downloads ~500 MB, mostly chromium). Works from any directory, as root or via sudo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Whether Debian's python3 has a module installed, without importing it (importing torch
# takes 3-8 s; the tests that use these modules import them and say so if they fail).
has_python_module() {
  /usr/bin/python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec(sys.argv[1]) is None)' "$1"
}

# "test to run : Debian package that provides it"
requirements=(
  "command -v cmake:cmake"
  "command -v ninja:ninja-build"
  "command -v g++:g++"
  "command -v em++:emscripten"
  "test -d /usr/include/eigen3:libeigen3-dev"
  "test -d /usr/include/gtest:libgtest-dev"
  "command -v chromium:chromium"
  "command -v node:nodejs"
  "command -v npm:npm"
  "command -v clang-format:clang-format"
  "command -v python3:python3"
  "has_python_module numpy:python3-numpy"
  "has_python_module torch:python3-torch"
  "has_python_module scipy:python3-scipy"
  "has_python_module fontTools.subset:python3-fonttools"
  "has_python_module brotli:python3-brotli"
  "command -v octave:octave"
  "command -v pdflatex:texlive-latex-base"
  "command -v clang++-14:clang-14"
  "ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev"
)

missing=()
for req in "${requirements[@]}"; do
  check="${req%%:*}"
  package="${req##*:}"
  if ! eval "$check" >/dev/null 2>&1; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q "${missing[@]}"
else
  echo "setup: all tools present, skipping apt-get"
fi

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
