"""Targets and observations as printed (指标值、实际完成值): ``"≥95%"`` into a rule.

A 自评表 prints each leaf's target (年度指标值) as text: ``"≥95%"``, ``"≤90万元"``, ``"=100%"``,
``"90%～100%"``, ``"不低于50个"``, ``"≥100百分比"``, ``"１００％"``, or words (``"效果明显"``,
``"严格执行相关制度规定"``). [parse][perfscore.targets.parse] reads such a text into a
[Target][perfscore.targets.Target]: the comparison, the number(s) as exact decimals, the unit and
the kind of target, and [Target.rule][perfscore.targets.Target.rule] gives the scoring rule:

| printed | kind | rule |
| --- | --- | --- |
| ``≥T``, ``＞T``, 不低于/不少于/达到 ``T``, ``T 以上`` | 正向 ``forward`` | ``Forward(T)`` |
| ``≤T``, ``＜T``, 不高于/不超过 ``T``, ``T 以内/以下`` | 反向 ``reverse`` | ``Reverse(T)`` |
| deadlines ``9月前``, ``11月底前``, ``30天之前`` (时效) | 反向 ``reverse`` | ``Reverse(9)`` (``≤9月``) |
| ``=T``, ``＝T``, ``﹦T``, 等于 ``T`` | 等于 ``equal`` | ``Equal(T)`` |
| ``L～H``, ``L-H``, ``L至H``, ``±H`` | 区间 ``range`` | ``Interval(L, H)`` |
| words (定性, 效果明显, 2023年12月底前完成 …) | 定性 ``qualitative`` | ``Qualitative()`` |
| 不适用, 不涉及 | 不适用 ``not_applicable`` | ``Manual()`` (the leaf is given 不适用) |
| a number without a comparison, 定量（其他） | 定量（其他） ``other`` | none: give a rule |

A strict comparison (``＞T``) scores as its inclusive one: at ``A = T`` the formula gives the full
points anyway. Full-width digits, signs and spaces are read as their ASCII forms (NFKC), and
``百分比`` is the unit ``%``. Text that starts like a number or a comparison but does not read as
one is refused with a [FrameworkError][perfscore.errors.FrameworkError] naming the indicator
(``B2.target: cannot read 指标值 '≥九十五'``): nothing is guessed.

Observations printed with a unit (``"92%"``, ``"8个"``, ``"132.9万元"``, ``"72,890元"``) are read
by [read_observed][perfscore.targets.read_observed] for the leaf's unit; the scoring engines call
it through `Indicator.observe`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final, Literal

import attrs

from perfscore.errors import FrameworkError, InvalidNumberError, ObservationError, PerfscoreError
from perfscore.numbers import _TRANSLATE, CURRENCY_UNITS, exact_context, to_decimal
from perfscore.rules import Equal, ExecutionRate, Forward, Interval, Manual, Qualitative, Reverse, Rule

__all__ = [
    "KIND_OF_COMPARISON",
    "KIND_ZH",
    "NOT_APPLICABLE_WORDS",
    "Target",
    "TargetKind",
    "canonical_unit",
    "check_target_unit",
    "parse",
    "read_observed",
]

TargetKind = Literal["forward", "reverse", "equal", "range", "qualitative", "not_applicable", "other"]
KIND_ZH: Final[dict[str, str]] = {
    "forward": "正向",
    "reverse": "反向",
    "equal": "等于",
    "range": "区间",
    "qualitative": "定性",
    "not_applicable": "不适用",
    "other": "定量（其他）",
}
"""The kinds of target and their Chinese names (指标类型)."""
NOT_APPLICABLE_WORDS: Final = frozenset({"不适用", "不涉及", "n/a", "na", "not applicable"})
"""Targets that mark the indicator as not applicable."""
# "定量（其他）" after NFKC: the fasp2 指标性质 for a number with no direction.
_OTHER_WORDS: Final = frozenset({"定量(其他)", "定量其他", "其他"})

# Printed comparisons, after NFKC (＞ → >, ＝ and ﹦ → =), by their canonical sign. Longest first
# when matched, so that 不低于 is not read as 低于.
_PREFIXES: Final[dict[str, str]] = {
    "≥": "≥",
    ">=": "≥",
    "≧": "≥",
    "⩾": "≥",
    "大于或等于": "≥",
    "大于等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "达到": "≥",
    "≤": "≤",
    "<=": "≤",
    "≦": "≤",
    "⩽": "≤",
    "小于或等于": "≤",
    "小于等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不多于": "≤",
    "不大于": "≤",
    ">": ">",
    "大于": ">",
    "高于": ">",
    "多于": ">",
    "超过": ">",
    "<": "<",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "==": "=",
    "=": "=",
    "等于": "=",
}
_PREFIX_ORDER: Final = sorted(_PREFIXES, key=len, reverse=True)
_SUFFIXES: Final[dict[str, str]] = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤"}
# Deadlines of 时效指标 ("9月前", "11月底前", "30天之前"): "by month 9" is ≤9 of the unit 月. Read
# so only when the rest is one number and a unit of time; "2023年12月前" stays a phrase.
_BEFORE: Final = ("之前", "以前", "前")
_TIME_UNITS: Final = frozenset({"月", "天", "日", "周", "年", "个月", "小时", "工作日", "个工作日"})
KIND_OF_COMPARISON: Final[dict[str, TargetKind]] = {
    "≥": "forward",
    ">": "forward",
    "≤": "reverse",
    "<": "reverse",
    "=": "equal",
}
"""The kind of target each canonical comparison gives (``"≥"`` → ``"forward"``, 正向)."""
_SIGN_CHARACTERS: Final = "≥≤<>=≧≦⩾⩽±"
#: Units written differently on forms, and the one perfscore keeps.
_UNIT_ALIASES: Final[dict[str, str]] = {"百分比": "%", "百分之": "%", "月底": "月", "月末": "月"}

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A unit: a short run (个, 万元, 百分比, 次/季度) of anything but digits, spaces, signs and range
# separators. Longer tails are words: "12月底前完成" is a phrase, not 12 of a unit.
_UNIT = r"[^\d\s.,+\-~至到≥≤<>=±]{1,4}"
_SINGLE: Final = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})?")
_RANGE: Final = re.compile(
    rf"(?P<low>{_NUMBER})\s*(?P<low_unit>{_UNIT})?\s*(?:-|~|〜|至|到)\s*"
    rf"(?P<high>{_NUMBER})\s*(?P<high_unit>{_UNIT})?"
)
_PLUS_MINUS: Final = re.compile(rf"±\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})?")
_MAX_TEXT: Final = 200


def _normal(text: str) -> str:
    """NFKC (full-width digits, signs and spaces to ASCII), typeset minus signs, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TRANSLATE).split())


