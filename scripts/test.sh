#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test:
#   1. the engine's GoogleTest suite through ctest (native build/),
#   2. node --test over tests/wasm (the WebAssembly module), tests/cli (the `matcalc`
#      command) and tests/browser (the built page in headless Debian chromium),
#   3. a clang-format check of wasm/**/*.{h,cpp} and tests/**/*.cpp, counted as one test,
#   4. the libFuzzer target over the public API under ASan and UBSan for about a minute
#      (scripts/fuzz.sh; FUZZ_SECONDS changes the time), counted as one test: any crash,
#      leak, sanitizer report or timeout fails it (and so does its build failing).
# The fuzz target's build (build-fuzz/) runs in the background from the start, at the
# lowest priority: it takes only the CPU that the other builds and the tests leave idle;
# its 60 s run starts once it is built and ctest is done, alongside node --test (which
# mostly waits on the browser). Each phase prints a "time:" line (scripts/timing.sh).
# Ends with one line "N passed, M failed" over all of them; exits 1 if anything failed.
# Works from any directory.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=timing.sh
source scripts/timing.sh
timing_begin
all_t0=$timing_t0 all_own0=$timing_own0 all_machine0=$timing_machine0

passed=0
failed=0
logs="$(mktemp -d)"
fuzz_build_pid=""
fuzz_run_pid=""
# The background jobs (the fuzz build, the fuzz run) are process groups of their own
# (set -m): stopped with this script.
cleanup() {
  local pid
  for pid in $fuzz_build_pid $fuzz_run_pid; do kill -- "-$pid" 2>/dev/null; done
  rm -rf "$logs"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

finish() {
  timing_t0=$all_t0 timing_own0=$all_own0 timing_machine0=$all_machine0
  timing_end "whole run"
  echo "$passed passed, $failed failed"
  if ((failed > 0)); then exit 1; fi
  exit 0
}

# Prints the ids of process $1 and of all its descendants.
descendants() {
  ps -eo pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      for (p in parent) {
        for (q = p; q != "" && q != 1 && q != 0; q = parent[q]) if (q == root) { print p; break }
      }
    }'
}

# Prints the number after "<label> " in the last line of $2 that has it, or nothing.
count_of() {
  grep -Eo "^# $1 [0-9]+" "$2" | tail -1 | grep -Eo '[0-9]+$'
}

timing_begin
if ! bash scripts/setup.sh; then
  echo "test: scripts/setup.sh failed" >&2
  failed=$((failed + 1))
  finish
fi
timing_end setup

# The fuzz target's build needs nothing from the other builds: nice 19 gives it only the
# CPU they and the tests leave idle (linking, the browser tests waiting on the page), so
# it is done, or nearly, when the fuzz run needs it.
echo "== fuzz build (build-fuzz/) started in the background at nice 19"
set -m
(
  nice -n 19 bash scripts/fuzz.sh build
  echo $? >"$logs/fuzz-build.status"
) >"$logs/fuzz-build.log" 2>&1 </dev/null &
fuzz_build_pid=$!
set +m

timing_begin
if ! bash scripts/build.sh; then
  echo "test: scripts/build.sh failed" >&2
  failed=$((failed + 1))
  finish
fi
timing_end "build (all of scripts/build.sh)"

