"""Limits on the shape of input (输入结构限制): how deeply values may nest.

Observations and rule parameters are small structures — a number, ``{tier, points}``,
``{executed, budget}``, a list of ``(threshold, award)`` pairs. A value nested deeper than
[`MAX_NESTING`][perfscore.limits.MAX_NESTING] levels of lists and mappings is refused at once with an error
naming the field, before anything walks it recursively: hostile input cannot exhaust the stack
(no ``RecursionError``) or the time of the caller.

The limits on numbers live in [`perfscore.numbers`][perfscore.numbers]; the depth of indicator trees in
[`perfscore.framework.MAX_DEPTH`][perfscore.framework.MAX_DEPTH].
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from perfscore.errors import PerfscoreError

__all__ = ["MAX_NESTING", "check_nesting"]

MAX_NESTING: Final = 32
"""The most levels of lists, tuples, sets and mappings one value may have (a number has 0)."""


def check_nesting(
    value: object,
    *,
    field: str,
    error: type[PerfscoreError] = PerfscoreError,
    limit: int = MAX_NESTING,
) -> None:
    """Refuse a value nested deeper than ``limit`` levels, without recursion.

    Lists, tuples, sets, frozensets and mappings (keys and values) count as levels; text,
    bytes, numbers and other objects do not. The walk stops at the first level beyond the limit,
    so a value 100,000 levels deep is refused in microseconds.

    Args:
        value: The value to check.
        field: Where the value came from, for the error message.
        error: The error class to raise ([`ObservationError`][perfscore.errors.ObservationError] for
            observations, [`FrameworkError`][perfscore.errors.FrameworkError] for rule data).
        limit: The most levels allowed.

    Raises:
        PerfscoreError: Of class ``error``, naming ``field``, when the value is too deep.

    Examples:
        >>> check_nesting({"tier": "达成", "points": 9}, field="C1")
        >>> deep = []
        >>> for _ in range(100_000):
        ...     deep = [deep]
        >>> check_nesting(deep, field="C1")
        Traceback (most recent call last):
        ...
        perfscore.errors.PerfscoreError: C1: is nested deeper than 32 levels of lists or tables
    """
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: list[object] = [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple, set, frozenset)):
            children = list(item)
        else:
            continue
        if depth + 1 > limit:
            raise error(field, f"is nested deeper than {limit} levels of lists or tables")
        stack.extend((child, depth + 1) for child in children)
