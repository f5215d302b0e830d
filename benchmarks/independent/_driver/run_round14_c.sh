#!/bin/bash
# Round 14 (part c): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 14 (c) ----
for g in cortisol_assay algae_raceways caffeine_clearance; do $PY gen/$g.py > /dev/null; done
$PY round14_c.py refs > /dev/null       # reference fits and diagnostics -> results/round14_c_refs.json
run cortisol_assay plain;      run cortisol_assay twin --code ../_twins/cortisol_assay/standard_curve.py
run cortisol_assay extra_cfg --set optimizer='"BFGS"'
run cortisol_assay extra_cfg2 --set optimizer='"Nelder-Mead"'
run cortisol_assay extra_cfg3 --set optimizer='"Powell"'
run cortisol_assay extra_cfg4 --set epochs=5000
run cortisol_assay extra_cfg5 --set optimizer='"TNC"'
run cortisol_assay extra_init --set ic50_init=6.0                 # IC50 started at the generating value
run algae_raceways plain;      run algae_raceways twin --code ../_twins/algae_raceways/raceway_growth.py --set lr=0.0001
run algae_raceways extra_twin_lr --code ../_twins/algae_raceways/raceway_growth.py   # twin code, config unchanged (lr 4e-7)
run algae_raceways extra_cfg --set lr=2e-6
run algae_raceways extra_cfg2 --set lr=1e-5
run algae_raceways extra_cfg3 --set lr=0.0001
run algae_raceways extra_cfg4 --set epochs=20000
run algae_raceways extra_cfg5 --set lr=2e-6 --set epochs=20000
run algae_raceways extra_init --set k_init=300.0                  # K0 started at the generating value
$PY -c "
import pandas as pd
tr=pd.read_csv('../algae_raceways/data/train.csv'); va=pd.read_csv('../algae_raceways/data/val.csv')
f=[c for c in tr.columns if c!='biomass_g_m2']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/ar14c_tr_std.csv',index=False); va.to_csv('/tmp/ar14c_va_std.csv',index=False)"
run algae_raceways extra_std --train /tmp/ar14c_tr_std.csv --val /tmp/ar14c_va_std.csv   # the `standardize` data repair
run algae_raceways extra_stdt --standardize-target                                       # the `standardize_target` data repair
run algae_raceways extra_stdt_lr --standardize-target --set lr=0.004
run caffeine_clearance plain
$PY round14_c.py
