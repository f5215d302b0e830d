"""Measurements an expert makes before guessing; each is a test record and may point at a cause (``suspect``).

None of them retrains: they read the recorded runs, the data and the user's source.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from model_trainer import config_keys
from model_trainer.detect import thresholds as T
from model_trainer.investigate.state import Investigation
from model_trainer.probes.config_range import out_of_range
from model_trainer.probes.error_messages import known_warning
from model_trainer.probes.gradients import group_gradients, saturation
from model_trainer.probes.loop_code import loop_findings
from model_trainer.probes.lr_used import COLLAPSE_SHARE, SHORT_SHARE, lr_collapse, lr_short
from model_trainer.probes.output_code import excludes, output_findings
from model_trainer.probes.output_range import capped, output_range
from model_trainer.probes.shift import shifted_columns
from model_trainer.records.fmt import num, short

# dying_relu too: inputs on large scales give large pre-activations and large first updates, which push units
# to where they are never positive again
# constant_output too: a network (or a kernel model's zero-mean prior) that stays near 0 for a target far from it
_SCALE_SYMPTOMS = ("nan_loss", "exploding_gradients", "oscillating_loss", "slow_convergence", "underfitting",
                   "dying_relu", "constant_output")


def probe(inv: Investigation) -> None:
    if "probed" in inv.measurements:
        return
    inv.measurements["probed"] = True
    _imports(inv)
    _gradients(inv)
    _scales(inv)
    _identifiability(inv)
    _saturation(inv)
    _output_range(inv)
    _shift(inv)
    _loop_code(inv)
    _known_warnings(inv)
    _broadcast_op(inv)
    _lr_used(inv)
    _label_signal(inv)
    _short_curve(inv)
    _config_ranges(inv)
    _own_predictions(inv)
    _training_rows(inv)
    _gradient_reach(inv)
    _constant_columns(inv)
    _missing_codes(inv)
    _identical_units(inv)
    _target_outliers(inv)
    _discretised_target(inv)
    _bound_in_code(inv)
    _residual_trend(inv)
    _target_unread(inv)
    _negative_loss(inv)
    _non_finite_in_code(inv)
    _initial_loss(inv)
    _unrepeatable(inv)
    _embedding_rows(inv)
    _analytic_gradient(inv)
    record(inv)


def record(inv: Investigation) -> None:
    """The probes' measurements, and the changes no knob of the code could carry (``unavailable``, with the value
    they would have tried), in the failing run's folder: every number an entry quotes is in a recorded file."""
    import json

    from model_trainer.records.atomic import atomic_write_text

    ws = getattr(inv.session, "ws", None)
    runs = getattr(ws, "runs", None)
    if runs is None or not (runs / inv.failing.run_id).is_dir():
        return
    keep = {k: v for k, v in inv.measurements.items()
            if k in ("output_range", "shift", "lr_collapse", "lr_short", "code", "saturation")}
    if inv.unavailable:
        keep["unavailable"] = list(inv.unavailable)
    atomic_write_text(runs / inv.failing.run_id / "probes.json", json.dumps(keep, indent=2, default=str))


def _gradients(inv: Investigation) -> None:
    grads = None
    for r in inv.runs:
        grads = group_gradients(r.history)
        if grads:
            break
    if grads is None:
        return
    hi, lo = grads.hi[0], grads.lo[0]
    inv.measurements["grads"] = grads
    inv.measurements["gradient_heterogeneity"] = grads.heterogeneous
    listing = ", ".join(f"`{g}` = {num(v)}" for g, v in sorted(grads.norms.items(), key=lambda kv: -kv[1]))
    where = ("first step of the epoch, before clipping, measured by the built-in loop"
             if inv.facts.kind == "torch" else "as the training code logged them (before or after clipping is not "
             "recorded)")
    run_id = next((r.run_id for r in inv.runs if group_gradients(r.history) == grads), None)
    n = inv.add("Gradients differ strongly between parameter groups", f"Checked gradient magnitudes per parameter "
                f"group ({where})", "measurement", run_id,
                f"Gradient norms at epoch {grads.epoch}: {listing}; "
                + (f"`{hi}` / `{lo}` = {grads.ratio:.3g}x" if math.isfinite(grads.ratio) else
                   f"no gradient reached `{lo}`")
                + (" -> heterogeneity" if grads.heterogeneous else " -> comparable"), None)
    if grads.heterogeneous:
        inv.suspect("gradient_heterogeneity", 2.0, n)


def _scales(inv: Investigation) -> None:
    rep, sym = inv.report, inv.finding.symptom
    # a distance- or kernel-based estimator with no scaler in front measures its rows in the features' own units,
    # whatever the symptom
    metric_model = (inv.failing.diagnostics or {}).get("scale_sensitive")
    if (sym not in _SCALE_SYMPTOMS and not (metric_model and rep.unscaled_features)) or inv.facts.kind == "mle":
        return
    wide = ", ".join(f"`{c}` {num(s)}" for c, s in rep.widest(2))
    inside = bool((inv.failing.diagnostics or {}).get("scales_inside"))
    n = inv.add("Features on very different scales", "Checked feature scales (std on the training split)",
                "measurement", None, f"Std spread {rep.scale_spread:.3g}x (widest: {wide})"
                + (f" -> unscaled, and the model ({metric_model}) measures distances between rows in those units "
                   "with no scaler in front of it" if rep.unscaled_features and metric_model else
                   " in the files, but the returned model's pipeline scales them before its estimator -> not the "
                   "issue" if rep.unscaled_features and inside else
                   " -> unscaled" if rep.unscaled_features else " -> comparable"), None)
    if rep.unscaled_features and not inside:
        inv.suspect("unscaled_features", 2.5 if metric_model else 1.5, n)
    if rep.target_std is not None:
        n = inv.add("Target far from unit scale", "Checked the target's scale", "measurement", None,
                    f"`{rep.target}` mean {num(rep.target_mean)}, std {num(rep.target_std)}"
                    + (" -> unscaled" if rep.unscaled_target else " -> fine"), None)
        if rep.unscaled_target:
            inv.suspect("unscaled_target", 1.4, n)


def _identifiability(inv: Investigation) -> None:
    d = inv.failing.diagnostics
    if inv.finding.symptom != "singular_matrix" or not d:
        return
    n_obs, k = d.get("n_obs"), d.get("n_params")
    inv.add("Data insufficient (rank deficiency)", "Checked data points against parameters", "measurement", None,
            f"{n_obs} observations vs {k} parameters" + (" -> NOT the issue by count alone" if n_obs and k and
                                                          n_obs > 5 * k else " -> few observations per parameter"),
            None)
    weak = d.get("weak", [])
    support = [w["name"] for w in weak if w["reason"] == "no data support"]
    coll = [w["name"] for w in weak if w["reason"] == "collinearity"]
    n = inv.add("Model over-parameterized", "Eigen-analysis of the information matrix at the optimum",
                "measurement", inv.failing.run_id,
                f"{len(weak)} of {k} parameters lie in near-null directions: {len(support)} without data support"
                + (f" (e.g. {', '.join(support[:3])})" if support else "") + f", {len(coll)} collinear"
                + (f" (e.g. {', '.join(coll[:3])})" if coll else "")
                + (f"; {len(d.get('poorly_determined', []))} estimates have a standard error larger than the "
                   f"estimate or none (e.g. {', '.join(d['poorly_determined'][:3])})"
                   if d.get("poorly_determined") else "") + " -> LIKELY ISSUE", None)
    inv.suspect("non_identifiable", 2.0, n)


def _saturation(inv: Investigation) -> None:
    sat = saturation(inv.failing.history)
    if sat is None or inv.finding.symptom not in ("vanishing_gradients", "underfitting", "slow_convergence"):
        return
    inv.measurements["saturation"] = sat
    n = inv.add("Activations saturate", "Checked tanh/sigmoid saturation on the validation pass", "measurement",
                inv.failing.run_id, f"{sat:.0%} of outputs beyond 0.99", None)
    if sat >= 0.5:
        inv.suspect("saturating_activation", 1.5, n)
        if not inv.report.unscaled_features:
            # inputs on unit scale: large pre-activations come from the weights, i.e. from their initialisation
            inv.suspect("bad_initialization", 1.6, n)


