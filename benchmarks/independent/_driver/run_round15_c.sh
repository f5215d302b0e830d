#!/bin/bash
# Round 15 (part c): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json. Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 15 (c) ----
for g in fell_raingauges slurry_pump_seals vole_tick_burdens; do $PY gen/$g.py > /dev/null; done

run fell_raingauges plain;     run fell_raingauges twin --code ../_twins/fell_raingauges/rain_hurdle.py
run fell_raingauges extra_trainfit --val ../fell_raingauges/data/train.csv     # plain fit scored on its own training days
$PY -c "
import pandas as pd
tr=pd.read_csv('../fell_raingauges/data/train.csv'); va=pd.read_csv('../fell_raingauges/data/val.csv')
f=[c for c in tr.columns if c!='rain_mm']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/fr15c_tr_std.csv',index=False); va.to_csv('/tmp/fr15c_va_std.csv',index=False)"
run fell_raingauges extra_std --train /tmp/fr15c_tr_std.csv --val /tmp/fr15c_va_std.csv        # the `standardize` data repair
run fell_raingauges extra_drop_nonfinite --drop-nonfinite                                        # drop_non_finite_rows (nothing to drop)

run slurry_pump_seals plain;   run slurry_pump_seals twin --code ../_twins/slurry_pump_seals/seal_weibull.py
run slurry_pump_seals extra_cfg --set optimizer='"BFGS"'
run slurry_pump_seals extra_cfg2 --set optimizer='"Powell"'
run slurry_pump_seals extra_cfg3 --set optimizer='"Nelder-Mead"'
run slurry_pump_seals extra_cfg4 --set epochs=3000
run slurry_pump_seals extra_cfg5 --set optimizer='"CG"'
run slurry_pump_seals extra_cfg6 --set gtol=1e-10
run slurry_pump_seals extra_init --set shape_init=3.0                          # Weibull shape started at the generating value
$PY -c "
import pandas as pd
tr=pd.read_csv('../slurry_pump_seals/data/train.csv'); va=pd.read_csv('../slurry_pump_seals/data/val.csv')
f=[c for c in tr.columns if c!='hours_to_failure']; mu=tr[f].mean(); sd=tr[f].std()
a=tr.copy(); b=va.copy(); a[f]=(a[f]-mu)/sd; b[f]=(b[f]-mu)/sd; a.to_csv('/tmp/sp15c_tr_std.csv',index=False); b.to_csv('/tmp/sp15c_va_std.csv',index=False)
f=['discharge_pressure_pa','solids_frac','shaft_speed_rpm']; mu=tr[f].mean(); sd=tr[f].std()
a=tr.copy(); b=va.copy(); a[f]=(a[f]-mu)/sd; b[f]=(b[f]-mu)/sd; a.to_csv('/tmp/sp15c_tr_std3.csv',index=False); b.to_csv('/tmp/sp15c_va_std3.csv',index=False)"
run slurry_pump_seals extra_std --train /tmp/sp15c_tr_std.csv --val /tmp/sp15c_va_std.csv      # `standardize` on every feature column (failed included)
run slurry_pump_seals extra_std3 --train /tmp/sp15c_tr_std3.csv --val /tmp/sp15c_va_std3.csv   # the three continuous covariates only
run slurry_pump_seals extra_twin_cfg --code ../_twins/slurry_pump_seals/seal_weibull.py --set optimizer='"BFGS"'

run vole_tick_burdens plain
run vole_tick_burdens extra_trainfit --val ../vole_tick_burdens/data/train.csv
$PY round15_c.py diag > /dev/null      # reference fits and diagnostics -> results/round15_c_diag.json
$PY round15_c.py
