import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "enzyme_kinetics"
rng = np.random.default_rng(306)
# initial-rate assays of a dehydrogenase with a competitive inhibitor, 12 substrate levels x 5 inhibitor levels, replicates
S_levels = np.array([0.5, 1, 2, 4, 6, 10, 15, 25, 40, 60, 100, 200.0])   # uM
I_levels = np.array([0, 5, 10, 20, 40.0])                               # uM
Vmax, Km, Ki = 11.5, 8.2, 12.0                                           # umol/min/mg, uM, uM
rows = []
for rep in range(5):
    for S in S_levels:
        for I in I_levels:
            v = Vmax * S / (Km * (1 + I / Ki) + S)
            rows.append(dict(substrate_uM=S * rng.normal(1, 0.02), inhibitor_uM=I, rate=v + rng.normal(0, 0.25)))
df = pd.DataFrame(rows).sample(frac=1, random_state=3).reset_index(drop=True)
df["substrate_uM"] = df["substrate_uM"].round(3); df["rate"] = df["rate"].round(3)
df = df.rename(columns={"rate": "rate_umol_min_mg"})
df.iloc[:220].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[220:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
