"""ward_infections: central-line-associated bloodstream infections per ward-quarter (negative binomial, rate per
1000 central-line days). Deterministic (seed 7301); writes ../../ward_infections/data/{train,val}.csv."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(7301)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "ward_infections", "data")


def make(n):
    icu = (rng.random(n) < 0.35).astype(int)
    line_days = np.where(icu == 1, rng.lognormal(np.log(1700), 0.55, n), rng.lognormal(np.log(420), 0.7, n))
    line_days = np.clip(np.round(line_days), 40, 6000).astype(int)
    hygiene = np.clip(rng.normal(80, 8, n), 55, 99).round(1)
    nurse_ratio = np.clip(np.where(icu == 1, rng.normal(2.2, 0.5, n), rng.normal(5.5, 1.2, n)), 1.0, 9.0).round(2)
    bundle = (rng.random(n) < 0.5).astype(int)
    log_rate = np.log(1.7) + 0.35 * icu - 0.03 * (hygiene - 80) + 0.10 * (nurse_ratio - 4) - 0.45 * bundle
    mu = line_days / 1000.0 * np.exp(log_rate)
    k = 6.0
    lam = rng.gamma(k, mu / k)
    y = rng.poisson(lam)
    return pd.DataFrame(dict(icu=icu, central_line_days=line_days, hand_hygiene_pct=hygiene,
                             patients_per_nurse=nurse_ratio, insertion_bundle=bundle, infections=y))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    tr = make(900); va = make(350)
    tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
    va.to_csv(os.path.join(OUT, "val.csv"), index=False)
    print(tr.describe().T[["mean", "std", "min", "max"]])
