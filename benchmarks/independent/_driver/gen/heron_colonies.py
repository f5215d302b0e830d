import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "heron_colonies"
rng = np.random.default_rng(9301)
# candidate nesting sites (woodland patches near wetlands) surveyed for an occupied grey-heron colony
n = 1000
wetland = np.exp(rng.normal(np.log(12), 0.8, n)).round(1)          # wetland area within 2 km, ha
road = rng.gamma(2.0, 0.6, n).round(2)                              # distance to the nearest main road, km
fish = rng.uniform(20, 260, n).round(0)                             # fish biomass in the nearest water, kg/ha
tree = rng.normal(17, 4, n).clip(6, 32).round(1)                    # canopy height, m
visitors = rng.poisson(np.exp(rng.normal(2.5, 0.9, n)))             # recreational visitors per week
eta = (-1.6 + 0.9 * (np.log(wetland) - np.log(12)) + 0.8 * (np.minimum(road, 3) - 1.2)
       + 0.012 * (fish - 140) + 0.15 * (tree - 17) - 0.35 * (np.log1p(visitors) - 2.5))
occ = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
df = pd.DataFrame(dict(wetland_ha=wetland, road_dist_km=road, fish_kg_ha=fish, canopy_m=tree,
                       visitors_week=visitors, occupied=occ))
df.iloc[:600].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[600:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print("occupied share", occ[:600].mean(), occ[600:].mean())
