"""perfscore.numbers at its edges: every refusal's exact message, and the limits to the digit.

The message of an error is part of the contract ("field: message", the field first), so these
tests pin it whole; the limits (10**30, 10**-30, 50 significant digits, 200 characters) are
tested on both sides of the line.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import InvalidNumberError, parse_amount, percent, round_half_up, to_decimal
from perfscore.numbers import RATIO_PRECISION, divide

D = Decimal
FIFTY_ONE_DIGITS = "1" * 51


class _Numpy1Bool:
    """Stands for numpy 1's ``numpy.bool_`` (numpy 2 calls the type ``numpy.bool``)."""

    __module__ = "numpy"

    def __repr__(self) -> str:
        return "<numpy 1 bool_>"


_Numpy1Bool.__name__ = "bool_"
NUMPY1_BOOL = _Numpy1Bool()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: to_decimal(D("NaN"), field="f"), "f: must be a finite number, got Decimal('NaN')"),
        (
            lambda: to_decimal(D("-Infinity"), field="f"),
            "f: must be a finite number, got Decimal('-Infinity')",
        ),
        (
            lambda: to_decimal(D("1e30"), field="f"),
            "f: must be below 10**30 in magnitude, got Decimal('1E+30')",
        ),
        (
            lambda: to_decimal(D("9e-31"), field="f"),
            "f: must be 0 or at least 10**-30 in magnitude, got Decimal('9E-31')",
        ),
        (
            lambda: to_decimal(D("0." + FIFTY_ONE_DIGITS), field="f"),
            "f: has more than 50 significant digits: Decimal('0.1111111111...",
        ),
        (lambda: to_decimal(True, field="f"), "f: must be a number, not a boolean: True"),
        (lambda: to_decimal(np.bool_(False), field="f"), "f: must be a number, not a boolean: np.False_"),
        (lambda: to_decimal("  ", field="f"), "f: must be a number, got empty text"),
        (lambda: to_decimal("1,000", field="f"), "f: is not a decimal number: '1,000'"),
        (lambda: to_decimal("1e30", field="f"), "f: must be below 10**30 in magnitude, got '1e30'"),
        (lambda: to_decimal(2**128, field="f"), f"f: must be below 10**30 in magnitude, got {2**128}"),
        (lambda: to_decimal(10**30, field="f"), f"f: must be below 10**30 in magnitude, got {10**30}"),
        (lambda: to_decimal(float("nan"), field="f"), "f: must be a finite number, got nan"),
        (lambda: to_decimal(1e30, field="f"), "f: must be below 10**30 in magnitude, got 1e+30"),
        (lambda: to_decimal(Fraction(1, 3), field="f"), "f: has no exact decimal value: 1/3"),
        (lambda: to_decimal(Fraction(1, 6), field="f"), "f: has no exact decimal value: 1/6"),
        (
            lambda: to_decimal(Fraction(1, 2**200), field="f"),
            "f: is outside the supported range: Fraction(1, 1606938044258990...",
        ),
        (
            # 200 bits still pass to the exact division, whose result is then too small.
            lambda: to_decimal(Fraction(1, 2**199), field="f"),
            "f: must be 0 or at least 10**-30 in magnitude, got Fraction(1, 8034690221294951...",
        ),
        (
            lambda: to_decimal(Fraction(10**30), field="f"),
            "f: must be below 10**30 in magnitude, got Fraction(1000000000...",
        ),
        (lambda: to_decimal(np.float64("nan"), field="f"), "f: must be a finite number, got np.float64(nan)"),
        (lambda: to_decimal(np.float32("inf"), field="f"), "f: must be a finite number, got np.float32(inf)"),
        (
            lambda: to_decimal(np.float32(1e30), field="f"),
            "f: must be below 10**30 in magnitude, got np.float32(1e+30)",
        ),
        (lambda: to_decimal(None, field="f"), "f: must be a number, got None"),
        (lambda: to_decimal(b"1", field="f"), "f: must be a number, got bytes b'1'"),
        (lambda: to_decimal([1], field="f"), "f: must be a number, got list [1]"),
        (lambda: to_decimal(None), "value: must be a number, got None"),
        (
            lambda: to_decimal(np.complex64(1), field="f"),
            "f: must be a number, got complex64 np.complex64(1+0j)",
        ),
        (
            lambda: to_decimal(np.datetime64("2024-01-01"), field="f"),
            "f: must be a number, got datetime64 np.datetime64('2024-01-01')",
        ),
        (
            lambda: to_decimal(np.timedelta64(3, "D"), field="f"),
            "f: must be a number, got timedelta64 np.timedelta64(3,'D')",
        ),
        (lambda: to_decimal(NUMPY1_BOOL, field="f"), "f: must be a number, not a boolean: <numpy 1 bool_>"),
        (lambda: round_half_up(None), "value: must be a number, got None"),
        (lambda: parse_amount("x"), "amount: is not a figure: 'x'"),
        (lambda: parse_amount("x", field="f"), "f: is not a figure: 'x'"),
        (lambda: parse_amount("1", unit="美元"), "unit: must be one of 元, 千元, 万元, 亿元, got '美元'"),
        (lambda: parse_amount(5, unit="元", field="f"), "f: needs a currency unit to convert to 元, got 5"),
        (
            lambda: parse_amount("5%", unit="元", field="f"),
            "f: needs a currency unit to convert to 元, got '5%'",
        ),
        (
            lambda: parse_amount("5", unit="万元", field="f"),
            "f: needs a currency unit to convert to 万元, got '5'",
        ),
        (lambda: parse_amount(None, field="f"), "f: must be a number, got None"),
        (lambda: parse_amount("1" * 201, field="f"), "f: is too long to be one figure (201 characters)"),
        (lambda: parse_amount("1e30", field="f"), "f: is not a figure: '1e30'"),
        (
            lambda: parse_amount("1" + "0" * 30, field="f"),
            "f: must be below 10**30 in magnitude, got '1000000000000000000000000000000'",
        ),
        (
            lambda: parse_amount("100000000000000000000000亿元", unit="元", field="f"),
            "f: must be below 10**30 in magnitude, got '100000000000000000000000亿元'",
        ),
        (lambda: round_half_up("x", field="f"), "f: is not a decimal number: 'x'"),
        (lambda: round_half_up(1, 31), "places: must be between 0 and 30, got 31"),
        (lambda: round_half_up(1, -1), "places: must be between 0 and 30, got -1"),
        (lambda: round_half_up(1, True), "places: must be a whole number, got True"),
        (lambda: round_half_up(1, 2.0), "places: must be a whole number, got 2.0"),  # type: ignore[arg-type]
        (lambda: round_half_up(D("NaN"), field="f"), "f: must be a finite number, got Decimal('NaN')"),
        (
            lambda: round_half_up(D("1e1001"), field="f"),
            "f: must be below 10**30 in magnitude, got Decimal('1E+1001')",
        ),
        (lambda: percent("x"), "ratio: is not a decimal number: 'x'"),
        (
            lambda: percent(D("-1e1001"), field="f"),
            "f: must be below 10**30 in magnitude, got Decimal('-1E+1001')",
        ),
        (lambda: percent(1, 31), "places: must be between 0 and 30, got 31"),
    ],
)
def test_refusal_messages(call, message):
    with pytest.raises(InvalidNumberError) as caught:
        call()
    if message.endswith("..."):  # a long value is cut in the message
        assert str(caught.value).startswith(message[:-3])
        assert len(caught.value.message) < 130
    else:
        assert str(caught.value) == message
    assert caught.value.field == message.split(":", 1)[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("9.99e29"), D("9.99e29")),  # adjusted exponent 29: the largest allowed
        (D("1e-30"), D("1e-30")),  # the smallest non-zero magnitude allowed
        (D("-1e-30"), D("-1e-30")),
        (D("0." + "1" * 50), D("0." + "1" * 50)),  # exactly 50 significant digits
        (10**30 - 1, D(10**30 - 1)),  # 30 nines: the largest integer allowed
        (Fraction(1, 5), D("0.2")),
        (Fraction(3, 40), D("0.075")),
        (Fraction(1, 5**25), D(1) / D(5**25)),
        (np.int64(7), D(7)),
        (np.float32(0.1), D("0.1")),
        (np.float16(2.5), D("2.5")),
        (" 1e3 ", D("1e3")),
        ("0" * 197 + "1.5", D("1.5")),  # 200 characters
    ],
)
def test_accepted_at_the_limits(value, expected):
    assert to_decimal(value) == expected


