"""Round 11 (part a): reference fits and diagnostics quoted by round11_a.py; writes results/round11_a_diag.json.
References as the authors fitted them (constant = training mean or majority class, linear = StandardScaler +
LinearRegression / LogisticRegression, boosting = HistGradientBoosting with default settings, random_state 0)."""
import os, sys, json, tomllib, importlib.util
import numpy as np, pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.ensemble import HistGradientBoostingRegressor, HistGradientBoostingClassifier

HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
out = {}


def load(name):
    spec = tomllib.load(open(f"{ROOT}/{name}/spec.toml", "rb"))
    t = spec["data"]["target"]
    tr = pd.read_csv(f"{ROOT}/{name}/data/train.csv"); va = pd.read_csv(f"{ROOT}/{name}/data/val.csv")
    f = [c for c in tr.columns if c != t]
    return spec, t, f, tr, va


for name in ["stream_temperature", "county_water_use", "feeder_outages"]:
    spec, t, f, tr, va = load(name)
    d = {"n_train": len(tr), "n_val": len(va)}
    if spec["model"]["metric"] == "accuracy":
        acc = lambda p: round(float(np.mean(np.asarray(p) == va[t].to_numpy())), 4)
        d["ref_constant"] = acc(np.full(len(va), tr[t].mode()[0]))
        d["ref_linear"] = acc(make_pipeline(StandardScaler(), LogisticRegression()).fit(tr[f], tr[t]).predict(va[f]))
        d["ref_boosting"] = acc(HistGradientBoostingClassifier(random_state=0).fit(tr[f], tr[t]).predict(va[f]))
    else:
        rmse = lambda p: round(float(np.sqrt(np.mean((np.asarray(p) - va[t].to_numpy()) ** 2))), 4)
        d["ref_constant"] = rmse(np.full(len(va), tr[t].mean()))
        d["ref_linear"] = rmse(make_pipeline(StandardScaler(), LinearRegression()).fit(tr[f], tr[t]).predict(va[f]))
        d["ref_boosting"] = rmse(HistGradientBoostingRegressor(random_state=0).fit(tr[f], tr[t]).predict(va[f]))
        d["target_sd_train"] = round(float(tr[t].std()), 4)
    out[name] = d

# county_water_use: how many of the plain forest's trees split at all (min_samples_leaf = 30 from spec.toml)
spec, t, f, tr, va = load("county_water_use")
sys.path.insert(0, f"{ROOT}/county_water_use/code")
import water_use_forest
for tag, leaf in [("plain", spec["config"]["min_samples_leaf"]), ("twin", 2)]:
    est = water_use_forest.build_estimator(dict(spec["config"], min_samples_leaf=leaf))
    est.fit(tr[f].to_numpy(float), tr[t].to_numpy())
    leaves = np.array([e.get_n_leaves() for e in est.estimators_])
    distinct = np.array([len(np.unique(s)) for s in est.estimators_samples_])
    out["county_water_use"][f"{tag}_trees_with_one_leaf"] = int(np.sum(leaves == 1))
    out["county_water_use"][f"{tag}_n_trees"] = int(len(leaves))
    out["county_water_use"][f"{tag}_median_leaves"] = float(np.median(leaves))
    out["county_water_use"][f"{tag}_distinct_rows_per_tree_min_max"] = [int(distinct.min()), int(distinct.max())]

# feeder_outages: the fitted model (healthy), odds ratios per training sd and slopes in the CSV's own units
spec, t, f, tr, va = load("feeder_outages")
s = importlib.util.spec_from_file_location("lockout_logit", f"{ROOT}/feeder_outages/code/lockout_logit.py")
m = importlib.util.module_from_spec(s); s.loader.exec_module(m)


class Mon:
    should_stop = False
    def __init__(self): self.n = 0
    def log_epoch(self, **kw): self.n += 1


mon = Mon()
model = m.train_model(tr, va, spec["config"], mon)
out["feeder_outages"]["newton_iterations"] = mon.n
out["feeder_outages"]["odds_ratio_per_sd"] = {k: round(float(v), 3) for k, v in model.odds_ratios_per_sd().items()}
out["feeder_outages"]["slope_per_unit"] = {k: round(float(b / sd), 4) for k, b, sd in zip(m.FEATURES, model.beta[1:], model.sd)}
out["feeder_outages"]["train_accuracy"] = round(float(np.mean(model.predict(tr) == tr[t].to_numpy())), 4)
out["feeder_outages"]["generating_slopes"] = {"peak_gust_ms": 0.42, "rain_24h_mm": 0.024, "canopy_pct": 0.058,
                                              "years_since_trim": 0.30, "conductor_age_yr": 0.024}

json.dump(out, open(f"{HERE}/results/round11_a_diag.json", "w"), indent=1)
print(json.dumps(out, indent=1))
