#!/usr/bin/env bash
# Proves a change is output-neutral: runs the default, large and China experiments and ten policy
# variants with two regsim binaries and compares every CSV byte for byte.
#
#   scripts/compare-outputs.sh BASE NEW            # BASE, NEW: regsim binaries, or git commits
#   scripts/compare-outputs.sh cc1f1d8 build/release/apps/regsim
#   QUICK=1 scripts/compare-outputs.sh ...         # skip the large world (about 10 s a run)
#   APPENDED=1 scripts/compare-outputs.sh ...      # NEW may append columns: compare BASE's only
#   EXTRA="--set market.conduct=cournot" scripts/compare-outputs.sh ...   # added to every run
#   NEW_EXTRA="--threads 2" scripts/compare-outputs.sh ...  # added to NEW's runs only
#
# A commit is built once into build/compare/<commit>/bin (from a temporary worktree, release).
# Exit 0 when every CSV is identical, 1 when any differs (the differing files are listed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

binary_for() {  # a path to an executable, or a commit to build
  if [ -x "$1" ] && [ -f "$1" ]; then
    realpath "$1"
    return
  fi
  local commit
  commit=$(git rev-parse --short=12 "$1^{commit}")
  local dir="$root/build/compare/$commit"
  if [ ! -x "$dir/bin/regsim" ]; then
    local wt
    wt=$(mktemp -d)
    git worktree add --detach "$wt" "$commit" >/dev/null 2>&1
    cmake -S "$wt" -B "$wt/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREGSIM_BUILD_TESTS=OFF \
      -DREGSIM_BUILD_VISUAL=OFF >/dev/null
    cmake --build "$wt/build" --target regsim >/dev/null
    # The binary finds its maps in ../share/regsim/data, as when installed.
    mkdir -p "$dir/bin" "$dir/share/regsim"
    cp "$wt/build/apps/regsim" "$dir/bin/regsim"
    cp -r "$wt/data" "$dir/share/regsim/data"
    git worktree remove --force "$wt"
  fi
  echo "$dir/bin/regsim"
}

[ $# -eq 2 ] || { sed -n 2,11p "$0"; exit 2; }
base=$(binary_for "$1")
new=$(binary_for "$2")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# name | config | extra arguments
runs=(
  "default||"
  "china|experiments/china.toml|"
  "kappa0||--set market.kappa=0"
  "kappa1-identical||--set market.kappa=1 --set world.heterogeneity=0"
  "no-tournament||--set tournament.alpha1=0"
  "reform||--set policy.evaluation=differentiated --set policy.fault_tolerance=0.5"
  "balanced||--set policy.evaluation=balanced"
  "precise||--set policy.subsidy_regime=precise"
  "vc||--set policy.subsidy_regime=vc"
  "no-bailouts||--set policy.bailouts=false --set policy.retraining_cost=2"
  "platform-controls||--set policy.coordination_platform=true --set policy.capacity_controls=true"
  "s3-closed||--set policy.smart_specialisation=true --set policy.closed_cluster_share=0.5"
)
[ "${QUICK:-0}" = 1 ] || runs+=("large|experiments/large.toml|")

status=0
for spec in "${runs[@]}"; do
  IFS='|' read -r name config extra <<<"$spec"
  for side in base new; do
    bin=$base
    side_extra=""
    [ $side = new ] && bin=$new && side_extra=${NEW_EXTRA:-}
    # shellcheck disable=SC2086
    "$bin" run $config --out "$out/$side/$name" --quiet $extra ${EXTRA:-} $side_extra >/dev/null
  done
  same=1
  for f in "$out/base/$name"/*.csv; do
    g="$out/new/$name/$(basename "$f")"
    if [ "${APPENDED:-0}" = 1 ] && [ -f "$g" ]; then
      # Keep the new file's first columns, as many as the base file has (no quoted commas in
      # headers; a row's leading fields are numbers or quoted names counted by the CSV reader).
      /usr/bin/python3 - "$f" "$g" <<'PY' || { echo "DIFFERS: $name/$(basename "$f") (old columns)"; same=0; status=1; }
import csv, sys
with open(sys.argv[1], newline="") as a, open(sys.argv[2], newline="") as b:
    ra, rb = csv.reader(a), csv.reader(b)
    for x, y in zip(ra, rb, strict=True):
        if x != y[: len(x)]:
            sys.exit(1)
PY
      continue
    fi
    if ! cmp -s "$f" "$g"; then
      echo "DIFFERS: $name/$(basename "$f")"
      same=0
      status=1
    fi
  done
  for g in "$out/new/$name"/*.csv; do
    [ -f "$out/base/$name/$(basename "$g")" ] || echo "new file (not compared): $name/$(basename "$g")"
  done
  [ $same -eq 1 ] && echo "identical: $name ($(ls "$out/base/$name"/*.csv | wc -l) CSVs${APPENDED:+, old columns})"
done
exit $status
