"""The seed's first example: an edge-level transmission model of an epidemic on a city network, fitted
by maximum likelihood, whose information matrix is singular until the routes are tied into tiers.

Generated here, deterministically: 15 cities (3 hubs), 112 directed routes with daily traffic, 90
days of a discrete SIR epidemic where infections travel along routes at a rate that depends on the
route's class (hub-to-hub 0.42, hub-to-periphery 0.28, periphery-to-periphery 0.15). Each row
is one city-day: the new cases, the city's own prevalence yesterday, and the imported pressure over
each of the 112 routes.

Infections are Poisson; each is reported with probability 0.3 (binomial thinning), so the reported counts
the model sees are Poisson too, with every rate scaled by 0.3 (hub 0.126, medium 0.084, periphery 0.045,
local 0.0315 per reported case). The likelihood the model uses thus describes the data, and information
criteria compare the full and the tiered model on it. (Overdispersed counts fitted by a Poisson likelihood
overstate the information in the data, and AIC/BIC computed from it mislead: with them the 113-parameter model
looked better by tens of thousands of AIC units while a tier's estimate sat on its bound.)
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

N_CITIES, N_HUBS, N_EDGES, DAYS = 15, 3, 112, 90
TRUE_BETA = {"hub": 0.42, "medium": 0.28, "periphery": 0.15}
TRUE_GAMMA = 0.105
REPORTED = 0.3  # the share of infections that are reported

MODULE = '''
"""Edge-level transmission model: new cases in a city are Poisson with mean
gamma * own prevalence + sum over incoming routes of beta_route * imported pressure."""
import json
from pathlib import Path

import numpy as np

ROUTES = json.loads((Path(__file__).parent / "routes.json").read_text())
EDGE_COLUMNS = [f"import_{r['src']}_{r['dst']}" for r in ROUTES]

PARAMS = [{"name": "gamma_local", "init": 0.1, "lower": 0.0, "upper": 5.0}] + [
    {"name": f"beta_{r['src']}_{r['dst']}", "init": 0.3, "lower": 0.0, "upper": 5.0,
     "covariate": r["traffic"], "group": "route"}
    for r in ROUTES
]
GROUP_COLUMN = "city_type"


_MATRICES = {}


def _matrix(data):
    # the optimiser calls this thousands of times on the same frame: extract the columns once
    key = (id(data), len(data))
    if key not in _MATRICES:
        _MATRICES[key] = (data["local_prevalence"].to_numpy(dtype=float), data[EDGE_COLUMNS].to_numpy(dtype=float),
                          data["new_cases"].to_numpy(dtype=float) if "new_cases" in data else None, data)
    return _MATRICES[key]


def _rate(theta, data):
    local, x, _, _ = _matrix(data)
    return theta[0] * local + x @ theta[1:]


def predict(theta, data):
    return _rate(np.asarray(theta, dtype=float), data)


def negative_log_likelihood(theta, data):
    lam = np.maximum(_rate(np.asarray(theta, dtype=float), data), 1e-9)
    y = _matrix(data)[2]
    return float(np.sum(lam - y * np.log(lam)))


def simulate(theta, data, rng):
    out = data.copy()
    out["new_cases"] = rng.poisson(np.maximum(predict(theta, data), 0.0))
    return out
'''

SPEC = '''
[model]
entrypoint = "code/sir_network.py"
kind = "mle"
metric = "rmse"

[data]
train = "data/train.csv"
val = "data/val.csv"
target = "new_cases"
ignore_columns = ["day", "city", "city_type"]

[config]
max_iter = 300

[budget]
max_attempts = 4
time_limit = "10m"

[domain]
target_units = "cases/day"
description = "an epidemic spreading over a network of 15 cities"

[gates]
bounds = [0, 1e7]                  # expected new cases per city-day: never negative
checks = ["prediction >= 0.0"]
'''


def make_network(seed: int = 11) -> tuple[list[dict], np.ndarray]:
    rng = np.random.default_rng(seed)
    pop = np.where(np.arange(N_CITIES) < N_HUBS, rng.uniform(8e6, 2e7, N_CITIES), rng.uniform(3e5, 2e6, N_CITIES))
    pairs = [(i, j) for i in range(N_CITIES) for j in range(N_CITIES) if i != j]
    hub_pairs = [p for p in pairs if p[0] < N_HUBS or p[1] < N_HUBS]
    other = [p for p in pairs if p not in hub_pairs]
    chosen = hub_pairs[:]  # every hub is linked both ways with every city: 78 routes
    extra = rng.choice(len(other), size=N_EDGES - len(chosen), replace=False)
    chosen += [other[k] for k in sorted(extra)]
    routes = []
    for s, d in chosen:
        if s < N_HUBS and d < N_HUBS:
            traffic, tier = rng.uniform(6000, 15000), "hub"
        elif s < N_HUBS or d < N_HUBS:
            traffic, tier = rng.uniform(500, 1800), "medium"
        else:
            traffic, tier = rng.uniform(20, 300), "periphery"
        routes.append({"src": int(s), "dst": int(d), "traffic": round(float(traffic), 1), "tier": tier})
    return routes, pop


def make_data(seed: int = 11) -> tuple[pd.DataFrame, list[dict]]:
    routes, pop = make_network(seed)
    rng = np.random.default_rng(seed + 1)
    prevalence = np.zeros((DAYS + 1, N_CITIES))
    prevalence[0, 0] = 500.0  # the outbreak starts in hub 0
    susceptible = pop.copy()
    rows = []
    for t in range(1, DAYS + 1):
        prev = prevalence[t - 1]
        imports = np.zeros((N_CITIES, len(routes)))
        for k, r in enumerate(routes):
            # pressure: passengers (thousands) times the share of the source city infected (per 100,000 people)
            imports[r["dst"], k] = (r["traffic"] / 1000.0) * (prev[r["src"]] / pop[r["src"]] * 1e5)
        beta = np.array([TRUE_BETA[r["tier"]] for r in routes])
        local = prev * susceptible / pop
        lam = TRUE_GAMMA * local + imports @ beta
        cases = rng.poisson(np.maximum(lam, 0))
        cases = np.minimum(cases, susceptible).astype(float)
        susceptible -= cases
        prevalence[t] = prev * 0.9 + cases  # a tenth recover each day
        reported = rng.binomial(cases.astype(np.int64), REPORTED).astype(float)
        for c in range(N_CITIES):
            row = {"day": t, "city": c, "city_type": 1 if c < N_HUBS else 0, "new_cases": reported[c],
                   "local_prevalence": round(float(local[c]), 4)}
            row.update({f"import_{r['src']}_{r['dst']}": round(float(imports[c, k]), 5)
                        for k, r in enumerate(routes)})
            rows.append(row)
    return pd.DataFrame(rows), routes


def write_workspace(root: Path) -> Path:
    (root / "code").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    frame, routes = make_data()
    frame[frame["day"] <= 70].to_csv(root / "data/train.csv", index=False)
    frame[frame["day"] > 70].to_csv(root / "data/val.csv", index=False)
    # the model sees each route's endpoints and traffic, not the tier it was simulated with
    (root / "code/routes.json").write_text(json.dumps([{k: r[k] for k in ("src", "dst", "traffic")} for r in routes]))
    (root / "code/sir_network.py").write_text(textwrap.dedent(MODULE).lstrip())
    spec = root / "spec.toml"
    spec.write_text(textwrap.dedent(SPEC).lstrip())
    return spec
