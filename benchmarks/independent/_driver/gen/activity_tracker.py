import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "activity_tracker"
rng = np.random.default_rng(308)
# 10-second windows from a wrist tracker: 0 sitting, 1 walking, 2 running, 3 cycling
n = 2000
cls = rng.choice(4, n, p=[0.35, 0.3, 0.15, 0.2])
acc_mean = np.array([1.0, 1.15, 1.6, 1.05])[cls] + rng.normal(0, 0.06, n)      # g
acc_sd = np.array([0.03, 0.25, 0.6, 0.12])[cls] * rng.lognormal(0, 0.3, n)       # g
freq = np.array([0.3, 1.8, 2.7, 1.4])[cls] + rng.normal(0, 0.35, n)             # Hz, dominant
hr = np.array([72, 98, 150, 125])[cls] + rng.normal(0, 12, n)                   # bpm
cadence = np.where(np.isin(cls, [1, 2]), freq * 60 * 2 * rng.normal(1, 0.05, n), rng.uniform(0, 20, n))   # steps/min
gyro = np.array([0.1, 0.9, 1.6, 0.35])[cls] * rng.lognormal(0, 0.35, n)          # rad/s
df = pd.DataFrame(dict(acc_mean_g=acc_mean.round(3), acc_sd_g=acc_sd.round(3), dominant_freq_hz=freq.round(2),
                       heart_rate_bpm=hr.round(0), cadence_spm=cadence.round(0), gyro_rms_rad_s=gyro.round(3), activity=cls))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.groupby("activity").mean().T)
