import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "estuary_nitrate"
rng = np.random.default_rng(7103)
# fortnightly grab samples at 12 estuary stations (2014-2023): nitrate (as N) against salinity, water temperature,
# river flow at the upstream gauge, rain over the previous 3 days, chlorophyll-a and distance from the weir.
# The laboratory's export writes -999 where a sample was lost or not analysed (broken bottle, holding time exceeded).
n = 1600
station_km = rng.choice(np.linspace(0.5, 24.0, 12), n)                      # distance below the tidal weir, km
doy = rng.integers(1, 366, n)
flow = np.exp(rng.normal(np.log(18) + 0.6 * np.cos(2 * np.pi * (doy - 30) / 365), 0.55, n))   # m3/s
rain3 = np.where(rng.random(n) < 0.45, 0.0, rng.gamma(1.3, 9.0, n))        # mm over 3 days
temp = 11.5 - 6.5 * np.cos(2 * np.pi * (doy - 20) / 365) + rng.normal(0, 1.0, n)
mix = np.clip(station_km / 26 * (1.6 / (1 + flow / 20)) + rng.normal(0, 0.05, n), 0.01, 0.97)   # seawater fraction
salinity = 34.5 * mix
chl = np.exp(rng.normal(0.8 + 0.09 * (temp - 10) + 0.8 * mix * (1 - mix), 0.45, n))           # ug/L
riverine = 4.6 + 0.9 * np.log(flow / 18) + 0.045 * rain3                                         # mg N/L in the river end-member
nitrate = riverine * (1 - mix) + 0.05 * mix - 0.06 * chl * (temp > 12) + rng.normal(0, 0.18, n)
nitrate = np.clip(nitrate, 0.02, None)
df = pd.DataFrame(dict(station_km=station_km.round(1), day_of_year=doy, river_flow_m3s=flow.round(2),
                       rain_3d_mm=rain3.round(1), water_temp_C=temp.round(1), salinity_psu=salinity.round(2),
                       chlorophyll_ug_l=chl.round(2), nitrate_mg_l=nitrate.round(3)))
tr = df.iloc[:1200].copy(); va = df.iloc[1200:].copy()
lost = rng.random(len(tr)) < 0.05
tr.loc[lost, "nitrate_mg_l"] = -999.0
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print("lost samples in train:", int(lost.sum()))
