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
scores the chunk again. Under ``rescale`` each unit's leaf maxima are worked out from which
leaves it lacks, and each leaf scored at its own maximum by `rescaled_points`, in the same pass.
Without numba, `kernel` gives ``None`` and the numpy path does all.
"""

from __future__ import annotations

import functools
import importlib
import threading
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
    "hand_down",
    "kernel",
    "rescaled_points",
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

SEEN_BITS: Final = 14
"""`score_chunk` keeps the leaf maxima of up to ``2**SEEN_BITS`` not-applicable patterns.

Measured on 200,000 units × 20 leaves with 10% NaN (13,469 patterns): 2**12 slots work out
37,828 patterns' maxima, 2**14 slots 21,984. With a first version of this kernel the rescale
case took 25.2 ms with 2**12 slots, 22.4 ms with 2**14 and 21.8 ms with 2**16 (a table four
times larger again: 10 MiB at 20 leaves).
"""
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
    rescale: Any,
    seen: Any,
    seen_maxima: Any,
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
    in its unit's key. Under ``rescale`` (``rescale[0]``), each unit's key is found first, then
    its leaf maxima: the parents' maxima handed down to their applicable children by the
    largest-remainder rule (最大余额法, `hand_down`), worked out once per pattern and kept in
    ``seen``; each leaf is then scored at each unit's own maximum (`rescaled_points`). A unit
    with nothing applicable is refused. A block is refused when it has more cells off (off the grid, not
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
            kernel must leave NaN cells to the numpy path (more than 64 leaves; ``rescale`` when
            `_Engine._rescale_tables` cannot prove the kernel's rescaling exact).
        weights: Each leaf's points ``w`` (units).
        factors: Each leaf's units in the framework's: ``10**(P − p)`` for a leaf rounding to
            its own places ``p`` (1 for the others).
        rescale: ``(rescaling, linear, bounds, levels, numerators, under, leaf_node, groups,
            members, member_weights, maximum)``: whether to rescale, then `rescaled_points`'
            tables by leaf; each node's leaves as bits (``under``) and each leaf's node; the
            sibling groups ``(parent node or -1, first, end)`` into ``members`` (nodes) and their
            ``member_weights`` (integers, one scale per group), parents before children; and the
            framework's maximum (units). Built by `_Engine._rescale_tables`.
        seen: ``(2**SEEN_BITS,)`` uint64, read and written: the patterns (keys) whose leaf maxima
            are in ``seen_maxima``, each in the slot its hash picks (0: none). Zeros before the
            first chunk of a run; kept from chunk to chunk.
        seen_maxima: ``(2**SEEN_BITS, leaves)`` int64, read and written: each seen pattern's
            leaf maxima (-1 for a leaf not applicable).
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
    leaf_major = x.strides[0] == x.itemsize and x.shape[1] > 1
    # The grid integers each leaf's rule accepts, within what the cells' type holds exactly.
    lowest = np.maximum(parameters[:, 7], -grid_limit)
    highest = np.minimum(parameters[:, 8], grid_limit)
    rescaling, linear, rescale_bounds, rescale_levels, numerators = rescale[0:5]
    if rescaling and (seen.shape[0] != 1 << SEEN_BITS or seen_maxima.shape[1] < leaves):
        return 0  # a table of another size: its slots would be out of bounds (the numpy path)
    under, leaf_node, groups, members, member_weights, maximum = rescale[5:11]
    have = np.empty((leaves, block + PAD) if rescaling else (1, 1))  # each cell's maximum m
    met = np.empty(block)  # bands: the bounds a cell meets
    applicable = np.zeros(under.shape[0], np.bool_)
    share = np.zeros(under.shape[0], np.int64)
    rest = np.zeros(members.shape[0], np.int64)
    shift = np.uint64(64 - SEEN_BITS)
    every = np.uint64(0)  # all leaves as bits
    for node in range(under.shape[0]):
        every |= under[node]
    for first in range(0, units, block):
        size = np.uint64(min(block, units - first))
        if leaf_major:  # each leaf's cells contiguous (a DataFrame's block): copied leaf by leaf
            for j in range(count):
                source, target = x[first : first + size, column[j]], cells[j]
                for u in range(size):
                    target[u] = source[u]
        else:
            for u in range(size):
                row = x[first + u]
                for j in range(count):
                    cells[j, u] = row[column[j]]
        for u in range(size):
            total[u] = 0.0
            key[u] = 0
            gone[u] = 0.0
        if rescaling:  # each unit's maxima, from which leaves it lacks (its key, its pattern)
            for j in range(count):
                c, bit = cells[j], j & np.uint64(63)
                for u in range(size):
                    key[u] |= np.uint64(c[u] != c[u]) << bit
            for u in range(size):
                pattern = key[u]
                if pattern == 0:
                    for j in range(count):
                        have[j, u] = weights[j]
                    continue
                # A pattern's maxima are worked out once and kept in a slot picked by a
                # multiplicative hash (a clash overwrites): few patterns recur often.
                slot = (pattern * np.uint64(SEEN_HASH)) >> shift
                if seen[slot] != pattern:
                    if ~pattern & every == 0:
                        return first + u  # nothing left to score: the numpy path says so
                    hand_down(
                        pattern, under, groups, members, member_weights, maximum, applicable, share, rest
                    )
                    for j in range(count):
                        node = leaf_node[j]
                        seen_maxima[slot, j] = share[node] if applicable[node] else -1
                    seen[slot] = pattern
                for j in range(count):
                    have[j, u] = seen_maxima[slot, j]
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
            if rescaling:  # 不适用 under rescale: every cell's points at its own maximum m
                off += rescaled_points(
                    family,
                    c,
                    s,
                    narrow,
                    low_n,
                    high_n,
                    have[j],
                    linear[j],
                    rescale_bounds[j],
                    rescale_levels[j],
                    numerators[j],
                    met,
                    out,
                    size,
                )
            elif family == AFFINE:  # floor(clip(n·a + b, low, high) / g), or × 1/g
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


def rescaled_points(  # noqa: PLR0917 - compiled inline into score_chunk
    family: Any,
    cells: Any,
    scale: float,
    narrow: Any,
    low_n: float,
    high_n: float,
    maxima: Any,
    linear: Any,
    bounds: Any,
    levels: int,
    numerators: Any,
    met: Any,
    points: Any,
    size: Any,
) -> int:
    """One leaf's points over a block under ``rescale``, each cell at its own maximum ``m``.

    A not-applicable cell (``m < 0``) gets 0, any other ``floor((2·m·N + D) / 2D)``, ``N/D`` its
    exact points at the leaf's ``w`` — the integer formulas of `LeafPlan.rescaled`
    (``perfscore.batch._kernels``). At ``m = w`` that is the exact points rounded half up, the
    points `score_chunk` gives the cell otherwise, so one formula serves every cell. They are
    computed in float64, exactly (`_Engine._rescale_tables` checks the bounds from the leaf's
    parameters and the framework's maximum):

    * Every integer involved is below ``2**53`` in magnitude, so each product and sum is exact.
    * A constant divisor ``q = 2D`` (every family but reverse ratio) is a multiplication by its
      rounded reciprocal after adding ½: ``floor(p/q) = floor((p + ½)/q)``, and ``(p + ½)/q``
      lies at least ``1/(2q)`` from every integer, while the rounded reciprocal and product miss
      it by less than ``|p + ½|/q · 2**-52``: less than ``1/(2q)`` while ``|p| + 1 < 2**50``
      (the proof of `Affine.folded`, with a factor 2 to spare).
    * Reverse ratio divides by ``2A``, which changes with the cell: for integers ``|p| < 2**53``
      and ``q ≥ 1``, a quotient ``p/q`` that is not an integer lies at least ``1/q`` from the
      next integer, more than correct rounding moves it (``|p/q|·2**-53``).

    Args:
        family: The leaf's family code.
        cells: The leaf's cells in the block (NaN where not applicable).
        scale: The leaf's ``10**k``.
        narrow: The cells' type (float64, float32), for the grid check.
        low_n: The least grid integer the leaf's rule accepts.
        high_n: The largest.
        maxima: Each cell's maximum ``m`` (units; -1 where the leaf is not applicable).
        linear: The leaf's row of the rescale table: affine and steps ``lo, hi, c, n0, dm``
            (steps: threshold and step in columns 10 and 11); ratio ``T, cap``; 区间值 ``lo, hi,
            c, n0, dm`` below the range, then above it; ``1/(2·dm)`` (bands: ``1/(2D)``) in
            column 12, and the 区间值's second in column 13.
        bounds: A bands leaf's bounds (``n ≥ bound``), any order.
        levels: A bands leaf's number of bounds.
        numerators: A bands leaf's numerators by count of bounds met, the denominator last.
        met: Room for a bands leaf's count of bounds met, cell by cell.
        points: The cells' points, written.
        size: The block's units.

    Returns:
        The cells off: off the grid, not finite (NaN among them) or a value the rule refuses.
    """
    off = 0
    if family == BANDS:
        denominator = numerators[numerators.shape[0] - 1]
        for u in range(size):
            n = np.rint(cells[u] * scale)
            off += (narrow(n / scale) - cells[u] != 0.0) | (n < low_n) | (n > high_n)
            met[u] = 0.0
        for level in range(levels):
            bound = bounds[level]
            for u in range(size):
                met[u] += np.rint(cells[u] * scale) >= bound
        inverse = linear[12]
        for u in range(size):
            at = np.floor((2.0 * maxima[u] * numerators[np.int64(met[u])] + denominator + 0.5) * inverse)
            points[u] = at if maxima[u] >= 0 else 0.0
    elif family == RATIO:  # T/A·m for A > T
        target, cap = linear[0], linear[1]
        for u in range(size):
            n = np.rint(cells[u] * scale)
            off += (narrow(n / scale) - cells[u] != 0.0) | (n < low_n) | (n > high_n)
            a = min(max(n, target), cap)
            at = np.floor((2.0 * target * maxima[u] + a) / (2.0 * a))
            points[u] = at if maxima[u] >= 0 else 0.0
    elif family == INTERVAL:  # 区间值: the lower of two linear formulas, below and above
        lo1, hi1, c1, n1, d1 = linear[0:5]
        lo2, hi2, c2, n2, d2 = linear[5:10]
        inverse1, inverse2 = linear[12], linear[13]
        for u in range(size):
            n = np.rint(cells[u] * scale)
            off += (narrow(n / scale) - cells[u] != 0.0) | (n < low_n) | (n > high_n)
            twice = 2.0 * maxima[u]
            below = np.floor((twice * (c1 * min(max(n, lo1), hi1) + n1) + d1 + 0.5) * inverse1)
            above = np.floor((twice * (c2 * min(max(n, lo2), hi2) + n2) + d2 + 0.5) * inverse2)
            at = max(min(below, above), 0.0)
            points[u] = at if maxima[u] >= 0 else 0.0
    elif family == STEPS:  # whole steps started, clipped to [lo, hi]
        lo, hi, c, n0, dm = linear[0:5]
        threshold, step, inverse = linear[10], linear[11], linear[12]
        for u in range(size):
            n = np.rint(cells[u] * scale)
            off += (narrow(n / scale) - cells[u] != 0.0) | (n < low_n) | (n > high_n)
            a = min(max(np.ceil((n - threshold) / step), lo), hi)  # far from the range: lo or hi
            at = max(np.floor((2.0 * maxima[u] * (c * a + n0) + dm + 0.5) * inverse), 0.0)
            points[u] = at if maxima[u] >= 0 else 0.0
    else:  # AFFINE: the observation clipped to [lo, hi]
        lo, hi, c, n0, dm = linear[0:5]
        inverse = linear[12]
        for u in range(size):
            n = np.rint(cells[u] * scale)
            off += (narrow(n / scale) - cells[u] != 0.0) | (n < low_n) | (n > high_n)
            a = min(max(n, lo), hi)
            at = max(np.floor((2.0 * maxima[u] * (c * a + n0) + dm + 0.5) * inverse), 0.0)
            points[u] = at if maxima[u] >= 0 else 0.0
    return off


def hand_down(  # noqa: PLR0917 - compiled inline into score_chunk
    pattern: Any,
    under: Any,
    groups: Any,
    members: Any,
    member_weights: Any,
    maximum: int,
    applicable: Any,
    share: Any,
    rest: Any,
) -> None:
    """Each node's maximum for a not-applicable pattern, into ``share`` (and ``applicable``).

    The framework's maximum is handed down group by group, parents first, to each group's
    applicable members by the largest-remainder rule (最大余额法, ties to the earlier member), as
    `perfscore.scoring.applicable_maxima` does. A share is a float64 quotient: exact, because
    the engine checks that a parent's share times a member's weight stays below ``2**53``.

    Args:
        pattern: The leaves not applicable, as bits.
        under: Each node's leaves as bits.
        groups: The sibling groups, ``(parent node or -1, first, end)`` into ``members``, parents
            before children.
        members: Each group member's node.
        member_weights: Each member's points as an integer (one scale per group).
        maximum: The framework's maximum (units).
        applicable: Written: whether each node is, or has below it, an applicable leaf.
        share: Written: each applicable node's maximum (units).
        rest: Room for each member's remainder.
    """
    for node in range(under.shape[0]):
        applicable[node] = ~pattern & under[node] != 0
    for group in range(groups.shape[0]):
        parent, start, end = groups[group, 0], groups[group, 1], groups[group, 2]
        if parent >= 0 and not applicable[parent]:
            continue
        whole = maximum if parent < 0 else share[parent]
        held = 0
        for member in range(start, end):
            held += member_weights[member] * applicable[members[member]]
        given = 0
        for member in range(start, end):
            part = np.int64(np.floor(np.float64(whole * member_weights[member]) / held))
            here = applicable[members[member]]
            share[members[member]] = part * here
            rest[member] = whole * member_weights[member] - part * held if here else -1
            given += part * here
        for _ in range(whole - given):  # the largest remainders, ties to the earlier
            best = start
            for member in range(start + 1, end):
                best = member if rest[member] > rest[best] else best
            rest[best] = -1
            share[members[best]] += 1


def block_units(leaves: int) -> int:
    """The units `score_chunk` scores together: about `BLOCK_CELLS` cells, 64 to 512 units.

    Measured at 400 leaves: blocks of 40 units 11.7–12.0 ms, of 64 units 8.6–8.8 ms (each leaf's
    loops cost a start-up per block). At 20 leaves, 819 units measured no faster than 512.
    """
    return min(512, max(64, BLOCK_CELLS // max(leaves, 1)))


_COMPILING = threading.Lock()
"""Held while `kernel` binds the compiled functions: two threads' first calls may race."""


@functools.cache
def kernel() -> Any:
    """The compiled kernel, compiled on first use; ``None`` without numba.

    numba is imported here, not with the module: importing it takes a noticeable fraction of a
    second, which only a caller of the batch engine should pay. Compiled code is cached on disk
    (``cache=True``), so later processes skip the compilation. Safe to call from several threads
    at once (`functools.cache` alone would let two first calls both bind the helpers).
    """
    try:
        numba = importlib.import_module("numba")
    except ImportError:
        return None
    # error_model="numpy": IEEE division (no test and branch for a zero divisor before each
    # one; the plans never divide by 0), which makes the per-cell divisions much cheaper.
    # score_chunk calls block_units, hand_down and rescaled_points, which numba must find
    # compiled when it compiles score_chunk: they are bound once, under the lock.
    global block_units, hand_down, rescaled_points  # noqa: PLW0603 - bound once, before the only function that reads them compiles
    with _COMPILING:
        if not isinstance(block_units, numba.core.dispatcher.Dispatcher):
            block_units = numba.njit(inline="always")(block_units)
            hand_down = numba.njit(inline="always")(hand_down)
            rescaled_points = numba.njit(inline="always")(rescaled_points)
        return numba.njit(cache=True, nogil=True, error_model="numpy")(score_chunk)
