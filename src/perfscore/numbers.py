"""Exact numbers: reading values and figures, and rounding half up (四舍五入).

Amounts, rates and points in perfscore are `decimal.Decimal`. This module is the one door
through which outside values become decimals, and the one place that rounds:

* [`to_decimal`][perfscore.numbers.to_decimal] — a value a program holds (``int``, ``str``, ``Decimal``,
  ``float``, numpy scalars) as an exact ``Decimal``. A float is read through ``repr`` — what the user typed,
  ``0.1`` and not ``0.1000000000000000055511151231257827…``.
* [`parse_amount`][perfscore.numbers.parse_amount] — a figure as printed in a real document:
  ``"7,463.89万元"``, ``"７，４６３．８９"``, ``"-35.09%"``.
* [`round_half_up`][perfscore.numbers.round_half_up] — 四舍五入 at an explicit number of places, whatever the
  ambient `decimal` context says.
* [`percent`][perfscore.numbers.percent] — a ratio as a percentage, rounded half up.

Limits (so that every later operation is exact): a number must be below ``10**30`` in magnitude, a
non-zero number at least ``10**-30``, with at most 50 significant digits. Anything else is refused
with [`InvalidNumberError`][perfscore.errors.InvalidNumberError], never rounded quietly.
"""

from __future__ import annotations

import decimal
import functools
import math
import numbers
import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final, ParamSpec, TypeVar

from perfscore.errors import InvalidNumberError, describe

__all__ = [
    "CURRENCY_UNITS",
    "MAX_ADJUSTED_EXPONENT",
    "MAX_SIGNIFICANT_DIGITS",
    "MIN_ADJUSTED_EXPONENT",
    "RATIO_PRECISION",
    "check_places",
    "divide",
    "exact_arithmetic",
    "exact_context",
    "parse_amount",
    "percent",
    "round_half_up",
    "to_decimal",
]

MAX_ADJUSTED_EXPONENT: Final = 29
"""The largest allowed ``Decimal.adjusted()``: numbers are below ``10**30`` in magnitude."""
MIN_ADJUSTED_EXPONENT: Final = -30
"""The smallest allowed ``Decimal.adjusted()`` of a non-zero number (``10**-30``)."""
MAX_SIGNIFICANT_DIGITS: Final = 50
"""The most significant digits a number may carry."""
RATIO_PRECISION: Final = 50
"""Significant digits kept by [`divide`][perfscore.numbers.divide] when a quotient does not terminate."""

CURRENCY_UNITS: Final[dict[str, int]] = {"元": 1, "千元": 1_000, "万元": 10_000, "亿元": 100_000_000}
"""Currency units a figure may carry, and their size in 元."""

# Wide enough that sums and products of in-range numbers are exact; traps turn any surprise into
# an exception instead of a silent NaN or rounding.
_EXACT = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_RATIO = _EXACT.copy()
_RATIO.prec = RATIO_PRECISION

_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?")
_FIGURE = re.compile(
    r"(?P<sign>[+-]?)\s*"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(?P<frac>\d+))?"
    r"\s*(?P<unit>万元|亿元|千元|元|%)?"
)
_MAX_TEXT = 200
PLAIN_DECIMAL_TEXT: Final = re.compile(r"-?[0-9]{1,20}(?:\.[0-9]{1,20})?")
r"""Short plain decimal text ("92.50", "-3"): what `to_decimal` reads as ``Decimal(text)`` with no
check left to make. [0-9] only (``\d`` takes other scripts' digits), no spaces, sign, exponent
or unit, and few enough digits that no limit (digits, magnitude) can be reached. The scalar
engine reads such observations at once: no printed unit or not-applicable word is among them.
"""
# Decimals given to round_half_up and percent may be this far beyond the input limits (10**±1000).
_MAX_ROUNDED_EXPONENT = 1000
# Signs and separators that NFKC leaves alone but documents use.
_TRANSLATE = str.maketrans(
    {
        "\u2212": "-",  # MINUS SIGN
        "\u2012": "-",  # FIGURE DASH
        "\u2013": "-",  # EN DASH, used as a minus in some tables
        "\u3001": ",",  # IDEOGRAPHIC COMMA
        "\u3002": ".",  # IDEOGRAPHIC FULL STOP, typed for a decimal point by some IMEs
    }
)


