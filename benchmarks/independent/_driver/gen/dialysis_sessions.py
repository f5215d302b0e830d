import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "dialysis_sessions"
rng = np.random.default_rng(1302)
# pre-dialysis systolic blood pressure of haemodialysis patients (three sessions a week);
# training: the unit's 60 established patients over ~8 weeks; validation: the following weeks,
# for 25 of those patients and for 20 patients who started treatment afterwards
def patients(n, start):
    return pd.DataFrame(dict(patient_id=np.arange(start, start + n),
                             level=rng.normal(146, 14, n), age=rng.integers(34, 88, n),
                             dry_weight=rng.normal(74, 13, n).clip(45, 120).round(1)))
def sessions(p, n_each):
    out = []
    for _, r in p.iterrows():
        for s in range(n_each):
            long_gap = int(s % 3 == 0)                           # Monday session after the weekend
            idwg = max(0.3, rng.normal(2.1 + 0.7 * long_gap, 0.7))  # interdialytic weight gain, kg
            hour = rng.choice([7, 12, 17])
            sbp = r.level + 6.5 * (idwg - 2.3) + 4.0 * long_gap + 0.25 * (r.age - 62) - 0.4 * (hour - 12) + rng.normal(0, 8)
            out.append((int(r.patient_id), round(idwg, 2), long_gap, hour, int(r.age), r.dry_weight, round(sbp)))
    return pd.DataFrame(out, columns=["patient_id", "weight_gain_kg", "long_gap", "session_hour", "age_y", "dry_weight_kg", "sbp_mmHg"])
est = patients(60, 101); new = patients(20, 161)
tr = sessions(est, 24)
va = pd.concat([sessions(est.iloc[rng.choice(60, 25, replace=False)], 10), sessions(new, 12)], ignore_index=True)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(len(tr), len(va), "val rows of new patients:", int(va.patient_id.ge(161).sum()))
print(tr.describe().T[["mean", "std", "min", "max"]])
