"""An optional compiled kernel of the batch engine (numba, the ``fast`` extra; private).

One pass over a chunk, unit by unit, in one loop per rule family (the leaves taken in family
order): every cell is put on its leaf's grid, checked, scored by its family's integer formula and
added to its unit's total. The loops are vectorised (`score_cells`) when the chunk's columns are
the leaves in family order, or when the families are long enough (`RUN`) for each unit's cells
to be gathered into family order first; otherwise they run where the cells lie. The formulas
are the integer ones of `perfscore.batch._kernels` before any floating-point folding
(``floor((α·clip(n) + β) / γ)`` and the like), whose integers the plans keep below ``2**53``, so
int64 holds them exactly; the numpy path computes the same integers. A chunk with any cell the
kernel does not take (NaN, off its grid, a value its rule refuses) is left to the numpy path
whole: the kernel says so and the engine scores the chunk again. Without numba, `kernel` gives
``None`` and the numpy path does all.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any, Final

import numpy as np

__all__ = [
    "AFFINE",
    "BANDS",
    "INTERVAL",
    "RATIO",
    "RUN",
    "SEEN_BITS",
    "SEEN_HASH",
    "STEPS",
    "kernel",
    "rescale_chunk",
    "rescaler",
    "score_chunk",
]

AFFINE: Final = 0
"""Family codes of the kernel's parameter table."""
RATIO: Final = 1
STEPS: Final = 2
BANDS: Final = 3
INTERVAL: Final = 4

RUN: Final = 8
"""`score_chunk` gathers a unit's cells into family order when its families average this many."""

SEEN_BITS: Final = 12
"""`rescale_chunk` keeps the leaf maxima of up to ``2**SEEN_BITS`` not-applicable patterns."""
SEEN_HASH: Final = 0x9E3779B97F4A7C15
"""A pattern's slot: the top `SEEN_BITS` bits of ``key × SEEN_HASH`` mod ``2**64`` (Fibonacci hashing)."""


def score_cells(  # noqa: PLR0917 - compiled with score_chunk
    cells: Any,
    held: Any,
    starts: Any,
    reciprocal: bool,
    scale: Any,
    p: Any,
    factor: Any,
    bound: Any,
    rise: Any,
    grid: Any,
    met: Any,
) -> bool:
    """Score one unit's cells, in family order, into ``held``; whether some cell is off.

    Loops without a branch, an indirect index or a sum of floats, which the compiler
    vectorises. The arguments are `score_chunk`'s tables, each leaf's numbers in family order.
    Off: NaN, infinite or off the grid (``n / 10**k`` does not read back as the value, in the
    cells' own type), or a value the rule refuses.
    """
    narrow = cells.dtype.type  # n / 10**k as a cell: float64 as it is, float32 rounded
    most = bound.shape[0]
    off = False
    first, end = starts[AFFINE], starts[AFFINE + 1]
    if reciprocal:  # floor(clip(n·a + b, low, high) × 1/g)
        for at in range(first, end):
            n = np.rint(cells[at] * scale[at])
            off |= (narrow(n / scale[at]) - cells[at] != 0.0) | (n < p[7, at]) | (n > p[8, at])
            t = min(max(n * p[0, at] + p[1, at], p[2, at]), p[3, at])
            held[at] = np.floor(t * p[4, at]) * factor[at]
    else:  # floor(clip(n·a + b, low, high) / g)
        for at in range(first, end):
            n = np.rint(cells[at] * scale[at])
            off |= (narrow(n / scale[at]) - cells[at] != 0.0) | (n < p[7, at]) | (n > p[8, at])
            t = min(max(n * p[0, at] + p[1, at], p[2, at]), p[3, at])
            held[at] = np.floor(t / p[4, at]) * factor[at]
    for at in range(starts[RATIO], starts[RATIO + 1]):  # floor((A + 2Tw) / 2A), A in [T, cap]
        n = np.rint(cells[at] * scale[at])
        off |= (narrow(n / scale[at]) - cells[at] != 0.0) | (n < p[7, at]) | (n > p[8, at])
        a = min(max(n, p[0, at]), p[2, at])
        held[at] = np.floor((a + p[1, at]) / (a * 2)) * factor[at]
    for at in range(starts[STEPS], starts[STEPS + 1]):  # whole steps started, then w − d·q
        n = np.rint(cells[at] * scale[at])
        off |= (narrow(n / scale[at]) - cells[at] != 0.0) | (n < p[7, at]) | (n > p[8, at])
        q = min(max(np.ceil((n - p[0, at]) / p[1, at]), p[2, at]), p[3, at])
        held[at] = max(np.floor((q * p[4, at] + p[5, at]) / p[6, at]), 0.0) * factor[at]  # 扣完为止
    for at in range(starts[INTERVAL], starts[INTERVAL + 1]):  # 区间值: the lower of two
        n = np.rint(cells[at] * scale[at])
        off |= (narrow(n / scale[at]) - cells[at] != 0.0) | (n < p[7, at]) | (n > p[8, at])
        t = min(max(n, p[9, at]), p[10, at])
        below = np.floor((t * p[11, at] + p[12, at]) / p[13, at])
        t = min(max(n, p[14, at]), p[15, at])
        above = np.floor((t * p[16, at] + p[17, at]) / p[18, at])
        held[at] = min(below, above) * factor[at]
    # The table entry of the bounds met, bound by bound over the family's leaves: loops
    # over leaves alone, which the compiler vectorises (not one per leaf over its bounds).
    first, end = starts[BANDS], starts[BANDS + 1]
    for at in range(first, end):
        n = np.rint(cells[at] * scale[at])
        off |= (narrow(n / scale[at]) - cells[at] != 0.0) | (n < p[7, at]) | (n > p[8, at])
        grid[at] = n
        met[at] = rise[0, at]
    for c in range(np.uint64(most)):
        for at in range(first, end):
            met[at] += (grid[at] >= bound[c, at]) * rise[c + 1, at]
    for at in range(first, end):
        held[at] = met[at] * factor[at]
    return off


