#!/usr/bin/env bash
# Fails if any tracked C++ source is not clang-format clean (clang-format 14, as in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format not installed; skipping"; exit 0; }
files=$(git ls-files '*.cpp' '*.h' '*.cpp.in')
[ -z "$files" ] && exit 0
clang-format --dry-run --Werror $files
echo "format: ok"
