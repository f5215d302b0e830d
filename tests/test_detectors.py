"""Detectors on recorded histories: each fires on its fault and stays quiet on healthy, noisy runs."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from model_trainer.detect import DETECTORS, Facts, detect_all, first_finding
from model_trainer.events import EpochLogged
from model_trainer.probes.data_report import data_report


def hist(**cols: list[float]) -> list[EpochLogged]:
    n = max(len(v) for v in cols.values())
    return [EpochLogged(i + 1, {k: v[i] for k, v in cols.items() if i < len(v)}, 0.1) for i in range(n)]


def healthy_curve(n: int = 40, noise: float = 0.05, seed: int = 0, floor: float = 0.2) -> list[float]:
    rng = np.random.default_rng(seed)
    base = floor + 2.0 * np.exp(-np.arange(n) / 6)
    return list(base * (1 + noise * rng.normal(size=n)))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("noise", [0.0, 0.05, 0.1])
def test_healthy_noisy_runs_raise_no_flag(seed, noise):
    train = healthy_curve(noise=noise, seed=seed)
    val = [v * 1.15 for v in healthy_curve(noise=noise, seed=seed + 100)]  # a generalisation gap, not overfitting
    h = hist(train_loss=train, val_loss=val, metric=[math.sqrt(v) for v in val], grad_norm=[1.0] * 40,
             dead_frac=[0.2] * 40, zero_grad_frac=[0.05] * 40)
    facts = Facts(baseline_metric=1.5, epochs_planned=40)
    assert detect_all(h, facts) == []


def test_nan_loss_reports_onset_and_trend():
    h = hist(train_loss=[1.0, 2.0, 40.0, float("nan")], grad_norm=[1, 10, 300, float("nan")])
    f = DETECTORS["nan_loss"](h, Facts())
    assert f.onset_epoch == 4 and "1.0000 -> 40.0000" in f.message and "300" in f.message


def test_exploding_gradients_onset_is_where_growth_passes_the_threshold():
    h = hist(train_loss=[1.0] * 6, grad_norm=[1.0, 5.0, 50.0, 2e3, 1e5, 1e6])
    f = DETECTORS["exploding_gradients"](h, Facts())
    assert f.symptom == "exploding_gradients" and f.onset_epoch == 4


def test_a_loss_that_jumps_is_oscillating_and_one_that_grows_by_orders_of_magnitude_is_exploding():
    # the watch stops a run at the jump: 15x its minimum is a step overshooting, 5000x a divergence
    jump = DETECTORS["exploding_gradients"](hist(train_loss=[5.0, 3.0, 2.0, 30.0, 500.0]), Facts())
    assert (jump.symptom, jump.onset_epoch) == ("oscillating_loss", 4) and "diverged_to" in jump.evidence
    blow = DETECTORS["exploding_gradients"](hist(train_loss=[5.0, 3.0, 2.0, 1e4]), Facts())
    assert (blow.symptom, blow.onset_epoch) == ("exploding_gradients", 4)


def test_vanishing_uses_first_vs_last_layer():
    n = 12
    h = hist(train_loss=[1.0] * n, metric=[1.5] * n, **{"grad_norm": [1e-3] * n, "grad_norm.layer0": [1e-9] * n,
                                                       "grad_norm.layer9": [1e-3] * n})
    f = DETECTORS["vanishing_gradients"](h, Facts(baseline_metric=1.5))
    assert f is not None and f.evidence["first_group"] == "layer0"


def test_small_gradients_at_a_good_fit_are_convergence_not_vanishing():
    n = 12
    h = hist(train_loss=[0.01] * n, metric=[0.1] * n, grad_norm=[1e-9] * n)
    assert DETECTORS["vanishing_gradients"](h, Facts(baseline_metric=1.5)) is None


def test_dying_relu_by_dead_units_or_zero_gradients():
    flat = [2.0] * 10
    assert DETECTORS["dying_relu"](hist(train_loss=flat, dead_frac=[0.9] * 10), Facts()) is not None
    assert DETECTORS["dying_relu"](hist(train_loss=flat, dead_frac=[0.5] * 10, zero_grad_frac=[0.99] * 10),
                                   Facts()) is not None
    learning = healthy_curve(10)
    assert DETECTORS["dying_relu"](hist(train_loss=learning, dead_frac=[0.8] * 10), Facts(baseline_metric=None)) \
        is None


def test_dying_relu_from_the_returned_models_units_when_the_loop_logs_no_activations():
    flat = [2.0] * 10
    dead_layer = Facts(baseline_metric=1.0, diagnostics={"dead_frac": 0.5, "dead_layer_frac": 1.0})
    f = DETECTORS["dying_relu"](hist(train_loss=flat, metric=[1.0] * 10), dead_layer)
    assert f is not None and f.evidence["dead_layer_frac"] == 1.0 and "whole layer" in f.message
    # no loss logged: nothing says the training stopped improving
    assert DETECTORS["dying_relu"](hist(metric=[1.0] * 10), dead_layer) is None
    # the same dead layer in a model that is still learning is no finding
    assert DETECTORS["dying_relu"](hist(train_loss=healthy_curve(10), metric=[1.0] * 10), dead_layer) is None
    # most units dead but the model well ahead of the constant predictor: a sparse network, not a fault
    sparse = Facts(baseline_metric=1.0, diagnostics={"dead_frac": 0.8, "dead_layer_frac": 0.9})
    assert DETECTORS["dying_relu"](hist(train_loss=flat, metric=[0.3] * 10), sparse) is None
    at_constant = Facts(baseline_metric=1.0, diagnostics={"dead_frac": 0.8, "dead_layer_frac": 0.9})
    assert DETECTORS["dying_relu"](hist(train_loss=flat, metric=[0.99] * 10), at_constant) is not None
    # it comes before vanishing gradients, which dead units also produce
    both = hist(train_loss=flat, metric=[1.0] * 10, grad_norm=[1e-9] * 10)
    assert first_finding(both, dead_layer).symptom == "dying_relu"


def test_relu_units_of_a_returned_torch_model():
    torch = pytest.importorskip("torch")
    from model_trainer.kinds.common import relu_units

    class Wrapper:
        def __init__(self) -> None:
            torch.manual_seed(0)
            self.net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 4),
                                           torch.nn.ReLU(), torch.nn.Linear(4, 1))
            with torch.no_grad():
                self.net[2].bias.fill_(-100.0)  # the second ReLU layer can never be positive

        def predict(self, x):
            with torch.no_grad():
                return self.net(torch.tensor(np.asarray(x, dtype=np.float32))).numpy().ravel()

    m = Wrapper()
    x = np.random.default_rng(0).normal(size=(50, 3))
    d = relu_units(m, m.predict, x)
    assert d is not None and d["dead_layer_frac"] == 1.0 and 0.5 <= d["dead_frac"] < 1.0
    assert relu_units(object(), lambda x: x, x) is None  # no torch module: no claim


def test_oscillation_is_amplitude_aware():
    big = [1.0 if i % 2 else 2.5 for i in range(20)]
    assert DETECTORS["oscillating_loss"](hist(train_loss=big), Facts()).symptom == "oscillating_loss"
    # SGD wiggle around a converged loss: direction changes every epoch, but tiny swings
    small = [0.5 + (0.01 if i % 2 else -0.01) for i in range(20)]
    assert DETECTORS["oscillating_loss"](hist(train_loss=small), Facts()) is None
    # a loss converged near zero: huge relative to its own level, negligible against where it started
    near_zero = [2.0, 1.0, 0.1] + [1e-6 if i % 2 else 1e-4 for i in range(17)]
    assert DETECTORS["oscillating_loss"](hist(train_loss=near_zero), Facts()) is None


def test_a_classifiers_swinging_loss_is_no_oscillation_while_its_accuracy_holds_beyond_the_references():
    from types import SimpleNamespace

    # a GRU at 99% accuracy whose cross-entropy still doubles and halves with a few confident rows
    loss = [1.38, 1.4, 1.5, 1.0, 0.8, 0.7, 0.38, 0.27, 0.22, 0.11, 0.2, 0.12, 0.225, 0.046, 0.063, 0.062, 0.103,
            0.031, 0.037, 0.024, 0.031, 0.01, 0.025, 0.009, 0.015]
    steady = [0.33, 0.33, 0.33, 0.45, 0.68, 0.69, 0.91, 0.92, 0.92, 0.96, 0.93, 0.96, 0.905, 0.983, 0.983, 0.978,
              0.962, 0.995, 0.988, 0.99, 0.988, 0.998, 0.993, 0.998, 0.993]
    refs = SimpleNamespace(references={"constant": 0.33, "linear": 0.49, "boosting": 0.89})
    acc = Facts(metric="accuracy", higher_is_better=True, data=refs)
    assert DETECTORS["oscillating_loss"](hist(val_loss=loss, metric=steady), acc) is None
    # the same loss without references, or with an accuracy that swings with it, or short of a reference: flagged
    assert DETECTORS["oscillating_loss"](hist(val_loss=loss, metric=steady), replace(acc, data=None)) is not None
    swinging = steady[:13] + [0.98 if i % 2 else 0.9 for i in range(12)]
    assert DETECTORS["oscillating_loss"](hist(val_loss=loss, metric=swinging), acc) is not None
    strong = SimpleNamespace(references={"constant": 0.33, "linear": 0.49, "boosting": 0.996})
    assert DETECTORS["oscillating_loss"](hist(val_loss=loss, metric=steady), replace(acc, data=strong)) is not None
    # a regression's rmse is no count of rows: its loss's swings are judged as they are
    rmse = Facts(metric="rmse", data=refs)
    assert DETECTORS["oscillating_loss"](hist(val_loss=loss, metric=steady), rmse) is not None


def test_slow_convergence_versus_underfitting():
    falling = [10 - 0.1 * i for i in range(30)]
    facts = Facts(baseline_metric=3.0, epochs_planned=30)
    h = hist(train_loss=falling, metric=[2.9] * 30)
    assert first_finding(h, facts).symptom == "slow_convergence"
    flat = [2.0 + 0.001 * (i % 2) for i in range(30)]
    assert first_finding(hist(train_loss=flat, metric=[2.9] * 30), facts).symptom == "underfitting"
    assert first_finding(hist(train_loss=flat, metric=[1.0] * 30), facts) is None  # a good fit that stopped


def test_overfitting_needs_a_rise_not_a_gap():
    n = 30
    train = [1 / (i + 1) for i in range(n)]
    rising = [1.0 - 0.05 * i if i < 8 else 0.6 + 0.03 * (i - 8) for i in range(n)]
    f = DETECTORS["overfitting"](hist(train_loss=train, val_loss=rising), Facts())
    assert f is not None and 8 <= f.onset_epoch <= 10 and f.evidence["rise"] > 0.15
    gap = [t + 0.5 for t in train]
    assert DETECTORS["overfitting"](hist(train_loss=train, val_loss=gap), Facts()) is None


def test_early_stopping_run_is_not_overfitting():
    train = [1 / (i + 1) for i in range(15)]
    val = [1.0 - 0.05 * i if i < 10 else 0.55 + 0.05 * (i - 9) for i in range(15)]
    facts = Facts(config={"early_stopping_patience": 5}, epochs_planned=100)
    assert DETECTORS["overfitting"](hist(train_loss=train, val_loss=val), facts) is None


def test_a_model_that_answers_one_value_for_every_row_is_constant_output_whatever_its_history():
    import pandas as pd

    frame = pd.DataFrame({"x": np.arange(40.0), "y": np.sin(np.arange(40.0)) * 5})
    rep = data_report(frame[:30], frame[30:], ["x"], "y")
    h = hist(train_loss=[12.5] * 10, val_loss=[12.6] * 10, metric=[3.55] * 10)
    flat = Facts(data=rep, metric="rmse", baseline_metric=3.55,
                 diagnostics={"pred_std": 0.0, "pred_min": 0.2, "pred_max": 0.2})
    f = DETECTORS["constant_output"](h, flat)
    assert f.symptom == "constant_output" and "for every validation row" in f.message
    # predictions that vary, or a model better than the constant: not constant output
    spread = Facts(data=rep, metric="rmse", baseline_metric=3.55, diagnostics={"pred_std": 2.0})
    assert DETECTORS["constant_output"](h, spread) is None
    better = hist(train_loss=[1.0] * 10, val_loss=[1.0] * 10, metric=[1.0] * 10)
    assert DETECTORS["constant_output"](better, flat) is None


def test_an_output_stuck_at_one_value_from_its_first_epoch_is_constant_output_though_it_scores_worse():
    """An exponential head that underflowed to 0 in its first steps: every prediction is 0.0 mm from epoch 1 on, so no
    gradient flows and nothing collapsed from a better epoch. It scores worse than the constant (0 is not the mean);
    the zero gradients are the output's doing (not even the head gets one), not dead ReLU units (45% of them)."""
    stuck = hist(train_loss=[1.3e8] + [921.0] * 11, val_loss=[892.4] * 12, metric=[29.87] * 12,
                 pred_spread=[0.0] * 12, pred_min=[0.0] * 12, pred_max=[0.0] * 12,
                 zero_grad_frac=[0.11] + [1.0] * 11, dead_frac=[0.45] * 12,
                 **{"grad_norm.body": [350.2] + [0.0] * 11, "grad_norm.head": [360.0] + [0.0] * 11})
    facts = Facts(metric="rmse", baseline_metric=12.59, finished=True)
    assert DETECTORS["dying_relu"](stuck, facts) is None
    f = first_finding(stuck, facts)
    assert f is not None and f.symptom == "constant_output" and "0.0000 to 0.0000" in f.message
    # predictions that still spread, or most units dead: as before
    spread = [replace(e, values={**e.values, "pred_spread": 0.3}) for e in stuck]
    assert DETECTORS["constant_output"](spread, facts) is None
    dead = [replace(e, values={**e.values, "dead_frac": 0.9}) for e in stuck]
    assert DETECTORS["dying_relu"](dead, facts).symptom == "dying_relu"
    # a head that still gets a gradient behind a dead hidden layer: the layer's death is what stops the rest
    behind = [replace(e, values={**e.values, "grad_norm.head": 1.0}) for e in stuck]
    assert DETECTORS["dying_relu"](behind, facts).symptom == "dying_relu"


