"""``model-trainer search``: an Optuna study over ``[search.space]`` where every trial is a supervised run.

Storage: Optuna's journal file (``results/search/<study>.journal``) by default, which several
processes on one machine share safely (``--workers K``); any SQLAlchemy URL (``postgresql://...``)
lets processes on many machines join the same study by running the same command. Re-running resumes
the study: only the missing trials are run. A trial whose run raises a red flag (a divergence) is
stopped early and pruned.
"""

from __future__ import annotations

import math
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.search.space import Dim, parse_space
from model_trainer.session import EXIT_OK, Interrupted, Session, open_session


@dataclass
class Options:
    trials: int | None = None
    workers: int = 1
    storage: str | None = None
    study: str | None = None
    worker: bool = False   # a helper process started by --workers: run trials, write no report


def _storage(url: str | None, session: Session, study: str) -> tuple[Any, str]:
    import optuna
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    if url is None or url.startswith("journal:") or url.endswith(".journal"):
        path = Path(url.removeprefix("journal:")) if url else session.ws.results / "search" / f"{study}.journal"
        path.parent.mkdir(parents=True, exist_ok=True)
        return JournalStorage(JournalFileBackend(str(path))), f"journal:{path}"
    failure: Exception | None = None
    for attempt in range(5):
        try:
            storage = optuna.storages.RDBStorage(url, engine_kwargs={"pool_pre_ping": True})
            storage.get_all_studies()
            return storage, url
        except Exception as exc:  # noqa: BLE001 - any driver error means the storage cannot be used
            failure = exc
            # Two machines starting on a fresh database race to create Optuna's tables: the loser gets a
            # unique-constraint violation and finds the tables there on the next try. Other errors stay.
            if "UniqueViolation" not in str(exc) and "IntegrityError" not in type(exc).__name__:
                break
            time.sleep(1.0 + attempt)
    assert failure is not None
    first = str(failure).splitlines()[0] if str(failure) else ""
    raise InputError(f"cannot use the study storage {url!r}: {type(failure).__name__}: {first}", where="--storage",
                     hint="check that the database server is running and reachable, the URL "
                          "(postgresql://USER@HOST:PORT/DB), and that the `search` extra (psycopg) is installed"
                     ) from failure


def search(spec_path: str | Path, opts: Options, ui: Any = None) -> int:
    import optuna

    session = open_session(spec_path, None, ui)
    spec = session.spec
    if spec.search is None:
        raise InputError("the spec has no [search] section", path=spec.path,
                         hint="add [search] with trials = N and a [search.space] table")
    space = parse_space(spec.search.space, spec.config, spec.path)
    if opts.workers < 1:
        raise InputError(f"--workers must be >= 1, got {opts.workers}", where="--workers")
    name = opts.study or spec.path.stem
    # The journal and the study live under the workspace; reject a bad storage before touching anything else.
    storage, url = _storage(opts.storage, session, name)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    direction = "maximize" if spec.model.higher_is_better else "minimize"
    sampler = optuna.samplers.TPESampler(seed=None if opts.worker else 0) if spec.search.sampler == "tpe" else \
        optuna.samplers.RandomSampler()
    study = optuna.create_study(study_name=name, storage=storage, direction=direction, sampler=sampler,
                                load_if_exists=True)
    target = opts.trials or spec.search.trials
    session.ws.log.line(f"model-trainer search {spec.path}: study {name!r} on {url}, {target} trials, "
                        f"{opts.workers} worker(s); space: " + "; ".join(d.describe() for d in space.values()))
    helpers = []
    if opts.workers > 1 and not opts.worker:
        for _ in range(opts.workers - 1):
            helpers.append(subprocess.Popen(
                [sys.executable, "-m", "model_trainer", "search", str(spec.path), "--trials", str(target),
                 "--storage", url, "--study", name, "--worker", "--quiet"]))
    try:
        study.optimize(lambda t: _objective(t, session, space), n_trials=None,
                       callbacks=[optuna.study.MaxTrialsCallback(target, states=None)], catch=())
    except Interrupted:
        for h in helpers:
            h.terminate()
        return 130
    for h in helpers:
        h.wait()
    if opts.worker:
        session.ws.close()
        return EXIT_OK
    from model_trainer.investigate import baseline_facts, record_facts
    from model_trainer.search.report import write_report

    baseline_facts(session)
    record_facts(session)
    try:
        code = write_report(session, study, space)
        from model_trainer.session import finish

        finish(session)
        return code
    finally:
        session.ws.close()


def _objective(trial: Any, session: Session, space: dict[str, Dim]) -> float:
    import optuna

    from model_trainer.detect import first_finding
    from model_trainer.investigate import baseline_facts, model_metric, watch_for

    params = {n: d.suggest(trial) for n, d in space.items()}
    config = {**session.spec.config, **params}
    facts = baseline_facts(session, config)
    rec = session.run(f"trial{trial.number}", config, watch=watch_for(facts), purpose="trial")
    trial.set_user_attr("run_id", rec.run_id)
    trial.set_user_attr("status", rec.status)
    flag = first_finding(rec.history, facts) if rec.ok else None
    if flag is not None:
        trial.set_user_attr("symptom", flag.symptom)
        trial.set_user_attr("flag", flag.message)
    key, value = model_metric(rec, session.spec.model.higher_is_better)
    diverged = flag is not None and flag.symptom in ("nan_loss", "exploding_gradients")
    if not rec.ok or diverged or not math.isfinite(value):
        raise optuna.TrialPruned(flag.message if flag else f"run {rec.status}")
    trial.set_user_attr("metric_key", key)
    return value
