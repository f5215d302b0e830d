"""tomato_trusses: fresh weight of individual tomato fruits against days after anthesis (logistic growth: final weight
falls with truss load, growth rate rises and the inflection comes earlier with compartment temperature; 7%
multiplicative scatter plus fruit-to-fruit variation of the final weight). Deterministic (seed 7303); writes
../../tomato_trusses/data/{train,val}.csv."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(7303)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tomato_trusses", "data")


def make(n):
    daa = rng.integers(3, 71, n).astype(float)
    temp = rng.choice([18.5, 20.0, 21.5, 23.0, 24.5, 26.0], n) + rng.normal(0, 0.3, n)
    load = rng.integers(3, 9, n).astype(float)
    K = 175.0 * np.exp(-0.09 * (load - 5)) * rng.lognormal(0, 0.08, n)
    r = 0.15 * np.exp(0.045 * (temp - 22.0))
    tm = 31.0 - 1.4 * (temp - 22.0)
    w = K / (1 + np.exp(-r * (daa - tm))) * rng.lognormal(0, 0.07, n)
    return pd.DataFrame(dict(days_after_anthesis=daa, compartment_temp_c=temp.round(1), fruits_per_truss=load,
                             fruit_weight_g=w.round(1)))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    tr = make(800); va = make(300)
    tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
    va.to_csv(os.path.join(OUT, "val.csv"), index=False)
    print(tr.describe().T[["mean", "std", "min", "max"]])
