"""Qualitative(bounds="rounded"): tier bounds rounded half up to the framework's places.

The MoF budget system (fasp2 pmkpi) accepts 2.66 as 达成 for a 3.33-point qualitative leaf:
0.8 × 3.33 = 2.664, rounded half up to two places, is 2.66. Exactly, 2.66 < 2.664 is 部分达成.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import Framework, FrameworkError, Indicator, ObservationError
from perfscore.batch._kernels import implied_tier
from perfscore.io import framework_to_data, loads_framework
from perfscore.numbers import round_half_up
from perfscore.rules import TIERS, Forward, Qualitative, rule_from_dict

from .strategies import points as point_values

D = Decimal
ROUNDED = Qualitative(bounds="rounded")


def test_fasp2_accepts_two_sixty_six_of_three_thirty_three():
    assert ROUNDED.score(("达成", "2.66"), "3.33").points == D("2.66")
    with pytest.raises(ObservationError, match=r"2\.66 is outside the tier 达成 \(2\.664 ≤ points ≤ 3\.33\)"):
        Qualitative().score(("达成", "2.66"), "3.33")
    # ... and the rounded rule refuses 2.66 as 部分达成, whose upper bound is now 2.66 itself.
    with pytest.raises(ObservationError, match=r"bounds rounded half up to 2 places"):
        ROUNDED.score(("部分达成", "2.66"), "3.33")


def test_rounded_bounds_follow_the_places():
    # 0.6 × 3.33 = 1.998 → 2.00 at two places; at one place 2.664 → 2.7 and 1.998 → 2.0.
    assert ROUNDED.tier_bounds(TIERS[1], D("3.33"), 2) == (D("2.00"), D("2.66"))
    assert ROUNDED.tier_bounds(TIERS[0], D("3.33"), 1) == (D("2.7"), D("3.3"))
    assert ROUNDED.score(("达成", "2.6"), "3.3", places=1).points == D("2.6")  # 2.64 → 2.6
    assert ROUNDED.tier_of(D("1.99"), D("3.33"), 2) is TIERS[2]
    assert ROUNDED.tier_of(D("3.34"), D("3.33"), 2) is None


def test_option_is_validated_and_kept_in_files():
    with pytest.raises(FrameworkError, match=r"^bounds: must be exact or rounded"):
        Qualitative(bounds="nearest")
    assert rule_from_dict({"kind": "定性", "bounds": "rounded"}) == ROUNDED
    assert ROUNDED.to_dict() == {"kind": "qualitative", "bounds": "rounded"}
    assert Qualitative().to_dict() == {"kind": "qualitative"}  # files written before stay the same
    framework = Framework("f", [Indicator("A", "定性", "3.33", rule=ROUNDED)])
    assert framework_to_data(framework)["indicators"][0]["rule"] == {
        "kind": "qualitative",
        "bounds": "rounded",
    }
    from perfscore.io._toml import dumps  # noqa: PLC0415

    assert loads_framework(dumps(framework_to_data(framework))) == framework


@given(st.sampled_from(["exact", "rounded"]), point_values, st.integers(0, 4))
def test_tiers_cover_zero_to_w_without_gaps(bounds, weight, places):
    rule = Qualitative(bounds=bounds)
    weight = round_half_up(weight, min(places, 2)) or D(1)
    ranges = [rule.tier_bounds(tier, weight, places) for tier in TIERS]
    (achieved_low, achieved_high), (partial_low, partial_high), (none_low, none_high) = ranges
    assert none_low == 0
    assert none_high == partial_low
    assert partial_high == achieved_low
    assert achieved_high == weight
    exact = [tier.bounds(weight) for tier in TIERS]
    step = D(1).scaleb(-places)
    for (low, high), (exact_low, exact_high) in zip(ranges, exact, strict=True):
        assert abs(low - exact_low) <= step / 2  # rounding moves a bound by half a unit at most
        assert abs(high - exact_high) <= step / 2


def _grid_values(weight: Decimal) -> st.SearchStrategy[Decimal]:
    units = int(weight * 100)
    near = [int(round_half_up(share * weight, 2) * 100) for share in (D("0.6"), D("0.8"))]
    return st.one_of(
        st.integers(0, units),
        st.sampled_from([max(0, min(units, unit + offset)) for unit in near for offset in (-1, 0, 1)]),
    ).map(lambda unit: D(unit).scaleb(-2))


@st.composite
def rounded_frameworks_and_points(draw):
    weights = draw(st.lists(point_values, min_size=1, max_size=4))
    leaves = [Indicator(f"Q{index}", "定性", weight, rule=ROUNDED) for index, weight in enumerate(weights)]
    leaves.append(Indicator("F", "数量", 10, rule=Forward(100)))
    framework = Framework("rounded qualitative", leaves)
    units = draw(st.integers(1, 6))
    rows = [
        {
            **{leaf.code: draw(_grid_values(leaf.points)) for leaf in leaves[:-1]},
            "F": draw(st.integers(0, 150).map(D)),
        }
        for _ in range(units)
    ]
    return framework, rows


def _scalar_total(framework: Framework, row: dict[str, Decimal]) -> Decimal:
    observations: dict[str, object] = {}
    for leaf in framework.leaves():
        value = row[leaf.code]
        if isinstance(leaf.rule, Qualitative):
            tier = leaf.rule.tier_of(value, leaf.points, framework.places)
            assert tier is not None
            observations[leaf.code] = {"tier": tier.name_zh, "points": value}
        else:
            observations[leaf.code] = value
    return framework.score(observations).total


@pytest.mark.parametrize("layout", ["decimal", "float64", "float32", "object"])
@given(case=rounded_frameworks_and_points())
def test_batch_and_scalar_agree_with_rounded_bounds(layout, case):
    framework, rows = case
    columns: dict[str, object] = {}
    for leaf in framework.leaves():
        values = [row[leaf.code] for row in rows]
        if layout == "float64":
            columns[leaf.code] = np.array([float(value) for value in values])
        elif layout == "float32":  # off the fast path: each cell goes to the scalar rule
            columns[leaf.code] = np.array([float(value) for value in values], dtype=np.float32)
        elif layout == "object":
            columns[leaf.code] = np.array(values, dtype=object)
        else:
            columns[leaf.code] = values
    batch = framework.score_batch(columns)
    for unit, row in enumerate(rows):
        expected = _scalar_total(framework, row)
        assert batch.totals_decimal()[unit] == expected
        # The tier the batch infers is the rounded rule's: the scalar engine accepts it.
        assert batch.result(unit).total == expected


def test_batch_infers_the_rounded_tier():
    framework = Framework("f", [Indicator("A", "定性", "3.33", rule=ROUNDED)])
    batch = framework.score_batch({"A": [D("2.66"), D("2.67"), D("2.65")]})
    assert [batch.observations(unit)["A"][0] for unit in range(3)] == ["达成", "达成", "部分达成"]
    assert implied_tier(D("2.66"), D("3.33")) == "部分达成"  # the exact tiers by default
    assert implied_tier(D("2.66"), D("3.33"), ROUNDED, 2) == "达成"
    assert batch.result(0).total == D("2.66")


@given(point_values, st.integers(0, 3))
def test_rounded_bounds_are_inclusive_from_below_at_the_places(weight, places):
    """The rounded lower bound L of 达成 (and of 部分达成) is in the tier; L − 10⁻ᵖ is in the tier below."""
    weight = round_half_up(weight, places)
    step = D(1).scaleb(-places)
    for upper, lower in ((TIERS[0], TIERS[1]), (TIERS[1], TIERS[2])):
        low, high = ROUNDED.tier_bounds(upper, weight, places)
        if low - step < 0 or low > weight or (low == high and not upper.high_inclusive):
            continue  # nothing below, or an empty tier (1 point at whole places: 部分达成 is [1, 1))
        assert ROUNDED.score((upper.name_zh, low), weight, places=places).points == round_half_up(low, places)
        below = low - step
        lower_low, _ = ROUNDED.tier_bounds(lower, weight, places)
        if lower_low <= below:  # a small weight at few places can leave a tier empty
            assert ROUNDED.tier_of(below, weight, places) is lower
        assert ROUNDED.tier_of(below, weight, places) is not upper
        with pytest.raises(ObservationError, match=r"bounds rounded half up"):
            ROUNDED.score((upper.name_zh, below), weight, places=places)
