"""The numbers a round's entries quote, checked against the driver's result files (``results/<name>_<tag>.json``).

A part of a round lists the metrics it quotes as ``{name: {tag: value}}`` tables; ``mismatches(*tables)`` prints
each quoted value its result file does not hold (to the 4 places quoted) and counts them.
"""
import json
import math
import os

R = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")


def metric(name, tag):
    v = json.load(open(f"{R}/{name}_{tag}.json"))["val_metric"]
    return None if (v is None or (isinstance(v, float) and math.isnan(v))) else round(v, 4)


def mismatches(*tables):
    bad = 0
    for table in tables:
        for name, runs in table.items():
            for tag, want in runs.items():
                got = metric(name, tag)
                if got != want and not (got is not None and want is not None and abs(got - want) < 6e-5):
                    print(f"MISMATCH {name} {tag}: quoted {want}, result file {got}")
                    bad += 1
    return bad
