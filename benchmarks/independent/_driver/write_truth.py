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

# ---------------------------------------------------------------- round 2 (truth.json carries "round": 2)
P2 = [
 dict(name="river_discharge", shape="function, 4-arg, torch GRU over 7 daily lags (rain, discharge) + linear skip path, monitor.log_epoch(grad_norm=model); returns the nn.Module (input scaling inside)",
      status="faulty", metric="rmse", units="m3/s",
      fault="sigmoid on the output of a regression network whose target is raw discharge (10-212 m3/s): code/discharge_gru.py line 19 `self.out = nn.Sigmoid()`, applied at line 28 -> predictions can never exceed 1 m3/s; the model outputs ~1.0 for every day (val prediction sd 5e-5), train MSE flat at ~3410 from epoch 3, grad norm decays from 32 to 0.06 as the sigmoid saturates",
      expected_symptoms=["underfitting", "constant_output", "vanishing_gradients"], expected_causes=["output_range_mismatch", "saturating_activation"], repairable=False,
      twin_fix="code: drop the sigmoid and answer in m3/s (linear head, output x train sd + train mean; 4 lines in _twins/river_discharge/discharge_gru.py)",
      extra="the tool's standardize_target data repair alone (sigmoid kept) -> val RMSE {rd_std} m3/s (constant {rd_const}): output no longer constant but hardly better than the mean; lr=0.05, epochs=80 -> {rd_cfg}. The twin ({rd_twin}) is itself ~30% worse than the linear reference on lagged discharge ({rd_lin})"),
 dict(name="postcode_digits", shape="function, 3-arg, torch Conv2d net on 8x8 digit images (2 conv + max-pool + 2 dense), SGD momentum; returns (model, dict of lists with epoch/train_loss/val_loss/metric/grad_norm/time_s)",
      status="faulty", metric="accuracy", units="",
      fault="nn.Softmax(dim=1) as the network's last layer (code/digit_cnn.py line 25) feeding nn.CrossEntropyLoss (line 39), which applies log-softmax itself -> probabilities squashed twice, gradients tiny (batch grad norm 0.017 in epochs 1-6), loss stuck at ln 10 = 2.30 for 12 of 15 epochs, val accuracy 0.70",
      expected_symptoms=["underfitting", "slow_convergence", "vanishing_gradients"], expected_causes=["loss_mismatch"], repairable=False,
      twin_fix="code: remove the nn.Softmax layer (CrossEntropyLoss gets logits); argmax predictions unchanged",
      extra="config-only attempts: epochs=60 -> accuracy {pd_cfg} (the loss finally moves, but still below the logistic reference {pd_lin} and the twin); lr=0.5 -> {pd_cfg2}"),
 dict(name="fish_market", shape="function, 3-arg, Keras 3 (torch backend) Sequential with a Normalization layer, returns (model, History.history: loss/rmse/val_loss/val_rmse)",
      status="faulty", metric="rmse", units="kg",
      fault="training target cast to int32 (code/fish_weight.py line 14: `.astype(\"int32\")`) -> weights 0.02-3.4 kg truncated to whole kilograms: 70% of training fish become 0 kg, the rest 1/2/3 kg; the net fits the truncated labels (train RMSE 0.17) while val RMSE against the true weights stays 0.39-0.51",
      expected_symptoms=["overfitting", "underfitting"], expected_causes=["label_corruption"], repairable=False,
      twin_fix="code: `.astype(\"float32\")` for the training target (line 14)"),
 dict(name="greenhouse_climate", shape="kind=torch, build_model(config, n_features) -> MLP with BatchNorm1d after each hidden Linear",
      status="faulty", metric="rmse", units="degC",
      fault="batch_size = 1 (spec.toml line 15) with BatchNorm1d layers (code/climate_net.py lines 8-9) -> the first training batch raises `ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 32])`; no epoch completes",
      expected_symptoms=["training_error"], expected_causes=["code_error"], repairable=True,
      twin_fix="[config] batch_size = 32 (everything else unchanged)",
      plain_note="crashes at the first batch (ValueError from torch batch_norm); measured with the driver's standard loop (Adam, MSE, shuffled mini-batches, raw CSV features) since kind=torch has no user loop",
      extra="the twin's val RMSE fluctuates (best 0.765 at epoch 53, last {gh_twin}); 600 training rows, so no last batch of size 1 at batch_size 32"),
 dict(name="dairy_milk", shape="kind=sklearn, build_estimator(config) -> bare SVR (RBF kernel, gamma='scale', C and epsilon from config)",
      status="faulty", metric="rmse", units="kg/day",
      fault="features on very different scales fed raw to an RBF SVR (code/milk_svr.py lines 6-7; no scaler) -> feed_intake_g ~21000 +- 2500 while lactation_week, parity and thi are 1-85; gamma='scale' (spec.toml line 15) = 1/(n_features * Var(X)) is set by the grams column, so the kernel sees almost only feed intake and the lactation curve is lost; val RMSE about the constant's",
      expected_symptoms=["underfitting"], expected_causes=["unscaled_features"], repairable=True,
      twin_fix="standardize the features with train mean/sd (the tool's `standardize` data repair); code and config unchanged",
      extra="config-only attempt C=1000 -> {dm_cfg}: less regularisation does not help"),
 dict(name="clinic_visits", shape="kind=mle, Poisson log-linear regression of daily counts (5 params), NLL with gammaln",
      status="faulty", metric="rmse", units="visits/day",
      fault="temp_F = 1.8 * temp_C + 32 exactly, and both enter the linear predictor with their own coefficients (code/visit_counts.py PARAMS lines 12-13, used at line 21) -> intercept, b_temp_C and b_temp_F are not separately identifiable: Hessian smallest eigenvalue ~0 (-3e-5), condition number 7.3e11, SE(intercept) = 173, SE(b_temp_F) = 5.4. L-BFGS-B reports convergence and predictions (val RMSE) are fine; the fault is the singular information matrix and meaningless temperature coefficients",
      expected_symptoms=["singular_matrix"], expected_causes=["non_identifiable"], repairable=False,
      twin_fix="code: drop b_temp_F (and the temp_F term); condition number 938, SE(b_temp_C) = 0.002",
      extra="plain and twin val RMSE equal; the model is better than the references either way. A ridge penalty would make the Hessian invertible without making the temperature coefficients meaningful"),
 dict(name="air_quality", shape="kind=sklearn, build_estimator(config) -> RandomForestRegressor (200 trees)",
      status="faulty", metric="rmse", units="ppb",
      fault="air_temp is in degC in data/train.csv (-8 to 30) but in degF in data/val.csv (18 to 86, the second station's logger); NO2 depends strongly on cold-air inversions, so every validation hour looks warm to the forest -> train RMSE 1.9 vs val RMSE 13.1 (constant 15.0)",
      expected_symptoms=["overfitting", "invalid_data"], expected_causes=["train_val_mismatch", "invalid_data"], repairable=False,
      twin_fix="data: convert val air_temp to degC ((F - 32) * 5/9); code and config unchanged",
      extra="config-only attempts: max_depth=3 -> {aq_cfg} (train RMSE 6.4), min_samples_leaf=50 -> {aq_cfg2} (train RMSE 6.8): the train/val gap halves but validation stays bad, a suppressed symptom. The references are fitted on the same mismatched split (linear {aq_lin}, boosting {aq_gbm}), so the plain model is not worse than them; only the gap and the shifted air_temp distribution show the fault"),
 dict(name="vineyard_frost", shape="kind=torch, build_model(config, n_features) -> deep MLP (n_layers, hidden_units, activation from config), 2-logit output",
      status="faulty", metric="accuracy", units="",
      fault="8 sigmoid hidden layers (spec.toml lines 18-19: n_layers = 8, activation = \"sigmoid\"; code/frost_net.py lines 10-13) trained with SGD -> gradients vanish through the stacked sigmoids, train loss flat at 0.419 (the class-prior entropy) from epoch 2, the net predicts 'no frost' for every night (val accuracy 0.85 = majority)",
      expected_symptoms=["vanishing_gradients", "underfitting", "constant_output", "slow_convergence"], expected_causes=["saturating_activation"], repairable=True,
      twin_fix="[config] activation = \"relu\" (everything else unchanged)",
      plain_note="measured with the driver's standard loop (SGD momentum 0.9, cross-entropy, batch 32, raw CSV features)",
      extra="lr=0.1 -> {vf_cfg}; epochs=200 -> {vf_cfg2}; standardized features -> 0.85 (all still majority-only); n_layers=2 (sigmoid kept) -> {vf_cfg3}"),
 dict(name="soil_moisture", shape="function, 4-arg, torch 1-D CNN over 14 daily lags of rain and ET0 + yesterday's reading, internal feature/target scaling, monitor.log_epoch(grad_norm=model); returns the nn.Module",
      status="faulty", metric="rmse", units="% vol",
      fault="weight_decay = 2.0 (spec.toml line 17) passed to Adam as an L2 penalty (code/moisture_cnn.py line 46) -> all weights are driven to 0, the network outputs the training mean for every day (val prediction sd 0.0), train loss 0.999 of the target variance, val RMSE = the constant's",
      expected_symptoms=["constant_output", "underfitting"], expected_causes=["excessive_regularization"], repairable=True,
      twin_fix="[config] weight_decay = 0.0001",
      extra="weight_decay=0.1 -> {sm_cfg}: the output is no longer constant (prediction sd 3.7) but the model is ~2.8x worse than the linear reference ({sm_lin}) and the twin, a suppressed symptom"),
 dict(name="pump_vibration", shape="function, 4-arg, PyTorch Lightning module (class-weighted cross-entropy, 4 imbalanced classes) + Callback calling monitor.log_epoch; returns the LightningModule",
      status="faulty", metric="accuracy", units="",
      fault="lr = 0.3 with SGD momentum 0.9 (spec.toml lines 11-12; optimizer at code/pump_faults.py line 48) -> train loss 0.86 to 0.62 over 5 epochs, then jumps to 1.26-1.58 (val loss spikes to 7.1 at epoch 9) and the network collapses to the majority class (val accuracy 0.7225 = majority) for the last 20 epochs; afterwards all 32 second-layer ReLU units are dead (zero on every val row; 2 of 32 with lr 0.02)",
      expected_symptoms=["oscillating_loss", "constant_output", "underfitting", "dying_relu"], expected_causes=["learning_rate_too_high"], repairable=True,
      twin_fix="[config] lr = 0.02 (everything else unchanged)"),
 dict(name="led_lifetimes", shape="kind=mle, Weibull accelerated-life regression (log-scale linear in temperature, current, humidity; shape as log_k), predicts mean life",
      status="healthy", metric="rmse", units="thousand hours", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); L-BFGS-B converges in 17 iterations, k = exp(0.795) = 2.21 (truth 2.3), -0.317 per 10 C (truth -0.32), Hessian cond ~98; the RMSE is dominated by Weibull scatter"),
 dict(name="ski_visitors", shape="kind=sklearn, build_estimator(config) -> GradientBoostingRegressor (epochs = n_estimators 400, lr 0.1, depth 3, subsample 0.8)",
      status="healthy", metric="rmse", units="visitors/day", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); staged val RMSE 266.9 (200 trees), 265.8 (250), 264.0 (400): plateau"),
 dict(name="tidal_level", shape="function, 4-arg, torch LSTM over 12 hourly levels + linear autoregressive path, predicts the hour-on-hour change, cosine lr schedule, monitor.log_epoch(grad_norm=model); returns the nn.Module",
      status="healthy", metric="rmse", units="m", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); val RMSE 0.0714 at epoch 21, 0.0679 at epoch 50 (flattening as the cosine schedule anneals lr to ~0)"),
 dict(name="mammography", shape="kind=torch, build_model(config, n_features) -> BatchNorm1d on the raw inputs + one hidden ReLU layer with dropout, 2 logits",
      status="healthy", metric="accuracy", units="", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); raw features span 1e-3..4e3 but the input BatchNorm handles it; val loss 0.69 -> 0.12, within 0.117-0.133 over the last 20 of 60 epochs",
      plain_note="measured with the driver's standard loop (Adam, cross-entropy, raw CSV features)"),
]
# ---------------------------------------------------------------- round 3 (truth.json carries "round": 3)
P3 = [
 dict(name="seed_varieties", shape="function, 3-arg, custom torch nn.Module (standardisation buffers + 2-hidden-layer MLP), 3 classes; returns (model, history as a list of dicts with epoch/train_loss/val_loss/metric)",
      status="faulty", metric="accuracy", units="",
      fault="class labels are 1, 2, 3 (data/train.csv column variety) but the output layer is sized with n_classes = len(np.unique(y_tr)) = 3 (code/kernel_net.py line 32) and fed to nn.CrossEntropyLoss (line 35), which expects labels 0..n_classes-1 -> the first batch holding a 3 raises `IndexError: Target 3 is out of bounds.`; no epoch completes",
      expected_symptoms=["training_error"], expected_causes=["code_error", "loss_mismatch"], repairable=False,
      twin_fix="code: n_classes = int(y_tr.max()) + 1 (an unused logit for 0; argmax then returns the variety codes 1-3 directly)",
      plain_note="crashes in the first batch (IndexError from torch cross_entropy); plain_metric null"),
 dict(name="bakery_sales", shape="function, 4-arg, torch nn.Module with an nn.Embedding over the integer store_id column + 2-layer MLP body + linear head, internal feature/target scaling; monitor.log_epoch(train_loss, val_loss) only (no metric, no grad_norm); returns the nn.Module",
      status="faulty", metric="rmse", units="loaves/day",
      fault="the hidden representation is cached with `.detach()` for plotting and the head is applied to the detached copy (code/sales_net.py lines 29-30: `self.last_features = h.detach()`, `return self.head(self.last_features)`) -> no gradient reaches the body or the store embedding; only the linear head trains on random features; train loss only falls to 0.66 of the target variance (twin 0.02), the store effect (60-400 loaves/day) is never learned",
      expected_symptoms=["underfitting", "vanishing_gradients", "slow_convergence"], expected_causes=["code_error", "training_loop_bug"], repairable=False,
      twin_fix="code: `return self.head(h)` (line 30; the detached copy is still stored for plots)",
      extra="config-only attempts: epochs=120 -> {bs_ep}; hidden_units=128 -> {bs_h} (more random features, still ~3x the twin and the boosting reference {bs_gbm}): no config reaches the twin"),
 dict(name="wheat_protein", shape="kind=torch, build_model(config, n_features) -> 1-D CNN over a 64-band NIR spectrum (spectrum + first difference as 2 channels, 2 conv/pool blocks, dense head), output = protein_mean + protein_scale * head; init scheme from config",
      status="faulty", metric="rmse", units="% protein",
      fault="init = \"zeros\" (spec.toml line 19; code/spectra_cnn.py lines 34-35 zero every conv and linear weight) -> every hidden activation is 0, so every weight gradient is 0 and only the output bias learns: the network predicts the training mean for every sample (val prediction sd 0.0), train loss flat at 3.01 (the target variance) for all 60 epochs",
      expected_symptoms=["constant_output", "underfitting", "vanishing_gradients"], expected_causes=["bad_initialization"], repairable=True,
      twin_fix="[config] init = \"default\" (PyTorch's default initialisation; everything else unchanged)",
      plain_note="measured with the driver's standard loop (Adam, MSE, batch 32, raw CSV features)",
      extra="init=\"kaiming\" -> {wp_k}; lr=0.02 with epochs=150 (zeros kept) -> {wp_cfg} (still constant)"),
 dict(name="orchard_yield", shape="kind=sklearn, build_estimator(config) -> Pipeline(StandardScaler, KNeighborsRegressor(distance-weighted))",
      status="faulty", metric="rmse", units="kg/tree",
      fault="canopy_volume_m3 holds the sentinel -999 where the lidar scan is missing (102 of 800 train rows, 29 of 300 val rows); the pipeline's StandardScaler (code/yield_knn.py line 8) then sees sd 343 instead of 15 m3, so real canopy differences (the strongest yield driver) shrink to ~0.05 sd and the neighbours are chosen almost without them",
      expected_symptoms=["invalid_data", "underfitting"], expected_causes=["invalid_data"], repairable=False,
      twin_fix="code: SimpleImputer(missing_values=-999, strategy=\"median\", add_indicator=True) before the scaler",
      extra="n_neighbors=25 -> {oy_cfg}; the values are finite, so drop_non_finite_rows does nothing, and the tool's standardize repair uses the same polluted mean/sd as the pipeline's scaler"),
 dict(name="cattle_weight", shape="function, 3-arg, Keras 3 (torch backend) functional API (Input -> Normalization -> 2 Dense + Concatenate skip -> Dense), a second functional Model with a Rescaling output in kg is returned; returns (model, History.history: loss/val_loss)",
      status="faulty", metric="rmse", units="kg",
      fault="6 of 750 training animals have live_weight_kg recorded in grams (data/train.csv lines 341, 461, 496, 642, 654, 675: 293000-416800 instead of 293-417 kg; one weighbridge misconfigured) -> train mean 3333 kg, sd 32986 kg; the target standardisation (code/weight_net.py line 27) is set by those rows and the MSE fit chases them: val RMSE thousands of kg, worse than the constant",
      expected_symptoms=["invalid_data", "underfitting", "overfitting"], expected_causes=["invalid_data", "label_corruption"], repairable=False,
      twin_fix="data: drop the 6 rows recorded in grams (or divide them by 1000); code and config unchanged",
      extra="loss=\"mae\" -> {cw_mae} kg: robust loss, still ~25x the twin (the target scaling is still set by the gram rows), a suppressed symptom. The references are fitted on the same polluted train split (constant {cw_const}, linear {cw_lin}, boosting {cw_gbm}): the plain model is worse than the constant and the linear reference but not than boosting; on the cleaned split they are constant 81.7, linear 16.8, boosting 19.2 kg"),
 dict(name="enzyme_kinetics", shape="kind=mle, competitive-inhibition Michaelis-Menten law (Vmax, Km, Ki) with normal errors, sigma as a free parameter",
      status="faulty", metric="rmse", units="umol/min/mg",
      fault="sigma has no lower bound in PARAMS (code/inhibition.py line 8, init 10 where the residual sd is ~0.24) and the NLL takes np.log(sigma) (line 23) -> L-BFGS-B's first trial step makes sigma negative, the NLL is NaN (RuntimeWarning: invalid value encountered in log), the optimiser stops ABNORMAL at iteration 0 and the parameters stay at their inits",
      expected_symptoms=["nan_loss", "underfitting"], expected_causes=["parameter_scaling", "bad_initialization", "numerical_overflow"], repairable=True,
      twin_fix="code: \"lower\": 1e-6 on sigma (line 8); converges in 22 iterations, Vmax 11.48, Km 8.04, Ki 11.48, sigma 0.238 (truth 11.5, 8.2, 12.0, 0.25)",
      extra="estimating log(sigma) instead (what the contract's log-transform repair does, _twins/enzyme_kinetics/inhibition_logsigma.py) -> {ek_log}, the twin's fit; sigma init 1.0 happens to converge, 0.5 and 3.0 fail the same way"),
 dict(name="heat_pump", shape="function, 4-arg, PyTorch Lightning regression module (MLP with n_layers/hidden_units/activation from config, internal scaling) + Callback calling monitor.log_epoch(train_loss, val_loss, metric); returns the LightningModule",
      status="faulty", metric="rmse", units="COP",
      fault="hidden_units = 1 with n_layers = 2 and ReLU (spec.toml lines 14-16) -> a 1-unit bottleneck: the single ReLU unit dies by epoch 3 and the model outputs the training mean for every row (val prediction sd 0.0, val RMSE = constant) for the remaining 38 epochs; with another seed it survives but stays at ~2x the twin",
      expected_symptoms=["constant_output", "dying_relu", "underfitting"], expected_causes=["insufficient_capacity"], repairable=True,
      twin_fix="[config] hidden_units = 32 (everything else unchanged)",
      extra="activation=\"tanh\" (1 unit kept) -> {hp_tanh}: no longer constant but ~1.8x the twin and the boosting reference {hp_gbm}, a suppressed symptom; lr=0.001 -> {hp_lr} (the unit still dies); seed=1 -> {hp_seed} (the unit survives, still capacity-bound)"),
 dict(name="activity_tracker", shape="function, 4-arg, plain torch MLP (standardisation folded into a frozen first Linear), SGD momentum, lr schedule from config, monitor.log_epoch(train_loss, val_loss, metric, grad_norm, lr); 4 classes; returns the nn.Sequential",
      status="faulty", metric="accuracy", units="",
      fault="lr_schedule = \"step\" with lr_step = 1 and lr_gamma = 0.1 (spec.toml lines 17-19; StepLR at code/activity_mlp.py line 11) -> the learning rate is divided by 10 every epoch: 0.01, 0.001, 1e-4, ... 1e-31 by epoch 30; training freezes within 4 epochs at val accuracy 0.68 (train loss 0.95 flat from epoch 4)",
      expected_symptoms=["underfitting", "slow_convergence"], expected_causes=["learning_rate_too_low", "insufficient_training"], repairable=True,
      twin_fix="[config] lr_schedule = \"none\" (constant lr 0.01)",
      extra="lr_gamma=0.5 -> {at_g}: halfway, frozen after ~10 epochs; epochs=100 -> {at_ep} (more epochs at lr 1e-31 change nothing); lr=0.1 -> {at_lr} (a 10x larger start compensates for the schedule)"),
 dict(name="water_demand", shape="kind=sklearn, build_estimator(config) -> bare SGDRegressor (squared error, invscaling lr, eta0 and max_iter from config)",
      status="faulty", metric="rmse", units="ML/day",
      fault="raw features fed to plain SGD (code/demand_sgd.py lines 5-13; no scaler) with population 24,300-123,420 beside temperatures and 0/1 weekend -> with eta0 = 0.01 (spec.toml line 11) every update overshoots, the coefficients blow up and predictions reach ~1e17 ML/day (finite, no exception, no ConvergenceWarning)",
      expected_symptoms=["exploding_gradients", "nan_loss", "training_error"], expected_causes=["unscaled_features", "learning_rate_too_high"], repairable=True,
      twin_fix="standardize the features with train mean/sd (the tool's `standardize` data repair); code and config unchanged",
      extra="lr=1e-8 -> {wd_8}: still diverges; lr=1e-12 -> {wd_12}: finite and sensible but ~30% worse than the twin and the linear reference ({wd_lin}), a suppressed symptom"),
 dict(name="coffee_roast", shape="kind=sklearn, build_estimator(config) -> HistGradientBoostingClassifier (epochs = max_iter 150, lr 0.05, no early stopping), 3 classes",
      status="healthy", metric="accuracy", units="", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); classes set by latent roast development with small label noise; the origin column shifts bean colour non-monotonically"),
 dict(name="moth_traps", shape="kind=mle, negative-binomial log-link regression of nightly counts (5 coefficients + log_r dispersion with bounds), NLL with gammaln",
      status="healthy", metric="rmse", units="moths/trap/night", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); L-BFGS-B converges in 25 iterations, b_temp 0.130, b_wind -0.201, b_moon -0.560, b_orchard 0.732, r = exp(0.83) = 2.30 (truth 0.11, -0.18, -0.6, 0.8, 2.5), Hessian cond ~4e2; the RMSE is dominated by negative-binomial scatter"),
 dict(name="courier_times", shape="kind=torch, build_model(config, n_features) -> nn.Embedding over the integer depot_id column (column 0 cast to long inside forward) + numeric inputs centred/scaled by fixed constants, 2-hidden-layer MLP, output = base_hours + MLP",
      status="healthy", metric="rmse", units="h", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); val RMSE 0.14 by epoch 4, within 0.128-0.149 over the last 30 of 40 epochs (noise floor ~0.12 h)",
      plain_note="measured with the driver's standard loop (Adam, MSE, batch 32, raw CSV features)"),
]
def load_extra(name, tag):
    return round(json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"], 4)
import sys
REWRITE_R1 = "--rewrite-round1" in sys.argv    # round-1 truth.json files are left untouched unless asked
fmt = dict(wt1=load_extra("wind_turbine", "extra_cfg"), wt2=load_extra("wind_turbine", "extra_cfg2"),
           tb1=load_extra("tumour_biopsy", "extra_cfg"), be1=load_extra("building_energy", "extra_standardize"))
fmt2 = dict(rd_std=load_extra("river_discharge", "extra_stdtarget"), rd_cfg=load_extra("river_discharge", "extra_cfg"),
            rd_twin=load_extra("river_discharge", "twin"), rd_const=round(ref["river_discharge"]["constant"], 2),
            rd_lin=round(ref["river_discharge"]["linear"], 3),
            pd_cfg=load_extra("postcode_digits", "extra_cfg"), pd_cfg2=load_extra("postcode_digits", "extra_cfg2"),
            pd_lin=round(ref["postcode_digits"]["linear"], 3), gh_twin=load_extra("greenhouse_climate", "twin"),
            dm_cfg=load_extra("dairy_milk", "extra_cfg"),
            aq_cfg=load_extra("air_quality", "extra_cfg"), aq_cfg2=load_extra("air_quality", "extra_cfg2"),
            aq_lin=round(ref["air_quality"]["linear"], 2), aq_gbm=round(ref["air_quality"]["boosting"], 2),
            vf_cfg=load_extra("vineyard_frost", "extra_cfg"), vf_cfg2=load_extra("vineyard_frost", "extra_cfg2"),
            vf_cfg3=load_extra("vineyard_frost", "extra_cfg3"),
            sm_cfg=load_extra("soil_moisture", "extra_cfg"), sm_lin=round(ref["soil_moisture"]["linear"], 4))
fmt3 = dict(bs_ep=load_extra("bakery_sales", "extra_cfg"), bs_h=load_extra("bakery_sales", "extra_cfg2"),
            bs_gbm=round(ref["bakery_sales"]["boosting"], 2),
            wp_k=load_extra("wheat_protein", "extra_cfg"), wp_cfg=load_extra("wheat_protein", "extra_cfg2"),
            oy_cfg=load_extra("orchard_yield", "extra_cfg"),
            cw_mae=load_extra("cattle_weight", "extra_cfg"), cw_const=round(ref["cattle_weight"]["constant"], 1),
            cw_lin=round(ref["cattle_weight"]["linear"], 1), cw_gbm=round(ref["cattle_weight"]["boosting"], 1),
            ek_log=load_extra("enzyme_kinetics", "extra_logsigma"),
            hp_tanh=load_extra("heat_pump", "extra_cfg"), hp_lr=load_extra("heat_pump", "extra_cfg2"),
            hp_seed=load_extra("heat_pump", "extra_cfg3"), hp_gbm=round(ref["heat_pump"]["boosting"], 4),
            at_g=load_extra("activity_tracker", "extra_cfg"), at_ep=load_extra("activity_tracker", "extra_cfg2"),
            at_lr=load_extra("activity_tracker", "extra_cfg3"),
            wd_8=load_extra("water_demand", "extra_cfg"), wd_12=load_extra("water_demand", "extra_cfg2"),
            wd_lin=round(ref["water_demand"]["linear"], 4))
rows = []
import round4  # noqa: E402 - round 4 keeps its entries beside its run scripts
from parts import joined  # noqa: E402 - rounds 5 to 17 keep theirs in three parts each
round4.check_extra()
P5, check5 = joined(5)
P6, check6 = joined(6)
P7, check7 = joined(7)
P8, check8 = joined(8)
P9, check9 = joined(9)
P10, check10 = joined(10)
P11, check11 = joined(11)
P12, check12 = joined(12)
P13, check13 = joined(13)
P14, check14 = joined(14)
P15, check15 = joined(15)
P16, check16 = joined(16)
P17, check17 = joined(17)
check5()
check6()
check7()
check8()
check9()
check10()
check11()
check12()
check13()
check14()
check15()
check16()
check17()
for rnd, PP, F in ((1, P, fmt), (2, P2, fmt2), (3, P3, fmt3), (4, round4.P4, {}), (5, P5, {}), (6, P6, {}), (7, P7, {}), (8, P8, {}), (9, P9, {}), (10, P10, {}), (11, P11, {}), (12, P12, {}), (13, P13, {}), (14, P14, {}), (15, P15, {}), (16, P16, {}), (17, P17, {})):
    for p in PP:
        name = p["name"]; healthy = p["status"] == "healthy"
        if rnd == 1 and not REWRITE_R1:
            rows.append((p, json.load(open(f"{ROOT}/{name}/truth.json"))))
            continue
        plain = m(name, "plain"); twin = plain if healthy else m(name, "twin")
        t = {"status": p["status"], "fault": p["fault"], "expected_symptoms": p["expected_symptoms"],
             "expected_causes": p["expected_causes"], "repairable": p["repairable"] if not healthy else None,
             "metric": p["metric"], "plain_metric": plain, "twin_metric": twin, "twin_fix": p["twin_fix"]}
        if healthy: t.pop("repairable"); t["repairable"] = None
        if "plain_note" in p: t["plain_note"] = p["plain_note"]
        if "extra" in p: t["notes"] = p["extra"].format(**F)
        t["references"] = {k: round(v, 4) for k, v in ref[name].items()}
        t["shape"] = p["shape"]
        if p["units"]: t["target_units"] = p["units"]
        if rnd in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17):
            t["round"] = rnd
        json.dump(t, open(f"{ROOT}/{name}/truth.json", "w"), indent=1)
        rows.append((p, t))
json.dump([dict(name=p["name"], **t) for p, t in rows], open(f"{R}/summary.json", "w"), indent=1)
print("ok", len(rows))