def _output_range(inv: Investigation) -> None:
    rep, last = inv.report, (inv.failing.history[-1] if inv.failing.history else None)
    if last is None or rep.target_min is None or inv.finding.symptom in ("nan_loss", "exploding_gradients",
                                                                         "oscillating_loss", "invalid_data"):
        return  # a diverged model's predictions say nothing about what its output layer can reach
    if "metric_own" in inv.finding.evidence:
        return  # the predictions are on the code's own scale, not the file's: their range says nothing of a bound
    lo, hi, when = last.get("pred_min"), last.get("pred_max"), f"at epoch {last.epoch}"
    d = inv.failing.diagnostics or {}
    source: Any = last
    if (lo is None or hi is None) and isinstance(d.get("pred_min"), (int, float)):
        # the user's loop does not log them: the tool's own, from the returned model (diagnostics.json)
        lo, hi, when, source = d["pred_min"], d["pred_max"], "of the returned model", d
    # the built-in loop logs the range each epoch and its last evaluation's piles in the diagnostics
    piles = {k: v for k in ("pred_at_max", "pred_at_min", "pred_distinct")
             if isinstance(v := (source.get(k) if source.get(k) is not None else d.get(k)), (int, float))}
    if lo is None or hi is None:
        return
    r = output_range(lo, hi, rep.target_min, rep.target_max)  # type: ignore[arg-type]
    cap = bool(r) and capped({**piles, "pred_max": hi}, rep.target_max)  # type: ignore[arg-type]
    code = [f for f in (_source_findings(inv, output_findings) if r else [])
            if excludes(f["activation"], rep.target_min, rep.target_max)]  # type: ignore[arg-type]
    verdict = (f" -> {r['uncovered']:.0%} of the target's range lies outside what the model produced "
               f"({r['below']:.0%} below its smallest prediction, {r['above']:.0%} above its largest)"
               if r else " -> covered")
    if cap:
        verdict += (f"; {piles['pred_at_max']:.0%} of the validation rows get exactly the largest prediction, "
                    f"{num(hi)}, from a model whose other answers differ row by row: a cap in the model")
    lopsided = bool(r) and max(r["below"], r["above"]) >= max(0.25, 3 * min(r["below"], r["above"]))
    bounded_cfg = str(inv.failing.config.get("output_activation", "none")).lower() in ("relu", "sigmoid", "tanh",
                                                                                       "softmax")
    if r and not code and not bounded_cfg and not lopsided and not cap and _learnt_little(inv):
        # a model that learnt next to nothing predicts near the mean whatever its output layer: a shortfall on both
        # sides is shrinkage, not evidence of a bound (a bound shows on one side, or in the code)
        verdict += "; the model is hardly better than the constant predictor, so this says little about a bound"
        r = None
    n = inv.add("The output layer cannot produce the target's range", "Compared the predictions' range on "
                "validation with the target's range on training", "measurement", inv.failing.run_id,
                f"predictions {num(lo)} to {num(hi)} {when}, target {num(rep.target_min)} to {num(rep.target_max)}"
                f"{verdict}", None)
    if r:
        # the bounded activation the code applies last (or the built-in's config names), for a repair that maps the
        # target into its range
        named = [f["activation"] for f in code if f.get("activation")]
        act = str(inv.failing.config.get("output_activation", "")).lower() if bounded_cfg else None
        inv.measurements["output_range"] = {**r, "activation": named[-1] if named else act, "capped": cap}
        inv.suspect("output_range_mismatch", 3.0, n)
        for f in code:
            _code_finding(inv, f, "The output layer cannot produce the target's range", "Read the model code", 1.0)


def _learnt_little(inv: Investigation) -> bool:
    """The failing model's error is within 10% of the constant predictor's (regression metrics only)."""
    from model_trainer.investigate.judge import judged_value, refs_of

    const = refs_of(inv.facts).get("constant")
    if const is None or inv.facts.metric not in ("rmse", "mae") or const <= 0:
        return False
    m = judged_value(inv.failing, inv.facts.higher_is_better)
    return m is not None and m >= 0.9 * const


def _shift(inv: Investigation) -> None:
    data = getattr(inv.session, "data", None)
    if data is None or getattr(data, "train", None) is None or inv.facts.kind == "mle":
        return
    cols = [*([data.target] if data.target else []), *data.features]
    shifted = shifted_columns(data.train, data.val, cols)
    if not shifted:
        return
    s = shifted[0]
    n = inv.add("Train and validation are prepared or distributed differently", "Compared each column's mean and "
                "spread between the training and validation splits", "measurement", None,
                f"{len(shifted)} column(s) differ; largest: `{s['column']}` mean {num(s['train_mean'])} (train) vs "
                f"{num(s['val_mean'])} (validation), std {num(s['train_std'])} vs {num(s['val_std'])}", None)
    inv.measurements["shift"] = shifted
    inv.suspect("train_val_mismatch", 1.0 + (s["column"] == data.target), n)


def _source_findings(inv: Investigation, reader: Any) -> list[dict[str, Any]]:
    """What ``reader(source, name)`` finds in the user's entry file (function mode only), named relative to the spec."""
    model = _entry_source(inv) if inv.facts.kind == "function" else None
    if model is None:
        return []
    name, text = model
    return reader(text, name)


def _entry_source(inv: Investigation) -> tuple[str, str] | None:
    """The user's entry file as the spec names it (relative to the spec's folder) and its text."""
    entry = getattr(inv.session, "entry", None)
    path = getattr(entry, "file", None)
    if not path or not Path(path).is_file():
        return None
    root = getattr(inv.session.spec, "root", None)
    name = Path(path).name
    if root is not None:
        try:
            name = str(Path(path).resolve().relative_to(Path(root).resolve()))
        except ValueError:
            pass
    return name, Path(path).read_text(encoding="utf-8", errors="replace")


