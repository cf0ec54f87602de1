"""Hypothesis strategies for downstream test suites (测试数据生成策略).

Software that imports perfscore can test its own code with data shaped like perfscore's: budget
amounts as they are written, rates, valid indicator systems of any depth whose points add up,
observations that fit a framework (not-applicable leaves included) and the results of scoring
them. This module imports `hypothesis`; ``import perfscore`` does not import it, so install
the ``testing`` extra (``pip install "perfscore[testing]"``) and import this module explicitly::

    import perfscore.testing as pst

| strategy | generates |
| --- | --- |
| `amounts` | amounts (金额) with two places, e.g. ``Decimal("7463.89")`` |
| `amount_texts` | ``(text, value)`` pairs of figures as printed (``"7,463.89万元"``) |
| `ratios` | ratios from 0 to 1 (执行率, 占比) |
| `rates` | signed rates (预算偏离度, 增减率) |
| `rules` | scoring rules of every kind that fit an indicator's points |
| `grade_schemes` | grade schemes (等级): the built-in ones and user-defined ones |
| `frameworks` | valid frameworks (指标体系) of any depth, points adding up |
| `observations` | observations (实际完成值) for a framework, not-applicable included |
| `results` | results of scoring generated observations |
| `project_funds` | 项目资金 blocks (`ProjectFunds`) whose sources add up |
| `printed_targets` | ``(text, Target)`` pairs of 指标值 as printed (``"不低于９５％"``, ``"90%～100%"``) |

Every strategy shrinks towards small, simple values, as Hypothesis strategies do.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Final

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from perfscore.allocation import largest_remainder
from perfscore.framework import MAX_DEPTH, NOT_APPLICABLE_POLICIES, Framework, Indicator
from perfscore.grades import SCHEMES, Grade, GradeScheme
from perfscore.numbers import to_decimal
from perfscore.rules import (
    RULES,
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
from perfscore.scoring import NOT_APPLICABLE, Result, is_not_applicable
from perfscore.targets import KIND_OF_COMPARISON, Target

if TYPE_CHECKING:
    from perfscore.funds import ProjectFunds

__all__ = [
    "NOT_APPLICABLE",
    "amount_texts",
    "amounts",
    "frameworks",
    "grade_schemes",
    "observations",
    "printed_targets",
    "project_funds",
    "rates",
    "ratios",
    "results",
    "rules",
]

_NAMES = ("履职效能", "预算管理", "资产管理", "产出数量", "产出质量", "产出时效", "社会效益", "满意度")
_ITEMS = ("制度健全", "执行有效", "档案完整", "信息公开", "资料齐全")


def _decimal(value: object, name: str) -> Decimal:
    return to_decimal(value, field=name)


def amounts(*, min_value: object = 0, max_value: object = "1e12", places: int = 2) -> SearchStrategy[Decimal]:
    """Amounts (金额) as budget figures are written: non-negative, ``places`` decimal places.

    Args:
        min_value: The smallest amount (inclusive).
        max_value: The largest amount (inclusive); ``10**12`` by default, a trillion 元 or 万元.
        places: Decimal places (2 for 元 and 万元 figures).

    Returns:
        A strategy of `Decimal` with exactly ``places`` places.
    """
    low, high = _decimal(min_value, "min_value"), _decimal(max_value, "max_value")
    return st.decimals(min_value=low, max_value=high, places=places)


def amount_texts(
    *, max_value: object = "1e9", units: Sequence[str] = ("", "元", "万元", "亿元")
) -> SearchStrategy[tuple[str, Decimal]]:
    """Figures as printed in a document, with the value they stand for.

    The text uses thousands separators or not, full-width digits or not, and one of ``units``
    (the empty string for none), like ``"7,463.89万元"`` or ``"７４６３．８９"``; the value is what
    [`perfscore.parse_amount`][perfscore.numbers.parse_amount] reads from it (the number as written, without
    conversion).

    Args:
        max_value: The largest value.
        units: The units a figure may carry.

    Returns:
        A strategy of ``(text, value)`` pairs.
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, Decimal]:
        value = draw(amounts(max_value=max_value))
        negative = draw(st.booleans())
        whole, _, fraction = format(value, "f").partition(".")
        if draw(st.booleans()):
            whole = f"{int(whole):,}"
        text = ("-" if negative else "") + whole + ("." + fraction if fraction else "")
        text += draw(st.sampled_from(list(units)))
        if draw(st.booleans()):  # full-width forms, as typed with a Chinese IME
            text = text.translate(str.maketrans("0123456789,.-", "０１２３４５６７８９，．－"))
        return text, -value if negative else value

    return build()


