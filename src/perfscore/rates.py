"""Budget rates (预算相关比率): exact ratios, never rounded, never ``inf``.

Every function returns the ratio itself (0.7425, not 74.25); :func:`perfscore.percent` turns it
into the percentage a form shows, rounded half up. A zero or negative denominator raises
:class:`~perfscore.errors.DenominatorError` naming the argument: a rate against nothing is
undefined, and the published texts say so in words ("较上年增加0.24万元", with no percentage).

| function | 中文 | formula |
| --- | --- | --- |
| :func:`budget_deviation` | 预算偏离度 | (执行数 − 年初预算数) / 年初预算数 |
| :func:`execution_rate` | 预算执行率 | 执行数 / 调整后预算数 |
| :func:`change_rate` | 增减率 | (本年 − 上年) / 上年 |
| :func:`share` | 占比 | 部分 / 合计 |
| :func:`shares` | 各项占比 | each part / Σ parts, adding up to exactly 1 |
| :func:`carryover_rate` | 结转结余率 | 结转结余总额 / 支出完成数 (or / 预算数, named) |
| :func:`staffing_rate` | 在职人员控制率 | 在职人数 / 编制数 |
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from perfscore.errors import DenominatorError, DomainError
from perfscore.numbers import RATIO_PRECISION, divide, exact_arithmetic, exact_context, to_decimal

__all__ = [
    "budget_deviation",
    "carryover_rate",
    "change_rate",
    "execution_rate",
    "share",
    "shares",
    "staffing_rate",
]


def _denominator(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number <= 0:
        raise DenominatorError(field, f"must be greater than 0, got {number}")
    return number


def _non_negative(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0:
        raise DomainError(field, f"must not be negative, got {number}")
    return number


def budget_deviation(actual: object, budget: object) -> Decimal:
    """预算偏离度 (budget deviation): how far spending strayed from the original budget.

    ``(actual − budget) / budget``, signed: positive when more was spent than first budgeted.
    The denominator is the 年初预算数 (the budget approved at the start of the year), not the
    adjusted budget — that is what makes additions during the year show as deviation.

    Args:
        actual: 预算执行数, the amount spent.
        budget: 年初预算数, the originally approved budget; must be > 0.

    Returns:
        The exact signed ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        The seed (攀枝花市委办公室, 2023): 执行数 7,463.89 万元 against 年初预算数 4,283.43 万元.

        >>> from perfscore import percent
        >>> percent(budget_deviation("7463.89", "4283.43"))
        Decimal('74.25')
    """
    spent = to_decimal(actual, field="actual")
    approved = _denominator(budget, "budget")
    return divide(exact_context().subtract(spent, approved), approved)


def execution_rate(executed: object, budget: object) -> Decimal:
    """预算执行率 (budget execution rate): the share of the adjusted budget spent.

    ``executed / budget``, where ``budget`` is the 调整后预算数 (全年预算数). The MoF project
    self-evaluation form (财预〔2020〕10号) scores it out of 10 points; see
    :class:`perfscore.rules.ExecutionRate` for the capped score.

    Args:
        executed: 执行数, the amount spent; must be ≥ 0.
        budget: 调整后预算数, the adjusted budget; must be > 0.

    Returns:
        The exact ratio (it may exceed 1 when spending exceeded the budget).

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``executed`` is negative.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        >>> execution_rate("7463.89", "7463.89")
        Decimal('1')
    """
    spent = _non_negative(executed, "executed")
    return divide(spent, _denominator(budget, "budget"))


def change_rate(current: object, previous: object) -> Decimal:
    """增减率 (year-on-year change): ``(current − previous) / previous``.

    Args:
        current: 本年数.
        previous: 上年数; must be > 0. A change against zero has no rate — published texts state
            only the amount ("较上年增加0.24万元").

    Returns:
        The exact signed ratio: negative for a 下降 (decrease).

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DenominatorError: ``previous`` is zero or negative.

    Examples:
        The seed: 收、支总计 7,467.34 万元, 4,036.15 万元 less than the year before.

        >>> from perfscore import percent
        >>> percent(change_rate("7467.34", "11503.49"))
        Decimal('-35.09')
    """
    now = to_decimal(current, field="current")
    before = _denominator(previous, "previous")
    return divide(exact_context().subtract(now, before), before)


def share(part: object, total: object) -> Decimal:
    """占比 (share): ``part / total``.

    Args:
        part: 部分, the amount of one item.
        total: 合计, the total; must be > 0.

    Returns:
        The exact ratio. Shares of parts that add up to the total add up to exactly 1 before
        any rounding.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DenominatorError: ``total`` is zero or negative.

    Examples:
        The seed: 基本支出 3,802.05 of 本年支出合计 7,463.89 万元.

        >>> from perfscore import percent
        >>> percent(share("3802.05", "7463.89"))
        Decimal('50.94')
    """
    amount = to_decimal(part, field="part")
    return divide(amount, _denominator(total, "total"))


@exact_arithmetic
def shares(parts: object) -> list[Decimal]:
    """占比 of every part of a whole, adding up to exactly 1 (各项占比，合计恰为 1).

    ``share(part, sum(parts))`` for each part, except that a quotient that does not terminate
    (1/3) is rounded to :data:`~perfscore.numbers.RATIO_PRECISION` (50) decimal places so that the
    shares add up to exactly 1: the rounding remainder goes to the parts with the largest
    remainders (largest-remainder method). Each share is within 10**-50 of the true quotient.

    Args:
        parts: A non-empty sequence of amounts, each ≥ 0, with a sum > 0.

    Returns:
        The shares, in the order of ``parts``.

    Raises:
        InvalidNumberError: A part is not a usable number.
        DomainError: ``parts`` is not a non-empty sequence, or a part is negative.
        DenominatorError: The parts add up to zero.

    Examples:
        >>> from fractions import Fraction
        >>> thirds = shares(["1", "1", "1"])
        >>> thirds[0]
        Decimal('0.33333333333333333333333333333333333333333333333334')
        >>> sum(map(Fraction, thirds))  # exact, unlike the ambient 28-digit decimal sum
        Fraction(1, 1)
    """
    if isinstance(parts, (str, bytes)) or not isinstance(parts, Sequence) or len(parts) == 0:
        raise DomainError("parts", f"must be a non-empty sequence of amounts, got {type(parts).__name__}")
    if len(parts) > 1_000_000:
        raise DomainError("parts", f"must have at most 1,000,000 items, got {len(parts)}")
    amounts = [_non_negative(part, f"parts[{index}]") for index, part in enumerate(parts)]
    context = exact_context()
    total = sum(amounts, Decimal(0))
    if total <= 0:
        raise DenominatorError("parts", "must add up to more than 0")
    # Exact rational arithmetic on a grid of 10**-scale: floor every share onto the grid, then
    # hand the missing grid units to the largest remainders.
    scale = RATIO_PRECISION
    grid = 10**scale
    exact = [Fraction(amount) * grid / Fraction(total) for amount in amounts]
    floors = [math.floor(value) for value in exact]
    missing = grid - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda index: (floors[index] - exact[index], index))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return [
        context.multiply(Decimal(units), Decimal(1).scaleb(-scale)).normalize(context) for units in floors
    ]


def carryover_rate(carryover: object, *, expenditure: object = None, budget: object = None) -> Decimal:
    """结转结余率 (carry-over rate), with the denominator named.

    Forms disagree on the denominator, so the caller names it: ``expenditure=`` (支出完成数, the
    common definition: 结转结余总额 / 支出完成数) or ``budget=`` (预算数, used by some provincial
    forms). Exactly one must be given.

    Args:
        carryover: 结转结余总额; must be ≥ 0.
        expenditure: 支出完成数, when the form divides by spending; must be > 0.
        budget: 预算数, when the form divides by the budget; must be > 0.

    Returns:
        The exact ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``carryover`` is negative, or not exactly one denominator was given.
        DenominatorError: The denominator is zero or negative.

    Examples:
        The seed: 结转结余 3.45 万元 against 支出 7,463.89 万元.

        >>> from perfscore import percent
        >>> percent(carryover_rate("3.45", expenditure="7463.89"))
        Decimal('0.05')
    """
    if (expenditure is None) == (budget is None):
        raise DomainError(
            "expenditure/budget",
            "give exactly one denominator: expenditure= (支出完成数) or budget= (预算数)",
        )
    amount = _non_negative(carryover, "carryover")
    if expenditure is not None:
        return divide(amount, _denominator(expenditure, "expenditure"))
    return divide(amount, _denominator(budget, "budget"))


def staffing_rate(staff: object, authorized: object) -> Decimal:
    """在职人员控制率 (staffing control rate): ``staff / authorized``.

    Used by department-overall forms ("在职人员控制率 ≤ 100% 计满分"), usually scored with a
    :class:`perfscore.rules.Deduction` rule.

    Args:
        staff: 在职人数, people in post; must be ≥ 0.
        authorized: 编制数, the authorised headcount; must be > 0.

    Returns:
        The exact ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``staff`` is negative.
        DenominatorError: ``authorized`` is zero or negative.

    Examples:
        >>> staffing_rate(129, 120)
        Decimal('1.075')
    """
    people = _non_negative(staff, "staff")
    return divide(people, _denominator(authorized, "authorized"))
