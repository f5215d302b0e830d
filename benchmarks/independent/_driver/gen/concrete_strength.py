import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(4)
n = 1000
wc = rng.uniform(0.30, 0.75, n)
lage = np.log10(rng.choice([1, 3, 7, 14, 28, 56, 90, 180, 365], n))
ash = rng.uniform(0, 0.35, n)
sp = rng.uniform(0, 2.0, n)
agg = rng.uniform(2.5, 4.5, n)
# Abrams' law with a maturity curve; fly ash slows early strength but adds late strength
s28 = 110 / (14 ** wc) * (1 + 0.05 * sp) * (1 - 0.1 * (agg - 3.5) ** 2 / 1.0)
mat = ((lage + 0.15) / (lage + 0.6)) / ((np.log10(28) + 0.15) / (np.log10(28) + 0.6))
mat = mat * (1 - ash * (1.2 - 0.8 * lage / np.log10(365)))
strength = s28 * mat * (1 + rng.normal(0, 0.05, n))
df = pd.DataFrame(dict(water_cement_ratio=wc.round(3), log10_age_days=lage.round(4), fly_ash_fraction=ash.round(3),
                       superplasticizer_pct=sp.round(2), aggregate_cement_ratio=agg.round(2),
                       compressive_strength_MPa=strength.round(2)))
df.iloc[:750].to_csv(ROOT + "/concrete_strength/data/train.csv", index=False)
df.iloc[750:].to_csv(ROOT + "/concrete_strength/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]])