def test_invalid_data_from_the_data_report():
    import pandas as pd

    train = pd.DataFrame({"a": [1.0, np.nan, 5.0, 4.0], "b": [1, 1, 1, 1], "y": [1.0, 2.0, 3.0, 4.0]})
    val = pd.DataFrame({"a": [1.0, 5.0], "b": [1, 1], "y": [1.0, 5.0]})
    rep = data_report(train, val, ["a", "b"], "y")
    assert rep.non_finite == {"a": 1} and rep.constant_columns == ["b"] and rep.duplicate_rows == 1
    f = DETECTORS["invalid_data"]([], Facts(data=rep))
    assert f.symptom == "invalid_data" and "`a` (1)" in f.message
    assert DETECTORS["invalid_data"]([], Facts(data=rep.with_repairs({"drop_non_finite_rows": True}))) is None


def test_a_validation_column_in_other_units_that_the_references_fail_on_is_invalid_data():
    import pandas as pd

    from model_trainer.probes.references import references

    rng = np.random.default_rng(0)

    def frame(n: int) -> pd.DataFrame:
        t, w = rng.normal(12, 8, n), rng.normal(4, 2, n)
        return pd.DataFrame({"temp_c": t, "wind": w, "no2": 30 - 0.8 * t - 2 * w + rng.normal(0, 1, n)})
    train, val = frame(400), frame(150)
    celsius = val.copy()
    val["temp_c"] = val["temp_c"] * 1.8 + 32  # the validation file in Fahrenheit
    for v, flagged in ((val, True), (celsius, False)):
        rep = data_report(train, v, ["temp_c", "wind"], "no2", "rmse")
        refs = references(train, v, ["temp_c", "wind"], "no2", "rmse")
        rep.references, rep.references_held_out = refs.values, refs.held_out
        f = DETECTORS["invalid_data"]([], Facts(data=rep, metric="rmse"))
        assert (f is not None) is flagged, (rep.split_shift, refs.values, refs.held_out)
    assert f is None
    rep = data_report(train, val, ["temp_c", "wind"], "no2", "rmse")
    refs = references(train, val, ["temp_c", "wind"], "no2", "rmse")
    rep.references, rep.references_held_out = refs.values, refs.held_out
    f = DETECTORS["invalid_data"]([], Facts(data=rep, metric="rmse"))
    assert f.evidence["cause"] == "train_val_mismatch" and "`temp_c`" in f.message
    assert [d["column"] for d in f.evidence["split_shift"]] == ["temp_c"]
    # the same shift where no reference scores worse on validation than on held-out training rows: not a fault
    rep.references_held_out = {k: v for k, v in refs.values.items() if k != "constant"}
    assert DETECTORS["invalid_data"]([], Facts(data=rep, metric="rmse")) is None
    rep.references_held_out = refs.held_out
    # a model that does far better on validation than every reference is not hurt by the shift (a mechanistic model
    # extrapolating beyond the training range, as it was built to)
    good = hist(train_loss=[1.0] * 5, val_loss=[1.0] * 5, metric=[0.01] * 5)
    assert DETECTORS["invalid_data"](good, Facts(data=rep, metric="rmse")) is None
    assert DETECTORS["invalid_data"](hist(metric=[9.0] * 5), Facts(data=rep, metric="rmse")) is not None
    # aligned by the diagnostic: nothing left to flag
    assert DETECTORS["invalid_data"]([], Facts(data=rep.with_repairs({"align_validation": ["temp_c"]}),
                                               metric="rmse")) is None


