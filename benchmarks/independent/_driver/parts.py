"""Rounds written in parts (round 5 and later): each part has its run script (``run_round<N>_<x>.sh``) and its
entries (``round<N>_<x>.py``: ``P<N><X>`` with the same fields as write_truth.py's entries, the extra-run metrics it
quotes, and ``check()``, which compares every quoted number with the result files).

``joined(N)`` gives the round's entries, parts a, b, c in order, and the check of all its parts; write_truth.py
writes them out with the other rounds (``"round": N``). ``python parts.py N`` runs the round's checks.
"""
import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def joined(rnd):
    parts = [importlib.import_module(f"round{rnd}_{x}") for x in ("a", "b", "c")
             if os.path.exists(os.path.join(HERE, f"round{rnd}_{x}.py"))]
    entries = [p for part in parts for p in getattr(part, f"P{rnd}" + part.__name__[-1].upper())]

    def check():
        for part in parts:
            part.check()
    return entries, check


if __name__ == "__main__":
    entries, check = joined(int(sys.argv[1]))
    check()
    print("ok", len(entries))
