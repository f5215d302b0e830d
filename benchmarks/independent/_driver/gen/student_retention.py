import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "student_retention"
rng = np.random.default_rng(602)


def cohort(n, historical):
    # one row per first-year bachelor student; faculty codes 1-6 (1 engineering, 2 science, 3 business,
    # 4 humanities, 5 health, 6 arts)
    fac = rng.choice([1, 2, 3, 4, 5, 6], n, p=[0.22, 0.18, 0.2, 0.14, 0.16, 0.1])
    hs = np.clip(rng.normal(14.2, 2.0, n), 10, 20).round(1)                 # secondary-school grade, /20
    gpa1 = np.clip(0.55 * (hs - 14) + rng.normal(12.0, 2.2, n) - 0.6 * (fac == 1), 0, 20).round(1)  # first-semester average, /20
    ects1 = np.clip(np.round(30 * (1 / (1 + np.exp(-(gpa1 - 9.5) / 1.3))) + rng.normal(0, 2, n)), 0, 30)  # credits passed of 30
    attend = np.clip(rng.normal(78, 12, n) + 1.5 * (gpa1 - 12), 20, 100).round(0)  # % of tutorials attended
    grant = (rng.random(n) < 0.3).astype(int)
    work = np.clip(rng.gamma(1.2, 6, n) * (rng.random(n) < 0.45), 0, 35).round(0)  # paid work, h/week
    dist = np.clip(rng.lognormal(2.6, 0.8, n), 1, 250).round(1)              # km from campus
    age = np.clip(18 + rng.gamma(1.0, 1.4, n), 17, 40).round(0)
    z = (-0.5 - 0.35 * (gpa1 - 12) - 0.14 * (ects1 - 24) - 0.06 * (attend - 78) - 0.9 * grant + 0.07 * work
         + 0.01 * dist + 0.2 * (age - 19) + np.select([fac == 1, fac == 4, fac == 5], [0.6, 0.5, -0.7], 0.0)
         + rng.normal(0, 0.4, n))
    drop = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    if historical:
        # registry extract of cohorts that have finished: credits registered in the last term on record
        reg = np.where(drop == 1, np.where(rng.random(n) < 0.85, 0, rng.integers(6, 19, n)),
                       rng.integers(24, 37, n))
    else:
        # current cohort, extracted at the start of the second year: credits registered this term
        reg = np.where(rng.random(n) < 0.8, 30, rng.integers(18, 37, n))   # most register the standard 30
    return pd.DataFrame(dict(faculty=fac, secondary_grade=hs, first_sem_gpa=gpa1, first_sem_ects=ects1,
                             attendance_pct=attend, need_grant=grant, work_hours_week=work, distance_km=dist,
                             age=age, credits_registered=reg.astype(int), dropped_out=drop))


cohort(1400, True).to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va = cohort(600, False); va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
tr = pd.read_csv(ROOT + f"/{NAME}/data/train.csv")
print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
