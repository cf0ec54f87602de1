"""Hypothesis strategies shared by the project's tests."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore.framework import Framework
from perfscore.scoring import NOT_APPLICABLE

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
# Frameworks and observations come from the public perfscore.testing; what is kept here is only
# the data the project's own tests feed it (hostile names, spellings of not applicable).

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

#: Indicator names: Chinese, ASCII and the characters HTML must escape; no control characters.
indicator_names = st.text(
    alphabet=st.sampled_from("预算管理产出效益满意度指标数量质量时效成本<>&\"' ABCxyz123（）/%"),
    min_size=1,
    max_size=12,
).filter(lambda name: name.strip() != "")

#: The ways a file or a form says "not applicable" (不适用), all of which the engine accepts.
not_applicable_markers = st.sampled_from([NOT_APPLICABLE, None, "不适用", "不涉及", "N/A"])

#: Decimal places as frameworks use them: mostly 2 (cents), sometimes 0, 1 or 3.
ANY_PLACES = st.sampled_from([2, 2, 2, 0, 1, 3])


def any_frameworks(**options: Any) -> st.SearchStrategy[Framework]:
    """:func:`perfscore.testing.frameworks` with all a file or a renderer must survive.

    Names with any characters (control characters, quotes), report texts on indicators, places 0
    to 3, user-defined grade schemes; ``options`` override or add to these.
    """
    chosen: dict[str, Any] = {
        "names": names,
        "details": True,
        "places": ANY_PLACES,
        "grades": pst.grade_schemes(),
        **options,
    }
    return pst.frameworks(**chosen)


def written_observations(framework: Framework) -> st.SearchStrategy[dict[str, object]]:
    """:func:`perfscore.testing.observations` as written by hand: text numbers, any N/A spelling."""
    return pst.observations(framework, markers=not_applicable_markers, text=True)


def with_observations(
    frameworks: st.SearchStrategy[Framework], observations: Any = written_observations
) -> st.SearchStrategy[tuple[Framework, dict[str, object]]]:
    """Pairs of a framework and observations for it."""
    return frameworks.flatmap(lambda framework: st.tuples(st.just(framework), observations(framework)))
