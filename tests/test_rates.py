"""perfscore.rates, pinned to the seed's published figures (攀枝花市委办公室 2023 部门决算)."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfscore import (
    DenominatorError,
    DomainError,
    PerfscoreError,
    budget_deviation,
    carryover_rate,
    change_rate,
    execution_rate,
    percent,
    share,
    shares,
    staffing_rate,
)
from perfscore.numbers import exact_context

from .strategies import amounts, amounts_or_zero, anything, ratios

# (label, current, change stated in the text (signed), stated percentage, places stated)
SEED_CHANGES = [
    ("收、支总计", "7467.34", "-4036.15", "-35.09", 2),
    ("财政拨款收、支总计", "7463.89", "-4023.38", "-35.02", 2),
    ("一般公共预算财政拨款支出", "7463.89", "3009.86", "67.58", 2),
    ("市委办公室（本级）“三公”经费", "27.85", "-6.5", "-18.92", 2),
    ("市公务服务中心“三公”经费", "66.14", "-37.54", "-36.21", 2),
    ("市委办公室（本级）公务用车购置及运行维护费", "25.27", "-6.32", "-20", 0),
    ("市公务服务中心公务用车购置及运行维护费", "5.81", "1.3", "28.82", 2),
    ("市委办公室（本级）公务接待费", "2.58", "-0.18", "-6.52", 2),
    ("市公务服务中心公务接待费", "60.33", "-38.84", "-39.17", 2),
    ("机关运行经费", "412.34", "-22.06", "-5.08", 2),
]


@pytest.mark.parametrize(("label", "current", "change", "stated", "places"), SEED_CHANGES)
def test_seed_change_rates(label, current, change, stated, places):
    previous = Decimal(current) - Decimal(change)
    assert percent(change_rate(current, previous), places) == Decimal(stated), label


SEED_STRUCTURE = [  # 一般公共预算财政拨款支出决算结构, of 7,463.89 万元
    ("一般公共服务支出", "6049.03", "81.04"),
    ("科学技术支出", "155.47", "2.08"),
    ("社会保障和就业支出", "849.32", "11.38"),
    ("卫生健康支出", "167.26", "2.24"),
    ("城乡社区支出", "13.2", "0.18"),
    ("农林水支出", "3.72", "0.05"),
    ("住房保障支出", "225.89", "3.03"),
    ("基本支出", "3802.05", "50.94"),
    ("项目支出", "3661.84", "49.06"),
]


@pytest.mark.parametrize(("label", "part", "stated"), SEED_STRUCTURE)
def test_seed_expenditure_shares(label, part, stated):
    assert percent(share(part, "7463.89")) == Decimal(stated), label


SANGONG_TOTAL = Decimal("27.85") + Decimal("0.24") + Decimal("66.14")  # 94.23 万元
SEED_SANGONG_SHARES = [
    ("市委办公室（本级）公务用车购置及运行维护费", "25.27", "26.82"),
    ("市公务服务中心公务用车购置及运行维护费", "5.81", "6.17"),
    ("市委办公室（本级）公务接待费", "2.58", "2.74"),
    ("市委党史研究室公务接待费", "0.24", "0.25"),
    ("市公务服务中心公务接待费", "60.33", "64.02"),
]


@pytest.mark.parametrize(("label", "part", "stated"), SEED_SANGONG_SHARES)
def test_seed_sangong_shares(label, part, stated):
    assert Decimal("94.23") == SANGONG_TOTAL
    assert percent(share(part, SANGONG_TOTAL)) == Decimal(stated), label


def test_seed_budget_deviation():
    # 预算管理: 执行数 7,463.89 万元, 年初预算数 4,283.43 万元, 预算偏离度 74.25%.
    assert percent(budget_deviation("7,463.89".replace(",", ""), "4283.43")) == Decimal("74.25")


def test_seed_execution_rate_is_complete():
    # "一般公共预算支出决算数为7,463.89万元，完成预算100%".
    assert percent(execution_rate("7463.89", "7463.89"), 0) == Decimal(100)


def test_seed_sangong_shares_exact_sum():
    parts = [Decimal(part) for _, part, _ in SEED_SANGONG_SHARES]
    assert sum(parts) == SANGONG_TOTAL
    assert sum(map(Fraction, shares(parts))) == 1


def test_change_against_zero_is_undefined():
    # 市委党史研究室 "三公": 0.24 万元, "较上年增加0.24万元" — no percentage is stated, rightly.
    with pytest.raises(DenominatorError, match=r"^previous: must be greater than 0"):
        change_rate("0.24", "0")


@pytest.mark.parametrize(
    ("function", "args", "kwargs", "field"),
    [
        (budget_deviation, ("1", "0"), {}, "budget"),
        (budget_deviation, ("1", "-5"), {}, "budget"),
        (execution_rate, ("1", 0), {}, "budget"),
        (change_rate, ("1", "-1"), {}, "previous"),
        (share, ("1", "0.00"), {}, "total"),
        (carryover_rate, ("1",), {"expenditure": 0}, "expenditure"),
        (carryover_rate, ("1",), {"budget": "-1"}, "budget"),
        (staffing_rate, (3, 0), {}, "authorized"),
    ],
)
def test_zero_or_negative_denominator(function, args, kwargs, field):
    with pytest.raises(DenominatorError, match=f"^{field}: must be greater than 0"):
        function(*args, **kwargs)


def test_carryover_rate_needs_exactly_one_denominator():
    with pytest.raises(DomainError, match="exactly one"):
        carryover_rate("3.45")
    with pytest.raises(DomainError, match="exactly one"):
        carryover_rate("3.45", expenditure="1", budget="1")
    assert percent(carryover_rate("3.45", budget="4283.43")) == Decimal("0.08")


@pytest.mark.parametrize(
    ("function", "args", "field"),
    [
        (execution_rate, ("-1", "5"), "executed"),
        (staffing_rate, (-1, 5), "staff"),
        (carryover_rate, ("-1",), "carryover"),
    ],
)
def test_negative_counts_are_refused(function, args, field):
    kwargs = {"expenditure": 1} if function is carryover_rate else {}
    with pytest.raises(DomainError, match=f"^{field}:"):
        function(*args, **kwargs)


def test_staffing_rate():
    assert staffing_rate(129, 129) == 1
    assert percent(staffing_rate(129, 120)) == Decimal("107.50")


@given(amounts)
def test_change_against_itself_is_zero(value):
    assert change_rate(value, value) == 0


@given(amounts, ratios)
def test_budget_deviation_recovers_the_ratio(budget, ratio):
    context = exact_context()
    actual = context.multiply(budget, context.add(Decimal(1), ratio))
    assert budget_deviation(actual, budget) == ratio


@given(amounts, amounts)
def test_deviation_is_execution_minus_one(actual, budget):
    # 预算偏离度 = 执行数/年初预算数 − 1, to RATIO_PRECISION significant digits.
    true_value = Fraction(actual) / Fraction(budget) - 1
    error = abs(Fraction(budget_deviation(actual, budget)) - true_value)
    assert error <= abs(true_value) / 10**48


@given(st.lists(amounts_or_zero, min_size=1, max_size=30))
def test_shares_add_up_to_exactly_one(parts):
    assume(sum(parts) > 0)
    result = shares(parts)
    assert sum(map(Fraction, result)) == 1
    total = Fraction(sum(parts))
    for part, value in zip(parts, result, strict=True):
        assert abs(Fraction(value) - Fraction(part) / total) <= Fraction(1, 10**50)


@given(st.lists(amounts_or_zero, min_size=1, max_size=30))
def test_share_agrees_with_shares(parts):
    assume(sum(parts) > 0)
    total = sum(parts)
    for part, value in zip(parts, shares(parts), strict=True):
        assert percent(share(part, total), 6) == percent(value, 6)


@given(amounts, amounts, amounts)
def test_share_is_monotone_in_the_part(small, extra, total):
    assert share(small, total) <= share(small + extra, total)


RATE_FUNCTIONS = [budget_deviation, execution_rate, change_rate, share, staffing_rate]


@pytest.mark.parametrize("function", RATE_FUNCTIONS)
@given(first=anything, second=anything)
def test_any_input_returns_decimal_or_raises_perfscore_error(function, first, second):
    try:
        result = function(first, second)
    except PerfscoreError:
        return
    assert isinstance(result, Decimal)
    assert result.is_finite()


@given(anything, anything, anything)
def test_carryover_any_input(first, second, third):
    with contextlib.suppress(PerfscoreError):
        assert carryover_rate(first, expenditure=second, budget=third).is_finite()


@given(st.one_of(anything, st.lists(anything, max_size=4)))
def test_shares_any_input(parts):
    try:
        result = shares(parts)
    except PerfscoreError:
        return
    assert sum(map(Fraction, result)) == 1
