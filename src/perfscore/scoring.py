"""Scoring (评分): a framework and observations in, an exact [Result][perfscore.scoring.Result] out.

Every leaf's points come from its rule, rounded half up to the framework's places; a parent's
points are the sum of its children's; the total is the sum of the first level. Not-applicable
leaves (不适用/不涉及) follow the framework's policy:

* ``full`` — the leaf is awarded its full points.
* ``rescale`` — the leaf is dropped and its siblings' points are scaled so that the parent keeps
  its points (其余指标按比例折算). The scaled maxima are allocated by the largest-remainder
  method at the framework's places, so they add up to the parent's points exactly; a leaf's
  points are its rule's exact points times (scaled maximum ÷ original points), rounded half up.
  A parent all of whose leaves are not applicable is itself dropped, and its siblings rescaled.
* ``exclude`` — the leaf is dropped and the maximum shrinks; `Result.percentage` gives the
  score as a percentage of the new maximum.

The grade is read from `Result.percentage` (the total as a percentage of the maximum,
rounded half up to the framework's places), which is the total itself when the maximum is 100.

Speed: a framework compiles its plan once (the walk order, each leaf's rule, points and places,
the maxima of each pattern of not-applicable leaves) and keeps it; a call then reads each
observation, has its rule compute the exact points and rounds them, in one exact decimal
context. The explanations are written from the data each node keeps when they are first read,
with the same words as the rule's own `Rule.score`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from perfscore import _services
from perfscore.allocation import largest_remainder
from perfscore.errors import ObservationError, field_name
from perfscore.limits import check_nesting
from perfscore.numbers import PLAIN_DECIMAL_TEXT, divide, exact_arithmetic, round_half_up

# Re-exported: the marker lives with the observations (perfscore.observations), below both
# engines; `from perfscore.scoring import NOT_APPLICABLE` keeps working.
from perfscore.observations import NOT_APPLICABLE, Observations, is_not_applicable
from perfscore.rules import Rule, reads_numbers_only

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from perfscore.framework import Framework, Indicator, NotApplicablePolicy

__all__ = [
    "NOT_APPLICABLE",
    "NodeResult",
    "Result",
    "applicable_maxima",
    "is_not_applicable",
    "score",
]

_ZERO: Final = Decimal(0)
_HUNDRED: Final = Decimal(100)
_CONTAINERS: Final = (Mapping, list, tuple, set, frozenset)
_SCALARS: Final = frozenset({str, Decimal, int, float})  # no nesting to check
_MISSING: Final = object()
# Patterns of not-applicable leaves whose maxima a plan keeps (then it starts afresh).
_MAXIMA_KEPT: Final = 256


def _text(number: Decimal) -> str:
    return format(number, "f")


# Not slotted: a frozen slotted class sets each attribute through object.__setattr__, which
# made building a department's nodes a third of the time of scoring it.
@attrs.frozen(slots=False)
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
        rule_kind: The kind of the leaf's rule (``"forward"``); ``None`` for a parent.
            ``rule`` is a deprecated alias.
        value: The observation as given (实际完成值) for a leaf; ``None`` for a parent.
        children: The codes of its children.
        explanation_zh: How the points came about, in Chinese (written when first read).
        explanation_en: The same in English.
    """

    code: str
    name: str
    level: int
    points: Decimal
    maximum: Decimal | None
    awarded: Decimal | None
    applicable: bool
    is_leaf: bool
    rule_kind: str | None
    value: object
    children: tuple[str, ...]
    # What the explanation is written from: ("leaf", rule, observed value, places, rescaled,
    # show_rounding)
    # or ("sum", the children's awarded points) or ("dropped",). Part of equality, so that two
    # equal results have equal explanations.
    _how: tuple[Any, ...] = attrs.field(repr=False)
    _explained: tuple[str, str] | None = attrs.field(default=None, init=False, repr=False, eq=False)

    @property
    def explanation_zh(self) -> str:
        """How the points came about, in Chinese (说明)."""
        return self._explanation()[0]

    @property
    def explanation_en(self) -> str:
        """How the points came about, in English."""
        return self._explanation()[1]

    @property
    def rule(self) -> str | None:
        """Deprecated alias of `rule_kind` (the rule's kind, not the rule)."""
        return self.rule_kind

    def _explanation(self) -> tuple[str, str]:
        if self._explained is None:
            object.__setattr__(self, "_explained", _explain(self))
        assert self._explained is not None
        return self._explained

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
            "rule": self.rule_kind,
            "value": _plain(self.value),
            "explanation_zh": self.explanation_zh,
            "explanation_en": self.explanation_en,
            "children": list(self.children),
        }


