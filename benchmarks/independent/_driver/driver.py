"""Plain driver used to measure plain/twin metrics of the held-out programs.

Usage: driver.py PROGDIR [--code FILE] [--set key=json ...] [--train CSV] [--drop-nonfinite]
       [--standardize] [--standardize-target] [--seed N] [--json OUT]
It emulates what a plain (unsupervised) run does: function mode -> call the user's function;
kind=torch -> a standard loop; kind=sklearn -> fit; kind=mle -> scipy L-BFGS-B + finite-diff Hessian.
"""
import os, sys, json, time, math, argparse, inspect, importlib.util, warnings, tomllib
os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np, pandas as pd

ap = argparse.ArgumentParser()
ap.add_argument("prog")
ap.add_argument("--code")
ap.add_argument("--set", action="append", default=[])
ap.add_argument("--train")
ap.add_argument("--val")
ap.add_argument("--drop-nonfinite", action="store_true")
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--json")
ap.add_argument("--quiet", action="store_true")
ap.add_argument("--standardize-target", action="store_true")
ap.add_argument("--full-history", action="store_true")   # round 2: keep every epoch in the result json
a = ap.parse_args()

np.random.seed(a.seed)

prog = os.path.abspath(a.prog)
spec = tomllib.load(open(os.path.join(prog, "spec.toml"), "rb"))
kind = spec["model"].get("kind", "function")
metric = spec["model"].get("metric", "rmse")
ep = spec["model"]["entrypoint"]
if ":" in ep:
    f, fn = ep.split(":")
else:
    f, fn = ep, None
codefile = a.code or os.path.join(prog, f)
# torch only where the program trains with it (or through Keras/Lightning on it): a plain run of a scikit-learn or
# likelihood program imports what that program imports, so that its time is a fair baseline
_src = open(codefile).read() if os.path.exists(codefile) else ""
if kind == "torch" or any(w in _src for w in ("torch", "keras", "lightning")):
    import torch
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
else:
    torch = None
config = dict(spec.get("config", {}))
for s in a.set:
    k, v = s.split("=", 1)
    config[k] = json.loads(v)
target = spec["data"]["target"]
tr = pd.read_csv(a.train or os.path.join(prog, spec["data"]["train"]))
va = pd.read_csv(a.val or os.path.join(prog, spec["data"]["val"]))
if a.drop_nonfinite:
    num = tr.select_dtypes("number")
    tr = tr[np.isfinite(num).all(axis=1)].reset_index(drop=True)

sys.path.insert(0, os.path.dirname(codefile))
specm = importlib.util.spec_from_file_location("usercode", codefile)
mod = importlib.util.module_from_spec(specm); specm.loader.exec_module(mod)

feats = [c for c in tr.columns if c != target]
Xva = va[feats].to_numpy(np.float32); yva = va[target].to_numpy()
# function mode only (round 2): --standardize-target hands the user's code (y-mean)/sd on both splits and maps its
# predictions back to target units before scoring; kind=torch keeps its own handling in the standard loop below
fy_mu, fy_sd = 0.0, 1.0
if a.standardize_target and kind == "function":
    fy_mu, fy_sd = float(tr[target].mean()), float(tr[target].std())
    tr = tr.copy(); va = va.copy()
    tr[target] = (tr[target] - fy_mu) / fy_sd; va[target] = (va[target] - fy_mu) / fy_sd

def score(pred):
    pred = np.asarray(pred)
    if metric == "accuracy":
        return float(np.mean(pred.astype(int) == yva.astype(int)))
    return float(np.sqrt(np.mean((pred.astype(float) - yva.astype(float)) ** 2)))

def predict_any(model, X):
    torch = sys.modules.get("torch")
    keras = sys.modules.get("keras")
    if torch is not None and isinstance(model, torch.nn.Module):
        model.eval()
        with torch.no_grad():
            out = model(torch.tensor(X, dtype=torch.float32)).cpu().numpy()
    elif keras is not None and isinstance(model, keras.Model):
        out = np.asarray(model.predict(X, verbose=0))
    else:
        out = np.asarray(model.predict(X))
    if out.ndim == 2 and out.shape[1] > 1:
        return out.argmax(1)
    out = out.reshape(-1)
    return out

