import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "bee_colonies"
rng = np.random.default_rng(406)
# wild honeybee colonies found per 1-km2 survey cell (tree-cavity nests, two observers, one season)
n = 1400
forest = rng.beta(2, 2.5, n) * 100                                                 # % forest cover
old_trees = rng.gamma(2.0, 1.2, n) * (0.3 + forest / 100)                          # cavity trees per ha
flower = rng.gamma(2.5, 4.0, n)                                                    # ha of flowering crops/meadow
apiary = rng.exponential(3.0, n)                                                   # km to nearest managed apiary
logit_zero = 1.2 - 0.05 * (forest - 40)                                            # cell without any suitable nest site
p_zero = 1 / (1 + np.exp(-logit_zero))
lam = np.exp(-0.3 + 0.35 * old_trees + 0.04 * flower - 0.08 * apiary)
y = np.where(rng.random(n) < p_zero, 0, rng.poisson(lam))
df = pd.DataFrame(dict(forest_cover_pct=forest.round(1), cavity_trees_per_ha=old_trees.round(2),
                       flowering_area_ha=flower.round(1), apiary_distance_km=apiary.round(2), colonies=y))
df.iloc[:1000].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1000:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print("zeros", (y == 0).mean())
