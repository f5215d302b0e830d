import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "school_electricity"
rng = np.random.default_rng(8101)
# daily electricity use of 14 schools of one district (smart-meter export); building ids are the district's 5-digit codes
ids = np.sort(rng.choice(np.arange(40100, 48999), 14, replace=False))
base = rng.uniform(180, 950, 14)            # kWh on a school day at 15 degC (size of the school)
heat = rng.uniform(0.004, 0.02, 14)         # electric heating share per degree below 15 degC
cool = rng.uniform(0.0, 0.025, 14)          # cooling per degree above 22 degC
dates = pd.date_range("2022-08-22", periods=300, freq="D")
rows = []
for d_i, d in enumerate(dates):
    doy = d.day_of_year
    t = 10 - 9 * np.cos(2 * np.pi * (doy - 20) / 365) + rng.normal(0, 3)
    holiday = (d.weekday() >= 5) or (d_i % 70 > 60)
    daylight = 12.2 - 4.3 * np.cos(2 * np.pi * (doy + 10) / 365)
    for b in range(14):
        occ = 0.28 if holiday else 1.0
        kwh = base[b] * occ * (1 + heat[b] * max(15 - t, 0) + cool[b] * max(t - 22, 0)) * (1 + 0.012 * (12 - daylight))
        kwh *= np.exp(rng.normal(0, 0.06))
        rows.append(dict(building_id=ids[b], date_index=d_i, outdoor_temp_C=round(t, 1), school_day=int(not holiday),
                         daylight_h=round(daylight, 2), electricity_kWh=round(kwh, 1)))
df = pd.DataFrame(rows)
tr = df[df.date_index < 210]
va = df[df.date_index >= 210]
# training extract: one block per meter (sorted by building id); validation extract: day by day, meters in upload order
tr = tr.sort_values(["building_id", "date_index"], kind="stable")
va = va.assign(_u=rng.random(len(va))).sort_values(["date_index", "_u"]).drop(columns="_u")
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