class Monitor:
    def __init__(self):
        self.rows = []; self.should_stop = False
    def log_epoch(self, **kw):
        g = kw.get("grad_norm")
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(g, torch.nn.Module):
            sq = [p.grad.detach().pow(2).sum().item() for p in g.parameters() if p.grad is not None]
            kw["grad_norm"] = math.sqrt(sum(sq)) if sq else float("nan")
        self.rows.append({k: (float(v) if isinstance(v, (int, float, np.floating, np.integer)) or (torch is not None and torch.is_tensor(v)) else v) for k, v in kw.items()})

res = {"prog": os.path.basename(prog), "kind": kind, "config": config}
t0 = time.time()
if a.json:
    # a program whose plain run crashes still leaves a result file (round 2: greenhouse_climate)
    def _record_crash(tp, ex, tb, _prev=sys.excepthook):
        import traceback
        res.update(error=f"{tp.__name__}: {ex}", error_where=traceback.extract_tb(tb)[-1].filename.rsplit("/", 3)[-1] + ":" + str(traceback.extract_tb(tb)[-1].lineno),
                   val_metric=None, time_s=round(time.time() - t0, 2))
        json.dump(res, open(a.json, "w"), indent=1, default=str)
        _prev(tp, ex, tb)
    sys.excepthook = _record_crash
