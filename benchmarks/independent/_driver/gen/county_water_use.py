import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "county_water_use"
rng = np.random.default_rng(1102)
# county-level residential (public-supply, self-supplied domestic) water use per person, one row per county:
# summer (Jun-Aug) mean maximum temperature, May-Sep precipitation, median household income, share of
# single-family detached homes, persons per household; outdoor irrigation drives most of the spread
n_tr, n_va = 84, 72
n = n_tr + n_va
tmax = rng.uniform(24, 38, n).round(1)                        # degC
precip = rng.gamma(4.0, 90.0, n).round(0)                      # mm, May-Sep
income = np.exp(rng.normal(np.log(62), 0.25, n)).round(1)      # thousand USD
sfh = rng.uniform(45, 90, n).round(1)                          # % single-family detached
pph = rng.uniform(2.1, 3.2, n).round(2)                        # persons per household
indoor = 190 - 18 * (pph - 2.5)                                # L/person/day
deficit = np.clip(tmax - 26, 0, None) * np.exp(-precip / 450)  # irrigation demand index
outdoor = deficit * (9 + 0.12 * (income - 40)) * (sfh / 70) ** 1.5 * 5.5
gpcd = indoor + outdoor + rng.normal(0, 18, n)                 # L/person/day
df = pd.DataFrame(dict(summer_tmax_C=tmax, maysep_precip_mm=precip, median_income_kusd=income,
                       single_family_pct=sfh, persons_per_household=pph, water_use_lpcd=gpcd.round(1)))
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
