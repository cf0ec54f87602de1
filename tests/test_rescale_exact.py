"""Rescaled points (其余指标按比例折算) are exact: one division, so a half cent is found.

A rule's exact points can be a repeating decimal (0.05 ÷ 0.22 × 8 = 1.8181…); rescaled from 8 to
32.89 they are exactly 7.475, which rounds half up to 7.48. Multiplying the 50-digit quotient by
32.89 ÷ 8 gave 7.47499… and 7.47. The reference here is `fractions.Fraction`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from perfscore import NOT_APPLICABLE, Framework, Indicator
from perfscore.rules import Deduction, ExecutionRate, Forward, Manual, Reverse, Rule

D = Decimal


def _half_up(value: Fraction, places: int = 2) -> Decimal:
    scaled = value * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    return (Decimal(whole).scaleb(-places)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _rescaled(rule: Rule, points: int, other: int, dropped: int, value: object) -> tuple[Decimal, Decimal]:
    """Leaf A's maximum and points when its sibling C is not applicable (policy rescale)."""
    framework = Framework(
        "rescale",
        [
            Indicator("A", "a", points, rule=rule),
            Indicator("B", "b", other, rule=Manual()),
            Indicator("C", "c", dropped, rule=Manual()),
        ],
    )
    result = framework.score({"A": value, "B": 0, "C": NOT_APPLICABLE})
    assert result["A"].maximum is not None
    assert result["A"].awarded is not None
    return result["A"].maximum, result["A"].awarded


def test_the_half_cent_that_was_lost() -> None:
    framework = Framework(
        "rescale",
        [
            Indicator("A", "a", 8, rule=Forward("0.22")),
            Indicator("B", "b", 1, rule=Manual()),
            Indicator("C", "c", 28, rule=Manual()),
        ],
    )
    result = framework.score({"A": "0.05", "B": 0, "C": NOT_APPLICABLE})
    assert result["A"].maximum == D("32.89")
    assert result["A"].awarded == D("7.48")  # 0.05 × 32.89 ÷ 0.22 = 7.475 exactly
    assert result["A"].explanation_zh.endswith("× 32.89 ÷ 8 = 7.48 分")
    batch = framework.score_batch({"A": np.array([0.05]), "B": np.array([0.0]), "C": np.array([np.nan])})
    assert batch.result(0)["A"].awarded == D("7.48")
    assert batch.result(0).total == result.total


cents = st.integers(1, 20_000).map(lambda n: D(n).scaleb(-2))
weights = st.integers(1, 40)


@given(target=cents, actual=cents, points=weights, other=weights, dropped=weights)
def test_forward_rescaled_is_the_exact_quotient(target, actual, points, other, dropped) -> None:
    maximum, awarded = _rescaled(Forward(target), points, other, dropped, actual)
    exact = Fraction(maximum) if actual >= target else Fraction(actual) * Fraction(maximum) / Fraction(target)
    assert awarded == _half_up(exact)


@given(target=cents, actual=cents, points=weights, other=weights, dropped=weights)
def test_reverse_ratio_rescaled_is_the_exact_quotient(target, actual, points, other, dropped) -> None:
    maximum, awarded = _rescaled(Reverse(target, method="ratio"), points, other, dropped, actual)
    exact = Fraction(maximum) if actual <= target else Fraction(target) * Fraction(maximum) / Fraction(actual)
    assert awarded == _half_up(exact)


@given(
    excess=cents,
    per_step=st.integers(1, 300).map(lambda n: D(n).scaleb(-2)),
    step=st.sampled_from([D(1), D(3), D("0.7"), D(7)]),
    points=weights,
    other=weights,
    dropped=weights,
)
def test_deduction_rescaled_is_the_exact_quotient(excess, per_step, step, points, other, dropped) -> None:
    maximum, awarded = _rescaled(
        Deduction(threshold=100, per_step=per_step, step=step), points, other, dropped, 100 + excess
    )
    deducted = Fraction(excess) * Fraction(per_step) / Fraction(step)
    exact = Fraction(0) if deducted >= points else (points - deducted) * Fraction(maximum) / points
    assert awarded == _half_up(exact)


@given(executed=cents, budget=cents, points=weights, other=weights, dropped=weights)
def test_execution_rate_rescaled_is_the_exact_quotient(executed, budget, points, other, dropped) -> None:
    value = {"executed": executed, "budget": budget}
    maximum, awarded = _rescaled(ExecutionRate(), points, other, dropped, value)
    rate = Fraction(executed) / Fraction(budget)
    assert awarded == _half_up(min(rate, Fraction(1)) * Fraction(maximum))


@given(executed=cents, budget=cents, points=st.integers(1, 300).map(lambda n: D(n).scaleb(-2)))
def test_execution_rate_of_amounts_is_one_quotient(executed, budget, points) -> None:
    """执行数 × w ÷ 预算数 at once: 1 ÷ 6 × 0.03 is exactly 0.005, which rounds to 0.01."""
    award = ExecutionRate().score({"executed": executed, "budget": budget}, points)
    rate = Fraction(executed) / Fraction(budget)
    assert award.points == _half_up(min(rate, Fraction(1)) * Fraction(points))


def test_execution_rate_half_cent() -> None:
    assert ExecutionRate().score({"executed": 1, "budget": 6}, "0.03").points == D("0.01")
