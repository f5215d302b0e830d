import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
# competitive ELISA for salivary cortisol: OD450 falls with the cortisol concentration (four-parameter logistic);
# the zero-analyte signal grows with the incubation temperature and the substrate (TMB) development time
rng = np.random.default_rng(1407)
A0, G_T, S_EXP, D, IC50, HILL = 2.1, 0.035, 0.8, 0.07, 6.0, 1.15
rows = []
for plate in range(30):
    temp = rng.uniform(18.0, 27.0)
    subst = rng.choice([15, 20, 25, 30]) + rng.normal(0, 0.5)
    conc = np.concatenate([np.repeat([0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 200.0], 2),
                           np.exp(rng.uniform(np.log(0.2), np.log(150.0), 16))])
    top = A0 * np.exp(G_T * (temp - 22.0)) * (subst / 20.0) ** S_EXP
    mu = D + (top - D) / (1.0 + (conc / IC50) ** HILL)
    od = mu + rng.normal(0, 0.015 + 0.03 * mu)
    for c, o in zip(conc, od):
        rows.append(dict(plate=plate, conc_nmol_l=round(float(c), 3), incubation_temp_c=round(float(temp), 2),
                         substrate_min=round(float(subst), 2), od450=round(float(o), 4)))
df = pd.DataFrame(rows)
tr = df[df.plate < 20].drop(columns="plate"); va = df[df.plate >= 20].drop(columns="plate")
tr.to_csv(ROOT + "/cortisol_assay/data/train.csv", index=False); va.to_csv(ROOT + "/cortisol_assay/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]], len(tr), len(va))