@exact_arithmetic  # read whenever the caller likes, under whatever context it has set
def _explain(node: NodeResult) -> tuple[str, str]:
    """The explanation of a node, from the data it keeps (the same words as when it was eager)."""
    how = node._how
    if how[0] == "dropped":
        return "下级指标均不适用，不计分", "no sub-indicator applies: not scored"
    if how[0] == "sum":
        parts = " + ".join(_text(part) for part in how[1])
        awarded = _text(cast(Decimal, node.awarded))
        return (
            f"下级指标得分合计：{parts} = {awarded} 分",
            f"sum of sub-indicators: {parts} = {awarded} points",
        )
    _, rule, observed, places, rescaled, show_rounding = how
    if node.value is NOT_APPLICABLE:
        if node.maximum is None:
            return (
                "不适用，不计分" + ("，其余指标按比例折算" if rescaled else ""),
                "not applicable: not scored" + ("; the other indicators are rescaled" if rescaled else ""),
            )
        m = _text(node.maximum)
        return f"不适用，按满分计 {m} 分", f"not applicable: full {m} points"
    if type(rule).score is Rule.score:  # skip the checks of points and places the framework made
        award = cast(Rule, rule)._award(observed, node.points, places, node.code, show_rounding)
    else:  # a rule with a `score` of its own (定性 with rounded bounds) decides
        award = cast(Rule, rule).score(
            observed, node.points, places=places, field=node.code, show_rounding=show_rounding
        )
    zh, en = award.explanation_zh, award.explanation_en
    if node.maximum is not None and node.maximum != node.points:
        w, m, a = _text(node.points), _text(node.maximum), _text(cast(Decimal, node.awarded))
        zh += f"；按比例折算（分值 {w} → {m}）：× {m} ÷ {w} = {a} 分"
        en += f"; rescaled (points {w} → {m}): × {m} ÷ {w} = {a} points"
    return zh, en


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
        framework_name: The framework's name (``framework`` is a deprecated alias).
        total: The total points (总得分), the sum of the first-level points.
        maximum: The maximum attainable (满分) after the not-applicable policy.
        percentage: ``total / maximum × 100``, rounded half up to the framework's places; the
            total itself when the maximum is 100.
        grade: The grade (优/良/中/差 with the default scheme), read from ``percentage``.
        na_policy: The not-applicable policy used (``policy`` is a deprecated alias).
        places: Decimal places of the points.
        nodes: Every indicator's result, in form order.
    """

    framework_name: str
    total: Decimal
    maximum: Decimal
    percentage: Decimal
    grade: str
    na_policy: str
    places: int
    nodes: tuple[NodeResult, ...]
    _by_code: dict[str, NodeResult] | None = attrs.field(default=None, init=False, repr=False, eq=False)

    def __getitem__(self, code: str) -> NodeResult:
        """The result of the indicator with this code.

        Raises:
            ObservationError: No indicator has this code.
        """
        if self._by_code is None:  # made on first use: many results are only totalled
            object.__setattr__(self, "_by_code", {node.code: node for node in self.nodes})
        assert self._by_code is not None
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise ObservationError(
                field_name(cast(object, code)), f"is not an indicator of {self.framework_name}"
            ) from None

    def __iter__(self) -> Iterator[NodeResult]:
        return iter(self.nodes)

    @property
    def framework(self) -> str:
        """Deprecated alias of `framework_name` (a name, not the `Framework`)."""
        return self.framework_name

    @property
    def policy(self) -> str:
        """Deprecated alias of `na_policy`."""
        return self.na_policy

    @property
    def leaves(self) -> tuple[NodeResult, ...]:
        """The leaf results, in form order."""
        return tuple(node for node in self.nodes if node.is_leaf)

    @property
    def not_applicable_codes(self) -> tuple[str, ...]:
        """The codes of the leaves marked not applicable (不适用), in form order."""
        return tuple(node.code for node in self.nodes if node.is_leaf and node.value is NOT_APPLICABLE)

    @property
    def not_applicable(self) -> tuple[str, ...]:
        """Deprecated alias of `not_applicable_codes`."""
        return self.not_applicable_codes

    # The output layer (perfscore.report) lends these three: it imports this module, so this
    # module cannot import it; it registers them when `perfscore` is imported.
    def to_frame(self) -> Any:
        """One row per indicator as a pandas DataFrame; see `perfscore.report.to_frame`.

        Raises:
            MissingDependencyError: pandas is not installed (``pip install 'perfscore[pandas]'``).
        """
        return _services.lookup("result.to_frame")(self)

    def _repr_html_(self) -> str:
        """The HTML table Jupyter shows; see `perfscore.report.to_html`."""
        return cast(str, _services.lookup("result.to_html")(self))

    def plot_radar(self, ax: Any = None) -> Any:
        """Radar chart of the first-level scores; see `perfscore.report.plot_radar`.

        Args:
            ax: A polar matplotlib Axes; a new figure's when ``None``.

        Returns:
            The Axes.

        Raises:
            MissingDependencyError: matplotlib is not installed (``pip install 'perfscore[plot]'``).
            DomainError: Fewer than three first-level indicators to show.
        """
        return _services.lookup("result.plot_radar")(self, ax)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: decimals as text, every node with its explanation.

        The keys are those of earlier versions (``framework``, ``policy``, ``not_applicable``).
        """
        return {
            "framework": self.framework_name,
            "total": _text(self.total),
            "maximum": _text(self.maximum),
            "percentage": _text(self.percentage),
            "grade": self.grade,
            "policy": self.na_policy,
            "places": self.places,
            "not_applicable": list(self.not_applicable_codes),
            "indicators": [node.to_dict() for node in self.nodes],
        }


