"""Per-rule integer formulas of the batch engine (private; see [`perfscore.batch`][perfscore.batch]).

Every leaf's rounded points are computed from integers: the observation ``A`` on a grid of
``10**-k`` (``n = A·10**k``), the rule's parameters on the same grid, the points in units of
``10**-places``. The integers are carried in float64 arrays, which hold every integer below
``2**53`` exactly; each plan checks, from its parameters alone, that no intermediate reaches ``2**53``
(the observation is clipped to the range where the formula changes before any arithmetic), so
products and sums are exact. A quotient is floored with ``floor(N / D)`` computed in float64,
which is exact when ``|N| + D < 2**53``: ``N / D`` lies at least ``1 / D`` from the next integer,
more than half an ulp of the quotient. Rounding half up of a non-negative ``N / D`` is
``floor((2N + D) / 2D)``.

A leaf's exact points at effective maximum ``M`` (its points ``w``, or its rescaled maximum
``m``) are written ``M · (c·a + N0) / Dm`` with ``a`` the clipped observation (or the number of
whole steps); see `LeafPlan.affine`.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

import numpy as np
import numpy.typing as npt

from perfscore.numbers import exact_context
from perfscore.rules import (
    MAX_EXECUTION_RATIO,
    TIERS,
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Interval,
    Manual,
    Qualitative,
    Reverse,
    Rule,
)

__all__ = [
    "CLIP_LIMIT",
    "GRID_LIMIT",
    "K_MAX",
    "RECIPROCAL_LIMIT",
    "SAFE",
    "Affine",
    "LeafPlan",
    "implied_tier",
]

SAFE: Final = 2**53
"""Integers below this are exact in float64."""
GRID_LIMIT: Final = 10**15
"""Scaled observations must be below this in magnitude: a decimal with at most 15 significant
digits is the only one that reads back from its float, so ``repr`` gives exactly that decimal.
"""
CLIP_LIMIT: Final = 10**14
"""Clip bounds and band thresholds stay below this, so that a value beyond the grid limit (whose
float is not an exact decimal on the grid) falls on the same side of every bound as its decimal.
"""
RECIPROCAL_LIMIT: Final = 2**50
"""Below this, ``floor(N/D)`` may be computed as ``floor((N + ½) · fl(1/D))`` (see Affine.folded)."""
INT_SAFE: Final = 2**63
"""Integers below this are exact in int64 (the rescaling of not-applicable patterns)."""
K_MAX: Final = 6
"""The finest grid tried for observations (``10**-6``); finer values are scored by the scalar rule."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def _scaled(value: Decimal, k: int) -> int:
    """``value · 10**k`` as an integer; the caller has chosen ``k`` so that it is one."""
    result = value.scaleb(k, context=exact_context())
    assert result == result.to_integral_value()
    return int(result)


def implied_tier(points: Decimal, weight: Decimal, rule: Qualitative | None = None, places: int = 2) -> str:
    """The qualitative tier (定性档次) whose range holds ``points`` (达成, 部分达成 or 未达成).

    The range is the rule's: exact, or with ``bounds="rounded"`` rounded to ``places``.
    """
    tier = (rule or _EXACT_TIERS).tier_of(points, weight, places)
    return (tier or TIERS[0]).name_zh  # out of range: the scalar rule will refuse the points


_EXACT_TIERS: Final = Qualitative()


