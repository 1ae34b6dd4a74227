#!/usr/bin/env bash
# Builds the libFuzzer target (tests/fuzz/api_fuzz.cpp: the whole public API under ASan
# and UBSan, with Debian's clang 14) into build-fuzz/ and runs it for a bounded time.
# Exits non-zero on any crash, leak, sanitizer report, or input slower than the timeout;
# the input that did it is left in build-fuzz/ (crash-*, leak-*, timeout-*) and
# `build-fuzz/matcalc_fuzz FILE` replays it.
#
#   bash scripts/fuzz.sh                 # 60 s from the tests' seeds (what CI runs)
#   FUZZ_SECONDS=3600 bash scripts/fuzz.sh
#   FUZZ_CORPUS=fuzz-corpus FUZZ_SECONDS=0 bash scripts/fuzz.sh   # no time limit; the
#                                        # corpus it grows is kept in fuzz-corpus/
#   bash scripts/fuzz.sh build           # only the build (scripts/test.sh starts it early,
#   bash scripts/fuzz.sh run             # in the background) / only the run, of that build
# Heavy (a full sanitizer build the first time): run it under the shared lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=timing.sh
source scripts/timing.sh
step="${1:-all}"
case "$step" in
  all | build | run) ;;
  *)
    echo "usage: bash scripts/fuzz.sh [build|run]" >&2
    exit 2
    ;;
esac
seconds="${FUZZ_SECONDS:-60}"
dir=build-fuzz
if [ "$step" != run ]; then
  timing_begin
  if [ ! -f "$dir/build.ninja" ]; then
    rm -rf "$dir"
    CXX=clang++-14 cmake -S . -B "$dir" -G Ninja -DMATCALC_FUZZ=ON -DCMAKE_BUILD_TYPE=
  fi
  cmake --build "$dir" --target matcalc_fuzz
  timing_end "fuzz build"
fi
if [ "$step" = build ]; then exit 0; fi
if [ ! -x "$dir/matcalc_fuzz" ]; then
  echo "fuzz: $dir/matcalc_fuzz is not built (bash scripts/fuzz.sh build)" >&2
  exit 1
fi

rm -rf "$dir/seeds"
python3 tests/fuzz/seeds.py "$dir/seeds"
# The corpus libFuzzer grows: a fresh one per bounded run (so the run spends its time
# mutating, not re-reading what earlier runs found), or the one FUZZ_CORPUS names.
corpus="$(realpath -m "${FUZZ_CORPUS:-$dir/corpus}")"
if [ -z "${FUZZ_CORPUS:-}" ]; then rm -rf "$corpus"; fi
mkdir -p "$corpus"

# -timeout: one input slower than this (under the sanitizers, ~5x slower than the
# native Release build that has a 1 s budget) is a failure; -rss_limit_mb likewise.
# detect_leaks is on by default with ASan; libFuzzer reports a leak as a failure.
cd "$dir"
exec ./matcalc_fuzz -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 \
  -max_len=4096 -print_final_stats=1 "$corpus" seeds