def _checked(value: Decimal, field: str, shown: object, *, few_digits: bool = False) -> Decimal:
    # few_digits: the value was read from a text no longer than the digit limit, so it cannot
    # have more digits (counting them is the slowest step when scoring a form).
    if not value.is_finite():
        raise InvalidNumberError(field, f"must be a finite number, got {describe(shown)}")
    if value.is_zero():
        return value
    adjusted = value.adjusted()
    if adjusted > MAX_ADJUSTED_EXPONENT:
        raise InvalidNumberError(
            field, f"must be below 10**{MAX_ADJUSTED_EXPONENT + 1} in magnitude, got {describe(shown)}"
        )
    if adjusted < MIN_ADJUSTED_EXPONENT:
        raise InvalidNumberError(
            field,
            f"must be 0 or at least 10**{MIN_ADJUSTED_EXPONENT} in magnitude, got {describe(shown)}",
        )
    if not few_digits and _has_more_digits(value):
        raise InvalidNumberError(
            field, f"has more than {MAX_SIGNIFICANT_DIGITS} significant digits: {describe(shown)}"
        )
    return value


# Rounding to MAX_SIGNIFICANT_DIGITS digits traps exactly when a number has more: a quicker count
# than `len(value.as_tuple().digits)`, which builds a tuple of every digit.
_DIGITS = decimal.Context(
    prec=MAX_SIGNIFICANT_DIGITS, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[decimal.Rounded]
)


def _has_more_digits(value: Decimal) -> bool:
    """Whether a finite decimal has more than `MAX_SIGNIFICANT_DIGITS` significant digits."""
    try:
        _DIGITS.plus(value)
    except decimal.Rounded:
        return True
    return False


def to_decimal(value: object, *, field: str = "value") -> Decimal:
    """Convert a value to an exact `Decimal` (转换为精确小数).

    Accepted: ``int``; ``Decimal``; ``float`` (read through ``repr``, so ``0.1`` is ``0.1``);
    numpy integer and floating scalars (read through ``str``, so ``np.float32(0.1)`` is ``0.1``);
    ``fractions.Fraction`` with a terminating decimal expansion; and ``str`` in plain decimal
    notation (``"74.25"``, ``"-3"``, ``"1e3"``, surrounding spaces ignored). Figures as printed in
    documents (``"7,463.89万元"``) are read by [`parse_amount`][perfscore.numbers.parse_amount] instead.

    Args:
        value: The value to convert.
        field: The name used in an error message.

    Returns:
        The exact decimal value.

    Raises:
        InvalidNumberError: For ``bool``, ``None``, NaN, infinities, empty or malformed text,
            non-terminating fractions, other types, and numbers outside the documented limits.

    Examples:
        >>> to_decimal(0.1)
        Decimal('0.1')
        >>> to_decimal(" 7463.89 ")
        Decimal('7463.89')
    """
    if isinstance(value, Decimal):
        return _checked(value, field, value)
    if isinstance(value, str):  # before the checks for booleans: text is the commonest input
        if PLAIN_DECIMAL_TEXT.fullmatch(value) is not None:  # the commonest text of all
            return Decimal(value)
        text = value.strip()
        if not text:
            raise InvalidNumberError(field, "must be a number, got empty text")
        if len(text) > _MAX_TEXT or not _PLAIN.fullmatch(text):
            raise InvalidNumberError(field, f"is not a decimal number: {describe(value)}")
        return _checked(Decimal(text), field, value, few_digits=len(text) <= MAX_SIGNIFICANT_DIGITS)
    if isinstance(value, bool) or (
        type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")  # numpy 2, 1
    ):
        raise InvalidNumberError(field, f"must be a number, not a boolean: {describe(value)}")
    if isinstance(value, int):
        if value.bit_length() > 128:
            raise InvalidNumberError(field, f"must be below 10**30 in magnitude, got {describe(value)}")
        return _checked(Decimal(value), field, value, few_digits=True)  # 128 bits: 39 digits at most
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidNumberError(field, f"must be a finite number, got {describe(value)}")
        return _checked(Decimal(repr(float(value))), field, value)  # float(): np.float64 is a float
    if isinstance(value, Fraction):
        return _checked(_from_fraction(value, field), field, value)
    if isinstance(value, numbers.Integral):  # numpy integers
        if type(value).__name__ == "timedelta64":  # an integer subclass in numpy, but a duration
            raise InvalidNumberError(field, f"must be a number, got timedelta64 {describe(value)}")
        return to_decimal(int(value), field=field)
    if isinstance(value, numbers.Real) and type(value).__module__ == "numpy":
        as_float = float(value)
        if not math.isfinite(as_float):
            raise InvalidNumberError(field, f"must be a finite number, got {describe(value)}")
        return _checked(Decimal(str(value)), field, value)
    if value is None:
        raise InvalidNumberError(field, "must be a number, got None")
    raise InvalidNumberError(field, f"must be a number, got {type(value).__name__} {describe(value)}")


