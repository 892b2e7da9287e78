#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan + UBSan) and fuzzes the config loader and
# the map loader, each for SECONDS (default 60), starting from fuzz/corpus/. New inputs found go to
# build/fuzz/corpus-*/ (not the repository); a crash leaves build/fuzz/crash-* and fails.
#   scripts/fuzz.sh            # the short CI run
#   scripts/fuzz.sh 3600       # a longer run, one hour per target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target regsim_fuzz_config regsim_fuzz_map
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in config map; do
  work=build/fuzz/corpus-$target
  mkdir -p "$work"
  echo "fuzz: $target for ${seconds} s"
  (cd build/fuzz && "./fuzz/regsim_fuzz_$target" -max_total_time="$seconds" -max_len=65536 \
     -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
     "corpus-$target" "../../fuzz/corpus/$target" 2>&1 | tail -12)
done
echo "fuzz: ok"