def _statement_start(text: str, line: int) -> int:
    """The first line of the statement that spans ``line`` (a call written over several lines reports the line it
    was executing)."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return line
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                                                 ast.For, ast.While, ast.If, ast.With, ast.Try)):
            end = getattr(node, "end_lineno", node.lineno)
            if node.lineno <= line <= end and (best is None or node.lineno > best):
                best = node.lineno
    return best or line


def _first_line_matching(text: str, pattern: re.Pattern[str]) -> int | None:
    """The first line, not a comment, where ``pattern`` matches."""
    return next((i for i, t in enumerate(text.splitlines(), 1)
                 if not t.lstrip().startswith("#") and pattern.search(t)), None)


def _first_line_naming(text: str, name: str) -> int | None:
    """The first line, not a comment, that names ``name`` as a string (a parameter's or a column's key)."""
    return next((i for i, t in enumerate(text.splitlines(), 1)
                 if not t.lstrip().startswith("#") and (f'"{name}"' in t or f"'{name}'" in t)), None)


def _imports(inv: Investigation) -> None:
    """The libraries the user's entry file imports (function mode): a knob's values are spelt as its library
    spells them (Keras names the identity activation ``"linear"``)."""
    import ast

    def reader(source: str, name: str) -> list[str]:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return []
        return [n.split(".")[0] for node in ast.walk(tree)
                for n in ([a.name for a in node.names] if isinstance(node, ast.Import) else
                          [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                          else [])]
    found = _source_findings(inv, reader)
    if found:
        inv.measurements["imports"] = sorted(set(found))


def _loop_code(inv: Investigation) -> None:
    for f in _source_findings(inv, loop_findings):
        if f.get("bug") == "scheduler_per_batch" and _schedule_as_configured(inv):
            continue  # a schedule written in batches (a warm-up, one-cycle): stepping it per batch is what it asks
        said = {"train_val_mismatch": "Train and validation are prepared differently",
                "loss_mismatch": "The loss does not fit what the network outputs"}.get(
                    f["cause"], "The training loop's bookkeeping is wrong")
        _code_finding(inv, f, said, "Read the training code", 4.0)
        if f.get("bug") == "no_zero_grad":
            inv.measurements["no_zero_grad"] = f"{f['file']}:{f['line']}"
        if f.get("bug") == "state_dict_by_reference":
            inv.measurements["state_dict_by_reference"] = f"{f['file']}:{f['line']}"
        if f.get("bug") == "fitted_on_one_split":
            inv.measurements["fitted_on_one_split"] = f"{f['file']}:{f['line']}"
        if f.get("bug") == "softmax_before_cross_entropy" and f.get("module"):
            # the diagnostic passes an nn.Softmax module's input through: a softmax the code calls is not reached
            inv.measurements["softmax_before_loss"] = f"{f['file']}:{f['line']}"
        if f.get("bug") == "scheduler_per_batch" and (getattr(inv.session.entry, "arity", 4) == 4
                                                         or f.get("epoch_end_marked")):
            # the diagnostic steps the scheduler once an epoch: at each epoch the monitor logs, or without one where
            # the code marks an epoch's end (evaluation mode, a DataLoader run out)
            inv.measurements["scheduler_per_batch"] = f"{f['file']}:{f['line']}"


def _known_warnings(inv: Investigation) -> None:
    """A warning of the run's whose meaning is known (``probes/error_messages.known_warning``), at the user's line."""
    for w in inv.failing.warnings:
        known = known_warning(w.message)
        if known is None:
            continue
        where = _user_line(inv, w.filename, w.lineno)
        if where is None and known.get("code"):
            # the warning points into the library: the definition it is about is named in the user's code instead
            pattern = known["code"]
            found = _source_findings(inv, lambda src, name, pattern=pattern: [
                f"{name}:{i}" for i, line in enumerate(src.splitlines(), 1) if re.search(pattern, line)][:1])
            where = found[0] if found else None
        hypothesis = known["hypothesis"]
        if where:
            f = {"cause": known["cause"], "file": where.rpartition(":")[0], "line": where.rpartition(":")[2],
                 "what": known["why"], "fix": known["fix"]}
            _code_finding(inv, f, hypothesis, "Read the run's warnings", 4.0)
        else:
            n = inv.add(hypothesis, "Read the run's warnings", "measurement", inv.failing.run_id,
                        f"{w.category}: {w.message[:200]} -> {known['why']}", None)
            inv.suspect(known["cause"], 4.0, n)
        inv.measurements[known["key"]] = known.get("fix_value") or where or "the loss call"
        return


def _broadcast_op(inv: Investigation) -> None:
    """The code's own arithmetic broadcast the network's output against its targets (``kinds/function.py``'s torch
    function mode over the first epoch): the same fault torch warns of in its losses, written out by hand."""
    b = (inv.failing.diagnostics or {}).get("broadcast_op")
    if not b or "broadcast_loss" in inv.measurements:
        return
    file, _, line = str(b.get("line", "")).rpartition(":")
    where = _user_line(inv, file, int(line)) if line.isdigit() else None
    if where is None:
        return
    out, target = tuple(b.get("output") or ()), tuple(b.get("target") or ())
    n = out[0] if out else "n"
    f = {"cause": "loss_mismatch", "file": where.rpartition(":")[0], "line": where.rpartition(":")[2],
         "what": f"`{b.get('op')}` of the network's output of shape {out} and targets of shape {target} broadcasts "
                 f"them into a {n} x {n} grid of every output against every target: the loss built on it is "
                 "smallest where the network answers the targets' mean, so it is trained to answer a constant",
         "fix": "give the output and the target one shape (`out.squeeze(-1)` or `y.unsqueeze(1)`)"}
    _code_finding(inv, f, "The loss does not fit what the network outputs", "Watched the code's arithmetic on the "
                  "network's output over the first epoch (a torch function mode of the tool's)", 4.0)
    inv.measurements["broadcast_loss"] = where


def _user_line(inv: Investigation, filename: str, lineno: int) -> str | None:
    """``file:line`` relative to the spec's folder where a warning points into the user's own code, else None."""
    root = getattr(inv.session.spec, "root", None)
    if not filename or root is None:
        return None
    try:
        rel = Path(filename).resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError):
        return None
    return f"{rel}:{lineno}"


def _located(inv: Investigation, at: Any) -> str | None:
    """A ``file:line`` the run's child recorded, relative to the spec's folder where it is the user's own code."""
    path, _, line = at.rpartition(":") if isinstance(at, str) else ("", "", "")
    return _user_line(inv, path, int(line)) if line.isdigit() else None


def _code_finding(inv: Investigation, f: dict[str, Any], hypothesis: str, action: str, weight: float) -> None:
    """A line of the user's code a source reader found: a measurement naming it, the code change the entry names
    (no knob reaches it), and a suspicion of its cause."""
    n = inv.add(hypothesis, f"{action} ({f['file']})", "measurement", None, f"{f['file']}:{f['line']}: {f['what']}",
                None)
    inv.code_findings.append((f["cause"], f"{f['file']}:{f['line']}", f"{f['what']}; {f['fix']}"))
    inv.measurements.setdefault("code", []).append(f)
    inv.suspect(f["cause"], weight, n)


def _initial_loss(inv: Investigation) -> None:
    """A first epoch whose training loss is thousands of times what a network with outputs near zero starts at, on
    inputs of ordinary scale, in a run whose loss then fell: the network's outputs started enormous, so its initial
    weights were far too large (a fan used the wrong way up, a gain squared). A network starts near the loss of
    uniform predictions, ln K for K classes under cross-entropy, or near the target's mean square under a squared
    error (1 on a standardised target)."""
    if (inv.facts.kind not in ("function", "torch") or inv.report.unscaled_features
            or inv.finding.symptom not in ("underfitting", "slow_convergence", "constant_output", "dying_relu",
                                           "vanishing_gradients")):
        return
    losses = [v for v in (e.get("train_loss") for e in inv.failing.history)
              if isinstance(v, (int, float)) and math.isfinite(v)]
    if len(losses) < 2 or not losses[0] > 0 or losses[-1] > losses[0]:
        return
    first = losses[0]
    if inv.facts.metric in ("accuracy", "f1", "auc"):
        ds = getattr(inv.session, "data", None)
        k = int(ds.train[ds.target].nunique()) if ds is not None and ds.target in ds.train else 2
        expect, what = math.log(max(k, 2)), f"ln {max(k, 2)}, the cross-entropy of uniform predictions over the classes"
    elif inv.facts.metric in ("rmse", "mae") and inv.report.target_std:
        # outputs near zero miss the target by its mean and its spread: the mean square of the target
        sd, mean = float(inv.report.target_std), float(inv.report.target_mean or 0.0)
        square = mean * mean + sd * sd
        expect, what = max(square, sd, 1.0), f"the target's mean square ({num(square)}), or 1 on a standardised target"
    else:
        return
    if first < T.INITIAL_LOSS_RATIO * expect:
        return
    n = inv.add("The initial weights are far too large", "Compared the first epoch's training loss with the loss a "
                "network starts at", "measurement", inv.failing.run_id,
                f"train_loss {num(first)} at epoch 1, {first / expect:.3g}x {what}, on features of comparable scale "
                f"(std spread {inv.report.scale_spread:.3g}x): the network's outputs start enormous", None)
    inv.measurements["initial_loss"] = first
    inv.suspect("bad_initialization", 3.0, n)


