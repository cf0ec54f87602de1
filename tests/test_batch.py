"""perfscore.batch: the numpy engine gives every unit exactly the scalar engine's answer."""

from __future__ import annotations

import decimal
import math
import subprocess
import sys
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import NOT_APPLICABLE, Framework, Indicator, ObservationError, PerfscoreError
from perfscore.batch._engine import BatchResult, _shared_matrix
from perfscore.batch._kernels import RECIPROCAL_LIMIT, SAFE, Affine, LeafPlan, implied_tier
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
from tests.strategies import ANY_PLACES

D = Decimal


def units_of(value: Decimal | None, places: int) -> int:
    return 0 if value is None else int(value.scaleb(places))


def assert_unit_matches(framework: Framework, batch: BatchResult, unit: int, observations: dict) -> None:
    scalar = framework.score(observations)
    places = framework.places
    for j, leaf in enumerate(scalar.leaves):
        assert batch.leaf_units[unit, j] == units_of(leaf.awarded, places), (unit, leaf.code, leaf)
        assert bool(batch.not_applicable[unit, j]) == (observations[leaf.code] is NOT_APPLICABLE)
    assert batch.total_units[unit] == units_of(scalar.total, places)
    assert batch.maximum_units[unit] == units_of(scalar.maximum, places)
    assert batch.percentage_units[unit] == units_of(scalar.percentage, places)
    assert batch.grades[unit] == scalar.grade


@st.composite
def frameworks_and_units(draw):
    # Tie-prone targets (x.xx5 before rounding, and 0: "≥0", "≤0"), every rule kind (区间值 too)
    # and policy, places 0 to 3, and leaves rounding to places of their own.
    framework = draw(
        pst.frameworks(
            places=ANY_PLACES, grades=pst.grade_schemes(), ties=True, row_places=draw(st.booleans())
        )
    )
    leaves = framework.leaves()
    count = draw(st.integers(1, 12))
    rows = []
    for _ in range(count):
        # Not-applicable gaps drawn here, not by pst.observations: under "full" a row may have
        # every leaf not applicable, which the batch engine must score too.
        missing = [draw(st.integers(0, 4)) == 0 for _ in leaves]
        if all(missing) and framework.not_applicable != "full":
            missing[draw(st.integers(0, len(leaves) - 1))] = False
        values = draw(pst.observations(framework, not_applicable=False, numeric=True))
        rows.append(
            {
                leaf.code: NOT_APPLICABLE if gap else values[leaf.code]
                for leaf, gap in zip(leaves, missing, strict=True)
            }
        )
    # The float columns are separate arrays, or column views of one row-major matrix (a 2-D
    # NumPy array's columns), maybe in another order and among other columns: the engine then
    # reads the matrix's rows as they lie, a different code path.
    in_matrix = draw(st.booleans())
    kinds = ["nan", "nan", "mask"] if in_matrix else ["nan", "nan", "nan", "mask", "object"]
    layouts = {leaf.code: draw(st.sampled_from(kinds)) for leaf in leaves}
    matrix = None
    if in_matrix:
        extra = draw(st.integers(0, 2))
        matrix = draw(st.permutations(range(len(leaves) + extra)))
    return framework, rows, layouts, draw(st.integers(1, 5)), matrix


def columns_for(framework, rows, layouts, matrix=None):
    columns, masks = {}, {}
    for leaf in framework.leaves():
        values = [row[leaf.code] for row in rows]
        layout = layouts[leaf.code]
        if layout == "object":
            columns[leaf.code] = [None if value is NOT_APPLICABLE else value for value in values]
        else:
            gaps = [value is NOT_APPLICABLE for value in values]
            filler = 0.0 if layout == "mask" else math.nan
            columns[leaf.code] = np.array(
                [filler if gap else float(value) for value, gap in zip(values, gaps, strict=True)]
            )
            if layout == "mask":
                masks[leaf.code] = np.array(gaps)
    if matrix is not None:  # the same columns as views of one row-major matrix
        block = np.full((len(rows), len(matrix)), 7.25)
        for position, leaf in zip(matrix, framework.leaves(), strict=False):
            block[:, position] = columns[leaf.code]
            columns[leaf.code] = block[:, position]
    return columns, masks


