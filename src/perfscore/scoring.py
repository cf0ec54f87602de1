"""Scoring (评分): a framework and observations in, an exact :class:`Result` out.

Every leaf's points come from its rule, rounded half up to the framework's places; a parent's
points are the sum of its children's; the total is the sum of the first level. Not-applicable
leaves (不适用/不涉及) follow the framework's policy:

* ``full`` — the leaf is awarded its full points.
* ``rescale`` — the leaf is dropped and its siblings' points are scaled so that the parent keeps
  its points (其余指标按比例折算). The scaled maxima are allocated by the largest-remainder
  method at the framework's places, so they add up to the parent's points exactly; a leaf's
  points are its rule's exact points times (scaled maximum ÷ original points), rounded half up.
  A parent all of whose leaves are not applicable is itself dropped, and its siblings rescaled.
* ``exclude`` — the leaf is dropped and the maximum shrinks; :attr:`Result.percentage` gives the
  score as a percentage of the new maximum.

The grade is read from :attr:`Result.percentage` (the total as a percentage of the maximum,
rounded half up to the framework's places), which is the total itself when the maximum is 100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from perfscore.allocation import largest_remainder
from perfscore.errors import ObservationError, field_name
from perfscore.limits import check_nesting
from perfscore.numbers import divide, exact_arithmetic, exact_context, round_half_up

if TYPE_CHECKING:
    from collections.abc import Iterator

    from perfscore.framework import Framework, Indicator

__all__ = [
    "NOT_APPLICABLE",
    "NodeResult",
    "Result",
    "applicable_maxima",
    "is_not_applicable",
    "score",
]


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


#: Marks a leaf as not applicable (不适用/不涉及) in observations.
NOT_APPLICABLE: Final = _NotApplicable()
_NOT_APPLICABLE_WORDS: Final = frozenset({"不适用", "不涉及", "n/a", "na", "not applicable"})


def is_not_applicable(value: object) -> bool:
    """Whether an observation marks its leaf as not applicable.

    :data:`NOT_APPLICABLE`, ``None`` (``null`` in JSON) and the words 不适用, 不涉及, N/A, NA and
    "not applicable" (any case, surrounding spaces ignored) do.

    Args:
        value: An observation.

    Returns:
        True for a not-applicable marker.
    """
    if value is NOT_APPLICABLE or value is None:
        return True
    return isinstance(value, str) and value.strip().lower() in _NOT_APPLICABLE_WORDS


def _text(number: Decimal) -> str:
    return format(number, "f")


@attrs.frozen
class NodeResult:
    """The result of one indicator (指标得分).

    Attributes:
        code: The indicator's code.
        name: The indicator's name.
        level: 1 for a first-level indicator (一级指标), 2 below it, and so on.
        points: The indicator's points in the framework (分值).
        maximum: Its points after the not-applicable policy (rescaled under ``rescale``);
            ``None`` when it was dropped.
        awarded: The points it earned (得分); ``None`` when it was dropped.
        applicable: False when the indicator is not applicable (a leaf marked so, or a parent
            all of whose leaves are).
        is_leaf: Whether it is scored by a rule.
        rule: The rule's kind (``"forward"``) for a leaf; ``None`` for a parent.
        value: The observation as given (实际完成值) for a leaf; ``None`` for a parent.
        explanation_zh: How the points came about, in Chinese.
        explanation_en: The same in English.
        children: The codes of its children.
    """

    code: str
    name: str
    level: int
    points: Decimal
    maximum: Decimal | None
    awarded: Decimal | None
    applicable: bool
    is_leaf: bool
    rule: str | None
    value: object
    explanation_zh: str
    explanation_en: str
    children: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; decimals as text so that nothing passes through a float."""
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "points": _text(self.points),
            "maximum": None if self.maximum is None else _text(self.maximum),
            "awarded": None if self.awarded is None else _text(self.awarded),
            "applicable": self.applicable,
            "is_leaf": self.is_leaf,
            "rule": self.rule,
            "value": _plain(self.value),
            "explanation_zh": self.explanation_zh,
            "explanation_en": self.explanation_en,
            "children": list(self.children),
        }


