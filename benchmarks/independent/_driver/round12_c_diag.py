"""Round 12 (part c): diagnostics quoted by round12_c.py, written to results/round12_c_diag.json.
well_arsenic: which training labels differ from the wells' own laboratory class (needs /tmp/wa_tr_clean.csv from
gen/well_arsenic.py --clean), and 5-fold cross-validated accuracy of the program's own pipeline within each campaign."""
import json, os, sys
import numpy as np, pandas as pd, tomllib
from sklearn.model_selection import cross_val_score

sys.dont_write_bytecode = True  # keep the program folder clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "well_arsenic", "code"))
from arsenic_gbm import build_estimator

cfg = tomllib.load(open(os.path.join(HERE, "..", "well_arsenic", "spec.toml"), "rb"))["config"]
tr = pd.read_csv(os.path.join(HERE, "..", "well_arsenic", "data", "train.csv"))
cl = pd.read_csv("/tmp/wa_tr_clean.csv")
f = [c for c in tr.columns if c != "as_class"]
bad = np.flatnonzero(tr["as_class"].to_numpy() != cl["as_class"].to_numpy())
out = dict(n_train=len(tr), n_wrong_labels=int(len(bad)), first_wrong_file_line=int(bad.min() + 2),
           last_wrong_file_line=int(bad.max() + 2))
for name, rows in (("campaign1", slice(0, 620)), ("campaign2", slice(620, None))):
    d = tr.iloc[rows]
    out[f"cv5_acc_{name}"] = round(float(cross_val_score(build_estimator(cfg), d[f].to_numpy(float), d["as_class"], cv=5).mean()), 4)
    out[f"{name}_file_lines"] = [int(d.index.min() + 2), int(d.index.max() + 2)]
print(out)
p = os.path.join(HERE, "results", "round12_c_diag.json")
json.dump({"well_arsenic": out}, open(p, "w"), indent=1)
