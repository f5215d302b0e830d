"""A generated fault benchmark: healthy base programs, fault operators, a reproduction check, a seed split.

Example:
    >>> from faults.generate import plan_programs
    >>> {s.half for s in plan_programs()} == {"tune", "eval"}
    True
"""