def scalar_observations(framework, row):
    observations = {}
    for leaf in framework.leaves():
        value = row[leaf.code]
        if value is not NOT_APPLICABLE and isinstance(leaf.rule, Qualitative):
            places = framework.places if leaf.places is None else leaf.places
            value = (implied_tier(value, leaf.points, leaf.rule, places), value)
        observations[leaf.code] = value
    return observations


@given(frameworks_and_units())
def test_one_answer_batch_equals_scalar_to_the_cent(case):
    framework, rows, layouts, chunk, matrix = case
    columns, masks = columns_for(framework, rows, layouts, matrix)
    if matrix is not None and len(matrix) > 1:  # the row-major path is the one taken
        assert _shared_matrix([columns[leaf.code] for leaf in framework.leaves()]) is not None
    batch = framework.score_batch(columns, not_applicable=masks or None, chunk_size=chunk)
    assert len(batch) == len(rows)
    assert np.array_equal(batch.leaf_units.sum(axis=1), batch.total_units)
    assert (batch.total_units >= 0).all()
    assert (batch.total_units <= batch.maximum_units).all()
    assert (batch.percentage_units <= 100 * 10**framework.places).all()
    for unit, row in enumerate(rows):
        observations = scalar_observations(framework, row)
        assert_unit_matches(framework, batch, unit, observations)
        one = batch.result(unit)
        scalar = framework.score(observations)
        assert (one.total, one.percentage, one.grade) == (scalar.total, scalar.percentage, scalar.grade)
        assert [node.awarded for node in one.nodes] == [node.awarded for node in scalar.nodes]


@given(frameworks_and_units(), st.integers(1, 4))
def test_chunk_size_does_not_change_the_answer(case, other):
    framework, rows, layouts, chunk, matrix = case
    columns, masks = columns_for(framework, rows, layouts, matrix)
    first = framework.score_batch(columns, not_applicable=masks or None, chunk_size=chunk)
    second = framework.score_batch(columns, not_applicable=masks or None, chunk_size=other * 7)
    assert np.array_equal(first.leaf_units, second.leaf_units)
    assert np.array_equal(first.total_units, second.total_units)
    assert np.array_equal(first.grade_codes, second.grade_codes)


@given(frameworks_and_units())
def test_permuting_units_permutes_results(case):
    framework, rows, layouts, chunk, matrix = case
    columns, masks = columns_for(framework, rows, layouts, matrix)
    batch = framework.score_batch(columns, not_applicable=masks or None, chunk_size=chunk)
    reverse = list(reversed(rows))
    columns_r, masks_r = columns_for(framework, reverse, layouts, matrix)
    flipped = framework.score_batch(columns_r, not_applicable=masks_r or None, chunk_size=chunk)
    assert np.array_equal(batch.total_units[::-1], flipped.total_units)
    assert np.array_equal(batch.leaf_units[::-1], flipped.leaf_units)


# -- pinned ties: where float64 arithmetic rounds the wrong way ---------------------------------


def single(rule, points=10, places=2):
    return Framework("one", (Indicator("X", "指标", points, rule=rule),), places=places)


def test_tie_that_float_rounds_down_is_rounded_half_up():
    # 0.01 ÷ 0.8 × 10 = 0.125 exactly (正向: 实际值/目标值 × 分值, 财预〔2020〕10号 practice); in float64
    # the quotient is 0.12499999999999999, which a float engine would round to 0.12.
    assert 0.01 / 0.8 * 10 < 0.125
    batch = single(Forward(target="0.8")).score_batch({"X": [0.01, 0.02, 0.06]})
    assert batch.leaf_units[:, 0].tolist() == [13, 25, 75]
    assert batch.totals_decimal().tolist() == [D("0.13"), D("0.25"), D("0.75")]


