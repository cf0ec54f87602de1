"""Scoring rules (评分规则): how a leaf indicator turns an observation into points.

Notation: ``w`` the indicator's points (分值), ``T`` its target (指标值), ``A`` the actual value
(实际完成值). Each rule is a frozen class; [`Rule.score`][perfscore.rules.Rule.score] returns an
[`Award`][perfscore.rules.Award] with the points rounded half up to the framework's places, the exact value
before rounding, and the arithmetic written out in Chinese and English.

| rule | 中文 | points | source |
| --- | --- | --- | --- |
| `Forward` | 正向 (≥) | ``A ≥ T → w``; ``A ≤ 0 → 0``; else ``A/T·w`` | MoF pmkpi, 财预〔2020〕10号 |
| `Equal` | 等于 (=) | ``T = 0``: ``w`` if ``A ≤ 0`` else 0; ``T > 0``: as forward | MoF pmkpi |
| `Reverse` (linear) | 反向 (≤) | ``A ≤ T → w``; ``T < A < 2T → (2T − A)/T·w``; else 0 | MoF pmkpi |
| `Reverse` (ratio) | 反向 (≤) | ``A ≤ T → w``; else ``T/A·w`` | provincial forms |
| `Interval` | 区间值 (L～H) | ``L ≤ A ≤ H → w``; else forward vs ``L``, reverse vs ``H`` | fasp2 pmkpi |
| `Deduction` | 扣分 | ``A ≤ X → w``; else ``w − d·(A − X)/s``, 扣完为止 | Sichuan forms |
| `Bands` | 区间 | the award of the first band the value reaches | common |
| `Qualitative` | 定性 | the assessor's points, checked against the tier | 财预〔2020〕10号 |
| `Checklist` | 清单扣分 | ``w − d·missing``, 扣完为止 (≥ 0) | common |
| `Manual` | 评分 | the assessor's points, ``0 ≤ p ≤ w`` | the seed |
| `ExecutionRate` | 预算执行率 | ``min(executed/budget, 1)·w`` | 财预〔2020〕10号 |

"扣完为止" (deduct until nothing is left) is part of the deduction rules' definition: the points
stop at 0. No other rule clamps anything: an observation a rule cannot use is an
[`ObservationError`][perfscore.errors.ObservationError] naming the indicator.
"""

from __future__ import annotations

import abc
import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Final, NamedTuple, cast

import attrs

from perfscore.errors import FrameworkError, InvalidNumberError, ObservationError, PerfscoreError, describe
from perfscore.limits import check_nesting
from perfscore.numbers import divide, exact_arithmetic, exact_context, round_half_up, to_decimal

__all__ = [
    "RULES",
    "TIERS",
    "TIER_BOUNDS",
    "Award",
    "Band",
    "Bands",
    "Checklist",
    "Deduction",
    "Equal",
    "ExecutionRate",
    "Forward",
    "Interval",
    "Manual",
    "Qualitative",
    "Reverse",
    "Rule",
    "Tier",
    "rule_from_dict",
]

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
MAX_EXECUTION_RATIO: Final = Decimal(2)
"""The largest execution rate accepted when the rate itself is given (200%): a number above it is
almost always a percentage typed as a number (86 for 86%), which would silently earn full points.
"""


def _text(number: Decimal) -> str:
    """A decimal as people write it: no exponent, trailing zeros as given."""
    return format(number, "f")


class _Working(NamedTuple):
    exact: Decimal
    zh: str
    en: str
    arithmetic: bool = False  # True: the text is a formula still to be completed with "= p 分"


@attrs.frozen
class Award:
    """The points one leaf earned, and how (得分及说明).

    Attributes:
        points: The points, rounded half up to the framework's places (得分).
        exact: The points before rounding.
        explanation_zh: The arithmetic in Chinese, e.g. "实际值 0.95 ÷ 目标值 1.00 × 10 分 = 9.50 分".
        explanation_en: The same in English.
    """

    points: Decimal
    exact: Decimal
    explanation_zh: str
    explanation_en: str


def _param(value: object, name: str) -> Decimal:
    """Read a rule parameter as an exact decimal, naming it on error."""
    try:
        return to_decimal(value, field=name)
    except InvalidNumberError as error:
        raise FrameworkError(name, error.message) from None


# attrs converters must be named functions for mypy; one per parameter name.
def _target(value: object) -> Decimal:
    return _param(value, "target")


def _threshold(value: object) -> Decimal:
    return _param(value, "threshold")


def _per_step(value: object) -> Decimal:
    return _param(value, "per_step")


def _step(value: object) -> Decimal:
    return _param(value, "step")


def _award(value: object) -> Decimal:
    return _param(value, "award")


def _per_item(value: object) -> Decimal:
    return _param(value, "per_item")


def _low(value: object) -> Decimal:
    return _param(value, "low")


def _high(value: object) -> Decimal:
    return _param(value, "high")


def _observed(value: object, field: str) -> Decimal:
    try:
        return to_decimal(value, field=field)
    except InvalidNumberError as error:
        raise ObservationError(field, error.message) from None


def _check_points(points: object, field: str) -> Decimal:
    number = to_decimal(points, field=field)
    if number <= 0:
        raise FrameworkError(field, f"must be greater than 0, got {number}")
    return number


