# Phase timings for scripts/test.sh, build.sh and fuzz.sh (sourced, not run):
#   timing_begin; ...; timing_end "label"
# prints "time: label: W s wall, C s CPU, machine B% busy" where C is the user + system
# time of the script's finished child processes during the phase (the work it did) and B
# how busy all the machine's cores were meanwhile (other users' jobs included), so a slow
# phase can be told from a loaded machine.

# Sets timing_ticks to the user + system ticks of this shell's finished children (fields
# 16 and 17 of its stat; BASHPID, so that a background subshell counts its own).
timing_own_ticks() {
  local stat
  read -ra stat </proc/$BASHPID/stat
  timing_ticks=$((stat[15] + stat[16]))
}

# "busy total" jiffies of all cores since boot (/proc/stat).
timing_machine_ticks() {
  local label user nice system idle iowait irq softirq steal rest
  read -r label user nice system idle iowait irq softirq steal rest </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}

timing_begin() {
  timing_t0=$(date +%s.%N)
  timing_own_ticks
  timing_own0=$timing_ticks
  timing_machine0=$(timing_machine_ticks)
}

timing_end() {
  local t1 own1 machine1 busy0 total0 busy1 total1
  t1=$(date +%s.%N)
  timing_own_ticks
  own1=$timing_ticks
  machine1=$(timing_machine_ticks)
  read -r busy0 total0 <<<"$timing_machine0"
  read -r busy1 total1 <<<"$machine1"
  local ticks
  ticks=$(getconf CLK_TCK)
  awk -v label="$1" -v t0="$timing_t0" -v t1="$t1" -v own=$((own1 - timing_own0)) \
    -v busy=$((busy1 - busy0)) -v total=$((total1 - total0)) -v hz="$ticks" -v cores="$(nproc)" \
    'BEGIN { pct = total > 0 ? 100 * busy / total : 0
             printf "time: %s: %.0f s wall, %.0f s CPU, machine %.0f%% busy of %d cores\n", label, t1 - t0, own / hz, pct, cores }'
}
