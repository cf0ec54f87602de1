"""The rates of the common indicator frameworks (财预〔2013〕53号) in perfscore.rates.

Definitions: 财政部《预算绩效评价共性指标体系框架》(财预〔2013〕53号), 附件 部门整体支出绩效评价共性
指标体系框架 (投入/预算配置, 过程/预算执行) and 项目支出绩效评价共性指标体系框架 (资金到位率).
The published figures are cited where they are used.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore import DenominatorError, DomainError, PerfscoreError, percent
from perfscore.cli import main
from perfscore.rates import (
    COMMON_RATES,
    budget_adjustment_rate,
    carryover_change_rate,
    funds_arrival_rate,
    key_expenditure_rate,
    payment_progress_rate,
    procurement_execution_rate,
    public_expense_control_rate,
    three_public_change_rate,
    three_public_control_rate,
)

from .strategies import amounts, amounts_or_zero, anything

D = Decimal

#: numerator / denominator rates: (function, numerator field, denominator field).
RATIOS = [
    (payment_progress_rate, "actual", "planned"),
    (three_public_control_rate, "actual", "budget"),
    (public_expense_control_rate, "actual", "budget"),
    (procurement_execution_rate, "actual", "budget"),
    (funds_arrival_rate, "arrived", "planned"),
    (key_expenditure_rate, "key", "total"),
]
#: (this year − last year) / last year rates.
CHANGES = [three_public_change_rate, carryover_change_rate]
EVERY_RATE = [rate.function for rate in COMMON_RATES]


def close(value: Decimal, true_value: Fraction) -> bool:
    """Within RATIO_PRECISION (50) significant digits of the exact quotient."""
    return abs(Fraction(value) - true_value) <= abs(true_value) / 10**48


# -- published figures ---------------------------------------------------------------------------


# The seed (攀枝花市委办公室 2023 部门决算, /work/shared/seeds README): each unit's "三公"经费
# 财政拨款支出决算 with "完成预算100%" ("决算数与预算数持平") and the change on the year before.
SEED_SANGONG = [
    # (unit, 决算数 万元, 较上年 (signed), printed 下降/增长 %)
    ("市委办公室（本级）", "27.85", "-6.5", "-18.92"),
    ("市公务服务中心", "66.14", "-37.54", "-36.21"),
]


@pytest.mark.parametrize(("unit", "actual", "change", "printed"), SEED_SANGONG)
def test_seed_three_public_rates(unit, actual, change, printed):
    assert percent(three_public_control_rate(actual, actual), 0) == 100, unit  # 完成预算100%
    previous = D(actual) - D(change)
    assert percent(three_public_change_rate(actual, previous)) == D(printed), unit


def test_seed_three_public_new_item_has_no_change_rate():
    # 市委党史研究室 "三公"经费 0.24 万元, "较上年增加0.24万元": the text prints no percentage.
    with pytest.raises(DenominatorError, match=r"^previous: must be greater than 0"):
        three_public_change_rate("0.24", "0")


def test_published_procurement_execution_and_savings():
    # A city finance bureau's 2013 Q1 政府采购 report: "全市政府采购预算执行16368.51万元，实际采购
    # 金额14993.34万元，节约资金1375.18万元，节约率为8.40%" (市财政局, 2013-04-23), mirrored at
    # https://muncard.com/govop/show/20130423102437-963483-00-000.html. 政府采购执行率 is the
    # complement of the printed 节约率.
    rate = procurement_execution_rate("14993.34", "16368.51")
    assert percent(rate) == D("91.60")
    assert percent(1 - rate) == D("8.40")


def test_seed_budget_adjustment_net():
    # The seed: 年初预算数 4,283.43 万元; 一般公共预算支出决算数 7,463.89 万元, 完成预算100%, so the
    # adjusted budget is 7,463.89 and the net adjustment 3,180.46 万元. Net 预算调整率 equals the
    # printed 预算偏离度 74.25% here because spending met the adjusted budget exactly.
    adjustment = D("7463.89") - D("4283.43")
    assert percent(budget_adjustment_rate(adjustment, "4283.43")) == D("74.25")


# -- definitions ------------------------------------------------------------------------------


@pytest.mark.parametrize(("function", "numerator", "denominator"), RATIOS)
@given(top=amounts_or_zero, bottom=amounts)
def test_ratios_agree_with_the_definition(function, numerator, denominator, top, bottom):
    if function is key_expenditure_rate:
        top = min(top, bottom)
    assert close(function(top, bottom), Fraction(top) / Fraction(bottom))


@pytest.mark.parametrize("function", CHANGES)
@given(current=amounts_or_zero, previous=amounts)
def test_changes_agree_with_the_definition(function, current, previous):
    true_value = (Fraction(current) - Fraction(previous)) / Fraction(previous)
    result = function(current, previous)
    assert close(result, true_value)
    assert result >= -1  # an amount ≥ 0 cannot fall by more than all of it
    assert (result < 0) == (current < previous)


@given(adjustment=st.one_of(amounts_or_zero, amounts.map(lambda value: -value)), budget=amounts)
def test_budget_adjustment_rate_is_signed(adjustment, budget):
    result = budget_adjustment_rate(adjustment, budget)
    assert close(result, Fraction(adjustment) / Fraction(budget))
    assert (result < 0) == (adjustment < 0)


@pytest.mark.parametrize(("function", "numerator", "denominator"), RATIOS)
@given(small=amounts_or_zero, extra=amounts_or_zero, bottom=amounts)
def test_ratios_grow_with_the_numerator_and_are_not_negative(
    function, numerator, denominator, small, extra, bottom
):
    if function is key_expenditure_rate:
        bottom = bottom + small + extra
    low, high = function(small, bottom), function(small + extra, bottom)
    assert D(0) <= low <= high


@pytest.mark.parametrize(("function", "numerator", "denominator"), RATIOS)
@given(top=amounts, bottom=amounts, extra=amounts)
def test_ratios_fall_as_the_denominator_grows(function, numerator, denominator, top, bottom, extra):
    if function is key_expenditure_rate:
        bottom = bottom + top
    assert function(top, bottom + extra) < function(top, bottom)


@given(key=amounts_or_zero, total=amounts)
def test_key_expenditure_rate_is_a_share(key, total):
    if key > total:
        with pytest.raises(DomainError, match=r"^key: must not exceed total"):
            key_expenditure_rate(key, total)
    else:
        assert D(0) <= key_expenditure_rate(key, total) <= 1


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("function", "numerator", "denominator"), RATIOS)
@pytest.mark.parametrize("bad", ["0", "-0.01", -5])
def test_zero_or_negative_denominator_names_it(function, numerator, denominator, bad):
    with pytest.raises(DenominatorError, match=f"^{denominator}: must be greater than 0"):
        function("1", bad)


@pytest.mark.parametrize("function", [*CHANGES, budget_adjustment_rate])
@pytest.mark.parametrize("bad", ["0", "-1"])
def test_zero_or_negative_base_names_it(function, bad):
    field = "budget" if function is budget_adjustment_rate else "previous"
    with pytest.raises(DenominatorError, match=f"^{field}: must be greater than 0"):
        function("1", bad)


@pytest.mark.parametrize(("function", "numerator", "denominator"), RATIOS)
def test_negative_amounts_are_refused(function, numerator, denominator):
    with pytest.raises(DomainError, match=f"^{numerator}: must not be negative"):
        function("-0.01", "10")


@pytest.mark.parametrize("function", CHANGES)
def test_negative_current_amount_is_refused(function):
    with pytest.raises(DomainError, match=r"^current: must not be negative"):
        function("-1", "10")


@pytest.mark.parametrize("function", EVERY_RATE)
@given(first=anything, second=anything)
def test_any_input_returns_decimal_or_raises_perfscore_error(function, first, second):
    with contextlib.suppress(PerfscoreError):
        result = function(first, second)
        assert isinstance(result, Decimal)
        assert result.is_finite()


# -- the list, the package and the command ----------------------------------------------------


def test_common_rates_are_exported_and_listed():
    names = {rate.function.__name__ for rate in COMMON_RATES}
    assert names == {function.__name__ for function, _, _ in RATIOS} | {
        function.__name__ for function in CHANGES
    } | {"budget_adjustment_rate"}
    for name in names:
        assert getattr(perfscore, name) is getattr(perfscore.rates, name)
        assert name in perfscore.__all__
    assert len({rate.kind for rate in COMMON_RATES}) == len(COMMON_RATES)


def test_rate_command_computes_a_common_rate(capsys):
    assert main(["rate", "procurement-execution-rate", "14,993.34", "16368.51万元"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("政府采购执行率 (procurement execution rate) procurement-execution-rate(")
    assert "= 91.60%" in out


def test_rate_command_names_a_bad_argument(capsys):
    assert main(["rate", "key-expenditure-rate", "5", "4"]) == 2
    assert "key: must not exceed total" in capsys.readouterr().err


@pytest.mark.parametrize("rate", COMMON_RATES, ids=lambda rate: rate.kind)
def test_every_common_rate_is_a_command(rate, capsys):
    assert main(["rate", rate.kind, "3", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{rate.name_zh} ({rate.name_en}) {rate.kind}(3, 4) = ")
    assert f"= {percent(rate.function('3', '4'))}%" in out
