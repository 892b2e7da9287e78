#!/usr/bin/env bash
# Reproduce every number and figure of docs/findings.md.
#
# Usage (from anywhere):
#   scripts/findings/run_all.sh [OUTDIR]            # default OUTDIR: out/findings
#   REGSIM=/path/to/regsim JOBS=2 scripts/findings/run_all.sh /tmp/find/out
#
# REGSIM is the binary (default: `regsim` on PATH, else build/release/apps/regsim); JOBS the
# number of parallel runs (default 2). Sweeps go to OUTDIR/qN (mechanism switches to
# OUTDIR/qN_<switch>), single runs to OUTDIR/q2_*, OUTDIR/q7_dest, OUTDIR/q8_cities and
# OUTDIR/classroom; every table docs/findings.md and docs/classroom.md quote is printed and also
# written to OUTDIR/tables/*.md; the figures are written to docs/images/findings/.
# About 3,950 runs of 0.2-0.6 s: ~30 minutes on 2 busy cores.
# Sweeps use --resume, so rerunning after an interruption only runs what is missing (and a
# finished OUTDIR is not rerun; delete it to start again).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-out/findings}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
if [[ -z "${REGSIM:-}" ]]; then
  if command -v regsim >/dev/null 2>&1; then
    REGSIM="$(command -v regsim)"
  else
    REGSIM="$ROOT/build/release/apps/regsim"
  fi
fi
export REGSIM
JOBS="${JOBS:-2}"
PY=/usr/bin/python3
FIG="$ROOT/docs/images/findings"
SC="$ROOT/experiments/scenarios"
S="$ROOT/scripts/findings"
mkdir -p "$OUT/tables" "$FIG"
cd "$ROOT"

echo "regsim: $REGSIM ($("$REGSIM" --version))"
echo "output: $OUT"
start=$SECONDS

sweep() {  # sweep NAME SCENARIO [--set k=v ...]
  local name=$1 scen=$2
  shift 2
  echo "== sweep $name ($(date +%T))"
  "$REGSIM" sweep "$SC/$scen" --out "$OUT/$name" --jobs "$JOBS" --resume --quiet "$@"
}
table() {  # table NAME command...: print and keep a table
  local name=$1
  shift
  echo "== $name"
  "$@" | tee "$OUT/tables/$name.md"
}

# ---- sweeps (docs/findings.md, one per question) ----
sweep q1 q1_unified_market_homogeneity.toml
sweep q1_wedge q1_unified_market_homogeneity.toml --set spillover.chi=0 --set firms.mobile_rate=0
# Q1 under each model variant: the defaults, each issue-12 switch reverted alone, all of them
# (the legacy model, scripts/legacy-args.sh), the legacy model with the full welfare measure, and
# identical firms (no efficiency dispersion) in both worlds.
read -r -a LEGACY <<<"$(scripts/legacy-args.sh)"
sweep q1_sw_default q1_switches.toml
sweep q1_sw_welfare_legacy q1_switches.toml --set welfare.accounting=legacy
sweep q1_sw_competitive q1_switches.toml --set market.conduct=competitive
sweep q1_sw_no_partial_adj q1_switches.toml --set market.partial_adjustment=false
sweep q1_sw_no_cycles q1_switches.toml --set market.demand_cycles=false
sweep q1_sw_national q1_switches.toml --set firms.expectations=national
sweep q1_sw_no_funds q1_switches.toml --set government.guidance_funds=false
sweep q1_sw_no_soft q1_switches.toml --set exit.soft_budgets=false
sweep q1_sw_legacy q1_switches.toml "${LEGACY[@]}"
sweep q1_sw_legacy_full_welfare q1_switches.toml "${LEGACY[@]}" --set welfare.accounting=full
sweep q1_sw_identical_firms q1_switches.toml --set firms.efficiency_sd=0 --set firms.efficiency_shock=0
sweep q3 q3_bailouts_exit.toml
sweep q4 q4_promotion_reform.toml
sweep q5 q5_subsidy_instruments.toml
sweep q6 q6_coordination_platform.toml
sweep q6_full q6_coordination_platform.toml --set platform.screening=true \
  --set platform.disclosure=true
sweep q6_screening q6_coordination_platform.toml --set platform.screening=true
sweep q6_disclosure q6_coordination_platform.toml --set platform.disclosure=true
sweep q7 q7_subsidy_race_mobile_capital.toml
sweep q7_nomobile q7_subsidy_race_mobile_capital.toml --set firms.mobile_rate=0
sweep q8 q8_cluster_lifecycle.toml
NOLEARN=()
for t in pv battery ev semiconductor ai biomedicine low_altitude new_materials equipment textiles \
         agri_food tourism; do
  NOLEARN+=(--set "tracks.$t.learning=0")
