import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "larvicide_trials"
rng = np.random.default_rng(6301)
n = 540
levels = np.array([0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0])      # temephos concentration, mg/L
field = rng.integers(0, 2, n)                                                # 1 = field-collected colony, 0 = lab reference colony
temp = rng.uniform(20.0, 32.0, n).round(1)                                   # water temperature during the 24 h exposure, degC
conc = rng.choice(levels, n)
# field colonies have concentrations shifted up (range-finding put them higher)
conc = np.where(field == 1, conc * 4.0, conc).round(4)
n_larvae = rng.integers(20, 26, n)                                           # late third-instar larvae per cup
log10_lc50 = -1.55 + 0.85 * field - 0.035 * (temp - 25.0)
slope = 2.7
eta = slope * (np.log10(conc) - log10_lc50) + rng.normal(0, 0.35, n)          # cup-to-cup variation
p = 1.0 / (1.0 + np.exp(-eta))
dead = rng.binomial(n_larvae, p)
df = pd.DataFrame(dict(conc_mg_l=conc, field_colony=field, water_temp_c=temp, n_larvae=n_larvae, n_dead=dead))
df.iloc[:360].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[360:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]]); print("mean mortality", (dead / n_larvae).mean())
