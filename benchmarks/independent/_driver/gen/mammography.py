import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

from sklearn.datasets import load_breast_cancer
NAME = "mammography"
d = load_breast_cancer(as_frame=True)
df = d.frame.copy()
df.columns = [c.replace(" ", "_") for c in df.columns]
df = df.rename(columns={"target": "benign"})
df = df.sample(frac=1, random_state=144).reset_index(drop=True)
df.iloc[:420].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[420:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.shape)
