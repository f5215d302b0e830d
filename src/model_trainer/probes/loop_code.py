"""Training-loop bookkeeping read from the user's source: what no knob reaches, with the line where it shows.

- ``loss.backward()`` in a loop of a function that never calls ``zero_grad`` (gradients accumulate across steps),
- a learning-rate scheduler's ``step()`` inside a nested loop (stepped per batch, not per epoch),
- an optimiser's ``step()`` after the batch loop whose batches each clear their gradient (one step per epoch, on the
  last batch's gradient),
- a preprocessor's ``fit_transform`` on one split and no ``transform`` of another (train and validation prepared
  differently),
- a softmax layer (``nn.Softmax``, or ``softmax`` in a ``forward``) in a file whose loss is a cross-entropy, which
  applies its own (log-)softmax: the loss then sees probabilities as scores, and its gradients all but vanish;
  Keras's form of the same: a layer with ``activation="softmax"`` (or ``"sigmoid"``) in a file whose loss is told
  ``from_logits=True``;
- (``nll_calls``) torch's ``nll_loss`` / ``NLLLoss`` in a file that never calls a log-softmax: the loss reads the
  network's scores as log-probabilities, and a score can rise without bound.

Example:
    >>> src = ("def f(m, opt, data):\\n    for x in data:\\n        loss = m(x)\\n"
    ...        "        loss.backward()\\n        opt.step()\\n")
    >>> loop_findings(src, "train.py")[0]["line"]
    4
    >>> once = ("def f(m, opt, loader, epochs):\\n    for _ in range(epochs):\\n        for x in loader:\\n"
    ...         "            opt.zero_grad()\\n            m(x).backward()\\n        opt.step()\\n")
    >>> [(f["bug"], f["line"]) for f in loop_findings(once, "train.py")]
    [('step_outside_batch_loop', 6)]
    >>> keras = ("m = keras.Sequential([keras.layers.Dense(8, activation='relu'),\\n"
    ...          "    keras.layers.Dense(5, activation='softmax')])\\n"
    ...          "m.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\\n")
    >>> [(f["bug"], f["line"]) for f in loop_findings(keras, "net.py")]
    [('probabilities_as_logits', 2)]
    >>> hidden = keras.replace("'relu'", "'sigmoid'").replace("'softmax'", "None")
    >>> loop_findings(hidden, "net.py")
    []
"""

from __future__ import annotations

import ast
from typing import Any


def _calls(node: ast.AST, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == name]


def _loop_depth(func: ast.AST, target: ast.AST) -> int:
    depth = 0

    def visit(node: ast.AST, d: int) -> bool:
        nonlocal depth
        if node is target:
            depth = d
            return True
        inc = 1 if isinstance(node, (ast.For, ast.While, ast.AsyncFor)) else 0
        return any(visit(ch, d + inc) for ch in ast.iter_child_nodes(node))
    visit(func, 0)
    return depth


