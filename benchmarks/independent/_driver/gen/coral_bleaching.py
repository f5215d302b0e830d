import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "coral_bleaching"
rng = np.random.default_rng(7104)
# reef-survey transects after the summer heat season: bleaching severity (0 none/pale, 1 moderate: 10-50 % of
# colonies bleached, 2 severe: > 50 %) against heat stress and site conditions
n = 1400
dhw = rng.gamma(2.0, 2.2, n)                                  # degree heating weeks, degC-weeks
sst_anom = 0.12 * dhw + rng.normal(0.3, 0.45, n)              # peak SST anomaly, degC
depth = rng.uniform(1.5, 18.0, n)                             # transect depth, m
turbidity = np.exp(rng.normal(0.6, 0.6, n))                   # NTU
cloud = rng.uniform(0.05, 0.85, n)                            # cloud fraction over the heat season
massive_share = rng.beta(2.5, 2.5, n)                         # share of massive (stress-tolerant) colonies
prior = rng.integers(0, 2, n)                                  # bleached at the previous survey (0/1)
light = np.exp(-0.09 * depth) * (1 - 0.6 * cloud) * np.exp(-0.12 * turbidity)
stress = (0.55 * dhw + 1.2 * sst_anom) * (0.45 + 1.1 * light) - 1.4 * massive_share + 0.5 * prior - 0.15 * turbidity
score = stress + rng.logistic(0, 0.3, n)
severity = np.digitize(score, [1.6, 3.3])
df = pd.DataFrame(dict(dhw_degC_weeks=dhw.round(2), sst_anomaly_C=sst_anom.round(2), depth_m=depth.round(1),
                       turbidity_ntu=turbidity.round(2), cloud_fraction=cloud.round(3),
                       massive_coral_share=massive_share.round(3), bleached_last_survey=prior,
                       bleaching_severity=severity))
df.iloc[:1000].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1000:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(df.bleaching_severity.value_counts(normalize=True).sort_index())
