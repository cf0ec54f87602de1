"""perfscore.batch._compiled: the optional numba kernel gives the numpy path's integers.

Skipped without numba (``pip install 'perfscore[fast]'``). Every case is scored twice, with the
kernel and with the numpy path alone, and the two results must be identical.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore.batch._engine as engine
from perfscore import NOT_APPLICABLE, Framework, Indicator, ObservationError
from perfscore.batch import _compiled
from perfscore.rules import Bands, Checklist, Deduction, ExecutionRate, Forward, Interval, Reverse
from tests.test_batch import (
    columns_for,
    frameworks_and_units,
    single,
)

pytest.importorskip("numba")


def _spied(patch, name):
    """``_compiled.<name>()`` replaced by the compiled function, recording what it returns."""
    compiled, returned = getattr(_compiled, name)(), []

    def spy(*arguments):
        returned.append(compiled(*arguments))
        return returned[-1]

    patch.setattr(_compiled, name, lambda: spy)
    return returned


def _both(framework, columns, masks, chunk):
    """Scored by the numpy path alone and with the kernel, and what each kernel call returned."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_USE_KERNEL", False)
        alone = framework.score_batch(columns, not_applicable=masks or None, chunk_size=chunk)
    with pytest.MonkeyPatch.context() as patch:
        taken = _spied(patch, "kernel")
        compiled = framework.score_batch(columns, not_applicable=masks or None, chunk_size=chunk)
    return alone, compiled, taken


def _assert_same_integers(alone, compiled):
    """The numpy path's and the kernel's results hold the same integers."""
    for name in ("leaf_units", "total_units", "maximum_units", "percentage_units", "grade_codes"):
        assert np.array_equal(getattr(alone, name), getattr(compiled, name)), name


@given(frameworks_and_units(), st.integers(0, 3), st.data())
def test_kernel_and_numpy_path_agree(case, extra, data):
    framework, rows, _, chunk, _ = case
    # Every column a view of one row-major matrix, with no mask: the chunks the kernel takes.
    # The leaves' columns in any order, with up to 3 columns of other data among them.
    layouts = dict.fromkeys((leaf.code for leaf in framework.leaves()), "nan")
    order = data.draw(st.permutations(range(len(framework.leaves()) + extra)), label="columns")
    columns, masks = columns_for(framework, rows, layouts, list(order))
    alone, compiled, _ = _both(framework, columns, masks, chunk)
    _assert_same_integers(alone, compiled)
    assert np.array_equal(alone.not_applicable, compiled.not_applicable)
    # (Agreement with the scalar engine is test_batch.py's property, over every layout.)


def test_the_kernel_takes_clean_chunks():
    framework = single(Forward(target="0.8"))
    matrix = np.array([[0.01, 1.0], [0.02, 2.0], [0.06, 3.0], [0.8, 4.0]])
    _, compiled, taken = _both(framework, {"X": matrix[:, 0]}, {}, 2)
    assert taken == [-1, -1]
    assert compiled.leaf_units[:, 0].tolist() == [13, 25, 75, 1000]  # 0.125 → 0.13, half up


def test_a_unit_with_nothing_left_is_refused_by_row_on_either_path():
    for policy in ("rescale", "exclude"):
        framework = Framework(
            "two",
            (
                Indicator("A", "甲", 60, rule=Forward(target=100)),
                Indicator("B", "乙", 40, rule=Forward(target=5)),
            ),
            not_applicable=policy,
        )
        matrix = np.array([[50.0, 1.0], [np.nan, 2.0], [np.nan, np.nan]])
        columns = {"A": matrix[:, 0], "B": matrix[:, 1]}
        for use_kernel in (True, False):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(engine, "_USE_KERNEL", use_kernel)
                with pytest.raises(ObservationError, match=r"^observations: row 2: every indicator"):
                    framework.score_batch(columns)


def test_zero_targets_are_taken_by_the_kernel():
    # "≥0" and "≤0" are affine formulas: the kernel scores them as the numpy path does.
    for rule, expected in ((Forward(0), [1000, 1000, 0]), (Reverse(0), [1000, 0, 1000])):
        matrix = np.array([[0.0, 1.0], [2.5, 2.0], [-1.0, 3.0]])
        alone, compiled, taken = _both(single(rule), {"X": matrix[:, 0]}, {}, 3)
        assert taken == [-1]
        assert compiled.leaf_units[:, 0].tolist() == alone.leaf_units[:, 0].tolist() == expected