def loop_findings(source: str, filename: str) -> list[dict[str, Any]]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    out: list[dict[str, Any]] = []
    for func in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        backward = [c for c in _calls(func, "backward") if _loop_depth(func, c) >= 1]
        if backward and not _calls(func, "zero_grad"):
            line = backward[0].lineno
            out.append({"cause": "training_loop_bug", "bug": "no_zero_grad", "file": filename, "line": line,
                        "what": f"`{ast.get_source_segment(source, backward[0]) or 'backward()'}` runs in a loop of "
                                f"`{func.name}` and nothing calls `zero_grad()`: gradients accumulate across steps",
                        "fix": "call `optimizer.zero_grad()` before each `backward()`"})
        for c in _calls(func, "fit_transform"):
            owner = c.func.value if isinstance(c.func, ast.Attribute) else None
            name = owner.id if isinstance(owner, ast.Name) else ""
            uses = [t for t in _calls(func, "transform") if isinstance(t.func.value, ast.Name)
                    and t.func.value.id == name]
            if name and not uses:
                out.append({"cause": "train_val_mismatch", "bug": "fitted_on_one_split", "file": filename,
                            "line": c.lineno,
                            "what": f"`{name}.fit_transform(...)` prepares one split in `{func.name}` and nothing "
                                    f"calls `{name}.transform(...)`: the other split reaches the model unprepared",
                            "fix": f"apply `{name}.transform(...)` to the validation (and any later) data too"})
        batch_depth = min((_loop_depth(func, c) for c in backward), default=0)
        cleared_per_batch = any(_loop_depth(func, z) >= batch_depth for z in _calls(func, "zero_grad"))
        # a step inside the batch loop is the optimiser's: one after it is then a scheduler's, whatever its name
        stepped_per_batch = any(_loop_depth(func, c) >= batch_depth for c in _calls(func, "step"))
        for c in _calls(func, "step"):
            owner = c.func.value if isinstance(c.func, ast.Attribute) else None
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if ("sched" not in name.lower() and batch_depth >= 2 and cleared_per_batch and not stepped_per_batch
                    and _loop_depth(func, c) < batch_depth):
                # each batch's gradient is cleared before the next backward: the one step after the loop uses the
                # last batch's alone (accumulating on purpose clears once, before the loop)
                out.append({"cause": "training_loop_bug", "bug": "step_outside_batch_loop", "file": filename,
                            "line": c.lineno,
                            "what": f"`{name}.step()` runs after the batch loop of `{func.name}`, where each batch "
                                    "calls `backward()` and `zero_grad()`: the optimiser steps once per epoch, on the "
                                    "last batch's gradient alone",
                            "fix": f"move `{name}.step()` into the batch loop, right after `backward()`"})
            if "sched" in name.lower() and _loop_depth(func, c) >= 2:
                # where an epoch's training pass visibly ends without a monitor: a switch to evaluation mode or a
                # DataLoader's batches running out (what the scheduler diagnostic steps on)
                marked = bool(_calls(func, "eval")) or any(
                    isinstance(n, (ast.Name, ast.Attribute)) and (getattr(n, "id", None) or getattr(n, "attr", None))
                    == "DataLoader" for n in ast.walk(tree))
                out.append({"cause": "training_loop_bug", "bug": "scheduler_per_batch", "file": filename,
                            "line": c.lineno, "epoch_end_marked": marked,
                            "what": f"`{name}.step()` runs inside the batch loop of `{func.name}`: the schedule "
                                    "advances once per batch instead of once per epoch",
                            "fix": f"move `{name}.step()` out of the batch loop, after the epoch"})
    out.extend(_softmax_before_cross_entropy(tree, filename))
    out.extend(_state_dict_by_reference(tree, filename))
    return out


