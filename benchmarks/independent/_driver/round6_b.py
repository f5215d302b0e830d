"""Round 6 (part b): four classification programs written against CONTRACT.md alone, measured with driver.py by
run_round6_b.sh.

P6B has the same fields as round4.py's entries; the metrics of the extra runs are written in as numbers, and
EXTRA_RUNS_B lists those to check. `python round6_b.py` (after run_round6_b.sh) checks the quoted numbers
(extra runs, and the plain/twin metrics in PLAIN_TWIN_B) against the result files; the measurements the driver
does not record (stage-wise deviance, coefficients, prediction shares, quick references) come from the
results/*_diag.json and results/round6_b_refs.json files the same script writes.
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P6B = [
 dict(name="wildfire_danger", shape="kind=sklearn, build_estimator(config) -> bare GradientBoostingClassifier (log_loss; lr -> learning_rate, epochs -> n_estimators, max_depth, subsample, min_samples_leaf from config), 3 danger classes; has warm_start, no partial_fit",
      status="faulty", metric="accuracy", units="",
      fault="spec.toml line 12: lr = 3.0, passed as the boosting learning_rate (code/danger_gbm.py line 8), 30x the usual 0.1. Each round's trees carry Newton-step leaf values that are meant to be shrunk; at 3.0 they overshoot, the raw class scores run away and the training deviance explodes: 0.602 after round 1, 4.70 after round 2, 2.2e7 after round 3, 1.9e19 after round 4 (it then wobbles between 1.69e19 and 2.12e19 until round 200), with raw scores up to 2.2e20 on validation. The validation accuracy is 0.8267 after round 1, 0.5317 after round 2, 0.40 after round 3 and 0.4767 from round 4 to the end; the training accuracy is 0.4733. Final val accuracy 0.4767, below the majority class (0.5367), against 0.87 for the twin and 0.8917 / 0.87 for a scaled logistic regression / histogram boosting on the same split. No warning is raised",
      expected_symptoms=["underfitting", "exploding_gradients"], expected_causes=["learning_rate_too_high"], repairable=True,
      twin_fix="[config] lr = 0.1 (everything else unchanged): training deviance 0.848 -> 0.046 over 200 rounds, training accuracy 0.9987, val accuracy 0.87",
      extra="lr=1.0 -> 0.855 (no divergence, training deviance reaches 0: within 0.03 of the twin but with a fully memorised training set); lr=1.5 -> 0.7933 (diverges late: the deviance reaches ~1e39); epochs=20 with lr 3.0 kept -> 0.4767 (the divergence happens in the first four rounds, so fewer rounds change nothing); features pre-standardised with training statistics (the contract's standardize repair, on copies via --train/--val) -> 0.4767, identical (trees are invariant to scaling); the plain model on its own training rows -> 0.4733 (extra_trainfit): it fails on the data it was fitted to, so this is not overfitting"),
 dict(name="student_retention", shape="kind=sklearn, build_estimator(config) -> Pipeline(ColumnTransformer(OneHotEncoder on column 0 = faculty code, remainder=StandardScaler), LogisticRegression(C, max_iter, class_weight from config)); one fit",
      status="faulty", metric="accuracy", units="",
      fault="data: the column credits_registered means different things in the two files. data/train.csv is a registry extract of cohorts that have finished, where it holds the credits registered in the last term on record, which is 0 for 83.2% of the students who dropped out (40.3% of all training rows) and at least 24 for every graduate: it encodes the outcome (correlation -0.955 with dropped_out). data/val.csv is the current cohort at the start of its second year, where it holds this term's registration (18-36, mean 29.18 against 16.42 in train; correlation -0.053 with the label). The logistic model puts its weight on it (standardised coefficient -6.41 against -0.74 for first_sem_ects and -0.66 for first_sem_gpa), fits the training rows almost perfectly (training accuracy 0.9979) and then predicts 'stays' for nearly every current student (predicted dropout share 0.0333 against a true 0.4817): val accuracy 0.545, barely above the majority class (0.5183), against 0.77 once the column is removed. No ConvergenceWarning",
      expected_symptoms=["overfitting", "invalid_data"], expected_causes=["train_val_mismatch"], repairable=False,
      twin_fix="data: drop credits_registered from both files (on copies via --train/--val; code and config unchanged): val accuracy 0.77, training accuracy 0.8007",
      extra="config-only attempts: C=0.01 -> 0.6267 (strong shrinkage weakens, but does not remove, the reliance on the column); class_weight=\"balanced\" -> 0.545; the contract's standardize repair (numeric columns pre-standardised with training statistics) -> 0.545, identical (the pipeline standardises anyway); the column is neither non-finite nor constant, so drop_non_finite_rows and drop_constant_columns do not touch it: no repair the contract lists reaches the twin. The plain model on its own training rows -> 0.9979 (extra_trainfit), the twin on its (column-free) training rows -> 0.8007 (extra_twin_trainfit). The references fitted on the same split are fooled too (scaled logistic 0.54, histogram boosting 0.52), so the plain model is not worse than them: only the train/val gap and the shifted credits_registered distribution show the fault"),
 dict(name="hail_nowcast", shape="function, 3-arg, Keras 3 (torch backend) Sequential (adapted Normalization -> Dense ReLU -> Dropout -> Dense ReLU -> Dense(1, sigmoid)), Adam, loss name from config; returns (a plain Python wrapper with predict() = probability >= 0.5 and predict_proba(), History.history: loss/accuracy/val_loss/val_accuracy)",
      status="faulty", metric="accuracy", units="",
      fault="spec.toml line 16: loss = \"categorical_crossentropy\", compiled at code/hail_net.py line 42 for a network whose output is one sigmoid unit (line 39) and a 0/1 label of shape (n, 1). Categorical cross-entropy normalises the output over the last axis, so a single unit always becomes probability 1 for its 'class': the loss is ~5e-8 for every batch from the first (the history reads loss 0.0 and val_loss 0.0 in all 40 epochs), no gradient reaches the weights and the network stays at its random initialisation. Training accuracy wanders 0.456-0.489 with dropout, val accuracy is 0.478 in every epoch (validation probabilities 0.064-0.639, 18.8% of cells warned against 42.2% with hail), below the majority class (0.578), against 0.956 for the twin; a scaled logistic regression gives 0.954 and histogram boosting 0.952 on the same split. Keras prints a SyntaxWarning ('expected y_pred.shape to be (batch_size, num_classes) with num_classes > 1 ... Consider using binary_crossentropy') at every batch; the driver does not record it (it keeps convergence, runtime and optimisation warnings only)",
      expected_symptoms=["underfitting", "vanishing_gradients"], expected_causes=["loss_mismatch"], repairable=True,
      twin_fix="[config] loss = \"binary_crossentropy\" (everything else unchanged): train loss 0.647 -> 0.062, val loss 0.534 -> 0.132, val accuracy 0.862 after epoch 1 and 0.956 at epoch 40",
      extra="config-only attempts that keep the loss change nothing: lr=0.01 -> 0.478 (identical: there is no gradient to scale); hidden_units=128 -> 0.532 (a different random network, loss still 0.0 in every epoch); loss=\"mse\" -> 0.962 (any loss that fits a single probability output works)"),
 dict(name="sleep_stages", shape="function, 4-arg, plain torch nn.Module (standardisation buffers + 2 x 64 ReLU MLP with dropout, 4 logits), Adam, DataLoader (batch 64, shuffled), monitor.log_epoch(train_loss, val_loss, metric, grad_norm=model, lr); returns the nn.Module",
      status="faulty", metric="accuracy", units="",
      fault="code/stage_net.py line 51: opt.step() sits after the batch loop (lines 45-50) instead of inside it. opt.zero_grad() (line 46) is still called for every batch, so the single step of each epoch uses only the gradient of the epoch's last, 52-row batch: 60 Adam steps of lr 0.001 in all instead of 1,980. The network learns very slowly: train loss 1.409 -> 0.656 and val loss 1.384 -> 0.751 over 60 epochs, still falling steadily at the end; val accuracy 0.163 at epoch 1, ~0.48 from epoch 9 to 30, 0.7286 at epoch 60, against 0.8686 for the twin (0.8271 already at its epoch 3) and 0.8643 / 0.8343 for a scaled logistic regression / histogram boosting. The logged grad_norm (of the last batch) looks normal, 0.43-0.81 (twin 0.29-1.09)",
      expected_symptoms=["underfitting", "slow_convergence"], expected_causes=["training_loop_bug"], repairable=True,
      twin_fix="code: opt.step() inside the batch loop, right after loss.backward() (line 49 of _twins/sleep_stages/stage_net.py), config unchanged: 0.8686 (val accuracy 0.84-0.87 from epoch 4 on)",
      extra="config-only attempts compensate for the missing steps: lr=0.01 -> 0.8629 and lr=0.03 -> 0.8557 (ten or thirty times larger single steps), epochs=300 -> 0.8543 (300 steps); all three are within 0.03 of the twin, hence repairable = yes although the cause is the loop; batch_size=2100 (one batch per epoch, where the loop is correct full-batch training) -> 0.8171, still climbing at epoch 60 (train loss 0.484)"),
]

EXTRA_RUNS_B = {
    "wildfire_danger": {"extra_cfg": 0.855, "extra_cfg2": 0.7933, "extra_cfg3": 0.4767, "extra_std": 0.4767, "extra_trainfit": 0.4733},
    "student_retention": {"extra_cfg": 0.6267, "extra_cfg2": 0.545, "extra_std": 0.545, "extra_trainfit": 0.9979, "extra_twin_trainfit": 0.8007},
    "hail_nowcast": {"extra_cfg": 0.478, "extra_cfg2": 0.532, "extra_cfg3": 0.962},
    "sleep_stages": {"extra_cfg": 0.8629, "extra_cfg2": 0.8557, "extra_cfg3": 0.8543, "extra_cfg4": 0.8171},
}

# plain and twin metrics quoted in fault / twin_fix (same check)
PLAIN_TWIN_B = {
    "wildfire_danger": {"plain": 0.4767, "twin": 0.87},
    "student_retention": {"plain": 0.545, "twin": 0.77},
    "hail_nowcast": {"plain": 0.478, "twin": 0.956},
    "sleep_stages": {"plain": 0.7286, "twin": 0.8686},
}

# numbers quoted from the files the driver does not write (run_round6_b.sh's diagnostic step): (file, path, value)
DIAG_B = [
    ("wildfire_danger_diag.json", ("plain", "train_deviance_first8", 0), 0.602094),
    ("wildfire_danger_diag.json", ("plain", "train_acc"), 0.4733),
    ("wildfire_danger_diag.json", ("plain", "train_deviance_min_max_from_round4", 0), 1.68689e19),
    ("wildfire_danger_diag.json", ("plain", "train_deviance_min_max_from_round4", 1), 2.11758e19),
    ("wildfire_danger_diag.json", ("plain", "max_abs_raw_score"), 2.15347e20),
    ("student_retention_diag.json", ("val_credits_max",), 36),
    ("student_retention_diag.json", ("train_credits_zero_share",), 0.4029),
    ("wildfire_danger_diag.json", ("plain", "val_acc_stage", 0), 0.8267),
    ("wildfire_danger_diag.json", ("twin", "train_acc"), 0.9987),
    ("student_retention_diag.json", ("coef_standardised", "remainder__credits_registered"), -6.406),
    ("student_retention_diag.json", ("val_pred_dropout_share",), 0.0333),
    ("student_retention_diag.json", ("train_credits_zero_share_dropouts",), 0.8319),
    ("student_retention_diag.json", ("corr_credits_label_train",), -0.955),
    ("student_retention_diag.json", ("corr_credits_label_val",), -0.053),
    ("hail_nowcast_diag.json", ("val_pred_hail_share",), 0.188),
    ("hail_nowcast_diag.json", ("val_prob_min",), 0.0638),
    ("hail_nowcast_diag.json", ("val_prob_max",), 0.6387),
    ("round6_b_refs.json", ("wildfire_danger", "logistic"), 0.8917),
    ("round6_b_refs.json", ("student_retention", "logistic"), 0.54),
    ("round6_b_refs.json", ("student_retention", "hist_gbm"), 0.52),
    ("round6_b_refs.json", ("hail_nowcast", "logistic"), 0.954),
    ("round6_b_refs.json", ("hail_nowcast", "hist_gbm"), 0.952),
    ("round6_b_refs.json", ("sleep_stages", "logistic"), 0.8643),
    ("round6_b_refs.json", ("sleep_stages", "hist_gbm"), 0.8343),
]


from quoted import mismatches  # noqa: E402 - the check every part shares


def check():
    bad = mismatches(EXTRA_RUNS_B, PLAIN_TWIN_B)
    for fname, path, want in DIAG_B:
        got = json.load(open(f"{R}/{fname}"))
        for k in path:
            got = got[k]
        if abs(got - want) > 6e-5 * max(1.0, abs(want)):
            print(f"MISMATCH {fname} {'/'.join(map(str, path))}: quoted {want}, result file {got}")
            bad += 1
    return bad


if __name__ == "__main__":
    n = check()
    print("round6_b: all quoted numbers match the result files" if n == 0 else f"round6_b: {n} mismatches")
