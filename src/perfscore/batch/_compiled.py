"""An optional compiled kernel of the batch engine (numba, the ``fast`` extra; private).

One pass over a chunk, a block of units at a time: the block's cells are copied leaf by leaf
into a small buffer, and each leaf's formula runs over the block's units in one branch-free
loop that the compiler vectorises, whatever the mix of rule families (a loop over the leaves
of one unit would have to branch by family, or gather the cells of each family first). Every
cell is put on its leaf's grid, checked, scored by its family's integer formula and added to
its unit's total. The formulas are the integer ones of `perfscore.batch._kernels` before any
floating-point folding (``floor((α·clip(n) + β) / γ)`` and the like), whose integers the plans
keep below ``2**53``, so int64 holds them exactly; the numpy path computes the same integers. A
chunk with any cell the kernel does not take (off its grid, a value its rule refuses, NaN where
the kernel cannot fill it) is left to the numpy path whole: the kernel says so and the engine
scores the chunk again. Without numba, `kernel` gives ``None`` and the numpy path does all.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any, Final

import numpy as np

__all__ = [
    "AFFINE",
    "BANDS",
    "BLOCK_CELLS",
    "INTERVAL",
    "PAD",
    "RATIO",
    "SEEN_BITS",
    "SEEN_HASH",
    "STEPS",
    "block_units",
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

BLOCK_CELLS: Final = 16384
"""`score_chunk` scores about this many cells together (`block_units`): 128 KiB of float64."""
PAD: Final = 8
"""Cells added to each row of `score_chunk`'s block buffers: one cache line of float64."""