class Affine:
    """``floor((alpha·clip(n, lo, hi) + beta) / gamma)``, all integers, exact in float64."""

    __slots__ = ("alpha", "beta", "gamma", "hi", "lo")

    def __init__(self, lo: int, hi: int, alpha: int, beta: int, gamma: int) -> None:
        self.lo, self.hi, self.alpha, self.beta, self.gamma = lo, hi, alpha, beta, gamma

    def is_exact(self) -> bool:
        """Whether every intermediate stays below ``2**53`` for any clipped value."""
        big = max(abs(self.lo), abs(self.hi))
        ends = max(abs(self.alpha * self.lo + self.beta), abs(self.alpha * self.hi + self.beta))
        return (
            big < CLIP_LIMIT
            and abs(self.alpha) * big < SAFE
            and abs(self.beta) < SAFE
            and ends + self.gamma < SAFE
        )

    def reciprocal_is_exact(self) -> bool:
        """Whether `folded` may multiply by a reciprocal (every ``|α·n + β| < 2**50 − 1``)."""
        ends = max(abs(self.alpha * self.lo + self.beta), abs(self.alpha * self.hi + self.beta))
        return ends + 1 < RECIPROCAL_LIMIT

    def folded(self, *, floor_zero: bool, reciprocal: bool) -> tuple[int | float, ...]:
        """The same formula as ``floor(clip(n·a + b, low, high) / g)``: ``(a, b, low, high, g)``.

        This form lets the batch engine run one pass per operation over a whole chunk of leaves.
        It gives the same integer for every ``n``, as long as `is_exact` holds:

        * ``α·n + β`` is monotone in ``n`` (and so is its float value: products and sums round
          monotonically), so clipping it to its values at ``lo`` and ``hi`` clips ``n``. Beyond
          the ends the float may be inexact (or infinite), but it stays beyond the end it passed.
        * A power-of-two ``α`` divides out exactly (``a = 1``, ``b = β/α``, ``g = γ/α``, negative
          for a negative ``α``): ``(n + b) / g`` is the same real number as ``(α·n + β) / γ``, so
          its correctly rounded quotient and floor are the same; every value of ``n + b`` is a
          multiple of ``1/|α|`` below ``2**53/|α|``, so it is exact. Then the engine multiplies
          nothing.
        * ``floor_zero`` (扣完为止) moves the clip to stop at 0: ``max(0, floor(t/g)) =
          floor(max(0, t)/g)`` for ``g > 0`` (``min(0, t)`` for ``g < 0``).
        * ``reciprocal`` (when `reciprocal_is_exact`) returns ``1/g`` (rounded) in place of
          ``g`` and moves ``t`` by half a step (``b``, ``low``, ``high`` + ``1/(2c)``, ``c`` being
          ``α`` when it was divided out, else 1), so that the engine multiplies instead of
          dividing: with ``N = α·n + β`` and ``D = γ``, ``floor(N/D) = floor((N + ½)/D)``, and
          ``(N + ½)/D`` is at least ``1/(2D)`` from every integer, while the rounded reciprocal
          and product miss it by less than ``|N + ½|/D · 2**-51 < 1/(2D)``.
        """
        alpha, beta, gamma = self.alpha, self.beta, self.gamma
        ends = sorted((alpha * self.lo + beta, alpha * self.hi + beta))
        if alpha and abs(alpha) & (abs(alpha) - 1) == 0:  # ±2**j: exact division by alpha
            a: int | float = 1
            c = alpha  # t is (α·n + β) / c
            b: int | float = beta / alpha
            g: int | float = gamma / alpha
            low, high = sorted((ends[0] / alpha, ends[1] / alpha))
        else:
            a, b, g, c = alpha, beta, gamma, 1
            low, high = ends
        if floor_zero and g > 0:
            low, high = max(low, 0), max(high, 0)
        elif floor_zero:
            low, high = min(low, 0), min(high, 0)
        if reciprocal:
            shift = 1 / (2 * c)
            return a, b + shift, low + shift, high + shift, 1 / g
        return a, b, low, high, g

    def apply(self, values: FloatArray) -> FloatArray:
        """The formula on a 1-D array (in place)."""
        np.clip(values, self.lo, self.hi, out=values)
        np.multiply(values, self.alpha, out=values)
        np.add(values, self.beta, out=values)
        np.divide(values, self.gamma, out=values)
        np.floor(values, out=values)
        return values


def _rounding(lo: int, hi: int, c: int, n0: int, dm: int, *, maximum: int) -> Affine:
    """Round half up of ``maximum · (c·a + n0) / dm`` for ``a`` in ``[lo, hi]``."""
    numerator_a, numerator_0, denominator = c * maximum, n0 * maximum, dm
    common = math.gcd(math.gcd(numerator_a, numerator_0), denominator)
    numerator_a, numerator_0, denominator = (
        numerator_a // common,
        numerator_0 // common,
        denominator // common,
    )
    return Affine(lo, hi, 2 * numerator_a, 2 * numerator_0 + denominator, 2 * denominator)


