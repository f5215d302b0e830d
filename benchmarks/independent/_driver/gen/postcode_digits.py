import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

from sklearn.datasets import load_digits
NAME = "postcode_digits"
d = load_digits(as_frame=True)
df = d.frame.rename(columns={"target": "digit"})
df = df.sample(frac=1, random_state=31).reset_index(drop=True)
df.iloc[:1250].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1250:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.shape)