def test_interval_and_row_places_are_taken_by_the_kernel():
    matrix = np.array([[95.0, 1.0], [81.0, 2.0], [105.0, 3.0]])
    interval = single(Interval(90, 100))
    alone, compiled, taken = _both(interval, {"X": matrix[:, 0]}, {}, 3)
    assert taken == [-1]
    assert compiled.leaf_units[:, 0].tolist() == alone.leaf_units[:, 0].tolist() == [1000, 900, 950]
    whole = Framework("one", (Indicator("X", "指标", 10, rule=Forward(29), places=0),), not_applicable="full")
    counts = matrix * 25  # a row-major matrix again: its column is a view, as the kernel takes
    alone, compiled, taken = _both(whole, {"X": counts[:, 1]}, {}, 3)
    assert taken == [-1]  # 25 ÷ 29 × 10 ≈ 8.62 → 9 points, stored as 900 at 2 places
    assert compiled.leaf_units[:, 0].tolist() == alone.leaf_units[:, 0].tolist() == [900, 1000, 1000]


def test_an_execution_rate_typed_as_percent_is_refused_on_the_kernel_path():
    # The kernel leaves a chunk with a ratio above 2 to the numpy path, which refuses it by row.
    matrix = np.array([[0.95, 1.0], [86.0, 2.0]])
    with pytest.raises(ObservationError, match=r"^X: row 1: an execution rate of 86.0 is above 2"):
        single(ExecutionRate()).score_batch({"X": matrix[:, 0]})


def test_intervals_under_rescale_are_rescaled_by_the_kernel():
    # 区间值 has a rescaling formula in the kernel too: units with a gap stay on the kernel
    # path, and give the numpy path's and the scalar engine's points.
    framework = Framework(
        "rescaled",
        (
            Indicator("A", "甲", 30, rule=Interval(90, 100)),
            Indicator("B", "乙", 40, rule=Interval("0.5", "1.5")),
            Indicator("C", "丙", 30, rule=Forward(target=95)),
        ),
        not_applicable="rescale",
    )
    matrix = np.array(
        [
            [95.0, 1.0, np.nan],
            [81.0, np.nan, 90.0],
            [np.nan, 1.73, 99.0],
            [105.0, 0.25, np.nan],
            [np.nan, np.nan, 12.5],
        ]
    )
    columns = {code: matrix[:, j] for j, code in enumerate("ABC")}
    alone, compiled, taken = _both(framework, columns, {}, 5)
    assert taken == [-1]
    _assert_same_integers(alone, compiled)
    for unit in range(matrix.shape[0]):
        assert framework.score(compiled.observations(unit)).total == compiled.totals_decimal()[unit]


def _agree_with_scalar(framework, columns, chunk):
    """Both paths give the same integers, and each unit the scalar engine's total."""
    alone, compiled, taken = _both(framework, columns, {}, chunk)
    _assert_same_integers(alone, compiled)
    _assert_scalar_agrees(framework, compiled, range(compiled.leaf_units.shape[0]))
    return taken


def _assert_scalar_agrees(framework, compiled, units):
    """Each of ``units`` has the scalar engine's total and leaf points."""
    for unit in units:
        scalar, batch = framework.score(compiled.observations(unit)), compiled.result(unit)
        assert scalar.total == batch.total
        for leaf in framework.leaves():
            assert scalar[leaf.code].points == batch[leaf.code].points, (unit, leaf.code)


def test_columns_in_family_order_but_leaves_not_keep_each_leaf_its_points():
    # The leaves' family order (checklist before 区间值) is the matrix's column order, but not
    # the framework's leaf order: each leaf's points go to that leaf (they went to the other).
    framework = Framework(
        "two",
        (
            Indicator("A", "甲", 50, rule=Interval("0.8", "1.6")),
            Indicator("B", "乙", 50, rule=Checklist(per_item="0.01")),
        ),
        not_applicable="full",
    )
    matrix = np.full((8, 2), np.nan)
    matrix[6, 0] = 0  # unit 6: B observed (no item failed), A not applicable
    matrix[2] = [3, "1.2"]
    taken = _agree_with_scalar(framework, {"A": matrix[:, 1], "B": matrix[:, 0]}, 8)
    assert taken == [-1]


