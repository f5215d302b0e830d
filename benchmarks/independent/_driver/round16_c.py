"""Round 16 (part c): three programs around the training loop of a neural network on tabular regression,
written against CONTRACT.md alone and measured with driver.py by run_round16_c.sh.

P16C has the same fields as round4.py's entries; EXTRA_RUNS_C lists the metrics of the extra runs quoted in
`extra` (rounded to 4 places). `python round16_c.py` (after run_round16_c.sh) checks them against the result files.
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P16C = [
 dict(name="quarry_blasting",
      shape="function, 4-arg, plain torch MLP (2 x hidden_units SiLU) on log distance, log charge per delay and six blast-design columns (standardisation buffers), trained on the standardised log of peak particle velocity with forward = exp(log-PPV), Adam on shuffled mini-batches, an exponential moving average (EMA) copy of the weights (decay constant 0.998 in the code, copy.deepcopy at start) used for validation and returned, monitor.log_epoch(train_loss of the live network, val_loss and metric of the EMA copy, grad_norm = mean batch norm, lr); returns the EMA nn.Module; 1500 training blasts",
      status="faulty", metric="rmse", units="mm/s",
      fault="code/ppv_net.py line 71: ema_update(ema, net, EMA_DECAY) sits after the batch loop (lines 62-70), so the moving average is updated once per epoch instead of after every opt.step() (line 69). EMA_DECAY = 0.998 (line 13) is a per-step decay: over 60 epochs (spec.toml line 13) the EMA takes 60 updates instead of 60 x 47 = 2820, and 0.998^60 = 0.887 of the returned weights are still the random initial weights of copy.deepcopy (line 53) against 0.998^2820 = 0.004 in the twin. The live network trains normally (scaled train loss 0.347 at epoch 1, 0.032 at epoch 60, identical to the twin's), but the EMA network that is validated and returned barely moves: its scaled val loss falls only from 1.040 to 0.920 in 60 epochs (twin 0.982 -> 0.033) and its val RMSE from 10.973 to 10.766 mm/s; the delivered predictions are almost constant (val prediction sd 0.315 mm/s against 9.901 for the twin): val RMSE 10.766, worse than the constant (10.548) and linear (7.526) references and far behind boosting (3.496). No NaN, gradient norms 0.16-0.70",
      expected_symptoms=["constant_output", "underfitting", "slow_convergence"], expected_causes=["training_loop_bug"], repairable=False,
      twin_fix="code: ema_update(ema, net, EMA_DECAY) moved into the batch loop, right after opt.step() (_twins/quarry_blasting/ppv_net.py line 70); config unchanged: val RMSE 10.874 at epoch 1, 3.831 at epoch 30, 3.118 at epoch 60 (lowest 3.115 at epoch 59; lowest val loss at epoch 45), scaled val loss 0.033 level with the train loss 0.032; better than the boosting reference (3.496)",
      extra="config-only attempts cannot reach the twin: epochs=300 -> 9.7138 (0.998^300 = 0.55 of the initial weights remain; scaled val loss 0.493 at epoch 300, still falling); lr=0.02 -> 10.8123; batch_size=8 -> 10.7613 (more steps per epoch, but still one EMA update per epoch). EMA_DECAY is a constant in the code, not a [config] key, and the data are finite and the target is log-scaled inside the code, so no data repair applies"),
 dict(name="hop_gardens",
      shape="function, 4-arg, PyTorch Lightning regression module (2 x hidden_units SiLU MLP, standardisation buffers, target scaled inside the loss), Adam from configure_optimizers, fixed max_epochs with no early stopping, a user Callback that keeps the state_dict of the epoch with the lowest validation loss, loads it back in on_fit_end and calls monitor.log_epoch(train_loss, val_loss, metric, grad_norm taken in on_before_optimizer_step, lr) from on_train_epoch_end; returns the LightningModule; 400 training garden-seasons, 15 inputs",
      status="faulty", metric="rmse", units="% alpha acids (w/w, dry cones)",
      fault="code/alpha_lightning.py line 62: self.best_state = module.state_dict() keeps a reference, not a copy: state_dict() returns tensors that share storage with the live parameters, so every later optimizer step also changes the 'best' state, and module.load_state_dict(self.best_state) in on_fit_end (line 72) loads the final weights onto themselves. With hidden_units = 256, lr 0.003 and batch 16 on 400 rows (spec.toml lines 11-16) the network overfits after epoch 5: the scaled val loss is lowest at epoch 5 (0.4351, val RMSE 0.8433; train loss 0.368) and lies at 0.664-0.805 from epoch 31 on while the train loss falls to 0.005-0.021 over the last 50 epochs (0.0062 at epoch 150). The callback believes it restores epoch 5, but the delivered model is the epoch-150 network: val RMSE 1.0608 (the last epoch's logged metric), against 0.8433 for the twin, worse than the linear (0.8723) and boosting (0.9422) references and closer to the constant (1.2995). No NaN, gradient norms 0.14-3.43",
      expected_symptoms=["overfitting"], expected_causes=["training_loop_bug"], repairable=True,
      twin_fix="code: the best state is copied, {k: v.detach().clone() for k, v in module.state_dict().items()} (line 62 of _twins/hop_gardens/alpha_lightning.py); config unchanged: the same 150 epochs are trained (identical history) and the epoch-5 weights are restored: val RMSE 0.8433, a little better than the linear reference (0.8723)",
      extra="config-only attempts compensate for the lost restore: epochs=8 -> 0.8811 (training ends 3 epochs after the best; within 1.1x of the twin); weight_decay=0.01 -> 0.8664 (best epoch 36, the overfitting is damped; within 1.1x); hidden_units=16 -> 1.2353 (still overfits after epoch 14, the last epoch is delivered); lr=0.0003 -> 1.0621 (best epoch 15, the last epoch delivered). So config can reach the twin although the cause is the reference kept in the callback (repairable = yes); the sign in the record is a delivered model whose val RMSE equals the last epoch's (1.0608), not the best epoch's (0.8433)"),
 dict(name="ice_rink_energy",
      shape="function, 3-arg, Keras 3 (torch backend) functional wide-and-deep regressor: adapted Normalization -> (Dense(1) linear path + 2 x hidden_units ReLU Dense path -> Dense(1)) -> Add, trained on the standardised target, AdamW with a CosineDecay schedule with linear warm-up (warmup_epochs in steps) and weight_decay, EarlyStopping(val_loss, patience, restore_best_weights); returns (a second keras Model with a Rescaling output in kWh/day, dict of lists epoch/train_loss/val_loss/metric); 1200 training days, 7 inputs",
      status="healthy", metric="rmse", units="kWh/day", fault="none", expected_symptoms=[], expected_causes=[], repairable=False,
      twin_fix="none (healthy); early stopping ends the run at epoch 64 and restores epoch 44 (val RMSE 161.03 kWh/day, scaled val loss 0.0211 there; at the end scaled train loss 0.0115, val loss 0.0217-0.0224 over the last 5 epochs), no warning; better than the linear (312.25) and boosting (215.47) references (constant 1145.26); the generator's noise sd is 140 kWh/day",
      extra="seed=1 -> 161.1098 (stops at epoch 48, best epoch 28): the fit is stable across seeds"),
]

EXTRA_RUNS_C = {
    "quarry_blasting": {"plain": 10.7662, "twin": 3.1183, "extra_cfg": 9.7138, "extra_cfg2": 10.8123, "extra_cfg3": 10.7613},
    "hop_gardens": {"plain": 1.0608, "twin": 0.8433, "extra_cfg": 0.8811, "extra_cfg2": 0.8664, "extra_cfg3": 1.2353,
                    "extra_cfg4": 1.0621},
    "ice_rink_energy": {"plain": 161.0336, "extra_seed": 161.1098},
}

REFS_C = {
    "quarry_blasting": {"constant": 10.5478, "linear": 7.526, "boosting": 3.4955},
    "hop_gardens": {"constant": 1.2995, "linear": 0.8723, "boosting": 0.9422},
    "ice_rink_energy": {"constant": 1145.2589, "linear": 312.2482, "boosting": 215.4744},
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def check():
    bad = 0
    for name, runs in EXTRA_RUNS_C.items():
        for tag, want in runs.items():
            got = m(name, tag)
            if got != want and not (got is not None and want is not None and abs(got - want) < 6e-5):
                print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}"); bad += 1
    for name, refs in REFS_C.items():
        got = json.load(open(f"{R}/{name}_refs.json"))
        for k, want in refs.items():
            if abs(round(got[k], 4) - want) >= 6e-5:
                print(f"MISMATCH {name} refs {k}: quoted {want}, result file {round(got[k], 4)}"); bad += 1
    print("round16_c: all quoted numbers match" if not bad else f"round16_c: {bad} mismatches")
    return bad == 0


if __name__ == "__main__":
    check()