def ratios(*, min_value: object = 0, max_value: object = 1, places: int = 4) -> SearchStrategy[Decimal]:
    """Ratios such as an execution rate or a share: 0.9512 for 95.12%.

    Args:
        min_value: The smallest ratio.
        max_value: The largest ratio (1 by default; an execution rate may exceed it).
        places: Decimal places (4 gives hundredths of a percent).

    Returns:
        A strategy of `Decimal`.
    """
    low, high = _decimal(min_value, "min_value"), _decimal(max_value, "max_value")
    return st.decimals(min_value=low, max_value=high, places=places)


def rates(*, min_value: object = -1, max_value: object = 10, places: int = 4) -> SearchStrategy[Decimal]:
    """Signed rates such as 预算偏离度 or 增减率: −0.3509 for −35.09%, 0.7425 for 74.25%.

    Args:
        min_value: The smallest rate (−1: everything cut).
        max_value: The largest rate (10: elevenfold).
        places: Decimal places.

    Returns:
        A strategy of `Decimal`.
    """
    return ratios(min_value=min_value, max_value=max_value, places=places)


def _units(points: Decimal, places: int) -> int:
    return int(points.scaleb(places))


def _grid(units: int, places: int) -> Decimal:
    return Decimal(units).scaleb(-places)


_TARGETS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10000), places=2)
#: Targets with small denominators, so that exact points often end in a half cent (x.xx5) and
#: rounding half up decides them: 0.01 ÷ 0.8 × 10 = 0.125; and 0, printed "≥0" or "≤0" on forms.
_TIE_TARGETS = st.one_of(
    st.sampled_from([Decimal(text) for text in ("0.8", "1.6", "4", "8", "40", "0.25", "2.5", "100", "0")]),
    _TARGETS,
)
_VALUES = st.decimals(min_value=Decimal(-1000), max_value=Decimal(100000), places=2)


# Strategies built once: building them per draw costs more than the drawing itself.
_BOOLEANS = st.booleans()
_QUALITATIVE_BOUNDS = st.sampled_from(("exact", "rounded"))
_STEPS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10), places=2)
_TIE_STEPS = st.one_of(st.sampled_from([Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal(3)]), _STEPS)
_THRESHOLDS = st.lists(_VALUES, min_size=1, max_size=5, unique=True)
_FRACTIONS = st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=2)
_METHODS = st.sampled_from(["linear", "ratio"])
_CHECKLIST_ITEMS = st.one_of(
    st.just(()), st.lists(st.sampled_from(_ITEMS), min_size=1, unique=True).map(tuple)
)


def _checklist_items(names: SearchStrategy[str] | None) -> SearchStrategy[tuple[str, ...]]:
    if names is None:
        return _CHECKLIST_ITEMS
    return st.one_of(st.just(()), st.lists(names, min_size=1, max_size=4, unique=True).map(tuple))


class _Draw:
    """What the rule drawing needs besides ``draw``: the strategies a framework's options select."""

    def __init__(self, *, ties: bool, names: SearchStrategy[str] | None) -> None:
        self.targets = _TIE_TARGETS if ties else _TARGETS
        self.steps = _TIE_STEPS if ties else _STEPS
        self.items = _checklist_items(names)


_PLAIN = _Draw(ties=False, names=None)
_WEIGHTS = st.integers(1, 10)


def _draw_bands(draw: st.DrawFn, points: Decimal, places: int) -> Bands:
    thresholds = sorted(draw(_THRESHOLDS))
    higher_is_better = draw(_BOOLEANS)
    fractions = draw(_BOOLEANS)
    top = _units(points, places)
    if fractions:
        awards = [draw(_FRACTIONS) for _ in thresholds]
    else:
        awards = [_grid(draw(st.integers(0, top)), places) for _ in thresholds]
    # The best band earns most: ascending awards for ascending thresholds when higher is better.
    awards.sort(reverse=not higher_is_better)
    return Bands(
        list(zip(thresholds, awards, strict=True)), higher_is_better=higher_is_better, fractions=fractions
    )