def test_deduction_example_from_the_rule_docs():
    # 在职人员控制率 107.5% against "≤ 100% 计满分，每超过一个百分点扣 0.5 分" (Sichuan form): 1.25 / 1.00.
    proportional = single(Deduction(threshold=100, per_step="0.5"), points=5)
    whole = single(Deduction(threshold=100, per_step="0.5", whole_steps=True), points=5)
    assert proportional.score_batch({"X": [107.5]}).totals.tolist() == [1.25]
    assert whole.score_batch({"X": [107.5]}).totals.tolist() == [1.0]


@pytest.mark.parametrize("precision", [3, 5])
def test_engines_agree_whatever_the_ambient_decimal_context(precision):
    # A bug fixed on this branch: the scalar engine summed points in the caller's decimal context,
    # so precision 5 rounded 12,345.67 to 12,346 and precision 3 raised decimal.InvalidOperation.
    framework = Framework(
        "big",
        (
            Indicator("A", "甲", "12000", rule=Manual()),
            Indicator("B", "乙", "400.5", rule=Forward(target=3)),
            Indicator("C", "丙", "99.5", rule=Bands([(1, "99.5"), (0, "49.75")])),
        ),
        not_applicable="exclude",
    )
    expected = framework.score({"A": "12000", "B": "2.5", "C": NOT_APPLICABLE})
    with decimal.localcontext() as context:
        context.prec = precision
        scalar = framework.score({"A": "12000", "B": "2.5", "C": NOT_APPLICABLE})
        assert framework.maximum == D("12500")
        batch = framework.score_batch({"A": [12000.0], "B": [2.5], "C": [math.nan]})
    assert scalar == expected
    assert scalar.total == D("12333.75")
    assert batch.total_units.tolist() == [1233375]
    assert batch.maximum_units.tolist() == [1240050]


def test_every_rule_kind_on_edges():
    cases = [
        (Forward(target=100), [-5, 0, 50, 99.99, 100, 1e9]),
        (Equal(target=0), [-1, 0, 0.01, 3]),
        (Reverse(target=100), [0, 100, 150, 199.99, 200, 1e12]),
        (Reverse(target=100, method="ratio"), [50, 100, 125, 1e14]),
        (Bands([(95, 10), (90, 8), (80, 5)]), [100, 95, 94.99, 80, 79.99, -3]),
        (Bands([(5, 1), (10, "0.6")], higher_is_better=False, fractions=True), [0, 5, 5.01, 10, 11]),
        (Checklist(per_item="1.5", items=("a", "b", "c")), [0, 1, 2, 3]),
        (Manual(), [0, 2.5, 9.995, 10]),
        (Qualitative(), [0, 5.99, 6, 7.99, 8, 10]),
        (ExecutionRate(), [0, 0.9512, 1, 1.3]),
    ]
    for rule, values in cases:
        framework = single(rule)
        batch = framework.score_batch({"X": values})
        for unit in range(len(values)):
            assert_unit_matches(framework, batch, unit, batch.observations(unit))


def test_off_grid_and_huge_values_are_scored_exactly():
    framework = single(Forward(target=3))
    values = [0.1234567891, 1 / 3, 2.675, 1e20, 12345678901234567.0]
    batch = framework.score_batch({"X": values})
    for unit in range(len(values)):
        assert_unit_matches(framework, batch, unit, batch.observations(unit))


def test_matrix_columns_off_grid_huge_and_missing_values_are_scored_exactly():
    # Columns that are views of one row-major matrix take another path (its rows are read as
    # they lie); off-grid, huge, NaN and rescaled cells must come out as in the scalar engine.
    framework = Framework(
        "matrix",
        (
            Indicator("A", "甲", 30, rule=Forward(target="0.8")),
            Indicator("B", "乙", 30, rule=Deduction(threshold=100, per_step="0.5", whole_steps=True)),
            Indicator("C", "丙", 40, rule=Reverse(target=20, method="ratio")),
        ),
        not_applicable="rescale",
    )
    values = [
        [0.01, 107.5, 25.0],
        [1 / 3, 100.01, 2.675],
        [1e20, math.nan, 40.0],
        [0.8, 12345678901234567.0, math.nan],
        [0.1234567891, 99.99, 19.99],
    ]
    block = np.array([[9.0, *row] for row in values])  # a leading column that is not a leaf
    columns = {"A": block[:, 3], "B": block[:, 1], "C": block[:, 2]}
    assert _shared_matrix([columns[code] for code in "ABC"]) is not None
    for chunk in (1, 2, 4096):
        batch = framework.score_batch(columns, chunk_size=chunk)
        for unit in range(len(values)):
            assert_unit_matches(framework, batch, unit, batch.observations(unit))


