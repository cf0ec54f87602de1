"""The caller's decimal context never decides a result (DESIGN principle 1)."""

from __future__ import annotations

import decimal
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from perfscore import Framework, Indicator, budget_deviation, percent, rates, shares
from perfscore.audit.forms import check_funds, check_reasons, check_stated
from perfscore.funds import ProjectFunds
from perfscore.rules import TIERS, Deduction, ExecutionRate, Forward, Qualitative, Reverse
from perfscore.templates import department_common_framework, mof_project

from .test_scoring import OBSERVATIONS, sample_framework


def hostile() -> decimal.Context:
    """A context that rounds to 3 digits, downward, and traps on any rounding at all."""
    context = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)
    context.traps[decimal.Inexact] = True
    context.traps[decimal.Rounded] = True
    return context


def test_framework_score_ignores_the_ambient_context():
    framework = sample_framework()
    expected = framework.score(OBSERVATIONS)
    with decimal.localcontext(hostile()):
        assert framework.score(OBSERVATIONS) == expected
        assert framework.maximum == Decimal(100)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**6), places=2))
def test_rules_and_rates_ignore_the_ambient_context(value):
    rules = [Forward(target="97.35"), Deduction(threshold=100, per_step="0.35"), ExecutionRate()]
    # An execution rate above 2 given by itself is refused (a percentage typed as a number).
    inputs = [value, value, {"executed": value, "budget": "4283.43"}]
    expected = [rule.score(given, "12.5").points for rule, given in zip(rules, inputs, strict=True)]
    deviation = percent(budget_deviation(value, "4283.43"))
    parts = shares([value, Decimal("3.33"), Decimal("7463.89")])
    with decimal.localcontext(hostile()):
        assert [
            rule.score(given, "12.5").points for rule, given in zip(rules, inputs, strict=True)
        ] == expected
        assert percent(budget_deviation(value, "4283.43")) == deviation
        assert shares([value, Decimal("3.33"), Decimal("7463.89")]) == parts


def _form_results() -> list[object]:
    """Every new entry point of the 项目资金 / 偏差原因 / stated / 53号 work, on awkward figures."""
    leaves = [
        Indicator("B1", "x", "45.25", rule=Forward("97.35")),
        Indicator("B2", "y", "44.75", rule=Reverse("12.5")),
    ]
    department = department_common_framework(
        goal_setting="5.25",
        budget_allocation="9.75",
        budget_execution="20.125",
        budget_management="8.875",
        asset_management=6,
        duties=25,
        benefits=25,
        places=3,
    )
    project = mof_project(parts=[("绩效指标", leaves)], points=("10", None))
    funds = ProjectFunds(fiscal=["1234.567", "1234.567", "1111.111"], other=["0.001", "0.002", "0.003"])
    result = Framework("p", [Indicator("A", "a", "10.25", rule=ExecutionRate()), *leaves], places=3).score(
        {"A": {"executed": "89.974", "budget": 90}, "B1": "130.77", "B2": "3.1"}
    )
    named = [rate.function("14993.347", "16368.519") for rate in rates.COMMON_RATES]
    return [
        department.to_dict(),
        project.to_dict(),
        funds.to_dict(),
        funds.execution(),
        funds.deviation(),
        check_funds(
            {"total": ["1234.567", "1234.567", "1111.111"], "fiscal": ["1234.566", "1234.567", "1111.111"]},
            rate="90.01%",
            score="9.01",
        ),
        Qualitative(bounds="rounded").score(("达成", "2.66"), "3.33").points,
        Qualitative(bounds="rounded").tier_bounds(TIERS[0], Decimal("3.33"), 2),
        named,
        check_stated(
            result, {"A": "10.247", "B1": "45.25", "B2": "44.75", "total": "100.249"}, tolerate_rounding=True
        ),
        check_reasons(result, {}, None, overshoot="0.3333"),
    ]


def test_forms_funds_templates_and_the_53_rates_ignore_the_ambient_context():
    """Templates once added points in the caller's context: prec=3 trapped Rounded (20.125 + 8.875 + 6)."""
    expected = _form_results()
    for rounding in (decimal.ROUND_FLOOR, decimal.ROUND_DOWN):
        context = hostile()
        context.rounding = rounding
        with decimal.localcontext(context):
            assert _form_results() == expected
