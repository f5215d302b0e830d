import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "pothole_reports"
rng = np.random.default_rng(1403)
# pothole reports per road segment and winter week (citizen app + patrol), one city's arterial network
n = 1800
length = np.round(rng.gamma(3.0, 0.5, n) + 0.2, 2)                       # segment length, km
trucks = np.round(np.exp(rng.normal(np.log(300), 0.7, n)))                # heavy vehicles per day
age = np.round(rng.uniform(0, 25, n), 1)                                   # years since resurfacing
ft = rng.binomial(7, rng.beta(2, 3, n))                                    # freeze-thaw cycles in the week
rain = np.round(rng.gamma(1.5, 8.0, n), 1)                                 # rain + snowmelt, mm in the week
bus = (rng.random(n) < 0.3).astype(int)                                    # on a bus route
log_mu = (-0.9 + np.log(length) + 0.28 * ft + 0.015 * rain + 0.45 * np.log(trucks / 300)
          + 0.07 * age - 0.0012 * age ** 2 + 0.25 * bus)
mu = np.exp(log_mu)
k = 4.0
y = rng.poisson(rng.gamma(k, mu / k))
df = pd.DataFrame(dict(segment_length_km=length, heavy_vehicles_day=trucks, years_since_resurfacing=age,
                       freeze_thaw_cycles=ft, rain_melt_mm=rain, bus_route=bus, reports=y))
df.iloc[:1300].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1300:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
print("zeros", (y == 0).mean(), "val zeros", (y[1300:] == 0).sum(), "q", np.quantile(y, [0.5, 0.9, 0.99]))
