#!/bin/bash
# Round 12 (part c): re-runs each program plainly, its corrected twin and the config-only / data-only attempts;
# results in results/<name>_{plain,twin,extra*}.json; reference fits in results/round12_c_refs.json.
# Same driver and conventions as run_round4_a.sh.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# ---- round 12 (c) ----
$PY round12_c_refs.py bus_dwell well_arsenic seagrass_cover > /dev/null

run bus_dwell plain;           run bus_dwell twin --set dropout=0.05
run bus_dwell extra_cfg  --set dropout=0.1
run bus_dwell extra_cfg2 --set dropout=0.0
run bus_dwell extra_cfg3 --set epochs=200                 # dropout 0.8 kept
run bus_dwell extra_cfg4 --set hidden_units=256           # dropout 0.8 kept
run bus_dwell extra_cfg5 --set lr=0.0005                  # dropout 0.8 kept
run bus_dwell extra_stdtarget --standardize-target        # dropout 0.8 kept
$PY -c "
import pandas as pd
tr=pd.read_csv('../bus_dwell/data/train.csv'); va=pd.read_csv('../bus_dwell/data/val.csv')
f=[c for c in tr.columns if c!='dwell_s']; mu=tr[f].mean(); sd=tr[f].std()
tr[f]=(tr[f]-mu)/sd; va[f]=(va[f]-mu)/sd; tr.to_csv('/tmp/bd_tr_std.csv',index=False); va.to_csv('/tmp/bd_va_std.csv',index=False)"
run bus_dwell extra_std --train /tmp/bd_tr_std.csv --val /tmp/bd_va_std.csv   # the contract's standardize repair, on copies: crashes (IndexError in the stop embedding), prints FAILED; the json records the error
run bus_dwell extra_trainfit --val ../bus_dwell/data/train.csv
run bus_dwell extra_twin_trainfit --set dropout=0.05 --val ../bus_dwell/data/train.csv

$PY gen/well_arsenic.py --clean /tmp/wa_tr_clean.csv    # same files, plus the training wells with their own lab class
$PY -c "
import pandas as pd
tr=pd.read_csv('../well_arsenic/data/train.csv'); tr.iloc[:620].to_csv('/tmp/wa_tr_c1.csv', index=False)"
$PY round12_c_diag.py > /dev/null
run well_arsenic plain;        run well_arsenic twin --train /tmp/wa_tr_clean.csv
run well_arsenic extra_cfg  --set weight_decay=200.0
run well_arsenic extra_cfg2 --set lr=0.2 --set weight_decay=200.0 --set min_samples_leaf=60
run well_arsenic extra_cfg3 --set epochs=20
run well_arsenic extra_cfg4 --set max_leaf_nodes=3
run well_arsenic extra_campaign1 --train /tmp/wa_tr_c1.csv          # campaign 1 only (not a repair the contract lists)
run well_arsenic extra_trainfit --val ../well_arsenic/data/train.csv
run well_arsenic extra_twin_trainfit --train /tmp/wa_tr_clean.csv --val /tmp/wa_tr_clean.csv

run seagrass_cover plain
run seagrass_cover extra_trainfit --val ../seagrass_cover/data/train.csv
