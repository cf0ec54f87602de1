"""perfscore.batch._Engine: refusals, dtypes, grades, rescaling and the scalar fallback.

Pinned examples at the engine's edges: the maximum the batch engine refuses, the narrowest
integer dtype, grade minima off the percentage grid, percentages computed without the look-up
table, leaves rescaled past their exact limit, and which cells go to the scalar rule.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest

from perfscore import NOT_APPLICABLE, Framework, FrameworkError, Indicator, ObservationError
from perfscore.batch._kernels import implied_tier
from perfscore.grades import Grade, GradeScheme
from perfscore.rules import Forward, Manual, Qualitative, Reverse
from tests.test_batch import assert_unit_matches, single
from tests.test_batch_kernels import _handovers, _without_handover

D = Decimal
NAN = math.nan


# -- the maximum the engine refuses, and the dtype of the points ------------------------------


def test_largest_maximum_is_accepted_and_the_next_cent_refused():
    # Refused when maximum·(200·U + 3) ≥ 2**53, the maximum in cents (U = 100): 200·U + 3 = 20003
    # is odd, so the product never equals 2**53 and the largest accepted maximum is
    # (2**53 − 1) // 20003 cents.
    largest = (2**53 - 1) // 20003
    assert largest * 20003 < 2**53 <= (largest + 1) * 20003
    accepted = single(Manual(), points=D(largest).scaleb(-2))
    batch = _without_handover(accepted, {"X": [0.0, 1.0]})
    assert batch.maximum_units.tolist() == [largest, largest]
    assert batch.leaf_units.dtype == np.int64
    assert batch.total_units.tolist() == [0, 100]
    refused = single(Manual(), points=D(largest + 1).scaleb(-2))
    message = r"^points: the framework's maximum is too large for the batch engine: use Framework\.score$"
    with pytest.raises(FrameworkError, match=message) as caught:
        refused.score_batch({"X": [0.0]})
    assert caught.value.field == "points"
    # The scalar engine still scores it.
    assert refused.score({"X": 1}).total == D("1.00")


@pytest.mark.parametrize(
    ("points", "dtype"),
    [
        ("327.67", np.int16),  # 32767 cents: the int16 maximum itself
        ("327.68", np.int32),
        ("21474836.47", np.int32),  # 2**31 − 1 cents
        ("21474836.48", np.int64),
    ],
)
def test_points_take_the_narrowest_dtype_that_holds_the_maximum(points, dtype):
    batch = single(Manual(), points=D(points)).score_batch({"X": [float(points), 0.5]})
    assert batch.leaf_units.dtype == dtype
    assert batch.maximum_units.dtype == dtype
    full = int(D(points).scaleb(2))
    assert batch.leaf_units[:, 0].tolist() == [full, 50]
    assert batch.maximum_units.tolist() == [full, full]


def test_maxima_at_three_places_are_not_rounded_to_two():
    # 1.125 + 2.000 at three places: the maximum is 3125 units, 1125 when B is excluded.
    framework = Framework(
        "three",
        (Indicator("A", "甲", "1.125", rule=Manual()), Indicator("B", "乙", 2, rule=Manual())),
        places=3,
        not_applicable="exclude",
    )
    batch = _without_handover(framework, {"A": [1.125, 0.5], "B": [1.0, NAN]})
    assert batch.maximum_units.tolist() == [3125, 1125]
    assert batch.total_units.tolist() == [2125, 500]
    # 2.125 / 3.125 = 68.000 %; 0.5 / 1.125 = 44.444… %
    assert batch.percentage_units.tolist() == [68000, 44444]
    for unit, row in enumerate([{"A": 1.125, "B": 1.0}, {"A": 0.5, "B": NOT_APPLICABLE}]):
        assert_unit_matches(framework, batch, unit, row)


# -- grades ----------------------------------------------------------------------------------


def test_grade_minimum_between_cents_admits_the_next_cent():
    # A minimum of 89.995 % admits 90.00 % (the least percentage in cents at or above it), not 89.99.
    scheme = GradeScheme("fine", (Grade("A", "89.995"), Grade("B", 50), Grade("C", 0)))
    framework = Framework("g", (Indicator("X", "指标", 100, rule=Manual()),), grades=scheme)
    batch = _without_handover(framework, {"X": [90.0, 89.99, 50.0, 49.99]})
    assert batch.percentage_units.tolist() == [9000, 8999, 5000, 4999]
    assert batch.grades.tolist() == ["A", "B", "B", "C"]
    assert batch.grade_codes.dtype == np.int8
    for unit, value in enumerate([90.0, 89.99, 50.0, 49.99]):
        assert_unit_matches(framework, batch, unit, {"X": value})


def test_percentages_without_the_look_up_table_cover_every_block():
    # A maximum of 20,000 points is 2,000,000 cents ≥ 2**20: no table, percentages are computed
    # in blocks of 65,536 units. 2·65,536 + 1 units make three blocks, the last of one unit.
    framework = single(Manual(), points=20000)
    count = 2 * 65536 + 1
    cents = (np.arange(count, dtype=np.int64) * 15259) % 2000001
    cents[-1] = 1999999  # 99.99995 % rounds half up to 100.00 %
    cents[0] = 100  # 0.005 % rounds half up to 0.01 %
    batch = _without_handover(framework, {"X": cents / 100})
    assert np.array_equal(batch.total_units, cents)
    # round_half_up(total ÷ 2,000,000 × 100 %) in hundredths of a percent.
    expected = (cents * 2 * 10000 + 2000000) // (2 * 2000000)
    assert np.array_equal(batch.percentage_units, expected)
    assert batch.percentage_units[[0, -1]].tolist() == [1, 10000]
    for unit in (0, 1, 65535, 65536, 131071, count - 1):
        assert_unit_matches(framework, batch, unit, {"X": float(cents[unit]) / 100})


# -- the scalar fallback -----------------------------------------------------------------------


def test_leaf_without_an_exact_formula_is_scored_cell_by_cell():
    # 正向 against 2,000,000,000,000: on the grid of 10**-2 the target passes the clip limit, so
    # every applicable cell of the leaf is scored by the scalar rule (and only those).
    framework = Framework(
        "big",
        (
            Indicator("X", "大", 10, rule=Forward(target="2000000000000")),
            Indicator("Y", "小", 10, rule=Manual()),
        ),
        not_applicable="exclude",
    )
    clean, calls = _handovers(framework, {"X": [0.0, 1e12, 3e12], "Y": [1.0, 2.0, 3.0]})
    assert clean.leaf_units[:, 0].tolist() == [0, 500, 1000]
    assert sorted(calls) == [(0, 0), (0, 1), (0, 2)]
    gaps, calls = _handovers(framework, {"X": [1e12, NAN, 5e11], "Y": [1.0, 2.0, NAN]})
    assert gaps.leaf_units.tolist() == [[500, 100], [0, 200], [250, 0]]
    assert gaps.maximum_units.tolist() == [2000, 1000, 1000]
    assert sorted(calls) == [(0, 0), (0, 2)]
    rows = [{"X": 1e12, "Y": 1.0}, {"X": NOT_APPLICABLE, "Y": 2.0}, {"X": 5e11, "Y": NOT_APPLICABLE}]
    for unit, row in enumerate(rows):
        assert_unit_matches(framework, gaps, unit, row)


def test_rescaled_leaf_past_its_exact_limit_goes_to_the_scalar_rule_at_its_new_maximum():
    # 反向 (ratio) against 10,000,000 at three places: exact at its own 10 points (cap 2·10**13),
    # not at the 100 points a not-applicable B gives it (cap 2·10**14 ≥ the clip limit), so
    # those cells are rescaled by the scalar rule: round_half_up(exact × 100 ÷ 10, 3).
    framework = Framework(
        "r",
        (
            Indicator("A", "甲", 10, rule=Reverse(target=10_000_000, method="ratio")),
            Indicator("B", "乙", 90, rule=Manual()),
        ),
        places=3,
    )
    batch, calls = _handovers(framework, {"A": [2e7, 3e7, 3e7], "B": [NAN, 45.0, NAN]})
    assert sorted(calls) == [(0, 0), (0, 2)]
    # 10 × 1/2 × 10 = 50; 10 × 1/3 = 3.333 (at 10 points); 100 × 1/3 = 33.333 (at 100 points).
    assert batch.leaf_units.tolist() == [[50000, 0], [3333, 45000], [33333, 0]]
    assert batch.total_units.tolist() == [50000, 48333, 33333]
    assert batch.maximum_units.tolist() == [100000, 100000, 100000]
    rows = [{"A": 2e7, "B": NOT_APPLICABLE}, {"A": 3e7, "B": 45.0}, {"A": 3e7, "B": NOT_APPLICABLE}]
    for unit, row in enumerate(rows):
        assert_unit_matches(framework, batch, unit, row)


def test_qualitative_object_column_is_scored_by_its_implied_tier():
    # Decimals and text are scored cell by cell: the tier is the one the points lie in.
    framework = Framework(
        "q",
        (Indicator("X", "定性", 10, rule=Qualitative()), Indicator("Y", "乙", 10, rule=Manual())),
        not_applicable="exclude",
    )
    values = [D("9.5"), "7.25", D("0"), None, "10"]
    batch, calls = _handovers(framework, {"X": values, "Y": [1.0] * 5})
    assert sorted(calls) == [(0, 0), (0, 1), (0, 2), (0, 4)]
    assert batch.leaf_units[:, 0].tolist() == [950, 725, 0, 0, 1000]
    assert batch.not_applicable[:, 0].tolist() == [False, False, False, True, False]
    tiers = [implied_tier(D(str(value)), D(10)) for value in (9.5, 7.25, 0, 10)]
    for unit, value in zip((0, 1, 2, 4), (9.5, 7.25, 0, 10), strict=True):
        tier = tiers.pop(0)
        assert batch.observations(unit)["X"] == (tier, values[unit])
        assert_unit_matches(framework, batch, unit, {"X": (tier, D(str(value))), "Y": 1.0})
    assert_unit_matches(framework, batch, 3, {"X": NOT_APPLICABLE, "Y": 1.0})
    with pytest.raises(ObservationError, match=r"^X: row 1: ") as caught:
        framework.score_batch({"X": [D("1"), "eleven"], "Y": [1.0, 1.0]})
    assert caught.value.field == "X"
    # The rule's own field (the points of X) is kept, on both paths.
    for column in ([D("1"), D("11")], [1.0, 11.0]):
        with pytest.raises(
            ObservationError, match=r"^X\.points: row 1: points must be between 0 and 10, got 11"
        ) as caught:
            framework.score_batch({"X": column, "Y": [1.0, 1.0]})
        assert caught.value.field == "X.points"


# -- refusals ----------------------------------------------------------------------------------


def test_every_checked_leaf_is_validated():
    # A clean first leaf must not stop the check of the next one.
    framework = Framework(
        "two",
        (Indicator("A", "甲", 10, rule=Manual()), Indicator("B", "乙", 10, rule=Manual())),
    )
    with pytest.raises(ObservationError, match=r"^B: row 1: ") as caught:
        framework.score_batch({"A": [1.0, 2.0], "B": [3.0, 11.0]})
    assert caught.value.field == "B"
    with pytest.raises(ObservationError) as scalar:
        framework.score({"A": 2.0, "B": 11.0})
    assert caught.value.message == f"row 1: {scalar.value.message}"


def test_refusal_names_the_first_bad_row_past_cells_left_to_the_scalar_rule():
    # Row 0 is off every grid (scalar rule, fine), row 1 is fine, row 2 is above the 10 points.
    framework = single(Manual())
    with pytest.raises(ObservationError, match=r"^X: row 2: ") as caught:
        framework.score_batch({"X": [1.0000001, 5.0, 11.0, 12.0]})
    with pytest.raises(ObservationError) as scalar:
        framework.score({"X": 11.0})
    assert caught.value.message == f"row 2: {scalar.value.message}"
    batch = framework.score_batch({"X": [1.0000001, 5.0, 10.0]})
    assert batch.leaf_units[:, 0].tolist() == [100, 500, 1000]