def test_a_steps_leaf_first_does_not_decide_how_the_others_divide():
    # Deduction in whole steps stores β where the affine leaves keep their "multiply by 1/g"
    # flag; with such a leaf first, the flag was read from β. F's formula is exact but too
    # large for a reciprocal (|α·n + β| ≥ 2**50), so the affine leaves must divide.
    steps = Indicator("S", "甲", 10, rule=Deduction(threshold=100, per_step="0.5", whole_steps=True))
    large = Indicator("F", "乙", 80, rule=Forward(target="1123456789.07"))
    small = Indicator("G", "丙", 10, rule=Forward(target=95))
    matrix = np.array([[107.5, 5e8, 90.0], [100.0, 1123456789.07, 12.5], [99.0, 0.01, 95.0]])
    columns = {code: matrix[:, j] for j, code in enumerate("SFG")}
    framework = Framework("three", (steps, large, small), not_applicable="full")
    assert _agree_with_scalar(framework, columns, 3) == [-1]
    # Without F every affine formula may multiply by its reciprocal; the steps leaf still first.
    rest = Indicator("G", "丙", 90, rule=Forward(target=95))
    framework = Framework("two", (steps, rest), not_applicable="full")
    assert _agree_with_scalar(framework, {"S": columns["S"], "G": columns["G"]}, 3) == [-1]


def _slot(key: int) -> int:
    return (key * _compiled.SEEN_HASH % 2**64) >> (64 - _compiled.SEEN_BITS)


def test_patterns_that_share_a_slot_are_each_rescaled_by_their_own_maxima():
    # The kernel keeps each not-applicable pattern's leaf maxima in a slot picked by a hash; two
    # patterns with the same slot take turns in it, and every unit still gets its own maxima.
    # 16 leaves: more patterns than slots, so two of them must share one.
    assert 2**_compiled.SEEN_BITS < 2**16
    leaves = [Indicator(f"L{j}", f"指标{j}", 3 + j, rule=Forward(target=95 + j)) for j in range(16)]
    framework = Framework(
        "slots",
        (
            Indicator("P", "甲", 52, children=tuple(leaves[:8])),
            Indicator("Q", "乙", 116, children=tuple(leaves[8:])),
        ),
        not_applicable="rescale",
    )
    by_slot: dict[int, int] = {}
    for key in range(1, 2**16 - 1):
        other = by_slot.setdefault(_slot(key), key)
        if other != key:
            break
    assert other != key
    assert _slot(key) == _slot(other)
    rng = np.random.default_rng(7)
    matrix = np.round(rng.uniform(0, 110, (12, 16)), 2)
    for unit in range(12):  # the two patterns in turn, then each twice, across two chunks
        pattern = (other, key, other, key, key, other)[unit % 6]
        matrix[unit, [bool(pattern >> j & 1) for j in range(16)]] = np.nan
    columns = {f"L{j}": matrix[:, j] for j in range(16)}
    assert _agree_with_scalar(framework, columns, 6) == [-1, -1]


@given(frameworks_and_units())
def test_float32_matrices_go_to_the_kernel_as_they_lie(case):
    # Two-decimal float32 cells are read by the kernel itself (no float64 copy): every chunk
    # is taken, with the numpy path's integers (it reads the float64 copy).
    framework, rows, _, chunk, _ = case
    leaves = framework.leaves()
    values = np.array(
        [
            [np.nan if row[leaf.code] is NOT_APPLICABLE else float(row[leaf.code]) for leaf in leaves]
            for row in rows
        ],
        dtype=np.float32,
    )
    columns = {leaf.code: values[:, j] for j, leaf in enumerate(leaves)}
    alone, compiled, _ = _both(framework, columns, {}, chunk)
    _assert_same_integers(alone, compiled)
    assert np.array_equal(alone.not_applicable, compiled.not_applicable)


def _three(policy):
    """Forward, deduction by whole steps and reverse ratio, under ``policy``."""
    return Framework(
        "three",
        (
            Indicator("A", "甲", 40, rule=Forward(target="95.5")),
            Indicator("B", "乙", 30, rule=Deduction(threshold=100, per_step="0.5", whole_steps=True)),
            Indicator("C", "丙", 30, rule=Reverse(target=20, method="ratio")),
        ),
        not_applicable=policy,
    )