done
sweep q8_nolearn q8_cluster_lifecycle.toml "${NOLEARN[@]}"
sweep q8_nosel q8_cluster_lifecycle.toml --set firms.efficiency_sd=0 --set firms.efficiency_shock=0
sweep q9 q9_smart_specialisation.toml
sweep q9_noobs q9_smart_specialisation.toml --set government.s3_observation_sd=0.5
# Verdicts that changed with the issue-12 defaults, rerun with one switch reverted: the welfare
# measure (measurement only: the same runs, welfare.accounting = legacy), the job-loss cost of
# the full measure (welfare.unemployment_spell = 0, measurement only), guidance funds.
sweep q3_welfare_legacy q3_bailouts_exit.toml --set welfare.accounting=legacy
sweep q3_no_jobloss q3_bailouts_exit.toml --set welfare.unemployment_spell=0
sweep q4_welfare_legacy q4_promotion_reform.toml --set welfare.accounting=legacy
sweep q4_no_funds q4_promotion_reform.toml --set government.guidance_funds=false
sweep q5_welfare_legacy q5_subsidy_instruments.toml --set welfare.accounting=legacy
sweep q5_no_funds q5_subsidy_instruments.toml --set government.guidance_funds=false
sweep q7_welfare_legacy q7_subsidy_race_mobile_capital.toml --set welfare.accounting=legacy
sweep q5_competitive q5_subsidy_instruments.toml --set market.conduct=competitive
for q in q1 q3 q4 q6 q8; do
  "$REGSIM" analyze "$OUT/$q" --quiet
done

# ---- Q1 ----
table q1_kappa $PY "$S/paired.py" "$OUT/q1" --factor market.kappa \
  --metrics mean_cu,min_cu,mean_price_index,avg_producer_surplus,avg_loss_share,mean_welfare,final_tfp,mean_similarity,mean_zombie_share \
  --png "$FIG/q1_kappa_heterogeneity.png"
table q1_alpha1 $PY "$S/paired.py" "$OUT/q1" --factor tournament.alpha1 \
  --metrics mean_cu,mean_price_index,avg_producer_surplus,mean_welfare
table q1_wedge $PY "$S/paired.py" "$OUT/q1_wedge" --factor market.kappa \
  --metrics mean_cu,mean_price_index,avg_producer_surplus,mean_welfare,final_tfp,mean_similarity

table q1_switches $PY "$S/q1_switches.py" default="$OUT/q1_sw_default" \
  welfare_legacy="$OUT/q1_sw_welfare_legacy" competitive="$OUT/q1_sw_competitive" \
  no_partial_adjustment="$OUT/q1_sw_no_partial_adj" no_demand_cycles="$OUT/q1_sw_no_cycles" \
  national_expectations="$OUT/q1_sw_national" no_guidance_funds="$OUT/q1_sw_no_funds" \
  no_soft_budgets="$OUT/q1_sw_no_soft" legacy="$OUT/q1_sw_legacy" \
  legacy_full_welfare="$OUT/q1_sw_legacy_full_welfare" \
  identical_firms="$OUT/q1_sw_identical_firms" --png "$FIG/q1_switches.png"
table q1_welfare_parts $PY "$S/q1_welfare_parts.py" --out "$OUT/q1_parts" --seeds 10 --jobs "$JOBS"

# ---- Q2 (single runs, seeds 1..10) ----
table q2_tidal_wave $PY "$S/tidal_wave.py" --out "$OUT/q2_seeds" --seeds 10 \
  --png "$FIG/q2_tidal_wave.png"
table q2_iota1 $PY "$S/tidal_wave.py" --out "$OUT/q2_iota1" --seeds 10 --set firms.iota=1 \
  --compare "$OUT/q2_seeds" --png "$FIG/q2_iota1.png"
table q2_nosignal $PY "$S/tidal_wave.py" --out "$OUT/q2_nosignal" --seeds 10 \
  --set government.w_signal=0 --compare "$OUT/q2_seeds" --png "$OUT/q2_nosignal/q2_nosignal.png"
table q2_nofunds $PY "$S/tidal_wave.py" --out "$OUT/q2_nofunds" --seeds 10 \
  --set government.guidance_funds=false --compare "$OUT/q2_seeds" \
  --png "$OUT/q2_nofunds/q2_nofunds.png"

# ---- Q3 ----
table q3_bailouts $PY "$S/paired.py" "$OUT/q3" --factor policy.bailouts \
  --metrics mean_zombie_share,final_tfp,qtr_cu_below_0.8,total_bailouts,final_debt_gdp,avg_employment,sum_retraining,mean_welfare,total_exits \
  --png "$FIG/q3_bailouts.png"
table q3_retraining $PY "$S/paired.py" "$OUT/q3" --factor policy.retraining_cost \
  --metrics final_tfp,avg_employment,sum_retraining,final_debt_gdp,mean_welfare,mean_zombie_share

for v in welfare_legacy no_jobloss; do
  table "q3_bailouts_$v" $PY "$S/paired.py" "$OUT/q3_$v" --factor policy.bailouts \
    --metrics mean_zombie_share,final_tfp,avg_employment,mean_welfare,total_exits
  table "q3_retraining_$v" $PY "$S/paired.py" "$OUT/q3_$v" --factor policy.retraining_cost \
    --metrics mean_welfare
done