class Rule(abc.ABC):
    """A scoring rule: the formula that turns a leaf's observation into points.

    Subclasses are frozen attrs classes; their parameters are validated on construction
    (a [`FrameworkError`][perfscore.errors.FrameworkError] naming the parameter).
    """

    kind: ClassVar[str]
    """The rule's name in files (``kind = "forward"``)."""
    name_zh: ClassVar[str]
    """The rule's Chinese name."""

    @exact_arithmetic
    def score(
        self,
        value: object,
        points: object,
        *,
        places: int = 2,
        field: str = "value",
        show_rounding: bool = False,
    ) -> Award:
        """Score one observation.

        Args:
            value: The observation (实际完成值); what is accepted depends on the rule.
            points: The indicator's points ``w`` (分值), > 0.
            places: Decimal places of the awarded points (rounded half up).
            field: Where the observation came from (the indicator code), for error messages.
            show_rounding: Whether the explanation shows the rounding step when rounding to
                ``places`` changes the value (``… × 10 分 = 8.625 → 9 分``; a value with more
                than four decimals is shown to four, after ``≈``). The scalar engine asks for it
                on a leaf with its own places (`Indicator.places`).

        Returns:
            The award: rounded points, exact points and the explanation.

        Raises:
            ObservationError: The observation cannot be used by this rule.
            FrameworkError: ``points`` is not a positive number with at most ``places`` decimal
                places, or the rule does not fit it; ``places`` is not a whole number from 0 to 30.
        """
        given: object = places  # callers may pass anything; the annotation is what is accepted
        if isinstance(given, bool) or not isinstance(given, int) or not 0 <= given <= 30:
            raise FrameworkError("places", f"must be a whole number from 0 to 30, got {describe(given)}")
        weight = _check_points(points, "points")
        if weight.as_tuple().exponent < -places:  # type: ignore[operator]
            # Rounding w itself could award more than w: the form's places must hold w exactly.
            raise FrameworkError("points", f"has more than {places} decimal places: {_text(weight)}")
        self.check_points(weight, field="points")
        return self._award(value, weight, places, field, show_rounding)

    def _award(self, value: object, points: Decimal, places: int, field: str, show_rounding: bool) -> Award:
        """`score` once its arguments are checked: the scalar engine's explanations call it.

        In perfscore's exact decimal context, ``points`` and ``places`` checked (by `score`, or
        by the framework for a leaf).
        """
        working = self._exact(value, points, field)
        awarded = round_half_up(working.exact, places)
        step = show_rounding and awarded != working.exact
        if not working.arithmetic:  # the text already states the points
            if not step:
                return Award(awarded, working.exact, working.zh, working.en)
            p = _text(awarded)
            return Award(
                awarded,
                working.exact,
                f"{working.zh}，按 {places} 位小数四舍五入为 {p} 分",
                f"{working.en}, rounded half up to {places} places: {p} points",
            )
        if step:
            sign, shown = _unrounded(working.exact)
            return Award(
                points=awarded,
                exact=working.exact,
                explanation_zh=f"{working.zh} {sign} {shown} → {_text(awarded)} 分",
                explanation_en=f"{working.en} {sign} {shown} → {_text(awarded)} points",
            )
        return Award(
            points=awarded,
            exact=working.exact,
            explanation_zh=f"{working.zh} = {_text(awarded)} 分",
            explanation_en=f"{working.en} = {_text(awarded)} points",
        )

    def check_points(self, points: Decimal, *, field: str) -> None:  # noqa: B027 - optional hook
        """Check that the rule fits an indicator worth ``points`` (e.g. band awards ≤ points).

        Args:
            points: The indicator's points.
            field: Where the indicator is, for the error message.

        Raises:
            FrameworkError: The rule's parameters do not fit ``points``.
        """

    @abc.abstractmethod
    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        """Exact points and how they were reached."""

    def _exact_points(self, value: object, points: Decimal, places: int, field: str) -> Decimal:
        """The exact points `score` gives, for the scalar engine, which explains them later.

        Called inside perfscore's exact decimal context with ``points`` and ``places`` already
        checked by the framework. By default it is `score` itself, or `_from_number` of the
        value read as a decimal for a rule that reads numbers only; a rule may override it to
        skip writing the explanation, and must then give what `score` gives and raise what it
        raises (tests/test_scoring_plan.py checks every rule).
        """
        if self._reads_number and reads_numbers_only(type(self)):
            return self._from_number(_observed(value, field), points, field)
        return self.score(value, points, places=places, field=field).exact

    #: Whether the rule's exact points are ``w`` times a function of the value alone (A/T·w):
    #: then rescaling ``w`` to ``m`` is the same rule scored out of ``m``.
    _proportional: ClassVar[bool] = False

    def _rescaled_points(
        self, value: object, points: Decimal, maximum: Decimal, places: int, field: str
    ) -> Decimal:
        """The exact points rescaled from ``points`` to ``maximum`` (其余指标按比例折算).

        ``exact · maximum ÷ points`` with a single division, so that a rescaled value that falls
        exactly on a half cent (0.05 ÷ 0.22 × 8 rescaled to 32.89 is 7.475) is found and rounded
        up. A proportional rule is scored out of ``maximum`` (``A · m ÷ T``); any other rule's
        exact points terminate (they involve no division), or it overrides this (`Deduction`).
        Called, like `_exact_points`, inside perfscore's exact decimal context.
        """
        if self._proportional:
            return self._exact_points(value, maximum, places, field)
        return divide(self._exact_points(value, points, places, field) * maximum, points)

    #: Whether the rule reads nothing but a number (正向, 反向, 扣分 …): then `_from_number`
    #: gives its exact points, and the scalar engine hands it the decimal it read from plain
    #: text ("92.5") without reading the text twice.
    _reads_number: ClassVar[bool] = False

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        """The exact points `score` gives for an observation already read by `to_decimal`.

        Only for a rule with `_reads_number`; in perfscore's exact decimal context, ``points``
        checked. It must give what `score` gives and raise what it raises for that number.
        """
        raise NotImplementedError(f"the {self.kind} rule does not read plain numbers")

    # The 指标值 of a rule whose target is not a number.
    _fixed_target: ClassVar[str] = ""

    def printed_target(self, unit: str = "") -> str:
        """The 指标值 a form prints for this rule (``"≥95%"``), with ``unit`` after the number.

        Used when an indicator has no ``target`` text of its own (the Excel form, the notebook
        view); empty for a rule with no target to show (`Manual`).
        """
        return self._fixed_target

    def to_dict(self) -> dict[str, Any]:
        """The rule as plain data for a file: ``{"kind": ..., parameters...}``.

        Decimals become strings, so that nothing is lost through a float.
        """
        data: dict[str, Any] = {"kind": self.kind}
        for field in attrs.fields(cast(Any, type(self))):
            if not _written(field, getattr(self, field.name)):
                continue
            data[field.name] = _plain(getattr(self, field.name))
        return data


@functools.cache
def reads_numbers_only(cls: type[Rule]) -> bool:
    """Whether a rule class's `_from_number` gives its points (the scalar engine's fast path).

    Not for a subclass that redefines `score`, `_exact` or `_exact_points` below the class
    whose `_from_number` it inherits: its own arithmetic decides, as `score` does.
    """
    if not cls._reads_number:
        return False
    owner = _owner(cls, "_from_number")
    return all(issubclass(owner, _owner(cls, name)) for name in ("score", "_exact", "_exact_points"))


def _owner(cls: type, name: str) -> type:
    return next(klass for klass in cls.__mro__ if name in vars(klass))


def _written(field: attrs.Attribute[Any], value: object) -> bool:
    """Whether a rule parameter goes into a file: an option added later is left out at its default.

    (A file written before the option existed then reads back as it was written.)
    """
    return not (field.metadata.get("omit_default") and value == field.default)


#: Decimal places of an unrounded value shown in a rounding step; more are cut with "≈".
_SHOWN_PLACES: Final = 4


def _unrounded(exact: Decimal) -> tuple[str, str]:
    """``("=", "8.625")`` for a value with at most four decimals, else ``("≈", "8.6207")``."""
    if -exact.normalize().as_tuple().exponent <= _SHOWN_PLACES:  # type: ignore[operator]
        return "=", _text(exact.normalize())
    return "≈", _text(round_half_up(exact, _SHOWN_PLACES))


