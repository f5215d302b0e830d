"""Round 14 (b): storm_damage_survey. Post-hurricane damage level of single-family houses (ordered levels:
minor, moderate, major, destroyed) from the modelled peak gust, surge depth, distance to the coast, year built,
roof shape and tree cover. data/train.csv is the county assessor's survey (levels 1-4); data/val.csv is the second
survey team's tablet export of a neighbouring county, which writes the same four levels as 0-3.
`--clean` writes the validation file with the levels on the assessor's 1-4 scale to /tmp/sd_va_clean.csv."""
import os, sys, numpy as np, pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "storm_damage_survey", "data")
rng = np.random.default_rng(2024)


def make(n):
    gust = rng.gamma(9.0, 5.0, n)                           # m/s modelled 3-s peak gust
    coast = rng.exponential(6.0, n)                          # km to the shoreline
    surge = np.maximum(rng.normal(1.8 - 0.35 * coast, 0.6, n), 0)   # m water depth at the house
    year = rng.integers(1950, 2021, n)
    roof = rng.choice([0, 1, 2], n, p=[0.55, 0.35, 0.10])    # 0 gable, 1 hip, 2 flat
    trees = rng.uniform(0, 80, n)                            # % canopy within 30 m
    lat = (0.11 * (gust - 45) + 1.3 * surge + 0.035 * (1994 - year) * (year < 1994) - 0.7 * (roof == 1)
           + 0.5 * (roof == 2) + 0.015 * trees + rng.logistic(0, 0.3, n))
    level = 1 + np.digitize(lat, [1.3, 2.9, 4.6])
    return pd.DataFrame(dict(peak_gust_ms=gust.round(1), surge_depth_m=surge.round(2), coast_dist_km=coast.round(2),
                             year_built=year, roof_shape=roof, tree_cover_pct=trees.round(0), damage_level=level))


tr = make(1200)
va = make(400)
os.makedirs(OUT, exist_ok=True)
tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
if "--clean" in sys.argv:
    va.to_csv("/tmp/sd_va_clean.csv", index=False)
else:
    va_export = va.copy()
    va_export["damage_level"] = va_export["damage_level"] - 1      # the tablet app's 0-3 coding
    va_export.to_csv(os.path.join(OUT, "val.csv"), index=False)
print("train levels", np.bincount(tr.damage_level)[1:], "val levels", np.bincount(va.damage_level)[1:])
