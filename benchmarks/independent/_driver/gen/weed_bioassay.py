import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.stats import norm

NAME = "weed_bioassay"
rng = np.random.default_rng(5150)
# whole-plant glasshouse bioassay of a herbicide on blackgrass: trays of seedlings from a reference (susceptible)
# population and a field population with suspected resistance, sprayed at 2-6 leaves with a doubling dose series;
# dead plants counted 21 days after spraying
n = 960
dose = rng.choice([7.5, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0, 960.0], n)           # g active ingredient / ha
field = rng.integers(0, 2, n).astype(float)
leaves = rng.integers(2, 7, n).astype(float)
n_pl = rng.integers(14, 25, n)
log_ed50 = np.log10(45.0) + 0.75 * field + 0.12 * (leaves - 4)
tray = rng.normal(0, 0.15, n)                                                        # tray-to-tray spray variation
p = norm.cdf(2.4 * (np.log10(dose) - log_ed50) + tray)
dead = rng.binomial(n_pl, p)
df = pd.DataFrame(dict(dose_g_ha=dose, field_population=field, leaf_stage=leaves, n_plants=n_pl, dead_plants=dead))
df.iloc[:720].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[720:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
print(df.groupby(["field_population", "dose_g_ha"]).apply(lambda g: (g.dead_plants / g.n_plants).mean()).unstack().round(2))