def canonical_unit(unit: str | None) -> str | None:
    """The unit as perfscore keeps it: NFKC, ``百分比`` → ``%``; ``None`` for no unit.

    Args:
        unit: A unit as printed (``"百分比"``, ``"％"``, ``"万元"``).

    Returns:
        The canonical unit (``"%"``, ``"万元"``), or ``None`` for ``None`` or blank text.
    """
    if unit is None:
        return None
    text = _normal(unit)
    return _UNIT_ALIASES.get(text, text) or None


def _text(number: Decimal) -> str:
    return format(number, "f")


def _unsigned_zero(number: Decimal | None) -> Decimal | None:
    """``-0`` as ``0`` (``"≥-0"`` is ``≥0``): a printed minus on zero means nothing."""
    if isinstance(number, Decimal) and number.is_zero() and number.is_signed():
        return number.copy_abs()
    return number


@attrs.frozen
class Target:
    """A target (指标值) as printed, read: its kind, comparison, number(s) and unit.

    Two targets are equal when they mean the same (``"不低于95%"`` and ``"≥95%"``); the text as
    printed is kept in `text` but not compared. `str` prints the canonical form (``"≥95%"``,
    ``"90%～100%"``), which [parse][perfscore.targets.parse] reads back into an equal target.

    Attributes:
        kind: ``"forward"`` (正向), ``"reverse"`` (反向), ``"equal"`` (等于), ``"range"`` (区间),
            ``"qualitative"`` (定性), ``"not_applicable"`` (不适用) or ``"other"`` (定量（其他）).
        comparison: ``"≥"``, ``">"``, ``"≤"``, ``"<"`` or ``"="``; ``None`` for the other kinds.
        number: The target ``T``; the lower bound of a range; ``None`` when there is no number.
            A signed zero is kept as ``0`` (``"≥-0"`` is ``≥0``), here and in `upper`.
        upper: The upper bound of a range; ``None`` otherwise.
        unit: The unit (``"%"``, ``"个"``, ``"万元"``), ``None`` when none is printed.
        wording: The words of a qualitative target (or of 定量（其他） without a number).
        text: The text as printed.
    """

    kind: TargetKind
    comparison: str | None = None
    number: Decimal | None = attrs.field(default=None, converter=_unsigned_zero)
    upper: Decimal | None = attrs.field(default=None, converter=_unsigned_zero)
    unit: str | None = None
    wording: str | None = None
    text: str = attrs.field(default="", eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Built by parse, but public: a target that says two things is refused, not printed.
        if self.kind not in KIND_ZH:
            raise FrameworkError("kind", f"must be one of {', '.join(KIND_ZH)}, got {self.kind!r}")
        directed = self.kind in ("forward", "reverse", "equal")
        if directed != (self.comparison is not None) or (
            directed and KIND_OF_COMPARISON.get(self.comparison or "") != self.kind
        ):
            raise FrameworkError("comparison", f"{self.comparison!r} does not fit a {self.kind} target")
        if (directed or self.kind == "range") and not isinstance(self.number, Decimal):
            raise FrameworkError("number", f"a {self.kind} target needs a number")
        if (self.kind == "range") != (self.upper is not None):
            raise FrameworkError("upper", "only a range target has an upper bound")
        if self.kind == "range" and not (
            self.number is not None and self.upper is not None and self.number < self.upper
        ):
            raise FrameworkError("upper", "a range needs lower < upper")

    @property
    def kind_zh(self) -> str:
        """The kind's Chinese name (正向, 反向, 等于, 区间, 定性, 不适用, 定量（其他）)."""
        return KIND_ZH[self.kind]

    @property
    def numbers(self) -> tuple[Decimal, ...]:
        """The number(s) printed: ``(T,)``, ``(L, H)`` for a range, ``()`` for words."""
        return tuple(number for number in (self.number, self.upper) if number is not None)

    @property
    def is_quantitative(self) -> bool:
        """Whether the target carries a direction and a number (正向, 反向, 等于, 区间)."""
        return self.kind in ("forward", "reverse", "equal", "range")

    def __str__(self) -> str:
        unit = self.unit or ""
        if self.kind == "range":
            assert self.number is not None
            assert self.upper is not None
            return f"{_text(self.number)}{unit}～{_text(self.upper)}{unit}"
        if self.comparison is not None:
            assert self.number is not None
            return f"{self.comparison}{_text(self.number)}{unit}"
        if self.kind == "not_applicable":
            return "不适用"
        if self.number is not None:  # 定量（其他） with a number
            return f"{_text(self.number)}{unit}"
        return self.wording or KIND_ZH[self.kind]

    def rule(self, *, field: str = "target") -> Rule:
        """The scoring rule the target implies.

        ``≥T`` → `Forward(T)`, ``≤T`` → `Reverse(T)` (linear; ``≤0`` → `Equal(0)`, which scores
        the same), ``=T`` → `Equal(T)`, a range →
        `Interval(L, H)`, words → `Qualitative()`, 不适用 → `Manual()` (the leaf's observation
        is expected to be 不适用; a number given instead is read as the assessor's points).

        Args:
            field: Where the target is (``"B2.target"``), for the error message.

        Returns:
            The rule.

        Raises:
            FrameworkError: The target has no direction (定量（其他）, a bare number), or its
                number does not fit the rule (a negative ``≥``/``≤``/``=`` target).
        """
        try:
            if self.kind in ("forward", "reverse", "equal"):
                assert self.number is not None
                if self.number < 0:
                    raise FrameworkError(
                        "", f"{self}: a negative {self.kind_zh} target has no formula: give a rule"
                    )
                if self.kind == "reverse" and self.number == 0:
                    # "≤0" is "=0": full points for A ≤ 0, none above (Reverse(0) scores the same).
                    return Equal(self.number)
                if self.kind == "forward":
                    return Forward(self.number)
                return Reverse(self.number) if self.kind == "reverse" else Equal(self.number)
            if self.kind == "range":
                return Interval(self.number, self.upper)
        except PerfscoreError as error:
            raise FrameworkError(field, error.message if not error.field else str(error)) from None
        if self.kind == "qualitative":
            return Qualitative()
        if self.kind == "not_applicable":
            return Manual()
        if self.number is None:
            raise FrameworkError(
                field, f"{str(self)!r} has no comparison (≥, ≤, =, a range): give one, or an explicit rule"
            )
        # A bare figure ("100%", "43.2", "150万") is printed for "at least", "at most" and
        # "exactly" alike; which one the form meant is not in the text, so it is not guessed.
        shown = str(self)
        raise FrameworkError(
            field,
            f"{shown!r} has no comparison (≥, ≤, =, a range): give one, or an explicit rule "
            f"(e.g. target = '≥{shown}' for at least, '≤{shown}' for at most, '={shown}' for exactly)",
        )


def check_target_unit(target: Target, unit: str | None, *, field: str) -> None:
    """Refuse a leaf's unit (度量单位) that is not the unit of the target its rule is read from.

    ``target="≥95%"`` gives `Forward(95)`, a rule in %; a leaf unit 个 would read ``"95个"`` as
    95 and score it in %. A target with no unit (``"≥29"``) takes any unit; ``万`` printed on a
    target (``"≤150万"``) is 万元 for a 万元 leaf, as the form drops the 元.

    Args:
        target: The target read ([parse][perfscore.targets.parse]).
        unit: The leaf's unit as given, ``None`` for none.
        field: The leaf's unit field (``"C1.unit"``), for the error message.

    Raises:
        FrameworkError: Both have a unit and they differ.

    Examples:
        >>> check_target_unit(parse("≥95%"), "百分比", field="C1.unit")
        >>> check_target_unit(parse("≥95%"), "个", field="C1.unit")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        perfscore.errors.FrameworkError: C1.unit: 个 is not the target's unit (% in '≥95%'): give '%', ...
    """
    given = canonical_unit(unit)
    if target.unit is None or given is None or given == target.unit:
        return
    if target.unit == "万" and given == "万元":
        return
    raise FrameworkError(
        field,
        f"{given} is not the target's unit ({target.unit} in {str(target)!r}): "
        f"give {target.unit!r}, or a target in {given}",
    )


def _unreadable(field: str, text: str) -> FrameworkError:
    return FrameworkError(field, f"cannot read 指标值 {text!r}")


def _number(text: str, field: str, shown: str) -> Decimal:
    try:
        return to_decimal(text.replace(",", ""), field=field)
    except InvalidNumberError:
        raise _unreadable(field, shown) from None


def _quantity(body: str, field: str, shown: str) -> tuple[Decimal, str | None]:
    match = _SINGLE.fullmatch(body)
    if match is None:
        raise _unreadable(field, shown)
    return _number(match["number"], field, shown), canonical_unit(match["unit"])


def parse(text: object, *, field: str = "target") -> Target:
    """Read a target (指标值) as printed on a 自评表.

    Args:
        text: The target as printed: ``"≥95%"``, ``"≤90万元"``, ``"90%～100%"``, ``"不低于50个"``,
            ``"＝１００％"``, ``"效果明显"``, ``"不适用"``.
        field: Where the text comes from (``"B2.target"``), for the error message.

    Returns:
        The target.

    Raises:
        FrameworkError: The text is not text, is empty or too long, or starts like a number or a
            comparison but does not read as one (``B2.target: cannot read 指标值 '≥abc'``).

    Examples:
        >>> target = parse("≥100百分比")
        >>> target.kind, target.number, target.unit, str(target)
        ('forward', Decimal('100'), '%', '≥100%')
        >>> parse("不低于 50 个").rule()
        Forward(target=Decimal('50'))
        >>> str(parse("90%-100%")), parse("效果明显").kind
        ('90%～100%', 'qualitative')
        >>> parse("≥九十五", field="B2.target")
        Traceback (most recent call last):
        ...
        perfscore.errors.FrameworkError: B2.target: cannot read 指标值 '≥九十五'
    """
    if not isinstance(text, str):
        raise FrameworkError(field, f"must be text, got {type(text).__name__}")
    if len(text) > _MAX_TEXT:
        raise FrameworkError(field, f"is too long to be one 指标值 ({len(text)} characters)")
    body = _normal(text)
    if not body:
        raise FrameworkError(field, "cannot read 指标值: it is empty")
    if body.lower() in NOT_APPLICABLE_WORDS:
        return Target("not_applicable", text=text)
    if body.replace(" ", "") in _OTHER_WORDS:
        return Target("other", wording=KIND_ZH["other"], text=text)
    if not any(character.isdigit() for character in body):
        if body[0] in _SIGN_CHARACTERS:
            raise _unreadable(field, text)
        return Target("qualitative", wording=body, text=text)
    match = _PLUS_MINUS.fullmatch(body)
    if match is not None:
        bound = _number(match["number"], field, text)
        if bound == 0:
            raise _unreadable(field, text)
        return Target("range", number=-bound, upper=bound, unit=canonical_unit(match["unit"]), text=text)
    sign = next((prefix for prefix in _PREFIX_ORDER if body.startswith(prefix)), None)
    comparison: str | None
    if sign is not None:
        rest = body[len(sign) :].strip()
        comparison = _PREFIXES[sign]
        echo = next((word for word in _SUFFIXES if rest.endswith(word)), None)
        if echo is not None and _SUFFIXES[echo] == comparison:  # "≥95%以上" says it twice
            rest = rest[: -len(echo)].strip()
    else:
        suffix = next((word for word in _SUFFIXES if body.endswith(word)), None)
        rest = body[: -len(suffix)].strip() if suffix else body
        comparison = _SUFFIXES[suffix] if suffix else None
    if comparison is not None:
        number, unit = _quantity(rest, field, text)
        return Target(KIND_OF_COMPARISON[comparison], comparison, number, unit=unit, text=text)
    ranged = _RANGE.fullmatch(body)
    if ranged is not None:
        low = _number(ranged["low"], field, text)
        high = _number(ranged["high"], field, text)
        low_unit, high_unit = canonical_unit(ranged["low_unit"]), canonical_unit(ranged["high_unit"])
        if low_unit is not None and high_unit is not None and low_unit != high_unit:
            raise FrameworkError(field, f"cannot read 指标值 {text!r}: its bounds have different units")
        if low >= high:
            raise FrameworkError(field, f"cannot read 指标值 {text!r}: a range needs lower < upper")
        return Target("range", number=low, upper=high, unit=high_unit or low_unit, text=text)
    deadline = _deadline(body, field, text)
    if deadline is not None:
        return deadline
    if _SINGLE.fullmatch(body) is None and _is_phrase(body):
        return Target("qualitative", wording=body, text=text)  # "2023年12月底前完成"
    number, unit = _quantity(body, field, text)  # a number without a comparison: 定量（其他）
    return Target("other", number=number, unit=unit, text=text)


def _deadline(body: str, field: str, text: str) -> Target | None:
    """A 时效 deadline ("9月前", "11月底前"): ``≤N`` of a unit of time; ``None`` otherwise."""
    suffix = next((word for word in _BEFORE if body.endswith(word)), None)
    if suffix is None:
        return None
    match = _SINGLE.fullmatch(body[: -len(suffix)].strip())
    if match is None or canonical_unit(match["unit"]) not in _TIME_UNITS:
        return None
    number = _number(match["number"], field, text)
    return Target("reverse", "≤", number, unit=canonical_unit(match["unit"]), text=text)


def _is_phrase(body: str) -> bool:
    """Words with numbers in them (a date, a deadline), not a figure: two ideographs or more."""
    return sum(1 for character in body if unicodedata.category(character) == "Lo") >= 2


_OBSERVED: Final = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})?")