def test_a_two_decimal_float32_matrix_is_taken_whole_by_the_kernel():
    framework = _three("full")
    block = np.array([[95.12, 107.5, 19.99], [0.01, 100.0, np.nan], [83886.07, 99.99, 40.25]], np.float32)
    columns = {code: block[:, j] for j, code in enumerate("ABC")}
    assert _agree_with_scalar(framework, columns, 3) == [-1]


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        (np.float32(95.125), "three places on a two-place grid"),
        # 131,072.09375: rint(v·100) = 13107209 reads back as it, but "131072.1" is shorter.
        (np.float32(131072.1), "float32 steps of 1/64: beyond the kernel's 2**23 grid units"),
        (np.float32(np.inf), "not a finite number"),
    ],
)
def test_a_float32_chunk_the_kernel_leaves_is_scored_again_on_float64(cell, why):
    framework = Framework(
        "two",
        (
            Indicator("A", "甲", 60, rule=Forward(target=100)),
            Indicator("B", "乙", 40, rule=Bands([("131072.1", 40), (0, 20)])),
        ),
        not_applicable="full",
    )
    block = np.array([[95.5, 12.25], [80.0, 99999.5], [70.0, 1.0]], dtype=np.float32)
    block[1, 1] = cell
    columns = {"A": block[:, 0], "B": block[:, 1]}
    if np.isinf(cell):
        with pytest.raises(ObservationError, match=r"^B: row 1: must be a finite number"):
            framework.score_batch(columns)
        return
    taken = _agree_with_scalar(framework, columns, 3)
    assert taken[0] == 1, why  # refused at unit 1; the run started again on float64


@settings(max_examples=25)
@given(
    st.permutations(range(40)),
    st.integers(0, 2**32 - 1),
    st.integers(1, 2 * 409 + 1),
    st.sampled_from(["full", "rescale"]),
)
def test_every_family_in_any_column_order_over_several_blocks(order, seed, units, policy):
    # 40 leaves of five families in turn, their columns in any order, NaN among the cells: a
    # block holds 409 units (`block_units`), so up to three blocks, the last one short; every
    # leaf keeps its own points (under rescale, at its own maximum) and every unit its own
    # total and key.
    kinds = [
        Forward(target="95.5"),
        Reverse(target=20, method="ratio"),
        Deduction(threshold=100, per_step="0.5", step="2.5", whole_steps=True),
        Bands([(90, 5), (80, 4), (60, 3)]),
        Interval(90, 100),
    ]
    assert _compiled.block_units(40) == 409
    leaves = [Indicator(f"L{j}", f"指标{j}", 5, rule=kinds[j % 5]) for j in range(40)]
    groups = tuple(
        Indicator(f"G{g}", f"一级指标{g}", 50, children=tuple(leaves[10 * g : 10 * g + 10])) for g in range(4)
    )
    framework = Framework("long", groups, not_applicable=policy)
    rng = np.random.default_rng(seed)
    matrix = np.round(rng.uniform(0, 130, (units, 40)), 2)
    matrix[rng.random(matrix.shape) < 0.05] = np.nan
    columns = {leaf.code: matrix[:, order[j]] for j, leaf in enumerate(leaves)}
    alone, compiled, taken = _both(framework, columns, {}, units)
    assert taken == [-1]
    _assert_same_integers(alone, compiled)
    assert np.array_equal(compiled.not_applicable, np.isnan(matrix[:, order]))
    _assert_scalar_agrees(framework, compiled, rng.choice(units, size=min(units, 12), replace=False))


def test_blocks_hold_64_to_512_units():
    assert [_compiled.block_units(leaves) for leaves in (1, 20, 32, 40, 256, 400, 5000)] == [
        512,
        512,
        512,
        409,
        64,
        64,
        64,
    ]


@pytest.mark.parametrize("bad", [0, 511, 512, 1100, 1299])
def test_a_cell_refused_in_a_later_block_names_its_unit(bad):
    # One leaf: blocks of 512 units. A cell off the grid (three places on a two-place grid)
    # in any block, the last one short: the kernel names its unit, the numpy path scores the
    # chunk, and the off-grid cell goes to the scalar rule. NaN cells beside it change nothing.
    framework = Framework(
        "one", (Indicator("X", "指标", 10, rule=Forward(target="0.8")),), not_applicable="full"
    )
    matrix = np.round(np.linspace(0, 1, 2600), 2).reshape(1300, 2)  # a column of a matrix
    matrix[bad, 0] = 0.125
    matrix[[bad - 1, (bad + 1) % 1300], 0] = np.nan  # not applicable (one at least in its block)
    alone, compiled, taken = _both(framework, {"X": matrix[:, 0]}, {}, 1300)
    assert taken == [bad]
    assert compiled.not_applicable[[bad - 1, (bad + 1) % 1300], 0].all()
    _assert_same_integers(alone, compiled)
    assert compiled.leaf_units[bad, 0] == 156  # 0.125 / 0.8 · 10 = 1.5625 → 1.56


