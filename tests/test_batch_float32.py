"""perfscore.batch on float32 columns: each float32 is the shortest decimal that reads back as it.

The scalar engine reads a NumPy float32 through ``str`` (``np.float32(0.1)`` is ``0.1``); the
batch engine must give the same points, and two-decimal values must not go cell by cell to the
scalar rule.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from perfscore import NOT_APPLICABLE, Framework, Indicator
from perfscore.batch._kernels import implied_tier
from perfscore.numbers import to_decimal
from perfscore.rules import Bands, Deduction, Forward, Qualitative, Reverse
from tests.test_batch import assert_unit_matches, frameworks_and_units, single
from tests.test_batch_kernels import _handovers, _without_handover


def _float32_case(framework, rows):
    columns = {}
    scalar_rows = [{} for _ in rows]
    for leaf in framework.leaves():
        values = []
        for unit, row in enumerate(rows):
            value = row[leaf.code]
            if value is NOT_APPLICABLE:
                values.append(np.float32(np.nan))
                scalar_rows[unit][leaf.code] = NOT_APPLICABLE
                continue
            cell = np.float32(float(value))
            values.append(cell)
            read = to_decimal(cell)
            if isinstance(leaf.rule, Qualitative):
                places = framework.places if leaf.places is None else leaf.places
                scalar_rows[unit][leaf.code] = (implied_tier(read, leaf.points, leaf.rule, places), cell)
            else:
                scalar_rows[unit][leaf.code] = cell
        columns[leaf.code] = np.array(values, dtype=np.float32)
    return columns, scalar_rows


@given(frameworks_and_units(), st.booleans())
def test_float32_columns_score_as_the_scalar_engine_reads_them(case, in_matrix):
    framework, rows, _, chunk, _ = case
    columns, scalar_rows = _float32_case(framework, rows)
    if in_matrix:  # column views of one float32 matrix
        block = np.stack([columns[leaf.code] for leaf in framework.leaves()], axis=1)
        columns = {leaf.code: block[:, j] for j, leaf in enumerate(framework.leaves())}
    batch = framework.score_batch(columns, chunk_size=chunk)
    for unit, observations in enumerate(scalar_rows):
        assert_unit_matches(framework, batch, unit, observations)


_CENTS = st.integers(-8_000_000, 8_000_000)  # |value| < 80,000: float32 steps finer than a cent


@given(st.lists(_CENTS, min_size=1, max_size=30))
def test_two_decimal_float32_values_stay_on_the_fast_path(cents):
    values = np.array([cent / 100 for cent in cents], dtype=np.float32)
    for rule in (
        Forward(target="95.5"),
        Reverse(target="20", method="ratio"),
        Deduction(threshold=100, per_step="0.5", step="2.5", whole_steps=True),
        Bands([(90, 10), (60, 6)]),
    ):
        framework = single(rule)
        batch = _without_handover(framework, {"X": values})
        for unit, cell in enumerate(values):
            assert str(cell) == str(to_decimal(cell))
            assert batch.leaf_units[unit, 0] == int(framework.score({"X": cell}).total.scaleb(2))


# Values the scalar engine accepts (it refuses magnitudes below 10**-30 and infinities).
_FLOAT32 = st.floats(width=32, min_value=-(2.0**99), max_value=2.0**99).filter(
    lambda value: value == 0 or abs(value) >= 1e-30
)


@given(st.lists(_FLOAT32 | st.just(float("nan")), min_size=1, max_size=20))
def test_any_float32_is_scored_as_its_shortest_decimal(values):
    leaf = Indicator("X", "指标", 10, rule=Forward(target="0.75"))
    framework = Framework("one", (leaf,), not_applicable="full")
    column = np.array(values, dtype=np.float32)
    batch, _ = _handovers(framework, {"X": column})
    for unit, cell in enumerate(column):
        observation = NOT_APPLICABLE if np.isnan(cell) else cell
        assert_unit_matches(framework, batch, unit, {"X": observation})


def test_a_float32_step_coarser_than_a_cent_is_left_to_the_scalar_rule():
    # 131,072.02 has no float32: its nearest, 131072.015625, reads back as "131072.02"; beyond
    # 2**17 the steps are 1/64 > 0.01, but "131072.02" is still its shortest decimal.
    cell = np.float32(131072.02)
    framework = single(Forward(target="200000"))
    batch, _ = _handovers(framework, {"X": np.array([cell], dtype=np.float32)})
    assert batch.leaf_units[0, 0] == int(framework.score({"X": cell}).total.scaleb(2))
