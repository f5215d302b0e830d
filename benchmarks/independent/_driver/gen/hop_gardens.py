import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "hop_gardens"
rng = np.random.default_rng(1602)
# alpha-acid content of hop cones at harvest, one row per hop garden and season
n = 700
gdd = rng.normal(1450, 160, n)                 # growing degree days (base 10 C), May-August
rain_jun = rng.gamma(4, 14, n)                 # mm
rain_jul = rng.gamma(4, 15, n)
rain_aug = rng.gamma(4, 16, n)
sun_jul = rng.normal(230, 35, n)               # sunshine hours in July
tmax_aug = rng.normal(24.5, 2.6, n)            # mean daily maximum in August, C
hot_days = np.clip(np.round((tmax_aug - 22) * 2.2 + rng.normal(0, 2.5, n)), 0, None)   # days above 30 C
nitrogen = rng.uniform(80, 220, n)             # kg N/ha
plant_age = rng.integers(2, 16, n)             # years since planting
trellis = rng.choice([6.0, 7.0, 7.5], n)       # m
irrigated = (rng.random(n) < 0.4).astype(int)
soil_ph = rng.normal(6.8, 0.4, n)
wind = rng.normal(3.2, 0.7, n)                 # mean wind speed, m/s
spring_frost = rng.poisson(3, n)               # frost nights in April
harvest_doy = rng.normal(250, 6, n)            # day of year of picking
water = rain_jul + rain_aug + 60 * irrigated
alpha = (12.0 + 0.9 * np.tanh((water - 130) / 60) - 0.16 * np.maximum(hot_days - 4, 0)
         + 0.004 * (sun_jul - 230) + 0.006 * (nitrogen - 150) - 0.00002 * (nitrogen - 150) ** 2 * 10
         - 0.06 * np.abs(plant_age - 8) + 0.35 * (trellis - 7) + 0.05 * (harvest_doy - 250)
         - 0.0015 * (gdd - 1450) * (irrigated == 0))
alpha = alpha + rng.normal(0, 0.75, n)
df = pd.DataFrame(dict(gdd=gdd.round(0), rain_jun_mm=rain_jun.round(1), rain_jul_mm=rain_jul.round(1),
                       rain_aug_mm=rain_aug.round(1), sun_jul_h=sun_jul.round(0), tmax_aug_c=tmax_aug.round(1),
                       hot_days=hot_days, nitrogen_kg_ha=nitrogen.round(0), plant_age_y=plant_age,
                       trellis_m=trellis, irrigated=irrigated, soil_ph=soil_ph.round(2), wind_m_s=wind.round(1),
                       spring_frost_nights=spring_frost, harvest_doy=harvest_doy.round(0),
                       alpha_acid_pct=alpha.round(2)))
df.iloc[:400].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[400:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
