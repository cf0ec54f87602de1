"""perfscore.rates at its edges: every refusal's exact message, and values pinned to the seed.

The seed (攀枝花市委办公室 2023 部门决算): 结转结余 3.45 万元 against 支出 7,463.89 万元 gives
a 结转结余率 of 0.05%; 执行数 7,463.89 against 年初预算数 4,283.43 gives 预算偏离度 74.25%.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from perfscore import (
    DenominatorError,
    DomainError,
    InvalidNumberError,
    budget_deviation,
    carryover_rate,
    change_rate,
    execution_rate,
    percent,
    share,
    shares,
    staffing_rate,
)

D = Decimal


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: budget_deviation("x", 1), InvalidNumberError, "actual: is not a decimal number: 'x'"),
        (lambda: budget_deviation(1, "x"), InvalidNumberError, "budget: is not a decimal number: 'x'"),
        (lambda: budget_deviation(1, 0), DenominatorError, "budget: must be greater than 0, got 0"),
        (lambda: budget_deviation(1, "-2.5"), DenominatorError, "budget: must be greater than 0, got -2.5"),
        (lambda: execution_rate("-1", 1), DomainError, "executed: must not be negative, got -1"),
        (lambda: execution_rate(None, 1), InvalidNumberError, "executed: must be a number, got None"),
        (lambda: execution_rate(1, 0), DenominatorError, "budget: must be greater than 0, got 0"),
        (lambda: change_rate("x", 1), InvalidNumberError, "current: is not a decimal number: 'x'"),
        (lambda: change_rate(1, 0), DenominatorError, "previous: must be greater than 0, got 0"),
        (lambda: share("x", 1), InvalidNumberError, "part: is not a decimal number: 'x'"),
        (lambda: share(1, -1), DenominatorError, "total: must be greater than 0, got -1"),
        (lambda: shares("123"), DomainError, "parts: must be a non-empty sequence of amounts, got str"),
        (lambda: shares([]), DomainError, "parts: must be a non-empty sequence of amounts, got list"),
        (lambda: shares(5), DomainError, "parts: must be a non-empty sequence of amounts, got int"),
        (lambda: shares([1, "x"]), InvalidNumberError, "parts[1]: is not a decimal number: 'x'"),
        (lambda: shares([1, -1]), DomainError, "parts[1]: must not be negative, got -1"),
        (lambda: shares([0, "0.00"]), DenominatorError, "parts: must add up to more than 0"),
        (
            lambda: shares([0] * 1_000_001),
            DomainError,
            "parts: must have at most 1,000,000 items, got 1000001",
        ),
        (
            lambda: carryover_rate(1),
            DomainError,
            "expenditure/budget: give exactly one denominator: expenditure= (支出完成数) or budget= (预算数)",
        ),
        (
            lambda: carryover_rate(1, expenditure=1, budget=1),
            DomainError,
            "expenditure/budget: give exactly one denominator: expenditure= (支出完成数) or budget= (预算数)",
        ),
        (lambda: carryover_rate(-1, budget=1), DomainError, "carryover: must not be negative, got -1"),
        (
            lambda: carryover_rate(1, expenditure=0),
            DenominatorError,
            "expenditure: must be greater than 0, got 0",
        ),
        (lambda: carryover_rate(1, budget=0), DenominatorError, "budget: must be greater than 0, got 0"),
        (lambda: staffing_rate(-1, 1), DomainError, "staff: must not be negative, got -1"),
        (lambda: staffing_rate(1, 0), DenominatorError, "authorized: must be greater than 0, got 0"),
    ],
)
def test_refusal_messages(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    assert str(caught.value) == message


def exact(numerator: str, denominator: str) -> Fraction:
    return Fraction(numerator) / Fraction(denominator)


def test_seed_figures():
    # Rates keep 50 significant digits: within 10**-50 of the exact ratio.
    close = Fraction(1, 10**50)
    assert percent(carryover_rate("3.45", expenditure="7463.89")) == D("0.05")
    assert abs(Fraction(carryover_rate("3.45", expenditure="7463.89")) - exact("3.45", "7463.89")) < close
    assert carryover_rate("3", budget="8") == D("0.375")
    assert abs(Fraction(budget_deviation("7463.89", "4283.43")) - exact("3180.46", "4283.43")) < close
    assert abs(Fraction(change_rate("7467.34", "11503.49")) - exact("-4036.15", "11503.49")) < close
    assert abs(Fraction(share("3802.05", "7463.89")) - exact("3802.05", "7463.89")) < close
    assert staffing_rate(129, 120) == D("1.075")
    assert execution_rate(0, 1) == 0


def test_shares_give_the_spare_unit_to_the_largest_remainder():
    # 1/3 and 2/3: the floors leave one unit of 10**-50, and 2/3 has the larger remainder.
    third, two_thirds = shares([1, 2])
    assert third == D("0." + "3" * 50)
    assert two_thirds == D("0." + "6" * 49 + "7")
    # Ties go to the earlier part.
    assert shares([1, 1, 1])[0] == D("0." + "3" * 49 + "4")
    assert shares([1, 1, 1])[2] == D("0." + "3" * 50)


def test_shares_below_one():
    assert shares(["0.3", "0.2"]) == [D("0.6"), D("0.4")]
