import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "potato_trials"
rng = np.random.default_rng(1501)
# ware-potato variety trials: 30 entries (variety codes 1-30) on 5 soil classes, plots with their own N rate,
# seasonal rainfall and planting date; marketable yield in t/ha. Training = seasons 1-3, validation = season 4.
var_eff = rng.normal(0, 5.0, 30)            # t/ha, genotype main effects
soil_eff = np.array([-3.5, 0.0, 2.5, -1.0, 4.0])   # 1 sand, 2 loamy sand, 3 sandy loam, 4 clay loam, 5 silt loam


def plots(n):
    variety = rng.integers(1, 31, n)
    soil = rng.choice([1, 2, 3, 4, 5], n, p=[0.2, 0.25, 0.25, 0.15, 0.15])
    nitrogen = rng.uniform(60, 220, n).round(0)
    rain = rng.uniform(180, 420, n).round(0)
    doy = rng.integers(95, 141, n)
    y = (42 + var_eff[variety - 1] + soil_eff[soil - 1] + 0.045 * (nitrogen - 140)
         + 0.025 * (rain - 300) - 0.15 * (doy - 115) + rng.normal(0, 3.0, n))
    return pd.DataFrame(dict(variety_code=variety, soil_class=soil, nitrogen_kg_ha=nitrogen, rain_mm=rain,
                             planting_doy=doy, yield_t_ha=y.round(2)))


tr = plots(1200); va = plots(600)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]])
