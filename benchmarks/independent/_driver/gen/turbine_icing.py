import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.special import expit

NAME = "turbine_icing"
# hourly blade-icing events at a hill-top wind turbine; label from the operator's inspection log,
# ice_detector_alarm from the nacelle ice detector (misses ~45% of events, false alarm in ~4% of ice-free hours)


def gen(seed, n):
    rng = np.random.default_rng(seed)
    temp = rng.normal(-2.5, 4.5, n).round(1)                          # degC
    rh = np.clip(rng.normal(88, 7, n), 55, 100).round(1)              # %
    wind = rng.gamma(4, 2.2, n).round(1)                              # m/s at hub height
    logit = -3.2 - 0.55 * temp + 0.16 * (rh - 90) + 0.09 * wind
    iced = (rng.random(n) < expit(logit)).astype(int)
    alarm = np.where(iced == 1, rng.random(n) < 0.55, rng.random(n) < 0.04).astype(int)
    return pd.DataFrame(dict(air_temp_C=temp, rel_humidity_pct=rh, wind_speed_m_s=wind,
                             ice_detector_alarm=alarm, iced=iced))


# the first winter's logged sample is small (240 inspected hours); the seed is the first one from 400 on whose
# 240 hours contain no false alarm (a chance event, p ~ 0.02 per draw at this sample size)
for seed in range(400, 2000):
    tr = gen(seed, 240)
    if ((tr.ice_detector_alarm == 1) & (tr.iced == 0)).sum() == 0 and tr.ice_detector_alarm.sum() > 10:
        break
va = gen(seed + 10000, 600)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print("seed", seed)
for d in (tr, va):
    print(d.describe().T[["mean", "std", "min", "max"]])
    print("alarms", d.ice_detector_alarm.sum(), "false alarms", ((d.ice_detector_alarm == 1) & (d.iced == 0)).sum(),
          "missed", ((d.ice_detector_alarm == 0) & (d.iced == 1)).sum())
