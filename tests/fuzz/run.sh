#!/usr/bin/env bash
# Build the libFuzzer targets with clang and run each for SECONDS (default 20).
#   tests/fuzz/run.sh 20       what CI runs
#   tests/fuzz/run.sh 600      a longer run by hand
# Each target starts from its committed seed corpus (tests/fuzz/corpus/NAME,
# left unchanged); what the run finds goes to build-fuzz/corpus/NAME, crashes
# to build-fuzz/artifacts/. A crash makes the script fail: turn its input into
# a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
build="${INTERPHASE_FUZZ_BUILD:-build-fuzz}"
cxx="${CXX_FUZZ:-clang++-14}"

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DINTERPHASE_FUZZ=ON -DINTERPHASE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz_formula fuzz_csv fuzz_pymatgen fuzz_mp

mkdir -p "$build/artifacts"
status=0
for target in formula csv pymatgen mp; do
  mkdir -p "$build/corpus/$target"
  echo "fuzz: $target for ${seconds} s" >&2
  if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$target-" "$build/corpus/$target" "tests/fuzz/corpus/$target" \
      2> "$build/fuzz_$target.log"; then
    echo "fuzz: $target FAILED; see $build/fuzz_$target.log and $build/artifacts/" >&2
    tail -n 40 "$build/fuzz_$target.log" >&2
    status=1
  else
    grep -E "^stat::number_of_executed_units|^Done" "$build/fuzz_$target.log" >&2 || true
  fi
done
exit $status