def test_a_column_that_goes_with_the_target_only_in_training_is_invalid_data():
    import pandas as pd

    from model_trainer.probes.references import references
    from model_trainer.repairs import REPAIRS
    from model_trainer.repairs.base import Context

    rng = np.random.default_rng(1)

    def frame(n: int, after_the_outcome: bool) -> pd.DataFrame:
        x1, x2 = rng.normal(0, 1, n), rng.normal(0, 1, n)
        case = (x1 + 0.5 * x2 + rng.normal(0, 1, n) > 1.0).astype(int)
        # a count recorded after the outcome in one file (it includes the case's own treatments), before it in the other
        count = rng.poisson(0.4, n) + (2 * case if after_the_outcome else 0)
        return pd.DataFrame({"x1": x1, "x2": x2, "treatments": count, "case": case})
    train, val = frame(800, True), frame(300, False)
    rep = data_report(train, val, ["x1", "x2", "treatments"], "case", "accuracy")
    assert [d["column"] for d in rep.relation_shift] == ["treatments"] and not rep.split_shift
    refs = references(train, val, ["x1", "x2", "treatments"], "case", "accuracy")
    rep.references, rep.references_held_out = refs.values, refs.held_out
    f = DETECTORS["invalid_data"]([], Facts(data=rep, metric="accuracy"))
    assert f is not None and f.evidence["cause"] == "train_val_mismatch" and "`treatments`" in f.message, f
    change = REPAIRS["leave_out_columns"].propose(Context({}, {}, f, Facts(data=rep, metric="accuracy"), set()))
    assert change.data_after == {"leave_out_columns": ["treatments"]}
    assert DETECTORS["invalid_data"]([], Facts(data=rep.with_repairs(change.data_after), metric="accuracy")) is None
    # shifted in its values too (recorded in other units as well): the changed meaning is read first, since aligning
    # the units would leave it
    moved = val.copy()
    moved["treatments"] = moved["treatments"] * 10 + 20
    rep = data_report(train, moved, ["x1", "x2", "treatments"], "case", "accuracy")
    assert rep.split_shift and rep.relation_shift
    rep.references, rep.references_held_out = refs.values, refs.held_out
    f = DETECTORS["invalid_data"]([], Facts(data=rep, metric="accuracy"))
    assert f is not None and "relation_shift" in f.evidence and "split_shift" not in f.evidence
    # recorded alike in both files: the same strong column is no fault
    alike = frame(300, True)
    rep = data_report(train, alike, ["x1", "x2", "treatments"], "case", "accuracy")
    assert rep.relation_shift == []


