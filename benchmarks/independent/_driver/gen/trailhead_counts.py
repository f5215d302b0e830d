import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "trailhead_counts"
rng = np.random.default_rng(1401)
# daily hikers recorded by infrared counters at 45 trailheads of a national park, two seasons
n = 2000
site = rng.integers(0, 45, n)
parking = np.round(np.exp(rng.normal(np.log(60), 0.6, 45)))[site]            # parking spaces at the trailhead
dist = np.round(rng.gamma(3.0, 15.0, 45), 1)[site]                              # km to the nearest city
doy = rng.integers(91, 305, n)                                                  # April to October
weekend = (rng.random(n) < 2 / 7).astype(int)
holiday = ((rng.random(n) < 0.04) & (weekend == 0)).astype(int)
season = np.cos(2 * np.pi * (doy - 200) / 365)
temp = np.round(17 + 9 * season + rng.normal(0, 3.5, n), 1)
rain = np.round(np.where(rng.random(n) < 0.35, rng.gamma(0.8, 7.0, n), 0.0), 1)
log_mu = (4.0 + 0.95 * np.log(parking / 60) + 0.75 * weekend + 0.55 * holiday + 0.05 * (temp - 17)
          - 0.004 * (temp - 24) ** 2 - 0.25 * np.log1p(rain) - 0.35 * np.log(dist / 45) + 0.25 * season)
mu = np.exp(log_mu)
k = 10.0
y = rng.poisson(rng.gamma(k, mu / k))
df = pd.DataFrame(dict(parking_spaces=parking, city_distance_km=dist, day_of_year=doy, weekend=weekend,
                       public_holiday=holiday, temp_max_c=temp, rain_mm=rain, hikers=y))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
print("share > 148:", (y > np.exp(5)).mean(), "q:", np.quantile(y, [0.5, 0.9, 0.99]))