def _draw_rule(draw: st.DrawFn, kind: str, points: Decimal, places: int, how: _Draw = _PLAIN) -> Rule:
    if kind == "forward":
        return Forward(draw(how.targets))
    if kind == "equal":
        return Equal(Decimal(0) if draw(_BOOLEANS) else draw(how.targets))
    if kind == "reverse":
        return Reverse(draw(how.targets), method=draw(_METHODS))
    if kind == "deduction":
        return Deduction(draw(_VALUES), draw(_STEPS), draw(how.steps), whole_steps=draw(_BOOLEANS))
    if kind == "bands":
        return _draw_bands(draw, points, places)
    if kind == "checklist":
        return Checklist(draw(_STEPS), items=draw(how.items))
    if kind == "interval":
        low, high = sorted(draw(st.lists(how.targets, min_size=2, max_size=2, unique=True)))
        return Interval(low, high)
    if kind == "qualitative":  # tier bounds exact, or rounded to the places (fasp2: 2.66 of 3.33)
        return Qualitative(bounds=draw(_QUALITATIVE_BOUNDS))
    simple: dict[str, Rule] = {
        "manual": Manual(),
        "execution_rate": ExecutionRate(),
    }
    return simple[kind]


def _kinds(kinds: Collection[str] | None) -> list[str]:
    chosen = sorted(RULES) if kinds is None else list(kinds)
    unknown = [kind for kind in chosen if kind not in RULES]
    if unknown or not chosen:
        raise ValueError(f"rules must be a non-empty collection of {', '.join(RULES)}, got {kinds!r}")
    return chosen


def rules(
    *, kinds: Collection[str] | None = None, points: object = 10, places: int = 2, ties: bool = False
) -> SearchStrategy[Rule]:
    """Scoring rules of the given kinds that fit an indicator worth ``points``.

    Args:
        kinds: Rule kinds (``"forward"``, ``"bands"`` …; see
            [`perfscore.rules.RULES`][perfscore.rules.RULES]); every kind when ``None``.
        points: The indicator's points, which bands' awards must not exceed.
        places: The framework's decimal places.
        ties: Whether targets and deduction steps are often ones with small denominators
            (0.8, 2.5, 40 …), so that exact points often end in a half unit of the last place
            and rounding half up decides them: for tests of exactness.

    Returns:
        A strategy of [`Rule`][perfscore.rules.Rule].
    """
    weight = _decimal(points, "points")
    chosen = st.sampled_from(_kinds(kinds))
    how = _Draw(ties=ties, names=None)

    @st.composite
    def build(draw: st.DrawFn) -> Rule:
        return _draw_rule(draw, draw(chosen), weight, places, how)

    return build()


def _split(draw: st.DrawFn, units: int, count: int) -> list[int]:
    """Split ``units`` grid units into ``count`` positive parts that add up exactly."""
    weights = [draw(_WEIGHTS) for _ in range(count)]
    spare = largest_remainder(Decimal(units - count), [Decimal(weight) for weight in weights], 0)
    return [1 + int(part) for part in spare]


def _custom_scheme(minimums: list[Decimal], labels: list[str], missing: str | None) -> GradeScheme:
    grades = [Grade(label, minimum) for label, minimum in zip(labels, [Decimal(0), *minimums], strict=False)]
    return GradeScheme("自定义", grades, not_demonstrated=missing)


_CUSTOM_SCHEMES = st.builds(
    _custom_scheme,
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2), max_size=4, unique=True
    ),
    st.lists(st.sampled_from("优良中差ABCDE"), min_size=5, max_size=5, unique=True),
    st.one_of(st.none(), st.just("未证明")),
)
_BUILT_IN_SCHEMES = st.sampled_from(list(SCHEMES.values()))


def grade_schemes(*, custom: bool = True) -> SearchStrategy[GradeScheme]:
    """Grade schemes (等级划分): `perfscore.grades.SCHEMES` and, if wanted, user-defined ones.

    A user-defined scheme has one to five grades with minimums from 0 to 100 (two places), labels
    such as ``优`` or ``A``, and a "not demonstrated" grade or not.

    Args:
        custom: Whether user-defined schemes are drawn besides the built-in MOF and PART ones.

    Returns:
        A strategy of [`GradeScheme`][perfscore.grades.GradeScheme].
    """
    return st.one_of(_BUILT_IN_SCHEMES, _CUSTOM_SCHEMES) if custom else _BUILT_IN_SCHEMES


