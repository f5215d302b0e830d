#!/bin/bash
# Re-runs every program plainly and its corrected twin; results in results/<name>_{plain,twin,extra*}.json
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=/work/main/.venv/bin/python
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
run battery_fade plain;        run battery_fade twin --set lr=0.01
run wine_cultivar plain;       run wine_cultivar twin --set lr=0.05
run house_prices plain;        run house_prices twin --standardize-target
run wind_turbine plain;        run wind_turbine twin --code ../_twins/wind_turbine/power_curve.py
run wind_turbine extra_cfg --set lr=0.001 --set momentum=0 --set clip_grad_norm=1.0
run wind_turbine extra_cfg2 --set lr=0.00001 --set momentum=0
run handwritten_digits plain;  run handwritten_digits twin --code ../_twins/handwritten_digits/digits_mlp.py
run tumour_biopsy plain;       run tumour_biopsy twin --code ../_twins/tumour_biopsy/biopsy_net.py
run tumour_biopsy extra_cfg --set weight_decay=0.01 --set dropout=0.5 --set epochs=20
run building_energy plain;     run building_energy twin --code ../_twins/building_energy/energy_model.py
$PY -c "
import pandas as pd
tr=pd.read_csv('../building_energy/data/train.csv'); va=pd.read_csv('../building_energy/data/val.csv')
f=[c for c in tr.columns if c!='energy_kWh_day']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/be_tr_std.csv',index=False); va.to_csv('/tmp/be_va_std.csv',index=False)"
run building_energy extra_standardize --train /tmp/be_tr_std.csv --val /tmp/be_va_std.csv
run solar_home plain;          run solar_home twin --set output_activation='"linear"'
run concrete_strength plain;   run concrete_strength twin --set epochs=400
run gas_heating plain;         run gas_heating twin --drop-nonfinite
run oral_pk plain;             run oral_pk twin --code ../_twins/oral_pk/one_compartment.py
run crop_yield plain;          run crop_yield twin --set hidden_units=16 --set weight_decay=0.01 --set epochs=400 --set lr=0.003
run yeast_growth plain
run bearing_condition plain
run telecom_churn plain
run projectile_range plain
