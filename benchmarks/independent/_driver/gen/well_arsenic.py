"""Synthetic groundwater arsenic survey of village tube wells: field sheet (geology, depth, pH, iron, distance to the
river, redox potential) joined with the laboratory's arsenic class (0: < 10 ug/L, 1: 10-50 ug/L, 2: > 50 ug/L).
Training = survey campaigns 1 and 2 (one file, campaign 1 first); validation = campaign 3.
`python well_arsenic.py --clean OUT.csv` also writes the training file with every well's own laboratory class."""
import os, sys
import numpy as np
import pandas as pd

rng = np.random.default_rng(4411)
GEO_EFFECT = np.array([1.2, 0.4, -0.6, -1.3, 0.0])   # 0 young alluvium, 1 older alluvium, 2 terrace, 3 laterite, 4 fan


def make(n):
    geo = rng.choice(5, n, p=[0.35, 0.25, 0.15, 0.1, 0.15])
    depth = np.exp(rng.normal(np.log(35), 0.6, n)).clip(6, 250).round(0)
    ph = rng.normal(7.1, 0.35, n).round(2)
    iron = np.exp(rng.normal(0.3, 0.9, n)).round(2)
    dist = rng.gamma(1.6, 2.0, n).round(2)
    redox = rng.normal(-40 + 25 * np.log(depth / 35), 60, n).round(0)
    depth_bell = np.exp(-0.5 * ((np.log(depth) - np.log(30)) / 0.55) ** 2)   # the shallow-intermediate arsenic band
    z = (GEO_EFFECT[geo] + 2.2 * depth_bell + 1.1 * (ph - 7.1) + 0.7 * np.log(iron) - 0.25 * dist
         - 0.012 * redox - 0.2 + rng.logistic(0, 0.2, n))
    cls = np.digitize(z, [0.0, 1.3])
    return pd.DataFrame(dict(geology_code=geo, well_depth_m=depth, ph=ph, iron_mg_l=iron, dist_river_km=dist,
                             redox_mv=redox, as_class=cls))


here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "well_arsenic", "data")
c1, c2, c3 = make(620), make(580), make(600)
clean = pd.concat([c1, c2], ignore_index=True)
train = clean.copy()
# campaign 2 as delivered: the laboratory results were pasted next to the field sheet one row down
lab = c2["as_class"].to_numpy()
train.loc[len(c1):, "as_class"] = np.r_[lab[-1], lab[:-1]]
train.to_csv(os.path.join(out, "train.csv"), index=False)
c3.to_csv(os.path.join(out, "val.csv"), index=False)
if "--clean" in sys.argv:
    clean.to_csv(sys.argv[sys.argv.index("--clean") + 1], index=False)
