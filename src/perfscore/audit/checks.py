"""Generic consistency checks of stated figures (一致性核对).

Each check is a frozen value holding the [`Figure`][perfscore.audit.findings.Figure] objects it
relates; `run` returns a [`Finding`][perfscore.audit.findings.Finding] when the text breaks the
relation and ``None`` when it holds. They know nothing of any template: the parser
(`perfscore.audit.parser`) builds them from the 部门决算 template's relationships, and any
other code can build them from figures of its own.

**Precision.** A stated figure is compared at its own precision: written with *k* decimal places,
it agrees with a computed value when that value, rounded half up (四舍五入) to *k* places, equals
it. A stated "20%" agrees with 20.006%; "849.33" does not agree with 849.32. Percentages are
computed with [`perfscore.percent`][perfscore.numbers.percent], ratios with
[`perfscore.rates`][perfscore.rates], sums exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

import attrs

from perfscore.audit.findings import Figure, Finding, FindingKind, places_of
from perfscore.numbers import exact_context, percent, round_half_up
from perfscore.rates import budget_deviation, change_rate, share

__all__ = [
    "ChangeCheck",
    "Check",
    "CountCheck",
    "DeviationCheck",
    "SameFigureCheck",
    "ShareCheck",
    "SumCheck",
    "agrees",
    "at_precision_of",
    "run_checks",
]


def at_precision_of(stated: Decimal, computed: Decimal) -> Decimal:
    """``computed`` rounded half up to the places ``stated`` is written with.

    Args:
        stated: A figure as the text states it.
        computed: The exact value that follows from other figures.

    Returns:
        ``computed`` at the precision of ``stated``.

    Examples:
        >>> at_precision_of(Decimal("20"), Decimal("20.006"))
        Decimal('20')
    """
    return round_half_up(computed, places_of(stated), field="computed")


def agrees(stated: Decimal, computed: Decimal) -> bool:
    """Whether a stated figure agrees with a computed value at the stated precision (按所述精度一致).

    Args:
        stated: A figure as the text states it; its places set the precision.
        computed: The exact value that follows from other figures.

    Returns:
        ``True`` when ``computed`` rounded half up to the places of ``stated`` equals it.

    Examples:
        >>> agrees(Decimal("20"), Decimal("20.01"))
        True
        >>> agrees(Decimal("849.33"), Decimal("849.32"))
        False
    """
    return at_precision_of(stated, computed) == stated


def _sum(figures: Iterable[Figure]) -> Decimal:
    context = exact_context()
    total = Decimal(0)
    for figure in figures:
        total = context.add(total, figure.value)
    return total


def _plain(value: Decimal) -> str:
    return f"{value:f}"


class Check(Protocol):
    """What every check offers: a label and [`run`][perfscore.audit.checks.Check.run]."""

    @property
    def label(self) -> str:
        """Which relation the check is about."""
        ...

    def run(self) -> Finding | None:
        """Check the relation: a finding when the text breaks it, else ``None``."""
        ...


@attrs.frozen
class SumCheck:
    """Parts add up to their total (分项之和等于合计).

    The exact sum of the parts, rounded to the total's places, must equal the stated total.
    Counts (人, 个, 辆) and points (分) are sums too.

    Attributes:
        label: Which relation, e.g. ``"社会保障和就业支出 = Σ 项"``.
        parts: The parts, at least one.
        total: The stated total.
    """

    label: str
    parts: tuple[Figure, ...]
    total: Figure

    def run(self) -> Finding | None:
        """Check the sum: a `FindingKind.SUM` finding when the parts do not add up."""
        computed = _sum(self.parts)
        if agrees(self.total.value, computed):
            return None
        expected = at_precision_of(self.total.value, computed)
        return Finding(
            kind=FindingKind.SUM,
            label=self.label,
            figures=(self.total, *self.parts),
            stated=self.total.value,
            expected=expected,
            message=(
                f"{self.total.label} is stated as {_plain(self.total.value)} but its "
                f"{len(self.parts)} parts add up to {_plain(computed)}"
            ),
        )


@attrs.frozen
class ShareCheck:
    """A stated share (占比) follows from its amount and the whole.

    Attributes:
        label: Which share.
        part: The amount.
        whole: The figures whose sum is the whole (one figure for a stated total; several when
            the text states the whole only as its parts, like the "三公" total).
        share: The stated share, a percentage (``Decimal("26.82")`` for "占26.82%").
    """

    label: str
    part: Figure
    whole: tuple[Figure, ...]
    share: Figure

    def run(self) -> Finding | None:
        """Check the share: a `FindingKind.SHARE` finding when it does not follow."""
        total = _sum(self.whole)
        figures = (self.share, self.part, *self.whole)
        if total <= 0:
            if self.part.value == 0 and self.share.value == 0:
                return None
            return Finding(
                kind=FindingKind.SHARE,
                label=self.label,
                figures=figures,
                stated=self.share.value,
                expected=Decimal(0),
                message=f"a share of {_plain(self.share.value)}% is stated of a whole of {_plain(total)}",
            )
        computed = percent(share(self.part.value, total), places_of(self.share.value))
        if computed == self.share.value:
            return None
        return Finding(
            kind=FindingKind.SHARE,
            label=self.label,
            figures=figures,
            stated=self.share.value,
            expected=computed,
            message=(
                f"{_plain(self.part.value)} of {_plain(total)} is {_plain(computed)}%, "
                f"but {_plain(self.share.value)}% is stated"
            ),
        )


@attrs.frozen
class ChangeCheck:
    """A stated year-on-year change (增减额, 增减率) follows from both years.

    The previous year is the stated one when the text gives it, else ``current − amount``. When
    both years and the amount are stated, the amount must equal their difference; when a rate is
    stated, it must equal [`perfscore.change_rate`][perfscore.rates.change_rate] as a percentage at its
    places. A rate stated against a previous year of zero or less is a finding (the rate is undefined).

    Attributes:
        label: Which change.
        current: 本年数.
        previous: 上年数, when stated.
        amount: The signed change amount (增加 +, 减少 −), when stated.
        rate: The signed change percentage (增长 +, 下降 −), when stated.
    """

    label: str
    current: Figure
    previous: Figure | None = None
    amount: Figure | None = None
    rate: Figure | None = None

    def _figures(self) -> tuple[Figure, ...]:
        return tuple(f for f in (self.current, self.previous, self.amount) if f is not None)

    def run(self) -> Finding | None:
        """Check the change: a `FindingKind.CHANGE` finding when it does not follow."""
        context = exact_context()
        if self.previous is not None:
            previous = self.previous.value
            if self.amount is not None:
                difference = context.subtract(self.current.value, previous)
                if not agrees(self.amount.value, difference):
                    return Finding(
                        kind=FindingKind.CHANGE,
                        label=self.label,
                        figures=(self.amount, self.current, self.previous),
                        stated=self.amount.value,
                        expected=at_precision_of(self.amount.value, difference),
                        message=(
                            f"{_plain(self.current.value)} against {_plain(previous)} is a change of "
                            f"{_plain(difference)}, but {_plain(self.amount.value)} is stated"
                        ),
                    )
        elif self.amount is not None:
            previous = context.subtract(self.current.value, self.amount.value)
        else:
            return None
        if self.rate is None:
            return None
        figures = (self.rate, *self._figures())
        if previous <= 0:
            return Finding(
                kind=FindingKind.CHANGE,
                label=self.label,
                figures=figures,
                stated=self.rate.value,
                expected=Decimal(0),
                message=(
                    f"a change of {_plain(self.rate.value)}% is stated, but the previous year "
                    f"({_plain(previous)}) is not positive, so no rate follows"
                ),
            )
        computed = percent(change_rate(self.current.value, previous), places_of(self.rate.value))
        if computed == self.rate.value:
            return None
        return Finding(
            kind=FindingKind.CHANGE,
            label=self.label,
            figures=figures,
            stated=self.rate.value,
            expected=computed,
            message=(
                f"{_plain(self.current.value)} against {_plain(previous)} the year before is a change "
                f"of {_plain(computed)}%, but {_plain(self.rate.value)}% is stated"
            ),
        )


@attrs.frozen
class DeviationCheck:
    """A stated 预算偏离度 follows from 预算执行数 and 年初预算数.

    Attributes:
        label: Which deviation.
        actual: 预算执行数.
        budget: 年初预算数.
        deviation: The stated deviation, a signed percentage.
    """

    label: str
    actual: Figure
    budget: Figure
    deviation: Figure

    def run(self) -> Finding | None:
        """Check the deviation: a `FindingKind.DEVIATION` finding when it does not follow."""
        figures = (self.deviation, self.actual, self.budget)
        if self.budget.value <= 0:
            return Finding(
                kind=FindingKind.DEVIATION,
                label=self.label,
                figures=figures,
                stated=self.deviation.value,
                expected=Decimal(0),
                message=f"a deviation is stated against a 年初预算数 of {_plain(self.budget.value)}",
            )
        computed = percent(
            budget_deviation(self.actual.value, self.budget.value), places_of(self.deviation.value)
        )
        # Texts state the deviation's size; a stated 74.25% is read as +74.25% or −74.25%.
        stated = self.deviation.value
        if computed == stated or (stated > 0 and -computed == stated):
            return None
        return Finding(
            kind=FindingKind.DEVIATION,
            label=self.label,
            figures=figures,
            stated=self.deviation.value,
            expected=computed,
            message=(
                f"({_plain(self.actual.value)} − {_plain(self.budget.value)}) / {_plain(self.budget.value)} "
                f"is {_plain(computed)}%, but {_plain(self.deviation.value)}% is stated"
            ),
        )


@attrs.frozen
class SameFigureCheck:
    """The same figure, stated in two places, has the same value (前后一致).

    The more precise statement is rounded to the places of the less precise one: "7,463.9" and
    "7,463.89" agree; "849.33" and "849.32" do not.

    Attributes:
        label: Which figure.
        first: The first statement (the reference).
        second: The second statement.
    """

    label: str
    first: Figure
    second: Figure

    def run(self) -> Finding | None:
        """Check the two statements: a `FindingKind.SAME_FIGURE` finding when they differ."""
        coarse, fine = (
            (self.first, self.second) if self.first.places < self.second.places else (self.second, self.first)
        )
        if agrees(coarse.value, fine.value):
            return None
        return Finding(
            kind=FindingKind.SAME_FIGURE,
            label=self.label,
            figures=(self.second, self.first),
            stated=self.second.value,
            expected=at_precision_of(self.second.value, self.first.value),
            message=(
                f"stated as {_plain(self.first.value)} on line {self.first.line} "
                f"and as {_plain(self.second.value)} on line {self.second.line}"
            ),
        )


@attrs.frozen
class CountCheck:
    """A stated count matches the list of names given with it (数量与列举一致).

    Attributes:
        label: What is counted.
        count: The stated count.
        listing: The list as a figure: its value is the number of names, its quote the list.
        names: The names listed.
    """

    label: str
    count: Figure
    listing: Figure
    names: tuple[str, ...]

    def run(self) -> Finding | None:
        """Check the count: a `FindingKind.COUNT` finding when it differs from the list."""
        if self.count.value == len(self.names):
            return None
        return Finding(
            kind=FindingKind.COUNT,
            label=self.label,
            figures=(self.count, self.listing),
            stated=self.count.value,
            expected=Decimal(len(self.names)),
            message=(
                f"{_plain(self.count.value)} are stated but {len(self.names)} are listed: "
                + "、".join(self.names)
            ),
        )


def run_checks(checks: Iterable[Check]) -> tuple[Finding, ...]:
    """Run checks and collect their findings, in the order of the checks.

    Args:
        checks: Any checks.

    Returns:
        The findings; empty when every relation holds.
    """
    return tuple(finding for check in checks if (finding := check.run()) is not None)
