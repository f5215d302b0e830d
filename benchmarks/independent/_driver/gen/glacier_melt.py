import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "glacier_melt"
rng = np.random.default_rng(405)
# automatic weather station on a glacier tongue: daily means and the melt from sonic ranger / ablation stakes
n = 1500
doy = rng.integers(152, 260, n)                                                   # June - mid September
season = np.sin(np.pi * (doy - 152) / 108)
t_air = (1.5 + 6.0 * season + rng.normal(0, 2.2, n)).round(1)                      # degC
sw_in = (120 + 170 * season * rng.uniform(0.45, 1.0, n) + rng.normal(0, 20, n)).clip(40, 360).round(0)  # W/m2
snow = (doy < 185 + rng.integers(-10, 10, n)).astype(float)
albedo = (np.where(snow > 0, rng.uniform(0.6, 0.82, n), rng.uniform(0.22, 0.45, n))).round(2)
wind = rng.gamma(3, 1.2, n).round(1)                                              # m/s
rh = rng.uniform(45, 98, n).round(0)                                              # %
tf, srf = 1.1, 0.19                                                              # mm/(degC day), mm m2/(W day)
melt = (tf * np.clip(t_air, 0, None) + srf * (1 - albedo) * sw_in * (t_air > -1.0)) * (1 + 0.015 * (wind - 3.6))
melt = (melt * np.exp(rng.normal(0, 0.15, n))).clip(0.2, None)
df = pd.DataFrame(dict(air_temp_C=t_air, shortwave_in_W_m2=sw_in, albedo=albedo, wind_speed_m_s=wind,
                       rel_humidity_pct=rh, melt_mm_we=melt.round(1)))
df.iloc[:1100].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1100:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
