#!/bin/bash
# Round 6 (part c): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 6 (c) ----
run larvicide_trials plain
run larvicide_trials twin --code ../_twins/larvicide_trials/dose_response.py
run larvicide_trials extra_logslope --code ../_twins/larvicide_trials/dose_response_logslope.py   # the contract's log-transform of the positive slope
run larvicide_trials extra_nobound --code ../_twins/larvicide_trials/dose_response_nobound.py     # slope bounds removed (a code change)

run lathe_tooling plain
run lathe_tooling twin --code ../_twins/lathe_tooling/tool_life.py
$PY -c "
import pandas as pd
tr=pd.read_csv('../lathe_tooling/data/train.csv'); tr[tr['worn_out'] == 1].to_csv('/tmp/r6c_lt_tr_worn.csv', index=False)"
run lathe_tooling extra_wornonly --train /tmp/r6c_lt_tr_worn.csv             # only the inserts that wore out
run lathe_tooling extra_trainfit --val ../lathe_tooling/data/train.csv       # plain fit scored on its own (censored) training rows

run herring_spawning plain
run herring_spawning twin --code ../_twins/herring_spawning/stock_recruit.py
run herring_spawning extra_cfg --set alpha_init=0.05 --set beta_init=0.0001
run herring_spawning extra_cfg2 --set max_iter=5000
run herring_spawning extra_cfg3 --set alpha_init=0.0346 --set beta_init=1.14e-05   # starting at the twin's alpha and beta
$PY -c "
import pandas as pd
tr=pd.read_csv('../herring_spawning/data/train.csv'); va=pd.read_csv('../herring_spawning/data/val.csv'); t='recruits_millions'
f=[c for c in tr.columns if c!=t]; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r6c_hs_tr_std.csv',index=False); va.to_csv('/tmp/r6c_hs_va_std.csv',index=False)"
run herring_spawning extra_std --train /tmp/r6c_hs_tr_std.csv --val /tmp/r6c_hs_va_std.csv   # the contract's `standardize` data repair

run lake_trout_growth plain
