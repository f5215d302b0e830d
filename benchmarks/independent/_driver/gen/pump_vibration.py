import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "pump_vibration"
rng = np.random.default_rng(100)
n = 1500
cls = rng.choice(4, n, p=[0.70, 0.15, 0.10, 0.05])     # normal, imbalance, misalignment, bearing defect
rms = rng.gamma(4, 0.5, n) * np.array([1.0, 2.2, 1.6, 1.5])[cls]      # mm/s
h1 = rng.gamma(3, 0.3, n) * np.array([1.0, 3.5, 1.2, 1.0])[cls]
h2 = rng.gamma(3, 0.2, n) * np.array([1.0, 1.1, 3.5, 1.0])[cls]
kurt = 3 + rng.gamma(2, 0.4, n) * np.array([1.0, 1.0, 1.1, 5.0])[cls]
crest = 3 + rng.gamma(2, 0.3, n) * np.array([1.0, 1.0, 1.0, 2.5])[cls]
temp = 45 + rng.normal(0, 4, n) + np.array([0, 2, 5, 6])[cls]
speed = rng.uniform(1450, 1500, n)
df = pd.DataFrame(dict(rms_mm_s=rms.round(3), amp_1x=h1.round(3), amp_2x=h2.round(3), kurtosis=kurt.round(3),
                       crest_factor=crest.round(3), casing_temp_C=temp.round(1), speed_rpm=speed.round(0), fault_class=cls))
df.iloc[:1100].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1100:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.fault_class.value_counts())
