import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "dairy_udder_health"
rng = np.random.default_rng(1202)
# monthly milk-recording test days of Holstein cows in 14 herds; outcome: a clinical mastitis case treated within
# the 30 days after the test day. Training: test days of 2021-2022 lactations (herd-management export of closed
# lactations); validation: test days of cows milking in 2023 (export taken on the test day)


def cows(n):
    parity = rng.choice([1, 2, 3, 4, 5, 6], n, p=[0.34, 0.26, 0.18, 0.12, 0.06, 0.04])
    dim = rng.uniform(5, 320, n).round(0)                                    # days in milk
    lact = 1 + 0.6 * np.exp(-((dim - 60) / 90) ** 2) - 0.001 * dim          # lactation curve shape
    yield_kg = np.clip(rng.normal(29 * lact + 2.5 * np.minimum(parity, 3), 4.5), 6, 60).round(1)
    infl = rng.normal(0, 1, n)                                              # latent udder inflammation
    scc = np.exp(4.4 + 0.18 * parity + 1.0 * infl + rng.normal(0, 0.35, n)).round(0)   # somatic cells, 1000/mL
    cond = (4.9 + 0.35 * infl + rng.normal(0, 0.15, n)).round(2)            # electrical conductivity, mS/cm
    drop = np.clip(3 * infl + rng.normal(0, 4, n), -15, 30).round(1)        # yield drop vs previous test day, %
    prior = rng.poisson(0.12 + 0.03 * parity)                               # earlier treatments this lactation
    eta = (-3.0 + 3.4 * infl + 0.25 * (parity - 2)
           - 0.004 * (dim - 60) * (dim < 120) + 0.3 * prior)
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    return parity, dim, yield_kg, scc, cond, drop, prior, y


n_tr, n_va = 1500, 600
p, d, yk, s, c, dr, prior, y = cows(n_tr)
# closed lactations: the treatment count covers the whole lactation, the case itself included
treat = prior + y * rng.choice([1, 1, 2, 2, 3], n_tr)
tr = pd.DataFrame(dict(parity=p, days_in_milk=d, milk_yield_kg=yk, scc_thousand_per_ml=s, conductivity_mS_cm=c,
                       yield_drop_pct=dr, treatments_this_lactation=treat, clinical_case_30d=y))
p, d, yk, s, c, dr, prior, y = cows(n_va)
va = pd.DataFrame(dict(parity=p, days_in_milk=d, milk_yield_kg=yk, scc_thousand_per_ml=s, conductivity_mS_cm=c,
                       yield_drop_pct=dr, treatments_this_lactation=prior, clinical_case_30d=y))
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