#: Text that is a plain number already (no unit, no separators, ASCII digits).
_PLAIN_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _refuse_words(value: str, body: str, *, unit: str | None, rule: Rule | None, field: str) -> None:
    """Words printed as 实际完成值 where the rule needs more: say what to give instead.

    A 自评表 prints "完成" against "≤30万元" (大英 2023) and "优" or "达成预期指标" with the points
    in the 得分 column; the rule alone would say "is not a decimal number" or "must be {tier,
    points}". The words are not read into a figure or a score: that would be a guess. Only
    text with Chinese words is explained here; other text is left to the rule's own message.
    """
    if not any(unicodedata.category(character) == "Lo" for character in body):
        return
    if isinstance(rule, (Forward, Reverse, Equal, Interval)):
        wanted = f" in {canonical_unit(unit)}" if canonical_unit(unit) else ""
        raise ObservationError(
            field,
            f"{value!r} is words, but the indicator's rule ({rule.name_zh}) needs the 实际完成值 as a "
            f"figure{wanted}: give the figure, or score the row by judgement (a manual rule)",
        )
    if isinstance(rule, Qualitative):
        tier = _TIER_WORDS.get(body)
        named = f"names the tier {tier} but gives no points" if tier else "is not a tier with points"
        raise ObservationError(
            field,
            f"{value!r} {named}: a qualitative (定性) indicator is scored from its 得分 in a tier "
            f'(达成, 部分达成, 未达成): give {{tier = "{tier or "达成"}", points = …}}, '
            "or the points in a batch column",
        )


