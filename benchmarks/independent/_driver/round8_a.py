"""Round 8 (part a): three programs around training machinery (a LightningModule whose configure_optimizers returns a
plateau scheduler, a Keras classifier compiled with a loss that expects probabilities, a plain torch loop with
gradient accumulation), written against CONTRACT.md alone and measured with driver.py by run_round8_a.sh.

P8A has the same fields as round4.py's entries; EXTRA_RUNS_A lists every extra-run metric quoted in `extra`
(rounded to 4 places). `python round8_a.py` (after run_round8_a.sh) checks them against the result files.
The references quoted in twin_fix/extra are the authors' own fits in results/round8_a_diag.json ("refs").
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P8A = [
 dict(name="dam_seepage", shape="function, 4-arg, PyTorch Lightning regression module (2 x 64 SiLU MLP, standardisation buffers, target scaled inside the loss), Adam, configure_optimizers returning {optimizer, lr_scheduler: {ReduceLROnPlateau, monitor val_loss, interval epoch}} when lr_schedule = \"plateau\", Callback calling monitor.log_epoch(train_loss, val_loss, metric, lr) from on_train_epoch_end; returns the LightningModule",
      status="faulty", metric="rmse", units="L/min",
      fault="code/seepage_lightning.py line 51: ReduceLROnPlateau(opt, mode=\"max\", factor=lr_factor, patience=lr_patience) while the quantity it watches (line 53: monitor \"val_loss\") is a loss, lower is better. In max mode the first epoch's val loss is the best the scheduler ever sees and every later (lower) one counts as no improvement, so with lr_patience = 2 and lr_factor = 0.2 (spec.toml lines 16-18) the lr is cut by 5x every third epoch from epoch 5 on: 1.0e-3 for epochs 1-4, 2.0e-4 at epoch 5, 4.0e-5 at epoch 8, 8.0e-6 at epoch 11, 6.4e-8 at epoch 20 and 2.6e-9 (the scheduler's eps floor) from epoch 26 to 60. Training stops while the loss is still falling fast: scaled train MSE 0.0835 at epoch 4, 0.0567 from epoch 17 to 60 (twin 0.0094 at epoch 60); val RMSE 1.4387 at epoch 4, 1.2767 at epoch 20, 1.2766 at epoch 60, against 0.5181 for the twin. The nonlinear head-seepage relation above the pervious layer (reservoir above ~33 m) is never learned: the plain model beats the linear reference (2.2085) but is 2.3x gradient boosting (0.5525)",
      expected_symptoms=["underfitting", "slow_convergence"], expected_causes=["training_loop_bug", "learning_rate_too_low"], repairable=True,
      twin_fix="code: mode=\"min\" in the ReduceLROnPlateau call (line 51 of _twins/dam_seepage/seepage_lightning.py; everything else unchanged): the lr stays 1e-3 until the val loss stalls (first cut to 2.0e-4 at epoch 25), val RMSE 0.5181 (best 0.5122), scaled train MSE 0.0094",
      extra="config-only attempts: lr_schedule=\"none\" (the code then returns the bare Adam optimizer, constant lr 1e-3) -> 0.4836, better than the twin; lr=0.01 -> 0.5294 (a 10x larger start covers most of the fit in the four epochs before the first cut; within 1.1x of the twin); lr_patience=10 -> 0.6449 (the cuts come later but still every 11 epochs). So config reaches the twin although the cause is the scheduler's mode in the code (repairable = yes). References (results/round8_a_diag.json): constant 5.0362, scaled ridge 2.2085, HistGradientBoosting 0.5525 L/min"),
 dict(name="honey_origin", shape="function, 3-arg, Keras 3 (torch backend) Sequential (Input -> adapted Normalization -> 2 Dense ReLU -> Dense(4) with no activation), Adam, SparseCategoricalCrossentropy, accuracy metric, 4 classes; returns (the keras Model, History.history: loss/accuracy/val_loss/val_accuracy)",
      status="faulty", metric="accuracy", units="",
      fault="code/origin_classifier.py line 26: the output layer Dense(N_CLASSES) has no activation (raw logits), but the loss on line 29 is keras.losses.SparseCategoricalCrossentropy() with its default from_logits=False, which treats the outputs as probabilities: it divides each row by the row's sum and clips to [1e-7, 1 - 1e-7] before the log. The logits are signed (raw outputs -2.70 to 2.53 on validation; the row sum is <= 0 for 52.2% of the validation samples, results/round8_a_diag.json), so the 'probabilities' flip sign or blow up as a row sum crosses 0 and the clipping zeroes the gradient wherever an entry falls outside (0, 1). Training is erratic and then stuck: training loss 4.405, 8.163, 6.659, 3.918, 3.516, 3.601, 4.737, 5.854, 6.360, 4.427 in epochs 1-10, creeping up from 3.327 to 3.898 over epochs 13-40 (twin 1.055 -> 0.230); val accuracy 0.664 at epoch 1, 0.184-0.31 from epoch 3 to 40, training accuracy 0.333 at the end. Argmax of the returned model predicts only chestnut (101) and heather (399) for the 500 validation honeys (true 159 acacia, 129 chestnut, 92 heather, 120 lime): val accuracy 0.308, below the majority share 0.318, against 0.912 for the twin",
      expected_symptoms=["underfitting", "oscillating_loss"], expected_causes=["loss_mismatch", "output_range_mismatch"], repairable=False,
      twin_fix="code: SparseCategoricalCrossentropy(from_logits=True) on line 29 of _twins/honey_origin/origin_classifier.py (one argument); training loss 1.055 -> 0.230, val accuracy 0.912 (best 0.92 at epoch 13). Equivalently a softmax output layer with the loss unchanged (_twins/honey_origin/origin_classifier_softmax.py) -> 0.912",
      plain_note="the returned model's raw outputs are not probabilities; the driver scores their argmax, as it scores any multi-column output",
      extra="config-only attempts: lr=0.0001 -> 0.576; epochs=100 -> 0.312 (the same first 40 epochs, then stuck); hidden_units=128 -> 0.544: no key of [config] reaches the loss or the output activation (there is no `loss` or `output_activation` key), so config cannot repair it. References (results/round8_a_diag.json): majority class 0.318, logistic regression 0.906, HistGradientBoosting 0.900"),
 dict(name="wastewater_inflow", shape="function, 4-arg, plain torch MLP (2 x 32 tanh, standardisation buffers, target scaled inside), Adam + CosineAnnealingLR per epoch, gradient accumulation over accum_steps micro-batches of batch_size rows (each micro-batch loss weighted by its share of the group, the last short group of the epoch stepped too), monitor.log_epoch(train_loss, val_loss, metric, grad_norm as the mean norm of the epoch's accumulated steps, lr); returns the nn.Module",
      status="healthy", metric="rmse", units="ML/day", fault="none", expected_symptoms=[], expected_causes=[], repairable=False,
      twin_fix="none (healthy); val RMSE 2.1873 (best 2.1869), 2.187-2.211 over the last 15 epochs (converged); scaled train MSE 0.0178 against val 0.0187; the generator's daily scatter is 2.2 ML/day. References (results/round8_a_diag.json): constant 14.2946, scaled ridge 3.0668, HistGradientBoosting 2.7692 ML/day",
      extra="the same run without accumulation (accum_steps=1, batch_size=64, i.e. the same effective batch) -> 2.1873, identical: the accumulated step equals the large-batch step"),
]

EXTRA_RUNS_A = {
    "dam_seepage": {"plain": 1.2766, "twin": 0.5181, "extra_cfg": 0.4836, "extra_cfg2": 0.5294, "extra_cfg3": 0.6449},
    "honey_origin": {"plain": 0.308, "twin": 0.912, "extra_twin2": 0.912, "extra_cfg": 0.576, "extra_cfg2": 0.312,
                     "extra_cfg3": 0.544},
    "wastewater_inflow": {"plain": 2.1873, "extra_accum1": 2.1873},
}

# numbers quoted from results/round8_a_diag.json
DIAG_A = {
    ("refs", "dam_seepage", "constant"): 5.0362, ("refs", "dam_seepage", "linear"): 2.2085,
    ("refs", "dam_seepage", "boosting"): 0.5525,
    ("refs", "honey_origin", "constant"): 0.318, ("refs", "honey_origin", "linear"): 0.906,
    ("refs", "honey_origin", "boosting"): 0.9,
    ("refs", "wastewater_inflow", "constant"): 14.2946, ("refs", "wastewater_inflow", "linear"): 3.0668,
    ("refs", "wastewater_inflow", "boosting"): 2.7692,
    ("honey_origin_plain", "val_accuracy"): 0.308, ("honey_origin_plain", "pred_counts"): [0, 101, 399, 0],
    ("honey_origin_plain", "true_counts"): [159, 129, 92, 120], ("honey_origin_plain", "raw_output_min"): -2.704,
    ("honey_origin_plain", "raw_output_max"): 2.532, ("honey_origin_plain", "share_rows_raw_sum_le_0"): 0.522,
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def check():
    bad = 0
    for name, runs in EXTRA_RUNS_A.items():
        for tag, want in runs.items():
            got = m(name, tag)
            if got != want and not (got is not None and want is not None and abs(got - want) < 6e-5):
                print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}"); bad += 1
    d = json.load(open(f"{R}/round8_a_diag.json"))
    for path, want in DIAG_A.items():
        got = d
        for k in path:
            got = got[k]
        if got != want and not (isinstance(want, float) and abs(got - want) < 6e-5):
            print(f"MISMATCH diag {path}: quoted {want}, file {got}"); bad += 1
    print("round8_a: all quoted numbers match" if not bad else f"round8_a: {bad} mismatches")
    return bad == 0


if __name__ == "__main__":
    check()
