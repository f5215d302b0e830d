import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math, os
R = ROOT + "/_driver/results"
ref = json.load(open(f"{R}/references.json"))
def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)

P = [
 dict(name="battery_fade", shape="function, 3-arg, Keras 3 (torch backend), returns (model, keras History.history: loss/rmse/val_loss/val_rmse)",
      status="faulty", metric="rmse", units="% capacity",
      fault="learning rate far too high: spec.toml line 11 `lr = 0.3` with SGD momentum 0.9 (used at code/fade_net.py line 30); loss is NaN from epoch 1",
      expected_symptoms=["nan_loss", "exploding_gradients"], expected_causes=["learning_rate_too_high"], repairable=True,
      twin_fix="[config] lr = 0.01 (everything else unchanged)", plain_note="val loss and predictions NaN from epoch 1 to 60"),
 dict(name="wine_cultivar", shape="function, 4-arg, PyTorch Lightning module + Callback calling monitor.log_epoch; returns the LightningModule",
      status="faulty", metric="accuracy", units="",
      fault="learning rate far too low: spec.toml line 11 `lr = 1e-5` (SGD, code/cultivar.py line 47); train loss moves 1.068 -> 1.066 in 40 epochs, accuracy stuck at 0.50",
      expected_symptoms=["underfitting", "slow_convergence"], expected_causes=["learning_rate_too_low"], repairable=True,
      twin_fix="[config] lr = 0.05"),
 dict(name="house_prices", shape="kind=torch, build_model(config, n_features) -> residual MLP (stem + 3 pre-LayerNorm residual blocks + LayerNorm head)",
      status="faulty", metric="rmse", units="USD",
      fault="target in raw dollars (~5e5) trained with MSE (spec.toml target sale_price_usd, loss = \"mse\" line 14); the network output (LayerNorm head) grows far too slowly, predictions stay near 0, grad norms 1e7",
      expected_symptoms=["underfitting", "slow_convergence", "exploding_gradients"], expected_causes=["unscaled_target"], repairable=True,
      twin_fix="standardize the target (train on (y-mean)/sd, answer back in USD); config unchanged",
      plain_note="measured with a standard built-in-style loop (Adam, MSE, shuffled mini-batches, raw CSV features, no scaling) since kind=torch has no user loop"),
 dict(name="wind_turbine", shape="function, 4-arg, plain torch loop, monitor.log_epoch(grad_norm=model)",
      status="faulty", metric="rmse", units="MW",
      fault="optimizer.zero_grad() missing in the batch loop (code/power_curve.py lines 42-49: forward, loss.backward(), opt.step() with no zero_grad) -> gradients accumulate, loss grows 460 -> 4e11 by epoch 3, inf at epoch 7, NaN from epoch 8",
      expected_symptoms=["nan_loss", "exploding_gradients", "oscillating_loss"], expected_causes=["training_loop_bug"], repairable=False,
      twin_fix="add opt.zero_grad() before the forward pass (one line)", plain_note="train/val loss inf at epoch 7, NaN from epoch 8 to 40; final predictions NaN",
      extra="best config-only attempts: lr=0.001, momentum=0, clip_grad_norm=1.0 -> val RMSE {wt1}; lr=1e-5, momentum=0 -> {wt2} (twin 0.090): config cannot repair it"),
 dict(name="handwritten_digits", shape="function, 2-arg (original signature, no config; constants in code), returns (model, pandas DataFrame history with epoch/train_loss/val_loss/metric/time_s/lr)",
      status="faulty", metric="accuracy", units="",
      fault="StepLR(step_size=5, gamma=0.5) meant per epoch but sched.step() is called every batch (code/digits_mlp.py line 52; scheduler defined line 37) -> lr 0.05 -> 2e-4 after epoch 1, ~1e-63 by epoch 25; training freezes",
      expected_symptoms=["underfitting", "slow_convergence"], expected_causes=["training_loop_bug"], repairable=False,
      twin_fix="move sched.step() out of the batch loop to once per epoch"),
 dict(name="tumour_biopsy", shape="function, 3-arg, torch MLP, returns (model, dict of lists with epoch/train_loss/val_loss/metric/grad_norm)",
      status="faulty", metric="accuracy", units="",
      fault="features and labels shuffled with two different permutations (code/biopsy_net.py lines 28-29) -> labels no longer match inputs; train loss falls (memorising noise) while val loss rises, val accuracy at/below majority (0.62)",
      expected_symptoms=["overfitting", "underfitting"], expected_causes=["label_corruption"], repairable=False,
      twin_fix="one permutation applied to both x_tr and y_tr",
      extra="config-only attempt (weight_decay=0.01, dropout=0.5, epochs=20) -> accuracy {tb1}: regularisation only hides the memorisation"),
 dict(name="building_energy", shape="function, 4-arg, scikit-learn MLPRegressor trained epoch by epoch with partial_fit inside the user's loop; returns the bare MLPRegressor",
      status="faulty", metric="rmse", units="kWh/day",
      fault="StandardScaler fitted and applied to training features (code/energy_model.py line 12) but validation features passed raw (line 14) -> val loss explodes while train loss converges",
      expected_symptoms=["overfitting"], expected_causes=["train_val_mismatch"], repairable=True,
      twin_fix="x_va = scaler.transform(...) and return make_pipeline(scaler, model)",
      extra="the tool's `standardize` data repair alone (features standardized with train statistics before the user's code sees them) gives {be1} with the code unchanged, hence repairable=true"),
 dict(name="solar_home", shape="function, 4-arg, Keras 3 (torch backend) with a keras Callback calling monitor.log_epoch; returns the keras Model",
      status="faulty", metric="rmse", units="kWh/day",
      fault="ReLU output activation on a target that is negative 57% of the time (spec.toml line 17 `output_activation = \"relu\"`, used at code/net_export.py line 37); the model can never predict net import, train loss plateaus at ~76",
      expected_symptoms=["underfitting", "dying_relu"], expected_causes=["output_range_mismatch"], repairable=True,
      twin_fix="[config] output_activation = \"linear\""),
 dict(name="concrete_strength", shape="kind=sklearn, build_estimator(config) -> bare MLPRegressor (has partial_fit and warm_start)",
      status="faulty", metric="rmse", units="MPa",
      fault="far too few epochs: spec.toml line 14 `epochs = 4` -> max_iter=4 (code/strength.py line 13); ConvergenceWarning, model barely better than the constant",
      expected_symptoms=["underfitting", "slow_convergence"], expected_causes=["insufficient_training"], repairable=True,
      twin_fix="[config] epochs = 400 (MLP stops by tol at iteration 260, no ConvergenceWarning)"),
 dict(name="gas_heating", shape="kind=mle, smooth heating-degree-day regression with normal errors (5 params incl. sigma)",
      status="faulty", metric="rmse", units="kWh/day",
      fault="data/train.csv has 9 non-finite rows (6 empty outdoor_temp_C at file lines 5,32,273,438,481,494; 3 `inf` gas_kWh at lines 247,361,384) -> NLL is NaN at the initial point, L-BFGS-B stops ABNORMAL at iteration 0, parameters stay at their inits",
      expected_symptoms=["invalid_data", "nan_loss"], expected_causes=["invalid_data"], repairable=True,
      twin_fix="drop the 9 non-finite rows (drop_non_finite_rows); code unchanged"),
 dict(name="oral_pk", shape="kind=mle, one-compartment oral-absorption PK model, log-normal errors",
      status="faulty", metric="rmse", units="mg/L",
      fault="F (bioavailability) and V (volume) enter only as F/V (code/one_compartment.py line 26; PARAMS lines 14-15) -> not separately identifiable: Hessian smallest eigenvalue ~1e-7, condition number ~2.6e12, SE(V)=2609 L. Predictions (and val RMSE) are fine; the fault is the singular information matrix and meaningless F, V estimates",
      expected_symptoms=["singular_matrix"], expected_causes=["non_identifiable"], repairable=False,
      twin_fix="estimate the identifiable combination V/F as one parameter (drop F); condition number drops to ~7e5 (raw-unit scaling), SE(V/F)=1.35 L",
      extra="plain and twin val RMSE are equal by construction; only the Hessian differs"),
 dict(name="crop_yield", shape="kind=torch, build_model(config, n_features) -> 4 x 512 ReLU MLP (depth/width/dropout from config)",
      status="faulty", metric="rmse", units="t/ha",
      fault="huge unregularised network on 60 training rows (spec.toml lines 17-21: hidden_units=512, n_layers=4, dropout=0, weight_decay=0, epochs=400 full-batch) -> train MSE < 0.01 vs val MSE ~1.6; val RMSE best at epoch ~125 then worse; final model worse than a linear reference",
      expected_symptoms=["overfitting"], expected_causes=["insufficient_regularization"], repairable=True,
      twin_fix="[config] hidden_units=16, weight_decay=0.01, lr=0.003 (epochs 400, n_layers 4 unchanged)",
      plain_note="measured with the same standard loop as house_prices (Adam, MSE, batch_size from config)"),
 dict(name="yeast_growth", shape="kind=mle, logistic-growth ODE integrated with scipy solve_ivp (LSODA, one state per culture), Q10 temperature law, log-normal errors",
      status="healthy", metric="rmse", units="g/L", fault="none", expected_symptoms=[], expected_causes=[], repairable=True,
      twin_fix="none (healthy); L-BFGS-B converges in 27 iterations, estimates r25=0.321, Q10=2.12, K=9.44 (truth 0.32, 2.1, 9.5), Hessian cond ~2.8e3"),
 dict(name="bearing_condition", shape="function, 2-arg, Keras 3 (torch backend), returns (model, History.history with loss/accuracy/val_loss/val_accuracy)",
      status="healthy", metric="accuracy", units="", fault="none", expected_symptoms=[], expected_causes=[], repairable=True,
      twin_fix="none (healthy); val loss flattens 0.088 -> 0.085 over the last 6 of 25 epochs"),
 dict(name="telecom_churn", shape="kind=sklearn, build_estimator(config) -> Pipeline(StandardScaler, SGDClassifier(log_loss, adaptive lr))",
      status="healthy", metric="accuracy", units="", fault="none", expected_symptoms=[], expected_causes=[], repairable=True,
      twin_fix="none (healthy); SGD converges by tol in 50 of 200 allowed epochs, no ConvergenceWarning; Bayes-limited (logistic ref 0.84)"),
 dict(name="projectile_range", shape="function, 3-arg, torch MLP with internal feature/target scaling and ReduceLROnPlateau per epoch, returns (model, pandas DataFrame history)",
      status="healthy", metric="rmse", units="m", fault="none", expected_symptoms=[], expected_causes=[], repairable=True,
      twin_fix="none (healthy); val RMSE 2.84 at epoch 121 -> 2.82 at epoch 200 (plateau); lr floor 1e-5 reached"),
]
def load_extra(name, tag):
    return round(json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"], 4)
fmt = dict(wt1=load_extra("wind_turbine", "extra_cfg"), wt2=load_extra("wind_turbine", "extra_cfg2"),
           tb1=load_extra("tumour_biopsy", "extra_cfg"), be1=load_extra("building_energy", "extra_standardize"))
rows = []
for p in P:
    name = p["name"]; healthy = p["status"] == "healthy"
    plain = m(name, "plain"); twin = plain if healthy else m(name, "twin")
    t = {"status": p["status"], "fault": p["fault"], "expected_symptoms": p["expected_symptoms"],
         "expected_causes": p["expected_causes"], "repairable": p["repairable"] if not healthy else None,
         "metric": p["metric"], "plain_metric": plain, "twin_metric": twin, "twin_fix": p["twin_fix"]}
    if healthy: t.pop("repairable"); t["repairable"] = None
    if "plain_note" in p: t["plain_note"] = p["plain_note"]
    if "extra" in p: t["notes"] = p["extra"].format(**fmt)
    t["references"] = {k: round(v, 4) for k, v in ref[name].items()}
    t["shape"] = p["shape"]
    if p["units"]: t["target_units"] = p["units"]
    json.dump(t, open(f"{ROOT}/{name}/truth.json", "w"), indent=1)
    rows.append((p, t))
json.dump([dict(name=p["name"], **t) for p, t in rows], open(f"{R}/summary.json", "w"), indent=1)
print("ok", len(rows))