def test_text_of_201_characters_is_refused_and_200_accepted():
    assert to_decimal("0" * 198 + "12") == 12
    with pytest.raises(InvalidNumberError, match=r"^value: is not a decimal number"):
        to_decimal("0" * 199 + "12")
    assert parse_amount("0" * 196 + "1.00") == D("1.00")


def test_int_bit_length_limit_is_129_bits_refused():
    # 2**128 has 129 bits and is refused before any Decimal is built; 2**127 has 128 bits and is
    # refused by the magnitude check (39 digits): both name the same limit.
    for value in (2**128, 2**127):
        with pytest.raises(InvalidNumberError, match=r"must be below 10\*\*30"):
            to_decimal(value)
    assert to_decimal(-(10**29)) == D(-(10**29))


@pytest.mark.parametrize("places", [0, 1, 2, 30])
def test_rounding_huge_exact_results(places):
    # Results of exact arithmetic may be far beyond the input limits; rounding them stays exact.
    value = D("15" + "0" * 249 + ".125")
    rounded = round_half_up(value, places)
    assert rounded.as_tuple().exponent == -places
    assert rounded - value == round_half_up(D("0.125"), places) - D("0.125")
    assert percent(value, places) == round_half_up(value * 100, places)


def test_rounding_places_30_and_tiny_values():
    assert round_half_up(D("1e-1000"), 30) == 0
    assert round_half_up(D("5e-31"), 30) == D("1e-30")
    assert round_half_up("1", 30) == D("1." + "0" * 30)
    assert str(round_half_up(D("2.5"), 0)) == "3"


