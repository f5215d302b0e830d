import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(42)
n = 260
rain = rng.uniform(2, 8, n)            # 100 mm growing-season rainfall
nfert = rng.uniform(0, 2.5, n)         # 100 kg N/ha
temp = rng.normal(1.8, 0.25, n)        # 10 degC mean season temperature
ph = rng.uniform(5.0, 8.0, n)
om = rng.uniform(1, 5, n)              # organic matter %
slope = rng.uniform(0, 1.2, n)         # 10 % slope
sow = rng.uniform(0.9, 1.5, n)         # 100 day-of-year sowing date
irrig = rng.binomial(1, 0.3, n)
hail = rng.uniform(0, 1, n)            # regional hail-risk index (no effect in this period)
elev = rng.uniform(0.5, 6, n)          # 100 m elevation (no effect)
water = rain + 2.5 * irrig
yld = (2.0 + 0.9 * np.minimum(water, 7.0) + 2.2 * (1 - np.exp(-1.3 * nfert)) - 3.0 * (temp - 1.8)
       - 0.4 * (ph - 6.5) ** 2 + 0.3 * om - 0.5 * slope - 2.0 * (sow - 1.1))
yld = yld + rng.normal(0, 0.5, n)
df = pd.DataFrame(dict(rain_100mm=rain.round(2), nitrogen_100kg_ha=nfert.round(3), temp_10C=temp.round(3),
                       soil_pH=ph.round(2), organic_matter_pct=om.round(2), slope_10pct=slope.round(3),
                       sowing_doy_100=sow.round(3), irrigated=irrig, hail_risk=hail.round(3),
                       elevation_100m=elev.round(2), yield_t_ha=yld.round(3)))
df.iloc[:60].to_csv(ROOT + "/crop_yield/data/train.csv", index=False)
df.iloc[60:].to_csv(ROOT + "/crop_yield/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]])