def score_chunk(  # noqa: PLR0917 - a compiled kernel takes arrays, not objects
    x: Any,
    positions: Any,
    grid_limit: float,
    scales: Any,
    families: Any,
    reciprocal: bool,
    parameters: Any,
    bounds: Any,
    levels: Any,
    tables: Any,
    fill: Any,
    weights: Any,
    factors: Any,
    store: Any,
    totals: Any,
    keys: Any,
    lost: Any,
) -> int:
    """Score a chunk in place; ``-1`` when every cell was taken, else the first unit that was not.

    Each cell goes through the same floating-point operations, in the same order, as the numpy
    path (`_Engine._compute` and `_Engine._families`), so it gets the same integer; a bands leaf
    adds up the steps of its table for the bounds met (integers below ``2**53``: exact) instead of
    looking the entry up, which needs its bounds ascending (a chunk with others is left to the
    numpy path).

    Args:
        x: The chunk, ``(units, width)`` float64 or float32, its leaves at ``positions``. A
            float32 cell is on its grid when ``n / 10**k`` rounds back to it (and ``|n| <
            2**23``): ``n / 10**k`` is then the shortest decimal that reads back as it, the one
            ``str`` prints and the scalar engine reads (see `_engine._as_float64`).
        positions: Each leaf's column in ``x``.
        grid_limit: The largest ``|n|`` taken: ``2**23 − 1`` for float32 cells (their steps are
            then finer than ``10**-k``), ``inf`` for float64 ones.
        scales: Each leaf's ``10**k``.
        families: Each leaf's family code.
        reciprocal: Whether the affine leaves' ``g`` is ``1/g`` (multiply, not divide), for all
            of them (`Affine.folded`).
        parameters: ``(leaves, 19)`` float64: affine ``a, b, low, high, g``; ratio
            ``T, 2Tw, cap``; steps ``threshold, step, lo, hi, α, β, γ``; then, for every leaf, the
            range of values its rule accepts (columns 7 and 8; ±inf for any); 区间值 ``lo, hi,
            α, β, γ`` below the range and above it in columns 9 to 18.
        bounds: ``(leaves, most bands)`` float64: each bands leaf's bounds (``n ≥ bound``).
        levels: Each bands leaf's number of bounds.
        tables: ``(leaves, most bands + 1)`` float64: the points picked by the count of bounds met.
        fill: Each leaf's points when it is not applicable (NaN), or a negative number when the
            kernel must leave NaN cells to the numpy path (``rescale``: other leaves change; more
            than 64 leaves).
        weights: Each leaf's points ``w`` (units).
        factors: Each leaf's units in the framework's: ``10**(P − p)`` for a leaf rounding to
            its own places ``p`` (1 for the others).
        store: ``(units, leaves)`` integer points, written.
        totals: ``(units,)`` int64 totals, written.
        keys: ``(units,)`` uint64, written: bit ``j`` set when leaf ``j`` is not applicable.
        lost: ``(units,)`` int64, written: the points ``w`` of the leaves not applicable.
    """
    units = x.shape[0]
    leaves = positions.shape[0]
    narrow = x.dtype.type  # n / 10**k as a cell of x: float64 as it is, float32 rounded
    # The leaves in family order (stable): each family's formula then runs over one contiguous
    # run of leaves, a loop without branches that the compiler vectorises, in one pass over the
    # unit's cells that puts each cell on its grid, checks it, scores it and adds it up.
    # Unsigned indices: numba then checks no index for being negative (a branch in every
    # access, which keeps the compiler from vectorising the loops).
    order = np.empty(leaves, np.uint64)
    starts = np.zeros(6, np.uint64)
    at = 0
    for family in range(5):
        starts[family] = at
        for leaf in range(leaves):
            if families[leaf] == family:
                order[at] = leaf
                at += 1
    starts[5] = at
    # Cells not in family order are gathered into family order when the families are long
    # enough for the vectorised loops to pay (at least RUN cells each, on average); else they
    # are scored where they lie, in scalar loops.
    present = 0
    for family in range(5):
        present += starts[family + 1] > starts[family]
    runs = leaves >= RUN * present
    # Each leaf's numbers in that order, one contiguous row per parameter.
    column = np.empty(leaves, np.uint64)
    scale = np.empty(leaves)
    factor = np.empty(leaves)
    p = np.empty((19, leaves))
    most = bounds.shape[1]
    bound = np.empty((most, leaves))
    rise = np.zeros((most + 1, leaves))  # bands: the first table entry, then its steps
    grid = np.empty(leaves)  # bands: a unit's n
    met = np.empty(leaves)  # bands: the points of the bounds met
    gathered = np.empty(leaves, x.dtype)  # a unit's cells in family order (columns elsewhere)
    scored = np.empty(leaves, store.dtype)  # and their points
    # The leaves in family order already, and the chunk's columns in that order: the points
    # are then stored where they are computed (a leaf's column and its place in the store).
    identity = True
    for at in range(leaves):
        leaf = order[at]
        column[at] = positions[leaf]
        identity = identity and positions[leaf] == at and leaf == at
        scale[at] = scales[leaf]
        factor[at] = factors[leaf]
        for c in range(19):
            p[c, at] = parameters[leaf, c]
        p[7, at] = max(p[7, at], -grid_limit)
        p[8, at] = min(p[8, at], grid_limit)
        if families[leaf] == BANDS:
            # tables[met] = table[0] + the steps of the table up to met, the bounds ascending as
            # met counts them: points = rise[0] + Σ (n ≥ bound[c]) · rise[c + 1], no lookup.
            rise[0, at] = tables[leaf, 0]
            for c in range(most):
                bound[c, at] = bounds[leaf, c] if c < levels[leaf] else np.inf
                if c < levels[leaf]:
                    rise[c + 1, at] = tables[leaf, c + 1] - tables[leaf, c]
                    if c > 0 and bounds[leaf, c] < bounds[leaf, c - 1]:
                        return 0  # the bounds met are then not the first ones: the numpy path
    one = np.uint64(1)
    for unit in range(units):
        row = x[unit]
        out = store[unit]
        # A unit with a cell off (score_cells) is looked at again below.
        if identity:  # the cells and their points where they lie
            off = _cells(row, out, starts, reciprocal, scale, p, factor, bound, rise, grid, met)
            total = np.int64(0)
            for at in range(np.uint64(leaves)):
                total += out[at]
        elif runs:  # gathered in family order, then each leaf's points stored under it
            for at in range(np.uint64(leaves)):
                gathered[at] = row[column[at]]
            off = _cells(gathered, scored, starts, reciprocal, scale, p, factor, bound, rise, grid, met)
            total = np.int64(0)
            for at in range(np.uint64(leaves)):
                out[order[at]] = scored[at]
                total += scored[at]
        else:
            # Few cells per family: gathered by column in loops that stay scalar (a vectorised
            # loop over a few cells costs more than it saves), the points added as they come.
            off = False
            first, end = starts[AFFINE], starts[AFFINE + 1]
            sum_points = 0.0
            for at in range(first, end):
                n = np.rint(row[column[at]] * scale[at])
                off |= (narrow(n / scale[at]) - row[column[at]] != 0.0) | (n < p[7, at]) | (n > p[8, at])
                t = min(max(n * p[0, at] + p[1, at], p[2, at]), p[3, at])
                t = t * p[4, at] if reciprocal else t / p[4, at]
                points = np.floor(t) * factor[at]
                out[order[at]] = points
                sum_points += points
            for at in range(starts[RATIO], starts[RATIO + 1]):
                n = np.rint(row[column[at]] * scale[at])
                off |= (narrow(n / scale[at]) - row[column[at]] != 0.0) | (n < p[7, at]) | (n > p[8, at])
                a = min(max(n, p[0, at]), p[2, at])
                points = np.floor((a + p[1, at]) / (a * 2)) * factor[at]
                out[order[at]] = points
                sum_points += points
            for at in range(starts[STEPS], starts[STEPS + 1]):
                n = np.rint(row[column[at]] * scale[at])
                off |= (narrow(n / scale[at]) - row[column[at]] != 0.0) | (n < p[7, at]) | (n > p[8, at])
                q = min(max(np.ceil((n - p[0, at]) / p[1, at]), p[2, at]), p[3, at])
                points = max(np.floor((q * p[4, at] + p[5, at]) / p[6, at]), 0.0) * factor[at]
                out[order[at]] = points
                sum_points += points
            for at in range(starts[BANDS], starts[BANDS + 1]):
                n = np.rint(row[column[at]] * scale[at])
                off |= (narrow(n / scale[at]) - row[column[at]] != 0.0) | (n < p[7, at]) | (n > p[8, at])
                points = rise[0, at]
                for c in range(np.uint64(most)):
                    points += (n >= bound[c, at]) * rise[c + 1, at]
                points *= factor[at]
                out[order[at]] = points
                sum_points += points
            for at in range(starts[INTERVAL], starts[INTERVAL + 1]):
                n = np.rint(row[column[at]] * scale[at])
                off |= (narrow(n / scale[at]) - row[column[at]] != 0.0) | (n < p[7, at]) | (n > p[8, at])
                t = min(max(n, p[9, at]), p[10, at])
                below = np.floor((t * p[11, at] + p[12, at]) / p[13, at])
                t = min(max(n, p[14, at]), p[15, at])
                above = np.floor((t * p[16, at] + p[17, at]) / p[18, at])
                points = min(below, above) * factor[at]
                out[order[at]] = points
                sum_points += points
            total = np.int64(sum_points)  # integers below 2**53: exact in float64, in any order
        key = np.uint64(0)
        gone = 0.0
        if off:  # not applicable (不适用) cells take their fill; any other cell that is off is refused
            total = np.int64(0)
            for at in range(np.uint64(leaves)):
                leaf = order[at]
                value = row[column[at]]
                if np.isnan(value) and fill[leaf] >= 0:
                    key |= one << leaf
                    gone += weights[leaf]
                    out[leaf] = fill[leaf]
                else:
                    n = np.rint(value * scale[at])
                    if (narrow(n / scale[at]) - value != 0.0) | (n < p[7, at]) | (n > p[8, at]):
                        return unit  # the numpy path scores the chunk again and says why
                total += out[leaf]
        totals[unit] = total
        keys[unit] = key
        lost[unit] = gone
    return -1