# ---- Q4 ----
table q4_evaluation $PY "$S/paired.py" "$OUT/q4" --factor policy.evaluation \
  --metrics mean_similarity,final_jaccard,final_hhi,mean_welfare,gdp_growth,final_crowding \
  --png "$FIG/q4_promotion_reform.png"
table q4_alpha1 $PY "$S/paired.py" "$OUT/q4" --factor tournament.alpha1 \
  --metrics mean_similarity,final_jaccard,mean_welfare,gdp_growth
table q4_ft $PY "$S/paired.py" "$OUT/q4" --factor policy.fault_tolerance \
  --metrics mean_similarity,final_jaccard,mean_welfare,gdp_growth

for v in welfare_legacy no_funds; do
  table "q4_alpha1_$v" $PY "$S/paired.py" "$OUT/q4_$v" --factor tournament.alpha1 \
    --metrics mean_similarity,final_jaccard,mean_welfare,gdp_growth,mean_cu,mean_price_index
done

# ---- Q5 ----
table q5_instruments $PY "$S/subsidy_tables.py" q5 "$OUT/q5"
for v in welfare_legacy no_funds competitive; do
  table "q5_instruments_$v" $PY "$S/subsidy_tables.py" q5 "$OUT/q5_$v"
done

# ---- Q6 ----
table q6_platform $PY "$S/paired.py" "$OUT/q6" --factor policy.coordination_platform \
  --metrics final_overhang,mean_cu,min_cu,mean_welfare,final_jaccard,mean_similarity \
  --png "$FIG/q6_platform.png"
table q6_full $PY "$S/paired.py" "$OUT/q6_full" --factor policy.coordination_platform \
  --metrics final_overhang,mean_cu,min_cu,mean_welfare,final_jaccard,mean_similarity,total_entries
Q6M=final_overhang,mean_cu,min_cu,mean_welfare,final_jaccard,mean_similarity,total_entries
for v in screening disclosure; do
  table "q6_$v" $PY "$S/paired.py" "$OUT/q6_$v" --factor policy.coordination_platform \
    --metrics "$Q6M"
  table "q6_${v}_vs_lists" $PY "$S/two_sweeps.py" "$OUT/q6_$v" "$OUT/q6" --metrics "$Q6M"
done
table q6_interaction $PY "$S/interaction.py" "$OUT/q6" "$OUT/q6_screening" \
  "$OUT/q6_disclosure" "$OUT/q6_full" --metrics "$Q6M"

# ---- Q7 ----
table q7_race $PY "$S/subsidy_tables.py" q7 "$OUT/q7" --extra --vs "$OUT/q7_nomobile"
table q7_nomobile $PY "$S/subsidy_tables.py" q7 "$OUT/q7_nomobile" --extra
table q7_welfare_legacy $PY "$S/subsidy_tables.py" q7 "$OUT/q7_welfare_legacy" --extra
table q7_destinations $PY "$S/mobile_destinations.py" --out "$OUT/q7_dest" --seeds 10 --jobs "$JOBS"

# ---- Q8 ----
table q8_closed $PY "$S/paired.py" "$OUT/q8" --factor policy.closed_cluster_share \
  --metrics final_tfp,tfp_growth,final_knowledge,mean_welfare,total_entries,mean_price_index,mean_cu,final_firms,final_closed_cells \
  --did spillover.lockin_years --title "Q8 closed clusters (30 years, 20 pairs)" \
  --png "$FIG/q8_closed_clusters.png"
for v in nolearn nosel; do
  table "q8_$v" $PY "$S/paired.py" "$OUT/q8_$v" --factor policy.closed_cluster_share \
    --metrics final_tfp,final_knowledge,mean_welfare,total_entries,mean_price_index \
    --did spillover.lockin_years
done
table q8_lockin $PY "$S/paired.py" "$OUT/q8" --factor spillover.lockin_years \
  --metrics final_tfp,tfp_growth,final_knowledge,mean_welfare,total_entries
table q8_cities $PY "$S/closed_cities.py" --out "$OUT/q8_cities" --seeds 10 --share 0.5 --jobs "$JOBS"

# ---- Q9 ----
table q9_s3 $PY "$S/paired.py" "$OUT/q9" --factor policy.smart_specialisation \
  --metrics mean_similarity,final_jaccard,mean_welfare,final_tfp,gdp_growth,mean_cu \
  --png "$FIG/q9_s3.png"
table q9_noobs $PY "$S/paired.py" "$OUT/q9_noobs" --factor policy.smart_specialisation \
  --metrics mean_similarity,final_jaccard,mean_welfare,final_tfp,gdp_growth,mean_cu
table q9_obs_part $PY "$S/two_sweeps.py" "$OUT/q9" "$OUT/q9_noobs" \
  --metrics mean_similarity,final_jaccard,mean_welfare,final_tfp,gdp_growth,mean_cu

# ---- docs/classroom.md ----
table classroom $PY "$S/classroom_numbers.py" --out "$OUT/classroom" --jobs "$JOBS"

echo "done in $((SECONDS - start)) s; tables in $OUT/tables, figures in $FIG"