def test_leakage_is_invalid_data():
    import pandas as pd

    rng = np.random.default_rng(0)
    y = rng.normal(size=50)
    train = pd.DataFrame({"a": rng.normal(size=50), "copy": y * 2 + 1, "y": y})
    rep = data_report(train, train.iloc[:10], ["a", "copy"], "y")
    assert rep.leakage == ["copy"]
    assert "leaks" in DETECTORS["invalid_data"]([], Facts(data=rep)).message


def test_a_validation_loss_that_blows_up_and_stays_is_a_divergence_though_the_training_loss_falls_again():
    """SGD far too fast: the weights blow up in the first epochs, the units die, the training loss (averaged over the
    epoch, then on a dead network) falls again, and the validation loss sits 10^4-10^5 times where it started."""
    blew = hist(train_loss=[3054.0, 2801.0, 1.76, 1.28, 2.23, 2.05, 1.63, 1.5],
                val_loss=[1.80, 49401.0, 90154.0, 99786.0, 101825.0, 102246.0, 102333.0, 102352.0])
    f = first_finding(blew, Facts(metric="accuracy", higher_is_better=True))
    assert f is not None and f.symptom == "exploding_gradients" and f.onset_epoch == 2
    assert f.evidence["series"] == "val_loss"


def test_a_validation_loss_that_blows_up_beside_a_settled_training_loss_is_a_gap_between_the_splits():
    """Validation rows the code never scales: the training loss falls every epoch and stays below the validation
    loss, which jumps from 2.7e4 to 6e5. No weight blew up; the validation rows fail a model that fits its own, and
    the run goes on to be judged as overfitting."""
    gap = hist(train_loss=[910.9, 446.2, 157.0, 91.3, 60.1, 41.7, 30.2, 22.9],
               val_loss=[26807.0, 597634.0, 1.2e6, 2.1e6, 2.9e6, 3.6e6, 4.2e6, 4.8e6])
    assert DETECTORS["exploding_gradients"](gap, Facts()) is None
    # one epoch whose training average jumped as well is the weights blowing up, as before
    jumped = hist(train_loss=[910.9, 4462.0, 157.0, 91.3, 60.1, 41.7, 30.2, 22.9],
                  val_loss=[26807.0, 597634.0, 1.2e6, 2.1e6, 2.9e6, 3.6e6, 4.2e6, 4.8e6])
    assert DETECTORS["exploding_gradients"](jumped, Facts()).evidence["series"] == "val_loss"


