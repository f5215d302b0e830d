#!/bin/bash
# Round 7 (part c): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 7 (c) ----
run ward_infections plain
run ward_infections twin --code ../_twins/ward_infections/clabsi_nb.py
run ward_infections extra_logk --code ../_twins/ward_infections/clabsi_nb_logk.py   # the contract's log-transform of k
run adhesive_ageing plain;      run adhesive_ageing twin --set lr=0.1
run adhesive_ageing extra_cfg --set momentum=0.0
run adhesive_ageing extra_cfg2 --set epochs=1000
run adhesive_ageing extra_cfg3 --set lr=1.0
run adhesive_ageing extra_cfg4 --set lr=0.05
run tomato_trusses plain
run tomato_trusses twin --code ../_twins/tomato_trusses/fruit_growth.py
run tomato_trusses extra_cfg --set max_nfev=3000
$PY -c "
import pandas as pd
tr=pd.read_csv('../tomato_trusses/data/train.csv'); va=pd.read_csv('../tomato_trusses/data/val.csv')
f=[c for c in tr.columns if c!='fruit_weight_g']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r7c_tt_tr_std.csv',index=False); va.to_csv('/tmp/r7c_tt_va_std.csv',index=False)"
run tomato_trusses extra_std --train /tmp/r7c_tt_tr_std.csv --val /tmp/r7c_tt_va_std.csv   # the `standardize` data repair
run tomato_trusses extra_stdy --standardize-target                                         # the `standardize_target` data repair
run water_mains plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../ward_infections/data/train.csv'); va=pd.read_csv('../ward_infections/data/val.csv')
f=[c for c in tr.columns if c!='infections']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/r7c_wi_tr_std.csv',index=False); va.to_csv('/tmp/r7c_wi_va_std.csv',index=False)"
run ward_infections extra_std --train /tmp/r7c_wi_tr_std.csv --val /tmp/r7c_wi_va_std.csv   # the `standardize` data repair
$PY round7_c.py --diag > results/round7_c_diag.log 2>&1 || echo "FAILED round7_c --diag"