# ---------------------------------------------------------------------------------------------
# The plan: what a framework's shape decides, compiled once per framework.


def leaf_places(framework: Framework, leaf: Indicator) -> int:
    """The decimal places a leaf's points are rounded to: the one place that decides it.

    A row's own places ([Indicator.places][perfscore.Indicator]) when it has them (some forms
    print whole points on some rows), else the framework's; the plan reads it once per leaf.
    """
    return framework.places if leaf.places is None else leaf.places


@attrs.frozen
class _Leaf:
    index: int  # in form order
    indicator: Indicator
    code: str
    name: str
    level: int
    points: Decimal
    rule: Rule
    kind: str
    places: int
    quantum: Decimal
    # The rule's `_from_number` when it reads nothing but a number (正向, 反向 …): plain text
    # ("92.5") is then read once, straight into a decimal; None for the other rules.
    number: Callable[[Decimal, Decimal, str], Decimal] | None
    show_rounding: bool  # the leaf has its own places: its explanation shows the rounding step


@attrs.frozen
class _Parent:
    index: int
    code: str
    name: str
    level: int
    points: Decimal
    children: tuple[str, ...]
    child_indices: tuple[int, ...]


@attrs.frozen(eq=False)
class _Plan:
    form: tuple[_Leaf | _Parent, ...]  # form order (pre-order): children come after parents
    leaves: tuple[_Leaf, ...]
    parents: tuple[_Parent, ...]  # children before parents (reversed form order)
    top: tuple[int, ...]
    policy: NotApplicablePolicy
    places: int
    quantum: Decimal
    maxima: dict[frozenset[str], tuple[Decimal | None, ...]]  # by pattern, in form order