def test_a_model_that_blew_up_in_its_first_epoch_is_a_divergence_though_its_loss_then_falls():
    """SGD on unscaled features: predictions of 1e18 from the first epoch, the loss creeping down from 1e38; nothing
    grew from a first value, yet every error is 1e17 times the constant predictor's."""
    loss = [1.04e38 * 0.9 ** i for i in range(30)]
    h = hist(train_loss=loss, val_loss=loss, metric=[math.sqrt(v) for v in loss])
    f = first_finding(h, Facts(baseline_metric=5.46, epochs_planned=30))
    assert f is not None and f.symptom == "exploding_gradients" and f.onset_epoch == 1
    assert "blew up within its first epoch" in f.message and "e+" in f.message and "%" not in f.message
    # a thousand times the constant's (a metric in grams on a target in kilograms) is no divergence
    grams = hist(train_loss=[1e6] * 30, val_loss=[1e6] * 30, metric=[5.46e3] * 30)
    from model_trainer.detect import exploding_gradients
    assert exploding_gradients.detect(grams, Facts(baseline_metric=5.46, epochs_planned=30)) is None


@pytest.mark.parametrize("val", [
    [0.9 * 1.12 ** i for i in range(30)],                       # creeping up over many epochs: overfitting
    [0.7, 0.2, 0.05, 0.01, 0.2, 0.25, 0.3, 0.22, 0.3, 0.28],    # a near-perfect classifier's jump, below its start
    [1.0, 0.5, 30.0, 0.4, 0.35, 0.3, 0.3, 0.3, 0.3, 0.3],       # one bad epoch that recovers
])
def test_a_validation_loss_that_rises_slowly_jumps_below_its_start_or_recovers_is_no_divergence(val):
    from model_trainer.detect import exploding_gradients

    h = hist(train_loss=[1.0 / (i + 1) for i in range(len(val))], val_loss=val)
    assert exploding_gradients.detect(h, Facts()) is None


