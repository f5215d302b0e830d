#!/bin/bash
# Re-runs every program plainly and its corrected twin; results in results/<name>_{plain,twin,extra*}.json
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
ROUND=${1:-all}   # "1" to "10" or all (default)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
if [ "$ROUND" = "1" ] || [ "$ROUND" = "all" ]; then
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
fi

# ---- round 2 ----
if [ "$ROUND" = "2" ] || [ "$ROUND" = "all" ]; then
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
run river_discharge plain;     run river_discharge twin --code ../_twins/river_discharge/discharge_gru.py
run river_discharge extra_stdtarget --standardize-target
run river_discharge extra_cfg --set lr=0.05 --set epochs=80
run postcode_digits plain;     run postcode_digits twin --code ../_twins/postcode_digits/digit_cnn.py
run postcode_digits extra_cfg --set epochs=60
run postcode_digits extra_cfg2 --set lr=0.5
run fish_market plain;         run fish_market twin --code ../_twins/fish_market/fish_weight.py
run greenhouse_climate plain;  # crashes by design (prints FAILED); the json records the error
run greenhouse_climate twin --set batch_size=32
run dairy_milk plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../dairy_milk/data/train.csv'); va=pd.read_csv('../dairy_milk/data/val.csv')
f=[c for c in tr.columns if c!='milk_kg_day']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/dm_tr_std.csv',index=False); va.to_csv('/tmp/dm_va_std.csv',index=False)"
run dairy_milk twin --train /tmp/dm_tr_std.csv --val /tmp/dm_va_std.csv
run dairy_milk extra_cfg --set C=1000
run clinic_visits plain;       run clinic_visits twin --code ../_twins/clinic_visits/visit_counts.py
run air_quality plain
$PY -c "
import pandas as pd
va=pd.read_csv('../air_quality/data/val.csv'); va['air_temp']=((va['air_temp']-32)*5/9).round(2); va.to_csv('/tmp/aq_va_C.csv',index=False)"
run air_quality twin --val /tmp/aq_va_C.csv
run air_quality extra_cfg --set max_depth=3
run air_quality extra_cfg2 --set min_samples_leaf=50
run vineyard_frost plain;      run vineyard_frost twin --set activation='"relu"'
run vineyard_frost extra_cfg --set lr=0.1
run vineyard_frost extra_cfg2 --set epochs=200
run vineyard_frost extra_cfg3 --set n_layers=2
run soil_moisture plain;       run soil_moisture twin --set weight_decay=0.0001
run soil_moisture extra_cfg --set weight_decay=0.1
run pump_vibration plain;      run pump_vibration twin --set lr=0.02
run led_lifetimes plain
run ski_visitors plain
run tidal_level plain
run mammography plain
fi

# ---- round 3 ----
if [ "$ROUND" = "3" ] || [ "$ROUND" = "all" ]; then
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }
run seed_varieties plain;      # crashes by design (prints FAILED); the json records the error
run seed_varieties twin --code ../_twins/seed_varieties/kernel_net.py
run bakery_sales plain;        run bakery_sales twin --code ../_twins/bakery_sales/sales_net.py
run bakery_sales extra_cfg --set epochs=120
run bakery_sales extra_cfg2 --set hidden_units=128
run wheat_protein plain;       run wheat_protein twin --set init='"default"'
run wheat_protein extra_cfg --set init='"kaiming"'
run wheat_protein extra_cfg2 --set lr=0.02 --set epochs=150
run orchard_yield plain;       run orchard_yield twin --code ../_twins/orchard_yield/yield_knn.py
run orchard_yield extra_cfg --set n_neighbors=25
run cattle_weight plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../cattle_weight/data/train.csv'); tr[tr['live_weight_kg'] < 5000].to_csv('/tmp/cw_tr_kg.csv', index=False)"
run cattle_weight twin --train /tmp/cw_tr_kg.csv
run cattle_weight extra_cfg --set loss='"mae"'
run enzyme_kinetics plain;     run enzyme_kinetics twin --code ../_twins/enzyme_kinetics/inhibition.py
run enzyme_kinetics extra_logsigma --code ../_twins/enzyme_kinetics/inhibition_logsigma.py
run heat_pump plain;           run heat_pump twin --set hidden_units=32
run heat_pump extra_cfg --set activation='"tanh"'
run heat_pump extra_cfg2 --set lr=0.001
run heat_pump extra_cfg3 --set seed=1
run activity_tracker plain;    run activity_tracker twin --set lr_schedule='"none"'
run activity_tracker extra_cfg --set lr_gamma=0.5
run activity_tracker extra_cfg2 --set epochs=100
run activity_tracker extra_cfg3 --set lr=0.1
run water_demand plain
$PY -c "
import pandas as pd
tr=pd.read_csv('../water_demand/data/train.csv'); va=pd.read_csv('../water_demand/data/val.csv')
f=[c for c in tr.columns if c!='demand_ML_day']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/wd_tr_std.csv',index=False); va.to_csv('/tmp/wd_va_std.csv',index=False)"
run water_demand twin --train /tmp/wd_tr_std.csv --val /tmp/wd_va_std.csv
run water_demand extra_cfg --set lr=1e-8
run water_demand extra_cfg2 --set lr=1e-12
run coffee_roast plain
run moth_traps plain
run courier_times plain
fi

# ---- round 4 ----
if [ "$ROUND" = "4" ] || [ "$ROUND" = "all" ]; then
PY=$PY bash run_round4_a.sh
PY=$PY bash run_round4_b.sh
fi

# ---- round 5 ----
if [ "$ROUND" = "5" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round5_$part.sh; done
fi

# ---- round 6 ----
if [ "$ROUND" = "6" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round6_$part.sh; done
fi

# ---- round 7 ----
if [ "$ROUND" = "7" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round7_$part.sh; done
fi

# ---- round 8 ----
if [ "$ROUND" = "8" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round8_$part.sh; done
fi

# ---- round 9 ----
if [ "$ROUND" = "9" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round9_$part.sh; done
fi

# ---- round 10 ----
if [ "$ROUND" = "10" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round10_$part.sh; done
fi

# ---- round 11 ----
if [ "$ROUND" = "11" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round11_$part.sh; done
fi

# ---- round 12 ----
if [ "$ROUND" = "12" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round12_$part.sh; done
fi

# ---- round 13 ----
if [ "$ROUND" = "13" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round13_$part.sh; done
fi

# ---- round 14 ----
if [ "$ROUND" = "14" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round14_$part.sh; done
fi

# ---- round 15 ----
if [ "$ROUND" = "15" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round15_$part.sh; done
fi

# ---- round 16 ----
if [ "$ROUND" = "16" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round16_$part.sh; done
fi

# ---- round 17 ----
if [ "$ROUND" = "17" ] || [ "$ROUND" = "all" ]; then
for part in a b c; do PY=$PY bash run_round17_$part.sh; done
fi
