"""The references fitted in a process of their own, which imports scikit-learn while the command does other work.

scikit-learn's import (over a second on one core, most of it ``scipy.stats``) is most of what the references
cost on small data. Fitted in a thread, that import holds the command's interpreter while the first run's
events arrive; in this process it runs on another core from the command's first moments (``engine/early.py``
forks it once numpy and pandas are imported, before the command's other imports). The request and the answer are
pickles on two pipes: the frames, and the ``References`` that ``probes.references.references`` returns on them.

Example:
    >>> worker = ReferenceWorker.fork_here()                                       # doctest: +SKIP
    >>> refs = worker.fit(train, val, ["x"], "y", "rmse", seed=0)              # doctest: +SKIP
    >>> refs.values                                                            # doctest: +SKIP
    {'constant': 3.1, 'linear': 0.2, 'boosting': 0.3}
"""

from __future__ import annotations

import os
import pickle
from typing import Any

# what ``references`` imports to fit; the worker imports them before its request arrives
_WARM = ("numpy", "pandas", "sklearn.ensemble", "sklearn.linear_model", "sklearn.pipeline", "sklearn.preprocessing")
# once it has answered the worker only exits
_EXIT_TIMEOUT_S = 10.0


class ReferenceWorker:
    """The command's handle on a worker process, forked before the command starts a thread. One request each."""

    def __init__(self, proc: Any, request_fd: int, answer_fd: int) -> None:
        self.proc = proc
        self._request_fd: int | None = request_fd
        self._answer_fd: int | None = answer_fd

    @classmethod
    def fork_here(cls) -> ReferenceWorker:
        """A worker forked from this process (keeping what it imported: numpy and pandas) that imports
        scikit-learn from now on."""
        from model_trainer.engine import procs

        req_r, req_w = os.pipe()
        ans_r, ans_w = os.pipe()
        try:
            proc = procs.fork_helper(lambda: _serve(req_r, ans_w), keep=(req_r, ans_w))
        except BaseException:
            for fd in (req_w, ans_r):
                os.close(fd)
            raise
        finally:
            os.close(req_r)
            os.close(ans_w)
        return cls(proc, req_w, ans_r)

    def fit(self, train: Any, val: Any, features: list[str], target: str | None, metric: str, seed: int,
            held_out: bool = True) -> Any:
        """The references on this split, as ``references`` returns them; raises where the worker gave none."""
        cols = list(dict.fromkeys([*features, *([target] if target else [])]))
        request = pickle.dumps({"train": train[cols], "val": val[cols], "features": list(features), "target": target,
                                "metric": metric, "seed": seed, "held_out": held_out},
                               protocol=pickle.HIGHEST_PROTOCOL)
        try:
            assert self._request_fd is not None and self._answer_fd is not None
            with os.fdopen(self._request_fd, "wb") as f:
                self._request_fd = None
                f.write(request)  # the worker reads it whole before it answers: no deadlock
            with os.fdopen(self._answer_fd, "rb") as f:
                self._answer_fd = None
                out = f.read()
            code = self.proc.wait(timeout=_EXIT_TIMEOUT_S)
        finally:
            self.close()
        if code != 0 or not out:
            raise RuntimeError(f"the references' worker ended with exit code {code} and no answer")
        return pickle.loads(out)

    def close(self) -> None:
        """End the worker if it still runs. Safe to call more than once."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)
        for name in ("_request_fd", "_answer_fd"):
            fd = getattr(self, name)
            setattr(self, name, None)
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass


def _serve(request_fd: int, answer_fd: int) -> int:
    import importlib
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in _WARM:
            importlib.import_module(name)
    with os.fdopen(request_fd, "rb") as f:
        request = pickle.load(f)
    from model_trainer.probes.references import references

    out = references(**request)
    with os.fdopen(answer_fd, "wb") as f:
        f.write(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    return 0
