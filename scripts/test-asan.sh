#!/usr/bin/env bash
# Builds with the asan preset (ASan + UBSan + float-cast-overflow, every error fatal) and runs the
# whole test suite under it; leaks inside Open MPI and the X11/Mesa drivers are suppressed by
# scripts/sanitizers/lsan.supp (set by the preset). Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
start=$(date +%s)
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j "$(nproc)" "$@"
echo "asan: build and tests took $(($(date +%s) - start)) s"
