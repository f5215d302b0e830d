"""Round 14 (b): bathing_water_alerts. Weekly cyanobacteria alert level at inland bathing sites (0 none,
1 caution: 20,000-100,000 cells/mL, 2 warning: > 100,000 cells/mL) from water temperature, total phosphorus,
nitrate, wind, days since rain, Secchi depth and whether the lake is thermally stratified.
Training: 2016-2021 season samples; validation: 2022-2023."""
import os, numpy as np, pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "bathing_water_alerts", "data")
rng = np.random.default_rng(777)


def make(n):
    temp = rng.uniform(11, 27, n)                               # degC surface water
    tp = rng.lognormal(np.log(40), 0.6, n)                      # ug/L total phosphorus
    no3 = rng.lognormal(np.log(1.5), 0.7, n)                    # mg/L nitrate-N
    wind = rng.gamma(2.5, 1.6, n)                               # m/s mean of the previous 3 days
    dry = rng.integers(0, 31, n)                                # days since > 5 mm rain
    strat = (rng.random(n) < 1 / (1 + np.exp(-(temp - 19) / 1.5))).astype(int)
    secchi = np.clip(rng.lognormal(np.log(2.2), 0.3, n) * (40 / tp) ** 0.35, 0.2, 6)   # m
    log_cells = (2.8 + 0.16 * (temp - 18) + 0.9 * np.log(tp / 40) - 0.35 * np.log(no3 / 1.5)
                 - 0.09 * (wind - 4) + 0.025 * dry + 0.45 * strat + rng.normal(0, 0.32, n))   # log10 cells/mL
    level = np.digitize(log_cells, [np.log10(20000), np.log10(100000)])
    return pd.DataFrame(dict(water_temp_C=temp.round(1), total_phosphorus_ugL=tp.round(1), nitrate_mgL=no3.round(2),
                             wind_ms=wind.round(1), days_since_rain=dry, stratified=strat, secchi_m=secchi.round(2),
                             alert_level=level))


tr = make(1500)
va = make(500)
os.makedirs(OUT, exist_ok=True)
tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
va.to_csv(os.path.join(OUT, "val.csv"), index=False)
print("train", np.bincount(tr.alert_level), "val", np.bincount(va.alert_level))
print(tr.describe().T[["mean", "std"]].round(2))