def _unrepeatable(inv: Investigation) -> None:
    """The returned model answers the same validation rows differently on a second call (``judge.unrepeatable``):
    it predicts with dropout active, since the code never switched its network to evaluation mode."""
    from model_trainer.investigate.judge import unrepeatable

    d = inv.failing.diagnostics or {}
    said = unrepeatable(d)
    if said is None:
        return
    n = inv.add("The model predicts in training mode", "Predicted the validation rows twice with the returned model",
                "measurement", inv.failing.run_id, said + ": each prediction is a noisy draw of the trained network",
                None)
    modes = d.get("train_mode_modules")
    if modes:
        inv.measurements["train_mode_at_predict"] = ", ".join(f"`{m}`" for m in modes)
        where = _located(inv, d.get("train_mode_predict"))
        if where is not None:
            inv.code_findings.append(("training_loop_bug", where, (
                f"`predict` runs the network {inv.measurements['train_mode_at_predict']} in training mode, so its "
                "dropout or batch-norm layers act as in training and every prediction is a noisy draw; call "
                "`.eval()` on it before predicting (and `.train()` again before further training)")))
    inv.suspect("training_loop_bug", 3.0, n)


def _embedding_rows(inv: Investigation) -> None:
    """An embedding table with fewer rows than a code column of the data has distinct codes, sized by a value of the
    configuration: codes share rows (``code % rows`` folds them together, or the lookup fails), so sites, stations or
    patients with different levels get one value between them, which no width or step size undoes."""
    d = inv.failing.diagnostics or {}
    tables = d.get("embeddings")
    ds = getattr(inv.session, "data", None)
    if not tables or ds is None or inv.finding.symptom not in ("underfitting", "slow_convergence"):
        return
    codes = []
    for col in ds.features:
        v = ds.train[col] if col in ds.train else None
        if v is None or v.dtype.kind not in "iuf":
            continue
        v = v[np.isfinite(v.to_numpy(dtype=float))]
        if len(v) and (v >= 0).all() and (v == v.round()).all() and 2 < v.nunique() <= len(v) // 2:
            codes.append((col, int(v.nunique()), int(v.max())))
    # a knob the tool knows (a batch size, a width, a count of epochs) is not a table's size, whatever its value
    from model_trainer.probes.config_range import WIDTH_KEYS

    known = {*config_keys.ALIASES, *(a for names in config_keys.ALIASES.values() for a in names), *WIDTH_KEYS,
             "seed", "random_state", "max_iter", "n_estimators", "n_layers", "max_depth", "min_samples_leaf",
             "n_neighbors", "k"}
    ints = {k: v for k, v in inv.failing.config.items() if isinstance(v, int) and not isinstance(v, bool)
            and k not in known}
    for t in tables:
        rows = t.get("rows")
        short = [c for c in codes if rows is not None and c[1] > rows]
        keys = [k for k, v in ints.items() if v == rows]
        if not short or len(keys) != 1:
            continue
        col, distinct, top = max(short, key=lambda c: c[1])
        n = inv.add("The embedding table is smaller than the codes it looks up", "Compared each embedding table's "
                    "rows with the distinct codes of the data's integer columns", "measurement", inv.failing.run_id,
                    f"`{t['name']}` has {rows} rows (`{keys[0]}` = {rows} in the configuration) for {distinct} "
                    f"distinct `{col}` codes (up to {top}): codes share rows, so groups with different levels get one "
                    "value",
                    None)
        inv.measurements["embedding_rows"] = {"key": keys[0], "rows": rows, "column": col, "distinct": distinct,
                                              "max": top}
        inv.suspect("insufficient_capacity", 3.0, n)
        return


def _analytic_gradient(inv: Investigation) -> None:
    """The code's own gradient for ``scipy.optimize.minimize`` disagrees with finite differences of its objective at
    the starting point (``probes/gradient_check.py``): the optimiser follows directions the objective does not fall
    in, and stops early at a poor point."""
    g = (inv.failing.diagnostics or {}).get("fit_gradient_check")
    if not isinstance(g, dict):
        return
    where = _located(inv, g.get("call"))
    checked = g.get("checked", g["params"])
    said = (f"component x[{g['index']}] (of {g['params']} parameters) of the code's gradient is {num(g['analytic'])} "
            f"at the starting point where central differences of the objective give {num(g['numeric'])} (off by "
            f"{g['rel_error']:.0%}" + (f"; {g['wrong']} of the {checked} components checked are off"
                                       if g.get("wrong", 1) > 1 else "") + ")")
    n = inv.add("The code's analytic gradient is wrong", "Compared the gradient the code hands to "
                "scipy.optimize.minimize with finite differences of its objective", "measurement",
                inv.failing.run_id, said, None)
    inv.measurements["analytic_gradient"] = where or "the code's minimize call"
    if where is not None:
        inv.code_findings.append(("code_error", where, f"{said}; correct the gradient the call's `jac` computes (or "
                                  "leave `jac` out and let scipy take finite differences)"))
    inv.suspect("code_error", 3.0, n)


def _schedule_as_configured(inv: Investigation) -> bool:
    """The learning rate the run logged each epoch reached the configured one and did not collapse before mid-run: a
    scheduler stepped inside the batch loop then runs the schedule its configuration describes. Where no rate was
    logged, nothing says so, and the code reader's finding stands."""
    lr = config_keys.value(inv.failing.config, "lr")
    lrs = [e.get("lr") for e in inv.failing.history]
    if not isinstance(lr, (int, float)) or isinstance(lr, bool) or lr <= 0:
        return False
    if sum(1 for v in lrs if v is not None and math.isfinite(v)) < 2:
        return False
    return lr_collapse(lrs, float(lr)) is None and lr_short(lrs, float(lr)) is None


def _lr_used(inv: Investigation) -> None:
    lr = config_keys.value(inv.failing.config, "lr")
    lrs = [e.get("lr") for e in inv.failing.history]
    if not isinstance(lr, (int, float)) or not any(v is not None for v in lrs):
        return
    c = lr_collapse(lrs, float(lr))
    if c is None:
        low = lr_short(lrs, float(lr))
        if low is None:
            return
        inv.measurements["lr_short"] = low
        n = inv.add("The learning rate used never reaches the configured one", "Compared the learning rate logged "
                    "per epoch with the configured one", "measurement", inv.failing.run_id,
                    f"at most {num(low['max'])} over {low['epochs']} epochs, configured {num(low['configured'])}: "
                    f"below {SHORT_SHARE:.0%} of it at every epoch (a warm-up or schedule that never reached it)",
                    None)
        inv.suspect("learning_rate_too_low", 2.0, n)
        inv.suspect("training_loop_bug", 1.0, n)
        return
    inv.measurements["lr_collapse"] = c
    n = inv.add("A learning-rate schedule is stepped too often", "Compared the learning rate logged per epoch with "
                "the configured one", "measurement", inv.failing.run_id,
                f"lr {num(c['lr'])} at epoch {c['epoch']} of {c['epochs']}, configured {num(c['configured'])}: below "
                f"{COLLAPSE_SHARE:.0%} of it before mid-run", None)
    inv.suspect("training_loop_bug", 3.0, n)