def _bound(value: str, body: str, *, rule: Rule | None, field: str) -> str | None:
    """The figure of an actual value printed as a bound ("≥266米", "≥90%"), or ``None``.

    Forms print the 实际完成值 of a row that met its target as the target itself (中江 2022:
    "≥266米" against "≥266米"). A bound in the rule's own direction — at least ``X`` for a
    正向 rule, at most ``X`` for a 反向 one — is read as ``X``: the least score the printed
    claim allows, and the full points when ``X`` is the target. A bound the other way gives no
    such score and is refused.
    """
    if not body or (body[0] not in _SIGN_CHARACTERS and not any(body.startswith(p) for p in _PREFIX_ORDER)):
        return None
    try:
        claim = parse(body, field=field)
    except FrameworkError:
        return None
    if claim.kind not in ("forward", "reverse") or claim.number is None:
        return None
    if (claim.kind == "forward" and isinstance(rule, Forward)) or (
        claim.kind == "reverse" and isinstance(rule, Reverse)
    ):
        return f"{_text(claim.number)}{claim.unit or ''}"
    raise ObservationError(
        field,
        f"{value!r} is a bound ({claim.kind_zh}), not a figure, and a bound gives a score only for a "
        f"rule of the same direction: give the figure",
    )


# Printed 实际完成值 of a qualitative row that name a tier (财预〔2020〕10号 wording).
_TIER_WORDS: Final[dict[str, str]] = {
    "达成": "达成",
    "达成预期指标": "达成",
    "部分达成": "部分达成",
    "部分达成预期指标": "部分达成",
    "部分达成预期指标并具有一定效果": "部分达成",
    "未达成": "未达成",
    "未达成预期指标": "未达成",
    "未达成预期指标且效果较差": "未达成",
}


