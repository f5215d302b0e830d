"""Function mode: the user's ``train_model`` in one of the contract's three signatures.

The function must hand back a model that predicts and log (or return) at least one epoch; anything
less ends the run as failed with the exact shortfall, never as a success without a usable model.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from model_trainer.bundle import ModelBundle
from model_trainer.engine.contract import ContractViolation, return_problems
from model_trainer.engine.job import Job
from model_trainer.engine.monitor import Monitor
from model_trainer.events import Diagnostics, Event, Note
from model_trainer.kinds.common import (
    guarded,
    has_hidden_layers,
    identical_units,
    linearity,
    nonfinite_predictions,
    own_metric,
    prediction_stats,
    prepared_data,
    relu_units,
    residual_check,
    scale_sensitive,
    train_rows_metric,
    units_diagnostics,
    user_callable,
    val_raw_frame,
)
from model_trainer.preprocess import with_passthrough
from model_trainer.probes.gradient_check import check as gradient_check
from model_trainer.probes.gradient_check import value_only as gradient_value_only
from model_trainer.probes.returned_model import (
    defined_at,
    embedding_rows,
    repeat_check,
    to_eval_mode,
    train_mode_modules,
)
from model_trainer.safemodel import attach_twin


def arity(fn: Callable[..., Any]) -> int:
    """4, 3 or 2: the richest contract signature ``fn`` accepts."""
    params = list(inspect.signature(fn).parameters.values())
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return 4
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    n = len(positional)
    if n >= 4:
        return 4
    if n in (2, 3):
        return n
    raise TypeError(f"{getattr(fn, '__name__', fn)}{inspect.signature(fn)} must accept (data_train, data_val), "
                    "(data_train, data_val, config) or (data_train, data_val, config, monitor)")


def _zero_grads_after_each_step(monitor: Monitor) -> None:
    """Every torch optimiser's step is followed by ``zero_grad()``: a loop that never zeroes its gradients then
    steps on each batch's own gradient, and a loop that does is unchanged. Registered in this run's process only.
    The gradients are zeroed in place (not set to None), so code that reads them after the step still finds them."""
    from torch.optim.optimizer import register_optimizer_step_post_hook

    register_optimizer_step_post_hook(lambda opt, args, kwargs: opt.zero_grad(set_to_none=False))
    monitor.grads_cleared_after_step = True


class _GradientReach:
    """Which parameters a torch optimiser holds never receive a gradient, over its first ``steps`` steps: a parameter
    that wants one (``requires_grad``) whose ``.grad`` is still None when the optimiser steps is outside the graph
    its loss was computed through (a ``.detach()``, ``torch.no_grad()``, a tensor rebuilt from ``.data``, a module
    never called). A parameter frozen on purpose (``requires_grad=False``) is left out. The hook removes itself
    after ``steps`` steps, so a long training pays nothing for it.

    And the reverse: over the first ``BACKWARDS`` backward passes, the weights each loss is computed through (the
    leaves of its graph); one of those that no optimiser holds is never stepped (a parameter group left out)."""

    BACKWARDS = 3

    def __init__(self, steps: int = 20) -> None:
        import torch
        from torch.optim.optimizer import register_optimizer_step_pre_hook

        self.steps, self.seen = steps, 0
        self.missing: dict[int, int] = {}
        self.params: dict[int, Any] = {}
        self.reached: dict[int, Any] = {}
        self.backwards = 0
        self.handle = register_optimizer_step_pre_hook(self._pre_step)
        self._backward = torch.Tensor.backward
        reach = self

        def backward(tensor: Any, *args: Any, **kwargs: Any) -> Any:
            if reach.backwards < reach.BACKWARDS:
                reach.backwards += 1
                reach._leaves(tensor)
                if reach.backwards >= reach.BACKWARDS:
                    torch.Tensor.backward = reach._backward  # type: ignore[method-assign]
            return reach._backward(tensor, *args, **kwargs)
        torch.Tensor.backward = backward  # type: ignore[method-assign]

    def _leaves(self, tensor: Any) -> None:
        """The weights the graph of ``tensor`` reaches (its AccumulateGrad nodes' variables)."""
        stack, seen = [getattr(tensor, "grad_fn", None)], set()
        while stack and len(seen) < 100_000:
            fn = stack.pop()
            if fn is None or id(fn) in seen:
                continue
            seen.add(id(fn))
            var = getattr(fn, "variable", None)
            if var is not None:
                self.reached[id(var)] = var
            stack.extend(nxt for nxt, _ in getattr(fn, "next_functions", ()))

    def restore(self) -> None:
        import torch

        if self.backwards < self.BACKWARDS:
            torch.Tensor.backward = self._backward  # type: ignore[method-assign]
            self.backwards = self.BACKWARDS

    @classmethod
    def start(cls, steps: int = 20) -> _GradientReach | None:
        """The hook, or None where this torch has no global optimiser hooks (before 2.0): only a measurement lost."""
        try:
            return cls(steps)
        except ImportError:
            return None

    def _pre_step(self, opt: Any, args: Any, kwargs: Any) -> None:
        self.seen += 1
        for group in opt.param_groups:
            for p in group["params"]:
                if p.requires_grad:
                    self.params[id(p)] = p
                    self.missing[id(p)] = self.missing.get(id(p), 0) + (p.grad is None)
        if self.seen >= self.steps:
            self.handle.remove()

    def report(self, model: Any) -> dict[str, Any] | None:
        """Names (from the returned model) and share of the weights that no step ever found a gradient for; and the
        returned model's weights that have a gradient (the loss is computed through them) but that no optimiser
        holds (a parameter group left out), so no step ever changes them."""
        self.handle.remove()
        self.restore()
        if self.seen < 3 or not self.params:
            return None
        named = _named_parameters(model)
        names = {id(p): n for n, p in named}
        out: dict[str, Any] = {}
        cut = {i for i, n in self.missing.items() if n == self.seen}
        if cut:
            total = sum(int(p.numel()) for p in self.params.values())
            share = sum(int(self.params[i].numel()) for i in cut) / max(total, 1)
            shown = sorted(names.get(i, f"<tensor of shape {tuple(self.params[i].shape)}>") for i in cut)
            out |= {"no_grad_params": shown[:12], "no_grad_count": len(cut), "no_grad_share": share,
                    "no_grad_steps": self.seen, "params_count": len(self.params)}
        outside = [(n, p) for n, p in named if p.requires_grad and id(p) not in self.params and id(p) in self.reached]
        if outside:
            total = sum(int(p.numel()) for _, p in named if p.requires_grad)
            out |= {"not_stepped_params": [n for n, _ in outside][:12], "not_stepped_count": len(outside),
                    "not_stepped_share": sum(int(p.numel()) for _, p in outside) / max(total, 1),
                    "not_stepped_steps": self.seen}
        return out or None


def _named_parameters(model: Any) -> list[tuple[str, Any]]:
    """The returned model's named parameters, or those of the torch modules a wrapper holds, each tensor once."""
    from model_trainer.kinds.common import torch_modules

    seen: set[int] = set()
    out: list[tuple[str, Any]] = []
    for module in torch_modules(model):
        try:
            pairs = list(module.named_parameters())
        except Exception:  # noqa: BLE001 - a module that cannot list its weights names none
            continue
        for name, p in pairs:
            if id(p) not in seen:
                seen.add(id(p))
                out.append((name, p))
    return out


def _broadcast_mode(folder: Path | None, align: bool) -> Any:
    """A torch function mode over the user's own arithmetic: an addition or subtraction of the network's output of
    shape ``(n, 1)`` (it requires a gradient) and targets of shape ``(n,)`` (they do not), or the reverse, broadcasts
    into an ``n x n`` grid of every output against every target. Without ``align`` it records the first such operation
    at the user's line (``found``); with ``align`` (the diagnostic ``loss_shapes_aligned``) it gives the ``(n, 1)``
    operand the other's shape first, as ``out.squeeze(-1)`` would, in evaluation too (no gradient there), so that the
    code's validation loss is aligned like its training loss. Only the user's own lines are read: a library's
    pairwise differences are its own."""
    import torch
    from torch.overrides import TorchFunctionMode

    ops = {torch.sub, torch.add, torch.Tensor.sub, torch.Tensor.add, torch.Tensor.__sub__, torch.Tensor.__rsub__,
           torch.Tensor.__add__, torch.Tensor.__radd__}
    prefix = f"{folder}{os.sep}" if folder is not None else None

    def column(a: Any, b: Any) -> bool:
        return a.dim() == 2 and b.dim() == 1 and a.shape[1] == 1 and a.shape[0] == b.shape[0] >= 2

    def mismatch(a: Any, b: Any) -> bool:
        if not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)):
            return False
        if align:
            return column(a, b) or column(b, a)
        if a.requires_grad == b.requires_grad:
            return False
        out, target = (a, b) if a.requires_grad else (b, a)
        return column(out, target)

    def user_line() -> str | None:
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_code.co_filename
            if prefix is not None and name.startswith(prefix):
                return f"{name}:{frame.f_lineno}"
            frame = frame.f_back
        return None

    class Watch(TorchFunctionMode):
        found: dict[str, Any] | None = None

        def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
            kwargs = kwargs or {}
            if func in ops and len(args) >= 2 and mismatch(args[0], args[1]):
                where = user_line()
                if where is not None:
                    if align:
                        a, b = args[0], args[1]
                        args = (a.squeeze(-1), b, *args[2:]) if a.dim() == 2 else (a, b.squeeze(-1), *args[2:])
                    elif self.found is None:
                        out, target = (args[0], args[1]) if args[0].requires_grad else (args[1], args[0])
                        self.found = {"line": where, "op": getattr(func, "__name__", str(func)),
                                      "output": list(out.shape), "target": list(target.shape)}
            return func(*args, **kwargs)
    return Watch()


