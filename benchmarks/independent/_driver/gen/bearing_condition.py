import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(77)
n = 960
state = rng.choice([0, 1, 2], n, p=[0.5, 0.25, 0.25])   # 0 healthy, 1 outer-race defect, 2 inner-race defect
speed = rng.uniform(900, 1800, n) / 60                   # shaft Hz
load = rng.uniform(0.2, 1.0, n)
sev = np.where(state == 0, 0, rng.uniform(0.2, 1.0, n))
rms = 0.15 + 0.05 * load + 0.002 * speed + sev * np.where(state == 1, 0.25, 0.18) + rng.normal(0, 0.04, n)
kurt = 3.0 + sev * np.where(state == 1, 3.5, 5.0) + rng.gamma(2, 0.25, n)
crest = 3.2 + 0.6 * (kurt - 3) ** 0.7 + rng.normal(0, 0.3, n)
bpfo = sev * (state == 1) * 1.0 + rng.gamma(1.5, 0.08, n)
bpfi = sev * (state == 2) * 0.9 + rng.gamma(1.5, 0.08, n)
temp = 45 + 12 * load + 4 * sev + rng.normal(0, 3, n)
df = pd.DataFrame(dict(shaft_speed_Hz=speed.round(2), load_fraction=load.round(3), rms_accel_g=rms.round(4),
                       kurtosis=kurt.round(3), crest_factor=crest.round(3), bpfo_band_energy=bpfo.round(4),
                       bpfi_band_energy=bpfi.round(4), housing_temp_C=temp.round(1), condition=state))
df.iloc[:700].to_csv(ROOT + "/bearing_condition/data/train.csv", index=False)
df.iloc[700:].to_csv(ROOT + "/bearing_condition/data/val.csv", index=False)
print(df.groupby("condition").mean().T)
