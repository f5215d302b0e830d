"""Round 6: twelve programs written against CONTRACT.md alone, in three parts, each measured with driver.py by its
own run script (run_round6_a.sh, run_round6_b.sh, run_round6_c.sh) and listed in its own entries file
(round6_a.py, round6_b.py, round6_c.py: the same fields as write_truth.py's entries, extra-run metrics written in as
numbers and checked against the result files).

P6 joins the three parts and is written out by write_truth.py with the other rounds ("round": 6);
`python round6.py` (after the run scripts) checks every quoted number, as write_truth.py does.
"""
import importlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
PARTS = [importlib.import_module(f"round6_{x}") for x in ("a", "b", "c")
         if os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), f"round6_{x}.py"))]
P6 = [p for part in PARTS for p in getattr(part, "P6" + part.__name__[-1].upper())]


def check_extra():
    for part in PARTS:
        part.check()


if __name__ == "__main__":
    check_extra()
    print("ok", len(P6))