def test_defaults_are_two_places():
    assert round_half_up("2.675") == D("2.68")
    assert percent("0.742499") == D("74.25")
    assert str(percent(D("0.5"))) == "50.00"


def test_divide_keeps_fifty_significant_digits():
    third = divide(D(1), D(3))
    assert len(third.as_tuple().digits) == RATIO_PRECISION
    assert third == D("0." + "3" * RATIO_PRECISION)
    assert divide(D(1), D(8)) == D("0.125")
    assert divide(D(-7), D(2)) == D("-3.5")


def test_ambient_context_changes_nothing():
    # A caller working at 3 significant digits, rounding down, with every trap set.
    with decimal.localcontext() as ambient:
        ambient.prec = 3
        ambient.rounding = decimal.ROUND_DOWN
        ambient.traps[decimal.Inexact] = True
        ambient.traps[decimal.Rounded] = True
        assert percent("0.742499") == D("74.25")
        assert round_half_up("2.675") == D("2.68")
        assert to_decimal("12345.678") == D("12345.678")
        assert divide(D(1), D(3)) == D("0." + "3" * RATIO_PRECISION)


@given(
    st.integers(min_value=0, max_value=1),
    st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=60),
    st.integers(min_value=-40, max_value=30),
)
def test_the_digit_limit_is_counted_as_the_digits_are(sign, digits, exponent):
    """`to_decimal`'s quick count (rounding to 50 digits traps) is the count of the digits."""
    from perfscore.numbers import MAX_SIGNIFICANT_DIGITS, _has_more_digits  # noqa: PLC0415

    value = Decimal((sign, tuple(digits), exponent))
    assert _has_more_digits(value) == (len(value.as_tuple().digits) > MAX_SIGNIFICANT_DIGITS)
