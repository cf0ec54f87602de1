"""perfscore.batch._kernels: the integer formulas of the batch engine, and where they hand over.

The batch engine computes every leaf in float64 integers and gives a cell to the scalar rule
only when the integers could reach 2**53 (or the value is off every grid it tries). These tests
pin the limits where it hands over, check that it does not hand over below them, and check the
rounding formula every rule shares against exact fractions.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from perfscore import NOT_APPLICABLE, Framework, Indicator
from perfscore.batch._engine import BatchResult, _Engine
from perfscore.batch._kernels import CLIP_LIMIT, RECIPROCAL_LIMIT, Affine, LeafPlan, _rounding
from perfscore.rules import (
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Manual,
    Qualitative,
    Reverse,
)
from tests.test_batch import assert_unit_matches, scalar_observations, single

D = Decimal


# -- the rounding formula every affine rule shares ------------------------------------------


@given(
    st.integers(-(2**60), 2**60),
    st.integers(-(2**60), 2**60),
    st.integers(1, 2**60),
    st.integers(1, 2**30),
    st.integers(-(2**20), 2**20),
)
@example(2, 1, 2, 1, 1)  # the common factor must divide all three: gcd(2, 2) does not divide 1
@example(-3, 2**55 + 1, 3 * 2**40, 7, 5)
def test_rounding_is_round_half_up_of_the_exact_points(c, n0, dm, maximum, a):
    # _rounding(lo, hi, c, n0, dm, maximum) is floor((α·a + β) / γ) = round_half_up(M·(c·a + n0) / dm).
    formula = _rounding(a - 1, a + 1, c, n0, dm, maximum=maximum)
    assert all(type(value) is int for value in (formula.alpha, formula.beta, formula.gamma))
    exact = Fraction(maximum * (c * a + n0), dm)
    assert (formula.alpha * a + formula.beta) // formula.gamma == math.floor(exact + Fraction(1, 2))


# -- the limits: exact below them, handed over at them ---------------------------------------


def test_affine_is_exact_up_to_its_limits():
    # Every intermediate of floor((α·clip(n, lo, hi) + β) / γ) must stay below 2**53, and the
    # clip bounds below CLIP_LIMIT; exactly at a limit the formula is refused.
    assert Affine(0, CLIP_LIMIT - 1, 1, 0, 2).is_exact()
    assert not Affine(0, CLIP_LIMIT, 1, 0, 2).is_exact()
    assert not Affine(-CLIP_LIMIT, 0, 1, 0, 2).is_exact()
    # α·n reaches 2**53 at n = hi although α·n + β stays small: the product is refused.
    assert not Affine(0, 2**41, 2**12, -(2**52), 1).is_exact()
    assert not Affine(0, 3 * 2**40, 2**12, -(3 * 2**51), 1).is_exact()
    # β alone reaches 2**53 (α·n + β is small at the only n).
    assert not Affine(-(2**41 - 1), -(2**41 - 1), 2**12, 2**53, 1).is_exact()
    assert Affine(-(2**41 - 1), -(2**41 - 1), 2**12, 2**53 - 1, 1).is_exact()
    # |α·n + β| + γ at the ends.
    assert Affine(0, 0, 1, 2**53 - 101, 100).is_exact()
    assert not Affine(0, 0, 1, 2**53 - 100, 100).is_exact()
    assert not Affine(0, 0, 1, -(2**53 - 100), 100).is_exact()
    # α·n + β is 0 at the only n, although α·n − β would be 2**53.
    assert Affine(2**22, 2**22, 2**30, -(2**52), 1).is_exact()
    assert Affine(-(2**22), -(2**22), 2**30, 2**52, 1).is_exact()


def test_reciprocal_is_exact_below_its_limit():
    # |α·n + β| + 1 < 2**50 for every n: then multiplying by fl(1/γ) floors exactly.
    assert Affine(0, 0, 1, RECIPROCAL_LIMIT - 2, 1).reciprocal_is_exact()
    assert not Affine(0, 0, 1, RECIPROCAL_LIMIT - 1, 1).reciprocal_is_exact()
    assert not Affine(0, 1, 1, RECIPROCAL_LIMIT - 2, 1).reciprocal_is_exact()
    assert not Affine(-1, 0, -1, RECIPROCAL_LIMIT - 2, 1).reciprocal_is_exact()
    assert Affine(2**22, 2**22, 2**28, -(2**50), 1).reciprocal_is_exact()
    assert Affine(-(2**22), -(2**22), 2**28, 2**50, 1).reciprocal_is_exact()


def test_power_of_two_slopes_are_divided_out():
    # With α = ±2**j the engine skips its multiplication pass (a = 1); other slopes keep it.
    for alpha in (1, 2, 4, -2, -(2**20)):
        a, b, low, high, g = Affine(0, 100, alpha, 6, 8).folded(floor_zero=False, reciprocal=False)
        assert (a, b, g) == (1, 6 / alpha, 8 / alpha)
        assert (low, high) == tuple(sorted((6 / alpha, (100 * alpha + 6) / alpha)))
    for alpha in (3, -6, 12):
        assert Affine(0, 100, alpha, 6, 8).folded(floor_zero=False, reciprocal=False)[0] == alpha


def test_forward_leaf_is_handed_over_past_the_clip_limit():
    # 正向 target T at grid 10**-2: the clip bound T·100 must stay below CLIP_LIMIT …
    assert LeafPlan("X", Forward(target="999999999999"), D(10), 2).affine(2, 1000) is not None
    assert LeafPlan("X", Forward(target="1000000000000"), D(10), 2).affine(2, 1000) is None
    # … and α·T below 2**53: 10 points (1000 units) × 2 over 99,999,999,999,999 has no common factor.
    assert LeafPlan("X", Forward(target="999999999999.99"), D(10), 2).affine(2, 1000) is None


def test_bands_leaf_is_handed_over_at_the_clip_limit():
    # A band threshold scaled to the grid must stay below CLIP_LIMIT.
    values = np.array([5.0])
    below = LeafPlan("X", Bands([("999999999999.99", 10), (0, 5)]), D(10), 2)
    at = LeafPlan("X", Bands([("1000000000000", 10), (0, 5)]), D(10), 2)
    assert below.compute(2, 1000, values.copy()) is not None
    assert at.compute(2, 1000, values.copy()) is None


def test_whole_step_deduction_is_handed_over_at_the_clip_limit():
    # 扣分 by whole steps: threshold + (reach + 1)·step on the grid must stay below CLIP_LIMIT.
    # 10 points, 0.5 per step of 1: nothing is left after reach = 20 steps (k = 2: step 100).
    # The values passed are on the grid (A·100), relative to the threshold below.
    last = (CLIP_LIMIT - 21 * 100) // 100
    at = Deduction(threshold=last, per_step="0.5", whole_steps=True)
    below = Deduction(threshold=last - 1, per_step="0.5", whole_steps=True)
    assert LeafPlan("X", at, D(10), 2).compute(2, 1000, np.array([5.0])) is None
    points = LeafPlan("X", below, D(10), 2).compute(2, 1000, np.array([0.0, (last + 2) * 100.0]))
    assert points is not None
    assert points.tolist() == [1000, 850]  # 3 steps over: 10 − 3 × 0.5


# -- below the limits nothing is handed over --------------------------------------------------


def _every_kind() -> Framework:
    return Framework(
        "every kind",
        (
            Indicator("F", "正向", 10, rule=Forward(target="12345678901")),
            Indicator("E", "等于", 5, rule=Equal(target=0)),
            Indicator("Q", "等于目标", 5, rule=Equal(target=95)),
            Indicator("R", "反向", 10, rule=Reverse(target=100)),
            Indicator("T", "反向比率", 10, rule=Reverse(target=100, method="ratio")),
            Indicator("U", "反向比率二", 10, rule=Reverse(target=3, method="ratio")),
            Indicator("P", "扣分", 10, rule=Deduction(threshold=100, per_step="0.5")),
            Indicator("W", "整步扣分", 5, rule=Deduction(threshold=100, per_step="0.5", whole_steps=True)),
            Indicator("B", "分档", 10, rule=Bands([(95, 10), (90, 8), (80, 5)])),
            Indicator(
                "L", "分档低优", 5, rule=Bands([(5, 1), (10, "0.6")], higher_is_better=False, fractions=True)
            ),
            Indicator("C", "清单", 3, rule=Checklist(per_item=1, items=("a", "b", "c"))),
            Indicator("M", "人工", 5, rule=Manual()),
            Indicator("G", "定性", 5, rule=Qualitative()),
            Indicator("X", "执行率", 5, rule=ExecutionRate()),
        ),
        not_applicable="rescale",
    )


def _without_handover(framework: Framework, columns: dict[str, object], **options: int) -> BatchResult:
    """score_batch, failing if any cell goes to the scalar rule."""

    def refuse(*args: object) -> int:
        raise AssertionError(f"handed to the scalar rule: {args[1:]}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Engine, "_scalar_units", refuse)
        return framework.score_batch(columns, **options)


def _handovers(
    framework: Framework,
    columns: dict[str, object],
    calls: list[tuple[int, int]] | None = None,
    **options: int,
) -> tuple[BatchResult, list[tuple[int, int]]]:
    """score_batch, and the (leaf row, unit) of every cell handed to the scalar rule.

    ``calls`` (when given) is filled as the cells are handed over, so a caller still has them
    when scoring raises.
    """
    calls = [] if calls is None else calls
    original = _Engine._scalar_units

    def record(self: _Engine, row: int, raw: object, maximum: int, at: int) -> int:
        calls.append((row, at))
        return original(self, row, raw, maximum, at)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Engine, "_scalar_units", record)
        return framework.score_batch(columns, **options), calls


def test_a_large_target_is_scored_on_the_coarsest_grid():
    # 正向 against 900,000,000,000: on the grid of 10**-2 (9·10**13 steps) the formula is exact;
    # on 10**-3 it would pass CLIP_LIMIT and go cell by cell.
    framework = single(Forward(target="900000000000"))
    batch = _without_handover(framework, {"X": [0.0, 1.5, 450000000000.0, 899999999999.99, 1e12]})
    assert batch.leaf_units[:, 0].tolist() == [0, 0, 500, 1000, 1000]


def _cents(low: int, high: int) -> st.SearchStrategy[float]:
    return st.integers(low, high).map(lambda cents: cents / 100)


_RANGES = {
    "F": _cents(0, 2 * 10**12),
    "E": _cents(-100, 100),
    "Q": _cents(9000, 10000),
    "R": _cents(0, 30000),
    "T": _cents(1, 10**6),
    "U": _cents(1, 10**4),
    "P": _cents(9000, 15000),
    "W": _cents(9000, 15000),
    "B": _cents(7000, 10000),
    "L": _cents(0, 1500),
    "C": st.integers(0, 3).map(float),
    "M": _cents(0, 500),
    "G": _cents(0, 500),
    "X": st.integers(0, 15000).map(lambda basis_points: basis_points / 10**4),
}


@st.composite
def _on_grid_rows(draw: st.DrawFn) -> list[dict[str, float]]:
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        row = {code: draw(values) for code, values in _RANGES.items()}
        for code in draw(st.sets(st.sampled_from(sorted(_RANGES)), max_size=3)):
            row[code] = math.nan  # 不适用: the other leaves are rescaled
        rows.append(row)
    return rows


@given(_on_grid_rows())
@example([dict.fromkeys(_RANGES, 0.0)])
@example([{**dict.fromkeys(_RANGES, 1.0), "T": 300.0, "U": 9.0}])
def test_values_on_a_grid_are_never_handed_to_the_scalar_rule(rows):
    # The speed of the batch engine rests on this: on-grid values within the limits are scored by
    # the integer formulas, not cell by cell (two 反向比率 leaves: their fractions must not add up).
    framework = _every_kind()
    columns = {code: np.array([row[code] for row in rows]) for code in _RANGES}
    batch = _without_handover(framework, columns, chunk_size=3)
    for unit, row in enumerate(rows):
        observations = {code: NOT_APPLICABLE if math.isnan(value) else value for code, value in row.items()}
        assert_unit_matches(framework, batch, unit, scalar_observations(framework, observations))


# -- pinned cases -----------------------------------------------------------------------------


def test_execution_rate_of_zero_scores_zero_on_the_coarsest_grid():
    # 预算执行率 0 → 0 points; 50% → half the points (the rates are read on a grid of 10**-2).
    batch = single(ExecutionRate(), points=10).score_batch({"X": [0.0, 0.5, 1.0]})
    assert batch.leaf_units[:, 0].tolist() == [0, 500, 1000]


def test_manual_points_at_three_places():
    # Points kept to 0.001 while the values sit on a grid of 0.01: 2.45 of 2.5 points.
    framework = single(Manual(), points="2.5", places=3)
    batch = framework.score_batch({"X": [2.45, 0.01, 2.5]})
    assert batch.leaf_units[:, 0].tolist() == [2450, 10, 2500]
    for unit in range(3):
        assert_unit_matches(framework, batch, unit, batch.observations(unit))


def test_two_ratio_leaves_add_whole_points():
    # 100 / 300 × 10 = 3.333… → 3.33 on each leaf: the total is 6.66, not the 6.67 a sum of
    # unrounded quotients would give.
    framework = Framework(
        "two ratios",
        (
            Indicator("A", "甲", 10, rule=Reverse(target=100, method="ratio")),
            Indicator("B", "乙", 10, rule=Reverse(target=100, method="ratio")),
        ),
    )
    batch = framework.score_batch({"A": [300.0], "B": [300.0]})
    assert batch.leaf_units.tolist() == [[333, 333]]
    assert batch.total_units.tolist() == [666]
