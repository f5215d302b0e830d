import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from sklearn.datasets import load_wine
d = load_wine(as_frame=True)
df = d.frame.rename(columns={"target": "cultivar"})
df.columns = [c.replace("/", "_per_") for c in df.columns]
df = df.sample(frac=1, random_state=3).reset_index(drop=True)
df.iloc[:128].to_csv(ROOT + "/wine_cultivar/data/train.csv", index=False)
df.iloc[128:].to_csv(ROOT + "/wine_cultivar/data/val.csv", index=False)
print(df.shape, df.cultivar.value_counts().to_dict(), df.columns.tolist())
