"""``model-trainer search``: an Optuna study over ``[search.space]`` where every trial is a supervised run.

Storage: Optuna's journal file (``results/search/<study>.journal``) by default, which several
processes on one machine share safely (``--workers K``); any SQLAlchemy URL (``postgresql://...``)
lets processes on many machines join the same study by running the same command. Re-running resumes
the study: only the missing trials are run. A trial whose run raises a red flag (a divergence) is
stopped early and pruned.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model_trainer.errors import InputError
from model_trainer.redact import redact, redact_text
from model_trainer.search.space import Dim, parse_space
from model_trainer.session import EXIT_OK, Interrupted, Session, open_session

# how a helper process receives the storage URL: never on its command line, where `ps` shows it to anyone
STORAGE_ENV = "MODEL_TRAINER_STORAGE"


@dataclass
class Options:
    trials: int | None = None
    workers: int = 1
    storage: str | None = None
    study: str | None = None
    worker: bool = False   # a helper process started by --workers: run trials, write no report
    out: str | Path | None = None  # the workspace (default: the spec's folder)


def check_options(opts: Options) -> None:
    """Bad command-line values are input errors (exit 2), before anything is read or written."""
    if opts.trials is not None and opts.trials < 1:
        raise InputError(f"--trials must be >= 1, got {opts.trials}", where="--trials",
                         hint="give the number of trials the study should have in all, e.g. --trials 20")
    if opts.workers < 1:
        raise InputError(f"--workers must be >= 1, got {opts.workers}", where="--workers")
    cpus = os.cpu_count() or 1
    if opts.workers > cpus:
        raise InputError(f"--workers {opts.workers} is more than the {cpus} CPU(s) of this machine", where="--workers",
                         hint=f"use --workers {cpus} or fewer; to use more machines, run the same command with a "
                              "shared --storage on each")


def _storage(url: str | None, session: Session, study: str) -> tuple[Any, str]:
    import optuna
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    if url is None or url.startswith("journal:") or url.endswith(".journal"):
        path = Path(url.removeprefix("journal:")) if url else session.ws.search_dir / f"{study}.journal"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                raise IsADirectoryError(21, "is a folder, not a journal file")
            backend = JournalFileBackend(str(path))
        except OSError as exc:
            raise InputError(f"cannot use the journal file: {exc.strerror or exc}", path=path, where="--storage",
                             hint="pass --storage journal:PATH with a file in a folder you can write to") from None
        return JournalStorage(backend), f"journal:{path}"
    failure: Exception | None = None
    for attempt in range(5):
        try:
            storage = optuna.storages.RDBStorage(url, engine_kwargs={"pool_pre_ping": True})
            storage.get_all_studies()
            return storage, url
        except Exception as exc:  # noqa: BLE001 - any driver error means the storage cannot be used
            failure = exc
            # Two machines starting on a fresh database race to create Optuna's tables and enum types: the loser
            # gets a unique-constraint violation or an "already exists" (DuplicateObject, DuplicateTable) and finds them
            # there on the next try. Other errors stay.
            raced = (any(k in str(exc) for k in ("UniqueViolation", "DuplicateObject", "DuplicateTable"))
                     or "IntegrityError" in type(exc).__name__)
            if not raced:
                break
            time.sleep(1.0 + attempt)
    assert failure is not None
    first = redact_text(str(failure).splitlines()[0], url) if str(failure) else ""
    raise InputError(f"cannot use the study storage {redact(url)!r}: {type(failure).__name__}: {first}",
                     where="--storage",
                     hint="check that the database server is running and reachable, the URL "
                          "(postgresql://USER@HOST:PORT/DB), and that the `search` extra (psycopg) is installed"
                     ) from None


def search(spec_path: str | Path, opts: Options, ui: Any = None) -> int:
    """The ``search`` command; SIGTERM and SIGHUP stop it in order, as Ctrl-C does (exit 128 + N)."""
    from model_trainer.engine.signals import handle_signals

    with handle_signals():
        return _search_command(spec_path, opts, ui)


def _search_command(spec_path: str | Path, opts: Options, ui: Any = None) -> int:
    check_options(opts)
    if opts.worker and opts.storage is None:
        opts.storage = os.environ.get(STORAGE_ENV)
    session = open_session(spec_path, opts.out, ui)
    spec = session.spec
    if spec.search is None:
        raise InputError("the spec has no [search] section", path=spec.path,
                         hint="add [search] with trials = N and a [search.space] table")
    space = parse_space(spec.search.space, spec.config, spec.path)
    name = opts.study or spec.path.stem
    # a storage the user named is checked before anything is written; the default journal lives in the workspace
    given = _storage(opts.storage, session, name) if opts.storage else None
    if opts.worker:
        # a helper shares the study of the command that started it, which holds the workspace's lock
        session.ws.check_writable()
        return _search(session, space, opts, name, given)
    with session.ws.locked(f"search {spec.path}"):
        return _search(session, space, opts, name, given)


def _search(session: Session, space: dict[str, Dim], opts: Options, name: str, given: tuple[Any, str] | None
            ) -> int:
    import optuna

    spec = session.spec
    assert spec.search is not None
    storage, url = given or _storage(None, session, name)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    direction = "maximize" if spec.model.higher_is_better else "minimize"
    sampler = optuna.samplers.TPESampler(seed=None if opts.worker else 0) if spec.search.sampler == "tpe" else \
        optuna.samplers.RandomSampler()
    study = optuna.create_study(study_name=name, storage=storage, direction=direction, sampler=sampler,
                                load_if_exists=True)
    target = opts.trials or spec.search.trials
    session.ws.log.line(f"model-trainer search {spec.path}: study {name!r} on {redact(url)}, {target} trials, "
                        f"{opts.workers} worker(s); space: " + "; ".join(d.describe() for d in space.values()))
    helpers = []
    if opts.workers > 1 and not opts.worker:
        env = {**os.environ, STORAGE_ENV: url}
        for _ in range(opts.workers - 1):
            helpers.append(subprocess.Popen(
                [sys.executable, "-m", "model_trainer", "search", str(spec.path), "--out", str(session.ws.root),
                 "--trials", str(target), "--study", name, "--worker", "--quiet"], env=env))
    try:
        study.optimize(lambda t: _objective(t, session, space), n_trials=None,
                       callbacks=[optuna.study.MaxTrialsCallback(target, states=None)], catch=())
    except Interrupted as exc:
        from model_trainer.engine.signals import exit_code_for

        for h in helpers:
            h.terminate()
        return exit_code_for(exc.rec.signal_name)
    for h in helpers:
        h.wait()
    session.end_runs()
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
        session.end_runs()
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
    diverged = flag is not None and (flag.symptom in ("nan_loss", "exploding_gradients")
                                     or "diverged_to" in flag.evidence)
    if not rec.ok or diverged or not math.isfinite(value):
        raise optuna.TrialPruned(flag.message if flag else f"run {rec.status}")
    trial.set_user_attr("metric_key", key)
    return value
