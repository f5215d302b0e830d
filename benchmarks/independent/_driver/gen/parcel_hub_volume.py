"""Daily parcels sorted at a regional hub: the previous 14 days' volumes plus calendar and promotion flags."""
import os, numpy as np, pandas as pd
rng = np.random.default_rng(2207)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "parcel_hub_volume", "data")
N_TR, N_VA, L = 1300, 420, 14
n = N_TR + N_VA + L + 30
t = np.arange(n)
dow = (t + 2) % 7                                   # 0 = Monday
doy = (t + 10) % 365
trend = 30000 + 9.0 * t                             # growing e-commerce volume
annual = 1 + 0.10 * np.cos(2 * np.pi * (doy - 340) / 365) + 0.25 * np.exp(-0.5 * ((doy - 345) / 9.0) ** 2)
weekly = np.array([1.18, 1.08, 1.02, 0.98, 0.95, 0.55, 0.30])[dow]
promo = (rng.random(n) < 0.06).astype(int)
holiday = np.isin(doy, [0, 1, 100, 120, 140, 220, 300, 358, 359]).astype(int)
level = np.zeros(n); e = 0.0
for i in range(n):
    e = 0.8 * e + rng.normal(0, 0.05)
    level[i] = e
vol = trend * annual * weekly * np.exp(level) * (1 + 0.22 * promo) * (1 - 0.6 * holiday)
vol = vol * np.exp(rng.normal(0, 0.03, n))
# promotions spill over into the next two days
vol[1:] *= 1 + 0.10 * promo[:-1]; vol[2:] *= 1 + 0.05 * promo[:-2]
vol = np.round(vol).astype(int)
rows = []
for i in range(30 + L, n):
    r = {f"parcels_lag{k}": vol[i - k] for k in range(1, L + 1)}
    r.update(day_of_week=dow[i], day_of_year=doy[i], promo_day=promo[i], promo_yesterday=promo[i - 1],
             public_holiday=holiday[i], parcels=vol[i])
    rows.append(r)
df = pd.DataFrame(rows)
os.makedirs(OUT, exist_ok=True)
df.iloc[:N_TR].to_csv(os.path.join(OUT, "train.csv"), index=False)
va = df.iloc[N_TR:N_TR + N_VA].copy()
# the later extract comes from the new warehouse system, which numbers weekdays Monday = 1 ... Sunday = 7
va["day_of_week"] = va["day_of_week"] + 1
va.to_csv(os.path.join(OUT, "val.csv"), index=False)

print(df.shape, df["parcels"].describe().round(0).to_dict())