def test_a_handful_of_epochs_still_falling_asks_for_more_epochs_first():
    from model_trainer.detect.thresholds import MIN_CURVE_EPOCHS

    def run(n: int) -> list[EpochLogged]:
        return [EpochLogged(i, {"train_loss": 10.0 * 0.8 ** i, "metric": 10.0 - 0.05 * i}, 0.1)
                for i in range(1, n + 1)]
    facts = Facts(baseline_metric=10.0, epochs_planned=4)
    short = DETECTORS["slow_convergence"](run(4), facts)
    assert short is not None and short.evidence["cause"] == "insufficient_training"
    long = DETECTORS["slow_convergence"](run(MIN_CURVE_EPOCHS + 10), replace(facts, epochs_planned=30))
    assert long is not None and "cause" not in long.evidence


def test_a_fit_on_a_set_bound_is_a_surprising_optimum_though_a_scaled_direction_is_weak():
    """At a constrained optimum the curvature is not a minimum's: a weak direction on the estimates' scale alone does
    not outrank the bound; a numerically singular matrix still does."""
    weak = [{"name": "b_density", "reason": "weak direction on the estimates' scale", "curvature": 6e5, "with": []}]
    diag = {"singular": True, "numerically_singular": False, "weak": weak, "n_params": 6, "condition_number": 1.9e4,
            "finite": True, "nll_finite": True, "correlated_pairs": [],
            "optimizer": {"method": "L-BFGS-B", "success": True, "message": "CONVERGENCE", "nit": 63},
            "stationarity": {"stationary": True},
            "at_bounds": [{"parameter": "lam", "bound": "lower", "value": -2.0}]}
    facts = Facts(kind="mle", diagnostics=diag)
    assert DETECTORS["singular_matrix"]([], facts) is None
    assert first_finding([], facts).symptom == "surprising_optimum"
    assert DETECTORS["singular_matrix"]([], replace(facts, diagnostics={**diag, "numerically_singular": True})) \
        is not None
    assert DETECTORS["singular_matrix"]([], replace(facts, diagnostics={**diag, "at_bounds": []})) is not None


