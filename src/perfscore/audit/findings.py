"""What an audit reports: the figures it read and the inconsistencies it found (数字与问题).

A [`Figure`][perfscore.audit.findings.Figure] is one number as a text states it — its value, its meaning, the
line it came from and the quoted text around it. A [`Finding`][perfscore.audit.findings.Finding] is one
relation between figures that the text breaks: what kind of relation, every figure involved, what was stated
and what follows from the others. Both are frozen values;
[`Finding.to_dict`][perfscore.audit.findings.Finding.to_dict] gives plain JSON data.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from perfscore.errors import InvalidNumberError
from perfscore.numbers import to_decimal

__all__ = ["MAX_PLACES", "Figure", "Finding", "FindingKind", "UnplacedText", "places_of"]


def places_of(value: Decimal) -> int:
    """The decimal places a figure is written with (小数位数).

    ``Decimal("13.2")`` has 1, ``Decimal("20")`` and ``Decimal("2E+1")`` have 0.

    Args:
        value: A figure as read by [`perfscore.numbers.parse_amount`][perfscore.numbers.parse_amount].

    Returns:
        The number of places, at least 0.

    Examples:
        >>> places_of(Decimal("849.33")), places_of(Decimal("20"))
        (2, 0)
    """
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


MAX_PLACES = 30
"""The most decimal places a figure may be written with (what `round_half_up` accepts)."""


def _figure_value(value: object) -> Decimal:
    number = to_decimal(value, field="value")
    if places_of(number) > MAX_PLACES:
        raise InvalidNumberError("value", f"must have at most {MAX_PLACES} decimal places, got {number}")
    return number


@attrs.frozen
class Figure:
    """One figure as a text states it (文中数字).

    Attributes:
        label: What the figure is, e.g. ``"社会保障和就业支出"`` or ``"本年支出合计"``.
        value: The value meant, signed: "减少6.5万元" is ``Decimal("-6.5")``. It keeps the places
            the text shows, so that it can be compared at its own precision. Anything
            [`perfscore.numbers.to_decimal`][perfscore.numbers.to_decimal] accepts, with at most `MAX_PLACES`
            places; otherwise [`InvalidNumberError`][perfscore.errors.InvalidNumberError].
        line: The 1-based line of the text it came from (0 for a value implied by the template,
            such as a zero change stated in words).
        quote: The text around the figure, as written.
    """

    label: str
    value: Decimal = attrs.field(converter=_figure_value)
    line: int
    quote: str

    @property
    def places(self) -> int:
        """The decimal places the figure is written with."""
        return places_of(self.value)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the value as a string, so that no digit is lost."""
        return {"label": self.label, "value": str(self.value), "line": self.line, "quote": self.quote}


class FindingKind(enum.StrEnum):
    """The kind of relation a finding is about (问题类型)."""

    SUM = "sum"
    """Parts do not add up to their stated total (分项之和 ≠ 合计)."""
    SHARE = "share"
    """A stated share (占比) does not follow from its amount and the whole."""
    CHANGE = "change"
    """A stated year-on-year change (增减额/增减率) does not follow from the amounts."""
    DEVIATION = "deviation"
    """A stated 预算偏离度 does not follow from 执行数 and 年初预算数."""
    SAME_FIGURE = "same_figure"
    """The same figure is stated twice with different values (前后不一致)."""
    COUNT = "count"
    """A stated count does not match the list that follows it (数量与列举不符)."""


@attrs.frozen
class Finding:
    """One inconsistency in a text (不一致之处).

    Attributes:
        kind: The kind of relation broken.
        label: Which relation, e.g. ``"社会保障和就业支出: 正文 = 附件"``.
        figures: Every figure involved, each with its line and quoted text. The figure whose
            value is checked (the stated one) comes first.
        stated: The value the text states.
        expected: What follows from the other figures, at the stated figure's precision.
        message: One sentence for a person.
    """

    kind: FindingKind
    label: str
    figures: tuple[Figure, ...]
    stated: Decimal
    expected: Decimal
    message: str

    @property
    def lines(self) -> tuple[int, ...]:
        """The lines of the figures involved, sorted, without repeats."""
        return tuple(sorted({figure.line for figure in self.figures if figure.line > 0}))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: decimals as strings, the kind as its name."""
        return {
            "kind": self.kind.value,
            "label": self.label,
            "stated": str(self.stated),
            "expected": str(self.expected),
            "message": self.message,
            "lines": list(self.lines),
            "figures": [figure.to_dict() for figure in self.figures],
        }


@attrs.frozen
class UnplacedText:
    """Figures on a line that the parser could not place in the template (未能识别的数字).

    Attributes:
        line: The 1-based line.
        figures: The figures as written, in order.
        text: The line, shortened to at most 120 characters.
        reason: Why they were not placed.
    """

    line: int
    figures: tuple[str, ...]
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"line": self.line, "figures": list(self.figures), "text": self.text, "reason": self.reason}