def _label_signal(inv: Investigation) -> None:
    """Labels that carry signal for standard models but not for the user's: the labels the user's code sees may no
    longer match their inputs (a separate shuffle, a truncating cast), or its loop is broken."""
    from model_trainer.investigate.judge import judged_value, refs_of

    memorised = inv.finding.symptom == "overfitting"
    if inv.finding.symptom not in ("underfitting", "constant_output", "slow_convergence") and not memorised:
        return  # a diverged or flagged run says nothing about what its labels carry
    from model_trainer.detect.thresholds import MIN_CURVE_EPOCHS

    if len(inv.failing.history) < MIN_CURVE_EPOCHS:
        return  # a model that learnt nothing in a handful of epochs was not given the time to
    refs = refs_of(inv.facts)
    const, boost = refs.get("constant"), refs.get("boosting")
    if const is None or boost is None or inv.facts.metric not in ("rmse", "mae", "accuracy", "f1", "r2"):
        return
    m = judged_value(inv.failing, inv.facts.higher_is_better)
    if m is not None and memorised:
        # a network that memorised its training split is judged at its best epoch: if even that is no better than
        # the constant, what it fitted was noise to it, not a pattern it later over-learnt
        m = _best_metric(inv.failing, inv.facts.higher_is_better, None)
    if m is None:
        return

    def err(v: float) -> float:
        return 1 - v if inv.facts.higher_is_better else v
    e_m, e_c, e_b = err(m), err(const), err(boost)
    if not e_b < 0.7 * e_c:
        return
    if memorised and e_c - e_m >= T.MEMORISED_SIGNAL_SHARE * (e_c - e_b):
        return
    if not memorised and e_m < 0.95 * e_c:
        return
    n = inv.add("The labels the model sees carry no signal for it", "Compared the model with the constant and "
                "boosting references on the same split", "measurement", inv.failing.run_id,
                f"{inv.facts.metric} {num(m)}{' at its best epoch' if memorised else ''} is no better than the "
                f"constant predictor's {num(const)} while boosted trees reach {num(boost)}: the inputs predict the "
                "target, yet this model learnt nothing from them" + (" it could use on new rows" if memorised else ""),
                None)
    inv.measurements["label_signal"] = n
    inv.suspect("label_corruption", 1.0, n)
    inv.suspect("training_loop_bug", 0.8, n)


def label_control(inv: Investigation) -> None:
    """The shuffled-label control: the same training, short, on labels permuted against their rows. Real labels that
    fit no better than shuffled ones no longer match their inputs for this code (or its loop learns nothing)."""
    import math

    from model_trainer.detect.thresholds import LABEL_CONTROL_MIN_FIT, LABEL_CONTROL_RATIO
    from model_trainer.investigate.judge import model_metric

    if "label_signal" not in inv.measurements or "label_control" in inv.measurements or not inv.failing.history:
        return
    s = inv.session
    if s.out_of_time() or inv.attempts + 2 > s.spec.budget.max_attempts:
        return
    if any(w >= 1.2 for c, w in inv.suspicion.items() if c not in ("label_corruption", "training_loop_bug")):
        return  # another measurement already points at a cause a knob tests: that test comes first, not a control
    from model_trainer.detect.base import series

    losses = [v for v in series(inv.failing.history, "train_loss") if math.isfinite(v)]
    if len(losses) >= 2 and losses[0] > 0 and min(losses) > (1 - LABEL_CONTROL_MIN_FIT) * losses[0]:
        inv.add("The labels the model sees carry no signal for it", "Trained on shuffled labels as a control",
                "measurement", None, f"Not run: the training loss hardly moved ({num(losses[0])} -> "
                f"{num(min(losses))}), so the control would compare two models that learnt nothing", None)
        inv.measurements["label_control"] = None
        return
    planned = inv.facts.epochs_planned or len(inv.failing.history)
    k = int(min(len(inv.failing.history), max(3, math.ceil(0.3 * planned))))
    rec = s.run("control-shuffled-labels", dict(inv.failing.config), {"permute_target": True},
                stop_after_epochs=k, purpose="test")
    inv.attempts += 1
    inv.runs.append(rec)
    hib = inv.facts.higher_is_better
    _, shuffled = model_metric(rec, hib)
    _, real = model_metric(inv.failing, hib, upto_epoch=len(rec.history))
    if inv.finding.symptom == "overfitting":
        # both memorise what they are given: each is read at its best epoch, before the memorising took over
        shuffled, real = _best_metric(rec, hib, shuffled), _best_metric(inv.failing, hib, real, len(rec.history))
    inv.measurements["label_control"] = {"run": rec.run_id, "shuffled": shuffled, "real": real}
    if not (rec.ok and math.isfinite(shuffled) and math.isfinite(real)):
        inv.add("The labels the model sees carry no signal for it", "Trained on shuffled labels as a control",
                "measurement", rec.run_id, f"The control run {rec.status}; no comparison", None)
        return

    def err(v: float) -> float:
        return 1 - v if hib else v
    label = inv.facts.metric
    at = f"at epoch {len(rec.history)}" if inv.finding.symptom != "overfitting" else "at their best epochs"
    # a share of rows right (accuracy, f1) differs between two models that learnt nothing by its sampling error on
    # the validation rows: a difference within one standard error is no difference
    n_val = getattr(inv.report, "n_val", 0) or 0
    p = min(max(real, shuffled, 0.0), 1.0)
    slack = math.sqrt(p * (1 - p) / n_val) if hib and label in ("accuracy", "f1") and n_val else 0.0
    if err(real) >= LABEL_CONTROL_RATIO * err(shuffled) or err(real) >= err(shuffled) - slack:
        n = inv.add("The labels the model sees carry no signal for it", "Trained on shuffled labels as a control",
                    "measurement", rec.run_id, f"{label} {num(real)} with the real labels vs {num(shuffled)} with "
                    f"shuffled ones {at} -> the real labels fit no better than shuffled ones", None)
        inv.suspect("label_corruption", 1.5, n)
        inv.suspect("training_loop_bug", 0.5, n)
    else:
        inv.add("The labels the model sees carry no signal for it", "Trained on shuffled labels as a control",
                "measurement", rec.run_id, f"{label} {num(real)} with the real labels vs {num(shuffled)} with "
                f"shuffled ones {at} -> the real labels carry signal this model uses", None)
        inv.suspicion["label_corruption"] = inv.suspicion.get("label_corruption", 0.0) - 1.0


def _best_metric(rec: Any, hib: bool, default: float | None, upto_epoch: int | None = None) -> float | None:
    """The best metric a run logged (up to an epoch), else ``default``."""
    vals = [v for e in rec.history if (upto_epoch is None or e.epoch <= upto_epoch)
            and (v := e.get("metric")) is not None and math.isfinite(v)]
    return (max(vals) if hib else min(vals)) if vals else default


# A configuration value far outside its usual range (``probes/config_range.py``), per cause: the red flags it
# explains, the hypothesis and action the diary states, what the measurement concludes, and the weight of the
# suspicion. A penalty that holds the weights near zero underfits or predicts a constant, and with first-layer weights
# near zero the gradients reaching them vanish too; an adaptive optimiser's step far beyond its range kills ReLU units
# and flattens the loss, which then reads as vanishing gradients or a constant output rather than a divergence; a
# hidden layer of one or two units passes the whole input through one or two numbers and underfits whatever else is
# right (and once its one ReLU unit dies, no gradient reaches the layers below it: vanishing gradients, dead units).
_CONFIG_RANGE: dict[str, tuple[tuple[str, ...], str, str, str, float]] = {
    "excessive_regularization": (
        ("underfitting", "constant_output", "slow_convergence", "vanishing_gradients"), "Regularisation too strong",
        "Read the regularisation strength the run used", "beyond the usual range", 1.2),
    "learning_rate_too_high": (
        ("vanishing_gradients", "dying_relu", "constant_output", "underfitting", "oscillating_loss"),
        "Learning rate too high: steps overshoot the minimum", "Compared the learning rate with the optimiser's usual "
        "range", "beyond the usual range", 1.6),
    "learning_rate_too_low": (
        ("slow_convergence", "underfitting", "constant_output", "vanishing_gradients"),
        "Learning rate too low: each step moves the weights too little", "Compared the learning rate with the "
        "optimiser's usual range", "beyond the usual range", 1.6),
    "insufficient_capacity": (
        ("underfitting", "slow_convergence", "constant_output", "vanishing_gradients", "dying_relu"),
        "The model is too small to represent the "
        "relationship", "Read the hidden-layer widths the run used", "a bottleneck", 1.2),
}


