"""Round 10 (part a): three classification networks written against CONTRACT.md alone, measured with driver.py by
run_round10_a.sh (results in results/<name>_<tag>.json and results/round10_a_diag.json).

P10A has the same fields as round4.py's entries; EXTRA_RUNS_A lists every extra-run metric quoted in `extra`
(rounded to 4 places). `python round10_a.py` checks them, and the quoted diagnostic numbers, against the result files.
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P10A = [
 dict(name="pipeline_survey", shape="function, 4-arg, PyTorch Lightning classifier: nn.Embedding over the integer soil_type column (cast to long in forward) joined with six field readings (log10 of resistivity, standardisation buffers) -> 2 x 32 ReLU MLP -> 3 class scores, AdamW, pl.Trainer with a Callback calling monitor.log_epoch(train_loss, val_loss, metric, grad_norm as a float taken in on_before_optimizer_step, lr) from on_train_epoch_end; 3 corrosion classes; returns the LightningModule",
      status="faulty", metric="accuracy", units="",
      fault="code/corrosion_net.py line 37 (and line 44 for the logged val loss): F.nll_loss(self(x), y) on the raw class scores of the last Linear layer (line 25, no log_softmax anywhere). nll_loss expects log-probabilities and returns the mean of -score[true class], a loss with no lower bound: every step raises the true class's score without lowering the others, and the cheapest way is to raise all scores together. Train loss -0.44 at epoch 1 and -345,681 at epoch 25, val loss -1.47 -> -376,338, the logged gradient norm grows every epoch from 2.18 to 27,425; the validation scores average ~3.7e5 for every class and the network calls all 600 validation digs class 2 (severe wall loss; results/round10_a_diag.json): val accuracy 0.3983 in all 25 epochs (the validation share of class 2), against the logistic (0.6717) and boosting (0.7217) references and 0.78 for the twin",
      expected_symptoms=["constant_output", "underfitting", "exploding_gradients"], expected_causes=["loss_mismatch"], repairable=False,
      twin_fix="code: F.cross_entropy in place of F.nll_loss on lines 37 and 44 (cross_entropy applies log_softmax itself); config unchanged: train loss 0.998 -> 0.410, gradient norm 0.34-0.99, val accuracy 0.78 (best 0.8033 at epochs 12-13; val loss lowest 0.494 at epoch 14, 0.524 at the end)",
      extra="config-only attempts keep the constant answer: lr=0.0003 -> 0.3983 (the loss falls more slowly, -46.5 at epoch 25, gradient norm 1.0 -> 24.1); weight_decay=0.1 -> 0.3983 (AdamW's decay does not bound a loss that falls linearly in the scores: -253,401 at epoch 25); epochs=3 -> 0.3983 (constant from epoch 1). No knob of the contract replaces nll_loss by a cross-entropy, and the code standardises its inputs itself"),
 dict(name="rooftop_thermal", shape="function, 3-arg, Keras 3 (torch backend) Sequential 2-D CNN over 12 x 12 infrared grids stored as 144 CSV columns (row by row): Input(144) -> Reshape((12, 12, 1)) -> adapted Normalization(axis=None) -> 2 Conv2D(16, 3) -> MaxPooling2D -> Conv2D(32, 3) -> Flatten -> Dropout -> Dense ReLU -> Dense(4, softmax), keras.regularizers.L2(weight_decay from [config]) on every Conv2D/Dense kernel, Adam, sparse categorical cross-entropy; 4 module conditions; returns (model, History.history: accuracy/loss/val_accuracy/val_loss)",
      status="faulty", metric="accuracy", units="",
      fault="spec.toml line 12: weight_decay = 0.1, used as keras.regularizers.L2(0.1) (code/module_cnn.py line 11) on all five kernels (lines 18-25): Keras adds 0.1 * sum(w^2) of every kernel to each batch's loss, an L2 penalty that outweighs the cross-entropy (epoch-1 loss 4.38), so Adam shrinks every kernel to ~0 (sum of squared kernel weights 0.0009 at the end) and the softmax layer is left with its biases: the network outputs the training class shares for every module (mean val probabilities 0.411/0.203/0.197/0.188, train shares 0.412/0.203/0.198/0.188; results/round10_a_diag.json) and calls all 400 validation modules normal. Train loss falls from 4.38 to a plateau of 1.324-1.327 from epoch 10 (the entropy of the class shares), train accuracy 0.4117 from epoch 2 and val accuracy 0.4275 (the majority share) in every epoch; the logistic (0.6075) and boosting (0.5825) references and the twin (0.9625) are far better",
      expected_symptoms=["constant_output", "underfitting"], expected_causes=["excessive_regularization"], repairable=True,
      twin_fix="[config] weight_decay = 0.0001 (everything else unchanged): train loss 1.357 -> 0.071, val accuracy 0.9625 (0.9375-0.9625 over the last 13 epochs)",
      extra="weight_decay=0.01 -> 0.6525 (a tenth of the penalty: the network leaves the constant answer at epoch 6 but stalls near the references); lr=0.0003 -> 0.4275 and dropout=0.0 -> 0.4275 (other knobs leave the constant answer)"),
 dict(name="sawmill_grading", shape="function, 4-arg, plain torch ordinal (cumulative-link) network: standardisation buffers, a linear score path plus a 2 x 32 tanh MLP with dropout giving one strength score per board, 3 ordered cut-points (first cut + cumulative softplus gaps); trained with BCE-with-logits on the 3 cumulative targets (grade > k) by Adam on mini-batches; forward returns the 4 grade probabilities; monitor.log_epoch(train_loss, val_loss, metric, grad_norm, lr); returns the nn.Module",
      status="healthy", metric="accuracy", units="", fault="none", expected_symptoms=[], expected_causes=[],
      twin_fix="none (healthy); val accuracy 0.792 (0.776-0.80 from epoch 16 to 40), val loss 0.311 -> 0.153-0.174 over the last 20 epochs, gradient norms 0.11-0.41, no warning; seed 1 gives 0.788 (extra_seed1); the same model scores 0.84 on its own training rows (extra_trainfit); logistic reference 0.75, boosting 0.744 (results/round10_a_diag.json)"),
]

EXTRA_RUNS_A = {
    "pipeline_survey": {"extra_cfg": 0.3983, "extra_cfg2": 0.3983, "extra_cfg3": 0.3983},
    "rooftop_thermal": {"extra_cfg": 0.6525, "extra_cfg2": 0.4275, "extra_cfg3": 0.4275},
    "sawmill_grading": {"extra_seed1": 0.788, "extra_trainfit": 0.84},
}

# plain/twin metrics quoted above (twin = plain for the healthy program)
PLAIN_TWIN_A = {
    "pipeline_survey": {"plain": 0.3983, "twin": 0.78},
    "rooftop_thermal": {"plain": 0.4275, "twin": 0.9625},
    "sawmill_grading": {"plain": 0.792},
}

# numbers quoted from results/round10_a_diag.json
DIAG_A = {
    ("pipeline_survey", "val_pred_counts"): [0, 0, 600],
    ("rooftop_thermal", "val_pred_counts"): [400, 0, 0, 0],
    ("rooftop_thermal", "val_prob_mean"): [0.411, 0.203, 0.197, 0.188],
    ("rooftop_thermal", "train_class_share"): [0.412, 0.203, 0.198, 0.188],
    ("rooftop_thermal", "sum_sq_kernels"): 0.0009,
    ("refs", "pipeline_survey"): {"majority": 0.3867, "logistic": 0.6717, "boosting": 0.7217},
    ("refs", "rooftop_thermal"): {"majority": 0.4275, "logistic": 0.6075, "boosting": 0.5825},
    ("refs", "sawmill_grading"): {"majority": 0.372, "logistic": 0.75, "boosting": 0.744},
}


def m(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def check():
    bad = 0
    for table in (EXTRA_RUNS_A, PLAIN_TWIN_A):
        for name, runs in table.items():
            for tag, want in runs.items():
                got = m(name, tag)
                if got != want and not (got is not None and want is not None and abs(got - want) < 6e-5):
                    print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}"); bad += 1
    diag = json.load(open(f"{R}/round10_a_diag.json"))
    for (a, b), want in DIAG_A.items():
        if diag[a][b] != want:
            print(f"MISMATCH diag {a}.{b}: quoted {want}, result file {diag[a][b]}"); bad += 1
    names = {e["name"] for e in P10A}
    assert names == set(PLAIN_TWIN_A), names
    print("round10_a: all quoted numbers match" if not bad else f"round10_a: {bad} mismatches")
    return bad == 0


if __name__ == "__main__":
    check()
