#!/usr/bin/env bash
# Prints the --set flags of the model before issue 12's default flip for any run: every key of
# experiments/legacy.toml that baseline.toml does not set to the same value (the issue-12 switches;
# legacy.toml is baseline.toml plus them, and tests/agents/switch_table_test.cpp checks that it
# holds every switch added since), e.g.
#   regsim run experiments/china.toml $(scripts/legacy-args.sh) --out out/china-legacy
#   NEW_EXTRA="$(scripts/legacy-args.sh)" QUICK=1 scripts/compare-outputs.sh 5156fd5 NEW
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 - <<'PY'
import tomllib


def flat(path):
    with open(path, "rb") as f:
        cfg = tomllib.load(f)
    cfg.pop("schedule", None)
    out = {}
    def walk(prefix, table):
        for k, v in table.items():
            if isinstance(v, dict):
                walk(prefix + k + ".", v)
            else:
                out[prefix + k] = v
    walk("", cfg)
    return out


legacy, base = flat("experiments/legacy.toml"), flat("experiments/baseline.toml")
out = []
for key, v in legacy.items():
    if key in base and base[key] == v and type(base[key]) is type(v):
        continue
    out.append(f"--set {key}={str(v).lower() if isinstance(v, bool) else v}")
print(" ".join(out))
PY
