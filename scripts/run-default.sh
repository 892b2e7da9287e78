#!/usr/bin/env bash
# Fresh machine to first result: installs dependencies, builds (release) and runs the default
# experiment, writing its outputs to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/apps/regsim run --out out "$@"