def _compile(framework: Framework) -> _Plan:
    walked = list(framework.walk())
    index = {indicator.code: position for position, (indicator, _) in enumerate(walked)}
    form: list[_Leaf | _Parent] = []
    for position, (indicator, level) in enumerate(walked):
        if indicator.rule is not None:
            places = leaf_places(framework, indicator)
            form.append(
                _Leaf(
                    position,
                    indicator,
                    indicator.code,
                    indicator.name,
                    level,
                    indicator.points,
                    indicator.rule,
                    indicator.rule.kind,
                    places,
                    Decimal(1).scaleb(-places),
                    indicator.rule._from_number if reads_numbers_only(type(indicator.rule)) else None,
                    indicator.places is not None,
                )
            )
        else:
            children = tuple(child.code for child in indicator.children)
            form.append(
                _Parent(
                    position,
                    indicator.code,
                    indicator.name,
                    level,
                    indicator.points,
                    children,
                    tuple(index[child] for child in children),
                )
            )
    return _Plan(
        form=tuple(form),
        leaves=tuple(step for step in form if isinstance(step, _Leaf)),
        parents=tuple(step for step in reversed(form) if isinstance(step, _Parent)),
        top=tuple(index[indicator.code] for indicator in framework.indicators),
        policy=framework.na_policy,
        places=framework.places,
        quantum=Decimal(1).scaleb(-framework.places),
        maxima={},
    )


def _plan(framework: Framework) -> _Plan:
    return framework._compiled("scoring", _compile)


def _maxima(plan: _Plan, framework: Framework, not_applicable: frozenset[str]) -> tuple[Decimal | None, ...]:
    maxima = plan.maxima.get(not_applicable)
    if maxima is None:
        by_code = applicable_maxima(framework, not_applicable)
        maxima = tuple(by_code[step.code] for step in plan.form)
        if len(plan.maxima) >= _MAXIMA_KEPT:
            plan.maxima.clear()
        plan.maxima[not_applicable] = maxima
    return maxima


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


def _leaf_values(plan: _Plan, framework: Framework, observations: object) -> list[object]:
    """Each leaf's observation, in plan order, checked as `_check_observations` checks them."""
    if isinstance(observations, Mapping) and len(observations) == len(plan.leaves):
        # `get`, not `[]`: a defaultdict must not grow a value for a leaf it lacks.
        get = observations.get
        values = [get(leaf.code, _MISSING) for leaf in plan.leaves]
        if not any(value is _MISSING for value in values):
            # As many keys as leaves and every leaf found: no key is unknown.
            for leaf, value in zip(plan.leaves, values, strict=True):
                if type(value) not in _SCALARS and isinstance(value, _CONTAINERS):
                    check_nesting(value, field=leaf.code, error=ObservationError)
            return values
    checked = _check_observations(framework, observations)
    return [checked[leaf.code] for leaf in plan.leaves]


