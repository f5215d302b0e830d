"""Facts about the round-11 (c) programs quoted in round11_c.py; writes results/round11_c_diag.json."""
import os, sys, json, importlib.util
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np, pandas as pd, torch
torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)


def load(path, name):
    s = importlib.util.spec_from_file_location(name, path); m = importlib.util.module_from_spec(s); s.loader.exec_module(m)
    return m


class Mon:
    should_stop = False
    def __init__(self): self.rows = []
    def log_epoch(self, **kw): self.rows.append(kw)


def spec_config(name):
    import tomllib
    return dict(tomllib.load(open(f"{ROOT}/{name}/spec.toml", "rb"))["config"])


out = {}
# wave_runup: shape of the per-batch squared-error term, spread of the predicted mean run-up, predicted sigma
tr = pd.read_csv(f"{ROOT}/wave_runup/data/train.csv"); va = pd.read_csv(f"{ROOT}/wave_runup/data/val.csv")
d = {}
for tag, path in [("plain", f"{ROOT}/wave_runup/code/runup_net.py"), ("twin", f"{ROOT}/_twins/wave_runup/runup_net.py")]:
    m = load(path, "wr_" + tag)
    model = m.train_model(tr, va, spec_config("wave_runup"), Mon())
    x = torch.tensor(va[[c for c in va.columns if c != m.TARGET]].to_numpy(np.float32))
    with torch.no_grad():
        mu, lv = model.mean_logvar(x[:64])
        yb = torch.zeros(64)
        pred = model(x).numpy()
        _, lv_all = model.mean_logvar(x)
    sig = (torch.exp(0.5 * lv_all) * model.y_sd).reshape(-1).numpy()
    d[tag] = {"sq_err_shape_batch64": list((yb - mu).shape), "val_pred_min": round(float(pred.min()), 3),
              "val_pred_max": round(float(pred.max()), 3), "val_sigma_min": round(float(sig.min()), 3),
              "val_sigma_max": round(float(sig.max()), 3)}
d["val_target_min"] = round(float(va["runup_r2_m"].min()), 3); d["val_target_max"] = round(float(va["runup_r2_m"].max()), 3)
out["wave_runup"] = d

# road_noise: does the station embedding move? learned station levels in dB against the residual per station
import pytorch_lightning as pl
tr = pd.read_csv(f"{ROOT}/road_noise/data/train.csv"); va = pd.read_csv(f"{ROOT}/road_noise/data/val.csv")
d = {}
cfg = spec_config("road_noise")
for tag, path in [("plain", f"{ROOT}/road_noise/code/noise_lightning.py"), ("twin", f"{ROOT}/_twins/road_noise/noise_lightning.py")]:
    m = load(path, "rn_" + tag)
    model = m.train_model(tr, va, cfg, Mon())
    # the same initial weights: same seed, same construction order as train_model
    pl.seed_everything(cfg.get("seed", 0), verbose=False)
    feats = [m.SITE] + [c for c in tr.columns if c not in (m.TARGET, m.SITE)]
    x_tr = tr[feats].to_numpy(np.float32); y_tr = tr[m.TARGET].to_numpy(np.float32)
    init = m.NoiseNet(model.station.num_embeddings, x_tr[:, 1:].mean(0), x_tr[:, 1:].std(0), y_tr.mean(), y_tr.std(),
                      cfg["hidden_units"], cfg["lr"], cfg["weight_decay"])
    w0 = init.station.weight.detach().reshape(-1).numpy(); w = model.station.weight.detach().reshape(-1).numpy()
    ysd = float(model.y_sd)
    model.eval()
    with torch.no_grad():
        res = model(torch.tensor(va[feats].to_numpy(np.float32))).numpy() - va[m.TARGET].to_numpy()
    per_station = pd.Series(res).groupby(va[m.SITE].to_numpy()).mean()
    d[tag] = {"station_weight_max_abs_change": round(float(np.abs(w - w0).max()), 6),
              "station_level_db_min": round(float(w.min() * ysd), 2), "station_level_db_max": round(float(w.max() * ysd), 2),
              "val_station_bias_db_min": round(float(per_station.min()), 2),
              "val_station_bias_db_max": round(float(per_station.max()), 2),
              "val_station_bias_db_rms": round(float(np.sqrt(np.mean(per_station ** 2))), 2)}
d["y_sd_train"] = round(float(tr["laeq_dba"].std(ddof=0)), 3)
d["n_stations"] = int(tr["station_id"].nunique())
out["road_noise"] = d
json.dump(out, open(f"{HERE}/results/round11_c_diag.json", "w"), indent=1)
print(json.dumps(out, indent=1))