def read_observed(value: object, *, unit: str | None, rule: Rule | None = None, field: str) -> object:
    """Read an observation (实际完成值) as printed, for a leaf whose unit is ``unit``.

    Text with a number and a unit (``"92%"``, ``"8个"``, ``"132.9万元"``, ``"72,890元"``,
    ``"１００％"``) becomes the number in the leaf's unit: the unit must be the leaf's (``百分比``
    is ``%``), or both must be currency units (元, 千元, 万元, 亿元), in which case the amount is
    converted exactly (``"72,890元"`` for a 万元 leaf is 7.289). An actual value printed as a
    bound in the rule's direction (``"≥90%"`` for a 正向 leaf, ``"≤5万元"`` for a 反向 one) is
    read as its figure, the least score it allows; the other way it is refused. Text with no
    unit but thousands separators or full-width digits becomes its number. Anything else
    (numbers, mappings, words, 不适用) is returned unchanged for the rule to read, and so is any
    text for an
    [ExecutionRate][perfscore.rules.ExecutionRate] leaf, which reads ``"86%"`` itself.

    Args:
        value: The observation as given.
        unit: The leaf's unit (`Indicator.unit`), ``None`` when it has none.
        rule: The leaf's rule.
        field: The leaf's code, for the error message.

    Returns:
        The observation, with printed numbers read into decimals.

    Raises:
        ObservationError: The text carries a unit that does not fit the leaf's; or it is words
            (``"完成"``, ``"优"``) where the rule needs a figure (正向, 反向, 等于, 区间) or a tier
            with points (定性): the message says what to give.

    Examples:
        >>> read_observed("92%", unit="%", field="C1")
        Decimal('92')
        >>> read_observed("72,890元", unit="万元", field="C3")
        Decimal('7.2890')
        >>> read_observed("8个", unit="%", field="C1")
        Traceback (most recent call last):
        ...
        perfscore.errors.ObservationError: C1: '8个' is in 个, but the indicator's unit is %
    """
    # The hot path first: numbers, and plain "12.34" (no unit to check), go to the rule as they are.
    if not isinstance(value, str) or _PLAIN_NUMBER.fullmatch(value) or isinstance(rule, ExecutionRate):
        return value
    body = _normal(value)
    match = _OBSERVED.fullmatch(body)
    if body.lower() in NOT_APPLICABLE_WORDS:
        return value
    if match is None:
        bound = _bound(value, body, rule=rule, field=field)
        if bound is not None:
            return read_observed(bound, unit=unit, rule=rule, field=field)
        _refuse_words(value, body, unit=unit, rule=rule, field=field)
        return value  # words, or nothing a number: the rule reads it (or refuses it by name)
    try:
        number = to_decimal(match["number"].replace(",", ""), field=field)
    except InvalidNumberError as error:
        raise ObservationError(field, error.message) from None
    given = canonical_unit(match["unit"])
    if given is None:
        return number
    expected = canonical_unit(unit)
    if given == "万" and expected in CURRENCY_UNITS:
        given = "万元"  # "125.25万" in a 万元 column: forms drop the 元
    if given == expected:
        return number
    if expected in CURRENCY_UNITS and given in CURRENCY_UNITS:
        # As parse_amount converts: times the exact factor, so the places printed are kept.
        context = exact_context()
        factor = context.divide(Decimal(CURRENCY_UNITS[given]), Decimal(CURRENCY_UNITS[expected]))
        return context.multiply(number, factor)
    if expected is None:
        raise ObservationError(
            field, f"{value!r} is in {given}, but the indicator has no unit: give the number, or set its unit"
        )
    raise ObservationError(field, f"{value!r} is in {given}, but the indicator's unit is {expected}")
