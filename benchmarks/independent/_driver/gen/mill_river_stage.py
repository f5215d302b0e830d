"""Daily river stage at a lowland gauge: 14 days of past stage and rainfall plus the day's rainfall."""
import os, numpy as np, pandas as pd
rng = np.random.default_rng(1507)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "mill_river_stage", "data")
N_TR, N_VA, W = 1500, 500, 14
n = N_TR + N_VA + W + 60
day = np.arange(n)
# rainfall: wet days ~ 35 %, gamma amounts, wetter in winter
p_wet = 0.30 + 0.12 * np.cos(2 * np.pi * day / 365.25)
rain = np.where(rng.random(n) < p_wet, rng.gamma(0.8, 7.0, n), 0.0)
# baseflow: seasonal + slowly wandering groundwater contribution
drift = np.cumsum(rng.normal(0, 0.018, n)); drift -= np.convolve(drift, np.ones(365) / 365, mode="same") * 0.6
base = 0.95 + 0.35 * np.cos(2 * np.pi * (day - 20) / 365.25) + drift
# quick-flow response: two linear reservoirs fed by rain
fast = np.zeros(n); slow = np.zeros(n)
for t in range(1, n):
    fast[t] = 0.55 * fast[t - 1] + 0.022 * rain[t]
    slow[t] = 0.93 * slow[t - 1] + 0.004 * rain[t]
stage = base + fast + slow + rng.normal(0, 0.02, n)
stage = np.round(stage, 3); rain = np.round(rain, 1)
rows = []
for t in range(60 + W, n):
    r = {}
    for k in range(W, 0, -1):
        r[f"stage_lag{k}_m"] = stage[t - k]
    for k in range(W - 1, 0, -1):
        r[f"rain_lag{k}_mm"] = rain[t - k]
    r["rain_today_mm"] = rain[t]
    r["stage_m"] = stage[t]
    rows.append(r)
df = pd.DataFrame(rows)
os.makedirs(OUT, exist_ok=True)
df.iloc[:N_TR].to_csv(os.path.join(OUT, "train.csv"), index=False)
df.iloc[N_TR:N_TR + N_VA].to_csv(os.path.join(OUT, "val.csv"), index=False)
print(df.shape, df["stage_m"].describe().round(3).to_dict())
