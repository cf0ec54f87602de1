"""perfscore.numbers: to_decimal, parse_amount, round_half_up, percent."""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import InvalidNumberError, PerfscoreError, parse_amount, percent, round_half_up, to_decimal

from .strategies import anything


class TestToDecimal:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (0.1, "0.1"),
            (7463.89, "7463.89"),
            (3, "3"),
            ("  74.25 ", "74.25"),
            ("-3", "-3"),
            ("1e3", "1E+3"),
            (Decimal("13.20"), "13.20"),
            (np.float64(0.1), "0.1"),
            (np.float32(0.1), "0.1"),
            (np.int64(7), "7"),
            (Fraction(1, 4), "0.25"),
        ],
    )
    def test_accepts(self, value, expected):
        result = to_decimal(value)
        assert result == Decimal(expected)
        assert str(result) == expected

    @pytest.mark.parametrize(
        "value",
        [
            None,
            True,
            False,
            np.bool_(True),
            float("nan"),
            float("inf"),
            -math.inf,
            Decimal("NaN"),
            Decimal("sNaN"),
            Decimal("Infinity"),
            "",
            "   ",
            "nan",
            "inf",
            "7,463.89",
            "1_000",
            "abc",
            "1e99999",
            Fraction(1, 3),
            [1],
            b"1",
            np.float64("nan"),
            Decimal("1e30"),
            Decimal("1e-31"),
            10**40,
            "1" * 60,
        ],
    )
    def test_rejects(self, value):
        with pytest.raises(InvalidNumberError):
            to_decimal(value)

    def test_error_names_the_field(self):
        with pytest.raises(InvalidNumberError, match=r"^budget: must be a finite number"):
            to_decimal(float("nan"), field="budget")

    def test_error_is_a_value_error(self):
        with pytest.raises(ValueError, match="must be a number"):
            to_decimal(None)

    @given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e20, max_value=1e20))
    def test_float_is_read_as_typed(self, value):
        if value != 0 and abs(value) < 1e-30:
            return
        assert float(to_decimal(value)) == value

    @given(anything)
    def test_returns_finite_decimal_or_raises_perfscore_error(self, value):
        try:
            result = to_decimal(value)
        except PerfscoreError:
            return
        assert isinstance(result, Decimal)
        assert result.is_finite()


class TestParseAmount:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("7,463.89", "7463.89"),
            ("7,463.89万元", "7463.89"),
            ("7,463.89 万元", "7463.89"),
            ("７，４６３．８９", "7463.89"),
            ("０．０９万元", "0.09"),
            ("0.09万元", "0.09"),
            ("13.2万元", "13.2"),
            ("-35.09%", "-35.09"),
            ("−35.09%", "-35.09"),
            ("74.25％", "74.25"),
            ("20,245元", "20245"),
            ("1,234,567.5", "1234567.5"),
            ("0", "0"),
        ],
    )
    def test_reads_document_figures(self, text, expected):
        value = parse_amount(text)
        assert value == Decimal(expected)
        assert str(value) == expected  # the places shown in the text are kept

    @pytest.mark.parametrize(
        ("text", "unit", "expected"),
        [
            ("0.09万元", "元", "900"),
            ("7,463.89万元", "元", "74638900"),
            ("20,245元", "万元", "2.0245"),
            ("1.5亿元", "万元", "15000"),
        ],
    )
    def test_converts_units_exactly(self, text, unit, expected):
        assert parse_amount(text, unit=unit) == Decimal(expected)

    @pytest.mark.parametrize(
        "text",
        ["", "万元", "74,63.89", "7,46", "1.2.3", "12 34", "1e3", "nan", "7,463.89美元", "--1", "x" * 300],
    )
    def test_rejects_malformed(self, text):
        with pytest.raises(InvalidNumberError):
            parse_amount(text)

    def test_conversion_needs_a_currency_unit(self):
        with pytest.raises(InvalidNumberError, match="currency unit"):
            parse_amount("74.25%", unit="元")
        with pytest.raises(InvalidNumberError, match="unit"):
            parse_amount("1元", unit="美元")

    def test_passes_numbers_to_to_decimal(self):
        assert parse_amount(0.09) == Decimal("0.09")

    @given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2))
    def test_round_trips_formatted_amounts(self, value):
        assert parse_amount(f"{value:,}万元") == value

    @given(anything)
    def test_returns_decimal_or_raises_perfscore_error(self, value):
        try:
            result = parse_amount(value)
        except PerfscoreError:
            return
        assert isinstance(result, Decimal)


def _reference_half_up(value: Decimal, places: int) -> Decimal:
    """Round half away from zero with integer arithmetic, independently of decimal's quantize."""
    scaled = Fraction(value) * 10**places
    magnitude = math.floor(abs(scaled) + Fraction(1, 2))
    signed = magnitude if scaled >= 0 else -magnitude
    return Decimal(signed) / Decimal(10**places) if places else Decimal(signed)


class TestRoundHalfUp:
    @pytest.mark.parametrize(
        ("value", "places", "expected"),
        [
            ("2.675", 2, "2.68"),
            ("-2.675", 2, "-2.68"),
            ("2.665", 2, "2.67"),
            ("94.65", 1, "94.7"),
            ("0.005", 2, "0.01"),
            ("0.0049999", 2, "0.00"),
            ("1e3", 2, "1000.00"),
            (2.675, 2, "2.68"),  # the float 2.675 is read as typed, not as 2.67499999...
        ],
    )
    def test_examples(self, value, places, expected):
        result = round_half_up(value, places)
        assert result == Decimal(expected)
        assert str(result) == expected

    @given(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15, places=12),
        st.integers(0, 8),
    )
    def test_agrees_with_integer_definition(self, value, places):
        assert round_half_up(value, places) == _reference_half_up(value, places)

    @given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6, places=4))
    def test_ignores_the_ambient_context(self, value):
        expected = round_half_up(value)
        with decimal.localcontext() as context:
            context.prec = 3
            context.rounding = decimal.ROUND_FLOOR
            context.traps[decimal.Inexact] = True
            assert round_half_up(value) == expected

    @pytest.mark.parametrize("places", [-1, 31, 2.0, True, "2", None])
    def test_rejects_bad_places(self, places):
        with pytest.raises(InvalidNumberError, match=r"^places:"):
            round_half_up("1.5", places)


class TestPercent:
    def test_seed_deviation(self):
        assert percent(Decimal("0.742499999")) == Decimal("74.25")

    @given(st.decimals(min_value=-10, max_value=10, places=6), st.integers(0, 4))
    def test_is_hundred_times_rounded(self, ratio, places):
        assert percent(ratio, places) == round_half_up(ratio * 100, places)

    @given(anything, st.one_of(st.integers(-3, 40), anything))
    def test_returns_decimal_or_raises_perfscore_error(self, value, places):
        try:
            result = percent(value, places)
        except PerfscoreError:
            return
        assert isinstance(result, Decimal)
