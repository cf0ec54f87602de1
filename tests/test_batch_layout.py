"""The batch engine's chunk layouts, grid widening and memory carving: values, dtypes, handover.

Columns that are views of one row-major matrix are read as the matrix lies; anything else is
read column by column. Either way every unit gets the scalar engine's answer, and the cells
sent to the scalar rule are only those the documentation sends there (off every grid up to
10**-6, beyond 10**15 grid steps, object columns, formulas that cannot be exact).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from perfscore import NOT_APPLICABLE, Framework, Indicator, ObservationError
from perfscore.rules import Forward, Manual, Reverse
from tests.test_batch import assert_unit_matches, single, two_leaves
from tests.test_batch_kernels import _handovers, _without_handover

# 正向 against 900,000,000,000: exact on the grid of 10**-2 only (10**-3 passes CLIP_LIMIT).
BIG = Forward(target="900000000000")


def _matches(framework, batch, rows):
    for unit, observations in enumerate(rows):
        assert_unit_matches(framework, batch, unit, observations)


def big_and_fine():
    return Framework(
        "two",
        (Indicator("A", "甲", 60, rule=BIG), Indicator("B", "乙", 10, rule=Forward(target=1))),
    )


def test_result_dtypes_whatever_the_layout():
    framework = two_leaves()
    block = np.array([[50.0, 20.0], [100.0, 40.0]])
    for columns in ({"A": [50.0, 100.0], "B": [20.0, 40.0]}, {"A": block[:, 0], "B": block[:, 1]}):
        batch = framework.score_batch(columns)
        assert batch.leaf_units.dtype == np.int16  # maximum 10,000 cents
        assert batch.maximum_units.dtype == np.int16
        assert batch.total_units.dtype == np.int64
        assert batch.percentage_units.dtype == np.int32
        assert batch.grade_codes.dtype == np.int8
        assert batch.leaf_units.tolist() == [[3000, 2000], [6000, 4000]]
        assert batch.total_units.tolist() == [5000, 10000]


def test_column_views_of_one_buffer_that_are_not_a_plain_matrix():
    framework = two_leaves()
    block = np.arange(40, dtype=np.float64).reshape(10, 4)
    rows = [{"A": block[i, 0], "B": block[2 * i, 1]} for i in range(5)]
    # Same base, different strides: A every row, B every other row.
    batch = _without_handover(framework, {"A": block[:5, 0], "B": block[::2, 1]})
    _matches(framework, batch, rows)
    assert batch.leaf_units[:, 1].tolist() == [100, 900, 1700, 2500, 3300]
    # Fields of a packed record array: same base and stride, but B lies 12 bytes in (not a
    # whole float64 from A).
    record = np.zeros(3, dtype=np.dtype([("a", "<f8"), ("pad", "<f4"), ("b", "<f8")]))
    record["a"], record["pad"], record["b"] = [10.0, 50.0, 80.0], [1.5, 2.5, 3.5], [1.0, 20.0, 30.0]
    batch = _without_handover(framework, {"A": record["a"], "B": record["b"]})
    assert batch.leaf_units.tolist() == [[600, 100], [3000, 2000], [4800, 3000]]


def test_matrix_columns_in_any_order_among_other_columns():
    for order in ((1, 0, None), (0, 1, 2), (2, 0, 1), (0, 1, None)):
        _check_matrix_order(order)


def _check_matrix_order(order):
    framework = two_leaves()
    a, b = [25.0, 100.0, 12.5], [40.0, 0.0, 7.5]
    width = 3 if None not in order else 2
    block = np.full((3, width), 99.0)
    block[:, order[0]], block[:, order[1]] = a, b
    batch = _without_handover(framework, {"A": block[:, order[0]], "B": block[:, order[1]]})
    assert batch.leaf_units.tolist() == [[1500, 4000], [6000, 0], [750, 750]]
    _matches(framework, batch, [{"A": x, "B": y} for x, y in zip(a, b, strict=True)])


def test_matrix_columns_on_the_only_exact_grid_are_not_handed_over():
    # A's formula is exact on 10**-2 only: a cell wrongly seen as off the grid would go to the
    # scalar rule. B's 0.125 needs the grid 10**-3 (12.5 rounded on 10**-2 would give 1.2).
    framework = big_and_fine()
    values = np.array([[450000000000.0, 0.125], [1.5, 0.5], [899999999999.99, 1.0]])
    expected = [[3000, 125], [0, 500], [6000, 1000]]
    for order in ((0, 1), (1, 0)):
        block = values[:, order].copy()
        columns = {"A": block[:, order.index(0)], "B": block[:, order.index(1)]}
        assert _without_handover(framework, columns).leaf_units.tolist() == expected
        assert _without_handover(framework, columns, chunk_size=2).leaf_units.tolist() == expected
    # A large chunk (its buffers carved from fresh memory) gives the same answers.
    many = np.tile(values, (3000, 1))
    batch = _without_handover(framework, {"A": many[:, 0], "B": many[:, 1]})
    assert batch.leaf_units.tolist() == expected * 3000


def test_masked_leaf_on_the_only_exact_grid_is_not_handed_over():
    framework = big_and_fine()
    columns = {"A": np.array([450000000000.0, 5.0, 1.5]), "B": np.array([0.5, 0.125, 1.0])}
    batch = _without_handover(framework, columns, not_applicable={"A": np.array([False, True, False])})
    assert batch.leaf_units[:, 0].tolist() == [3000, 0, 0]
    rows = [{"A": 450000000000.0, "B": 0.5}, {"A": NOT_APPLICABLE, "B": 0.125}, {"A": 1.5, "B": 1.0}]
    _matches(framework, batch, rows)
    assert batch.not_applicable[:, 0].tolist() == [False, True, False]


def test_widening_stops_where_the_formula_stops_being_exact():
    # A's grid cannot widen (10**-3 is not exact): its 0.125 goes to the scalar rule. B, after
    # it, still widens to 10**-3 and is scored without the scalar rule.
    framework = big_and_fine()
    batch, calls = _handovers(framework, {"A": [0.125, 1.0], "B": [0.125, 0.5]})
    assert calls == [(0, 0)]
    assert batch.leaf_units.tolist() == [[0, 125], [0, 500]]


def test_grid_widens_to_the_finest_exact_grid():
    # 0.123457 needs 10**-6, the finest grid: exact there, so no cell goes to the scalar rule.
    framework = single(Forward(target=1))
    batch = _without_handover(framework, {"X": [0.123457, 0.5]})
    assert batch.leaf_units[:, 0].tolist() == [123, 500]
    # Target 90,000,000,000: exact on 10**-3, not on 10**-4. 0.125 widens to 10**-3.
    framework = single(Forward(target="90000000000"))
    batch = _without_handover(framework, {"X": np.array([0.125, 45000000000.0])})
    assert batch.leaf_units[:, 0].tolist() == [0, 500]


def test_values_beyond_every_grid_go_to_the_scalar_rule_only():
    # 1.7e307 is more than 10**15 grid steps on every grid: the scalar rule, which refuses it,
    # is asked about that cell only (0.5 on the same column stays on the grid).
    framework = single(Forward(target=1))
    calls = []
    with pytest.raises(ObservationError, match=r"^X: row 1: must be below 10\*\*30 in magnitude"):
        _handovers(framework, {"X": np.array([0.5, 1.7e307])}, calls=calls)
    assert calls == [(0, 1)]


def test_off_grid_numeric_column_with_gaps_is_widened_not_handed_over():
    framework = two_leaves()
    columns = {"A": np.array([12.345, np.nan, 50.0]), "B": np.array([1.0, 2.0, np.nan])}
    batch = _without_handover(framework, columns)
    rows = [{"A": 12.345, "B": 1.0}, {"A": NOT_APPLICABLE, "B": 2.0}, {"A": 50.0, "B": NOT_APPLICABLE}]
    _matches(framework, batch, rows)


def test_object_columns_with_missing_values_and_masks():
    framework = two_leaves()
    columns = {
        "A": np.array([50.0, 60.0, 70.0]),
        "B": np.array([pd.NA, Decimal("20"), Decimal("30")], object),
    }
    batch = framework.score_batch(columns, not_applicable={"B": np.array([False, False, True])})
    rows = [
        {"A": 50.0, "B": NOT_APPLICABLE},
        {"A": 60.0, "B": Decimal("20")},
        {"A": 70.0, "B": NOT_APPLICABLE},
    ]
    _matches(framework, batch, rows)
    assert batch.leaf_units[:, 1].tolist() == [0, 2000, 0]


def test_formulas_that_cannot_be_exact_go_to_the_scalar_rule():
    # Targets of 9·10**12: 9·10**14 steps on the grid of 10**-2, beyond CLIP_LIMIT for the affine
    # 正向 and for 反向 by ratio: every present cell is scored by the scalar rule.
    framework = Framework(
        "huge",
        (
            Indicator("A", "甲", 50, rule=Forward(target="9000000000000")),
            Indicator("R", "乙", 30, rule=Reverse(target="9000000000000", method="ratio")),
            Indicator("B", "丙", 20, rule=Manual()),
        ),
    )
    a, r, b = [4500000000000.0, np.nan, 1.0], [18000000000000.0, 1.0, np.nan], [10.0, 20.0, 5.0]
    for columns in ({"A": a, "R": r, "B": b}, {"A": a[2:], "R": r[:1], "B": b[:1]}):
        batch, calls = _handovers(framework, {code: np.array(value) for code, value in columns.items()})
        rows = [
            {
                code: NOT_APPLICABLE if np.isnan(value[unit]) else value[unit]
                for code, value in columns.items()
            }
            for unit in range(len(columns["A"]))
        ]
        _matches(framework, batch, rows)
        present = [
            (row, unit)
            for unit, obs in enumerate(rows)
            for row, code in enumerate("AR")
            if obs[code] is not NOT_APPLICABLE
        ]
        assert sorted(calls) == sorted(present)


def test_large_batch_in_one_block_of_huge_pages():
    # 70,000 units: the result arrays take over 1 MiB, carved from one 4 MiB block.
    framework = single(Forward(target=100))
    cents = np.arange(70000) % 10001
    batch = _without_handover(framework, {"X": cents / 100})
    assert batch.leaf_units[:, 0].tolist() == ((cents + 5) // 10).tolist()
    assert batch.percentage_units.tolist() == ((cents + 5) // 10 * 10).tolist()
    for unit in (0, 15, 10000, 69999):
        assert_unit_matches(framework, batch, unit, {"X": float(cents[unit] / 100)})


def test_percentages_of_a_framework_too_large_for_the_table():
    # A maximum of 2,000,000 cents (≥ 2**20): percentages are computed, not looked up.
    framework = single(Forward(target=100), points=20000)
    batch = framework.score_batch({"X": [50.0, 12.345, 100.0]})
    assert batch.percentage_units.tolist() == [5000, 1235, 10000]
    for unit, value in enumerate((50.0, 12.345, 100.0)):
        assert_unit_matches(framework, batch, unit, {"X": value})
