"""perfscore.allocation.largest_remainder (最大余额法) at its edges."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import DomainError
from perfscore.allocation import largest_remainder

D = Decimal


@pytest.mark.parametrize(
    ("total", "weights", "places", "message"),
    [
        (D(-1), [D(1)], 2, "total: must be a non-negative multiple of 0.01, got -1"),
        (D("0.005"), [D(1)], 2, "total: must be a non-negative multiple of 0.01, got 0.005"),
        (D("0.5"), [D(1)], 0, "total: must be a non-negative multiple of 1, got 0.5"),
        (D(1), [D(1), D(-1)], 2, "weights: must not be negative"),
        (D(1), [D(0), D(0)], 2, "weights: must not all be zero"),
        (D(1), [], 2, "weights: must not all be zero"),
    ],
)
def test_refusals(total, weights, places, message):
    with pytest.raises(DomainError) as caught:
        largest_remainder(total, weights, places)
    assert str(caught.value) == message


def test_spare_unit_goes_to_the_largest_remainder():
    # 1 split 1 : 2 in whole units: 1/3 and 2/3 both floor to 0; 2/3 has the larger remainder.
    assert largest_remainder(D(1), [D(1), D(2)], 0) == [D(0), D(1)]
    assert largest_remainder(D(1), [D(2), D(1)], 0) == [D(1), D(0)]
    # 10 points over 3 equal parts: ties go to the earlier part.
    assert largest_remainder(D(10), [D(1)] * 3, 2) == [D("3.34"), D("3.33"), D("3.33")]


def test_zero_total_small_totals_and_zero_weights():
    assert largest_remainder(D(0), [D(1), D(2)], 2) == [D("0.00"), D("0.00")]
    assert largest_remainder(D("0.5"), [D(1), D(1)], 2) == [D("0.25"), D("0.25")]
    assert largest_remainder(D(10), [D(0), D(1)], 2) == [D("0.00"), D("10.00")]
    assert largest_remainder(D(10), [D("0.5"), D("0.5")], 1) == [D("5.0"), D("5.0")]
    assert largest_remainder(D(3), [D("0.25"), D("0.75")], 0) == [D(1), D(2)]


@given(
    st.integers(0, 10**6),
    st.lists(st.integers(0, 1000), min_size=1, max_size=12).filter(any),
    st.integers(0, 4),
)
def test_parts_add_up_and_stay_within_one_unit(units, weights, places):
    total = D(units).scaleb(-places)
    parts = largest_remainder(total, [D(weight) for weight in weights], places)
    assert sum(parts) == total
    unit = D(1).scaleb(-places)
    for part, weight in zip(parts, weights, strict=True):
        assert part.as_tuple().exponent == -places
        exact = total * weight / sum(weights)
        assert abs(part - exact) < unit
