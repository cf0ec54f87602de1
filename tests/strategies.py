"""Hypothesis strategies shared by the project's tests."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

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


# -- frameworks and units for the batch engine (tests/test_batch.py) ------------------------------
# Named batch_* so as not to clash with the general frameworks() strategy; to be unified later.

_TWO_PLACES = {"places": 2, "allow_nan": False, "allow_infinity": False}
#: Targets with small denominators make ties (x.xx5) frequent: 0.01 / 0.8 × 10 = 0.125.
_TIE_TARGETS = st.sampled_from(
    [Decimal(text) for text in ("0.8", "1.6", "4", "8", "40", "0.25", "2.5", "100")]
)


def _batch_targets() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        _TIE_TARGETS, st.decimals(min_value=Decimal("0.01"), max_value=Decimal(5000), **_TWO_PLACES)
    )


@st.composite
def batch_rules(draw: st.DrawFn, points: Decimal) -> object:
    """A rule of any kind, parameters with at most two decimal places, fitting ``points``."""
    from perfscore import rules  # noqa: PLC0415

    kind = draw(st.sampled_from(sorted(rules.RULES)))
    if kind == "forward":
        return rules.Forward(target=draw(_batch_targets()))
    if kind == "equal":
        return rules.Equal(target=draw(st.one_of(st.just(Decimal(0)), _batch_targets())))
    if kind == "reverse":
        return rules.Reverse(target=draw(_batch_targets()), method=draw(st.sampled_from(["linear", "ratio"])))
    if kind == "deduction":
        return rules.Deduction(
            threshold=draw(st.decimals(min_value=-50, max_value=200, **_TWO_PLACES)),
            per_step=draw(st.decimals(min_value=Decimal("0.01"), max_value=5, **_TWO_PLACES)),
            step=draw(
                st.one_of(
                    st.sampled_from([Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal(3)]),
                    st.decimals(min_value=Decimal("0.01"), max_value=20, **_TWO_PLACES),
                )
            ),
            whole_steps=draw(st.booleans()),
        )
    if kind == "bands":
        fractions = draw(st.booleans())
        thresholds = draw(
            st.lists(
                st.decimals(min_value=-10, max_value=200, **_TWO_PLACES), min_size=1, max_size=4, unique=True
            )
        )
        top = Decimal(1) if fractions else points
        awards = sorted(
            draw(
                st.lists(
                    st.decimals(min_value=0, max_value=top, **_TWO_PLACES),
                    min_size=len(thresholds),
                    max_size=len(thresholds),
                )
            ),
            reverse=True,
        )
        higher = draw(st.booleans())
        ordered = sorted(thresholds, reverse=higher)  # the best band first, with the highest award
        return rules.Bands(
            list(zip(ordered, awards, strict=True)), higher_is_better=higher, fractions=fractions
        )
    if kind == "checklist":
        items = draw(st.sampled_from([(), ("a", "b", "c"), ("a", "b", "c", "d", "e", "f")]))
        return rules.Checklist(
            per_item=draw(st.decimals(min_value=Decimal("0.01"), max_value=4, **_TWO_PLACES)), items=items
        )
    return rules.RULES[kind]()  # qualitative, manual, execution_rate


@st.composite
def batch_frameworks(draw: st.DrawFn) -> object:
    """A framework with every rule kind possible, any not-applicable policy, up to three levels."""
    from perfscore import PART_GRADES, Framework, Indicator  # noqa: PLC0415
    from perfscore.grades import MOF_GRADES  # noqa: PLC0415

    places = draw(st.sampled_from([2, 2, 2, 0, 1, 3]))
    counter = iter(range(1000))
    leaf_points = st.decimals(
        min_value=Decimal(1),
        max_value=Decimal(40),
        places=min(places, 2),
        allow_nan=False,
        allow_infinity=False,
    )

    def node(depth: int) -> Indicator:
        code = f"L{next(counter)}"
        if depth < 3 and draw(st.booleans()):
            children = tuple(node(depth + 1) for _ in range(draw(st.integers(1, 3))))
            return Indicator(code, code, sum(child.points for child in children), children=children)
        points = draw(leaf_points)
        return Indicator(code, code, points, rule=draw(batch_rules(points)))

    indicators = tuple(node(1) for _ in range(draw(st.integers(1, 3))))
    return Framework(
        "batch",
        indicators,
        not_applicable=draw(st.sampled_from(["full", "rescale", "exclude"])),
        places=places,
        grades=draw(st.sampled_from([MOF_GRADES, PART_GRADES])),
    )


@st.composite
def batch_values(draw: st.DrawFn, rule: object, points: Decimal) -> Decimal:
    """An observation a leaf's rule can use, with at most two decimal places (ties included)."""
    from perfscore import rules  # noqa: PLC0415

    if isinstance(rule, (rules.Manual, rules.Qualitative)):
        return draw(st.decimals(min_value=0, max_value=points, **_TWO_PLACES))
    if isinstance(rule, rules.Checklist):
        return Decimal(draw(st.integers(0, len(rule.items) or 12)))
    if isinstance(rule, rules.ExecutionRate):
        return draw(st.decimals(min_value=0, max_value=Decimal("1.5"), places=4, allow_nan=False))
    near: list[Decimal] = [Decimal("0.01"), Decimal("0.02"), Decimal("0.05")]
    target = getattr(rule, "target", None) or getattr(rule, "threshold", None)
    if isinstance(target, Decimal):
        near += [
            target * factor + offset
            for factor in (Decimal("0.5"), 1, Decimal("1.5"), 2)
            for offset in (Decimal("-0.01"), 0, Decimal("0.01"))
        ]
    return draw(
        st.one_of(
            st.decimals(min_value=-100, max_value=3000, **_TWO_PLACES),
            st.sampled_from([value.quantize(Decimal("0.01")) for value in near]),
        )
    )