def test_rescaling_too_large_for_the_kernel_is_left_to_the_numpy_path():
    # The kernel rescales in float64, and only while every integer of a leaf's formula stays
    # below 2**50 (2·m·N + D): a target of 1,123,456,789.07 at 100 points (10**4 units) makes
    # 2·10**4·112345678907 ≈ 2.2·10**15 of them. Clean chunks stay on the kernel; a chunk with a
    # not-applicable cell is left to the numpy path, which rescales it exactly.
    large = Indicator("F", "乙", 60, rule=Forward(target="1123456789.07"))
    small = Indicator("G", "丙", 40, rule=Forward(target=95))
    framework = Framework("two", (large, small), not_applicable="rescale")
    matrix = np.array([[5e8, 90.0], [1123456789.07, 12.5], [0.01, np.nan], [7e8, 95.0]])
    columns = {"F": matrix[:, 0], "G": matrix[:, 1]}
    assert _agree_with_scalar(framework, columns, 2) == [-1, 0]
    # Within the limit (a target of 1,123.07), the same chunk is rescaled by the kernel.
    within = Framework(
        "two", (Indicator("F", "乙", 60, rule=Forward(target="1123.07")), small), not_applicable="rescale"
    )
    matrix[:, 0] = [500.0, 1123.07, 0.01, 700.0]
    assert _agree_with_scalar(within, columns, 2) == [-1, -1]


@pytest.mark.parametrize("past", [0, 1])
def test_the_kernel_rescales_up_to_its_bound_and_not_past_it(past):
    # A forward leaf at 100 points and two places (a maximum of 10**4 units) with a target of T
    # grid units: the kernel's rescaling is exact while 2·10**4·T + T + 1 < 2**50.
    bound = (2**50 - 2) // 20001
    target = Decimal(bound + past).scaleb(-2)
    framework = Framework(
        "two",
        (
            Indicator("F", "乙", 60, rule=Forward(target=target)),
            Indicator("G", "丙", 40, rule=Forward(target=95)),
        ),
        not_applicable="rescale",
    )
    top = float(target)
    matrix = np.array([[top - 1, 90.0], [top, 12.5], [0.01, np.nan], [np.round(top / 3, 2), 95.0]])
    columns = {"F": matrix[:, 0], "G": matrix[:, 1]}
    assert _agree_with_scalar(framework, columns, 4) == ([2] if past else [-1])


@settings(max_examples=60)
@given(frameworks_and_units(), st.integers(2, 4), st.data())
def test_threads_give_the_same_integers(case, threads, data):
    # The kernel's chunks shared out among threads, each with its own table of patterns: the
    # same integers as one thread, chunks refused by the kernel (scored by the numpy path)
    # among them, float32 matrices (which start again on float64 when one is refused) too.
    framework, rows, _, chunk, _ = case
    leaves = framework.leaves()
    dtype = data.draw(st.sampled_from([np.float64, np.float32]), label="dtype")
    matrix = np.array(
        [
            [np.nan if row[leaf.code] is NOT_APPLICABLE else float(row[leaf.code]) for leaf in leaves]
            for row in rows
        ],
        dtype=dtype,
    )
    columns = {leaf.code: matrix[:, j] for j, leaf in enumerate(leaves)}
    one = framework.score_batch(columns, chunk_size=chunk)
    several = framework.score_batch(columns, chunk_size=chunk, threads=threads)
    _assert_same_integers(one, several)
    assert np.array_equal(one.not_applicable, several.not_applicable)


