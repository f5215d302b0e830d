"""Round 8 (part b): diagnostics quoted by round8_b.py, written to results/round8_b_diag.json.
Own reference fits (constant, linear on standardised features, HistGradientBoosting) on the raw CSVs, and
per-program facts about the faulty preparation step, computed with the programs' own code."""
import os, sys, json, importlib.util
import numpy as np, pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import HistGradientBoostingRegressor

HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
TARGETS = {"school_electricity": "electricity_kWh", "compressed_air": "energy_kWh", "lake_chlorophyll": "chlorophyll_ugL"}
out = {}


def load(path):
    s = importlib.util.spec_from_file_location("m" + str(abs(hash(path))), path)
    m = importlib.util.module_from_spec(s); s.loader.exec_module(m); return m


rmse = lambda a, b: float(np.sqrt(np.mean((np.asarray(a, float) - np.asarray(b, float)) ** 2)))
for name, t in TARGETS.items():
    tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv"); va = pd.read_csv(f"{ROOT}/{name}/data/val.csv")
    f = [c for c in tr.columns if c != t]
    lin = make_pipeline(StandardScaler(), LinearRegression()).fit(tr[f], tr[t])
    gbm = HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[t])
    out[name] = {"refs": {"constant": round(rmse(tr[t].mean(), va[t]), 4), "linear": round(rmse(lin.predict(va[f]), va[t]), 4),
                          "boosting": round(rmse(gbm.predict(va[f]), va[t]), 4)},
                 "n_train": len(tr), "n_val": len(va)}

# school_electricity: the codes pd.factorize gives each building in the two files
tr = pd.read_csv(f"{ROOT}/school_electricity/data/train.csv"); va = pd.read_csv(f"{ROOT}/school_electricity/data/val.csv")
c_tr = {b: i for i, b in enumerate(pd.factorize(tr["building_id"])[1])}
c_va = {b: i for i, b in enumerate(pd.factorize(va["building_id"])[1])}
same = [int(b) for b in c_tr if c_va.get(b) == c_tr[b]]
base = tr[tr.school_day == 1].groupby("building_id")["electricity_kWh"].mean()
d = {"train_codes": {str(int(b)): i for b, i in c_tr.items()}, "val_codes": {str(int(b)): i for b, i in c_va.items()},
     "buildings_same_code": same, "school_day_mean_kWh_range": [round(base.min(), 1), round(base.max(), 1)]}
# size of the building each validation row is mistaken for
inv_tr = {i: b for b, i in c_tr.items()}
wrong = va["building_id"].map(lambda b: inv_tr[c_va[b]])
d["val_rows_with_wrong_building"] = int((wrong != va["building_id"]).sum())
d["school_day_mean_abs_diff_kWh_of_wrong_building"] = round(float(np.mean(np.abs(base[wrong].to_numpy() - base[va["building_id"]].to_numpy()))), 1)
for tag in ("plain", "twin"):
    r = json.load(open(f"{HERE}/results/school_electricity_{tag}.json"))
    d[tag + "_train_rmse_last"] = round(r["history"]["train_loss"][-1] ** 0.5, 2)
    d[tag + "_val_rmse_epoch1"] = round(r["history"]["metric"][0], 2)
out["school_electricity"].update(d)

# compressed_air: what clean() hands the network (the program's own function)
m = load(f"{ROOT}/compressed_air/code/air_net.py")
tr = pd.read_csv(f"{ROOT}/compressed_air/data/train.csv")
sc = StandardScaler().fit(tr[m.FEATURES].drop_duplicates())
ded = tr.drop_duplicates()
got = m.clean(tr, sc)
right = ded[m.TARGET].to_numpy()[got.index.to_numpy()]   # the label of the day whose features sit in that row
d = {"rows_in_file": len(tr), "rows_after_drop_duplicates": len(ded), "repeated_records": len(tr) - len(ded),
     "rows_after_dropna": len(got), "rows_lost_to_dropna": len(ded) - len(got),
     "rows_with_own_label": int(np.sum(np.isclose(got[m.TARGET].to_numpy(), right))),
     "corr_assigned_vs_own_label": round(float(np.corrcoef(got[m.TARGET].to_numpy(), right)[0, 1]), 3)}
for tag in ("plain", "twin"):
    r = json.load(open(f"{HERE}/results/compressed_air_{tag}.json"))
    d[tag + "_train_loss_last"] = round(r["history"]["train_loss"][-1], 4)
    d[tag + "_val_loss_last"] = round(r["history"]["val_loss"][-1], 4)
    d[tag + "_val_pred_std"] = round(r["val_pred_std"], 1)
out["compressed_air"].update(d)

# lake_chlorophyll: what the returned model answers
va = pd.read_csv(f"{ROOT}/lake_chlorophyll/data/val.csv")
d = {"val_target_range": [float(va.chlorophyll_ugL.min()), float(va.chlorophyll_ugL.max())],
     "val_target_mean": round(float(va.chlorophyll_ugL.mean()), 2)}
for tag in ("plain", "twin"):
    r = json.load(open(f"{HERE}/results/lake_chlorophyll_{tag}.json"))
    h = r["history"]
    d[tag] = {"train_loss_last": round(h["train_loss"][-1], 4), "val_loss_last": round(h["val_loss"][-1], 4),
              "logged_rmse_first": round(h["metric"][0], 3), "logged_rmse_last": round(h["metric"][-1], 3),
              "val_pred_std": round(r["val_pred_std"], 3)}
out["lake_chlorophyll"].update(d)
json.dump(out, open(f"{HERE}/results/round8_b_diag.json", "w"), indent=1)
print(json.dumps(out, indent=1))