def test_a_gradient_that_falls_to_nothing_at_the_references_accuracy_is_convergence():
    """A Newton fit of a logistic model: the gradient falls quadratically to 1e-12 once the loss is at its minimum.
    Vanishing gradients are a loss stuck short of a fit with a gradient that never was large."""
    from model_trainer.probes.data_report import DataReport

    grads = [0.39, 0.099, 0.029, 0.0049, 1.9e-4, 3.1e-7, 7.8e-13, 1e-13]
    losses = [0.355, 0.299, 0.2898, 0.2894, 0.2894, 0.2894, 0.2894, 0.2894]
    hist = [EpochLogged(i + 1, {"train_loss": v, "metric": 0.8364, "grad_norm": g}, 0.01)
            for i, (v, g) in enumerate(zip(losses, grads, strict=True))]
    rep = DataReport(120, 110, ["a"], {}, {}, {}, [], 0, [], target="y",
                     references={"constant": 0.6364, "linear": 0.8364, "boosting": 0.8091})
    facts = Facts(metric="accuracy", higher_is_better=True, data=rep, finished=True)
    assert DETECTORS["vanishing_gradients"](hist, facts) is None
    # behind the references, the same fall is still convergence: how good that optimum is, is underfitting's call
    behind = [EpochLogged(e.epoch, {**e.values, "metric": 0.64}, 0.01) for e in hist]
    assert DETECTORS["vanishing_gradients"](behind, facts) is None
    # a gradient that starts small and stays so, with the loss stuck short of a fit, is a vanishing one
    stuck = [EpochLogged(e.epoch, {**e.values, "grad_norm": 5e-8, "train_loss": 0.355}, 0.01) for e in behind]
    assert DETECTORS["vanishing_gradients"](stuck, facts).symptom == "vanishing_gradients"


