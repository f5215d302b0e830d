import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "store_footfall"
rng = np.random.default_rng(401)
# daily door-counter footfall of a high-street clothing store, Jan 2022 - Dec 2023
dates = pd.date_range("2022-01-01", "2023-12-31", freq="D")
n = len(dates)
doy = dates.day_of_year.to_numpy()
temp = (11 + 8 * np.sin(2 * np.pi * (doy - 110) / 365) + rng.normal(0, 3, n)).round(1)     # degC, daily mean
wet = rng.random(n) < 0.45
rain = np.where(wet, rng.gamma(1.2, 5.0, n), 0.0).round(1)                                  # mm/day
weekend = (dates.day_of_week >= 5).astype(int)
school_holiday = np.zeros(n, int)
for a, b in [("2022-02-14", "2022-02-18"), ("2022-04-04", "2022-04-18"), ("2022-05-30", "2022-06-03"),
             ("2022-07-22", "2022-09-02"), ("2022-10-24", "2022-10-28"), ("2022-12-19", "2023-01-02"),
             ("2023-02-13", "2023-02-17"), ("2023-04-03", "2023-04-14"), ("2023-05-29", "2023-06-02"),
             ("2023-07-21", "2023-09-01"), ("2023-10-23", "2023-10-27"), ("2023-12-18", "2023-12-31")]:
    school_holiday[(dates >= a) & (dates <= b)] = 1
autumn = dates >= "2023-09-01"     # the chain's autumn/winter campaign calendar: many more promotion days
promo = (rng.random(n) < np.where(autumn, 0.45, 0.12)).astype(int)
footfall = (900 + 22 * temp - 9 * rain + 450 * weekend + 380 * promo + 150 * school_holiday
            + rng.normal(0, 80, n))
df = pd.DataFrame(dict(mean_temp_C=temp, rain_mm=rain, weekend=weekend, school_holiday=school_holiday,
                       promo_day=promo, footfall=np.round(footfall).astype(int)))
df[~autumn].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df[autumn].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df[~autumn].describe().T[["mean", "std", "min", "max"]]); print(df[autumn].describe().T[["mean", "std", "min", "max"]])
