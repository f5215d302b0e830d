"""Round 5 (part c): four programs written against CONTRACT.md alone, measured with driver.py by run_round5_c.sh.

P5C has the same fields as round4.py's entries; the metrics of the extra runs are written in as numbers, and
EXTRA_RUNS_C lists those to check. `python round5_c.py` (after run_round5_c.sh) checks the quoted numbers against the
result files (the extra runs, and the plain/twin metrics quoted in the text as well).
"""
import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))  # the folder holding the programs
import json, math

R = ROOT + "/_driver/results"

P5C = [
 dict(name="hive_acoustics",
      shape="function, 3-arg, Keras 3 (torch backend) functional model with two inputs (6 acoustic band levels; 3 hive "
            "columns + sin/cos of hour), each through its own adapted Normalization and Dense branch, Concatenate, "
            "Dropout, softmax over 3 colony states, Adam, EarlyStopping(restore_best_weights=True) on val_accuracy; "
            "returns (a second functional Model taking the 10 CSV feature columns and slicing them into the two "
            "inputs, History.history: loss/accuracy/val_loss/val_accuracy)",
      status="faulty", metric="accuracy", units="",
      fault="code/hive_net.py lines 46-47: EarlyStopping(monitor=\"val_accuracy\", mode=\"min\", patience=8, "
            "restore_best_weights=True) -- the direction is the one for a loss, so the first epoch's val accuracy "
            "(0.574) is the 'best' and every later, higher one counts as no improvement: training stops after epoch 9 "
            "(val accuracy 0.574 -> 0.834, val loss 0.9293 -> 0.3941 over the 9 logged epochs, still improving) and "
            "Keras then restores the epoch-1 weights. The returned model scores 0.574 on validation (majority class "
            "0.532) while the last logged val_accuracy reads 0.834; the twin trains 35 epochs and keeps its best "
            "(0.852 at epoch 27)",
      expected_symptoms=["underfitting"], expected_causes=["training_loop_bug", "insufficient_training"],
      repairable=False,
      twin_fix="code: mode=\"max\" in the EarlyStopping of line 46 (everything else unchanged)",
      extra="config-only attempts cannot reach the twin, because the epoch-1 weights are always restored: "
            "early_stopping_patience=30 -> 0.574 (trains 31 epochs, its val accuracy reaches 0.852, then epoch 1 is "
            "restored); lr=0.01 -> 0.788 (a better first epoch, still stops at epoch 9); batch_size=8 -> 0.682. "
            "The history the code returns looks healthy (last val_accuracy 0.834); only scoring the returned model "
            "shows the 0.574"),
 dict(name="hospital_chiller",
      shape="function, 4-arg, PyTorch Lightning regression module (2 x 64 SiLU MLP, standardisation buffers, target "
            "scaled inside the loss), AdamW + CosineAnnealingLR per epoch from configure_optimizers, Callback calling "
            "monitor.log_epoch(train_loss, val_loss, metric, lr) from on_train_epoch_end; returns the LightningModule",
      status="faulty", metric="rmse", units="kW",
      fault="training_step (code/chiller_power.py lines 27-31) computes and logs the loss but does not return it, so "
            "Lightning's automatic optimisation has nothing to back-propagate: no gradient is computed and no "
            "optimizer step is taken in any of the 50 epochs (Lightning only emits a UserWarning `training_step` "
            "returned `None`). The network keeps its random initial weights: train loss 0.9821 and val loss 0.8889 "
            "(scaled MSE) and val RMSE 126.63 kW identical in every epoch while the lr follows its cosine schedule "
            "(0.003 -> 0); predictions stay near the training mean (val prediction sd 6.81 kW), val RMSE 126.63 "
            "against 129.02 for the constant and 4.27 for the twin",
      expected_symptoms=["underfitting", "constant_output"], expected_causes=["training_loop_bug", "code_error"],
      repairable=False,
      twin_fix="code: `return loss` at the end of training_step (after line 31; _twins/hospital_chiller/chiller_power.py line 32)",
      extra="config-only attempts change nothing, to the last digit: lr=0.03 -> 126.6307; epochs=150 -> 126.6307 "
            "(the parameters never move). The twin's val RMSE falls 33.60 -> 4.27 (best 4.25 at epoch 43; noise sd "
            "of the metering 4 kW)"),
 dict(name="solar_park",
      shape="kind=sklearn, build_estimator(config) -> Pipeline(StandardScaler, SplineTransformer(n_knots, degree from "
            "config), RidgeCV(13 alphas)): an additive cubic-spline model (GAM-like), one fit",
      status="faulty", metric="rmse", units="kW",
      fault="data/train.csv lines 2-444: the 443 training hours before 20 April (29.7% of the 1491 rows) come from the "
            "plant's original logger, which exported poa_irradiance_wm2 as hourly irradiation in kJ/m2 (= W/m2 x "
            "3.6); the other train rows and every val row are in W/m2. 44 of those rows read above the solar "
            "constant (1361 W/m2; train max 2459.2 against a val max of 967.5), and the power per unit irradiance is "
            "0.138 kW per W/m2 in the logger rows against 0.452 in the rest. Most logger rows (true 15-683 W/m2; 399 of 443) read "
            "within the normal range, so the spline for irradiance is pulled toward a 3.6x flatter response: train "
            "RMSE 43.63 (twin 4.40), val RMSE 43.80 kW against 4.82 for the twin",
      expected_symptoms=["invalid_data", "underfitting"], expected_causes=["invalid_data"], repairable=False,
      twin_fix="data: divide poa_irradiance_wm2 by 3.6 in train.csv lines 2-444 (the logger rows); code and config unchanged",
      extra="the contract's `standardize` repair (features standardised with train statistics, on copies via "
            "--train/--val) -> 43.795, identical to plain (the pipeline standardises anyway, with the same polluted "
            "statistics); dropping only the 44 physically impossible rows (> 1361 W/m2) -> 43.6744: the 399 "
            "in-range logger rows still bias the fit; dropping all 443 logger rows -> 5.0781 (within 1.1x of the twin, "
            "but no repair the contract lists does it); n_knots=16 -> 43.9112 (capacity is not the problem); "
            "plain model scored on its own training rows -> 43.6313, the twin on its (corrected) training rows -> 4.4021"),
 dict(name="alpine_snowpack",
      shape="kind=mle, Tobit (censored-normal) regression of 1 April snow depth at 0 cm: latent depth linear in "
            "elevation (per km about 2000 m), winter precipitation (per 100 mm about 850 mm), winter temperature, "
            "north aspect and forest cover; 7 params (sigma bounded to [1, 500] cm), NLL with scipy.stats.norm "
            "logcdf/logpdf; predicts the expected depth Phi(mu/sigma) mu + sigma phi(mu/sigma)",
      status="healthy", metric="rmse", units="cm", fault="none", expected_symptoms=[], expected_causes=[],
      repairable=False,
      twin_fix="none (healthy); L-BFGS-B converges in 30 iterations: b0 94.79, b_elev 40.53, b_precip 19.49, "
               "b_temp -10.76, b_north 22.77, b_forest -39.76, sigma 29.05 (truth 95, 38, 19, -11, 22, -40, 28), "
               "Hessian cond ~7.3e2, all SEs small against their estimates (largest 5.13 for b_forest); val RMSE "
               "23.97 cm, dominated by the 28 cm site scatter; 15.7% of the sites are bare (0 cm)"),
]