warn_list = []
with warnings.catch_warnings(record=True) as wl:
    warnings.simplefilter("always")
    if kind == "function":
        func = getattr(mod, fn)
        n = len(inspect.signature(func).parameters)
        hist = None
        if n >= 4:
            mon = Monitor(); model = func(tr, va, config, mon); hist = pd.DataFrame(mon.rows)
        elif n == 3:
            model, hist = func(tr, va, config)
        else:
            model, hist = func(tr, va)
        hist = pd.DataFrame(hist) if hist is not None else None
        res["history_tail"] = hist.tail(3).to_dict("list") if hist is not None else None
        res["history_head"] = hist.head(3).to_dict("list") if hist is not None else None
        res["n_epochs_logged"] = 0 if hist is None else len(hist)
        pred = predict_any(model, Xva)
        if a.standardize_target:
            pred = np.asarray(pred, dtype=float) * fy_sd + fy_mu
    elif kind == "torch":
        import torch.nn as nn
        Xtr = torch.tensor(tr[feats].to_numpy(np.float32)); 
        cls = metric == "accuracy"
        ytr = torch.tensor(tr[target].to_numpy(np.int64 if cls else np.float32))
        ymu, ysd = 0.0, 1.0
        if a.standardize_target and not cls:
            ymu, ysd = float(ytr.mean()), float(ytr.std())
            ytr = (ytr - ymu) / ysd
        model = getattr(mod, fn)(config, len(feats))
        opt_name = config.get("optimizer", "adam").lower()
        lr = config.get("lr", 1e-3); wd = config.get("weight_decay", 0.0)
        if opt_name == "sgd":
            opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=config.get("momentum", 0.0), weight_decay=wd)
        elif opt_name == "adamw":
            opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
        else:
            opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=wd)
        lossf = nn.CrossEntropyLoss() if cls else nn.MSELoss()
        bs = config.get("batch_size", 32); E = config.get("epochs", 50)
        rows = []
        Xv = torch.tensor(Xva)
        yv = torch.tensor(yva.astype(np.int64 if cls else np.float32))
        if not cls: yv = (yv - ymu) / ysd
        for e in range(E):
            model.train(); perm = torch.randperm(len(Xtr)); tl = 0; gn = 0
            for i in range(0, len(Xtr), bs):
                idx = perm[i:i+bs]
                opt.zero_grad()
                out = model(Xtr[idx]); out = out if cls else out.reshape(-1)
                l = lossf(out, ytr[idx]); l.backward()
                gn = math.sqrt(sum(p.grad.pow(2).sum().item() for p in model.parameters() if p.grad is not None))
                if config.get("clip_grad_norm"):
                    torch.nn.utils.clip_grad_norm_(model.parameters(), config["clip_grad_norm"])
                opt.step(); tl += l.item() * len(idx)
            model.eval()
            with torch.no_grad():
                ov = model(Xv); ov = ov if cls else ov.reshape(-1)
                vl = lossf(ov, yv).item()
                m = score(ov.argmax(1).numpy() if cls else ov.numpy() * ysd + ymu)
            rows.append(dict(epoch=e+1, train_loss=tl/len(Xtr), val_loss=vl, metric=m, grad_norm=gn))
        hist = pd.DataFrame(rows)
        res["history_head"] = hist.head(3).to_dict("list"); res["history_tail"] = hist.tail(3).to_dict("list")
        res["best_epoch"] = int(hist["metric"].idxmax() if cls else hist["metric"].idxmin()) + 1
        res["best_metric"] = float(hist["metric"].max() if cls else hist["metric"].min())
        pred = predict_any(model, Xva)
        if not cls: pred = pred * ysd + ymu
    elif kind == "sklearn":
        est = getattr(mod, fn)(config)
        est.fit(tr[feats].to_numpy(np.float64), tr[target].to_numpy())
        pred = est.predict(Xva.astype(np.float64))
        res["train_metric"] = None
    elif kind == "mle":
        from scipy.optimize import minimize
        P = mod.PARAMS
        x0 = np.array([p["init"] for p in P], float)
        bounds = [(p.get("lower"), p.get("upper")) for p in P]
        nll = lambda th: mod.negative_log_likelihood(th, tr)
        res["nll_init"] = float(nll(x0))
        r = minimize(nll, x0, method="L-BFGS-B", bounds=bounds)
        th = r.x
        res.update(opt_success=bool(r.success), opt_message=str(r.message), nit=int(r.nit), nll=float(r.fun),
                   theta={p["name"]: float(v) for p, v in zip(P, th)})
        # finite-difference Hessian
        k = len(th); H = np.zeros((k, k)); h = 1e-4 * np.maximum(np.abs(th), 1e-2)
        f0 = nll(th)
        for i in range(k):
            for j in range(i, k):
                ei = np.zeros(k); ej = np.zeros(k); ei[i] = h[i]; ej[j] = h[j]
                H[i, j] = H[j, i] = (nll(th+ei+ej) - nll(th+ei-ej) - nll(th-ei+ej) + nll(th-ei-ej)) / (4*h[i]*h[j])
        try:
            ev = np.linalg.eigvalsh(H); res["hess_eig"] = ev.tolist()
            res["cond"] = float(abs(ev).max() / max(abs(ev).min(), 1e-300))
            res["se"] = np.sqrt(np.abs(np.diag(np.linalg.pinv(H)))).tolist()
        except Exception as ex:
            res["hess_error"] = repr(ex)
        pred = mod.predict(th, va)
if a.full_history and "hist" in dir() and hist is not None and kind in ("function", "torch"):
    res["history"] = pd.DataFrame(hist).to_dict("list")
res["warnings"] = sorted({f"{w.category.__name__}: {str(w.message)[:120]}" for w in wl if w.category.__name__ in ("ConvergenceWarning", "RuntimeWarning", "OptimizeWarning")})
res["time_s"] = round(time.time() - t0, 2)
pred = np.asarray(pred)
res["pred_finite"] = bool(np.all(np.isfinite(pred.astype(float))))
res["metric_name"] = metric
res["val_metric"] = score(pred)
if metric != "accuracy":
    res["val_pred_std"] = float(np.nanstd(pred.astype(float)))
    res["constant_rmse"] = float(np.sqrt(np.mean((yva - (tr[target] * fy_sd + fy_mu).replace([np.inf, -np.inf], np.nan).mean()) ** 2)))
else:
    res["majority_acc"] = float(np.mean(yva == tr[target].mode()[0]))
if not a.quiet:
    print(json.dumps(res, indent=1, default=str))
if a.json:
    json.dump(res, open(a.json, "w"), indent=1, default=str)
