import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "vineyard_frost"
rng = np.random.default_rng(88)
n = 1400
t18 = rng.uniform(-2, 16, n)         # air temp at 18:00, C
dew = t18 - rng.gamma(2.0, 2.5, n)
cloud = rng.uniform(0, 1, n)         # fraction
wind = rng.gamma(2.0, 1.2, n)
soil = t18 + rng.normal(1, 2, n)
tmin = 0.55 * t18 + 0.35 * dew + 3.5 * cloud + 0.6 * np.minimum(wind, 4) + 0.15 * soil - 2.2 + rng.normal(0, 0.9, n)
frost = (tmin < 0).astype(int)
df = pd.DataFrame(dict(temp_18h_C=t18.round(1), dewpoint_C=dew.round(1), cloud_cover=cloud.round(2),
                       wind_m_s=wind.round(2), soil_temp_C=soil.round(1), frost=frost))
df.iloc[:1000].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1000:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