def test_matrix_columns_refuse_bad_values_like_separate_columns():
    block = np.array([[1.0, 2.0], [2.0, 45.0], [3.0, 5.0]])
    with pytest.raises(PerfscoreError, match=r"^B(\.points)?: row 1: points must be between 0 and 40"):
        two_leaves().score_batch({"A": block[:, 0], "B": block[:, 1]})
    block[1, 1] = math.inf
    with pytest.raises(PerfscoreError, match=r"^B: row 1: must be a finite number"):
        two_leaves().score_batch({"A": block[:, 0], "B": block[:, 1]})


@given(
    st.one_of(st.sampled_from([1, -1, 2, -2, 14]), st.integers(-(2**12), 2**12).filter(bool)),
    st.integers(-(2**48), 2**48),
    st.one_of(st.integers(1, 1000), st.integers(1, 2**40)),
    st.integers(-(2**30), 2**30),
    st.integers(0, 2**30),
    st.booleans(),
    st.booleans(),
)
@example(1, 0, 49, 0, 100, False, True)  # 49 × fl(1/49) = 0.9999999999999999: floor 0, not 1
@example(-2, 400, 98, 0, 1000, True, True)
@example(3, 0, 7, 0, 100, False, False)  # 3 is not a power of two: 7/3 is not exact, 35 ÷ (7/3) < 15
@example(4, -400, 2, 0, 1000, True, False)  # 扣完为止 with g > 0: the clip stops at 0, not at 1
@example(4, 2, 1, -10, 0, True, False)  # … and ends at its top (0.5), not at 1
def test_folded_formula_is_the_integer_formula(alpha, beta, gamma, lo, span, floor_zero, reciprocal):
    # The engine computes floor(clip(n·a + b, low, high) / g) (or × 1/g) in float64 for every
    # leaf at once; it must equal floor((α·clip(n, lo, hi) + β) / γ) in integers, floored at 0
    # for 扣完为止, for every n: beyond the ends, at them, and where the quotient is a whole number
    # (a tie of the rounding half up), where a rounded reciprocal would fall just short.
    formula = Affine(lo, lo + span, alpha, beta, gamma)
    assume(formula.is_exact() and (formula.reciprocal_is_exact() or not reciprocal))
    a, b, low, high, g = (
        float(value) for value in formula.folded(floor_zero=floor_zero, reciprocal=reciprocal)
    )
    hi = lo + span
    probes = {lo - 10**20, lo - 1, lo, lo + 1, hi - 1, hi, hi + 1, hi + 10**20}
    middle = (lo + hi) // 2
    for whole in range(-3, 4):  # n with α·n + β = (q + whole)·γ exactly, when there is one
        target = ((alpha * middle + beta) // gamma + whole) * gamma
        n, rest = divmod(target - beta, alpha)
        probes.update({n - 1, n, n + 1} if rest == 0 else {n, n + 1})
    probes.update(range(middle - 40, middle + 40))
    for n in sorted(probes):
        t = min(max(float(n) * a + b, low), high)
        got = math.floor(t * g if reciprocal else t / g)
        want = (alpha * min(max(n, lo), hi) + beta) // gamma
        assert got == (max(want, 0) if floor_zero else want), n


def test_leaves_too_large_for_the_reciprocal_are_divided_exactly():
    # 0.07 points against a target of 990,000,000,000 (k = 2): α·n + β reaches 1.5·10**15, past
    # RECIPROCAL_LIMIT (2**50) but below 2**53, so the engine divides. 4.95·10**11 is a tie: 0.035.
    framework = Framework(
        "big",
        (
            Indicator("X", "甲", "0.07", rule=Forward(target="990000000000")),
            Indicator("Y", "乙", 5, rule=Forward(target=95)),
        ),
    )
    formula = LeafPlan("X", Forward(target="990000000000"), D("0.07"), 2).affine(2, 7)
    assert formula is not None  # exact below 2**53 …
    assert not formula.reciprocal_is_exact()  # … but not below 2**50
    assert RECIPROCAL_LIMIT < formula.alpha * formula.hi + formula.beta < SAFE
    values = [4.95e11, 494999999999.99, 495000000000.01, 1.0, 989999999999.99, 12.5, 2e12]
    block = np.array([[value, 47.5] for value in values])
    for columns in ({"X": block[:, 0], "Y": block[:, 1]}, {"X": list(block[:, 0]), "Y": list(block[:, 1])}):
        batch = framework.score_batch(columns)
        assert batch.leaf_units[:3, 0].tolist() == [4, 3, 4]
        for unit in range(len(values)):
            assert_unit_matches(framework, batch, unit, batch.observations(unit))


def test_float32_and_integer_columns():
    framework = single(Forward(target=3))
    for column in (np.array([0.1, 1.5, 2.675], dtype=np.float32), np.array([0, 1, 2, 5], dtype=np.int64)):
        batch = framework.score_batch({"X": column})
        for unit in range(len(column)):
            assert_unit_matches(framework, batch, unit, batch.observations(unit))


# -- inputs and errors --------------------------------------------------------------------------


def two_leaves(policy="rescale"):
    return Framework(
        "two",
        (Indicator("A", "甲", 60, rule=Forward(target=100)), Indicator("B", "乙", 40, rule=Manual())),
        not_applicable=policy,
    )


def test_unknown_missing_and_mismatched_columns_are_named():
    framework = two_leaves()
    with pytest.raises(ObservationError, match=r"^C: is not an indicator"):
        framework.score_batch({"A": [1], "B": [1], "C": [1]})
    with pytest.raises(ObservationError, match=r"^B: has no column"):
        framework.score_batch({"A": [1]})
    with pytest.raises(ObservationError, match=r"^B: has 2 rows"):
        framework.score_batch({"A": [1], "B": [1, 2]})
    with pytest.raises(ObservationError, match=r"^columns:"):
        framework.score_batch([[1, 2]])
    with pytest.raises(ObservationError, match=r"^chunk_size:"):
        framework.score_batch({"A": [1], "B": [1]}, chunk_size=0)
    with pytest.raises(ObservationError, match=r"^not_applicable\[A\]:"):
        framework.score_batch({"A": [1], "B": [1]}, not_applicable={"A": [1]})


@pytest.mark.parametrize(
    ("column", "message"),
    [
        ([1, 2, 45], r"^B(\.points)?: row 2: points must be between 0 and 40"),
        ([1, -0.5, 2], r"^B(\.points)?: row 1: points must be between 0 and 40"),
        ([40, 0, 41], r"^B(\.points)?: row 2: points must be between 0 and 40"),
        ([0, 40, -1], r"^B(\.points)?: row 2: points must be between 0 and 40"),
        ([1, 2, math.inf], r"^B: row 2: must be a finite number"),
        ([True, False, True], r"^B: row 0: must be a number, not a boolean"),
        (["1", "x", "2"], r"^B: row 1: is not a decimal number"),
    ],
)
def test_values_a_rule_cannot_use_name_code_and_first_row(column, message):
    with pytest.raises(PerfscoreError, match=message):
        two_leaves().score_batch({"A": [1, 2, 3], "B": column})


def test_checklist_and_rate_refusals():
    with pytest.raises(ObservationError, match=r"^X: row 1: must be a whole number"):
        single(Checklist(per_item=1)).score_batch({"X": [1, 1.5]})
    with pytest.raises(ObservationError, match=r"^X: row 0: cannot miss 4 of 3 items"):
        single(Checklist(per_item=1, items=("a", "b", "c"))).score_batch({"X": [4, 1]})
    with pytest.raises(ObservationError, match=r"^X: row 2: an execution rate must not be negative"):
        single(ExecutionRate()).score_batch({"X": [0.5, 1, -0.1]})


def test_every_leaf_not_applicable_names_the_row():
    with pytest.raises(ObservationError, match=r"^observations: row 1: every indicator is not applicable"):
        two_leaves().score_batch({"A": [1, math.nan], "B": [2, math.nan]})


def test_policies_on_a_known_unit():
    columns = {"A": [80.0], "B": [math.nan]}
    full = two_leaves("full").score_batch(columns)
    assert full.totals.tolist() == [88.0]  # 48 + 40 (不适用，按满分计)
    rescale = two_leaves("rescale").score_batch(columns)
    assert rescale.totals.tolist() == [80.0]  # A rescaled 60 → 100: 0.8 × 100
    exclude = two_leaves("exclude").score_batch(columns)
    assert (exclude.totals.tolist(), exclude.maxima.tolist(), exclude.percentages.tolist()) == (
        [48.0],
        [60.0],
        [80.0],
    )


def test_empty_batch():
    batch = two_leaves().score_batch({"A": [], "B": []})
    assert len(batch) == 0
    assert batch.leaf_units.shape == (0, 2)


def test_result_rejects_bad_positions():
    batch = two_leaves().score_batch({"A": [1.0], "B": [2.0]})
    with pytest.raises(ObservationError, match=r"^unit:"):
        batch.result(1)


def test_import_of_batch_stays_lazy():
    code = "import sys, perfscore; print('perfscore.batch' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert output.stdout.strip() == "False"


def test_leaf_major_columns_are_read_as_one_matrix_for_the_kernel():
    # Each column contiguous, the columns a fixed distance apart: a Fortran-ordered array's
    # columns, or rows of a C-ordered one (a DataFrame's block), in any order, some skipped.
    fortran = np.asfortranarray(np.arange(24.0).reshape(6, 4))
    found = _shared_matrix([fortran[:, 2], fortran[:, 0], fortran[:, 3]])
    assert found is not None
    matrix, positions = found
    assert positions == [2, 0, 3]
    assert matrix.shape == (6, 4)
    assert np.array_equal(matrix, fortran)
    assert not matrix.flags.writeable
    block = np.arange(30.0).reshape(5, 6)  # five columns of six units, as a DataFrame holds them
    found = _shared_matrix([block[1], block[4]])
    assert found is not None
    assert found[1] == [0, 1]  # the columns three rows apart: the step, the largest that fits
    assert np.array_equal(found[0][:, found[1]], block[[1, 4]].T)
    # Only for the kernel; and not when the columns overlap or are separate arrays.
    assert _shared_matrix([fortran[:, 2], fortran[:, 0]], leaf_major=False) is None
    line = np.arange(10.0)
    assert _shared_matrix([line[0:5], line[2:7]]) is None  # 2 cells apart: they overlap
    assert _shared_matrix([np.arange(6.0), np.arange(6.0) + 1]) is None  # no common buffer
    assert _shared_matrix([line[2:2], line[2:2]]) is None  # no units (was a division by 0)


def test_no_units_from_a_slice_are_scored_to_an_empty_result():
    # Zero-length slices keep their stride: one column, or one column for several leaves.
    framework = two_leaves()
    line = np.arange(10.0)
    for columns in ({"A": line[3:3], "B": line[3:3]}, {"A": line[10:], "B": line[10:]}):
        batch = framework.score_batch(columns)
        assert batch.total_units.shape == (0,)
    pd = pytest.importorskip("pandas")
    one = single(Forward(target="0.8"))
    frame = pd.DataFrame({"X": np.arange(10.0)})
    assert one.score_batch(frame.iloc[:0]).total_units.shape == (0,)
    assert one.score_batch(frame.iloc[10:]).total_units.shape == (0,)