@functools.cache
def kernel() -> Any:
    """The compiled kernel, compiled on first use; ``None`` without numba.

    numba is imported here, not with the module: importing it takes a noticeable fraction of a
    second, which only a caller of the batch engine should pay. Compiled code is cached on disk
    (``cache=True``), so later processes skip the compilation.
    """
    try:
        numba = importlib.import_module("numba")
    except ImportError:
        return None
    # error_model="numpy": IEEE division (no test and branch for a zero divisor before each
    # one; the plans never divide by 0), which makes the per-cell divisions much cheaper.
    # score_chunk calls score_cells by the module name _cells, which numba must find compiled
    # when it compiles score_chunk; inlined at each call, where the compiler knows the layout
    # of the arrays it is given (a call that is not inlined measured 30-50% slower).
    global _cells  # noqa: PLW0603 - bound once, before the only function that reads it compiles
    _cells = numba.njit(inline="always", nogil=True, error_model="numpy")(score_cells)
    return numba.njit(cache=True, nogil=True, error_model="numpy")(score_chunk)


#: What `score_chunk` calls to score a unit's cells: `score_cells`, compiled by `kernel`.
_cells: Any = score_cells


def rescale_chunk(  # noqa: PLR0917 - a compiled kernel takes arrays, not objects
    x: Any,
    positions: Any,
    scales: Any,
    families: Any,
    integers: Any,
    bounds: Any,
    levels: Any,
    numerators: Any,
    tree: Any,
    groups: Any,
    members: Any,
    member_weights: Any,
    maximum: int,
    weights: Any,
    keys: Any,
    store: Any,
    totals: Any,
    seen: Any,
    seen_maxima: Any,
) -> int:
    """Re-score the units with not-applicable leaves under ``rescale``, after `score_chunk`.

    Per unit: which indicators are applicable (from its key), each parent's maximum handed
    down to its applicable children by the largest-remainder rule (ties to the earlier child),
    as `perfscore.scoring.applicable_maxima` does; then every leaf whose maximum ``m`` differs
    from ``w`` gets ``floor((2·m·N + D) / 2D)``, ``N/D`` its exact points at ``w`` — the
    integer formulas of `LeafPlan.rescaled`, in int64, within the bounds it checks.

    Args:
        x: The chunk, as in `score_chunk`.
        positions: Each leaf's column in ``x``.
        scales: Each leaf's ``10**k``.
        families: Each leaf's family code.
        integers: ``(leaves, 10)`` int64: affine and steps ``lo, hi, c, n0, dm`` (steps: then the
            threshold and step in ``bounds``); ratio ``T, cap``; 区间值 ``lo, hi, c, n0, dm``
            below the range, then above it.
        bounds: ``(leaves, most bands)`` float64 bounds of bands leaves; for steps leaves,
            columns 0 and 1 hold the threshold and step.
        levels: Each bands leaf's number of bounds.
        numerators: ``(leaves, most bands + 2)`` int64: bands numerators by count of bounds met,
            the denominator last.
        tree: ``(nodes, 2)`` int64 in form order: parent node (-1 at the top), leaf column (-1
            for a parent).
        groups: ``(groups, 3)`` int64, parents before children: parent node (-1: the framework),
            first and end index into ``members``.
        members: The node of each member of each group.
        member_weights: Each member's points as integers (one scale per group).
        maximum: The framework's maximum (units).
        weights: Each leaf's ``w`` (units), int64.
        keys: Each unit's not-applicable leaves as bits.
        store: ``(units, leaves)`` integer points, rewritten for the units with gaps.
        totals: ``(units,)`` int64 totals, rewritten for the units with gaps.
        seen: ``(2**SEEN_BITS,)`` uint64, read and written: the patterns (keys) whose leaf maxima
            are in ``seen_maxima``, each in the slot its hash picks (0: none). Zeros before the
            first chunk of a run; kept from chunk to chunk.
        seen_maxima: ``(2**SEEN_BITS, leaves)`` int64, read and written: each seen pattern's
            leaf maxima (-1 for a leaf not applicable).

    Returns:
        ``-1``, or the first unit the numpy path must score (nothing left to score).
    """
    nodes = tree.shape[0]
    leaves = weights.shape[0]
    applicable = np.zeros(nodes, np.bool_)
    share = np.zeros(nodes, np.int64)
    one = np.uint64(1)
    shift = np.uint64(64 - SEEN_BITS)
    for unit in range(x.shape[0]):
        key = keys[unit]
        if key == 0:
            continue
        # The maxima depend on the pattern alone, and few patterns recur often: each is worked
        # out once and kept in a slot picked by a multiplicative hash (a clash overwrites).
        slot = (key * np.uint64(SEEN_HASH)) >> shift
        if seen[slot] != key:
            for node in range(nodes - 1, -1, -1):  # children before parents
                applicable[node] = False
            for node in range(nodes - 1, -1, -1):
                column = tree[node, 1]
                if column >= 0:
                    applicable[node] = (key >> np.uint64(column)) & one == 0
                if applicable[node] and tree[node, 0] >= 0:
                    applicable[tree[node, 0]] = True
            anything = False
            for group in range(groups.shape[0]):
                if groups[group, 0] == -1:
                    for member in range(groups[group, 1], groups[group, 2]):
                        anything = anything or applicable[members[member]]
            if not anything:
                return unit  # nothing left to score: the numpy path says so
            for group in range(groups.shape[0]):
                parent = groups[group, 0]
                if parent >= 0 and not applicable[parent]:
                    continue
                total = maximum if parent < 0 else share[parent]
                first, end = groups[group, 1], groups[group, 2]
                held = 0
                for member in range(first, end):
                    if applicable[members[member]]:
                        held += member_weights[member]
                given = 0
                for member in range(first, end):
                    node = members[member]
                    share[node] = total * member_weights[member] // held if applicable[node] else 0
                    given += share[node]
                for _ in range(total - given):  # the largest remainders, ties to the earlier
                    best, best_remainder = -1, -1
                    for member in range(first, end):
                        node = members[member]
                        if applicable[node] and share[node] * held == total * member_weights[member] - (
                            total * member_weights[member] % held
                        ):
                            remainder = total * member_weights[member] % held
                            if remainder > best_remainder:
                                best, best_remainder = member, remainder
                    share[members[best]] += 1
            for node in range(nodes):
                leaf = tree[node, 1]
                if leaf >= 0:
                    seen_maxima[slot, leaf] = share[node] if applicable[node] else -1
            seen[slot] = key
        maxima = seen_maxima[slot]
        sum_points = 0
        for leaf in range(leaves):
            m = maxima[leaf]
            if m < 0:
                store[unit, leaf] = 0
                continue
            if m == weights[leaf]:
                sum_points += store[unit, leaf]
                continue
            n = np.rint(x[unit, positions[leaf]] * scales[leaf])
            family = families[leaf]
            if family == BANDS:
                met = 0
                for level in range(levels[leaf]):
                    if n >= bounds[leaf, level]:
                        met += 1
                denominator = numerators[leaf, numerators.shape[1] - 1]
                points = (2 * m * numerators[leaf, met] + denominator) // (2 * denominator)
            elif family == RATIO:
                target, cap = integers[leaf, 0], integers[leaf, 1]
                a = target if n < target else (cap if n > cap else np.int64(n))
                points = (2 * target * m + a) // (2 * a)
            elif family == INTERVAL:  # 区间值: the lower of two linear formulas, below and above
                lo, hi, c, n0, dm = (
                    integers[leaf, 0],
                    integers[leaf, 1],
                    integers[leaf, 2],
                    integers[leaf, 3],
                    integers[leaf, 4],
                )
                a = lo if n < lo else (hi if n > hi else np.int64(n))
                below = (2 * m * (c * a + n0) + dm) // (2 * dm)
                lo, hi, c, n0, dm = (
                    integers[leaf, 5],
                    integers[leaf, 6],
                    integers[leaf, 7],
                    integers[leaf, 8],
                    integers[leaf, 9],
                )
                a = lo if n < lo else (hi if n > hi else np.int64(n))
                above = (2 * m * (c * a + n0) + dm) // (2 * dm)
                points = max(min(below, above), 0)
            else:
                lo, hi, c, n0, dm = (
                    integers[leaf, 0],
                    integers[leaf, 1],
                    integers[leaf, 2],
                    integers[leaf, 3],
                    integers[leaf, 4],
                )
                if family == STEPS:
                    threshold, step = bounds[leaf, 0], bounds[leaf, 1]
                    counted = np.ceil(
                        (min(max(n, threshold - step), threshold + (hi + 1) * step) - threshold) / step
                    )
                    a = np.int64(min(max(counted, lo), hi))
                else:
                    a = lo if n < lo else (hi if n > hi else np.int64(n))
                points = (2 * m * (c * a + n0) + dm) // (2 * dm)
                points = max(points, 0)
            store[unit, leaf] = points
            sum_points += points
        totals[unit] = sum_points
    return -1


@functools.cache
def rescaler() -> Any:
    """`rescale_chunk` compiled on first use; ``None`` without numba."""
    try:
        numba = importlib.import_module("numba")
    except ImportError:
        return None
    return numba.njit(cache=True, nogil=True, error_model="numpy")(rescale_chunk)
