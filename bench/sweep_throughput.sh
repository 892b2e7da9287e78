#!/usr/bin/env bash
# Sweep throughput: runs per second of `regsim sweep` at 1 and 2 workers (or the --jobs values
# given), scaling efficiency (rate at N / (N x rate at 1)), CPU seconds per run, and the size of
# the results store for 1,000 runs (summaries only, and with every national metric per tick).
# Usage: [REPEAT=3] bench/sweep_throughput.sh [path/to/regsim] [jobs...]
#        (default: build/release/apps/regsim, jobs 1 2; REPEAT keeps the fastest of REPEAT tries,
#        which filters out other load on a shared machine)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/apps/regsim}
[ $# -gt 0 ] && shift
jobs=("$@")
[ ${#jobs[@]} -eq 0 ] && jobs=(1 2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
printf '%-22s %6s %5s %9s %9s %11s %10s\n' sweep runs jobs "wall s" "runs/s" efficiency "cpu s/run"
for sweep in small_1000 default_40; do
  base_rate=""
  for j in "${jobs[@]}"; do
    best=""
    for ((try = 0; try < ${REPEAT:-1}; ++try)); do
      out="$tmp/$sweep-$j-$try"
      start=$(now)
      /usr/bin/time -f '%U %S' -o "$tmp/cpu-$try" \
        "$bin" sweep "bench/sweeps/$sweep.toml" --out "$out" --jobs "$j" --quiet
      end=$(now)
      w=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
      if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
        best=$w
        cp "$tmp/cpu-$try" "$tmp/cpu"
      fi
      rm -rf "$out"
    done
    runs=$("$bin" sweep "bench/sweeps/$sweep.toml" --dry-run | head -1 | sed 's/.*= \([0-9]*\) runs.*/\1/')
    read -r wall rate < <(awk -v w="$best" -v n="$runs" 'BEGIN { printf "%.2f %.2f\n", w, n / w }')
    [ -z "$base_rate" ] && base_rate=$rate
    eff=$(awk -v r="$rate" -v b="$base_rate" -v j="$j" 'BEGIN { printf "%.0f%%", 100 * r / (j * b) }')
    cpu=$(awk -v n="$runs" '{ printf "%.4f", ($1 + $2) / n }' "$tmp/cpu")
    printf '%-22s %6d %5d %9s %9s %11s %10s\n' "$sweep" "$runs" "$j" "$wall" "$rate" "$eff" "$cpu"
  done
done

echo
printf '%-22s %6s %14s %12s\n' store runs "results.sqlite" "bytes/run"
for sweep in small_1000 small_1000_series; do
  out="$tmp/size-$sweep"
  "$bin" sweep "bench/sweeps/$sweep.toml" --out "$out" --jobs "${jobs[-1]}" --quiet
  runs=$(($(wc -l <"$out/summary.csv") - 1))
  bytes=$(stat -c %s "$out/results.sqlite")
  printf '%-22s %6d %14s %12d\n' "$sweep" "$runs" "$bytes" $((bytes / runs))
done