def _from_fraction(value: Fraction, field: str) -> Decimal:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        raise InvalidNumberError(field, f"has no exact decimal value: {value}")
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > 200:
        raise InvalidNumberError(field, f"is outside the supported range: {describe(value)}")
    return _EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))


def parse_amount(text: object, *, unit: str | None = None, field: str = "amount") -> Decimal:
    """Read a figure as it is printed in a document (解析金额/数字).

    Understands thousands separators (``"7,463.89"``), full-width digits and punctuation
    (``"７，４６３．８９"``), the minus signs of typeset text (``"−35.09"``), and a trailing unit
    ``元``, ``千元``, ``万元``, ``亿元`` or ``%``, with or without a space before it. Spaces inside
    the digits are refused (``"12 34"`` is not guessed to be 1234). The result keeps the
    places the text shows: ``"13.2"`` is ``Decimal("13.2")``, which is what an audit needs to
    compare a stated figure at its own precision.

    Args:
        text: The figure. A number (not text) is passed to [`to_decimal`][perfscore.numbers.to_decimal].
        unit: ``None`` to return the number as written, whatever unit follows it. A currency
            unit (``"元"``, ``"千元"``, ``"万元"``, ``"亿元"``) to convert to it exactly; the text
            must then carry a currency unit itself.
        field: The name used in an error message.

    Returns:
        The exact value.

    Raises:
        InvalidNumberError: The text is not one figure, its separators are misplaced, or a
            conversion was asked for and the text has no currency unit.

    Examples:
        >>> parse_amount("7,463.89万元")
        Decimal('7463.89')
        >>> parse_amount("0.09万元", unit="元")
        Decimal('900.00')
        >>> parse_amount("７，４６３．８９")
        Decimal('7463.89')
    """
    if unit is not None and unit not in CURRENCY_UNITS:
        raise InvalidNumberError("unit", f"must be one of {', '.join(CURRENCY_UNITS)}, got {describe(unit)}")
    if not isinstance(text, str):
        if unit is not None:
            raise InvalidNumberError(
                field, f"needs a currency unit to convert to {unit}, got {describe(text)}"
            )
        return to_decimal(text, field=field)
    if len(text) > _MAX_TEXT:
        raise InvalidNumberError(field, f"is too long to be one figure ({len(text)} characters)")
    normal = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).strip()
    match = _FIGURE.fullmatch(normal)
    if not normal or match is None:
        raise InvalidNumberError(field, f"is not a figure: {describe(text)}")
    digits = match["int"].replace(",", "")
    if match["frac"] is not None:
        digits += "." + match["frac"]
    value = _checked(Decimal(match["sign"] + digits), field, text)
    if unit is None:
        return value
    stated = match["unit"]
    if stated is None or stated not in CURRENCY_UNITS:
        raise InvalidNumberError(field, f"needs a currency unit to convert to {unit}, got {describe(text)}")
    factor = _EXACT.divide(Decimal(CURRENCY_UNITS[stated]), Decimal(CURRENCY_UNITS[unit]))
    return _checked(_EXACT.multiply(value, factor), field, text)


def check_places(places: object) -> int:
    """Check a number of decimal places for rounding (0 to 30).

    Args:
        places: The places asked for.

    Returns:
        ``places``, checked.

    Raises:
        InvalidNumberError: ``places`` is not a whole number from 0 to 30 (booleans included).
    """
    if isinstance(places, bool) or not isinstance(places, int):
        raise InvalidNumberError("places", f"must be a whole number, got {describe(places)}")
    if not 0 <= places <= 30:
        raise InvalidNumberError("places", f"must be between 0 and 30, got {places}")
    return places


