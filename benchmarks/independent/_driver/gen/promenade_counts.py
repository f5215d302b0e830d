"""Synthetic hourly pedestrian counts at a seaside promenade sensor (one row per hour: the 24 previous hourly
counts, oldest first, plus the hour's calendar and weather); train = first 3000 hours, val = the next 1000."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(20240612)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "promenade_counts", "data")
N_LAG = 24
T = 4000 + N_LAG
t = np.arange(T)
hour = t % 24
day = t // 24
dow = (day + 2) % 7                      # series starts on a Wednesday
weekend = (dow >= 5).astype(float)
doy = (120 + day) % 365                  # starts 1 May
# weather: daily temperature cycle + slow synoptic anomaly; rain showers
anom = np.zeros(T)
for i in range(1, T):
    anom[i] = 0.995 * anom[i - 1] + rng.normal(0, 0.25)
temp = 14 + 6 * np.sin(2 * np.pi * (doy - 110) / 365) + 4 * np.sin(2 * np.pi * (hour - 9) / 24) + anom
rain_state = np.zeros(T)
for i in range(1, T):
    p = 0.93 if rain_state[i - 1] > 0 else 0.03
    rain_state[i] = rng.gamma(1.5, 1.0) if rng.random() < p else 0.0
rain = np.round(rain_state, 1)
# hourly profile: weekdays commuting + midday, weekends broad afternoon peak
wk = 40 + 220 * np.exp(-0.5 * ((hour - 8) / 1.2) ** 2) + 260 * np.exp(-0.5 * ((hour - 13) / 2.5) ** 2) \
    + 200 * np.exp(-0.5 * ((hour - 18) / 1.5) ** 2)
we = 30 + 520 * np.exp(-0.5 * ((hour - 14.5) / 3.0) ** 2)
prof = np.where(weekend > 0, we, wk) * np.where(hour < 6, 0.15, 1.0)
# day-level popularity (events, school holidays): log-AR(1) over hours
lat = np.zeros(T)
for i in range(1, T):
    lat[i] = 0.985 * lat[i - 1] + rng.normal(0, 0.06)
lam = prof * np.exp(0.035 * (temp - 14) - 0.18 * np.minimum(rain, 4) + lat)
counts = rng.poisson(lam).astype(float)

rows = []
for i in range(N_LAG, T):
    r = {f"count_lag{k}": counts[i - k] for k in range(N_LAG, 0, -1)}
    r.update(hour_sin=round(np.sin(2 * np.pi * hour[i] / 24), 6), hour_cos=round(np.cos(2 * np.pi * hour[i] / 24), 6),
             weekend=weekend[i], temp_c=round(temp[i], 1), rain_mm=rain[i], pedestrians=counts[i])
    rows.append(r)
df = pd.DataFrame(rows)
os.makedirs(OUT, exist_ok=True)
df.iloc[:3000].to_csv(os.path.join(OUT, "train.csv"), index=False)
df.iloc[3000:].to_csv(os.path.join(OUT, "val.csv"), index=False)
print(df.describe().T[["mean", "std", "min", "max"]].tail(8))
