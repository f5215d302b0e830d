import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "forest_stands"
rng = np.random.default_rng(10302)
# forest inventory plots: stand volume over bark against lidar top height, basal area, stem density, age, site index
N = 2200
species = rng.choice([0, 1, 2], N, p=[0.5, 0.3, 0.2])          # 0 spruce, 1 pine, 2 birch
age = rng.uniform(15, 120, N)
site_index = rng.normal(26, 4, N)                              # m top height at age 50
height = site_index * (1 - np.exp(-0.028 * age)) ** 1.3 / (1 - np.exp(-0.028 * 50)) ** 1.3
height = np.clip(height * np.exp(rng.normal(0, 0.05, N)), 4, 42)
stems = np.clip(np.exp(rng.normal(np.log(3000), 0.35, N)) * np.exp(-0.018 * age), 150, 4000)
basal_area = np.clip(1.4 * height ** 0.95 * (stems / 800) ** 0.2 * np.exp(rng.normal(0, 0.12, N)), 2, 75)
form = np.array([0.50, 0.47, 0.44])[species]                     # form factor by species
volume = form * basal_area * height * np.exp(rng.normal(0, 0.07, N))
df = pd.DataFrame(dict(species_code=species, stand_age_yr=age.round(0), site_index_m=site_index.round(1),
                       lidar_top_height_m=height.round(1), basal_area_m2ha=basal_area.round(1),
                       stems_per_ha=stems.round(0), volume_m3ha=volume.round(1)))
tr, va = df.iloc[:1600], df.iloc[1600:]
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
