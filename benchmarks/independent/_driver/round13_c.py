"""Round 13 (part c): three programs around hand-written optimisation loops (gradient accumulation with warm-up and
cosine decay, RMSprop with dropout and early stopping, numpy Adagrad with per-sample weights), written against
CONTRACT.md alone and measured with driver.py by run_round13_c.sh.

P13C has the same fields as round4.py's entries; EXTRA_RUNS_C lists every extra-run metric quoted in `extra`
(rounded to 4 places), QUOTED_C the plain/twin metrics and reference fits quoted in `fault`/`twin_fix`.
`python round13_c.py` (after run_round13_c.sh) checks them against the result files.
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P13C = [
 dict(name="tram_traction", shape="function, 4-arg, plain torch MLP (2 x hidden_units SiLU, standardisation buffers, target scaled inside the loss), SGD with Nesterov momentum, gradient accumulation over accum_steps micro-batches of batch_size rows per optimizer step, LambdaLR linear warm-up (warmup_epochs, counted in optimizer steps) then cosine decay stepped after every optimizer step, monitor.log_epoch(train_loss, val_loss, metric, grad_norm = mean norm of the accumulated gradient at each step, lr); returns the nn.Module",
      status="faulty", metric="rmse", units="kWh per trip",
      fault="code/traction_net.py lines 57-58: each micro-batch's mean-squared loss is backpropagated as it is, not divided by accum_steps, so the gradient that opt.step() applies (line 62) is the SUM of accum_steps = 8 micro-batch mean gradients (spec.toml line 14), 8 times the mean: with lr = 0.05 and Nesterov momentum 0.9 (spec.toml lines 11-12) every update is 8x the intended size. During the warm-up (lr 0.018 in epoch 1, 0.035 in epoch 2) the logged gradient norm is already 7.25 and 11.70 (twin 1.06 and 0.73) and the train loss rises from 0.421 to 0.496 (scaled MSE); when the lr reaches its peak 0.05 in epoch 3 the updates diverge: train loss 1.4e30, grad_norm inf, and from epoch 3 to 40 every loss, validation loss, metric and prediction is NaN; val RMSE NaN (twin 1.052 kWh, linear reference 2.3685, boosting 1.3515, constant 11.4932)",
      expected_symptoms=["nan_loss", "exploding_gradients"], expected_causes=["training_loop_bug", "learning_rate_too_high"], repairable=True,
      twin_fix="code: loss divided by accum (line 57: `loss = loss_fn(...) / accum`; the logged train loss multiplied back, line 59; _twins/tram_traction/traction_net.py); config unchanged: train loss 0.785 -> 0.0075, grad_norm 1.06 -> 0.04, val RMSE 6.24 after epoch 1, 1.052 at epoch 40",
      extra="config-only attempts: lr=0.00625 (= 0.05 / accum_steps) -> 1.0521, bit-identical to the twin (the summed gradient times lr/8 is the twin's update); accum_steps=1 -> 0.9658 (no accumulation: 94 smaller steps per epoch instead of 12, better than the twin); lr=0.01 -> 1.0224; warmup_epochs=10 (lr 0.05 kept) -> 0.9619: the slower ramp lets the network settle before the peak, with one spike (val RMSE 3.17 at epoch 6) but no NaN. So config reaches the twin (repairable = yes) although the cause is the loop's bookkeeping"),
 dict(name="sugarbeet_sucrose", shape="function, 3-arg, plain torch MLP (2 x hidden_units ReLU, each followed by nn.Dropout(config dropout)), features and target standardised in the code with training mean/sd, RMSprop (alpha 0.9) on shuffled mini-batches, early stopping on the validation loss with patience and the best state_dict restored by copy.deepcopy; returns (a plain Python wrapper with predict() in % sucrose, not an nn.Module, dict of lists epoch/train_loss/val_loss/metric/lr)",
      status="faulty", metric="rmse", units="% sucrose (fresh weight)",
      fault="net.eval() is never called: net.train() is set at the start of every epoch (code/sucrose_net.py line 52), and the validation pass (lines 60-62, under torch.no_grad() only) and the returned wrapper's predict() (lines 28-31, also no_grad only) run the network in training mode, so with dropout = 0.4 (spec.toml line 17) on a 2 x 32 body (line 16) 40% of the hidden units are dropped at random in every prediction. From epoch 30 on the validation loss (scaled MSE) stays at 0.18-0.24, level with the dropout-noisy train loss (0.16-0.20), where the twin's is 0.099-0.13; early stopping chooses epoch 61 of 76 on these noisy scores (history metric 0.5455 there), and the delivered predictions are one more random draw: val RMSE 0.551 against 0.407 for the twin, behind the boosting reference (0.4034) by 37% and barely ahead of the linear one (0.5816)",
      expected_symptoms=["underfitting"], expected_causes=["training_loop_bug"], repairable=True,
      twin_fix="code: net.eval() before the validation pass (line 60) and self.net.eval() in predict() (line 30) (_twins/sugarbeet_sucrose/sucrose_net.py); config unchanged: early stopping at epoch 61, best epoch 46 (val loss 0.0992), val RMSE 0.407",
      extra="config-only attempts: dropout=0.0 -> 0.3803 (with no dropout the mode no longer matters: identical to the twin run with dropout=0.0, extra_twin_cfg 0.3803, and better than the twin with dropout 0.4), so a config change reaches the twin (repairable = yes) although the cause is the missing eval(); dropout=0.2 -> 0.4881 (halfway); weight_decay=0.001 -> 0.5447 and epochs=300 with early_stopping_patience=40 -> 0.5604 (no better than plain: more regularisation or more training does not remove the prediction noise)"),
 dict(name="avalanche_bulletin", shape="function, 4-arg, hand-written numpy one-hidden-layer tanh network (hidden_units) with a softmax over the 3 danger levels, log1p of new snow and training-mean/sd standardisation inside, mini-batch Adagrad written by hand (lr, eps), an L2 penalty, cross-entropy weighted per sample (verified_weight for field-verified region-days; field_verified is a weight, not an input), early stopping on validation log-loss with the best weights copied and returned, monitor.log_epoch(train_loss, val_loss, metric, grad_norm, lr, train_accuracy, time_s); returns a small Python class with predict_proba() and predict() (the level 1-3)",
      status="healthy", metric="accuracy", units="", fault="none", expected_symptoms=[], expected_causes=[], repairable=False,
      twin_fix="none (healthy); early stopping ends the run at epoch 49, the returned weights are those of epoch 29 (val log-loss 0.6057, accuracy 0.718); the validation log-loss stays within 0.608-0.620 over the last 20 epochs while the weighted train loss creeps from 0.560 to 0.547; no warnings. Val accuracy 0.718 against the logistic reference 0.712, boosting 0.71 and the majority class 0.462; the labels are noisy (an ordinal latent score with logistic noise), so ~0.72 is near what the inputs allow"),
]

# every extra-run metric quoted in `extra`, rounded to 4 places
EXTRA_RUNS_C = {
    "tram_traction": {"extra_cfg": 1.0521, "extra_cfg2": 0.9658, "extra_cfg3": 1.0224, "extra_cfg4": 0.9619},
    "sugarbeet_sucrose": {"extra_cfg": 0.3803, "extra_cfg2": 0.4881, "extra_cfg3": 0.5447, "extra_cfg4": 0.5604,
                          "extra_twin_cfg": 0.3803},
}
# plain / twin metrics (None = NaN or no metric) and the reference fits quoted in fault / twin_fix
QUOTED_C = {
    "tram_traction": {"plain": None, "twin": 1.0521},
    "sugarbeet_sucrose": {"plain": 0.5513, "twin": 0.4071},
    "avalanche_bulletin": {"plain": 0.718},
}
REFS_C = {
    "tram_traction": {"constant": 11.4932, "linear": 2.3685, "boosting": 1.3515},
    "sugarbeet_sucrose": {"constant": 1.3859, "linear": 0.5816, "boosting": 0.4034},
    "avalanche_bulletin": {"constant": 0.462, "linear": 0.712, "boosting": 0.71},
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def _same(got, want):
    return got == want or (got is not None and want is not None and abs(got - want) < 6e-5)


def check():
    bad = 0
    for table in (EXTRA_RUNS_C, QUOTED_C):
        for name, runs in table.items():
            for tag, want in runs.items():
                got = m(name, tag)
                if not _same(got, want):
                    print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}"); bad += 1
    refs = json.load(open(f"{R}/round13_c_refs.json"))
    for name, want in REFS_C.items():
        for k, v in want.items():
            if not _same(refs[name][k], v):
                print(f"MISMATCH refs {name} {k}: quoted {v}, result file {refs[name][k]}"); bad += 1
    for e in P13C:
        assert set(e) <= {"name", "shape", "status", "metric", "units", "fault", "expected_symptoms", "expected_causes",
                          "repairable", "twin_fix", "extra", "plain_note"}, e["name"]
    print("round13_c: all quoted numbers match" if not bad else f"round13_c: {bad} mismatches")
    return bad == 0


check_extra = check

if __name__ == "__main__":
    check()