EXTRA_RUNS_C = {
    "hive_acoustics": {"extra_cfg": 0.574, "extra_cfg2": 0.788, "extra_cfg3": 0.682},
    "hospital_chiller": {"extra_cfg": 126.6307, "extra_cfg2": 126.6307},
    "solar_park": {"extra_std": 43.795, "extra_drop1361": 43.6744, "extra_dropblock": 5.0781, "extra_cfg": 43.9112,
                   "extra_trainfit": 43.6313, "extra_twin_trainfit": 4.4021},
}

# plain / twin metrics quoted in the text above (checked too)
PLAIN_TWIN_C = {
    "hive_acoustics": {"plain": 0.574, "twin": 0.852},
    "hospital_chiller": {"plain": 126.6307, "twin": 4.2714},
    "solar_park": {"plain": 43.795, "twin": 4.8199},
    "alpine_snowpack": {"plain": 23.9702},
}


from quoted import mismatches  # noqa: E402 - the check every part shares


def check():
    bad = mismatches(EXTRA_RUNS_C, PLAIN_TWIN_C)
    # quoted figures of the histories and fits
    h = json.load(open(f"{R}/hive_acoustics_plain.json"))
    hist = h["history"]
    assert len(hist["val_accuracy"]) == 9 and round(hist["val_accuracy"][-1], 3) == 0.834, "hive plain history"
    assert round(h["majority_acc"], 3) == 0.532
    t = json.load(open(f"{R}/hive_acoustics_twin.json"))["history"]["val_accuracy"]
    assert len(t) == 35 and t.index(max(t)) + 1 == 27 and round(max(t), 3) == 0.852, "hive twin history"
    c = json.load(open(f"{R}/hospital_chiller_plain.json"))
    assert len(set(round(x, 4) for x in c["history"]["train_loss"])) == 1 and round(c["history"]["train_loss"][0], 4) == 0.9821
    assert round(c["val_pred_std"], 2) == 6.81 and round(c["constant_rmse"], 2) == 129.02
    a = json.load(open(f"{R}/alpine_snowpack_plain.json"))
    assert a["opt_success"] and a["nit"] == 30 and 700 < a["cond"] < 760, "snowpack fit"
    print("round5_c: %s" % ("all quoted numbers match" if bad == 0 else f"{bad} mismatches"))
    return bad == 0


if __name__ == "__main__":
    check()
