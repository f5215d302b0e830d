"""Round 7 (part a): diagnostic measurements quoted in round7_a.py, written to results/round7_a_diag.json.

Trains the plain programs once more (same seeds as driver.py) and records what the trained models look like inside:
timber_kiln's Normalization statistics, polymer_flakes' input BatchNorm running statistics and mode,
ev_charging's hidden units (the driver's standard kind=torch loop, copied from driver.py).
"""
import os, sys, json, math, importlib.util
os.environ.setdefault("KERAS_BACKEND", "torch"); os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np, pandas as pd, tomllib
import torch
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
torch.set_num_threads(1)


class Stub:
    should_stop = False
    def log_epoch(self, **kw): pass


def load(path, name):
    sp = importlib.util.spec_from_file_location(name, path); m = importlib.util.module_from_spec(sp); sp.loader.exec_module(m); return m


def prog(name):
    spec = tomllib.load(open(f"{ROOT}/{name}/spec.toml", "rb"))
    return spec, pd.read_csv(f"{ROOT}/{name}/data/train.csv"), pd.read_csv(f"{ROOT}/{name}/data/val.csv")


out = {}
# timber_kiln: the Normalization layer's statistics after training (plain code)
spec, tr, va = prog("timber_kiln")
np.random.seed(0); torch.manual_seed(0)
mod = load(f"{ROOT}/timber_kiln/code/kiln_net.py", "kiln")
model = mod.train_model(tr, va, dict(spec["config"]), Stub())
norm = model.get_layer("inputs_scaled")
out["timber_kiln"] = dict(norm_mean=[round(float(v), 4) for v in np.asarray(norm.mean).reshape(-1)],
                          norm_variance=[round(float(v), 4) for v in np.asarray(norm.variance).reshape(-1)],
                          feature_sd=[round(float(v), 2) for v in tr.drop(columns="final_mc_pct").std()])

# polymer_flakes: the input BatchNorm after training (plain code), and the mode the batches were trained in
spec, tr, va = prog("polymer_flakes")
np.random.seed(0); torch.manual_seed(0)
mod = load(f"{ROOT}/polymer_flakes/code/flake_cnn.py", "flake")
modes = []
orig = mod.SpectrumCNN.forward
def spy(self, x):
    if torch.is_grad_enabled(): modes.append(self.training)
    return orig(self, x)
mod.SpectrumCNN.forward = spy
model = mod.train_model(tr, va, dict(spec["config"]), Stub())
bn = model.inp_norm
bands = [c for c in tr.columns if c.startswith("nir_")]
out["polymer_flakes"] = dict(training_batches=len(modes), batches_in_train_mode=int(sum(modes)),
                             bn_running_mean_range=[round(float(bn.running_mean.min()), 4), round(float(bn.running_mean.max()), 4)],
                             bn_running_var_range=[round(float(bn.running_var.min()), 4), round(float(bn.running_var.max()), 4)],
                             band_mean_range=[round(float(tr[bands].mean().min()), 1), round(float(tr[bands].mean().max()), 1)],
                             band_sd_range=[round(float(tr[bands].std().min()), 1), round(float(tr[bands].std().max()), 1)])

# ev_charging: the driver's standard kind=torch loop (Adam, MSE, shuffled batches, raw CSV features), plain code
spec, tr, va = prog("ev_charging")
cfg = dict(spec["config"]); target = spec["data"]["target"]
np.random.seed(0); torch.manual_seed(0)
mod = load(f"{ROOT}/ev_charging/code/session_net.py", "ev")
feats = [c for c in tr.columns if c != target]
Xtr = torch.tensor(tr[feats].to_numpy(np.float32)); ytr = torch.tensor(tr[target].to_numpy(np.float32))
Xv = torch.tensor(va[feats].to_numpy(np.float32)); yv = va[target].to_numpy()
model = mod.build_model(cfg, len(feats))
opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
for e in range(cfg["epochs"]):
    model.train(); perm = torch.randperm(len(Xtr))
    for i in range(0, len(Xtr), cfg["batch_size"]):
        idx = perm[i:i + cfg["batch_size"]]
        opt.zero_grad(); l = torch.nn.functional.mse_loss(model(Xtr[idx]).reshape(-1), ytr[idx]); l.backward(); opt.step()
    with torch.no_grad(): model.eval(); model(Xv)   # the driver evaluates every epoch (no randomness)
model.eval()
with torch.no_grad():
    pred = model(Xv).numpy()
    lin = [m for m in model.body if isinstance(m, torch.nn.Linear)]
def distinct_rows(w):
    return int(len(np.unique(np.round(w.detach().numpy(), 5), axis=0)))
out["ev_charging"] = dict(val_rmse=round(float(np.sqrt(np.mean((pred - yv) ** 2))), 4),
                          distinct_rows_layer1=distinct_rows(lin[0].weight), rows_layer1=int(lin[0].weight.shape[0]),
                          distinct_rows_layer2=distinct_rows(lin[1].weight), rows_layer2=int(lin[1].weight.shape[0]),
                          max_abs_row_spread_layer1=float((lin[0].weight - lin[0].weight[0]).abs().max()),
                          max_abs_row_spread_layer2=float((lin[1].weight - lin[1].weight[0]).abs().max()))
json.dump(out, open(f"{ROOT}/_driver/results/round7_a_diag.json", "w"), indent=1)
print(json.dumps(out, indent=1))
