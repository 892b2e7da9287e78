#!/usr/bin/env bash
# Prints the --set flags of the model before issue 12's default flip, read from the switch tables
# of experiments/legacy.toml ([market], [firms], [government], [exit], [welfare]), for any run:
#   regsim run experiments/china.toml $(scripts/legacy-args.sh) --out out/china-legacy
#   NEW_EXTRA="$(scripts/legacy-args.sh)" QUICK=1 scripts/compare-outputs.sh 5156fd5 NEW
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 - <<'PY'
import tomllib
with open("experiments/legacy.toml", "rb") as f:
    cfg = tomllib.load(f)
keep = {"market": ("conduct", "util_cost", "partial_adjustment", "rest_of_world", "demand_cycles"),
        "firms": ("expectations",), "government": ("guidance_funds",),
        "exit": ("soft_budgets", "rule"), "welfare": ("accounting",),
        "policy": ("platform_screening", "platform_disclosure")}
out = []
for table, keys in keep.items():
    for k in keys:
        if k in cfg.get(table, {}):
            v = cfg[table][k]
            v = str(v).lower() if isinstance(v, bool) else v
            out.append(f"--set {table}.{k}={v}")
print(" ".join(out))
PY
