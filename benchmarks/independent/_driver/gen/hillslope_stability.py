import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "hillslope_stability"
rng = np.random.default_rng(9023)
# field-mapped hillslope cells after a wet season: 0 stable, 1 creeping (tension cracks, tilted trees), 2 failed
n = 1300
slope = rng.uniform(8, 48, n).round(1)                      # degrees
soil_depth = rng.gamma(3.0, 0.45, n).clip(0.2, 4.5).round(2)  # regolith depth, m
rain = rng.uniform(350, 1100, n).round(0)                   # wet-season rainfall, mm
root_cover = rng.beta(2.5, 2.0, n).round(3)                 # fraction of cell under deep-rooted vegetation
clay = rng.uniform(5, 45, n).round(1)                       # clay fraction, %
# infinite-slope factor of safety with a wetness ratio from rainfall and clay, root cohesion
th = np.radians(slope)
m = np.clip((rain - 300) / 900 * (0.6 + 0.012 * clay), 0, 1)        # saturated fraction of the soil column
c_eff = 2.0 + 9.0 * root_cover                                     # kPa, soil + root cohesion
gamma_s, gamma_w, phi = 18.5, 9.81, np.radians(33 - 0.15 * clay)
fs = (c_eff + (gamma_s - m * gamma_w) * soil_depth * np.cos(th) ** 2 * np.tan(phi)) / (gamma_s * soil_depth * np.sin(th) * np.cos(th))
z = np.log(fs) + rng.normal(0, 0.12, n)
state = np.where(z > np.log(1.25), 0, np.where(z > np.log(0.95), 1, 2))
df = pd.DataFrame(dict(slope_deg=slope, soil_depth_m=soil_depth, wet_season_rain_mm=rain,
                       root_cover_frac=root_cover, clay_pct=clay, state=state))
df.iloc[:900].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[900:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(df.state.value_counts())
