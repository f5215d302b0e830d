import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "hive_acoustics"
rng = np.random.default_rng(5101)
n = 2000
# colony state: 0 = normal, 1 = queenless, 2 = preparing to swarm
hour = rng.integers(0, 24, n)
day = np.sin(2 * np.pi * (hour - 9) / 24)
temp = 34.5 + rng.normal(0, 1.2, n) + 0.4 * day
hum = np.clip(rng.normal(62, 8, n), 35, 90)
wchg = rng.normal(0.15, 0.35, n) + 0.2 * day
# latent drivers of the two abnormal states
z_q = rng.normal(0, 1, n)
z_s = rng.normal(0, 1, n)
base = 48 + 4 * day + rng.normal(0, 2.0, n)        # overall loudness, dB
bands = {}
shape = np.array([0.0, 3.0, 2.0, -1.0, -3.0, -6.0])
for k, f in enumerate([100, 200, 300, 400, 500, 600]):
    bands[f] = base + shape[k] + rng.normal(0, 0.8, n)
# queenless "roar": broad rise around 400-500 Hz, temperature regulation gets loose
bands[400] += 4.0 * np.tanh(z_q) + 1.0 * z_q ** 2 * (z_q > 0)
bands[500] += 3.5 * np.tanh(z_q) + 1.0 * z_q ** 2 * (z_q > 0)
temp += -0.6 * np.tanh(z_q) * (1 + 0.5 * np.abs(day))
# swarm preparation: piping at 200-300 Hz, warmer, colony stops gaining weight
bands[200] += 3.5 * np.tanh(z_s)
bands[300] += 4.0 * np.tanh(z_s) * (1 + 0.3 * day)
temp += 0.5 * np.tanh(z_s)
wchg += -0.25 * np.tanh(z_s)
s0 = np.zeros(n)
s1 = 2.2 * z_q - 1.4 + 0.6 * (hum - 62) / 8 * (z_q > 0)
s2 = 2.2 * z_s - 1.5 - 0.8 * np.clip(z_q, 0, None)
S = np.stack([s0, s1, s2], 1) + rng.gumbel(0, 0.35, (n, 3))
y = S.argmax(1)
df = pd.DataFrame({f"band_{f}hz_db": bands[f].round(2) for f in bands})
df["brood_temp_c"] = temp.round(2)
df["humidity_pct"] = hum.round(1)
df["weight_change_kg"] = wchg.round(3)
df["hour"] = hour
df["colony_state"] = y
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(np.bincount(y) / n)
