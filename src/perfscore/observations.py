"""Observations (实际完成值) with their metadata and budget figures, as an observations file holds them.

[`Observations`][perfscore.observations.Observations] is a read-only mapping of leaf code → observation, so it
can be passed straight to [`perfscore.Framework.score`][perfscore.framework.Framework.score]; it also carries
the evaluation's [`Metadata`][perfscore.observations.Metadata] (单位名称, 年度) and, optionally, the unit's
[`BudgetFigures`][perfscore.observations.BudgetFigures] (执行数, 年初预算数, 调整后预算数) from which the
budget rates are computed, a project's 项目资金 block ([ProjectFunds][perfscore.funds.ProjectFunds]) that
feeds its 预算执行率 leaf, and the 偏差原因分析及改进措施 text of each leaf.

Where the 项目资金 block feeds the 预算执行率 leaf: in one place,
[Observations.for_scoring][perfscore.observations.Observations.for_scoring]. It gives every
[ExecutionRate][perfscore.rules.ExecutionRate] leaf that has no observation of its own the block
as its observation; ``perfscore score`` calls it. ``framework.score(observations)`` itself reads
only the observations given.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from perfscore.errors import FrameworkError, InvalidNumberError, ObservationError, describe
from perfscore.funds import ProjectFunds
from perfscore.numbers import CURRENCY_UNITS, to_decimal
from perfscore.rates import budget_deviation, execution_rate

if TYPE_CHECKING:
    from perfscore.framework import Framework

__all__ = ["BudgetFigures", "Metadata", "Observations"]


def _optional_text(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ObservationError(name, f"must be a non-empty text, got {describe(value)}")
    return value.strip()


# attrs converters must be named functions for mypy; one per field.
def _unit(value: object) -> str | None:
    return _optional_text("unit", value)


def _framework(value: object) -> str | None:
    return _optional_text("framework", value)


def _source(value: object) -> str | None:
    return _optional_text("source", value)


def _note(value: object) -> str | None:
    return _optional_text("note", value)


def _project(value: object) -> str | None:
    return _optional_text("project", value)


def _department(value: object) -> str | None:
    return _optional_text("department", value)


def _implementer(value: object) -> str | None:
    return _optional_text("implementer", value)


def _goal(value: object) -> str | None:
    return _optional_text("goal", value)


def _outcome(value: object) -> str | None:
    return _optional_text("outcome", value)


def _year(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2999:
        raise ObservationError("year", f"must be a year such as 2023, got {value!r}")
    return value


@attrs.frozen
class Metadata:
    """What an observations file says about itself (元数据). Every field is optional.

    Attributes:
        unit: The evaluated unit (单位名称), e.g. 中共攀枝花市委办公室.
        year: The budget year (年度), e.g. 2023.
        framework: The name of the framework the observations are for.
        source: Where the figures come from (a report's title or address).
        note: Free text.
        project: 项目名称, the project a project self-evaluation form (项目支出绩效自评表) is for.
        department: 主管部门, the supervising department.
        implementer: 实施单位, the unit that carried the project out.
        goal: 年度总体目标 (预期目标), the year's overall goal as the form states it.
        outcome: 年度总体目标实际完成情况, what was actually achieved.
    """

    unit: str | None = attrs.field(default=None, converter=_unit)
    year: int | None = attrs.field(default=None, converter=_year)
    framework: str | None = attrs.field(default=None, converter=_framework)
    source: str | None = attrs.field(default=None, converter=_source)
    note: str | None = attrs.field(default=None, converter=_note)
    project: str | None = attrs.field(default=None, converter=_project)
    department: str | None = attrs.field(default=None, converter=_department)
    implementer: str | None = attrs.field(default=None, converter=_implementer)
    goal: str | None = attrs.field(default=None, converter=_goal)
    outcome: str | None = attrs.field(default=None, converter=_outcome)

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, as plain data."""
        return {
            field.name: getattr(self, field.name)
            for field in attrs.fields(Metadata)
            if getattr(self, field.name) is not None
        }


def _amount(name: str, value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return to_decimal(value, field=name)
    except InvalidNumberError as error:
        raise ObservationError(name, error.message) from None


def _executed(value: object) -> Decimal:
    amount = _amount("executed", value)
    if amount is None:
        raise ObservationError("executed", "is required (执行数)")
    return amount


def _initial(value: object) -> Decimal | None:
    return _amount("initial", value)


def _adjusted(value: object) -> Decimal | None:
    return _amount("adjusted", value)


def _currency(value: object) -> str:
    if not isinstance(value, str) or value not in CURRENCY_UNITS:
        raise ObservationError("currency", f"must be one of {', '.join(CURRENCY_UNITS)}, got {value!r}")
    return value


@attrs.frozen
class BudgetFigures:
    """A unit's budget figures (预算数据), from which the budget rates are computed.

    Attributes:
        executed: 执行数 (预算执行数, 支出决算数).
        initial: 年初预算数, the denominator of 预算偏离度.
        adjusted: 调整后预算数 (全年预算数), the denominator of 预算执行率.
        currency: The unit of the amounts (万元 by default).

    Examples:
        The seed: 执行数 7,463.89 万元 against 年初预算数 4,283.43 万元.

        >>> from perfscore import percent
        >>> figures = BudgetFigures(executed="7463.89", initial="4283.43")
        >>> percent(figures.deviation())
        Decimal('74.25')
    """

    executed: Decimal = attrs.field(converter=_executed)
    initial: Decimal | None = attrs.field(default=None, converter=_initial)
    adjusted: Decimal | None = attrs.field(default=None, converter=_adjusted)
    currency: str = attrs.field(default="万元", converter=_currency)

    def deviation(self) -> Decimal:
        """预算偏离度: (执行数 − 年初预算数) ÷ 年初预算数, as an exact ratio.

        Raises:
            ObservationError: No 年初预算数 was given.
            DenominatorError: The 年初预算数 is zero or negative.
        """
        if self.initial is None:
            raise ObservationError("budget.initial", "is needed for 预算偏离度 (年初预算数)")
        return budget_deviation(self.executed, self.initial)

    def execution(self) -> Decimal:
        """预算执行率: 执行数 ÷ 调整后预算数, as an exact ratio.

        Raises:
            ObservationError: No 调整后预算数 was given.
            DenominatorError: The 调整后预算数 is zero or negative.
        """
        if self.adjusted is None:
            raise ObservationError("budget.adjusted", "is needed for 预算执行率 (调整后预算数)")
        return execution_rate(self.executed, self.adjusted)

    def to_dict(self) -> dict[str, Any]:
        """The figures that are set, as plain data (amounts as Decimals)."""
        data: dict[str, Any] = {"executed": self.executed}
        for name in ("initial", "adjusted"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        data["currency"] = self.currency
        return data


def _values(value: object) -> dict[str, object]:
    if not isinstance(value, Mapping):
        raise ObservationError("observations", f"must be a mapping of leaf codes, got {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise ObservationError(repr(key), "observation keys must be indicator codes (text)")
    return dict(value)


def _metadata(value: object) -> Metadata:
    if not isinstance(value, Metadata):
        raise FrameworkError("meta", f"must be a Metadata, got {type(value).__name__}")
    return value


def _budget(value: object) -> BudgetFigures | None:
    if value is not None and not isinstance(value, BudgetFigures):
        raise FrameworkError("budget", f"must be BudgetFigures or None, got {type(value).__name__}")
    return value


def _funds(value: object) -> ProjectFunds | None:
    if value is not None and not isinstance(value, ProjectFunds):
        raise FrameworkError("funds", f"must be ProjectFunds or None, got {type(value).__name__}")
    return value


def _reasons(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ObservationError(
            "reasons", f"must be a mapping of leaf code → text, got {type(value).__name__}"
        )
    reasons: dict[str, str] = {}
    for code, text in value.items():
        if not isinstance(code, str):
            raise ObservationError(describe(code), "reason keys must be indicator codes (text)")
        if not code.strip():
            raise ObservationError("reasons", f"a key is blank ({code!r}): keys are indicator codes")
        if not isinstance(text, str) or not text.strip():
            raise ObservationError(f"reasons.{code}", f"must be a non-empty text, got {describe(text)}")
        reasons[code] = text.strip()
    return reasons


def _stated(value: object) -> dict[str, object]:
    if not isinstance(value, Mapping):
        raise ObservationError("stated", f"must be a mapping of code → 得分, got {type(value).__name__}")
    stated: dict[str, object] = {}
    for code, score in value.items():
        if not isinstance(code, str):
            raise ObservationError(describe(code), "stated keys must be indicator codes (text)")
        if not code.strip():
            raise ObservationError("stated", f"a key is blank ({code!r}): keys are indicator codes or total")
        if isinstance(score, bool) or not isinstance(score, (str, int, Decimal)):
            raise ObservationError(
                f"stated.{code}", f"must be a number or printed text, got {describe(score)}"
            )
        stated[code] = score
    return stated


@attrs.frozen(eq=False)
class Observations(Mapping[str, object]):
    """Observations by leaf code, with metadata and budget figures (实际完成值及元数据).

    A read-only mapping: ``framework.score(observations)`` works as with a ``dict``. Two
    ``Observations`` are equal when their values, metadata and budget figures are; compared
    with another mapping, only the values count.

    Attributes:
        observed: Leaf code → observation.
        meta: What the file says about itself.
        budget: The unit's budget figures, when given.
        funds: The project's 项目资金 block, when given; it is the observation of the
            预算执行率 leaf (see [for_scoring][perfscore.observations.Observations.for_scoring]).
        reasons: 偏差原因分析及改进措施 by leaf code: why a leaf missed (or overshot) its target
            and what will be done.
        stated: The 得分 a form prints, by code (and ``total`` for 总分), as printed (numbers or
            text): what [check_stated][perfscore.audit.forms.check_stated] compares with the
            computed scores. Not used for scoring.

    Examples:
        >>> observations = Observations({"A": 15}, meta=Metadata(unit="市委办公室", year=2023))
        >>> observations["A"], observations.meta.year
        (15, 2023)
    """

    observed: dict[str, object] = attrs.field(converter=_values)
    meta: Metadata = attrs.field(factory=Metadata, converter=_metadata, kw_only=True)
    budget: BudgetFigures | None = attrs.field(default=None, converter=_budget, kw_only=True)
    funds: ProjectFunds | None = attrs.field(default=None, converter=_funds, kw_only=True)
    reasons: dict[str, str] = attrs.field(factory=dict, converter=_reasons, kw_only=True)
    stated: dict[str, object] = attrs.field(factory=dict, converter=_stated, kw_only=True)

    def __getitem__(self, code: str) -> object:
        return self.observed[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.observed)

    def __len__(self) -> int:
        return len(self.observed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Observations):
            return (self.observed, self.meta, self.budget, self.funds, self.reasons, self.stated) == (
                other.observed,
                other.meta,
                other.budget,
                other.funds,
                other.reasons,
                other.stated,
            )
        if isinstance(other, Mapping):
            return self.observed == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping of mutable values is not hashable

    def __repr__(self) -> str:
        extra = "".join(
            f", {name}={getattr(self, name)!r}"
            for name in ("funds", "reasons", "stated")
            if getattr(self, name)
        )
        return f"Observations({self.observed!r}, meta={self.meta!r}, budget={self.budget!r}{extra})"

    def for_scoring(self, framework: Framework) -> Observations:
        """The observations to score against ``framework``, the 项目资金 block feeding 预算执行率.

        This is the one place where the block becomes an observation: every
        [ExecutionRate][perfscore.rules.ExecutionRate] leaf of ``framework`` without an
        observation of its own gets [funds][perfscore.observations.Observations] as its value,
        so its points are 全年执行数 ÷ 全年预算数 of the block. Everything else is unchanged.

        Args:
            framework: The framework the observations will be scored against.

        Returns:
            New observations (the same metadata, budget, funds and reasons).

        Raises:
            ObservationError: A 预算执行率 leaf has its own observation as well as the block (the
                amounts would be given twice), or a reason names no leaf of ``framework``.

        Examples:
            >>> from perfscore import Framework, Indicator
            >>> from perfscore.funds import ProjectFunds
            >>> from perfscore.rules import ExecutionRate, Manual
            >>> framework = Framework("项目", [
            ...     Indicator("A", "预算执行率", 10, rule=ExecutionRate()),
            ...     Indicator("B", "产出指标", 90, rule=Manual()),
            ... ])
            >>> observations = Observations({"B": 80}, funds=ProjectFunds(total=[100, 100, 95]))
            >>> result = framework.score(observations.for_scoring(framework))
            >>> result["A"].awarded, result["A"].explanation_zh
            (Decimal('9.50'), '全年执行数 95 ÷ 全年预算数 100 = 95.00%，95.00% × 10 分 = 9.50 分')
        """
        from perfscore.rules import ExecutionRate  # noqa: PLC0415 - observations stay below rules

        framework.check_leaf_codes(self.reasons, what="reasons")
        if self.funds is None:
            return self
        observed = dict(self.observed)
        for leaf in framework.leaves():
            if not isinstance(leaf.rule, ExecutionRate):
                continue
            if leaf.code in observed:
                if observed[leaf.code] is self.funds:
                    continue  # already fed: for_scoring is idempotent
                raise ObservationError(
                    leaf.code,
                    "has an observation and the 项目资金 block (funds) feeds it too: give the amounts once",
                )
            observed[leaf.code] = self.funds
        return attrs.evolve(self, observed=observed)


# ---------------------------------------------------------------------------------------------
# Not applicable (不适用): a value of the observations, so it lives with them, below both engines.

__all__ += ["NOT_APPLICABLE", "is_not_applicable"]


class _NotApplicable:
    """The marker of a not-applicable leaf (不适用)."""

    _instance: _NotApplicable | None = None

    def __new__(cls) -> _NotApplicable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_APPLICABLE"

    def __reduce__(self) -> str:
        return "NOT_APPLICABLE"


NOT_APPLICABLE = _NotApplicable()
"""Marks a leaf as not applicable (不适用/不涉及) in observations."""
_NOT_APPLICABLE_WORDS = frozenset({"不适用", "不涉及", "n/a", "na", "not applicable"})


def is_not_applicable(value: object) -> bool:
    """Whether an observation marks its leaf as not applicable (不适用).

    `NOT_APPLICABLE`, ``None`` (``null`` in JSON) and the words 不适用, 不涉及, N/A, NA and
    "not applicable" (any case, surrounding spaces ignored) do.

    Args:
        value: An observation.

    Returns:
        True for a not-applicable marker.
    """
    if value is NOT_APPLICABLE or value is None:
        return True
    return isinstance(value, str) and value.strip().lower() in _NOT_APPLICABLE_WORDS
