"""The caller's decimal context never decides a result (DESIGN principle 1)."""

from __future__ import annotations

import decimal
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from perfscore import budget_deviation, percent, shares
from perfscore.rules import Deduction, ExecutionRate, Forward

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