SEEN_BITS: Final = 12
"""`rescale_chunk` keeps the leaf maxima of up to ``2**SEEN_BITS`` not-applicable patterns."""
SEEN_HASH: Final = 0x9E3779B97F4A7C15
"""A pattern's slot: the top `SEEN_BITS` bits of ``key × SEEN_HASH`` mod ``2**64`` (Fibonacci hashing)."""


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

    Block by block of units (`block_units`): the block's cells are copied leaf by leaf into a
    small leaf-major buffer, then each leaf's formula runs over the block's units with the
    leaf's numbers held as scalars, in one branch-free loop the compiler vectorises whatever
    the mix of rule families; the points go back to the units' rows. Each cell goes through the
    same floating-point operations, in the same order, as the numpy path (`_Engine._compute`
    and `_Engine._families`), so it gets the same integer; a bands leaf adds up the steps of
    its table for the bounds met (integers below ``2**53``: exact) instead of looking the
    entry up, which needs its bounds ascending (a chunk with others is left to the numpy path).

    A not-applicable (NaN) cell of a leaf with a fill takes it in the same loop, its bit set
    in its unit's key. A block is refused when it has more cells off (off the grid, not
    finite, or a value the rule refuses) than such NaN cells; the units of a refused block are
    then looked at one by one for the first one with a cell refused, and none of them is
    written (the engine scores the whole chunk again).

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
    for leaf in range(leaves):
        if families[leaf] == BANDS:
            for c in range(1, levels[leaf]):
                if bounds[leaf, c] < bounds[leaf, c - 1]:
                    return 0  # the bounds met are then not the first ones: the numpy path
    block = block_units(leaves)
    # Rows padded by a cache line: rows a power of two bytes apart would share cache sets
    # (a block of 512 float64 units measured 2.2× slower unpadded).
    cells = np.empty((leaves, block + PAD), x.dtype)
    points = np.empty((leaves, block + PAD))
    grid = np.empty(block)  # bands: a leaf's n
    total = np.empty(block)
    key = np.empty(block, np.uint64)
    gone = np.empty(block)
    # Unsigned indices: numba then checks no index for being negative (a branch in every
    # access, which keeps the compiler from vectorising the loops).
    column = positions.astype(np.uint64)
    count = np.uint64(leaves)
    # The grid integers each leaf's rule accepts, within what the cells' type holds exactly.
    lowest = np.maximum(parameters[:, 7], -grid_limit)
    highest = np.minimum(parameters[:, 8], grid_limit)
    for first in range(0, units, block):
        size = np.uint64(min(block, units - first))
        for u in range(size):
            row = x[first + u]
            for j in range(count):
                cells[j, u] = row[column[j]]
        for u in range(size):
            total[u] = 0.0
            key[u] = 0
            gone[u] = 0.0
        # Cells off (NaN among them) and NaN cells taken as not applicable: equal when every
        # cell off is a NaN with a fill.
        off = 0
        taken = 0
        for j in range(count):
            s = scales[j]
            low_n, high_n = lowest[j], highest[j]
            f = factors[j]
            c = cells[j]
            out = points[j]
            family = families[j]
            if family == AFFINE:  # floor(clip(n·a + b, low, high) / g), or × 1/g
                a, b, low, high, g = parameters[j, 0:5]
                if reciprocal:
                    for u in range(size):
                        n = np.rint(c[u] * s)
                        off += (narrow(n / s) - c[u] != 0.0) | (n < low_n) | (n > high_n)
                        out[u] = np.floor(min(max(n * a + b, low), high) * g) * f
                else:
                    for u in range(size):
                        n = np.rint(c[u] * s)
                        off += (narrow(n / s) - c[u] != 0.0) | (n < low_n) | (n > high_n)
                        out[u] = np.floor(min(max(n * a + b, low), high) / g) * f
            elif family == RATIO:  # floor((A + 2Tw) / 2A), A in [T, cap]
                target, twice, cap = parameters[j, 0:3]
                for u in range(size):
                    n = np.rint(c[u] * s)
                    off += (narrow(n / s) - c[u] != 0.0) | (n < low_n) | (n > high_n)
                    a = min(max(n, target), cap)
                    out[u] = np.floor((a + twice) / (a * 2)) * f
            elif family == STEPS:  # whole steps started, then w − d·q, 扣完为止
                threshold, step, lo, hi, alpha, beta, gamma = parameters[j, 0:7]
                for u in range(size):
                    n = np.rint(c[u] * s)
                    off += (narrow(n / s) - c[u] != 0.0) | (n < low_n) | (n > high_n)
                    q = min(max(np.ceil((n - threshold) / step), lo), hi)
                    out[u] = max(np.floor((q * alpha + beta) / gamma), 0.0) * f
            elif family == INTERVAL:  # 区间值: the lower of two
                lo1, hi1, alpha1, beta1, gamma1 = parameters[j, 9:14]
                lo2, hi2, alpha2, beta2, gamma2 = parameters[j, 14:19]
                for u in range(size):
                    n = np.rint(c[u] * s)
                    off += (narrow(n / s) - c[u] != 0.0) | (n < low_n) | (n > high_n)
                    below = np.floor((min(max(n, lo1), hi1) * alpha1 + beta1) / gamma1)
                    above = np.floor((min(max(n, lo2), hi2) * alpha2 + beta2) / gamma2)
                    out[u] = min(below, above) * f
            else:  # BANDS: the table entry of the bounds met, bound by bound
                for u in range(size):
                    n = np.rint(c[u] * s)
                    off += (narrow(n / s) - c[u] != 0.0) | (n < low_n) | (n > high_n)
                    grid[u] = n
                    out[u] = tables[j, 0]
                for level in range(levels[j]):
                    bound, rise = bounds[j, level], tables[j, level + 1] - tables[j, level]
                    for u in range(size):
                        out[u] += (grid[u] >= bound) * rise
                for u in range(size):
                    out[u] *= f
            # Not applicable (不适用) cells take their fill; every unit's total and key.
            takes = fill[j] >= 0
            filled, weight, bit = fill[j], weights[j], j & np.uint64(63)
            for u in range(size):
                missing = (c[u] != c[u]) & takes
                here = filled if missing else out[u]
                out[u] = here
                total[u] += here  # integers below 2**53: exact in float64, in any order
                key[u] |= np.uint64(missing) << bit
                gone[u] += missing * weight
                taken += missing
        if off != taken:  # some cell refused: the numpy path scores the chunk again and says why
            for u in range(size):
                for j in range(count):
                    value = cells[j, u]
                    if not (np.isnan(value) and fill[j] >= 0):
                        n = np.rint(value * scales[j])
                        if (narrow(n / scales[j]) - value != 0.0) | (n < lowest[j]) | (n > highest[j]):
                            return first + u
        for u in range(size):
            out_row = store[first + u]
            for j in range(count):
                out_row[j] = points[j, u]
            totals[first + u] = np.int64(total[u])
            keys[first + u] = key[u]
            lost[first + u] = gone[u]
    return -1


def block_units(leaves: int) -> int:
    """The units `score_chunk` scores together: about `BLOCK_CELLS` cells, 64 to 512 units.

    Measured at 400 leaves: blocks of 40 units 11.7–12.0 ms, of 64 units 8.6–8.8 ms (each leaf's
    loops cost a start-up per block). At 20 leaves, 819 units measured no faster than 512.
    """
    return min(512, max(64, BLOCK_CELLS // max(leaves, 1)))


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
    # score_chunk calls block_units, which numba must find compiled when it compiles
    # score_chunk.
    global block_units  # noqa: PLW0603 - bound once, before the only function that reads it compiles
    block_units = numba.njit(inline="always")(block_units)
    return numba.njit(cache=True, nogil=True, error_model="numpy")(score_chunk)


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