def test_missing_feature_values_the_code_handles_are_no_red_flag():
    import pandas as pd

    train = pd.DataFrame({"a": [1.0, np.nan, 5.0, 4.0, 2.0], "y": [1.0, 2.0, 3.0, 4.0, 2.5]})
    val = pd.DataFrame({"a": [1.5, np.nan], "y": [1.0, 5.0]})
    rep = data_report(train, val, ["a"], "y")
    finite = [EpochLogged(1, {"train_loss": 0.4, "val_loss": 0.5}, 0.1)]
    assert DETECTORS["invalid_data"](finite, Facts(data=rep, diagnostics={"metric_own": 0.7})) is None
    # not handled: the losses went NaN, the model's own score is NaN, or the run never logged an epoch
    nan = [EpochLogged(1, {"train_loss": float("nan"), "val_loss": 0.5}, 0.1)]
    assert DETECTORS["invalid_data"](nan, Facts(data=rep)).symptom == "invalid_data"
    assert DETECTORS["invalid_data"](finite, Facts(data=rep, diagnostics={"metric_own": float("nan")})) is not None
    assert DETECTORS["invalid_data"]([], Facts(data=rep)) is not None


def test_a_split_gap_is_read_on_the_rows_the_held_out_scores_were_read_on():
    """Rows missing a value are kept in the references (the linear one imputes them, and scores worse for it); the
    held-out scores are the complete rows': the gap between them is the imputation's, not the split's."""
    from types import SimpleNamespace

    from model_trainer.detect.invalid_data import _split_gap

    rep = SimpleNamespace(references={"constant": 2.1, "linear": 0.44, "boosting": 0.45},
                          references_complete={"constant": 2.1, "linear": 0.104, "boosting": 0.2},
                          references_held_out={"linear": 0.1, "boosting": 0.19})
    assert _split_gap(rep, "rmse", 0.44) is None
    rep.references_complete = None  # without the complete rows' scores the same numbers read as a gap
    assert _split_gap(rep, "rmse", 0.44) is not None
