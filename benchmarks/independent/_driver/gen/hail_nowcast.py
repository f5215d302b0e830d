import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "hail_nowcast"
rng = np.random.default_rng(603)
# convective cells tracked by a C-band radar in summer; label: a spotter or hailpad report of hail >= 2 cm
# under the cell within 30 minutes of the scan
n = 1800
cape = np.clip(rng.gamma(2.0, 700, n), 50, 6000).round(0)                 # J/kg, from the nearest sounding
shear = np.clip(rng.normal(14, 6, n), 0, 40).round(1)                     # 0-6 km bulk shear, m/s
fzl = np.clip(rng.normal(3600, 450, n), 2200, 4800).round(0)              # freezing-level height, m
pw = np.clip(rng.normal(28, 7, n), 8, 55).round(1)                        # precipitable water, mm
zmax = np.clip(42 + 0.003 * cape + 0.25 * shear + rng.normal(0, 5, n), 30, 72).round(1)   # column max reflectivity, dBZ
top = np.clip(6 + 0.0012 * cape + 0.08 * shear + rng.normal(0, 1.5, n), 3, 17).round(1)  # 18-dBZ echo top, km
h45 = np.clip(top - 2.5 - 0.06 * (60 - zmax) + rng.normal(0, 0.8, n), 0.5, 15).round(2)  # height of the 45-dBZ echo, km
vil = np.clip(0.0008 * 10 ** (zmax / 18) * top + rng.normal(0, 3, n), 0.5, 90).round(1)  # vertically integrated liquid, kg/m2
# hail needs the 45-dBZ core well above the freezing level (the SHI/Waldvogel idea) and an organised updraft
z = (1.6 * (h45 - fzl / 1000 - 1.4) + 0.06 * (shear - 14) + 0.0004 * (cape - 1400) - 0.05 * (pw - 28)
     + 0.04 * (vil - 20) + rng.normal(0, 0.6, n))
hail = (z > 1.0).astype(int)
df = pd.DataFrame(dict(cape_jkg=cape, shear_0_6km_ms=shear, freezing_level_m=fzl, precip_water_mm=pw,
                       max_reflectivity_dbz=zmax, echo_top_km=top, echo_top_45dbz_km=h45, vil_kgm2=vil, hail=hail))
df.iloc[:1300].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1300:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