def _plain(value: object) -> Any:
    if isinstance(value, Decimal):
        return _text(value)
    if isinstance(value, Band):
        return {"threshold": _text(value.threshold), "award": _text(value.award)}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _positive(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value <= 0:
        raise FrameworkError(attribute.name, f"must be greater than 0, got {value}")


def _non_negative(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value < 0:
        raise FrameworkError(attribute.name, f"must not be negative, got {value}")


@attrs.frozen
class Forward(Rule):
    """正向指标 (≥, more is better): ``A ≥ T → w``, ``A ≤ 0 → 0``, else ``A/T·w``.

    Source: the MoF budget-system performance module (fasp2 pmkpi) and 财预〔2020〕10号 practice:
    "实际值 ≥ 目标值 得满分，否则按 实际值/目标值 × 分值 计分".

    A target of 0 ("≥0", printed on forms for counts that only must not be negative) gives the
    full points for any ``A ≥ 0`` and 0 below: ``A ≥ T`` is tried first, and no ratio ``A/0``
    is ever formed.

    Args:
        target: ``T`` (指标值), ≥ 0.

    Examples:
        >>> award = Forward(target="1.00").score("0.95", 10)
        >>> award.points, award.explanation_zh
        (Decimal('9.50'), '实际值 0.95 ÷ 目标值 1.00 × 10 分 = 9.50 分')
    """

    kind: ClassVar[str] = "forward"
    name_zh: ClassVar[str] = "正向"
    _proportional: ClassVar[bool] = True

    target: Decimal = attrs.field(converter=_target, validator=_non_negative)

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        actual = _observed(value, field)
        return _forward(actual, self.target, points)

    _reads_number: ClassVar[bool] = True

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        return _forward_points(actual, self.target, points)

    def printed_target(self, unit: str = "") -> str:  # noqa: D102 - see Rule
        return f"≥{_text(self.target)}{unit}"


def _forward_points(actual: Decimal, target: Decimal, points: Decimal) -> Decimal:
    if actual >= target:
        return points
    if actual <= 0:
        return _ZERO
    return divide(actual * points, target)


def _forward(actual: Decimal, target: Decimal, points: Decimal) -> _Working:
    a, t, w = _text(actual), _text(target), _text(points)
    if actual >= target:
        return _Working(
            points, f"实际值 {a} ≥ 目标值 {t}，得满分 {w} 分", f"actual {a} ≥ target {t}: full {w} points"
        )
    if actual <= 0:
        return _Working(_ZERO, f"实际值 {a} ≤ 0，得 0 分", f"actual {a} ≤ 0: 0 points")
    exact = divide(exact_context().multiply(actual, points), target)
    return _Working(
        exact,
        f"实际值 {a} ÷ 目标值 {t} × {w} 分",
        f"actual {a} ÷ target {t} × {w} points",
        arithmetic=True,
    )


@attrs.frozen
class Equal(Rule):
    """等于指标 (=, hit the value).

    ``T = 0``: ``w`` when ``A ≤ 0`` (nothing happened, as required), else 0. ``T > 0``: scored as
    [`Forward`][perfscore.rules.Forward]. Source: fasp2 pmkpi.

    Args:
        target: ``T``, ≥ 0.

    Examples:
        >>> Equal(target=0).score(0, 5).points
        Decimal('5.00')
        >>> Equal(target=0).score(1, 5).points
        Decimal('0.00')
    """

    kind: ClassVar[str] = "equal"
    name_zh: ClassVar[str] = "等于"
    _proportional: ClassVar[bool] = True

    target: Decimal = attrs.field(converter=_target, validator=_non_negative)

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        actual = _observed(value, field)
        if self.target > 0:
            return _forward(actual, self.target, points)
        a, w = _text(actual), _text(points)
        if actual <= 0:
            return _Working(
                points,
                f"目标值 0，实际值 {a} ≤ 0，得满分 {w} 分",
                f"target 0, actual {a} ≤ 0: full {w} points",
            )
        return _Working(_ZERO, f"目标值 0，实际值 {a} > 0，得 0 分", f"target 0, actual {a} > 0: 0 points")

    _reads_number: ClassVar[bool] = True

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        if self.target > 0:
            return _forward_points(actual, self.target, points)
        return points if actual <= 0 else _ZERO

    def printed_target(self, unit: str = "") -> str:  # noqa: D102 - see Rule
        return f"={_text(self.target)}{unit}"


REVERSE_METHODS: Final = ("linear", "ratio")


@attrs.frozen
class Reverse(Rule):
    """反向指标 (≤, less is better).

    ``A ≤ T → w``. Above the target, ``method="linear"`` (fasp2 pmkpi) gives
    ``(1 − (A − T)/T)·w`` for ``T < A < 2T`` and 0 from ``2T`` on; ``method="ratio"`` (several
    provincial forms) gives ``T/A·w``.

    A target of 0 ("≤0") gives the full points for ``A ≤ 0`` and 0 for any ``A > 0`` with
    either method, as `Equal` with target 0 does.

    Args:
        target: ``T``, ≥ 0.
        method: ``"linear"`` (default) or ``"ratio"``.

    Examples:
        >>> Reverse(target=100).score(120, 10).explanation_zh
        '实际值 120 > 目标值 100，(1 − (120 − 100) ÷ 100) × 10 分 = 8.00 分'
        >>> Reverse(target=100, method="ratio").score(125, 10).points
        Decimal('8.00')
    """

    kind: ClassVar[str] = "reverse"
    name_zh: ClassVar[str] = "反向"
    _proportional: ClassVar[bool] = True

    target: Decimal = attrs.field(converter=_target, validator=_non_negative)
    method: str = attrs.field(default="linear")

    @method.validator
    def _check_method(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in REVERSE_METHODS:
            raise FrameworkError("method", f"must be 'linear' or 'ratio', got {describe(value)}")

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        actual = _observed(value, field)
        a, t, w = _text(actual), _text(self.target), _text(points)
        context = exact_context()
        if actual <= self.target:
            return _Working(
                points,
                f"实际值 {a} ≤ 目标值 {t}，得满分 {w} 分",
                f"actual {a} ≤ target {t}: full {w} points",
            )
        if self.target == 0:
            return _Working(
                _ZERO, f"目标值 0，实际值 {a} > 0，得 0 分", f"target 0, actual {a} > 0: 0 points"
            )
        if self.method == "ratio":
            exact = divide(context.multiply(self.target, points), actual)
            return _Working(
                exact,
                f"目标值 {t} ÷ 实际值 {a} × {w} 分",
                f"target {t} ÷ actual {a} × {w} points",
                arithmetic=True,
            )
        twice = context.multiply(self.target, 2)
        if actual >= twice:
            return _Working(
                _ZERO,
                f"实际值 {a} ≥ 目标值的 2 倍 {_text(twice)}，得 0 分",
                f"actual {a} ≥ twice the target {_text(twice)}: 0 points",
            )
        exact = divide(context.multiply(context.subtract(twice, actual), points), self.target)
        return _Working(
            exact,
            f"实际值 {a} > 目标值 {t}，(1 − ({a} − {t}) ÷ {t}) × {w} 分",
            f"actual {a} > target {t}: (1 − ({a} − {t}) ÷ {t}) × {w} points",
            arithmetic=True,
        )

    _reads_number: ClassVar[bool] = True

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        if actual <= self.target:
            return points
        if self.method == "ratio":
            return divide(self.target * points, actual)
        twice = self.target * 2
        if actual >= twice:
            return _ZERO
        return divide((twice - actual) * points, self.target)

    def printed_target(self, unit: str = "") -> str:  # noqa: D102 - see Rule
        return f"≤{_text(self.target)}{unit}"


@attrs.frozen
class Interval(Rule):
    """区间值 (a range target, "90%～100%"): full points inside ``[L, H]``.

    ``L ≤ A ≤ H → w``. Below the range the value is scored as `Forward` against ``L``
    (``A/L·w``, 0 when ``A ≤ 0``); above it as the linear `Reverse` against ``H``
    (``(1 − (A − H)/H)·w``, 0 from ``2H`` on). Where that bound is ≤ 0 the formula has no
    meaning and a value beyond it earns 0. The points therefore never fall as the value moves
    towards the range, and never exceed ``w``.

    Source: no published rule for range targets was found; a range is read as the two one-sided
    targets of fasp2 pmkpi together (≥ L and ≤ H), each scored by its own formula.

    Args:
        low: ``L``, the lower bound (inclusive).
        high: ``H``, the upper bound (inclusive), > ``L``.

    Examples:
        >>> Interval(90, 100).score(95, 10).explanation_zh
        '实际值 95 在区间 90～100 内，得满分 10 分'
        >>> Interval(90, 100).score(81, 10).explanation_zh
        '实际值 81 < 下限 90，81 ÷ 90 × 10 分 = 9.00 分'
    """

    kind: ClassVar[str] = "interval"
    name_zh: ClassVar[str] = "区间值"
    _proportional: ClassVar[bool] = True

    low: Decimal = attrs.field(converter=_low)
    high: Decimal = attrs.field(converter=_high)

    def __attrs_post_init__(self) -> None:
        if self.high <= self.low:
            raise FrameworkError(
                "high", f"must be greater than low {_text(self.low)}, got {_text(self.high)}"
            )

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        actual = _observed(value, field)
        a, low, high, w = _text(actual), _text(self.low), _text(self.high), _text(points)
        context = exact_context()
        if self.low <= actual <= self.high:
            return _Working(
                points,
                f"实际值 {a} 在区间 {low}～{high} 内，得满分 {w} 分",
                f"actual {a} within {low}–{high}: full {w} points",
            )
        if actual < self.low:
            if self.low <= 0 or actual <= 0:
                return _Working(
                    _ZERO, f"实际值 {a} < 下限 {low}，得 0 分", f"actual {a} < lower bound {low}: 0 points"
                )
            return _Working(
                divide(context.multiply(actual, points), self.low),
                f"实际值 {a} < 下限 {low}，{a} ÷ {low} × {w} 分",
                f"actual {a} < lower bound {low}: {a} ÷ {low} × {w} points",
                arithmetic=True,
            )
        twice = context.multiply(self.high, 2)
        if self.high <= 0 or actual >= twice:
            return _Working(
                _ZERO,
                f"实际值 {a} > 上限 {high}，得 0 分",
                f"actual {a} > upper bound {high}: 0 points",
            )
        return _Working(
            divide(context.multiply(context.subtract(twice, actual), points), self.high),
            f"实际值 {a} > 上限 {high}，(1 − ({a} − {high}) ÷ {high}) × {w} 分",
            f"actual {a} > upper bound {high}: (1 − ({a} − {high}) ÷ {high}) × {w} points",
            arithmetic=True,
        )

    _reads_number: ClassVar[bool] = True

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        if self.low <= actual <= self.high:
            return points
        if actual < self.low:
            return _ZERO if self.low <= 0 or actual <= 0 else divide(actual * points, self.low)
        twice = self.high * 2
        if self.high <= 0 or actual >= twice:
            return _ZERO
        return divide((twice - actual) * points, self.high)


@attrs.frozen
class Deduction(Rule):
    """扣分 ("≤ X 计满分，每超过 s 扣 d 分，扣完为止").

    ``A ≤ threshold → w``; above it, ``d`` points per ``step`` of excess are deducted, down to 0.
    With ``whole_steps=True`` a started step counts whole (超过 0.3 个百分点 counts as one);
    with ``False`` (default) the deduction is proportional. Source: Sichuan and Chongqing
    部门整体支出绩效 forms (在职人员控制率, "三公"经费变动率).

    Args:
        threshold: ``X``, the value up to which the full points are given.
        per_step: ``d``, points deducted per step, > 0.
        step: ``s``, the size of one step in the observation's unit (1 = one percentage point
            when observations are percentages), > 0.
        whole_steps: Whether a started step counts whole.

    Examples:
        在职人员控制率 107.5% against "≤ 100% 计满分，每超过一个百分点扣 0.5 分":

        >>> Deduction(threshold=100, per_step="0.5").score("107.5", 5).points
        Decimal('1.25')
        >>> Deduction(threshold=100, per_step="0.5", whole_steps=True).score("107.5", 5).points
        Decimal('1.00')
    """

    kind: ClassVar[str] = "deduction"
    name_zh: ClassVar[str] = "扣分"

    threshold: Decimal = attrs.field(converter=_threshold)
    per_step: Decimal = attrs.field(converter=_per_step, validator=_positive)
    step: Decimal = attrs.field(default=_ONE, converter=_step, validator=_positive)
    whole_steps: bool = attrs.field(default=False)

    @whole_steps.validator
    def _check_whole_steps(self, attribute: attrs.Attribute[bool], value: bool) -> None:
        if not isinstance(value, bool):
            raise FrameworkError("whole_steps", f"must be true or false, got {describe(value)}")

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        actual = _observed(value, field)
        a, x, w = _text(actual), _text(self.threshold), _text(points)
        if actual <= self.threshold:
            return _Working(points, f"实际值 {a} ≤ {x}，得满分 {w} 分", f"actual {a} ≤ {x}: full {w} points")
        context = exact_context()
        excess = context.subtract(actual, self.threshold)
        steps = divide(excess, self.step)
        if self.whole_steps:
            steps = Decimal(math.ceil(steps))
            deducted = context.multiply(steps, self.per_step)
        else:
            # excess × d ÷ s with one division: excess ÷ s first would round a quotient such as
            # 7.25 ÷ 3 and lose a tie (7.11 − 7.105 = 0.005 must round half up to 0.01).
            deducted = divide(context.multiply(excess, self.per_step), self.step)
        s, d, e, n = _text(self.step), _text(self.per_step), _text(excess), _text(steps)
        zh = f"实际值 {a} 超过 {x} 共 {e}，每 {s} 扣 {d} 分"
        en = f"actual {a} exceeds {x} by {e}, {d} points off per {s}"
        if self.whole_steps:
            zh += f"（不足 {s} 按 {s} 计，计 {n} 个）"
            en += f" (a started step counts whole: {n} steps)"
        if deducted >= points:
            return _Working(_ZERO, f"{zh}，扣完为止，得 0 分", f"{en}, nothing left: 0 points")
        return _Working(
            context.subtract(points, deducted),
            f"{zh}，{w} 分 − {n} × {d} 分",
            f"{en}: {w} − {n} × {d} points",
            arithmetic=True,
        )

    _reads_number: ClassVar[bool] = True

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        if actual <= self.threshold:
            return points
        excess = actual - self.threshold
        if self.whole_steps:
            deducted = Decimal(math.ceil(divide(excess, self.step))) * self.per_step
        else:
            deducted = divide(excess * self.per_step, self.step)
        return _ZERO if deducted >= points else points - deducted

    def _rescaled_points(
        self, value: object, points: Decimal, maximum: Decimal, places: int, field: str
    ) -> Decimal:
        if self.whole_steps:  # the deduction is a whole number of steps: the points terminate
            return super()._rescaled_points(value, points, maximum, places, field)
        actual = _observed(value, field)
        if actual <= self.threshold:
            return maximum
        excess = actual - self.threshold
        if divide(excess * self.per_step, self.step) >= points:  # as _exact_points decides 扣完为止
            return _ZERO
        # (w − d·e ÷ s) × m ÷ w = m − d·e·m ÷ (s·w): one division, so a half cent is not lost.
        return maximum - divide(excess * self.per_step * maximum, self.step * points)

    def printed_target(self, unit: str = "") -> str:  # noqa: D102 - see Rule
        return f"≤{_text(self.threshold)}{unit}"


@attrs.frozen
class Band:
    """One band of a [`Bands`][perfscore.rules.Bands] rule: reaching ``threshold`` earns ``award``.

    Attributes:
        threshold: The bound the value must reach (≥ it when higher is better, ≤ it otherwise).
        award: Points, or a fraction of the indicator's points when the rule says so.
    """

    threshold: Decimal = attrs.field(converter=_threshold)
    award: Decimal = attrs.field(converter=_award, validator=_non_negative)


def _bands(value: object) -> tuple[Band, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
        raise FrameworkError("bands", "must be a non-empty list of {threshold, award}")
    bands: list[Band] = []
    for index, item in enumerate(value):
        try:
            if isinstance(item, Band):
                bands.append(item)
            elif isinstance(item, Mapping):
                unknown = set(item) - {"threshold", "award"}
                if unknown or {"threshold", "award"} - set(item):
                    raise FrameworkError("", "must have exactly the keys threshold and award")
                bands.append(Band(item["threshold"], item["award"]))
            elif isinstance(item, Sequence) and not isinstance(item, (str, bytes)) and len(item) == 2:
                bands.append(Band(item[0], item[1]))
            else:
                raise FrameworkError("", "must be {threshold, award} or a (threshold, award) pair")
        except PerfscoreError as error:
            where = f"bands[{index}]" + (f".{error.field}" if error.field else "")
            raise FrameworkError(where, error.message) from None
    return tuple(bands)


@attrs.frozen
class Bands(Rule):
    """区间 (bands): ranges of the value mapped to points.

    With ``higher_is_better=True`` the bands are tried from the highest threshold down and the
    first with ``A ≥ threshold`` gives its award; with ``False``, from the lowest up, the first
    with ``A ≤ threshold``. A value that reaches no band earns 0 ("其余不得分"). Awards are points
    (≤ the indicator's points), or fractions of them (0 to 1) with ``fractions=True``.

    Args:
        bands: ``(threshold, award)`` pairs or [`Band`][perfscore.rules.Band] values; thresholds distinct.
        higher_is_better: The direction of the bands.
        fractions: Whether awards are fractions of the indicator's points.

    Examples:
        "≥ 95% 得 10 分；≥ 90% 得 8 分；≥ 80% 得 5 分；其余 0 分":

        >>> rule = Bands([(95, 10), (90, 8), (80, 5)])
        >>> rule.score("92.5", 10).explanation_zh
        '实际值 92.5 ≥ 90，该区间得 8 分'
    """

    kind: ClassVar[str] = "bands"
    name_zh: ClassVar[str] = "区间"

    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    higher_is_better: bool = attrs.field(default=True)
    fractions: bool = attrs.field(default=False)

    def __attrs_post_init__(self) -> None:
        for name in ("higher_is_better", "fractions"):
            if not isinstance(getattr(self, name), bool):
                raise FrameworkError(name, f"must be true or false, got {describe(getattr(self, name))}")
        thresholds = [band.threshold for band in self.bands]
        if len(set(thresholds)) != len(thresholds):
            raise FrameworkError("bands", "thresholds must be distinct")
        ordered = self.ordered()
        for better, worse in itertools.pairwise(ordered):
            if worse.award > better.award:
                # A worse value earning more is almost always a typo in the form.
                raise FrameworkError(
                    "bands",
                    f"awards must not rise as the value gets worse: {_text(worse.threshold)} earns "
                    f"{_text(worse.award)}, more than {_text(better.award)} at {_text(better.threshold)}",
                )
        if self.fractions:
            for index, band in enumerate(self.bands):
                if band.award > 1:
                    raise FrameworkError(f"bands[{index}].award", f"must be a fraction ≤ 1, got {band.award}")

    def printed_target(self, unit: str = "") -> str:  # noqa: D102 - see Rule
        sign = "≥" if self.higher_is_better else "≤"
        return f"{sign}{_text(self.ordered()[0].threshold)}{unit}"

    def ordered(self) -> tuple[Band, ...]:
        """The bands in the order they are tried."""
        return tuple(sorted(self.bands, key=lambda band: band.threshold, reverse=self.higher_is_better))

    def check_points(self, points: Decimal, *, field: str) -> None:
        """Check that no award exceeds the indicator's points.

        Args:
            points: The indicator's points.
            field: Where the indicator is, for the error message.

        Raises:
            FrameworkError: An award is above ``points``.
        """
        if self.fractions:
            return
        for index, band in enumerate(self.bands):
            if band.award > points:
                raise FrameworkError(
                    f"{field}.rule.bands[{index}].award" if field != "points" else f"bands[{index}].award",
                    f"must not exceed the indicator's {_text(points)} points, got {_text(band.award)}",
                )

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        actual = _observed(value, field)
        a = _text(actual)
        sign = "≥" if self.higher_is_better else "≤"
        for band in self.ordered():
            reached = actual >= band.threshold if self.higher_is_better else actual <= band.threshold
            if not reached:
                continue
            t = _text(band.threshold)
            if self.fractions:
                exact = exact_context().multiply(band.award, points)
                f, w = _text(band.award), _text(points)
                return _Working(
                    exact,
                    f"实际值 {a} {sign} {t}，该区间得分值的 {f}，{f} × {w} 分",
                    f"actual {a} {sign} {t}: that band earns {f} of the points, {f} × {w} points",
                    arithmetic=True,
                )
            award = _text(band.award)
            return _Working(
                band.award,
                f"实际值 {a} {sign} {t}，该区间得 {award} 分",
                f"actual {a} {sign} {t}: that band earns {award} points",
            )
        return _Working(_ZERO, f"实际值 {a} 未达到任何区间，得 0 分", f"actual {a} reaches no band: 0 points")

    _reads_number: ClassVar[bool] = True

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        for band in self.ordered():
            if actual >= band.threshold if self.higher_is_better else actual <= band.threshold:
                return band.award * points if self.fractions else band.award
        return _ZERO


@attrs.frozen
class Tier:
    """A qualitative tier (定性档次) and its share of the points.

    Attributes:
        name_zh: 达成, 部分达成 or 未达成.
        name_en: achieved, partially achieved or not achieved.
        low: The tier's lowest share of the points (inclusive).
        high: The tier's highest share of the points.
        high_inclusive: Whether ``high`` itself belongs to the tier (only for 达成).
    """

    name_zh: str
    name_en: str
    low: Decimal
    high: Decimal
    high_inclusive: bool

    def bounds(self, points: Decimal) -> tuple[Decimal, Decimal]:
        """The tier's point range for an indicator worth ``points``."""
        context = exact_context()
        return context.multiply(self.low, points), context.multiply(self.high, points)

    def admits(self, awarded: Decimal, points: Decimal) -> bool:
        """Whether ``awarded`` points lie in this tier for an indicator worth ``points``."""
        low, high = self.bounds(points)
        return low <= awarded <= high if self.high_inclusive else low <= awarded < high


TIERS: Final[tuple[Tier, ...]] = (
    Tier("达成", "achieved", Decimal("0.8"), _ONE, True),
    Tier("部分达成", "partially achieved", Decimal("0.6"), Decimal("0.8"), False),
    Tier("未达成", "not achieved", _ZERO, Decimal("0.6"), False),
)
"""The three tiers of 财预〔2020〕10号: 达成 [0.8w, w], 部分达成 [0.6w, 0.8w), 未达成 [0, 0.6w)."""
_TIER_NAMES: Final[dict[str, Tier]] = {
    **{tier.name_zh: tier for tier in TIERS},
    **{tier.name_en: tier for tier in TIERS},
    "partial": TIERS[1],
    "partially_achieved": TIERS[1],
    "not_achieved": TIERS[2],
    # The wording of the printed forms' 实际完成值 column (财预〔2020〕10号 自评表 notes).
    "达成预期指标": TIERS[0],
    "部分达成预期指标": TIERS[1],
    "部分达成预期指标并具有一定效果": TIERS[1],
    "未达成预期指标": TIERS[2],
    "未达成预期指标且效果较差": TIERS[2],
}


TIER_BOUNDS: Final = ("exact", "rounded")
"""How a qualitative rule draws its tier bounds: exactly, or rounded half up to the places."""


class _AtPlaces(NamedTuple):
    """An observation handed to `Qualitative` with the places its bounds are rounded to."""

    value: object
    places: int


def _assessed_points(value: object, points: Decimal, places: int | None, field: str) -> Decimal:
    return _assessed_number(_observed(value, field), points, field)


def _assessed_number(awarded: Decimal, points: Decimal, field: str) -> Decimal:
    if awarded < 0 or awarded > points:
        raise ObservationError(field, f"points must be between 0 and {_text(points)}, got {_text(awarded)}")
    return awarded


@attrs.frozen
class Qualitative(Rule):
    """定性指标: the assessor gives a tier and points; the rule checks the points lie in the tier.

    Tiers (财预〔2020〕10号 and fasp2 pmkpi): 达成 ``[0.8w, w]``; 部分达成 ``[0.6w, 0.8w)``;
    未达成 ``[0, 0.6w)``. The observation is a mapping ``{"tier": "部分达成", "points": 7}`` or a
    ``(tier, points)`` pair; tier names may be Chinese or English (``"achieved"``,
    ``"partial"``, ``"not achieved"``).

    Args:
        bounds: ``"exact"`` (default): the bounds are ``0.6w`` and ``0.8w`` exactly.
            ``"rounded"``: each bound is rounded half up (四舍五入) to the framework's places
            first, as the MoF budget system (fasp2 pmkpi) does: for ``w = 3.33`` the 达成 bound
            ``0.8 × 3.33 = 2.664`` becomes 2.66, so 2.66 points are 达成 (exactly, they are
            部分达成, and 2.67 is the least 达成 score on a two-place form). Rounding moves a bound
            by less than half a unit of the last place, down when the dropped digits are below
            5 (2.664 → 2.66, more scores accepted in the upper tier) and up otherwise
            (2.665 → 2.67, the same scores on the form's grid as exactly). The tiers still cover
            ``[0, w]`` without gaps or overlaps.

    Examples:
        >>> Qualitative().score({"tier": "部分达成", "points": 7}, 10).explanation_zh
        '定性评价 部分达成（6 ≤ 得分 < 8），评定 7 分'
        >>> Qualitative(bounds="rounded").score(("达成", "2.66"), "3.33").explanation_zh
        '定性评价 达成（2.66 ≤ 得分 ≤ 3.33，界限四舍五入至 2 位小数），评定 2.66 分'
    """

    kind: ClassVar[str] = "qualitative"
    _fixed_target: ClassVar[str] = "达成"
    name_zh: ClassVar[str] = "定性"

    bounds: str = attrs.field(default="exact", metadata={"omit_default": True})

    @bounds.validator
    def _check_bounds(self, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str) or value not in TIER_BOUNDS:  # a numpy array compares elementwise
            raise FrameworkError("bounds", f"must be exact or rounded, got {describe(value)}")

    @exact_arithmetic
    def score(
        self,
        value: object,
        points: object,
        *,
        places: int = 2,
        field: str = "value",
        show_rounding: bool = False,
    ) -> Award:
        """Score one assessment; see `Rule.score`. Rounded bounds use ``places``."""
        given: object = places
        if self.bounds == "rounded" and isinstance(given, int) and not isinstance(given, bool):
            value = _AtPlaces(value, given)  # Rule.score still checks places itself
        return Rule.score(self, value, points, places=places, field=field, show_rounding=show_rounding)

    def tier_bounds(self, tier: object, points: object, places: int) -> tuple[Decimal, Decimal]:
        """The point range of ``tier`` for an indicator worth ``points`` (rounded when asked).

        Args:
            tier: One of `TIERS`.
            points: The indicator's points ``w``.
            places: The framework's places (used by ``bounds="rounded"`` only).

        Returns:
            ``(low, high)``; ``high`` belongs to the tier only for 达成.

        Raises:
            FrameworkError: ``tier`` is not one of `TIERS`.
            InvalidNumberError: ``points`` or ``places`` is not a usable number.

        Examples:
            >>> Qualitative(bounds="rounded").tier_bounds(TIERS[0], Decimal("3.33"), 2)
            (Decimal('2.66'), Decimal('3.33'))
        """
        if not isinstance(tier, Tier):
            raise FrameworkError("tier", f"must be one of TIERS, got {describe(tier)}")
        if not isinstance(points, Decimal) or not points.is_finite():
            points = to_decimal(points, field="points")  # refuses NaN and non-numbers by name
        low, high = tier.bounds(points)
        if self.bounds == "exact":
            return low, high
        return round_half_up(low, places), round_half_up(high, places)

    def tier_of(self, awarded: object, points: object, places: int) -> Tier | None:
        """The tier whose range holds ``awarded`` points, or ``None`` outside ``[0, w]``.

        Examples:
            >>> Qualitative(bounds="rounded").tier_of(Decimal("2.66"), Decimal("3.33"), 2).name_zh
            '达成'
            >>> Qualitative().tier_of(Decimal("2.66"), Decimal("3.33"), 2).name_zh
            '部分达成'
        """
        if not isinstance(awarded, Decimal) or not awarded.is_finite():
            awarded = to_decimal(awarded, field="awarded")  # refuses NaN and non-numbers by name
        for tier in TIERS:
            low, high = self.tier_bounds(tier, points, places)
            if low <= awarded <= high if tier.high_inclusive else low <= awarded < high:
                return tier
        return None

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        places: int | None = None
        if isinstance(value, _AtPlaces):
            carried: _AtPlaces = value
            value, places = carried.value, carried.places
        if isinstance(value, Mapping):
            unknown = set(value) - {"tier", "points"}
            if unknown or "tier" not in value or "points" not in value:
                raise ObservationError(field, "must be {tier, points} for a qualitative indicator")
            tier_name, given = value["tier"], value["points"]
        elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)) and len(value) == 2:
            tier_name, given = value[0], value[1]
        else:
            raise ObservationError(field, "must be {tier, points} for a qualitative indicator")
        if not isinstance(tier_name, str) or tier_name.strip() not in _TIER_NAMES:
            raise ObservationError(
                f"{field}.tier", f"must be 达成, 部分达成 or 未达成, got {describe(tier_name)}"
            )
        tier = _TIER_NAMES[tier_name.strip()]
        awarded = _assessed_points(given, points, None, f"{field}.points")
        bound_low, bound_high = (
            tier.bounds(points) if places is None else self.tier_bounds(tier, points, places)
        )
        low, high = (_text(bound.normalize()) for bound in (bound_low, bound_high))
        upper = "≤" if tier.high_inclusive else "<"
        inside = (
            bound_low <= awarded <= bound_high if tier.high_inclusive else bound_low <= awarded < bound_high
        )
        rounded_zh = rounded_en = ""
        if places is not None:
            rounded_zh = f"，界限四舍五入至 {places} 位小数"
            rounded_en = f", bounds rounded half up to {places} places"
        if not inside:
            raise ObservationError(
                f"{field}.points",
                f"{_text(awarded)} is outside the tier {tier.name_zh} "
                f"({low} ≤ points {upper} {high}{rounded_en})",
            )
        p = _text(awarded)
        return _Working(
            awarded,
            f"定性评价 {tier.name_zh}（{low} ≤ 得分 {upper} {high}{rounded_zh}），评定 {p} 分",
            f"qualitative: {tier.name_en} ({low} ≤ points {upper} {high}{rounded_en}), assessed {p} points",
        )


def _items(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise FrameworkError("items", "must be a list of item names")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise FrameworkError(f"items[{index}]", f"must be a non-empty name, got {describe(item)}")
    if len(set(value)) != len(value):
        raise FrameworkError("items", "names must be distinct")
    return tuple(value)


@attrs.frozen
class Checklist(Rule):
    """清单扣分: each missing item deducts ``per_item`` points, 扣完为止 (down to 0).

    The observation is the number of missing items, or the list of their names (which must be
    among ``items`` when ``items`` is given).

    Args:
        per_item: Points deducted per missing item, > 0.
        items: The items checked (optional); when given, a count cannot exceed their number.

    Examples:
        >>> rule = Checklist(per_item=1, items=("制度健全", "执行有效", "档案完整"))
        >>> rule.score(["档案完整"], 3).explanation_zh
        '缺 1 项（档案完整），每项扣 1 分，3 分 − 1 × 1 分 = 2.00 分'
    """

    kind: ClassVar[str] = "checklist"
    _fixed_target: ClassVar[str] = "无缺项"
    name_zh: ClassVar[str] = "清单扣分"

    per_item: Decimal = attrs.field(converter=_per_item, validator=_positive)
    items: tuple[str, ...] = attrs.field(default=(), converter=_items)

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        names: list[str] = []
        if isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                if not isinstance(item, str) or (self.items and item not in self.items):
                    raise ObservationError(
                        f"{field}[{index}]", f"is not an item of the checklist: {describe(item)}"
                    )
            if len(set(value)) != len(value):
                raise ObservationError(field, "lists a missing item twice")
            names = list(value)
            missing = len(names)
        else:
            count = _observed(value, field)
            if count < 0 or count != count.to_integral_value():
                raise ObservationError(
                    field, f"must be a whole number of missing items ≥ 0, got {_text(count)}"
                )
            missing = int(count)
        if self.items and missing > len(self.items):
            raise ObservationError(field, f"cannot miss {missing} of {len(self.items)} items")
        w, d = _text(points), _text(self.per_item)
        listed = f"（{'、'.join(names)}）" if names else ""
        listed_en = f" ({', '.join(names)})" if names else ""
        if missing == 0:
            return _Working(points, f"无缺项，得满分 {w} 分", f"nothing missing: full {w} points")
        deducted = exact_context().multiply(Decimal(missing), self.per_item)
        zh = f"缺 {missing} 项{listed}，每项扣 {d} 分"
        en = f"{missing} missing{listed_en}, {d} points off each"
        if deducted >= points:
            return _Working(_ZERO, f"{zh}，扣完为止，得 0 分", f"{en}, nothing left: 0 points")
        return _Working(
            exact_context().subtract(points, deducted),
            f"{zh}，{w} 分 − {missing} × {d} 分",
            f"{en}: {w} − {missing} × {d} points",
            arithmetic=True,
        )


@attrs.frozen
class Manual(Rule):
    """评分 (assessor's points): the points given, which must lie in ``[0, w]``.

    The seed report's six dimension scores are of this kind: the text states the points
    (履职效能 15 分, 预算管理 21.5 分 …) without the arithmetic behind them.

    Examples:
        >>> Manual().score("21.5", 25).points
        Decimal('21.50')
    """

    kind: ClassVar[str] = "manual"
    name_zh: ClassVar[str] = "评分"

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        awarded = _assessed_points(value, points, None, field)
        p, w = _text(awarded), _text(points)
        return _Working(awarded, f"评定 {p} 分（满分 {w} 分）", f"assessed {p} of {w} points")

    _reads_number: ClassVar[bool] = True

    def _from_number(self, actual: Decimal, points: Decimal, field: str) -> Decimal:
        return _assessed_number(actual, points, field)


@attrs.frozen
class ExecutionRate(Rule):
    """预算执行率: ``min(executed / budget, 1) · w``.

    The MoF project self-evaluation form (项目支出绩效自评表, 财预〔2020〕10号) gives 预算执行率 10
    points: 执行数 over 全年预算数 (调整后预算数), spending beyond the budget earning no more than
    the full points. The observation is ``{"executed": ..., "budget": ...}`` (amounts), or the
    rate itself: a ratio (0.9512 for 95.12%) or a percentage as text (``"95.12%"``), or the
    project's 项目资金 block ([ProjectFunds][perfscore.funds.ProjectFunds]: 全年执行数 ÷ 全年预算数,
    or ÷ 年初预算数 when the form prints only that). A ratio above `MAX_EXECUTION_RATIO` (2, i.e.
    200%) is refused: it is almost always a percentage typed as a number (86 for 86%), which would
    otherwise earn the full points.

    Examples:
        >>> ExecutionRate().score({"executed": "95.12", "budget": "100"}, 10).explanation_zh
        '执行数 95.12 ÷ 预算数 100 = 95.12%，95.12% × 10 分 = 9.51 分'
    """

    kind: ClassVar[str] = "execution_rate"
    _fixed_target: ClassVar[str] = "100%"
    name_zh: ClassVar[str] = "预算执行率"
    _proportional: ClassVar[bool] = True

    def _exact(self, value: object, points: Decimal, field: str) -> _Working:
        from perfscore.funds import ProjectFunds  # noqa: PLC0415 - the 项目资金 block, read only here
        from perfscore.rates import execution_rate  # noqa: PLC0415 - keeps the module graph flat

        w = _text(points)
        if isinstance(value, ProjectFunds):  # the 项目资金 block: 全年执行数 ÷ 全年预算数 (or 年初预算数)
            try:
                executed, budget, name_zh, name_en = value.execution_terms()
                rate = value.execution()
            except PerfscoreError as error:
                raise ObservationError(f"{field}.{error.field}", error.message) from None
            e, b = _text(executed), _text(budget)
            shown, shown_en = f"全年执行数 {e} ÷ {name_zh} {b} = ", f"executed {e} ÷ {name_en} {b} = "
            quotient: tuple[Decimal, Decimal] | None = (executed, budget)
        elif isinstance(value, Mapping):
            if set(value) != {"executed", "budget"}:
                raise ObservationError(field, "must be {executed, budget} or a ratio")
            executed = _observed(value["executed"], f"{field}.executed")
            budget = _observed(value["budget"], f"{field}.budget")
            try:
                rate = execution_rate(executed, budget)
            except PerfscoreError as error:
                raise ObservationError(f"{field}.{error.field}", error.message) from None
            e, b = _text(executed), _text(budget)
            shown, shown_en = f"执行数 {e} ÷ 预算数 {b} = ", f"executed {e} ÷ budget {b} = "
            quotient = (executed, budget)
        else:
            rate = _rate(value, field)
            if rate < 0:
                raise ObservationError(field, f"an execution rate must not be negative, got {_text(rate)}")
            shown, shown_en = "预算执行率 ", "execution rate "
            quotient = None
        pct = _text(round_half_up(rate * 100, 2))
        if rate >= 1:
            return _Working(
                points, f"{shown}{pct}% ≥ 100%，得满分 {w} 分", f"{shown_en}{pct}% ≥ 100%: full {w} points"
            )
        # executed × w ÷ budget in one division: rate × w would round a repeating rate first.
        exact = (
            exact_context().multiply(rate, points)
            if quotient is None
            else divide(exact_context().multiply(quotient[0], points), quotient[1])
        )
        return _Working(
            exact,
            f"{shown}{pct}%，{pct}% × {w} 分",
            f"{shown_en}{pct}%: {pct}% × {w} points",
            arithmetic=True,
        )


def _rate(value: object, field: str) -> Decimal:
    """An execution rate given by itself: a ratio, or a percentage as text ("86%")."""
    if isinstance(value, str):
        from perfscore.numbers import parse_amount  # noqa: PLC0415 - only for printed rates

        text = value.strip()
        if text.endswith(("%", "％")):
            try:
                return divide(parse_amount(text, field=field), Decimal(100))
            except InvalidNumberError as error:
                raise ObservationError(field, error.message) from None
    rate = _observed(value, field)
    if rate > MAX_EXECUTION_RATIO:
        r = _text(rate)
        raise ObservationError(
            field,
            f"an execution rate of {r} is above {_text(MAX_EXECUTION_RATIO)} (200%): it looks like a "
            f"percentage: give {_text(divide(rate, Decimal(100)).normalize())} or '{r}%'",
        )
    return rate


RULES: Final[dict[str, type[Rule]]] = {
    rule.kind: rule
    for rule in (
        Forward,
        Equal,
        Reverse,
        Deduction,
        Bands,
        Qualitative,
        Checklist,
        Manual,
        ExecutionRate,
        Interval,
    )
}
"""Every rule class by its ``kind``."""
KIND_ALIASES: Final[dict[str, str]] = {
    "正向": "forward",
    "等于": "equal",
    "反向": "reverse",
    "区间值": "interval",
    "扣分": "deduction",
    "区间": "bands",
    "定性": "qualitative",
    "清单扣分": "checklist",
    "评分": "manual",
    "预算执行率": "execution_rate",
}
"""Chinese names accepted for ``kind`` in files."""


def rule_from_dict(data: object, *, field: str = "rule") -> Rule:
    """Build a rule from plain data (as in a framework file): ``{"kind": "forward", "target": 1}``.

    Args:
        data: A mapping with ``kind`` (English or Chinese name) and the rule's parameters.
        field: Where the data came from, for error messages (``indicators[0].rule``).

    Returns:
        The rule.

    Raises:
        FrameworkError: Unknown kind, unknown or missing parameters, invalid values; the message
            names ``field`` and the parameter.

    Examples:
        >>> rule_from_dict({"kind": "正向", "target": "0.95"})
        Forward(target=Decimal('0.95'))
    """
    if not isinstance(data, Mapping):
        raise FrameworkError(field, f"must be a table with a kind, got {type(data).__name__}")
    check_nesting(data, field=field, error=FrameworkError)
    kind = data.get("kind")
    if not isinstance(kind, str):
        raise FrameworkError(f"{field}.kind", f"must be one of {', '.join(RULES)}, got {describe(kind)}")
    kind = KIND_ALIASES.get(kind.strip(), kind.strip())
    if kind not in RULES:
        raise FrameworkError(
            f"{field}.kind", f"must be one of {', '.join(RULES)}, got {describe(data.get('kind'))}"
        )
    cls = RULES[kind]
    names = {attribute.name for attribute in attrs.fields(cast(Any, cls))}
    parameters = {key: value for key, value in data.items() if key != "kind"}
    unknown = sorted(describe(key) if not isinstance(key, str) else key for key in set(parameters) - names)
    if unknown:
        raise FrameworkError(f"{field}.{unknown[0]}", f"is not a parameter of the {kind} rule")
    try:
        return cls(**parameters)
    except PerfscoreError as error:
        raise FrameworkError(f"{field}.{error.field}" if error.field else field, error.message) from None
    except TypeError:
        missing = sorted(
            attribute.name
            for attribute in attrs.fields(cast(Any, cls))
            if attribute.default is attrs.NOTHING and attribute.name not in parameters
        )
        raise FrameworkError(f"{field}.{missing[0] if missing else kind}", "is required") from None