def _plain(value: object) -> Any:
    if value is NOT_APPLICABLE:
        return "不适用"
    if isinstance(value, Decimal):
        return _text(value)
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


@attrs.frozen
class Result:
    """The result of scoring one evaluation (评价结果).

    Attributes:
        framework: The framework's name.
        total: The total points (总得分), the sum of the first-level points.
        maximum: The maximum attainable (满分) after the not-applicable policy.
        percentage: ``total / maximum × 100``, rounded half up to the framework's places; the
            total itself when the maximum is 100.
        grade: The grade (优/良/中/差 with the default scheme), read from ``percentage``.
        policy: The not-applicable policy used.
        places: Decimal places of the points.
        nodes: Every indicator's result, in form order.
    """

    framework: str
    total: Decimal
    maximum: Decimal
    percentage: Decimal
    grade: str
    policy: str
    places: int
    nodes: tuple[NodeResult, ...]
    _by_code: dict[str, NodeResult] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {node.code: node for node in self.nodes})

    def __getitem__(self, code: str) -> NodeResult:
        """The result of the indicator with this code.

        Raises:
            ObservationError: No indicator has this code.
        """
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise ObservationError(
                field_name(cast(object, code)), f"is not an indicator of {self.framework}"
            ) from None

    def __iter__(self) -> Iterator[NodeResult]:
        return iter(self.nodes)

    @property
    def leaves(self) -> tuple[NodeResult, ...]:
        """The leaf results, in form order."""
        return tuple(node for node in self.nodes if node.is_leaf)

    @property
    def not_applicable(self) -> tuple[str, ...]:
        """The codes of the leaves marked not applicable."""
        return tuple(node.code for node in self.nodes if node.is_leaf and is_not_applicable(node.value))

    def to_frame(self) -> Any:
        """One row per indicator as a pandas DataFrame; see :func:`perfscore.report.to_frame`.

        Raises:
            MissingDependencyError: pandas is not installed (``pip install 'perfscore[pandas]'``).
        """
        from perfscore.report import to_frame  # noqa: PLC0415 - output code stays out of scoring

        return to_frame(self)

    def _repr_html_(self) -> str:
        """The HTML table Jupyter shows; see :func:`perfscore.report.to_html`."""
        from perfscore.report import to_html  # noqa: PLC0415 - output code stays out of scoring

        return to_html(self)

    def plot_radar(self, ax: Any = None) -> Any:
        """Radar chart of the first-level scores; see :func:`perfscore.report.plot_radar`.

        Args:
            ax: A polar matplotlib Axes; a new figure's when ``None``.

        Returns:
            The Axes.

        Raises:
            MissingDependencyError: matplotlib is not installed (``pip install 'perfscore[plot]'``).
            DomainError: Fewer than three first-level indicators to show.
        """
        from perfscore.report import plot_radar  # noqa: PLC0415 - output code stays out of scoring

        return plot_radar(self, ax)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: decimals as text, every node with its explanation."""
        return {
            "framework": self.framework,
            "total": _text(self.total),
            "maximum": _text(self.maximum),
            "percentage": _text(self.percentage),
            "grade": self.grade,
            "policy": self.policy,
            "places": self.places,
            "not_applicable": list(self.not_applicable),
            "indicators": [node.to_dict() for node in self.nodes],
        }


def _check_observations(framework: Framework, observations: object) -> Mapping[str, object]:
    if not isinstance(observations, Mapping):
        raise ObservationError(
            "observations", f"must be a mapping of leaf codes to values, got {type(observations).__name__}"
        )
    framework.check_leaf_codes(observations, what="observations")
    for leaf in framework.leaves():
        if leaf.code not in observations:
            raise ObservationError(leaf.code, "has no observation (give NOT_APPLICABLE if it does not apply)")
        check_nesting(observations[leaf.code], field=leaf.code, error=ObservationError)
    return observations


@exact_arithmetic
def applicable_maxima(framework: Framework, not_applicable: frozenset[str]) -> dict[str, Decimal | None]:
    """Every indicator's maximum under the framework's not-applicable policy.

    The one definition both engines use: the scalar engine here, the batch engine once per
    pattern of not-applicable leaves.

    Args:
        framework: The framework.
        not_applicable: The codes of the leaves that are not applicable.

    Returns:
        Each code's maximum, rounded to the framework's places; ``None`` for an indicator that
        is dropped (``rescale`` and ``exclude`` only).

    Raises:
        ObservationError: Every leaf is not applicable under ``rescale`` or ``exclude``:
            nothing is left to score.
    """
    places = framework.places
    maxima: dict[str, Decimal | None] = {}
    if framework.not_applicable == "full":
        for indicator, _ in framework.walk():
            maxima[indicator.code] = round_half_up(indicator.points, places)
        return maxima

    applicable: dict[str, bool] = {}
    for indicator, _ in reversed(list(framework.walk())):  # children before parents
        if indicator.is_leaf:
            applicable[indicator.code] = indicator.code not in not_applicable
        else:
            applicable[indicator.code] = any(applicable[child.code] for child in indicator.children)
    if not any(applicable[indicator.code] for indicator in framework.indicators):
        raise ObservationError("observations", "every indicator is not applicable: nothing is left to score")

    if framework.not_applicable == "exclude":
        for indicator, _ in reversed(list(framework.walk())):
            if not applicable[indicator.code]:
                maxima[indicator.code] = None
            elif indicator.is_leaf:
                maxima[indicator.code] = round_half_up(indicator.points, places)
            else:
                maxima[indicator.code] = sum(
                    (maxima[child.code] or Decimal(0) for child in indicator.children), Decimal(0)
                )
        return {indicator.code: maxima[indicator.code] for indicator, _ in framework.walk()}

    # rescale: hand each parent's maximum down to its applicable children, in proportion.
    def allocate(total: Decimal, siblings: Sequence[Indicator]) -> None:
        kept = [sibling for sibling in siblings if applicable[sibling.code]]
        shares = largest_remainder(total, [sibling.points for sibling in kept], places)
        for sibling in siblings:
            for dropped, _ in sibling.walk():
                maxima[dropped.code] = None
        for sibling, share in zip(kept, shares, strict=True):
            maxima[sibling.code] = share
            if sibling.children:
                allocate(share, sibling.children)

    allocate(round_half_up(framework.maximum, places), framework.indicators)
    return {indicator.code: maxima[indicator.code] for indicator, _ in framework.walk()}


def _score_leaf(
    framework: Framework, leaf: Indicator, value: object, maximum: Decimal | None, level: int
) -> NodeResult:
    places = framework.places if leaf.places is None else leaf.places  # a row may round coarser
    assert leaf.rule is not None
    kind = leaf.rule.kind

    def node(awarded: Decimal | None, applicable: bool, given: object, zh: str, en: str) -> NodeResult:
        return NodeResult(
            code=leaf.code,
            name=leaf.name,
            level=level,
            points=leaf.points,
            maximum=maximum,
            awarded=awarded,
            applicable=applicable,
            is_leaf=True,
            rule=kind,
            value=given,
            explanation_zh=zh,
            explanation_en=en,
            children=(),
        )

    if is_not_applicable(value):
        if maximum is None:
            rescaled = framework.not_applicable == "rescale"
            return node(
                None,
                False,
                NOT_APPLICABLE,
                "不适用，不计分" + ("，其余指标按比例折算" if rescaled else ""),
                "not applicable: not scored" + ("; the other indicators are rescaled" if rescaled else ""),
            )
        m = _text(maximum)
        return node(
            maximum, False, NOT_APPLICABLE, f"不适用，按满分计 {m} 分", f"not applicable: full {m} points"
        )
    assert maximum is not None
    award = leaf.rule.score(
        leaf.observe(value),
        leaf.points,
        places=places,
        field=leaf.code,
        show_rounding=leaf.places is not None,
    )
    awarded, zh, en = award.points, award.explanation_zh, award.explanation_en
    if maximum != leaf.points:
        exact = divide(exact_context().multiply(award.exact, maximum), leaf.points)
        awarded = round_half_up(exact, places)
        w, m = _text(leaf.points), _text(maximum)
        zh += f"；按比例折算（分值 {w} → {m}）：× {m} ÷ {w} = {_text(awarded)} 分"
        en += f"; rescaled (points {w} → {m}): × {m} ÷ {w} = {_text(awarded)} points"
    return node(awarded, True, value, zh, en)


@exact_arithmetic
def score(framework: Framework, observations: Mapping[str, object]) -> Result:
    """Score one evaluation; see :meth:`perfscore.Framework.score`.

    Args:
        framework: The framework.
        observations: The actual values by leaf code.

    Returns:
        The result.

    Raises:
        ObservationError: Missing, unknown or unusable observations; the message starts with
            the code.
    """
    values = _check_observations(framework, observations)
    not_applicable = frozenset(code for code, value in values.items() if is_not_applicable(value))
    maxima = applicable_maxima(framework, not_applicable)
    places = framework.places
    results: dict[str, NodeResult] = {}
    walked = list(framework.walk())
    for indicator, level in reversed(walked):  # children before parents
        maximum = maxima[indicator.code]
        if indicator.is_leaf:
            results[indicator.code] = _score_leaf(
                framework, indicator, values[indicator.code], maximum, level
            )
            continue
        kids = [results[child.code] for child in indicator.children]
        counted = [kid.awarded for kid in kids if kid.awarded is not None]
        codes = tuple(child.code for child in indicator.children)
        if maximum is None:
            results[indicator.code] = NodeResult(
                code=indicator.code,
                name=indicator.name,
                level=level,
                points=indicator.points,
                maximum=None,
                awarded=None,
                applicable=False,
                is_leaf=False,
                rule=None,
                value=None,
                explanation_zh="下级指标均不适用，不计分",
                explanation_en="no sub-indicator applies: not scored",
                children=codes,
            )
            continue
        awarded = sum(counted, Decimal(0)).quantize(Decimal(1).scaleb(-places))
        parts = " + ".join(_text(part) for part in counted)
        results[indicator.code] = NodeResult(
            code=indicator.code,
            name=indicator.name,
            level=level,
            points=indicator.points,
            maximum=maximum,
            awarded=awarded,
            applicable=any(kid.applicable for kid in kids),
            is_leaf=False,
            rule=None,
            value=None,
            explanation_zh=f"下级指标得分合计：{parts} = {_text(awarded)} 分",
            explanation_en=f"sum of sub-indicators: {parts} = {_text(awarded)} points",
            children=codes,
        )
    top = [results[indicator.code] for indicator in framework.indicators]
    total = sum((node.awarded for node in top if node.awarded is not None), Decimal(0))
    maximum = sum((node.maximum for node in top if node.maximum is not None), Decimal(0))
    total = round_half_up(total, places)
    maximum = round_half_up(maximum, places)
    percentage = round_half_up(divide(exact_context().multiply(total, Decimal(100)), maximum), places)
    grade = framework.grades.grade(percentage, measures_missing=bool(not_applicable))
    return Result(
        framework=framework.name,
        total=total,
        maximum=maximum,
        percentage=percentage,
        grade=grade,
        policy=framework.not_applicable,
        places=places,
        nodes=tuple(results[indicator.code] for indicator, _ in walked),
    )
