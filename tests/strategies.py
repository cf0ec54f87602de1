"""Hypothesis strategies shared by the project's tests."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore.framework import NOT_APPLICABLE_POLICIES, Framework, Indicator
from perfscore.grades import MOF_GRADES, PART_GRADES, Grade, GradeScheme
from perfscore.rules import (
    TIERS,
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Manual,
    Qualitative,
    Reverse,
    Rule,
)
from perfscore.scoring import NOT_APPLICABLE, is_not_applicable

#: Amounts with at most two decimal places, as budget figures are written (万元 or 元).
amounts = pst.amounts(min_value="0.01")
#: Amounts that may be zero.
amounts_or_zero = pst.amounts()
#: Signed ratios such as a change rate, with up to six places.
ratios = pst.rates(min_value="-0.999999", places=6)

#: Decimals of every kind: huge, tiny, negative, NaN, sNaN, infinities, many digits.
any_decimals = st.decimals(allow_nan=True, allow_infinity=True)

#: Anything a careless caller might pass where a number is expected.
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    any_decimals,
    st.text(max_size=30),
    st.text(alphabet="0123456789,.，．０１２３４５６７８９-−+%万元亿千eE ", max_size=20),
    st.fractions(),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from([np.float64("nan"), np.float32(0.1), np.int64(7), np.bool_(True), np.float16(2.5)]),
    st.just(Fraction(1, 3)),
    st.just(object()),
)

#: Indicator points (分值) as forms write them: 0.5 to 100, at most two places.
points = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(100), places=2)
#: Observed values with at most two places, negative ones included.
observed = st.decimals(min_value=Decimal(-1000), max_value=Decimal(100000), places=2)
#: Positive targets with at most two places.
targets = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10000), places=2)
#: Positive criterion weights for a perfectly consistent pairwise matrix (1 to 10 criteria).
consistent_weights = st.lists(
    st.floats(min_value=0.01, max_value=100, allow_nan=False, allow_infinity=False), min_size=1, max_size=10
).map(lambda values: np.array(values, dtype=np.float64))

#: Data matrices for entropy/CRITIC: 2–8 units × 1–5 criteria, on a quarter grid so that equal
#: values (constant columns, ties) occur.
data_matrices = (
    st.integers(min_value=2, max_value=8)
    .flatmap(
        lambda rows: st.integers(min_value=1, max_value=5).flatmap(
            lambda columns: st.lists(
                st.lists(
                    st.integers(-1000, 1000).map(lambda value: value / 4), min_size=columns, max_size=columns
                ),
                min_size=rows,
                max_size=rows,
            )
        )
    )
    .map(lambda rows: np.array(rows, dtype=np.float64))
)

#: Non-negative weights for allocate_points, as a user might type them (up to 6 places).
point_weights = st.lists(
    st.decimals(min_value=Decimal(0), max_value=Decimal(1000), places=6), min_size=1, max_size=20
)


# ---------------------------------------------------------------------------------------------
# Frameworks and observations. General strategies (no test's assumptions baked in), meant to
# move to a public perfscore.testing later.

#: Text as people put in names: CJK, Latin, spaces inside, punctuation, the odd control character.
names = (
    st.text(
        alphabet=st.one_of(
            st.sampled_from("履职效能预算管理财务资产采购项目决策执行目标实现产出效益满意度"),
            st.characters(codec="utf-8", exclude_categories=("Cs",)),
        ),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


def _grid(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


@functools.cache
def _on_grid(low: Decimal, high: Decimal, places: int) -> st.SearchStrategy[Decimal]:
    """Decimals in [low, high] with at most ``places`` places (low and high may be off the grid)."""
    return st.decimals(min_value=low, max_value=high, places=places)


_small = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10), places=2)
_fractions = st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=2)
_item_lists = st.one_of(st.just(()), st.lists(names, min_size=1, max_size=4, unique=True).map(tuple))
_band_thresholds = st.lists(observed, min_size=1, max_size=4, unique=True).map(sorted)


def _draw_bands(draw: Any, points: Decimal, places: int) -> Bands:
    thresholds = draw(_band_thresholds)
    higher, fractions = draw(st.booleans()), draw(st.booleans())
    shares = sorted(draw(st.lists(_fractions, min_size=len(thresholds), max_size=len(thresholds))))
    if fractions:
        awards = shares
    else:  # points on the framework's grid, never above the leaf's points
        awards = [(share * points).quantize(_grid(places), rounding=ROUND_DOWN) for share in shares]
    if not higher:
        awards.reverse()
    return Bands(list(zip(thresholds, awards, strict=True)), higher_is_better=higher, fractions=fractions)


#: The kinds of rule :func:`rules_for` draws, one per class in :data:`perfscore.rules.RULES`.
RULE_KINDS = (
    "forward",
    "equal",
    "reverse",
    "deduction",
    "bands",
    "qualitative",
    "checklist",
    "manual",
    "execution_rate",
)


def draw_rule(draw: Any, points: Decimal, places: int = 2) -> Rule:
    """Draw a rule of any kind that fits a leaf worth ``points`` at ``places`` places."""
    kind = draw(st.sampled_from(RULE_KINDS))
    if kind == "forward":
        return Forward(draw(targets))
    if kind == "equal":
        return Equal(draw(st.one_of(st.just(Decimal(0)), targets)))
    if kind == "reverse":
        return Reverse(draw(targets), draw(st.sampled_from(["linear", "ratio"])))
    if kind == "deduction":
        return Deduction(draw(observed), draw(_small), draw(_small), draw(st.booleans()))
    if kind == "bands":
        return _draw_bands(draw, points, places)
    if kind == "qualitative":
        return Qualitative()
    if kind == "checklist":
        return Checklist(draw(_small), draw(_item_lists))
    if kind == "manual":
        return Manual()
    return ExecutionRate()


@st.composite
def rules_for(draw: Any, points: Decimal, places: int = 2) -> Rule:
    """A rule of any kind that fits a leaf worth ``points`` at ``places`` places."""
    return draw_rule(draw, points, places)


def _custom_scheme(minimums: list[Decimal], labels: list[str], missing: str | None) -> GradeScheme:
    grades = [Grade(label, minimum) for label, minimum in zip(labels, [Decimal(0), *minimums], strict=False)]
    return GradeScheme("自定义", grades, not_demonstrated=missing)


#: Grade schemes: the built-in ones and random user-defined ones.
grade_schemes = st.one_of(
    st.sampled_from([MOF_GRADES, PART_GRADES]),
    st.builds(
        _custom_scheme,
        st.lists(st.decimals(min_value="0.01", max_value=100, places=2), max_size=4, unique=True),
        st.lists(st.sampled_from("优良中差ABCDE"), min_size=5, max_size=5, unique=True),
        st.one_of(st.none(), st.just("未证明")),
    ),
)
_optional_names = st.one_of(st.none(), names)


def draw_indicator(
    draw: Any, code: str, places: int, depth: int, max_depth: int, max_width: int
) -> Indicator:
    """Draw one indicator coded ``code``; a parent's points are the exact sum of its children's."""
    optional = {
        key: draw(_optional_names) for key in ("target", "unit", "description") if draw(st.booleans())
    }
    if depth < max_depth and draw(st.integers(0, 2)) == 0:
        count = draw(st.integers(1, max_width))
        children = tuple(
            draw_indicator(draw, f"{code}.{index + 1}", places, depth + 1, max_depth, max_width)
            for index in range(count)
        )
        total = sum((child.points for child in children), Decimal(0))
        return Indicator(code, draw(names), total, children=children, **optional)
    points = draw(_on_grid(_grid(places), Decimal(100), places))
    return Indicator(code, draw(names), points, rule=draw_rule(draw, points, places), **optional)


_default_places = st.sampled_from([2, 2, 2, 0, 1, 3])


@st.composite
def frameworks(
    draw: Any,
    *,
    max_depth: int = 3,
    max_width: int = 4,
    policies: Sequence[str] = NOT_APPLICABLE_POLICIES,
    places: st.SearchStrategy[int] | None = None,
) -> Framework:
    """Valid frameworks of random depth with every rule kind and points that add up.

    Args:
        draw: Hypothesis' draw.
        max_depth: The deepest level (1 = only first-level indicators).
        max_width: The most indicators under one parent (and on the first level).
        policies: The not-applicable policies to choose from.
        places: The framework's places; 0 to 3 (mostly 2) by default.
    """
    chosen_places = draw(places if places is not None else _default_places)
    count = draw(st.integers(1, max_width))
    top = tuple(
        draw_indicator(draw, f"K{index + 1}", chosen_places, 1, max_depth, max_width)
        for index in range(count)
    )
    return Framework(
        draw(names),
        top,
        grades=draw(grade_schemes),
        not_applicable=draw(st.sampled_from(list(policies))),
        places=chosen_places,
        description=draw(_optional_names),
    )


_numbers = st.one_of(observed, observed.map(str), st.integers(-100, 1000))
_execution = st.one_of(
    st.fixed_dictionaries({"executed": amounts_or_zero, "budget": amounts}),
    st.decimals(min_value=0, max_value=2, places=4),
)
_markers = st.sampled_from([NOT_APPLICABLE, None, "不适用", "不涉及", "N/A"])


def draw_value(draw: Any, rule: Rule, points: Decimal, places: int) -> object:
    """Draw an observation that ``rule`` can score for a leaf worth ``points``."""
    if isinstance(rule, Qualitative):
        given = draw(_on_grid(Decimal(0), points, places))
        tier = next(tier.name_zh for tier in TIERS if tier.admits(given, points))
        return {"tier": tier, "points": given}
    if isinstance(rule, Manual):
        given = draw(_on_grid(Decimal(0), points, places))
        return str(given) if draw(st.booleans()) else given
    if isinstance(rule, Checklist):
        if not rule.items:
            return draw(st.integers(0, 20))
        if draw(st.booleans()):
            return draw(st.integers(0, len(rule.items)))
        return draw(st.lists(st.sampled_from(rule.items), unique=True, max_size=len(rule.items)))
    if isinstance(rule, ExecutionRate):
        return draw(_execution)
    return draw(_numbers)


@st.composite
def observations_for(draw: Any, framework: Framework, *, not_applicable: bool = True) -> dict[str, object]:
    """Valid observations for every leaf of ``framework``, some marked not applicable.

    At least one leaf stays applicable (with none, ``rescale`` and ``exclude`` have nothing left
    to score, which the engine rightly refuses).
    """
    values: dict[str, object] = {}
    leaves = framework.leaves()
    for leaf in leaves:
        assert leaf.rule is not None
        if not_applicable and draw(st.integers(0, 4)) == 0:
            values[leaf.code] = draw(_markers)
        else:
            values[leaf.code] = draw_value(draw, leaf.rule, leaf.points, framework.places)
    if all(is_not_applicable(value) for value in values.values()):
        first = leaves[0]
        assert first.rule is not None
        values[first.code] = draw_value(draw, first.rule, first.points, framework.places)
    return values


#: Indicator names: Chinese, ASCII and the characters HTML must escape; no control characters.
indicator_names = st.text(
    alphabet=st.sampled_from("预算管理产出效益满意度指标数量质量时效成本<>&\"' ABCxyz123（）/%"),
    min_size=1,
    max_size=12,
).filter(lambda name: name.strip() != "")


@st.composite
def _leaf_with_observation(draw, code: str, name: str, leaf_points: Decimal):
    """A leaf indicator with a rule that fits its points, and an observation for it."""
    kind = draw(
        st.sampled_from(
            [
                "forward",
                "reverse",
                "equal",
                "deduction",
                "bands",
                "manual",
                "qualitative",
                "checklist",
                "execution_rate",
            ]
        )
    )
    number = st.decimals(min_value=Decimal(0), max_value=Decimal(1000), places=2)
    if kind == "forward":
        rule, value = Forward(draw(targets)), draw(observed)
    elif kind == "reverse":
        rule, value = Reverse(draw(targets), method=draw(st.sampled_from(["linear", "ratio"]))), draw(number)
    elif kind == "equal":
        rule, value = Equal(draw(st.sampled_from([Decimal(0), Decimal(1), Decimal("2.5")]))), draw(number)
    elif kind == "deduction":
        rule, value = Deduction(threshold=100, per_step="0.5", whole_steps=draw(st.booleans())), draw(number)
    elif kind == "bands":
        rule, value = Bands([(90, 1), (80, "0.6")], fractions=True), draw(number)
    elif kind == "manual":
        rule = Manual()
        value = draw(st.decimals(min_value=Decimal(0), max_value=leaf_points, places=2))
    elif kind == "qualitative":
        rule = Qualitative()
        partial = (leaf_points * Decimal("0.7")).quantize(Decimal("0.01"))
        value = draw(st.sampled_from([{"tier": "达成", "points": leaf_points}, ("部分达成", partial)]))
    elif kind == "checklist":
        rule = Checklist(per_item=1, items=("制度健全", "执行有效", "档案完整"))
        value = draw(
            st.one_of(
                st.integers(0, 3).map(Decimal), st.just(["档案完整"]), st.just(["制度健全", "执行有效"])
            )
        )
    else:
        rule = ExecutionRate()
        value = draw(
            st.one_of(
                st.decimals(min_value=Decimal(0), max_value=Decimal("1.2"), places=4),
                st.builds(lambda e, b: {"executed": e, "budget": b}, number, targets),
            )
        )
    if draw(st.integers(0, 9)) == 0:
        value = NOT_APPLICABLE
    return Indicator(code, name, leaf_points, rule=rule), value


@st.composite
def frameworks_with_observations(draw, max_depth: int = 3):
    """A framework of one to three levels with mixed rules, and observations for every leaf.

    About one leaf in ten is not applicable; the not-applicable policy varies. Codes are
    hierarchical (``A``, ``A1``, ``A1.2``).
    """
    observations: dict[str, object] = {}

    def build(code: str, depth: int):
        name = draw(indicator_names)
        if depth < max_depth and draw(st.booleans()):
            count = draw(st.integers(1, 3))
            children = [
                build(f"{code}{'.' if depth > 1 else ''}{index + 1}", depth + 1) for index in range(count)
            ]
            total = sum((child.points for child in children), Decimal(0))
            return Indicator(code, name, total, children=tuple(children))
        leaf_points = draw(st.decimals(min_value=Decimal("0.5"), max_value=Decimal(30), places=2))
        leaf, value = draw(_leaf_with_observation(code, name, leaf_points))
        observations[code] = value
        return leaf

    count = draw(st.integers(1, 4))
    indicators = tuple(build("ABCD"[index], 1) for index in range(count))
    policy = draw(st.sampled_from(["full", "rescale", "exclude"]))
    framework = Framework(draw(indicator_names), indicators, not_applicable=policy)
    leaves = framework.leaves()
    if all(is_not_applicable(observations[leaf.code]) for leaf in leaves):
        observations[leaves[0].code] = _applicable_value(leaves[0])
    return framework, observations


def _applicable_value(leaf) -> object:
    """An applicable observation for a leaf (used when every leaf came out not applicable)."""
    if isinstance(leaf.rule, Qualitative):
        return {"tier": "达成", "points": leaf.points}
    if isinstance(leaf.rule, Checklist):
        return Decimal(0)
    if isinstance(leaf.rule, ExecutionRate):
        return Decimal(1)
    if isinstance(leaf.rule, Manual):
        return leaf.points
    return Decimal(50)


#: Decimal places as frameworks use them: mostly 2 (cents), sometimes 0, 1 or 3.
ANY_PLACES = st.sampled_from([2, 2, 2, 0, 1, 3])
