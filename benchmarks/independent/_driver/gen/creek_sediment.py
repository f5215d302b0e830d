"""creek_sediment: suspended-sediment samples at a gauged upland creek (auto-sampler + grab samples).
SSC (mg/L) log-linear in log discharge, rising limb and the dry spell before the event; the scatter grows
with the concentration (sd = s0 * mu**p, s0 = 0.7, p = 0.85). Seeded; writes train.csv (700) and val.csv (300)."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(8301)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "creek_sediment", "data")


def make(n):
    q = np.exp(rng.normal(np.log(6.0), 1.0, n)).clip(0.3, 120.0)          # m3/s
    rising = (rng.random(n) < 0.4).astype(int)
    dry = rng.gamma(1.5, 10.0, n).round(0)                                 # days since the last flood event
    mu = np.exp(4.2 + 0.95 * np.log(q / 6.0) + 0.45 * rising + 0.25 * np.log1p(dry))
    sd = 0.7 * mu ** 0.85
    y = np.maximum(mu + sd * rng.standard_normal(n), 0.5)
    return pd.DataFrame({"discharge_m3s": q.round(3), "rising_limb": rising, "dry_days": dry.astype(int),
                         "ssc_mg_l": y.round(1)})


os.makedirs(OUT, exist_ok=True)
make(700).to_csv(os.path.join(OUT, "train.csv"), index=False)
make(300).to_csv(os.path.join(OUT, "val.csv"), index=False)
