#!/usr/bin/env bash
# Builds with the asan preset (ASan + UBSan + float-cast-overflow, every error fatal, -O1 -g1) and
# runs tests under it; leaks inside Open MPI and the X11/Mesa drivers are suppressed by
# scripts/sanitizers/lsan.supp. Prints how long the build and the tests took.
#   scripts/test-asan.sh            # the whole suite (extra arguments go to ctest)
#   scripts/test-asan.sh --inputs   # the input side only: the sim and experiments test programs
#                                   # (TOML and map reading, CSV, text, the sweep spec and store,
#                                   # outputs), both fuzz corpora and the hostile-input campaign
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/sanitizers/lsan.supp:print_suppressions=0
start=$(date +%s)
cmake --preset asan >/dev/null
if [ "${1:-}" = "--inputs" ]; then
  cmake --build --preset asan --target regsim regsim-classroom regsim_sim_tests \
    regsim_experiments_tests regsim_fuzz_config regsim_fuzz_map
  built=$(date +%s)
  build/asan/tests/regsim_sim_tests --gtest_brief=1
  build/asan/tests/regsim_experiments_tests --gtest_brief=1
  ctest --preset asan -j "$(nproc)" -R '^(fuzz\.corpus_config|fuzz\.corpus_map|hostile\.Inputs)$'
else
  cmake --build --preset asan
  built=$(date +%s)
  ctest --preset asan -j "$(nproc)" "$@"
fi
end=$(date +%s)
echo "asan: build $((built - start)) s, tests $((end - built)) s"