def _state_dict_by_reference(tree: ast.AST, filename: str) -> list[dict[str, Any]]:
    """A module's ``state_dict()`` kept as it is returned and later handed to ``load_state_dict``: the dict holds the
    live tensors, which every later optimiser step changes in place, so the reload restores the weights as they are
    then, not as they were when kept (the usual "keep the best epoch" written without a copy).

    >>> src = ("def fit(model, epochs):\\n    best = None\\n    for e in range(epochs):\\n"
    ...        "        best = model.state_dict()\\n    model.load_state_dict(best)\\n")
    >>> [(f["bug"], f["line"]) for f in loop_findings(src, "train.py")]
    [('state_dict_by_reference', 4)]
    >>> loop_findings(src.replace("model.state_dict()", "copy.deepcopy(model.state_dict())"), "train.py")
    []
    """
    loads = {ast.unparse(c.args[0]) for c in _calls(tree, "load_state_dict") if c.args}
    if not loads:
        return []
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.Assign)), key=lambda n: n.lineno):
        pairs = [(t, node.value) for t in node.targets]
        for group in node.targets:
            # ``best_loss, best = val, model.state_dict()``: each name with its own value
            if isinstance(group, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                    and len(group.elts) == len(node.value.elts):
                pairs += list(zip(group.elts, node.value.elts, strict=True))
        for target, v in pairs:
            name = ast.unparse(target)
            if isinstance(v, ast.Call) and _called(v) == "state_dict" and not v.args and not v.keywords \
                    and name in loads:
                call = ast.unparse(v)
                return [{"cause": "training_loop_bug", "bug": "state_dict_by_reference", "file": filename,
                         "line": node.lineno,
                         "what": f"`{name} = {call}` keeps references to the live weights, and "
                                 f"`load_state_dict({name})` later restores them as they are by then: the weights "
                                 "kept are never the ones of the epoch they were kept at",
                         "fix": f"keep a copy: `{name} = copy.deepcopy({call})`"}]
    return []

def _called(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _probabilities_as_logits(calls: list[ast.Call], filename: str) -> list[dict[str, Any]]:
    """Keras: a loss told its inputs are logits (``from_logits=True``) fed by a layer that outputs probabilities."""
    def kw(c: ast.Call, name: str) -> Any:
        v = next((k.value for k in c.keywords if k.arg == name), None)
        return v.value if isinstance(v, ast.Constant) else None

    if not any(kw(c, "from_logits") is True for c in calls):
        return []

    def activation(c: ast.Call) -> Any:
        if _called(c) == "Softmax":
            return "softmax"
        if _called(c) == "Activation" and c.args and isinstance(c.args[0], ast.Constant):
            return c.args[0].value
        return kw(c, "activation")

    layers = sorted((c for c in calls if _called(c) in ("Dense", "Activation", "Softmax")
                     or any(k.arg == "activation" for k in c.keywords)), key=lambda c: (c.lineno, c.col_offset))
    # a softmax is an output wherever it stands; a sigmoid is a common hidden activation, so only the last layer's
    for c in layers:
        if activation(c) == "softmax" or (c is layers[-1] and activation(c) == "sigmoid"):
            return [{"cause": "loss_mismatch", "bug": "probabilities_as_logits", "file": filename,
                     "line": c.lineno, "module": True,
                     "what": "the network's last activation outputs probabilities while its loss is told "
                             "`from_logits=True` and applies its own softmax: the loss sees probabilities as scores "
                             "and its gradients all but vanish",
                     "fix": "end the network in a linear layer (no activation), or keep the activation and pass "
                            "`from_logits=False` to the loss"}]
    return []


def _softmax_before_cross_entropy(tree: ast.AST, filename: str) -> list[dict[str, Any]]:
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    keras_form = _probabilities_as_logits(calls, filename)
    if keras_form:
        return keras_form
    if not any(_called(c) in ("CrossEntropyLoss", "cross_entropy") for c in calls):
        return []
    forwards = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "forward"]
    in_forward = {id(c) for f in forwards for c in ast.walk(f) if isinstance(c, ast.Call)}
    for c in sorted(calls, key=lambda c: c.lineno):
        module = _called(c) == "Softmax"
        if module or (_called(c) == "softmax" and id(c) in in_forward):
            return [{"cause": "loss_mismatch", "bug": "softmax_before_cross_entropy", "file": filename,
                     "line": c.lineno, "module": module,
                     "what": "the network ends in a softmax while its loss is a cross-entropy, which applies its "
                             "own: the loss sees probabilities as scores and its gradients all but vanish",
                     "fix": "return the last linear layer's scores (no softmax) and apply softmax only to report "
                            "probabilities"}]
    return []


def nll_calls(source: str, filename: str) -> list[dict[str, Any]]:
    """torch's negative log-likelihood loss (``F.nll_loss``, ``nn.NLLLoss``) in a file with no ``log_softmax`` /
    ``LogSoftmax`` anywhere: the first call's line. What it means is for the run to show (a loss below zero): the
    log-softmax may live in another file.

    >>> src = "import torch.nn.functional as F\\n\\ndef step(net, x, y):\\n    return F.nll_loss(net(x), y)\\n"
    >>> [(f["line"], f["cause"]) for f in nll_calls(src, "m.py")]
    [(4, 'loss_mismatch')]
    >>> nll_calls(src.replace("net(x)", "F.log_softmax(net(x), 1)"), "m.py")
    []
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    if any(_called(c) in ("log_softmax", "LogSoftmax") for c in calls):
        return []
    hits = sorted((c for c in calls if _called(c) in ("nll_loss", "NLLLoss")), key=lambda c: c.lineno)
    if not hits:
        return []
    return [{"cause": "loss_mismatch", "bug": "nll_on_scores", "file": filename, "line": hits[0].lineno,
             "what": f"`{_called(hits[0])}` takes log-probabilities, and nothing in this file turns the network's "
                     "scores into them (no log_softmax): the loss has no lower bound, and raising every score "
                     "lowers it",
             "fix": "apply log_softmax to the scores before the loss, or use cross_entropy on the scores"}]