@pytest.mark.parametrize("policy", ["full", "rescale", "exclude"])
def test_threads_leave_a_refused_chunk_to_the_numpy_path(policy):
    # 1,000 units in chunks of 100 shared out among 3 threads: chunk 4 has a cell off the grid
    # (three places on a two-place grid), scored by the numpy path; the others by the kernel.
    framework = Framework(
        "two",
        (
            Indicator("X", "指标", 60, rule=Forward(target="0.8")),
            Indicator("Y", "指标二", 40, rule=Bands([(90, 40), (60, 20)])),
        ),
        not_applicable=policy,
    )
    rng = np.random.default_rng(3)
    matrix = np.round(rng.uniform(0, 100, (1000, 2)), 2)
    matrix[:, 0] /= 100
    matrix[:, 0] = np.round(matrix[:, 0], 2)
    matrix[rng.random(matrix.shape) < 0.1] = np.nan
    matrix[np.isnan(matrix).all(axis=1), 1] = 50.0  # every unit keeps an applicable leaf
    matrix[432] = [0.125, 70.0]
    columns = {"X": matrix[:, 0], "Y": matrix[:, 1]}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_USE_KERNEL", False)
        alone = framework.score_batch(columns, chunk_size=100)
    with pytest.MonkeyPatch.context() as patch:
        taken = _spied(patch, "kernel")
        threaded = framework.score_batch(columns, chunk_size=100, threads=3)
    assert sorted(taken) == [-1] * 9 + [32]  # in threads, in any order; chunk 4 refused at 432
    _assert_same_integers(alone, threaded)
    assert threaded.leaf_units[432, 0] == 938  # 0.125 / 0.8 · 60 = 9.375 → 9.38
    _assert_scalar_agrees(framework, threaded, [0, 431, 432, 433, 999])


def test_two_threads_first_calls_at_once_both_get_the_kernel():
    # In a fresh process, two threads' first score_batch calls meet in `kernel()`: both must
    # score (before the lock, the second bound the helpers again and raised TypeError).
    script = """
import threading
import numpy as np
from perfscore import Framework, Indicator
from perfscore.rules import Forward

framework = Framework("one", (Indicator("X", "指标", 10, rule=Forward(target="0.8")),))
matrix = np.array([[0.5, 1.0], [0.9, 2.0]])
barrier, results = threading.Barrier(2), []

def call():
    barrier.wait()
    try:
        results.append(framework.score_batch({"X": matrix[:, 0]}).total_units.tolist())
    except Exception as error:
        results.append(repr(error))

threads = [threading.Thread(target=call) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(results)
"""
    for _ in range(3):
        output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
        assert output.stdout.strip() == "[[625, 1000], [625, 1000]]"


@given(frameworks_and_units(), st.integers(0, 3), st.sampled_from([np.float64, np.float32]), st.data())
def test_leaf_major_matrices_go_to_the_kernel_as_they_lie(case, extra, dtype, data):
    # Each leaf's cells contiguous, the columns a fixed distance apart (a Fortran-ordered array,
    # a DataFrame's block), in any order and among other columns: the kernel copies them leaf
    # by leaf and gives the numpy path's integers.
    framework, rows, _, chunk, _ = case
    leaves = framework.leaves()
    order = data.draw(st.permutations(range(len(leaves) + extra)), label="columns")
    block = np.full((len(rows), len(leaves) + extra), 7.25, dtype=dtype, order="F")
    for j, leaf in enumerate(leaves):
        block[:, order[j]] = [
            np.nan if row[leaf.code] is NOT_APPLICABLE else float(row[leaf.code]) for row in rows
        ]
    columns = {leaf.code: block[:, order[j]] for j, leaf in enumerate(leaves)}
    alone, compiled, taken = _both(framework, columns, {}, chunk)
    assert taken  # the kernel was called
    _assert_same_integers(alone, compiled)
    assert np.array_equal(alone.not_applicable, compiled.not_applicable)


def test_a_dataframe_goes_to_the_kernel_as_it_lies():
    pd = pytest.importorskip("pandas")
    framework = _three("rescale")
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(
        {
            "A": np.round(rng.uniform(0, 120, 3000), 2),
            "C": np.round(rng.uniform(0, 60, 3000), 2),  # the block's columns in another order
            "B": np.round(rng.uniform(90, 130, 3000), 1),
        }
    )
    frame.loc[::7, "C"] = np.nan
    assert engine._shared_matrix([frame[code].to_numpy() for code in "ABC"]) is not None
    alone, compiled, taken = _both(framework, frame, {}, 1000)
    assert taken == [-1, -1, -1]
    _assert_same_integers(alone, compiled)
    _assert_scalar_agrees(framework, compiled, [0, 7, 1500, 2999])