@exact_arithmetic
def applicable_maxima(framework: Framework, not_applicable: frozenset[str]) -> dict[str, Decimal | None]:
    """Every indicator's maximum under the framework's not-applicable policy.

    The one definition both engines use: the scalar engine once per pattern of not-applicable
    leaves (kept in the framework's plan), the batch engine once per pattern too.

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
    if framework.na_policy == "full":
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

    if framework.na_policy == "exclude":
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


# ---------------------------------------------------------------------------------------------
# Scoring one evaluation. Runs in perfscore's exact decimal context (exact_arithmetic on
# `score`): the operators below are exact and the caller's context decides nothing.


def _read_and_score(leaf: _Leaf, value: object) -> tuple[Decimal, object]:
    """An applicable leaf's exact points and the value its rule read (all but plain text).

    `score` hands plain text to the rule at once. Other text is read by the leaf's unit first
    ("92%", "8个"); anything else goes to the rule as given. The explanation, written when
    first read, hands the same observed value to `Rule.score`.
    """
    # `Indicator.observe` changes only text: numbers and mappings skip the call.
    observed = leaf.indicator.observe(value) if isinstance(value, str) else value
    return leaf.rule._exact_points(observed, leaf.points, leaf.places, leaf.code), observed


def _not_applicable_leaf(leaf: _Leaf, maximum: Decimal | None, policy: str) -> NodeResult:
    return NodeResult(
        leaf.code, leaf.name, leaf.level, leaf.points, maximum, maximum, False, True, leaf.kind,
        NOT_APPLICABLE, (), ("leaf", leaf.rule, NOT_APPLICABLE, leaf.places, policy == "rescale", False),
    )  # fmt: skip


def _score_parent(
    parent: _Parent, results: list[NodeResult], maximum: Decimal | None, quantum: Decimal
) -> NodeResult:
    """A parent's result from its children's (in ``results``, by form position)."""
    if maximum is None:
        return NodeResult(
            parent.code, parent.name, parent.level, parent.points, None, None, False, False, None,
            None, parent.children, ("dropped",),
        )  # fmt: skip
    counted: list[Decimal] = []
    applicable = False
    for child in parent.child_indices:
        kid = results[child]
        if kid.awarded is not None:
            counted.append(kid.awarded)
        applicable = applicable or kid.applicable
    awarded = sum(counted, _ZERO).quantize(quantum)
    return NodeResult(
        parent.code, parent.name, parent.level, parent.points, maximum, awarded,
        applicable, False, None, None, parent.children, ("sum", tuple(counted)),
    )  # fmt: skip


@exact_arithmetic
def score(framework: Framework, observations: Mapping[str, object]) -> Result:
    """Score one evaluation; see `Framework.score`.

    Args:
        framework: The framework.
        observations: The actual values by leaf code.

    Returns:
        The result.

    Raises:
        ObservationError: Missing, unknown or unusable observations; the message starts with
            the code.
    """
    plan = _plan(framework)
    if isinstance(observations, Observations):  # the 项目资金 block feeds the 预算执行率 leaves
        observations = observations.for_scoring(framework)
    values = _leaf_values(plan, framework, observations)
    leaves = plan.leaves
    # Each leaf's exact points (None: not applicable) and observed value, the last leaf first
    # (the order the leaves have always been scored in, so that the same error is raised).
    exacts: list[Decimal | None] = [None] * len(leaves)
    observed = list(values)
    not_applicable_codes: list[str] = []
    plain = PLAIN_DECIMAL_TEXT.fullmatch
    for at in range(len(leaves) - 1, -1, -1):
        value, leaf = values[at], leaves[at]
        if type(value) is str and plain(value) is not None:
            # Plain text: what `Indicator.observe` leaves unchanged and `to_decimal` reads as
            # `Decimal(text)`, so a rule that reads numbers gets the decimal at once.
            if leaf.number is not None:
                exacts[at] = leaf.number(Decimal(value), leaf.points, leaf.code)
            else:
                exacts[at] = leaf.rule._exact_points(value, leaf.points, leaf.places, leaf.code)
        elif is_not_applicable(value):
            not_applicable_codes.append(leaf.code)
        else:
            exacts[at], observed[at] = _read_and_score(leaf, value)
    not_applicable = frozenset(not_applicable_codes)
    maxima = _maxima(plan, framework, not_applicable)
    policy, quantum = plan.policy, plan.quantum
    results: list[NodeResult] = [None] * len(plan.form)  # type: ignore[list-item]  # all set below
    for at, leaf in enumerate(leaves):
        maximum = maxima[leaf.index]
        exact = exacts[at]
        if exact is None:
            results[leaf.index] = _not_applicable_leaf(leaf, maximum, policy)
            continue
        assert maximum is not None
        if maximum != leaf.points:  # rescaled: the rule's exact points × maximum ÷ points, in one division
            exact = leaf.rule._rescaled_points(observed[at], leaf.points, maximum, leaf.places, leaf.code)
        results[leaf.index] = NodeResult(
            leaf.code, leaf.name, leaf.level, leaf.points, maximum,
            exact.quantize(leaf.quantum, rounding=ROUND_HALF_UP), True, True, leaf.kind, values[at], (),
            ("leaf", leaf.rule, observed[at], leaf.places, False, leaf.show_rounding),
        )  # fmt: skip
    for parent in plan.parents:  # children before parents
        results[parent.index] = _score_parent(parent, results, maxima[parent.index], quantum)
    top = [results[index] for index in plan.top]
    total = sum((node.awarded for node in top if node.awarded is not None), _ZERO)
    maximum = sum((node.maximum for node in top if node.maximum is not None), _ZERO)
    total = total.quantize(quantum, rounding=ROUND_HALF_UP)
    maximum = maximum.quantize(quantum, rounding=ROUND_HALF_UP)
    percentage = divide(total * _HUNDRED, maximum).quantize(quantum, rounding=ROUND_HALF_UP)
    grade = framework.grades.grade(percentage, measures_missing=bool(not_applicable))
    return Result(
        framework_name=framework.name,
        total=total,
        maximum=maximum,
        percentage=percentage,
        grade=grade,
        na_policy=policy,
        places=plan.places,
        nodes=tuple(results),
    )