class LeafPlan:
    """How one leaf is computed in integers: its grid, its formula, its checks.

    Attributes:
        code: The leaf's code.
        rule: Its rule.
        points: Its points ``w``.
        w_units: ``w`` in units of ``10**-places``.
        family: ``"affine"`` (clip, multiply, add, divide, floor), ``"ratio"`` (reverse ratio: the
            divisor is the observation), ``"steps"`` (deduction by whole steps), ``"bands"`` or
            ``"interval"`` (区间值: the lower of two affine formulas).
        k_min: The coarsest grid the parameters allow (at least 2).
        k_max: The finest grid tried.
        floor_zero: Whether the formula can go below 0 and is floored there (扣完为止).
    """

    def __init__(self, code: str, rule: Rule, points: Decimal, places: int) -> None:
        self.code, self.rule, self.points, self.places = code, rule, points, places
        self.units = 10**places
        self.w_units = _scaled(points, places)
        self.floor_zero = False
        self.k_max = K_MAX
        grid: tuple[Decimal, ...] = ()
        if isinstance(rule, (Forward, Equal)):
            grid = (rule.target,)
            self.family = "affine"
        elif isinstance(rule, Reverse):
            grid = (rule.target,)
            # "≤0": full for A ≤ 0, else 0 with either method (no ratio T/A is formed)
            self.family = "affine" if rule.method == "linear" or rule.target == 0 else "ratio"
        elif isinstance(rule, Interval):
            grid = (rule.low, rule.high)
            self.family = "interval"
        elif isinstance(rule, Deduction):
            grid = (rule.threshold, rule.step)
            self.family = "steps" if rule.whole_steps else "affine"
            self.floor_zero = True
            self._deduct(rule.per_step)
        elif isinstance(rule, Bands):
            grid = tuple(band.threshold for band in rule.bands)
            self.family = "bands"
        elif isinstance(rule, (Manual, Qualitative)):
            grid = (points,)
            self.family = "affine"
        elif isinstance(rule, Checklist):
            self.family = "affine"
            self.floor_zero = True
            self.k_max = 0  # counts are whole numbers: anything else is refused by the scalar rule
            self._deduct(rule.per_item)
        elif isinstance(rule, ExecutionRate):
            self.family = "affine"
        else:  # pragma: no cover - every rule kind is listed above
            raise AssertionError(f"no batch formula for {type(rule).__name__}")
        self.checked = isinstance(rule, (Manual, Qualitative, ExecutionRate, Checklist))
        self.k_min = 0 if isinstance(rule, Checklist) else max([2, *(_decimals(value) for value in grid)])
        self.k_max = max(self.k_max, self.k_min)

    def _deduct(self, per: Decimal) -> None:
        # The deduction d in units of 10**-(places + extra), extra being its places beyond the
        # framework's: the exact points are then (w·d0 − d_units·q) / d0 units.
        extra = max(0, _decimals(per) - self.places)
        self.d0 = 10**extra
        self.d_units = _scaled(per, self.places + extra)

    # -- affine family ----------------------------------------------------------------------

    def linear(self, k: int) -> tuple[int, int, int, int, int]:
        """``(lo, hi, c, n0, dm)``: the exact points at maximum ``M`` are ``M·(c·a + n0)/dm``.

        ``a`` is the observation on grid ``10**-k`` clipped to ``[lo, hi]`` (affine family), or the
        whole number of missing items or steps (checklist, deduction by whole steps).
        """
        rule, scale, w = self.rule, 10**k, self.w_units
        if isinstance(rule, (Forward, Equal)) and rule.target > 0:
            target = _scaled(rule.target, k)
            return 0, target, 1, 0, target
        if isinstance(rule, Forward):  # "≥0": full when A ≥ 0 (n ≥ 0), else 0 (n ≤ −1)
            return -1, 0, 1, 1, 1
        if isinstance(rule, (Equal, Reverse)) and rule.target == 0:  # full when A ≤ 0, else 0
            return 0, 1, -1, 1, 1
        if isinstance(rule, Reverse):
            target = _scaled(rule.target, k)
            return target, 2 * target, -1, 2 * target, target
        if isinstance(rule, ExecutionRate):
            return 0, scale, 1, 0, scale
        if isinstance(rule, (Manual, Qualitative)):
            up, down = 10 ** max(0, self.places - k), 10 ** max(0, k - self.places)
            return 0, _scaled(self.points, k), up, 0, down * w
        if isinstance(rule, Deduction) and not rule.whole_steps:  # proportional
            threshold, step = _scaled(rule.threshold, k), _scaled(rule.step, k)
            full = w * self.d0 * step
            reach = -(-full // self.d_units)  # excess at which nothing is left
            return (
                threshold,
                threshold + reach,
                -self.d_units,
                full + self.d_units * threshold,
                self.d0 * step * w,
            )
        if isinstance(rule, (Checklist, Deduction)):
            # ``w − d·q`` for a whole number ``q`` of missing items or steps, floored at 0 later.
            full = self.w_units * self.d0
            reach = -(-full // self.d_units)
            return 0, reach, -self.d_units, full, self.d0 * self.w_units
        raise AssertionError(f"{self.family} leaves have no linear formula")

    def interval_linear(self, k: int) -> tuple[tuple[int, int, int, int, int], ...]:
        """区间值 as two `linear` formulas, below and above the range: the points are their minimum.

        Below ``L`` the points rise to ``w`` at ``L`` (``A/L·w``, 0 for ``A ≤ 0``; a step from 0
        to ``w`` at ``L`` when ``L ≤ 0``) and stay there; above ``H`` they fall from ``w`` (``(1 −
        (A − H)/H)·w``, 0 from ``2H``; a step to 0 just above ``H`` when ``H ≤ 0``) and are ``w``
        below it. Inside ``[L, H]`` both are ``w``, outside only one is below ``w``; rounding
        half up is monotone, so the minimum of the rounded points is the rounded exact points.
        """
        rule = self.rule
        assert isinstance(rule, Interval)
        low, high = _scaled(rule.low, k), _scaled(rule.high, k)
        below = (0, low, 1, 0, low) if low > 0 else (low - 1, low, 1, 1 - low, 1)
        above = (high, 2 * high, -1, 2 * high, high) if high > 0 else (high, high + 1, -1, high + 1, 1)
        return below, above

    def interval_parameters(self, k: int, maximum: int | None = None) -> list[int] | None:
        """区间值 at ``maximum`` (``w``): ``lo, hi, α, β, γ`` below the range, then above it.

        ``None`` when the integers could reach ``2**53``.
        """
        top = self.w_units if maximum is None else maximum
        parameters: list[int] = []
        for linear in self.interval_linear(k):
            formula = _rounding(*linear, maximum=top)
            if not formula.is_exact():
                return None
            parameters += [formula.lo, formula.hi, formula.alpha, formula.beta, formula.gamma]
        return parameters

    def affine(self, k: int, maximum: int) -> Affine | None:
        """The affine formula on grid ``10**-k`` at effective maximum ``maximum`` (units).

        Returns:
            The formula, or ``None`` when some intermediate could reach ``2**53``.
        """
        if self.family != "affine":
            raise AssertionError(f"{self.family} leaves have no affine formula")
        formula = _rounding(*self.linear(k), maximum=maximum)
        return formula if formula.is_exact() else None

    def _count_formula(self, maximum: int) -> Affine:
        """``w − d·q`` for a whole number ``q`` of missing items or steps, floored at 0 later."""
        return _rounding(*self.linear(0), maximum=maximum)

    # -- the other families -------------------------------------------------------------------

    def compute(self, k: int, maximum: int, values: FloatArray) -> FloatArray | None:
        """Rounded points (units) for scaled observations ``values`` (changed in place).

        Returns:
            The points, or ``None`` when the integers could reach ``2**53`` on this grid.
        """
        rule = self.rule
        if self.family == "affine":
            formula = self.affine(k, maximum)
            if formula is None:
                return None
            formula.apply(values)
        elif self.family == "ratio":  # 反向 by ratio: T/A·M for A > T
            assert isinstance(rule, Reverse)
            target = _scaled(rule.target, k)
            numerator = 2 * target * maximum
            cap = numerator + 1  # beyond it T/A·M < 1/2: 0 points
            # cap < CLIP_LIMIT also keeps numerator + A and 2A (A ≤ cap) below 2**53: exact.
            if cap >= CLIP_LIMIT:
                return None
            np.clip(values, target, cap, out=values)
            divisor = values * 2
            np.add(values, numerator, out=values)
            np.divide(values, divisor, out=values)
            np.floor(values, out=values)
        elif self.family == "steps":  # 扣分 by whole steps
            assert isinstance(rule, Deduction)
            threshold, step = _scaled(rule.threshold, k), _scaled(rule.step, k)
            formula = self._count_formula(maximum)
            reach = formula.hi
            # The step boundaries stay below CLIP_LIMIT (see there). No clip is needed before the
            # division: a value below the threshold gives a count ≤ 0 and one beyond the last
            # boundary a count ≥ reach (float division and ceil are monotone), and the formula
            # clips the count to [0, reach]; within that range every quotient is exact.
            if not formula.is_exact() or abs(threshold) + (reach + 1) * step >= CLIP_LIMIT:
                return None
            np.subtract(values, threshold, out=values)
            np.divide(values, step, out=values)
            np.ceil(values, out=values)  # a started step counts whole
            formula.apply(values)
        elif self.family == "interval":  # 区间值: the lower of the two one-sided formulas
            parameters = self.interval_parameters(k, maximum)
            if parameters is None:
                return None
            below = Affine(*parameters[:5]).apply(values.copy())
            Affine(*parameters[5:]).apply(values)
            np.minimum(values, below, out=values)
        elif self.family == "bands":
            assert isinstance(rule, Bands)
            thresholds, table = self._band_table(k, maximum)
            if thresholds is None:
                return None
            side = "right" if rule.higher_is_better else "left"
            index: npt.NDArray[np.intp] = np.searchsorted(thresholds, values, side=side)  # type: ignore[call-overload]
            if rule.higher_is_better:
                index -= 1  # the highest threshold reached; -1 (none) reads the 0 at the end
            values[...] = table[index]
        else:  # pragma: no cover
            raise AssertionError(self.family)
        if self.floor_zero:
            np.maximum(values, 0, out=values)
        return values

    def ratio_parameters(self, k: int) -> tuple[int, int, int] | None:
        """Reverse by ratio at ``w``: ``(T, 2·T·w, cap)`` for ``floor((A + 2Tw) / 2A)``, A in [T, cap].

        ``None`` when the integers could reach ``2**53`` (the same check as `compute`).
        """
        assert isinstance(self.rule, Reverse)
        target = _scaled(self.rule.target, k)
        numerator = 2 * target * self.w_units
        cap = numerator + 1
        return None if cap >= CLIP_LIMIT else (target, numerator, cap)

    def steps_parameters(self, k: int) -> tuple[int, int, Affine] | None:
        """Deduction by whole steps at ``w``: threshold, step and the count's formula (as `compute`)."""
        rule = self.rule
        assert isinstance(rule, Deduction)
        threshold, step = _scaled(rule.threshold, k), _scaled(rule.step, k)
        formula = self._count_formula(self.w_units)
        if not formula.is_exact() or abs(threshold) + (formula.hi + 1) * step >= CLIP_LIMIT:
            return None
        return threshold, step, formula

    def band_parameters(self, k: int) -> tuple[list[float], list[float]] | None:
        """Bands at ``w`` as ``table[#{t : n ≥ t}]``: the bounds ``t`` and the table.

        Higher is better: the count of thresholds reached picks ``[0, p₁, …]`` (ascending
        thresholds). Lower is better: a value is within a band when ``n ≤ threshold``, so the count
        of thresholds below ``n`` (``n ≥ threshold + 1``: the values are integers) picks
        ``[p₁, …, 0]``. The same counts as `compute`'s ``searchsorted``.
        """
        rule = self.rule
        assert isinstance(rule, Bands)
        thresholds, table = self._band_table(k, self.w_units)
        if thresholds is None:
            return None
        points = table.tolist()
        if rule.higher_is_better:
            return thresholds.tolist(), [0.0, *points[:-1]]
        return [value + 1 for value in thresholds.tolist()], points

    def rescaled(self, k: int, maxima: IntArray, values: FloatArray) -> FloatArray | None:
        """Rounded points (units) at a maximum of each cell's own (not-applicable rescaling).

        The scalar rule rounds ``exact · m ÷ w`` half up, ``exact`` being the unrounded points at
        ``w``. Each family writes that as ``floor((2·m·N + D) / 2D)`` with integers ``N`` and
        ``D`` of the cell, computed here in int64: exact while ``2·m·|N| + D < 2**63``, which is
        checked from the parameters and the largest ``m``.

        Args:
            k: The grid of ``values``.
            maxima: Each cell's maximum ``m`` in units (int64, ``0 ≤ m``).
            values: The cells' scaled observations (integers, none NaN).

        Returns:
            The points, or ``None`` when the integers could overflow (the scalar rule scores them).
        """
        rule = self.rule
        top = int(maxima.max()) if maxima.size else 0
        if self.family == "ratio":  # T/A·m for A > T, m for A ≤ T
            assert isinstance(rule, Reverse)
            target = _scaled(rule.target, k)
            cap = 2 * target * top + 1  # beyond it T/A·m < 1/2 for every m: 0 points
            if cap >= CLIP_LIMIT:
                return None
            a = np.clip(values, target, cap).astype(np.int64)
            points = (2 * target * maxima + a) // (2 * a)
        elif self.family == "bands":
            assert isinstance(rule, Bands)
            thresholds, numerators, denominator = self._band_fractions(k)
            if thresholds is None or 2 * top * int(numerators.max()) + denominator >= INT_SAFE:
                return None
            side = "right" if rule.higher_is_better else "left"
            index: npt.NDArray[np.intp] = np.searchsorted(thresholds, values, side=side)  # type: ignore[call-overload]
            if rule.higher_is_better:
                index -= 1
            points = (2 * maxima * numerators[index] + denominator) // (2 * denominator)
        elif self.family == "interval":
            below = self._linear_rescaled(self.interval_linear(k)[0], maxima, values, top)
            above = self._linear_rescaled(self.interval_linear(k)[1], maxima, values, top)
            if below is None or above is None:
                return None
            points = np.minimum(below, above)
        else:
            lo, hi, c, n0, dm = self.linear(k)
            if self.family == "steps":
                assert isinstance(rule, Deduction)
                threshold, step = _scaled(rule.threshold, k), _scaled(rule.step, k)
                if abs(threshold) + (hi + 1) * step >= CLIP_LIMIT:
                    return None
                counted = np.ceil((values - threshold) / step)  # exact: see compute
                a = np.clip(counted, lo, hi).astype(np.int64)
            else:
                if max(abs(lo), abs(hi)) >= CLIP_LIMIT:
                    return None
                a = np.clip(values, lo, hi).astype(np.int64)
            largest = max(abs(c * lo + n0), abs(c * hi + n0))
            terms = abs(c) * max(abs(lo), abs(hi)) + abs(n0)  # c·a and n0 before their sum
            if 2 * top * largest + dm >= INT_SAFE or terms >= INT_SAFE:
                return None
            points = (2 * maxima * (c * a + n0) + dm) // (2 * dm)
        if self.floor_zero:
            np.maximum(points, 0, out=points)
        return points.astype(np.float64)

    @staticmethod
    def _linear_rescaled(
        linear: tuple[int, int, int, int, int], maxima: IntArray, values: FloatArray, top: int
    ) -> IntArray | None:
        """Round half up of ``m·(c·a + n0)/dm`` per cell in int64 (see `rescaled`), or ``None``."""
        lo, hi, c, n0, dm = linear
        if max(abs(lo), abs(hi)) >= CLIP_LIMIT:
            return None
        largest = max(abs(c * lo + n0), abs(c * hi + n0))
        if 2 * top * largest + dm >= INT_SAFE or abs(c) * max(abs(lo), abs(hi)) + abs(n0) >= INT_SAFE:
            return None
        a = np.clip(values, lo, hi).astype(np.int64)
        points: IntArray = (2 * maxima * (c * a + n0) + dm) // (2 * dm)
        return points

    def _band_fractions(self, k: int) -> tuple[FloatArray | None, IntArray, int]:
        """Thresholds, and each band's exact points at maximum ``m`` as ``m · numerator / D``.

        The numerators end with a 0 for "no band reached" (index -1 or ``len(bands)``).
        """
        rule = self.rule
        assert isinstance(rule, Bands)
        ordered = sorted(rule.bands, key=lambda band: band.threshold)
        scaled = [_scaled(band.threshold, k) for band in ordered]
        extra = max(_decimals(band.award) for band in ordered)
        # points at w: award·U (or award·w·U for fractions); at m: that × m ÷ w_units.
        numerators = [_scaled(band.award, extra) * (1 if rule.fractions else self.units) for band in ordered]
        denominator = 10**extra * (1 if rule.fractions else self.w_units)
        table = np.array([*numerators, 0], dtype=np.int64)
        if max(abs(value) for value in scaled) >= CLIP_LIMIT:
            return None, table, denominator
        return np.array(scaled, dtype=np.float64), table, denominator

    def _band_table(self, k: int, maximum: int) -> tuple[FloatArray | None, FloatArray]:
        rule = self.rule
        assert isinstance(rule, Bands)
        ordered = sorted(rule.bands, key=lambda band: band.threshold)
        scaled = [_scaled(band.threshold, k) for band in ordered]
        points = []
        for band in ordered:
            # exact points (units) = award·U (or award·w·U for fractions) × maximum / w_units
            if rule.fractions:
                numerator = band.award * maximum
                denominator = Decimal(1)
            else:
                numerator = band.award * self.units * maximum
                denominator = Decimal(self.w_units)
            points.append(_half_up(numerator, denominator))
        # The trailing 0 is read by "no band reached": index -1 (higher is better) or len(bands).
        table = np.array([*points, 0], dtype=np.float64)
        # The points need no check: awards are at most the indicator's points, so every entry is
        # at most the framework's maximum, which the engine keeps far below 2**53.
        if max(abs(value) for value in scaled) >= CLIP_LIMIT:
            return None, table
        return np.array(scaled, dtype=np.float64), table

    # -- checks --------------------------------------------------------------------------------

    def accepted(self, k: int) -> tuple[int, int | None] | None:
        """The range of scaled values the rule accepts, ``(low, high or None)``; ``None``: any."""
        rule = self.rule
        if isinstance(rule, (Manual, Qualitative)):
            return 0, _scaled(self.points, k)
        if isinstance(rule, ExecutionRate):  # a ratio above 2 is a percentage typed as a number
            return 0, _scaled(MAX_EXECUTION_RATIO, k)
        if isinstance(rule, Checklist):
            return 0, (len(rule.items) if rule.items else None)
        return None

    def invalid(self, k: int, values: FloatArray) -> npt.NDArray[np.bool_] | None:
        """Cells the rule refuses (NaN cells are never refused), or ``None`` when all are fine."""
        accepted = self.accepted(k)
        if accepted is None:
            return None
        low, high = accepted
        # A quick look first (a chunk has at least one unit): most chunks hold no bad value.
        # minimum/maximum reduce a strided row several times faster than fmin/fmax, which skip
        # NaN (not applicable); they are the fallback when a NaN made the quick look NaN.
        lowest = np.minimum.reduce(values)
        if np.isnan(lowest):
            lowest = np.fmin.reduce(values)
        below = lowest < low
        above = False
        if high is not None:
            highest = np.maximum.reduce(values)
            if np.isnan(highest):
                highest = np.fmax.reduce(values)
            above = highest > high
        if not below and not above:
            return None
        bad = values < low
        if high is not None:
            bad |= values > high
        return bad


def _half_up(numerator: Decimal, denominator: Decimal) -> int:
    """Round half up of a non-negative ``numerator / denominator``, exactly, as an integer."""
    context = exact_context()
    twice = context.multiply(numerator, 2)
    num = twice + denominator
    # Both are exact decimals; scale to integers and floor-divide.
    places = max(_decimals(num), _decimals(denominator))
    top, bottom = _scaled(num, places), _scaled(denominator, places)
    return top // (2 * bottom)
