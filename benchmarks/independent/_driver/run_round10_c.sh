#!/bin/bash
# Round 10 (part c): three programs around data preparation for tabular regression done inside the user's code
# (two faulty, one healthy). Re-runs each program plainly, its corrected twin, the config-only attempts and the
# data-only attempts (on copies in /tmp passed with --train/--val); results in results/<name>_{plain,twin,extra*}.json.
# Same driver and conventions as run_round4_a.sh. Also writes results/round10_c_refs.json (the authors' own reference
# fits) and results/round10_c_diag.json (facts about the data and the fitted models quoted in round10_c.py).
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1 KERAS_BACKEND=torch
PY=${PY:-../../../.venv/bin/python}   # the project's environment (make install)
run() { name=$1; tag=$2; shift 2; $PY driver.py ../$name "$@" --full-history --quiet --json results/${name}_${tag}.json > results/${name}_${tag}.log 2>&1 || echo "FAILED $name $tag"; }

# data-only attempts: the contract's standardize repair (features standardised with training mean/sd) on copies
$PY - <<'PYEOF'
import pandas as pd
for name, tgt, short in [('flat_rents', 'rent_eur', 'fr'), ('forest_stands', 'volume_m3ha', 'fs')]:
    tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
    f = [c for c in tr.columns if c != tgt]; mu = tr[f].mean(); sd = tr[f].std()
    tr[f] = (tr[f] - mu) / sd; va[f] = (va[f] - mu) / sd
    tr.to_csv(f'/tmp/r10c_{short}_tr_std.csv', index=False); va.to_csv(f'/tmp/r10c_{short}_va_std.csv', index=False)
PYEOF

# ---- round 10 (c) ----
run flat_rents plain
run flat_rents twin --code ../_twins/flat_rents/rent_mlp.py
run flat_rents extra_cfg --set lr=0.0001
run flat_rents extra_cfg2 --set weight_decay=0.01
run flat_rents extra_cfg3 --set batch_size=2000 --set epochs=200
run flat_rents extra_dropnf --drop-nonfinite
run flat_rents extra_stdtarget --standardize-target
run flat_rents extra_std --train /tmp/r10c_fr_tr_std.csv --val /tmp/r10c_fr_va_std.csv
run forest_stands plain
run forest_stands twin --code ../_twins/forest_stands/stand_volume_gbm.py
run forest_stands extra_cfg --set epochs=100 --set early_stopping_patience=100
run forest_stands extra_cfg2 --set max_depth=6
run forest_stands extra_cfg3 --set lr=0.2
run forest_stands extra_stdtarget --standardize-target
run forest_stands extra_std --train /tmp/r10c_fs_tr_std.csv --val /tmp/r10c_fs_va_std.csv   # crashes (prints FAILED by design); the json records the error
run forest_stands extra_trainfit --val ../forest_stands/data/train.csv        # plain model scored on its own training rows
run forest_stands extra_twin_trainfit --code ../_twins/forest_stands/stand_volume_gbm.py --val ../forest_stands/data/train.csv
run construction_costs plain
run construction_costs extra_trainfit --val ../construction_costs/data/train.csv
run construction_costs extra_cfg --set alpha=10.0

$PY - <<'PYEOF'
import json, importlib.util, numpy as np, pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.ensemble import HistGradientBoostingRegressor
refs = {}
for name, tgt in [('flat_rents', 'rent_eur'), ('forest_stands', 'volume_m3ha'), ('construction_costs', 'cost_keur')]:
    tr = pd.read_csv(f'../{name}/data/train.csv'); va = pd.read_csv(f'../{name}/data/val.csv')
    f = [c for c in tr.columns if c != tgt]
    r = lambda p: round(float(np.sqrt(np.mean((np.asarray(p) - va[tgt].to_numpy()) ** 2))), 4)
    refs[name] = dict(constant=r(np.full(len(va), tr[tgt].mean())),
                      linear=r(make_pipeline(StandardScaler(), RidgeCV()).fit(tr[f], tr[tgt]).predict(va[f])),
                      boosting=r(HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[tgt]).predict(va[f])))
json.dump(refs, open('results/round10_c_refs.json', 'w'), indent=1); print(refs)

