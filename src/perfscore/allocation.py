"""Largest-remainder allocation (最大余额法): split points so the parts add up exactly.

Used wherever points are divided among indicators and must still add up to the parent's points
at the framework's places: not-applicable rescaling (其余指标按比例折算) and weights turned into
points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from perfscore.errors import DomainError
from perfscore.numbers import exact_context

__all__ = ["largest_remainder"]


def largest_remainder(total: Decimal, weights: Sequence[Decimal], places: int) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights``, rounded to ``places``, adding up exactly.

    Every part is first rounded down to the grid of ``10**-places``; the units still missing go
    one each to the parts with the largest remainders, ties to the earlier part. Each part is
    therefore within one unit of its exact share, and the parts add up to ``total`` exactly.

    Args:
        total: The amount to split; a non-negative multiple of ``10**-places``.
        weights: Non-negative weights, not all zero.
        places: Decimal places of the parts.

    Returns:
        The parts, in the order of ``weights``, each with exactly ``places`` places.

    Raises:
        DomainError: ``total`` is negative or off the grid, a weight is negative, or all are zero.

    Examples:
        >>> largest_remainder(Decimal("10"), [Decimal(1), Decimal(1), Decimal(1)], 2)
        [Decimal('3.34'), Decimal('3.33'), Decimal('3.33')]
    """
    unit = Fraction(1, 10**places)
    grid_total = Fraction(total) / unit
    if total < 0 or grid_total.denominator != 1:
        raise DomainError("total", f"must be a non-negative multiple of {10**-places}, got {total}")
    if any(weight < 0 for weight in weights):
        raise DomainError("weights", "must not be negative")
    weight_sum = sum((Fraction(weight) for weight in weights), Fraction(0))
    if weight_sum == 0:
        raise DomainError("weights", "must not all be zero")
    exact = [grid_total * Fraction(weight) / weight_sum for weight in weights]
    units = [math.floor(share) for share in exact]
    missing = int(grid_total) - sum(units)
    by_remainder = sorted(range(len(exact)), key=lambda index: (units[index] - exact[index], index))
    for index in by_remainder[:missing]:
        units[index] += 1
    context = exact_context()
    return [context.multiply(Decimal(count), Decimal(1).scaleb(-places)) for count in units]
