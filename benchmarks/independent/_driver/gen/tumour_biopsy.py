import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from sklearn.datasets import load_breast_cancer
d = load_breast_cancer(as_frame=True)
df = d.frame.rename(columns={"target": "benign"})
df.columns = [c.replace(" ", "_") for c in df.columns]
df = df.sample(frac=1, random_state=13).reset_index(drop=True)
df.iloc[:400].to_csv(ROOT + "/tumour_biopsy/data/train.csv", index=False)
df.iloc[400:].to_csv(ROOT + "/tumour_biopsy/data/val.csv", index=False)
print(df.shape, df.benign.mean())
