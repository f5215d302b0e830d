import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "quarry_blasting"
rng = np.random.default_rng(1601)
# production blasts at a limestone/dolerite quarry, peak particle velocity at the nearest monitored dwelling
n = 2000
distance = np.exp(rng.uniform(np.log(120), np.log(1400), n))                  # m, blast to geophone
charge = np.exp(rng.uniform(np.log(25), np.log(420), n))                      # kg per delay
holes = rng.integers(8, 60, n)                                                # holes in the round
stemming = rng.uniform(1.8, 4.0, n)                                           # m of stemming
burden = rng.uniform(2.5, 5.0, n)                                             # m
ucs = rng.uniform(60, 220, n)                                                 # rock strength, MPa (bench face)
wet = (rng.random(n) < 0.3).astype(int)                                       # water standing in the holes
delay_ms = rng.choice([17, 25, 42], n)                                        # inter-hole delay
sd = distance / np.sqrt(charge)                                               # scaled distance, m/kg^0.5
log_ppv = (np.log(1140) - 1.6 * np.log(sd) + 0.12 * (ucs - 140) / 80 - 0.18 * (stemming - 2.9)
           + 0.22 * (burden - 3.7) / 1.2 + 0.25 * wet + 0.08 * np.log(holes / 25)
           - 0.006 * (delay_ms - 25) + 0.15 * np.log(sd / 40) ** 2 * (sd > 40))
ppv = np.exp(log_ppv + rng.normal(0, 0.22, n))
df = pd.DataFrame(dict(distance_m=distance.round(0), charge_per_delay_kg=charge.round(1), holes=holes,
                       stemming_m=stemming.round(2), burden_m=burden.round(2), rock_ucs_mpa=ucs.round(0),
                       wet_holes=wet, delay_ms=delay_ms, ppv_mm_s=ppv.round(3)))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