@st.composite
def _framework(
    draw: st.DrawFn,
    *,
    max_depth: int,
    max_children: int,
    max_leaves: int,
    kinds: list[str],
    policies: list[str],
    places_strategy: SearchStrategy[int],
    names: SearchStrategy[str] | None,
    grades: SearchStrategy[GradeScheme],
    details: bool,
    ties: bool,
    row_places: bool = False,
) -> Framework:
    places = draw(places_strategy)
    # Drawn first only for per-row places, which rescale refuses: other draws stay as they were.
    policy = draw(st.sampled_from(policies)) if row_places else None
    if not 0 <= places <= 6:
        raise ValueError(f"places must be from 0 to 6, got {places!r}")
    whole = 10**places
    if ties:  # whole points, split in whole points where they suffice (see parts_of)
        total_units = whole * draw(st.one_of(st.just(100), st.integers(max(1, max_children), 1000)))
    else:
        total_units = draw(st.one_of(st.just(100 * whole), st.integers(max(1, max_children), 1000 * whole)))
    leaves_left = [max_leaves]

    def parts_of(units: int, count: int) -> list[int]:
        # Whole points make ties likely: 10 points × 0.01 ÷ 0.8 = 0.125.
        if ties and units % whole == 0 and units // whole >= count:
            return [part * whole for part in _split(draw, units // whole, count)]
        return _split(draw, units, count)

    kind_strategy = st.sampled_from(kinds)
    indicator_names = st.sampled_from(_NAMES) if names is None else names
    texts = st.one_of(st.none(), st.sampled_from(_ITEMS) if names is None else names)
    how = _Draw(ties=ties, names=names)

    def detail() -> str | None:
        return draw(texts) if details and draw(_BOOLEANS) else None

    def indicator(code: str, units: int, depth: int) -> Indicator:
        points = _grid(units, places)
        name = draw(indicator_names)
        if depth < max_depth and draw(_BOOLEANS):
            # Each child needs one grid unit at least; `count` children add count - 1 leaves.
            count = draw(st.integers(1, min(max_children, units, leaves_left[0] + 1)))
            leaves_left[0] -= count - 1  # this node's leaf becomes `count` leaves
            parts = parts_of(units, count)
            children = tuple(
                indicator(f"{code}.{index}", part, depth + 1) for index, part in enumerate(parts, 1)
            )
            return Indicator(
                code, name, points, children=children, target=detail(), unit=detail(), description=detail()
            )
        rule = _draw_rule(draw, draw(kind_strategy), points, places, how)
        own: int | None = None
        if row_places and policy != "rescale" and draw(_BOOLEANS):
            needed = max(0, -int(points.normalize().as_tuple().exponent))  # 12.50 needs 1 place
            own = draw(st.integers(needed, places))
            points = points.quantize(Decimal(1).scaleb(-own))  # written with the row's places
        return Indicator(
            code, name, points, rule=rule, target=detail(), unit=detail(), description=detail(), places=own
        )

    count = draw(st.integers(1, min(max_children, total_units, max_leaves)))
    leaves_left[0] -= count
    top = [
        indicator(chr(ord("A") + index), part, 1) for index, part in enumerate(parts_of(total_units, count))
    ]
    return Framework(
        "生成的指标体系" if names is None else draw(names),
        top,
        grades=draw(grades),
        not_applicable=policy if policy is not None else draw(st.sampled_from(policies)),
        places=places,
        description=draw(texts) if details else None,
    )


def frameworks(
    *,
    max_depth: int = 3,
    max_children: int = 4,
    max_leaves: int = 12,
    rules: Collection[str] | None = None,
    policies: Collection[str] | None = None,
    places: int | SearchStrategy[int] = 2,
    names: SearchStrategy[str] | None = None,
    grades: SearchStrategy[GradeScheme] | None = None,
    details: bool = False,
    ties: bool = False,
    row_places: bool = False,
) -> SearchStrategy[Framework]:
    """Valid frameworks (指标体系) of any depth up to ``max_depth``, every parent's points adding up.

    The total is 100 points or any other amount; each parent's points are split among its
    children by the largest-remainder method on the grid of ``places``, so they add up exactly
    and every child has more than 0 points. Leaves get rules of the given kinds that fit their
    points; the grade scheme is one of [`perfscore.grades.SCHEMES`][perfscore.grades.SCHEMES] unless
    ``grades`` says otherwise.

    Args:
        max_depth: The deepest level (1 = first-level indicators only), at most
            [`MAX_DEPTH`][perfscore.framework.MAX_DEPTH].
        max_children: The most children of one indicator (and first-level indicators).
        max_leaves: The most leaves in the whole framework, which keeps deep frameworks small.
        rules: The rule kinds leaves may have; every kind when ``None``.
        policies: The not-applicable policies (``"full"``, ``"rescale"``, ``"exclude"``) to draw
            from; all three when ``None``.
        places: The framework's decimal places (0 to 6), or a strategy of them, such as
            ``st.sampled_from([0, 1, 2, 3])``.
        names: Where the framework's, the indicators' and checklist items' names come from, e.g.
            text with quotes, ``<``, ``&`` or line breaks to test a renderer's escaping; a few
            Chinese indicator names (履职效能, 预算管理 …) when ``None``.
        grades: Where the grade scheme comes from, e.g. [`grade_schemes`][perfscore.testing.grade_schemes];
            the built-in schemes when ``None``.
        details: Whether indicators may carry the texts reports show (``target``, ``unit``,
            ``description``) and the framework a ``description``, drawn from ``names``.
        ties: Whether points end in a half unit of the last place before rounding more often,
            for tests of exactness: rules get targets with small denominators (see
            [`rules`][perfscore.testing.rules]) and points are often split in whole points.
        row_places: Whether leaves may round to places of their own (`Indicator.places`, at
            most the framework's and fitting their points), under the ``full`` and ``exclude``
            policies only (``rescale`` refuses them). Off by default, so that frameworks drawn
            without it are the ones drawn before per-row places existed.

    Returns:
        A strategy of [`Framework`][perfscore.framework.Framework].

    Raises:
        ValueError: An argument is out of range (a mistake in the test, not in the data).
    """
    if not 1 <= max_depth <= MAX_DEPTH:
        raise ValueError(f"max_depth must be from 1 to {MAX_DEPTH}, got {max_depth!r}")
    if max_children < 1 or max_leaves < 1:
        raise ValueError("max_children and max_leaves must be at least 1")
    if isinstance(places, int) and not 0 <= places <= 6:
        raise ValueError(f"places must be from 0 to 6, got {places!r}")
    chosen = list(NOT_APPLICABLE_POLICIES) if policies is None else list(policies)
    if not chosen or any(policy not in NOT_APPLICABLE_POLICIES for policy in chosen):
        raise ValueError(f"policies must be among {', '.join(NOT_APPLICABLE_POLICIES)}, got {policies!r}")
    return _framework(
        max_depth=max_depth,
        max_children=max_children,
        max_leaves=max_leaves,
        kinds=_kinds(rules),
        policies=chosen,
        places_strategy=st.just(places) if isinstance(places, int) else places,
        names=names,
        grades=_BUILT_IN_SCHEMES if grades is None else grades,
        details=details,
        ties=ties,
        row_places=row_places,
    )


def _on_grid(low: Decimal, high: Decimal, places: int, *, high_inclusive: bool) -> tuple[int, int]:
    """The grid units ``u`` with ``low ≤ u·10**-places`` and ``≤ high`` (``< high`` if not inclusive)."""
    first = int(low.scaleb(places).to_integral_value(rounding=ROUND_CEILING))
    last_exact = high.scaleb(places)
    last = int(last_exact.to_integral_value(rounding=ROUND_FLOOR))
    if not high_inclusive and Decimal(last) == last_exact:
        last -= 1
    return first, last


_EXECUTED = amounts(max_value="1e9")
_BUDGETS = amounts(min_value="0.01", max_value="1e9")
_EXECUTION_RATIOS = ratios(max_value="1.5")


_NEAR_FACTORS = (Decimal("0.5"), Decimal(1), Decimal("1.5"), Decimal(2))
_NEAR_OFFSETS = (Decimal("-0.01"), Decimal(0), Decimal("0.01"))
_SMALL_VALUES = st.sampled_from([Decimal("0.01"), Decimal("0.02"), Decimal("0.05")])
_WHOLE_NUMBERS = st.integers(-100, 1000)


def _near(draw: st.DrawFn, near: Decimal) -> Decimal:
    """A value where a formula changes: 0 to 3 times ``near``, or a cent from a multiple of it."""
    if draw(_BOOLEANS):
        return _grid(draw(st.integers(0, _units(3 * near, 2))), 2)
    factor, offset = draw(st.sampled_from(_NEAR_FACTORS)), draw(st.sampled_from(_NEAR_OFFSETS))
    return (near * factor + offset).quantize(Decimal("0.01"))


def _draw_value(
    draw: st.DrawFn, rule: Rule, points: Decimal, places: int, *, text: bool, numeric: bool
) -> object:
    """An observation ``rule`` accepts for a leaf worth ``points``."""
    if isinstance(rule, Qualitative):
        tiers = []
        for tier in TIERS:
            low, high = rule.tier_bounds(tier, points, places)  # rounded when the rule says so
            first, last = _on_grid(low, high, places, high_inclusive=tier.high_inclusive)
            if first <= last:
                tiers.append((tier.name_zh, first, last))
        name, first, last = draw(st.sampled_from(tiers))
        given = _grid(draw(st.integers(first, last)), places)
        if numeric:
            return given
        return (name, given) if draw(_BOOLEANS) else {"tier": name, "points": given}
    if isinstance(rule, Manual):
        given = _grid(draw(st.integers(0, _units(points, places))), places)
        return str(given) if text and draw(_BOOLEANS) else given
    if isinstance(rule, Checklist):
        as_names: bool = draw(_BOOLEANS)
        if rule.items and as_names and not numeric:
            missing: list[str] = []
            for item in rule.items:
                if draw(_BOOLEANS):
                    missing.append(item)
            return missing
        return draw(st.integers(0, len(rule.items) if rule.items else 20))
    if isinstance(rule, ExecutionRate):
        if not numeric and draw(_BOOLEANS):
            return {"executed": draw(_EXECUTED), "budget": draw(_BUDGETS)}
        return draw(_EXECUTION_RATIOS)
    near = getattr(rule, "target", None) or getattr(rule, "threshold", None)
    if isinstance(rule, Interval):  # either bound of the range
        near = rule.low if draw(_BOOLEANS) else rule.high
    choice = draw(st.integers(0, 3))
    if text and choice == 0:
        return draw(_WHOLE_NUMBERS)
    if choice == 1:
        value = draw(_SMALL_VALUES)
    elif isinstance(near, Decimal) and near > 0 and choice == 2:
        value = _near(draw, near)
    else:
        value = draw(_VALUES)
    return str(value) if text and draw(_BOOLEANS) else value


def _probability(not_applicable: bool | float) -> float:
    if isinstance(not_applicable, bool):
        return 0.2 if not_applicable else 0.0
    if not 0 <= not_applicable < 1:
        raise ValueError(f"not_applicable must be a probability from 0 to below 1, got {not_applicable!r}")
    return float(not_applicable)


_CHANCES = st.integers(0, 99)


@st.composite
def _observations(
    draw: st.DrawFn,
    framework: Framework,
    *,
    percent: int,
    markers: SearchStrategy[object],
    text: bool,
    numeric: bool,
) -> dict[str, object]:
    values: dict[str, object] = {}
    for leaf in framework.leaves():
        assert leaf.rule is not None
        places = framework.places if leaf.places is None else leaf.places  # a row's own places
        if percent and draw(_CHANCES) < percent:
            values[leaf.code] = draw(markers)
        else:
            values[leaf.code] = _draw_value(draw, leaf.rule, leaf.points, places, text=text, numeric=numeric)
    if all(is_not_applicable(value) for value in values.values()):
        first = framework.leaves()[0]
        assert first.rule is not None
        places = framework.places if first.places is None else first.places
        values[first.code] = _draw_value(draw, first.rule, first.points, places, text=text, numeric=numeric)
    return values


_MARKER = st.just(NOT_APPLICABLE)


def observations(
    framework: Framework,
    *,
    not_applicable: bool | float = True,
    markers: SearchStrategy[object] | None = None,
    text: bool = False,
    numeric: bool = False,
) -> SearchStrategy[dict[str, object]]:
    """Observations (实际完成值) for every leaf of ``framework``, each one its rule accepts.

    Values suit each rule: numbers around a target or threshold (0 to 3 times it, or a cent
    either side of half, once, one and a half and twice it), a few tiny ones, or anywhere from
    −1,000 to 100,000; ``{tier, points}`` or ``(tier, points)`` inside the tier for qualitative
    leaves; points from 0 to the leaf's points for manual ones; a count or the missing items for
    checklists; ``{executed, budget}`` or a ratio for execution rates. Some leaves are not
    applicable, never all of them, so every policy can score the result.

    Args:
        framework: The framework the observations are for.
        not_applicable: The chance that a leaf is not applicable (a number below 1); ``True``
            for one in five, ``False`` for none.
        markers: What a not-applicable leaf holds, e.g. ``st.sampled_from([None, "不适用",
            "N/A"])`` for the spellings files use; [`NOT_APPLICABLE`][perfscore.observations.NOT_APPLICABLE]
            when ``None``.
        text: Whether numbers may also come as text (``"95.5"``) or whole numbers, as a form or a
            file gives them.
        numeric: Whether every applicable value is one number, as a column of a table holds it
            (what [`Framework.score_batch`][perfscore.framework.Framework.score_batch] reads): the points for
            qualitative leaves, a count for checklists, a ratio for execution rates.

    Returns:
        A strategy of ``{leaf code: value}`` dictionaries that ``framework.score`` accepts (with
        ``numeric=True``, ``framework.score_batch``: the scalar engine wants a qualitative leaf's
        tier too).

    Raises:
        ValueError: ``not_applicable`` is not a probability below 1.
    """
    percent = round(_probability(not_applicable) * 100)
    return _observations(
        framework,
        percent=percent,
        markers=_MARKER if markers is None else markers,
        text=text,
        numeric=numeric,
    )


def results(
    frameworks_strategy: SearchStrategy[Framework] | None = None, *, not_applicable: bool | float = True
) -> SearchStrategy[Result]:
    """Results of scoring generated observations with generated frameworks.

    Args:
        frameworks_strategy: Where the frameworks come from; [`frameworks`][perfscore.testing.frameworks] by
            default.
        not_applicable: The chance that a leaf is not applicable, as for
            [`observations`][perfscore.testing.observations].

    Returns:
        A strategy of [`Result`][perfscore.scoring.Result].
    """
    source = frameworks() if frameworks_strategy is None else frameworks_strategy
    return source.flatmap(
        lambda framework: observations(framework, not_applicable=not_applicable).map(framework.score)
    )


def project_funds(*, max_value: object = "1e6", total: bool | None = None) -> SearchStrategy[ProjectFunds]:
    """项目资金 blocks ([ProjectFunds][perfscore.funds.ProjectFunds]) whose sources add up.

    One to three sources (本年财政拨款, 上年结转资金, 其他资金), each with any of 年初预算数,
    全年预算数 and 全年执行数 (two-place amounts from 0 to ``max_value``), and 年度资金总额 either
    given (their sum) or derived.

    Args:
        max_value: The largest amount.
        total: ``True`` to always give 年度资金总额, ``False`` never, ``None`` either.

    Returns:
        A strategy of valid blocks (some have a zero or blank budget: ``execution()`` may raise).
    """
    from perfscore.funds import FundsRow, ProjectFunds  # noqa: PLC0415 - only this strategy needs it

    cell = st.one_of(st.none(), amounts(max_value=max_value))
    row = st.builds(FundsRow, initial=cell, annual=cell, executed=cell)
    sources = st.fixed_dictionaries({}, optional={"fiscal": row, "carryover": row, "other": row}).filter(
        lambda rows: any(not item.is_blank for item in rows.values())
    )

    @st.composite
    def build(draw: st.DrawFn) -> ProjectFunds:
        given = draw(sources)
        derived = ProjectFunds(**given)
        with_total = draw(st.booleans()) if total is None else total
        return ProjectFunds(total=derived.total, **given) if with_total else derived

    return build()


# Printed forms of each canonical comparison, as found on real 自评表 (full-width ones included).
_PRINTED_SIGNS: Final[dict[str, tuple[str, ...]]] = {
    "≥": ("≥", ">=", "≧", "不低于", "不少于", "大于等于", "达到"),
    "≤": ("≤", "<=", "≦", "不高于", "不超过", "小于等于"),
    ">": (">", "＞", "高于", "大于", "超过"),
    "<": ("<", "＜", "低于", "小于"),
    "=": ("=", "＝", "﹦", "等于"),
}
_PRINTED_UNITS: Final = (None, "%", "个", "万元", "元", "天", "次", "人", "项", "家", "台", "户", "小时")
_QUALITATIVE_WORDS: Final = (
    "定性",
    "达成预期指标",
    "效果明显",
    "严格执行相关制度规定",
    "符合相关规定",
    "在项目计划完成时间内完成",
    "有效提升",
)
_FULL_WIDTH: Final = str.maketrans("0123456789,.%", "０１２３４５６７８９，．％")
_TARGET_NUMBERS = st.decimals(min_value=Decimal(0), max_value=Decimal(100000), places=2) | st.integers(
    0, 1000
).map(Decimal)


def _printed_number(draw: st.DrawFn, number: Decimal) -> str:
    whole, _, fraction = format(number, "f").partition(".")
    if draw(_BOOLEANS):
        whole = f"{int(whole):,}"
    return whole + ("." + fraction if fraction else "")


def _printed_unit(draw: st.DrawFn, unit: str | None) -> str:
    if unit == "%":
        return draw(st.sampled_from(["%", "％", "百分比"]))
    return unit or ""


def printed_targets(
    *, kinds: Collection[str] | None = None, units: Sequence[str | None] = _PRINTED_UNITS
) -> SearchStrategy[tuple[str, Target]]:
    """Targets (指标值) as 自评表 print them, with the `Target` they stand for.

    The text uses any printed comparison (``≥``, ``＞``, 不低于, 不超过, ``﹦`` …) or a suffix
    (以上, 以内), thousands separators or not, full-width digits or not, spaces or not, ``%``
    also as ``％`` or ``百分比``; ranges (``"90%～100%"``, ``"90-100%"``), qualitative words and
    不适用. [parse][perfscore.targets.parse] reads every text into its target.

    Args:
        kinds: Target kinds (``"forward"``, ``"reverse"``, ``"equal"``, ``"range"``,
            ``"qualitative"``, ``"not_applicable"``); all of them when ``None``.
        units: The units a quantitative target may carry (``None`` for none).

    Returns:
        A strategy of ``(text, target)`` pairs.
    """
    chosen = ["forward", "reverse", "equal", "range", "qualitative", "not_applicable"]
    if kinds is not None:
        unknown = [kind for kind in kinds if kind not in chosen]
        if unknown or not kinds:
            raise ValueError(f"kinds must be a non-empty collection of {', '.join(chosen)}, got {kinds!r}")
        chosen = list(kinds)
    signs = [sign for sign, kind in KIND_OF_COMPARISON.items() if kind in chosen]

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, Target]:
        kind = draw(st.sampled_from(chosen))
        if kind == "qualitative":
            words = draw(st.sampled_from(_QUALITATIVE_WORDS))
            return words, Target("qualitative", wording=words, text=words)
        if kind == "not_applicable":
            words = draw(st.sampled_from(["不适用", "不涉及", "N/A"]))
            return words, Target("not_applicable", text=words)
        unit = draw(st.sampled_from(list(units)))
        space = draw(st.sampled_from(["", " ", "\u3000"]))
        if kind == "range":
            low, high = sorted(draw(st.lists(_TARGET_NUMBERS, min_size=2, max_size=2, unique_by=float)))
            first_unit = _printed_unit(draw, unit) if draw(_BOOLEANS) else ""
            separator = draw(st.sampled_from(["-", "～", "~", "至"]))
            text = (
                f"{_printed_number(draw, low)}{first_unit}{space}{separator}{space}"
                f"{_printed_number(draw, high)}{_printed_unit(draw, unit)}"
            )
            target = Target("range", number=low, upper=high, unit=unit)
        else:
            sign = draw(st.sampled_from(signs))
            number = draw(_TARGET_NUMBERS)
            quantity = f"{_printed_number(draw, number)}{space}{_printed_unit(draw, unit)}"
            if sign in ("≥", "≤") and draw(st.integers(0, 3)) == 0:
                text = quantity + draw(st.sampled_from(["以上"] if sign == "≥" else ["以内", "以下"]))
            else:
                text = draw(st.sampled_from(_PRINTED_SIGNS[sign])) + space + quantity
            target = Target(KIND_OF_COMPARISON[sign], sign, number, unit=unit)
        if draw(_BOOLEANS):
            text = text.translate(_FULL_WIDTH)
        return text, attrs.evolve(target, text=text)

    return build()
