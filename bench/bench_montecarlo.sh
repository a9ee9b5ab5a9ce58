#!/usr/bin/env bash
# Time Monte Carlo of a 6-element system: Li6PS5Cl + Li2RuO3 (Cl-Li-O-P-Ru-S),
# 1,000 samples, closed and at 3 V, on 1 and 2 threads, against the exact run.
#   bench/bench_montecarlo.sh [path/to/interphase]     (database: $INTERPHASE_DB or the default)
set -euo pipefail
ip=${1:-$(dirname "$0")/../build/interphase}
"$ip" react Li6PS5Cl Li2RuO3 > /dev/null  # builds the database and its stability if needed
time_of() {
  local best=
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$ip" "$@" > /dev/null
    t1=$(date +%s.%N)
    local t
    t=$(echo "$t1 - $t0" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  printf '%8.3f s  %s\n' "$best" "$*"
}
echo "best of 3, wall clock, whole process"
time_of react Li6PS5Cl Li2RuO3
for v in "" "--voltage 3"; do
  for t in 1 2; do
    # shellcheck disable=SC2086
    time_of react Li6PS5Cl Li2RuO3 $v --samples 1000 --seed 1 --threads $t
  done
done
