"""Hypothesis strategies shared by the project's tests."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from perfscore import NOT_APPLICABLE, Framework, Indicator
from perfscore.rules import (
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Manual,
    Qualitative,
    Reverse,
)
from perfscore.scoring import is_not_applicable

#: Amounts with at most two decimal places, as budget figures are written (万元 or 元).
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2)
#: Amounts that may be zero.
amounts_or_zero = st.decimals(min_value=Decimal(0), max_value=Decimal("1e12"), places=2)
#: Signed ratios such as a change rate, with up to six places.
ratios = st.decimals(min_value=Decimal("-0.999999"), max_value=Decimal(10), places=6)

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