def round_half_up(value: object, places: int = 2, *, field: str = "value") -> Decimal:
    """Round half up (四舍五入) to ``places`` decimal places.

    Independent of the ambient `decimal` context: ``2.675`` becomes ``2.68`` and ``-2.675``
    becomes ``-2.68`` (halves go away from zero), whatever rounding mode or precision the caller
    has set. A finite ``Decimal`` is rounded whatever its number of digits and up to ``10**1000`` in
    magnitude (results of exact arithmetic may exceed the input limits); other values go through
    [`to_decimal`][perfscore.numbers.to_decimal].

    Args:
        value: Anything [`to_decimal`][perfscore.numbers.to_decimal] accepts.
        places: Decimal places to keep, 0 to 30.
        field: The name used in an error message.

    Returns:
        The rounded value, with exactly ``places`` places.

    Raises:
        InvalidNumberError: ``value`` is not a usable number or ``places`` is not 0 to 30.

    Examples:
        >>> round_half_up("2.675")
        Decimal('2.68')
        >>> round_half_up(94.65, 1)
        Decimal('94.7')
    """
    return _quantize(_finite(value, field), check_places(places))


def _finite(value: object, field: str) -> Decimal:
    # A finite Decimal is rounded whatever its digits, and far beyond the input limits in size:
    # results of exact arithmetic may exceed them (a 50-digit quotient times 100), and rounding
    # them is always exact. Only absurd exponents, which no arithmetic on valid input produces
    # and which would overflow the context or take megabytes of digits, go to to_decimal's refusal.
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and (value.is_zero() or abs(value.adjusted()) <= _MAX_ROUNDED_EXPONENT)
    ):
        return value
    return to_decimal(value, field=field)


def _quantize(number: Decimal, digits: int) -> Decimal:
    context = _EXACT.copy()
    context.rounding = ROUND_HALF_UP
    context.prec = max(_EXACT.prec, number.adjusted() + digits + 2)
    return number.quantize(Decimal(1).scaleb(-digits), context=context)


def percent(ratio: object, places: int = 2, *, field: str = "ratio") -> Decimal:
    """A ratio as a percentage, rounded half up (百分比，四舍五入).

    Args:
        ratio: A ratio such as [`perfscore.budget_deviation`][perfscore.rates.budget_deviation] returns
            (0.7425 for 74.25%).
        places: Decimal places of the percentage.
        field: The name used in an error message.

    Returns:
        ``ratio × 100`` rounded half up to ``places`` places.

    Raises:
        InvalidNumberError: ``ratio`` is not a usable number or ``places`` is not 0 to 30.

    Examples:
        >>> percent("0.742499")
        Decimal('74.25')
    """
    number = _finite(ratio, field)
    return _quantize(number.scaleb(2, context=_EXACT), check_places(places))


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Divide two checked decimals, exactly when the quotient terminates.

    A quotient that does not terminate keeps [`RATIO_PRECISION`][perfscore.numbers.RATIO_PRECISION]
    significant digits, far beyond any rounding to cents or to hundredths of a percent. The caller has already
    refused a zero denominator; this function only guards against surprises in the arithmetic.

    Args:
        numerator: A value returned by [`to_decimal`][perfscore.numbers.to_decimal].
        denominator: A non-zero value returned by [`to_decimal`][perfscore.numbers.to_decimal].

    Returns:
        ``numerator / denominator``.
    """
    return _RATIO.divide(numerator, denominator)


def exact_context() -> decimal.Context:
    """A copy of the wide, trapping decimal context perfscore computes in.

    Sums, differences and products of numbers within the documented limits are exact in it.
    """
    return _EXACT.copy()


_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact_arithmetic(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` in perfscore's wide, trapping decimal context, whatever the caller's is.

    Python's decimal operators (``+``, ``*``, ``sum``) round to the *ambient* context, which a
    caller may have set to 3 digits or to ``ROUND_FLOOR``. Every public function that computes
    with operators is decorated, so the ambient context never decides a result.

    Args:
        function: The function to wrap.

    Returns:
        The wrapped function.
    """

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with decimal.localcontext(_EXACT):
            return function(*args, **kwargs)

    return wrapper