def _leave(mode: Any) -> None:
    """Leave a torch function mode once (an epoch hook and the run's end may both ask)."""
    if not getattr(mode, "left", False):
        mode.left = True
        try:
            mode.__exit__(None, None, None)
        except Exception:  # noqa: BLE001 - a mode stack the code changed meanwhile: the mode is only a probe
            pass


def _align_loss_shapes() -> None:
    """torch's regression losses reshape an output with as many values as the target to the target's shape: a loss
    that broadcast ``(n,)`` against ``(n, 1)`` into an ``n x n`` grid then compares each output with its own target,
    and a loss given matching shapes is unchanged. Registered in this run's process only."""
    import functools

    import torch.nn.functional as F

    def wrap(original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def loss(input: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
            if getattr(input, "shape", None) != getattr(target, "shape", None) and input.numel() == target.numel():
                input = input.reshape(target.shape)
            return original(input, target, *args, **kwargs)
        return loss

    for name in ("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"):
        if hasattr(F, name):
            setattr(F, name, wrap(getattr(F, name)))


def _softmax_layers_pass_scores() -> None:
    """Every ``nn.Softmax`` module returns its input: a network that ends in one hands its loss (a cross-entropy,
    which applies its own softmax) the scores it expects, and its predicted classes are the same (the largest score
    is the largest probability). Registered in this run's process only."""
    from torch import nn

    nn.Softmax.forward = lambda self, x: x  # type: ignore[method-assign]


def _nll_takes_log_probabilities(folder: Path | None = None) -> None:
    """torch's ``nll_loss`` applies a log-softmax over the classes (dim 1) to an input whose rows are not already
    log-probabilities (their exponentials do not sum to 1), so scores handed to it are scored as a cross-entropy;
    an input that is log-probabilities passes unchanged. ``nn.NLLLoss`` calls the same function. A name the user's
    modules imported the function under (``from torch.nn.functional import nll_loss``) is pointed at the wrapper
    too. Registered in this run's process only."""
    import torch
    import torch.nn.functional as F

    original = F.nll_loss

    def nll_loss(input: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
        dim = 0 if input.dim() == 1 else 1  # one sample's scores (C,), or a batch's (N, C, ...)
        if input.shape[dim] > 1:
            total = torch.logsumexp(input.detach().float(), dim=dim)
            if not torch.allclose(total, torch.zeros_like(total), atol=1e-3):
                input = F.log_softmax(input, dim=dim)
        return original(input, target, *args, **kwargs)

    F.nll_loss = nll_loss  # type: ignore[assignment]
    for mod in list(sys.modules.values()):
        where = getattr(mod, "__file__", None)
        if folder is not None and where and Path(where).resolve().is_relative_to(folder):
            for k, v in list(vars(mod).items()):
                if v is original:
                    setattr(mod, k, nll_loss)


def _step_schedulers_per_epoch(monitor: Monitor, logs_epochs: bool = True) -> None:
    """A torch scheduler the code steps (once or many times) within an epoch steps once, after the epoch is logged:
    a schedule stepped per batch then decays per epoch as it was written to, and one stepped per epoch is unchanged.
    Every class of ``torch.optim.lr_scheduler`` that defines ``step`` is wrapped, in this run's process only; a
    scheduler's own first step (in its constructor) and ``ReduceLROnPlateau`` (which reads a metric) pass through.

    Code without a monitor (``logs_epochs`` False) marks the end of an epoch's training pass itself: the first
    switch of a module to evaluation mode, or a ``DataLoader`` whose batches ran out, after the held steps."""
    from torch.optim import lr_scheduler

    pending: list[Any] = []
    releasing = [False]

    def wrap(original: Callable[..., Any]) -> Callable[..., Any]:
        def step(self: Any, *args: Any, **kwargs: Any) -> Any:
            if releasing[0] or getattr(self, "_step_count", 0) == 0 or isinstance(self, lr_scheduler.ReduceLROnPlateau):
                return original(self, *args, **kwargs)
            if not any(s is self for s in pending):
                pending.append(self)
            return None
        return step

    def release() -> None:
        releasing[0] = True
        try:
            for sched in pending:
                sched.step()
        finally:
            releasing[0] = False
            pending.clear()

    classes, todo = [], [lr_scheduler.LRScheduler]
    while todo:
        cls = todo.pop()
        classes.append(cls)
        todo.extend(cls.__subclasses__())
    for cls in dict.fromkeys(classes):
        if "step" in cls.__dict__:
            cls.step = wrap(cls.__dict__["step"])
    if logs_epochs:
        monitor.epoch_hooks.append(release)
        return
    from torch import nn
    from torch.utils.data import dataloader

    def to_eval(original: Callable[..., Any]) -> Callable[..., Any]:
        def train(self: Any, mode: bool = True) -> Any:
            if not mode and pending:
                release()
            return original(self, mode)
        return train

    def exhausted(original: Callable[..., Any]) -> Callable[..., Any]:
        def next_batch(self: Any) -> Any:
            try:
                return original(self)
            except StopIteration:
                if pending:
                    release()
                raise
        return next_batch

    nn.Module.train = to_eval(nn.Module.train)  # type: ignore[method-assign]
    base = dataloader._BaseDataLoaderIter
    base.__next__ = exhausted(base.__next__)  # type: ignore[method-assign]


class _SolverWatch:
    """scipy's ``minimize`` and ``least_squares`` as the user's code calls them, for the last result's own word on how
    its fit ended: an optimiser stopped at its iteration limit says so only in the result's ``message``, never in a
    warning. Installed after the user's module is imported (only where it imported scipy.optimize), in scipy and in
    every module of the user's folder that bound the function by name (``from scipy.optimize import minimize``)."""

    NAMES = ("minimize", "least_squares")

    def __init__(self, folders: tuple[str, ...], numeric_gradient: bool = False) -> None:
        import scipy.optimize as so

        self.last: tuple[str, Any, Any] | None = None
        self.gradient: dict[str, Any] | None = None
        self.checked = False
        self.numeric_gradient = numeric_gradient
        self.bounds: Any = None
        self.line: str | None = None
        self.folders = folders
        originals = {name: getattr(so, name) for name in self.NAMES}
        wrapped = {name: self._wrap(name, fn) for name, fn in originals.items()}
        for name, fn in wrapped.items():
            setattr(so, name, fn)
        for module in list(sys.modules.values()):
            if not self._users(str(getattr(module, "__file__", "") or "")):
                continue
            for attr, value in list(vars(module).items()):
                for name, original in originals.items():
                    if value is original:
                        setattr(module, attr, wrapped[name])

    @classmethod
    def start(cls, entry_file: str | None, numeric_gradient: bool = False) -> _SolverWatch | None:
        if "scipy.optimize" not in sys.modules or not entry_file:
            return None
        from pathlib import Path

        # the folder as the import system saw it (a code object's file name) and as it resolves (through links)
        here = Path(entry_file).absolute().parent
        return cls(tuple(dict.fromkeys((f"{here}{os.sep}", f"{here.resolve()}{os.sep}"))), numeric_gradient)

    def _wrap(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        import functools

        @functools.wraps(original)
        def call(*args: Any, **kwargs: Any) -> Any:
            # only the user's own calls: a library's inner fits (a Gaussian process's kernel search) are its own
            frame = sys._getframe(1)
            mine = self._users(frame.f_code.co_filename)
            jac = kwargs.get("jac")
            if mine and name == "minimize" and (jac is True or callable(jac)) and len(args) >= 2:
                fit_args = kwargs.get("args", args[2] if len(args) > 2 else ())
                fit_args = fit_args if isinstance(fit_args, tuple) else (fit_args,)
                # the first fit's gradient only: code that fits in a loop pays for one check, not one per fit
                found = None if self.checked else gradient_check(args[0], jac, args[1], fit_args,
                                                                  kwargs.get("bounds"))
                self.checked = True
                if found is not None:
                    self.gradient = {**found, "call": defined_at(args[0] if jac is True else jac)
                                     or f"{frame.f_code.co_filename}:{frame.f_lineno}"}
                if self.numeric_gradient:
                    # the diagnostic: the same objective, its gradient taken by finite differences (the Newton
                    # family needs a gradient function, so it is given one that takes differences)
                    value = gradient_value_only(args[0], jac)
                    args = (value, *args[1:])
                    kwargs = {**kwargs, "jac": _differences(value) if str(kwargs.get("method", "")).lower()
                              in _NEEDS_JAC else None}
            result = original(*args, **kwargs)
            if mine:
                self.last = (name, kwargs.get("method"), result)
                self.bounds = kwargs.get("bounds")
                self.line = f"{frame.f_code.co_filename}:{frame.f_lineno}"
            return result
        return call

    def _users(self, path: str) -> bool:
        return path.startswith(self.folders) and "site-packages" not in path and "dist-packages" not in path

    def facts(self) -> dict[str, Any]:
        """The last fit's own account: success, iterations, number of parameters, message (``fit_*``)."""
        if self.last is None:
            return {}
        _, _, result = self.last
        out: dict[str, Any] = {"fit_gradient_check": self.gradient} if self.gradient else {}
        out |= {"fit_success": bool(getattr(result, "success", False)),
                               "fit_message": str(getattr(result, "message", "") or "")[:200]}
        if self.last[1] is not None:
            out["fit_method"] = str(self.last[1])
        nit, x = getattr(result, "nit", None), getattr(result, "x", None)
        if isinstance(nit, (int, np.integer)):
            out["fit_iterations"] = int(nit)
        if x is not None and np.ndim(x) == 1:
            out["fit_params"] = int(np.size(x))
            at = _at_bounds(np.asarray(x, dtype=float), self.bounds, self.last[0])
            if at:
                out["fit_at_bounds"] = at
                out["fit_call"] = self.line
        return out

    def report(self) -> str | None:
        """A line naming the last fit's iteration-limit stop, or None where it converged (or none ran)."""
        from model_trainer.probes.error_messages import SOLVER_NOTE, solver_stopped

        if self.last is None:
            return None
        name, method, result = self.last
        message = str(getattr(result, "message", "") or "")
        if getattr(result, "success", True) or not solver_stopped(message):
            return None
        how = f"{name}, method {method}" if isinstance(method, str) else name
        steps = getattr(result, "nit", None) or getattr(result, "nfev", None)
        return (f"{SOLVER_NOTE} ({how}) ended without converging: {message}"
                + (f" ({steps} {'iterations' if getattr(result, 'nit', None) else 'evaluations'})" if steps else ""))


# scipy methods that raise without a gradient function
_NEEDS_JAC = ("newton-cg", "trust-ncg", "trust-exact", "trust-krylov", "dogleg")


def _differences(value: Callable[..., float]) -> Callable[..., Any]:
    """A gradient function taking forward differences of ``value`` (for the methods that need one)."""
    from scipy.optimize import approx_fprime

    return lambda x, *a: approx_fprime(np.asarray(x, dtype=float), value, 1.49e-8, *a)


def _at_bounds(x: np.ndarray, bounds: Any, name: str) -> list[dict[str, Any]]:
    """The estimates of a scipy fit that end on a finite bound other than zero (``minimize``'s (lower, upper) pairs or
    ``Bounds``, ``least_squares``' (lower, upper)): the data ask for a value the bound excludes. A bound at zero is the
    natural floor of a rate or a size, where "no effect" is a legitimate estimate.

    >>> _at_bounds(np.array([0.3, 1.0]), [(0, 5), (0.1, 1.0)], "minimize")
    [{'index': 1, 'bound': 'upper', 'value': 1.0}]
    """
    if bounds is None:
        return []
    try:
        if hasattr(bounds, "lb"):
            lo, hi = np.asarray(bounds.lb, float), np.asarray(bounds.ub, float)
        elif name == "least_squares":
            lo, hi = np.asarray(bounds[0], float), np.asarray(bounds[1], float)
        else:
            pairs = [(None, None) if p is None else p for p in bounds]
            lo = np.array([np.nan if p[0] is None else float(p[0]) for p in pairs])
            hi = np.array([np.nan if p[1] is None else float(p[1]) for p in pairs])
        lo, hi = np.broadcast_to(lo, x.shape), np.broadcast_to(hi, x.shape)
    except (TypeError, ValueError, IndexError):
        return []
    out = []
    for i, v in enumerate(x):
        for side, b in (("lower", lo[i]), ("upper", hi[i])):
            if np.isfinite(b) and b != 0 and abs(v - b) <= 1e-8 * max(1.0, abs(b)):
                out.append({"index": i, "bound": side, "value": float(b)})
    return out


def _state_dicts_copied() -> None:
    """torch's ``Module.state_dict()`` returns copies of its tensors (``repairs/copy_state_dicts.py``): a dict kept to
    be reloaded then holds the weights of the moment it was taken. Only the outer call copies: a submodule's part of
    it (``destination`` given) is filled in place, and ``keep_vars=True`` asks for the parameters themselves."""
    import torch

    original = torch.nn.Module.state_dict

    def state_dict(self: Any, *args: Any, **kwargs: Any) -> Any:
        out = original(self, *args, **kwargs)
        if args or kwargs.get("destination") is not None or kwargs.get("keep_vars"):
            return out
        copied = type(out)((k, v.detach().clone() if isinstance(v, torch.Tensor) else v) for k, v in out.items())
        if hasattr(out, "_metadata"):
            copied._metadata = out._metadata  # type: ignore[attr-defined]
        return copied

    torch.nn.Module.state_dict = state_dict  # type: ignore[method-assign]


def run(job: Job, monitor: Monitor, emit: Callable[[Event], None]) -> ModelBundle:
    fn = user_callable(job)
    solver = _SolverWatch.start(job.entry_file, numeric_gradient=bool(job.data_repairs.get("numeric_gradient")))
    if job.data_repairs.get("numeric_gradient"):
        emit(Note(text="diagnostic: the code's scipy.optimize.minimize calls take their gradient by finite differences "
                       "instead of the code's own, by a hook of the tool's; the code is unchanged"))
    train, val, pre = prepared_data(job)
    n = arity(fn)
    names = ("data_train", "data_val", "config", "monitor")[:n]
    emit(Note(text=f"calling {job.function}({', '.join(names)})"))
    config = dict(job.config)
    if job.data_repairs.get("zero_grad_after_step"):
        _zero_grads_after_each_step(monitor)
        emit(Note(text="diagnostic: every torch optimiser step is followed by zero_grad(), by a hook of the tool's; "
                       "the code is unchanged"))
    if job.data_repairs.get("state_dict_copies"):
        _state_dicts_copied()
        emit(Note(text="diagnostic: every torch state_dict() is a copy of the weights at that moment, by a hook of "
                       "the tool's; the code is unchanged"))
    if job.data_repairs.get("loss_shapes_aligned"):
        _align_loss_shapes()
        emit(Note(text="diagnostic: torch's regression losses take the network's output in the target's shape, by a "
                       "hook of the tool's; the code is unchanged"))
    if job.data_repairs.get("softmax_scores_to_loss"):
        _softmax_layers_pass_scores()
        emit(Note(text="diagnostic: every nn.Softmax layer passes its input through, by a hook of the tool's; the "
                       "code is unchanged"))
    if job.data_repairs.get("log_softmax_to_nll"):
        _nll_takes_log_probabilities(Path(job.entry_file).resolve().parent if job.entry_file else None)
        emit(Note(text="diagnostic: torch's nll_loss applies a log-softmax to scores that are not log-probabilities, "
                       "by a hook of the tool's; the code is unchanged"))
    if job.data_repairs.get("scheduler_per_epoch"):
        _step_schedulers_per_epoch(monitor, logs_epochs=n == 4)
        emit(Note(text="diagnostic: the code's calls of a torch scheduler's step() take effect once per epoch ("
                       + ("at each logged epoch" if n == 4 else "where a module turns to evaluation mode or a "
                          "DataLoader runs out") + "), by a hook of the tool's; the code is unchanged"))
    reach = _GradientReach.start() if "torch" in sys.modules and not job.data_repairs.get("zero_grad_after_step") \
        else None
    folder = Path(job.entry_file).resolve().parent if job.entry_file else None
    watch = None
    if "torch" in sys.modules and (n == 4 or job.data_repairs.get("loss_shapes_aligned")):
        # the first epoch only where the code logs epochs (a mode costs every torch call a Python dispatch); the
        # diagnostic's alignment for the whole run
        watch = _broadcast_mode(folder, align=bool(job.data_repairs.get("loss_shapes_aligned")))
        watch.__enter__()
        if not job.data_repairs.get("loss_shapes_aligned"):
            monitor.epoch_hooks.append(lambda: _leave(watch))
    monitor.start_clock()
    try:
        if n == 4:
            result = fn(train, val, config, monitor)
        elif n == 3:
            result = fn(train, val, config)
        else:
            result = fn(train, val)
    finally:
        if watch is not None:
            _leave(watch)
    said = solver.report() if solver is not None else None
    if said:
        emit(Note(text=said))
    model, history = result, None
    if isinstance(result, tuple) and len(result) == 2:
        model, history = result
    elif n < 4:
        raise ContractViolation(f"{job.function} must return (model, history); it returned "
                                + ("None" if result is None else f"a {type(result).__name__}"))
    if history is not None:
        if monitor.epoch == 0:
            monitor.log_history(history, job.metric)
        else:
            emit(Note(text="the returned history was ignored: the epochs were already logged through the monitor"))
    problems = return_problems(job.function or "train_model", model, epochs=monitor.epoch,
                               signature_returns_history=n < 4)
    if problems:
        raise ContractViolation("; ".join(problems))
    if job.data_repairs.get("eval_before_predict"):
        switched = to_eval_mode(model)
        emit(Note(text="diagnostic: the returned model's torch modules predict in evaluation mode ("
                       + (", ".join(f"`{m}`" for m in switched) or "none was in training mode")
                       + "), switched by the tool after training; the code is unchanged"))
    task = "regression"
    if job.metric in ("accuracy", "f1", "auc") and job.target is not None and job.target in train:
        task = "binary" if train[job.target].nunique() <= 2 else "multiclass"
    predict = _predictor(model, task)
    if predict is not None and pre.passthrough:
        predict = with_passthrough(predict, pre.features)
    val_raw = val_raw_frame(job)
    data = units_diagnostics(predict, job, val_raw, pre) or {}
    val_prepared = pre.transform(val_raw)
    x_val = val_prepared[pre.features]
    x_model = val_prepared[pre.model_columns(val_prepared)]
    if not has_hidden_layers(model, len(pre.features)):
        data.update(guarded(lambda: None if (r2 := linearity(model, x_val, labels=job.metric in ("accuracy", "f1")))
                            is None else {"linear_r2": r2}))
    data.update(guarded(lambda: identical_units(model)))
    data.update(guarded(lambda: scale_sensitive(model)))
    if solver is not None:
        data.update(solver.facts())
    if predict is not None:
        data.update(guarded(lambda: prediction_stats(predict, x_model, pre, job.metric)))
        data.update(nonfinite_predictions(predict, x_model))
        data.update(guarded(lambda: repeat_check(predict, x_model)))
        data.update(guarded(lambda: _train_mode(model)))
        data.update(guarded(lambda: relu_units(model, predict, x_model)))
        if job.target is not None and job.target in val_raw:
            # binned by the columns the model is given, never by those the spec leaves out
            given = val_raw[[c for c in pre.features if c in val_raw]]
            data.update(guarded(lambda: residual_check(predict, x_model, given, job.target,
                                                       val_raw[job.target].to_numpy(), pre, job.metric)))
        if job.target is not None and job.target in val_raw:
            own = own_metric(predict, x_model, val_raw[job.target].to_numpy(), pre, job.metric)
            if own is not None:
                data["metric_own"] = own
                if job.data_repairs.get("eval_before_predict") and "metric_units" not in data:
                    # the code's logged metric was taken in training mode: the model is judged by this score
                    data.update(metric_units=own, metric_name=job.metric, metric_units_source=(
                        "the returned model's predict on the validation data, its torch modules in evaluation mode"))
                if job.data_repairs.get("state_dict_copies") and "metric_units" not in data:
                    # the code logs each epoch's metric; the model it returns is the one it reloaded, judged by this
                    data.update(metric_units=own, metric_name=job.metric, metric_units_source=(
                        "the returned model's predict on the validation data, after the code's reload of the weights "
                        "it kept"))
                own_train = train_rows_metric(predict, job, pre)
                if own_train is not None:
                    data["metric_own_train"] = own_train
    data.update(guarded(lambda: {"embeddings": tables} if (tables := embedding_rows(model)) else {}))
    if reach is not None:
        data.update(reach.report(model) or {})
    if watch is not None and getattr(watch, "found", None):
        data["broadcast_op"] = watch.found
    if data:
        emit(Diagnostics(kind="function", data=data))
    return attach_twin(ModelBundle(kind="function", model=model, preprocess=pre, task=task), job.entry_file)


def _train_mode(model: Any) -> dict[str, Any]:
    modes = train_mode_modules(model)
    if not modes:
        return {}
    predict = getattr(type(model), "predict", None)
    where = defined_at(predict) if predict is not None else None
    return {"train_mode_modules": modes, **({"train_mode_predict": where} if where else {})}


def _predictor(model: Any, task: str) -> Callable[[Any], Any] | None:
    """The returned model's predictions on prepared features, as its bundle makes them: its own ``predict`` (class
    labels from a classifier's scores or probabilities), or a torch module's forward pass where it has none."""
    from model_trainer.bundle import _is_torch_module, _torch_predict, as_labels

    if hasattr(model, "predict"):
        return model.predict if task == "regression" else lambda x: as_labels(np.asarray(model.predict(x)), task)
    if _is_torch_module(model):
        return lambda x: _torch_predict(model, x.to_numpy(dtype=np.float32), task)
    return None