echo "== engine unit tests (ctest)"
timing_begin
ctest --test-dir build --output-on-failure -j 2 --timeout 300 2>&1 | tee "$logs/ctest.log"
ctest_status=${PIPESTATUS[0]}
summary_line="$(grep -E '[0-9]+ tests failed out of [0-9]+' "$logs/ctest.log" | tail -1)"
if [ -n "$summary_line" ]; then
  read -r ctest_failed ctest_total < <(echo "$summary_line" |
    sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1 \2/')
  passed=$((passed + ctest_total - ctest_failed))
  failed=$((failed + ctest_failed))
  if ((ctest_status != 0 && ctest_failed == 0)); then failed=$((failed + 1)); fi
elif ((ctest_status != 0)); then
  echo "test: ctest failed without a summary" >&2
  failed=$((failed + 1))
fi
timing_end ctest

# The fuzz run (one core for 60 s) starts as soon as its build is done, alongside node
# --test; not alongside ctest, whose g++ compiles of the exported Eigen code each have
# 300 s. Its report is printed at the end.
set -m
(
  while [ ! -f "$logs/fuzz-build.status" ]; do sleep 1; done
  if [ "$(cat "$logs/fuzz-build.status")" = 0 ]; then
    timing_begin
    bash scripts/fuzz.sh run >"$logs/fuzz.log" 2>&1 </dev/null
    echo $? >"$logs/fuzz.status"
    timing_end "fuzz run (${FUZZ_SECONDS:-60} s)" >"$logs/fuzz.time"
  fi
) &
fuzz_run_pid=$!
set +m

echo "== WebAssembly, CLI and browser tests (node --test)"
timing_begin
mapfile -t node_tests < <(find tests/wasm tests/cli tests/browser -name '*.test.mjs' \
  2>/dev/null | sort)
if ((${#node_tests[@]})); then
  # One test file at a time (node's default here, os.availableParallelism() - 1): two
  # at a time saved ~30 s of ~350 s on a loaded machine (tests/browser/page.test.mjs
  # alone takes most of it) and a browser test's 15 s wait ran out, with two chromiums.
  node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$logs/node.tap" \
    "${node_tests[@]}"
  node_status=$?
  node_pass="$(count_of pass "$logs/node.tap")"
  node_fail="$(count_of fail "$logs/node.tap")"
  node_cancelled="$(count_of cancelled "$logs/node.tap")"
  if [ -n "$node_pass" ]; then
    passed=$((passed + node_pass))
    failed=$((failed + ${node_fail:-0} + ${node_cancelled:-0}))
    if ((node_status != 0 && ${node_fail:-0} + ${node_cancelled:-0} == 0)); then
      failed=$((failed + 1))
    fi
  else
    echo "test: node --test failed without a summary" >&2
    failed=$((failed + 1))
  fi
fi
timing_end "node --test"

echo "== clang-format"
timing_begin
mapfile -t sources < <(find wasm tests \( -path 'tests/*' -name '*.cpp' \) -o \
  \( -path 'wasm/*' \( -name '*.h' -o -name '*.cpp' \) \) 2>/dev/null | sort)
if ((${#sources[@]} == 0)) ||
  clang-format --dry-run --Werror "${sources[@]}" >"$logs/format.log" 2>&1; then
  echo "clang-format: ${#sources[@]} files ok"
  passed=$((passed + 1))
else
  grep -E '^[^ ].*: error:' "$logs/format.log" | cut -d: -f1 | sort -u |
    sed 's/^/clang-format: not formatted: /'
  echo "clang-format: fix with: clang-format -i <file>"
  failed=$((failed + 1))
fi
timing_end clang-format

echo "== fuzz (libFuzzer, ASan + UBSan, ${FUZZ_SECONDS:-60} s)"
timing_begin
# A build still going has the machine to itself now: back to the normal priority, which
# nice 19 would not get on a machine that others use (ninja's jobs and the compilers it
# started, each in its own process group).
if [ ! -f "$logs/fuzz-build.status" ]; then
  renice -n 0 -p $(descendants "$fuzz_build_pid") >/dev/null 2>&1
fi
wait "$fuzz_run_pid"
fuzz_run_pid=""
wait "$fuzz_build_pid"
fuzz_build_pid=""
timing_end "fuzz: waiting for its build and run after the other tests"
grep -E '^time: ' "$logs/fuzz-build.log"
cat "$logs/fuzz.time" 2>/dev/null
if [ "$(cat "$logs/fuzz-build.status" 2>/dev/null)" != 0 ]; then
  tail -60 "$logs/fuzz-build.log"
  echo "fuzz: the build (bash scripts/fuzz.sh build) failed"
  failed=$((failed + 1))
elif [ "$(cat "$logs/fuzz.status" 2>/dev/null)" = 0 ]; then
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)' "$logs/fuzz.log"
  passed=$((passed + 1))
else
  tail -60 "$logs/fuzz.log"
  echo "fuzz: failed; the input is in build-fuzz/ (crash-*, leak-*, timeout-*, oom-*)"
  failed=$((failed + 1))
fi

finish
