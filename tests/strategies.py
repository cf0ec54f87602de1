"""Hypothesis strategies shared by the project's tests."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

import perfscore.testing as pst

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
