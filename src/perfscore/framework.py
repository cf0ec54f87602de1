"""Indicator systems (指标体系): `Indicator` and `Framework`.

A framework is a tree of indicators. Every indicator has a code, a name and its points (分值);
a leaf carries the [rule][perfscore.rules] that scores it, a parent carries children whose
points add up exactly to its own. Any depth is allowed (一级/二级/三级 and beyond) up to
[`MAX_DEPTH`][perfscore.framework.MAX_DEPTH] levels.

Both classes are frozen and validate on construction; a [`FrameworkError`][perfscore.errors.FrameworkError]
names the indicator (``C1.2.points: must be greater than 0, got -5``). Scoring is a pure function
of (framework, observations): [`Framework.score`][perfscore.framework.Framework.score].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, cast

import attrs

from perfscore import _services
from perfscore.errors import (
    FrameworkError,
    InvalidNumberError,
    ObservationError,
    PerfscoreError,
    describe,
    field_name,
)
from perfscore.grades import MOF_GRADES, SCHEMES, GradeScheme
from perfscore.numbers import exact_arithmetic, to_decimal
from perfscore.rules import Rule
from perfscore.targets import Target, check_target_unit, parse, read_observed

if TYPE_CHECKING:
    from perfscore.batch import BatchResult
    from perfscore.scoring import Result

__all__ = ["MAX_DEPTH", "NOT_APPLICABLE_POLICIES", "Framework", "Indicator", "NotApplicablePolicy"]

MAX_DEPTH: Final = 16
"""The deepest indicator tree accepted (levels below the framework)."""

NotApplicablePolicy = Literal["full", "rescale", "exclude"]
NOT_APPLICABLE_POLICIES: Final = ("full", "rescale", "exclude")
"""Not-applicable policies: ``full`` (award full points), ``rescale`` (其余指标按比例折算),
``exclude`` (drop it; the maximum shrinks).
"""

_Compiled = TypeVar("_Compiled")


def _text_field(name: str, value: object, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise FrameworkError(name, f"must be a non-empty text, got {describe(value)}")
    # Optional text left blank is absent: "" and None mean the same, so files round-trip.
    return value.strip() or None


def _code(value: object) -> str:
    text = _text_field("code", value)
    assert text is not None
    return text


def _name(value: object) -> str:
    text = _text_field("name", value)
    assert text is not None
    return text


# One converter per attribute, so that an error names the attribute.
def _target(value: object) -> str | None:
    return _text_field("target", value, required=False)


def _unit(value: object) -> str | None:
    return _text_field("unit", value, required=False)


def _description(value: object) -> str | None:
    return _text_field("description", value, required=False)


def _points(value: object) -> Decimal:
    try:
        number = to_decimal(value, field="points")
    except InvalidNumberError as error:
        raise FrameworkError("points", error.message) from None
    if number <= 0:
        raise FrameworkError("points", f"must be greater than 0, got {format(number, 'f')}")
    return number


def _leaf_places(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise FrameworkError("places", f"must be a whole number from 0 to 6, got {describe(value)}")
    return value


def _children(value: object) -> tuple[Indicator, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise FrameworkError("children", f"must be a list of indicators, got {type(value).__name__}")
    for index, child in enumerate(value):
        if not isinstance(child, Indicator):
            raise FrameworkError(f"children[{index}]", f"must be an Indicator, got {type(child).__name__}")
    return tuple(value)


@attrs.frozen
class Indicator:
    """One indicator (指标): a leaf with a rule, or a parent with children.

    Attributes:
        code: A code unique within the framework (``"B"``, ``"B2"``, ``"B2.1"``).
        name: The indicator's name (预算管理).
        points: Its points (分值), > 0. A parent's points equal the sum of its children's.
        rule: How a leaf is scored; ``None`` for a parent. A leaf given a `target` and no rule
            gets the rule the target implies ([Target.rule][perfscore.targets.Target.rule]:
            ``"≥95%"`` → ``Forward(95)``); an explicit rule wins, and the target is then only
            report text.
        children: The sub-indicators of a parent; empty for a leaf.
        target: The 指标值 as the form prints it (``"≥95%"``, ``"90%～100%"``, ``"效果明显"``).
        unit: The unit of the observation (``"%"``, ``"万元"``, ``"人"``); taken from the target
            when no unit is given (also when the rule is explicit). Observations printed with a unit
            (``"92%"``, ``"132.9万元"``) are read for it: `observe`.
        description: The scoring standard in words (评分标准), for reports.
        places: Decimal places of this leaf's points (0 to 6, rounded half up), for forms that
            print whole points on some rows; ``None`` (default) for the framework's places.
            At most the framework's places, so that parent sums stay exact.

    Raises:
        FrameworkError: A field is invalid, a leaf has no rule, a parent has a rule, the
            children's points do not add up to the parent's, or the indicator has more than
            [`MAX_DEPTH`][perfscore.framework.MAX_DEPTH] levels (itself included). The message starts with the
            code.

    Examples:
        >>> from perfscore.rules import Forward, Manual
        >>> budget = Indicator("B", "预算管理", 25, children=(
        ...     Indicator("B1", "预算执行", 15, rule=Forward(target=100)),
        ...     Indicator("B2", "预算调整", 10, rule=Manual()),
        ... ))
        >>> budget.points, budget.is_leaf
        (Decimal('25'), False)
    """

    code: str = attrs.field(converter=_code)
    name: str = attrs.field(converter=_name)
    points: Decimal = attrs.field(converter=_points)
    rule: Rule | None = attrs.field(default=None, kw_only=True)
    children: tuple[Indicator, ...] = attrs.field(default=(), converter=_children, kw_only=True)
    target: str | None = attrs.field(default=None, converter=_target, kw_only=True)
    unit: str | None = attrs.field(default=None, converter=_unit, kw_only=True)
    description: str | None = attrs.field(default=None, converter=_description, kw_only=True)
    places: int | None = attrs.field(default=None, converter=_leaf_places, kw_only=True)
    _height: int = attrs.field(init=False, repr=False, eq=False)
    _rule_from_target: bool = attrs.field(init=False, repr=False, eq=False)

    @exact_arithmetic
    def __attrs_post_init__(self) -> None:
        # Refused here, not only in Framework: repr, == and to_dict recurse through the tree.
        height = 1 + max((child._height for child in self.children), default=0)
        if height > MAX_DEPTH:
            raise FrameworkError(self.code, f"is nested deeper than {MAX_DEPTH} levels")
        object.__setattr__(self, "_height", height)
        if self.rule is not None and not isinstance(self.rule, Rule):
            raise FrameworkError(
                f"{self.code}.rule", f"must be a scoring rule, got {type(self.rule).__name__}"
            )
        if self.children and self.rule is not None:
            raise FrameworkError(
                f"{self.code}.rule", "a parent indicator is scored by its children, not a rule"
            )
        if self.children and self.places is not None:
            raise FrameworkError(
                f"{self.code}.places", "a parent's points are the sum of its children's: set places on leaves"
            )
        derived = not self.children and self.rule is None and self.target is not None
        if derived:
            assert self.target is not None
            target = parse(self.target, field=f"{self.code}.target")
            object.__setattr__(self, "rule", target.rule(field=f"{self.code}.target"))
            check_target_unit(target, self.unit, field=f"{self.code}.unit")
            if self.unit is None and target.unit is not None:
                object.__setattr__(self, "unit", target.unit)
        elif not self.children and self.unit is None and self.target is not None:
            # An explicit rule with a printed target ("100%", scored by a named rule): the
            # target's unit still says how its 实际完成值 ("83.5%") is printed.
            object.__setattr__(self, "unit", _printed_unit(self.target))
        object.__setattr__(self, "_rule_from_target", derived)
        if not self.children and self.rule is None:
            raise FrameworkError(f"{self.code}.rule", "a leaf indicator needs a rule")
        if self.children:
            total = sum((child.points for child in self.children), Decimal(0))
            if total != self.points:
                parts = " + ".join(format(child.points, "f") for child in self.children)
                raise FrameworkError(
                    f"{self.code}.children",
                    f"points must add up to the parent's {format(self.points, 'f')}, "
                    f"but {parts} = {format(total, 'f')}",
                )

    @property
    def is_leaf(self) -> bool:
        """Whether the indicator is scored by a rule (末级指标)."""
        return not self.children

    @property
    def rule_from_target(self) -> bool:
        """Whether the rule was derived from `target` (no rule was given)."""
        return self._rule_from_target

    def parsed_target(self) -> Target | None:
        """The target read ([parse][perfscore.targets.parse]); ``None`` without a target.

        Raises:
            FrameworkError: The target text cannot be read (``B2.target: cannot read 指标值 …``).
        """
        return None if self.target is None else parse(self.target, field=f"{self.code}.target")

    def observe(self, value: object, *, field: str | None = None) -> object:
        """An observation as printed, read for this leaf's unit (读取实际完成值).

        ``"92%"`` for a ``%`` leaf is 92, ``"72,890元"`` for a 万元 leaf 7.2890; see
        [read_observed][perfscore.targets.read_observed]. Both engines call it before the rule.

        Args:
            value: The observation as given.
            field: Where it came from, for the error message; the code by default.

        Returns:
            The observation, printed numbers read into decimals; anything else unchanged.

        Raises:
            ObservationError: A unit that does not fit this leaf's.

        Examples:
            >>> Indicator("C1", "合格率", 8, target="≥100百分比").observe("１００％")
            Decimal('100')
        """
        return read_observed(value, unit=self.unit, rule=self.rule, field=field or self.code)

    def walk(self) -> Iterator[tuple[Indicator, int]]:
        """This indicator and all below it, in form order, with their depth (1 for this one)."""
        stack: list[tuple[Indicator, int]] = [(self, 1)]
        while stack:
            indicator, depth = stack.pop()
            yield indicator, depth
            stack.extend((child, depth + 1) for child in reversed(indicator.children))

    def to_dict(self) -> dict[str, Any]:
        """The indicator as plain data for a file (Decimals as text)."""
        data: dict[str, Any] = {"code": self.code, "name": self.name, "points": format(self.points, "f")}
        for key in ("target", "unit", "description", "places"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.rule is not None:
            data["rule"] = self.rule.to_dict()
        else:
            data["children"] = [child.to_dict() for child in self.children]
        return data


def _printed_unit(text: str) -> str | None:
    """The unit of a target that is report text only (its rule is explicit); ``None`` if unread."""
    try:
        return parse(text).unit
    except FrameworkError:
        return None  # report text that is not a 指标值: the rule is explicit, nothing to read


def _indicators(value: object) -> tuple[Indicator, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
        raise FrameworkError("indicators", "must be a non-empty list of indicators")
    for index, indicator in enumerate(value):
        if not isinstance(indicator, Indicator):
            raise FrameworkError(
                f"indicators[{index}]", f"must be an Indicator, got {type(indicator).__name__}"
            )
    return tuple(value)


def _places(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise FrameworkError("places", f"must be a whole number from 0 to 6, got {describe(value)}")
    return value


_POLICY_BY_NAME: Final[dict[str, NotApplicablePolicy]] = {
    "full": "full",
    "rescale": "rescale",
    "exclude": "exclude",
}


def _policy(value: object) -> NotApplicablePolicy:
    if not isinstance(value, str) or value not in _POLICY_BY_NAME:
        raise FrameworkError(
            "not_applicable", f"must be one of full, rescale, exclude, got {describe(value)}"
        )
    return _POLICY_BY_NAME[value]


def _scheme(value: object) -> GradeScheme:
    if not isinstance(value, GradeScheme):
        raise FrameworkError("grades", f"must be a GradeScheme, got {type(value).__name__}")
    return value


@attrs.frozen
class Framework:
    """An indicator system (指标体系) with its grade scheme and not-applicable policy.

    Attributes:
        name: The framework's name (部门整体支出绩效自评).
        indicators: The first-level indicators (一级指标).
        grades: The grade scheme; [`MOF_GRADES`][perfscore.grades.MOF_GRADES] by default.
        na_policy: The not-applicable policy (不适用处理): what a not-applicable (不适用/不涉及)
            leaf does: ``"full"`` (award its full points), ``"rescale"`` (default: drop it and
            scale its siblings so the parent keeps its points — 其余指标按比例折算), or
            ``"exclude"`` (drop it; the maximum shrinks and the result also gives the score as a
            percentage of the new maximum). Given as ``not_applicable=`` (the key of framework
            files); the attribute ``not_applicable`` is a deprecated alias.
        places: Decimal places of every leaf's points (rounded half up), 0 to 6; 2 by default.
            A leaf may round to fewer places of its own (`Indicator.places`); parents' points
            and the total are sums at these places.
        description: Free text (source, province, year).

    Raises:
        FrameworkError: Codes repeat, the tree is deeper than [`MAX_DEPTH`][perfscore.framework.MAX_DEPTH], a
            leaf's points have more decimal places than its places, a leaf's places exceed the framework's,
            a leaf rounds to fewer places under ``not_applicable="rescale"`` (rescaled maxima
            lie on the framework's grid, which the leaf's cannot hold: use ``full`` or
            ``exclude``), or a rule does not fit its leaf's points.
    """

    name: str = attrs.field(converter=_name)
    indicators: tuple[Indicator, ...] = attrs.field(converter=_indicators)
    grades: GradeScheme = attrs.field(default=MOF_GRADES, converter=_scheme, kw_only=True)
    na_policy: NotApplicablePolicy = attrs.field(
        default="rescale", converter=_policy, kw_only=True, alias="not_applicable"
    )
    places: int = attrs.field(default=2, converter=_places, kw_only=True)
    description: str | None = attrs.field(default=None, converter=_description, kw_only=True)
    _by_code: dict[str, Indicator] = attrs.field(init=False, repr=False, eq=False)
    # What the engines compile from the framework's shape, once (see `_compiled`).
    _plans: dict[str, Any] = attrs.field(init=False, factory=dict, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Indicator] = {}
        # No indicator is deeper than MAX_DEPTH: Indicator refuses that while the tree is built.
        for indicator, _ in self.walk():
            if indicator.code in by_code:
                raise FrameworkError(indicator.code, "code is used by more than one indicator")
            by_code[indicator.code] = indicator
            own = indicator.places
            if own is not None and own > self.places:
                raise FrameworkError(
                    f"{indicator.code}.places",
                    f"must not exceed the framework's {self.places}, got {own}: "
                    "parents' points are sums at the framework's places",
                )
            if own is not None and own < self.places and self.not_applicable == "rescale":
                raise FrameworkError(
                    f"{indicator.code}.places",
                    f"rescale (其余指标按比例折算) puts maxima on the framework's {self.places}-place "
                    f"grid, which a leaf rounded to {own} places cannot hold exactly: "
                    "use not_applicable 'full' or 'exclude'",
                )
            if indicator.points.as_tuple().exponent < -self.places:  # type: ignore[operator]
                raise FrameworkError(
                    f"{indicator.code}.points",
                    f"has more decimal places than the framework's {self.places}: "
                    f"{format(indicator.points, 'f')}",
                )
            if own is not None and indicator.points.as_tuple().exponent < -own:  # type: ignore[operator]
                raise FrameworkError(
                    f"{indicator.code}.points",
                    f"has more decimal places than its own {own}: {format(indicator.points, 'f')}",
                )
            if indicator.rule is not None:
                try:
                    indicator.rule.check_points(indicator.points, field="points")
                except PerfscoreError as error:
                    raise FrameworkError(f"{indicator.code}.rule.{error.field}", error.message) from None
        object.__setattr__(self, "_by_code", by_code)

    @property
    def not_applicable(self) -> NotApplicablePolicy:
        """Deprecated alias of `na_policy` (the policy, not the not-applicable leaves)."""
        return self.na_policy

    def _compiled(self, engine: str, compile_plan: Callable[[Framework], _Compiled]) -> _Compiled:
        """The engine's plan of this framework, compiled on first use and kept (it is frozen)."""
        plan = self._plans.get(engine)
        if plan is None:
            plan = self._plans[engine] = compile_plan(self)
        return cast(_Compiled, plan)

    @property
    @exact_arithmetic
    def maximum(self) -> Decimal:
        """The framework's full marks: the sum of the first-level points (满分)."""
        return sum((indicator.points for indicator in self.indicators), Decimal(0))

    def walk(self) -> Iterator[tuple[Indicator, int]]:
        """Every indicator in form order (pre-order), with its level (1 = 一级指标)."""
        for indicator in self.indicators:
            yield from indicator.walk()

    def leaves(self) -> tuple[Indicator, ...]:
        """The leaf indicators (末级指标) in form order: the ones observations are for."""
        return tuple(indicator for indicator, _ in self.walk() if indicator.is_leaf)

    def __getitem__(self, code: str) -> Indicator:
        """The indicator with this code.

        Raises:
            FrameworkError: No indicator has this code.
        """
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise FrameworkError(
                field_name(cast(object, code)), f"is not an indicator of {self.name}"
            ) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def check_leaf_codes(self, keys: Iterable[object], *, what: str = "observations") -> None:
        """Check that every key names a leaf (末级指标), as observations and batch columns must.

        Both engines read their inputs by leaf code and call this, so they refuse the same keys
        with the same words.

        Args:
            keys: The keys given (observation codes, column names).
            what: What the keys label, for the message (``"observations"``, ``"columns"``).

        Raises:
            ObservationError: A key is not text, names a parent, or names no indicator.
        """
        leaves = {leaf.code for leaf in self.leaves()}
        singular = what.removesuffix("s")
        for key in keys:
            if not isinstance(key, str):
                raise ObservationError(describe(key), f"{singular} keys must be indicator codes (text)")
            if not key.strip():  # an empty field would name nothing: name the mapping instead
                raise ObservationError(what, f"a key is empty ({key!r}): give {what} by leaf code")
            if key not in leaves:
                if key in self:
                    raise ObservationError(key, f"is a parent indicator: give {what} for its leaves")
                raise ObservationError(key, f"is not an indicator of {self.name}")

    def score(self, observations: Mapping[str, object]) -> Result:
        """Score one evaluation (评分): observations keyed by leaf code.

        Args:
            observations: The actual values (实际完成值) by leaf code. A not-applicable leaf is
                given [`NOT_APPLICABLE`][perfscore.observations.NOT_APPLICABLE] (or ``None``, ``"不适用"``,
                ``"不涉及"``, ``"N/A"``).

        Returns:
            The result: total, maximum, grade and every node's points and explanation.

        Raises:
            ObservationError: A leaf has no observation, a key is not a leaf code, or a value
                cannot be used by its rule; the message starts with the code.
        """
        # The scalar engine (perfscore.scoring) imports this module and lends its `score` here.
        return cast("Result", _services.lookup("framework.score")(self, observations))

    def score_batch(
        self,
        columns: object,
        *,
        not_applicable: Mapping[str, object] | None = None,
        chunk_size: int | None = None,
        threads: int = 1,
    ) -> BatchResult:
        """Score many units at once (批量评分) with numpy, exactly as `score` would.

        Args:
            columns: Leaf codes to columns (numpy arrays, sequences, pandas Series), or a pandas
                DataFrame whose columns are leaf codes. Every leaf needs a column, all of the same
                length. NaN marks a not-applicable leaf for that unit. A qualitative leaf's
                column holds the assessor's points (the tier is the one they lie in), a checklist
                leaf's the number of missing items, an execution-rate leaf's the rate as a ratio.
            not_applicable: Optional boolean masks by leaf code: ``True`` marks the leaf not
                applicable for that unit.
            chunk_size: Units scored together (bounded memory); the default, sized in cells
                (leaves × units), suits most CPUs.
            threads: Threads for the compiled kernel (``perfscore[fast]``): its chunks are
                shared out among them, at most one per chunk. The results are the same for any
                number. Only the kernel's chunks are threaded: the columns must be views of one
                float matrix, either way round (``data[:, j]`` of a 2-D array, or a DataFrame
                of float columns), with no ``not_applicable`` masks; separate arrays or lists,
                and chunks the kernel refuses, are scored on one thread.

        Returns:
            A [`BatchResult`][perfscore.batch.BatchResult]: leaf points, totals, maxima, percentages
            and grades, exact in integer units, and [`result`][perfscore.batch.BatchResult.result]
            for any one unit's full scalar result.

        Raises:
            ObservationError: A column is missing, unknown or of the wrong length, or a value
                cannot be used by its rule; the message names the code and the first bad row.
        """
        # The batch engine is lent by perfscore._engines, which imports numpy only on this call.
        return cast(
            "BatchResult",
            _services.lookup("framework.score_batch")(
                self, columns, not_applicable=not_applicable, chunk_size=chunk_size, threads=threads
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The framework as plain data for a file (see `perfscore.dump_framework`)."""
        data: dict[str, Any] = {"name": self.name}
        if self.description is not None:
            data["description"] = self.description
        data["not_applicable"] = self.na_policy
        data["places"] = self.places
        data["grades"] = next(
            (name for name, scheme in SCHEMES.items() if scheme == self.grades), self.grades.to_dict()
        )
        data["indicators"] = [indicator.to_dict() for indicator in self.indicators]
        return data

    def _repr_html_(self) -> str:
        """The indicator tree as HTML, which Jupyter shows (see `perfscore.report.framework_html`)."""
        # Output code: perfscore.report lends it when `perfscore` is imported.
        return cast(str, _services.lookup("framework.to_html")(self))