def _short_curve(inv: Investigation) -> None:
    """A run of one or two epochs that ends behind the references, its loss still falling at the end: no curve that
    short can show a plateau, so stopping too early is the first suspect (``judge.convergence`` needs three)."""
    from model_trainer.detect.base import finite, series

    if inv.finding.symptom not in ("underfitting", "constant_output", "slow_convergence") or inv.facts.kind == "mle":
        return
    hist = inv.failing.history
    if not hist or len(hist) >= T.SHORT_CURVE_EPOCHS or inv.failing.stop_reason:
        return  # long enough for the convergence test, or stopped by a watch rather than by its own length
    key = "val_loss" if series(hist, "val_loss") else "train_loss" if series(hist, "train_loss") else None
    vals = finite(series(hist, key)) if key else []
    if len(vals) == 2 and vals[1] >= vals[0]:
        return  # the loss no longer fell: more of the same is not what the curve asks for
    if len(vals) < 2 and not isinstance(config_keys.value(inv.failing.config, "epochs"), int):
        return  # one row without an epoch count: a single fit, not a short run
    said = (f"{key.replace('_', ' ')} {num(vals[0])} -> {num(vals[1])} over the run's 2 epochs" if len(vals) == 2
            else "one epoch: no curve at all")
    n = inv.add("Training stopped before convergence", "Read the length of the run's curve", "measurement",
                inv.failing.run_id, f"{said}; a curve of fewer than {T.SHORT_CURVE_EPOCHS} epochs cannot show a "
                "plateau", None)
    inv.suspect("insufficient_training", 2.0, n)


def _config_ranges(inv: Investigation) -> None:
    for o in out_of_range(inv.failing.config):
        if o["cause"] not in _CONFIG_RANGE:
            continue
        symptoms, hypothesis, action, verdict, weight = _CONFIG_RANGE[o["cause"]]
        if inv.finding.symptom not in symptoms:
            continue
        n = inv.add(hypothesis, action, "measurement", inv.failing.run_id,
                    f"{o['said']} -> {verdict} (results/thresholds.json)", None)
        inv.suspect(o["cause"], weight, n)


def _own_predictions(inv: Investigation) -> None:
    """The model's own predictions on the validation file score worse than the code's reported metric: the code
    trains on or scores against targets other than the file's (a truncating cast, a rescaling), or scores a model in
    another state than the one it returns."""
    ev = inv.finding.evidence
    own, reported = ev.get("metric_own"), ev.get("metric_reported")
    if own is None or reported is None:
        return
    label = inv.facts.metric
    n = inv.add("The code's targets or metric differ from the validation file's", "Scored the returned model's "
                "predictions on the validation file against its target", "measurement", inv.failing.run_id,
                f"{label} {num(own)} from the model's own predictions vs {num(reported)} reported by the code -> the "
                "code's metric is not the model's score on the file", None)
    inv.suspect("label_corruption", 1.0, n)
    inv.suspect("training_loop_bug", 0.5, n)


def _training_rows(inv: Investigation) -> None:
    """The code's training loss far below its validation loss, while the returned model scores the training file's
    rows no better than the validation file's: what the code fitted so well are not the file's training labels (a
    second shuffle of the features or the target, a truncating cast, a target the code changed)."""
    d = inv.failing.diagnostics or {}
    own_train, own_val = d.get("metric_own_train"), d.get("metric_own")
    if own_train is None or own_val is None or inv.facts.metric not in ("rmse", "mae", "accuracy", "f1"):
        return
    pairs = [(e.get("train_loss"), e.get("val_loss")) for e in inv.failing.history]
    last = next(((t, v) for t, v in reversed(pairs) if t is not None and v is not None and math.isfinite(t + v)),
                None)
    if last is None:
        return
    tl, vl = last
    if not 0 < tl * T.CODE_FIT_GAP <= vl:
        return

    def err(v: float) -> float:
        return 1 - v if inv.facts.higher_is_better else v
    e_train, e_val = err(own_train), err(own_val)
    if not e_val > 0:
        return
    label = inv.facts.metric
    if e_train < T.TRAIN_ROWS_SHARE * e_val:
        # the model fits the file's own training rows better: it memorised them, labels and all, unless the code's
        # training loss, in the units its validation loss shows, is far below the model's error on those rows
        units = _loss_units(vl, e_val, inv.report) if label in ("rmse", "mae") else None
        if units is None or not tl * T.CODE_FIT_GAP ** 2 < units[1](e_train):
            return
        said = (f"{label} {num(own_train)} on the training rows vs {num(own_val)} on validation; the code's "
                f"validation loss {num(vl)} is the model's validation error as {units[0]}, and in those units its "
                f"training loss {num(tl)} stands for an error far below the {num(own_train)} the model makes on the "
                "training file's rows: the targets the code fitted are not the training file's")
    else:
        said = (f"{label} {num(own_train)} on the training rows vs {num(own_val)} on validation, while the code's "
                f"training loss ended at {num(tl)} against {num(vl)} on validation ({vl / tl:.1f}x): the targets "
                "the code fitted are not the training file's")
    n = inv.add("The code trains on other labels than the file's", "Scored the returned model on the training "
                "file's rows against their target", "measurement", inv.failing.run_id, said, None)
    inv.measurements["training_rows"] = n
    inv.suspect("label_corruption", 2.0, n)
    inv.suspect("train_val_mismatch", 0.5, n)


def _loss_units(val_loss: float, val_error: float, report: Any) -> tuple[str, Any] | None:
    """How the code's loss relates to the model's validation error (an rmse or mae in the target's units): the first
    of a squared error, the error itself, or either on the target's standard scale, that puts the validation loss
    within a quarter of the error; None where none does (a loss of another kind: a likelihood, a robust loss)."""
    sd = getattr(report, "target_std", None)
    forms: list[tuple[str, Any]] = [("a squared error", lambda e: e * e), ("the error itself", lambda e: e)]
    if isinstance(sd, (int, float)) and sd > 0:
        forms += [("a squared error on the target's standard scale", lambda e: (e / sd) ** 2),
                  ("an error on the target's standard scale", lambda e: e / sd)]
    for name, f in forms:
        expect = f(val_error)
        if expect > 0 and abs(val_loss - expect) <= 0.25 * expect:
            return name, f
    return None


def _gradient_reach(inv: Investigation) -> None:
    """Parameters the optimiser steps that never received a gradient: cut off from the loss in the code. And
    parameters the loss is computed through that no optimiser holds: left out of its parameter groups."""
    d = inv.failing.diagnostics or {}
    _not_stepped(inv, d)
    names, count = d.get("no_grad_params"), d.get("no_grad_count")
    if not names or not count:
        return
    shown = ", ".join(f"`{n}`" for n in names[:6]) + (f" and {count - 6} more" if count > 6 else "")
    n = inv.add("Part of the network is cut off from the loss", "Checked which of the optimiser's parameters "
                "receive a gradient (a hook of the tool's on its first steps)", "measurement", inv.failing.run_id,
                f"{shown} ({count} of {d.get('params_count')} parameter tensors, {d.get('no_grad_share', 0):.0%} of "
                f"the weights) had no gradient at any of the first {d.get('no_grad_steps')} optimiser steps: the loss "
                "is not computed through them (a .detach(), torch.no_grad(), a tensor rebuilt from .data, or a "
                "module never called), so none of those steps changed them", None)
    inv.measurements["gradient_reach"] = n
    inv.measurements["cut_off_share"] = float(d.get("no_grad_share") or 0.0)
    inv.suspect("code_error", 4.0, n)
    inv.suspect("training_loop_bug", 1.0, n)


_OPTIMISER_CALL = re.compile(r"\boptim\.[A-Z]\w*\(|\b(?:SGD|Adam|AdamW|RMSprop|Adagrad|LBFGS)\(")


