#!/usr/bin/env bash
# Builds the benchmarks (Release) and prints the per-phase and whole-run table.
# Usage: scripts/bench.sh [google-benchmark flags], e.g. --benchmark_filter=default
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DREGSIM_BUILD_BENCH=ON \
  -DREGSIM_BUILD_TESTS=OFF >/dev/null
cmake --build build/bench --target regsim_bench regsim
./build/bench/bench/regsim_bench --benchmark_counters_tabular=true "$@"