def load(path):
    s = importlib.util.spec_from_file_location('u' + str(abs(hash(path))), path); m = importlib.util.module_from_spec(s)
    s.loader.exec_module(m); return m

diag = {}
tr = pd.read_csv('../flat_rents/data/train.csv'); va = pd.read_csv('../flat_rents/data/val.csv')
m = load('../flat_rents/code/rent_mlp.py')
with np.errstate(all='ignore'):
    F = m.derive(tr[m.RAW].to_numpy())
    diag['flat_rents'] = dict(studios_train=int((tr.bedrooms == 0).sum()), studios_val=int((va.bedrooms == 0).sum()),
                              n_train=len(tr), n_val=len(va),
                              area_per_room_mean=str(F[:, 1].mean()), area_per_room_sd=str(F[:, 1].std()),
                              nonfinite_area_per_room_train=int((~np.isfinite(F[:, 1])).sum()))
tr = pd.read_csv('../forest_stands/data/train.csv'); va = pd.read_csv('../forest_stands/data/val.csv')
d = {}
for tag, path in [('plain', '../forest_stands/code/stand_volume_gbm.py'), ('twin', '../_twins/forest_stands/stand_volume_gbm.py')]:
    m = load(path)
    df = m.clean(tr); n_hold = int(len(df) * m.HOLDOUT)
    fit_df, hold_df = df.iloc[:-n_hold], df.iloc[-n_hold:]
    model, hist = m.train_model(tr, va, dict(lr=0.05, epochs=40, trees_per_epoch=10, max_depth=3, subsample=0.8,
                                             early_stopping_patience=5, seed=0))
    pv = model.predict(va[m.RAW].to_numpy())
    top = va['volume_m3ha'].to_numpy() > fit_df['volume_m3ha'].max()
    d[tag] = dict(n_fit=len(fit_df), n_hold=len(hold_df),
                  fit_volume_max=float(fit_df['volume_m3ha'].max()),
                  hold_volume_min=float(hold_df['volume_m3ha'].min()), hold_volume_max=float(hold_df['volume_m3ha'].max()),
                  val_pred_max=round(float(pv.max()), 1), val_target_max=float(va['volume_m3ha'].max()),
                  val_share_above_fit_max=round(float(top.mean()), 4),
                  val_rmse_above_fit_max=round(float(np.sqrt(np.mean((pv[top] - va['volume_m3ha'].to_numpy()[top]) ** 2))), 4) if top.any() else None,
                  val_rmse_rest=round(float(np.sqrt(np.mean((pv[~top] - va['volume_m3ha'].to_numpy()[~top]) ** 2))), 4),
                  n_trees=int(hist['n_trees'][-1]), last_train_rmse=round(float(np.sqrt(hist['train_loss'][-1])), 4),
                  last_holdout_rmse=round(float(hist['holdout_rmse'][-1]), 4))
diag['forest_stands'] = d
tr = pd.read_csv('../construction_costs/data/train.csv'); va = pd.read_csv('../construction_costs/data/val.csv')
f = [c for c in tr.columns if c != 'cost_keur']
est = load('../construction_costs/code/cost_model.py').build_estimator(dict(alpha=1.0))
est.fit(tr[f].to_numpy(np.float64), tr['cost_keur'].to_numpy())
pipe = est.regressor_; sc = pipe.named_steps['prep'].named_transformers_
coef = pipe.named_steps['ridge'].coef_   # 5 type indicators, log area, storeys, slope, haul, year
resid_log_val = np.log(va['cost_keur'].to_numpy()) - np.log(est.predict(va[f].to_numpy(np.float64)))
diag['construction_costs'] = dict(
    log_area_slope=round(float(coef[5] / sc['area'].named_steps['scale'].scale_[0]), 4),
    per_year=round(float(coef[9] / sc['other'].scale_[3]), 4),
    type_effects_vs_school=[round(float(c - coef[0]), 4) for c in coef[:5]],
    val_log_residual_sd=round(float(resid_log_val.std()), 4),
    val_median_abs_pct_error=round(float(np.median(np.abs(np.expm1(-resid_log_val)))) * 100, 2))
json.dump(diag, open('results/round10_c_diag.json', 'w'), indent=1); print(json.dumps(diag, indent=1))
PYEOF