def _not_stepped(inv: Investigation, d: dict[str, Any]) -> None:
    names, count = d.get("not_stepped_params"), d.get("not_stepped_count")
    if not names or not count:
        return
    shown = ", ".join(f"`{n}`" for n in names[:6]) + (f" and {count - 6} more" if count > 6 else "")
    what = (f"{shown} ({count} parameter tensor{'s' if count > 1 else ''}, {d.get('not_stepped_share', 0):.0%} of the "
            f"returned model's weights) received gradients, but no optimiser that stepped in the first "
            f"{d.get('not_stepped_steps')} steps holds them: they keep their initial values for the whole run")
    fix = "add them to the optimiser (its parameter groups, or model.parameters() whole)"
    src = _entry_source(inv)
    line = _first_line_matching(src[1], _OPTIMISER_CALL) if src is not None else None
    if src is not None and line is not None:
        _code_finding(inv, {"cause": "training_loop_bug", "file": src[0], "line": line, "what": what, "fix": fix},
                      "Part of the model is never stepped by the optimiser", "Compared the optimiser's parameters "
                      "with the returned model's (a hook of the tool's on its first steps)", 4.0)
    else:
        n = inv.add("Part of the model is never stepped by the optimiser", "Compared the optimiser's parameters with "
                    "the returned model's (a hook of the tool's on its first steps)", "measurement",
                    inv.failing.run_id, f"{what}; {fix}", None)
        inv.suspect("training_loop_bug", 4.0, n)
    inv.measurements["not_stepped"] = names


def _constant_columns(inv: Investigation) -> None:
    """A feature with one value on the training split: no information, and a zero spread that a standardisation
    in the user's code divides by (NaN from the first epoch, with numpy's 'invalid value' warning)."""
    cols = list(getattr(inv.report, "constant_columns", None) or [])
    if not cols or inv.finding.symptom not in ("nan_loss", "invalid_data", "exploding_gradients"):
        return
    divide = [w.message for w in inv.failing.warnings if "divide" in w.message or "invalid value" in w.message]
    n = inv.add("A constant column carries no information and its zero spread poisons a standardisation",
                "Checked the training split for columns with one value", "measurement", None,
                f"{len(cols)} constant column(s): " + ", ".join(f"`{c}`" for c in cols[:5])
                + (f"; the run warned: {divide[0]}" if divide else ""), None)
    inv.suspect("invalid_data", 2.5 if divide else 1.0, n)


def _identical_units(inv: Investigation) -> None:
    """Layers of the returned network whose units all hold the same weights: started equal (one constant for every
    weight), they got equal gradients and never parted, so each such layer is one unit wide, whatever its width."""
    layers = (inv.failing.diagnostics or {}).get("identical_layers") or []
    if not layers:
        return
    said = ", ".join(f"`{d['layer']}` ({d['units']} units)" for d in layers[:4])
    n = inv.add("The initial weights are all equal, so the units never become different",
                "Compared the units of each layer of the returned network", "measurement", inv.failing.run_id,
                f"every unit holds the same weights and bias in {said}: each such layer computes one feature, "
                "however wide it is", None)
    inv.measurements["identical_units"] = n
    inv.suspect("bad_initialization", 3.0, n)


def _missing_codes(inv: Investigation) -> None:
    """Feature columns where a value far outside the others repeats: a code for "not measured" read as a measurement."""
    codes = dict(getattr(inv.report, "missing_codes", None) or {})
    if not codes:
        return
    parts = []
    for c, d in list(codes.items())[:4]:
        lines = ", ".join(str(n) for n in d.get("lines") or ())
        parts.append(f"`{c}` holds {short(d['value'])} in {d['train']} training and {d['val']} validation rows"
                     + (f" (training file lines {lines}{', ...' if d['train'] > len(d['lines']) else ''})"
                        if lines else "")
                     + (", a common code for a missing value" if d.get("known") else ""))
    n = inv.add("A code standing for a missing value is read as a real, extreme measurement", "Looked for values "
                "far outside each column's range that repeat", "measurement", None,
                "; ".join(parts) + " -> each lies far outside the column's other values", None)
    inv.measurements["missing_codes"] = n
    inv.suspect("invalid_data", 2.5, n)


def _target_outliers(inv: Investigation) -> None:
    """A few training targets thousands of robust SDs from the rest: recorded in another unit, or codes."""
    far = getattr(inv.report, "target_outliers", None)
    if not far:
        return
    target = getattr(inv.report, "target", None)
    lines = ", ".join(str(n) for n in far.get("lines") or ())
    values = ", ".join(num(v) for v in far.get("values") or ())
    ratio = f", up to {far['ratio']:.3g}x the median {num(far['median'])}" if far.get("ratio") else ""
    where = f" (file lines {lines})" if lines else ""
    said = (f"{far['count']} of {far['rows']} training targets of `{target}` are {num(far['code'])}, far outside the "
            f"others ({num(far['low'])} .. {num(far['high'])}): a code for a missing measurement{where}"
            if far.get("code") is not None else
            f"{far['count']} of {far['rows']} training targets of `{target}` lie beyond {num(far['low'])} .. "
            f"{num(far['high'])} ({T.TARGET_OUTLIER_MADS:g} robust SDs from the median), with nothing in "
            f"between: {values}{ratio}{where}")
    n = inv.add("A few targets are recorded in another unit (or as codes)", "Looked for training targets far beyond "
                "all the others", "measurement", None, said, None)
    inv.measurements["target_outliers"] = n
    inv.suspect("invalid_data", 2.5, n)
    inv.suspect("label_corruption", 0.5, n)


def _discretised_target(inv: Investigation) -> None:
    """The target was cast or rounded in one split only: the model learns one thing and is scored on another."""
    d = getattr(inv.report, "target_discretised", None)
    if not d:
        return
    n = inv.add("Train and validation prepared differently", "Counted the target's distinct values in each split",
                "measurement", None, f"{d['train_values']} distinct values in {d['train_rows']} training rows, "
                f"{d['val_values']} in {d['val_rows']} validation rows -> the {d['split']} split's target is "
                "discretised on its own", None)
    inv.suspect("train_val_mismatch", 2.0, n)
    inv.suspect("label_corruption", 1.0, n)


def _bound_in_code(inv: Investigation) -> None:
    """Where the bound an estimate ended on is set: the first line of the model's file that names the parameter."""
    bounds = inv.finding.evidence.get("at_bounds") if inv.finding.symptom == "surprising_optimum" else None
    model = _entry_source(inv) if bounds else None
    if model is None:
        return
    name, text = model
    for b in bounds:
        call = b.get("call")
        if call:
            # a function's own scipy fit: its parameters have no names, the call that was given the bounds does
            file, _, line = str(call).rpartition(":")
            where = _user_line(inv, file, int(line)) if line.isdigit() else None
            if where is not None and where.rpartition(":")[0] == name:
                where = f"{name}:{_statement_start(text, int(line))}"
            where = where or name
        else:
            hit = _first_line_naming(text, b["parameter"])
            where = f"{name}:{hit}" if hit else name
        what = (f"`{b['parameter']}` ends on its {b['bound']} bound {b['value']:g}, so the data ask for a value "
                "beyond it; widen the bound if the domain allows, or report the estimate as constrained")
        n = inv.add("A bound in the model excludes the optimum", f"Read the model code ({name})", "measurement",
                    None, f"{where}: {what}", None)
        inv.code_findings.append(("code_error", where, what))
        inv.suspect("code_error", 3.0, n)


def _negative_loss(inv: Investigation) -> None:
    """A classifier's loss below zero: a cross-entropy, the negative log-likelihood of probabilities, is never
    negative, so the loss reads something other than (log-)probabilities; where torch's NLL loss is called in a file
    that never applies a log-softmax, the line, and the hook that tests it."""
    from model_trainer.probes.loop_code import nll_calls

    if inv.facts.metric != "accuracy":
        return
    low = [(e.epoch, k, v) for e in inv.failing.history for k in ("train_loss", "val_loss")
           if isinstance(v := e.get(k), (int, float)) and math.isfinite(v)]
    if not low:
        return
    epoch, key, value = min(low, key=lambda t: t[2])
    if value >= -T.NEGATIVE_LOSS:
        return
    n = inv.add("The loss does not fit what the network outputs", "Read the loss's values", "measurement",
                inv.failing.run_id, f"{key.replace('_', ' ')} {num(value)} at epoch {epoch}: a classifier's loss "
                "(a cross-entropy, the negative log-likelihood of class probabilities) is never below zero, so the "
                "loss reads the network's outputs as something they are not", None)
    inv.suspect("loss_mismatch", 3.0, n)
    for f in _source_findings(inv, nll_calls):
        _code_finding(inv, f, "The loss does not fit what the network outputs", "Read the training code", 2.0)
        inv.measurements["nll_on_scores"] = f"{f['file']}:{f['line']}"


