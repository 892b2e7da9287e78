#!/usr/bin/env bash
# Regenerates the live view's screenshots in docs/images/ (README and docs/classroom.md) under a
# virtual display. Usage: scripts/view-screenshots.sh [BUILD_DIR] [FILE...] (default build/release;
# with FILEs, e.g. fork-unify.png, only those).
set -euo pipefail
cd "$(dirname "$0")/.."
view="${1:-build/release}/apps/regsim-view"
shift || true
only=" $* "
[ -x "$view" ] || { echo "no $view: build it first (cmake --build --preset release)" >&2; exit 2; }
shot() {  # FILE SIZE YEAR ARGS...: the view after YEAR years (2 quarters a frame)
  local file="$1" size="$2" year="$3"
  shift 3
  [ "$only" = "  " ] || [[ "$only" == *" $file "* ]] || return 0
  xvfb-run -a -s "-screen 0 1920x1200x24" "$view" "$@" --screenshot "docs/images/$file" \
    --frames $((2 * year)) --ticks-per-frame 2 --size "$size" 2>&1 |
    grep -v "vertical sync" || true
  echo "docs/images/$file"
}
shot regsim-view.png 1280x720 9
shot regsim-view-china.png 1600x900 4 experiments/china.toml
shot map-lists.png 1280x720 13 --map lists:low_altitude
shot map-cu.png 1280x720 15 --map cu:low_altitude
shot map-debt.png 1280x720 25 --map debt
shot map-pressure.png 1280x720 15 --map pressure
shot map-china-lists.png 1600x900 13 experiments/china.toml --map lists:low_altitude
shot fork-unify.png 1280x720 25 --fork 40:market.kappa=0
shot market-cournot.png 1280x720 12