_NUMPY_NON_FINITE = re.compile(r"(invalid value|divide by zero) encountered in")


def _non_finite_in_code(inv: Investigation) -> None:
    """A loss that was never finite, from its first epoch, on data files with no missing or infinite value, after
    numpy warned of a division by zero or an invalid value at a line of the user's own code (function mode): the code
    makes the NaN itself from valid data (a division by a column that can be zero, a log of a value that can be zero
    or negative), and no knob reaches it. A run that overflowed anywhere is left to the numerical causes: values
    grown too large (a step too long, a start too far) turn into infinities and NaNs the same way."""
    if inv.facts.kind != "function" or inv.finding.symptom != "nan_loss" or (inv.finding.onset_epoch or 1) > 1:
        return
    first = inv.failing.history[0].get("train_loss") if inv.failing.history else None
    if isinstance(first, (int, float)) and math.isfinite(first):
        return
    rep = inv.report
    if rep is None or any(getattr(rep, "non_finite", {}).values()):
        return
    if getattr(rep, "constant_columns", None):
        # a column with no spread divides by zero in any standardisation: the data's explanation, which the
        # tool's own repair (drop_constant_columns) tests, comes before the code's
        return
    if any("overflow encountered" in w.message for w in inv.failing.warnings):
        return
    started = inv.failing.history[0].ts if inv.failing.history else None
    for w in inv.failing.warnings:
        if w.category != "RuntimeWarning" or not _NUMPY_NON_FINITE.search(w.message):
            continue
        if started is not None and w.ts > started:
            continue  # after the first epoch's NaN: a consequence of it (a metric of NaN predictions), not its source
        where = _user_line(inv, w.filename, w.lineno)
        if where is None:
            continue
        f = {"cause": "code_error", "file": where.rpartition(":")[0], "line": where.rpartition(":")[2],
             "what": f"numpy warned \"{w.message[:120]}\" here before the loss was NaN at epoch 1, while the data "
                     "files hold no missing or infinite value: the code makes the non-finite value itself (this "
                     "line, or an earlier one whose result it uses: a division by a column that can be zero, a log "
                     "of a value that can be zero or negative)",
             "fix": "guard the operation (a floor on the divisor, log1p, a clip) or leave out the rows where it is "
                    "undefined, before any scaling"}
        _code_finding(inv, f, "The code makes a non-finite value from valid data", "Read the run's warnings", 4.0)
        return


def _residual_trend(inv: Investigation) -> None:
    """A fit's validation residuals against each column: the one they trend with most, beyond chance
    and noise, is where to look first (what the diary's next steps point the user to, with the first line of the
    model's file that reads that column). A pointer, not a defect: the line is not named as a code change."""
    from model_trainer.investigate.judge import REGRESSION_METRICS, residual_trend

    if (inv.finding.symptom not in ("underfitting", "surprising_optimum")
            or inv.facts.metric not in REGRESSION_METRICS):
        return
    d = inv.failing.diagnostics or {}
    rs = d.get("residual_structure")
    if not isinstance(rs, dict) or rs.get("worst") not in rs.get("columns", {}):
        return
    cols = rs["columns"]
    ranked = sorted(cols, key=lambda k: -cols[k]["excess"])[:3]
    listing = "; ".join(f"`{k}` {cols[k]['share']:.0%} (chance {cols[k]['chance']:.0%}, p = {cols[k]['p_value']:.2g})"
                        for k in ranked)
    # a model behind boosted trees leaves some trend along any continuous column: only a code's is evidence there,
    # read at the line its finding was judged by (a model mildly behind the references: the line for one sign of two)
    line = T.RESIDUAL_TREND_MILD if inv.finding.evidence.get("residual_trend") else T.MLE_RESIDUAL_STRUCTURE
    trend = residual_trend(d, inv.facts.metric, codes_only=inv.facts.kind != "mle", line=line)
    fn = "mean function" if inv.facts.kind == "mle" else "model"
    verdict = (f" -> the residuals trend with `{trend[0]}`: the {fn} misses how the target depends on it, "
               "or the validation targets are not what the model predicts (censored values, a drift between the splits)"
               if trend else f" -> no column's trend reaches {line:.0%} beyond chance")
    what = "The likelihood's mean function" if inv.facts.kind == "mle" else "The model"
    cols_read = "column" if inv.facts.kind == "mle" else "integer-coded column of a few levels"
    n = inv.add(f"{what} misses how the target depends on a column", "Binned the validation "
                f"residuals by each {cols_read} and measured the share of their variance the bins' means explain",
                "measurement", inv.failing.run_id, f"{rs['rows']} rows: {listing}{verdict}", None)
    if trend:
        inv.measurements["residual_trend"] = trend[0]
        inv.suspect("code_error", 2.0, n)
        model = _entry_source(inv)
        if model is not None:
            name, text = model
            hit = _first_line_naming(text, trend[0])
            if hit is not None:
                inv.measurements["residual_trend_line"] = f"{name}:{hit}"


_POSITIONAL = re.compile(r"\.iloc\[|\.values\[|\.to_numpy\(\)\[")


def _target_unread(inv: Investigation) -> None:
    """A likelihood whose NLL at the estimates does not move when the target column changes (``mle/columns.py``) is
    not fitted to the target: it reads another column in its place (a column taken by position, a misspelt name).
    Where the model file reads a column by position, that line is the place to look."""
    if inv.facts.kind != "mle":
        return
    cols = (inv.failing.diagnostics or {}).get("columns") or {}
    target = getattr(inv.report, "target", None)
    if not target or target not in (cols.get("unused") or []) or cols.get("target_read_at_start") is not False:
        return  # read at the starting values: the fit ended where the target no longer matters, not on a wrong column
    used = ", ".join(f"`{c}`" for c in cols.get("used") or []) or "no column"
    what = (f"the likelihood never reads the target `{target}`: its NLL does not move when that column changes, at "
            f"the estimates or at the starting values, while it reads {used}; it is fitted to another column in the "
            "target's place")
    fix = "read the observations from the target column by its name"
    model = _entry_source(inv)
    line = _first_line_matching(model[1], _POSITIONAL) if model is not None else None
    if model is not None and line is not None:
        _code_finding(inv, {"cause": "label_corruption", "file": model[0], "line": line, "what": what,
                            "fix": f"{fix} (this line reads a column by its position)"},
                      "The likelihood is fitted to another column than the target", "Perturbed each column and "
                      "watched the NLL at the estimates", 4.0)
    else:
        n = inv.add("The likelihood is fitted to another column than the target", "Perturbed each column and watched "
                    "the NLL at the estimates", "measurement", inv.failing.run_id, f"{what}; {fix}", None)
        inv.suspect("label_corruption", 4.0, n)
    inv.measurements["target_unread"] = target


def code_change_note(inv: Investigation, answered: set[str] | frozenset[str] = frozenset(),
                     worked_around: bool = False) -> list[str]:
    """The code changes the findings name; ``answered``: causes a kept data repair made acceptable in the model the
    tool ships (both splits prepared alike), whose line the code still has to change for its own use;
    ``worked_around``: a kept change made the run acceptable with the defect still in the code."""
    rest = (" (the accepted change works around it; only this change removes it)" if worked_around
            else " (no knob reaches this; not repaired by the tool)")
    return [f"Change the code at {where}: {what}" + (
            " (the model bundle applies the tool's preparation to new rows; the code itself still needs this change)"
            if cause in answered else rest)
            for cause, where, what in inv.code_findings]


__all__ = ["code_change_note", "label_control", "probe", "record"]


