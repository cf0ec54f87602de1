"""Reading tables of numbers into float arrays for [`perfscore.weights`][perfscore.weights] (private).

Weights are real-valued by nature (an eigenvector, an entropy), so this side of perfscore works in
``float64``. What comes in is still checked entry by entry, so that an error names the entry.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from perfscore.errors import WeightsError, describe

FloatArray = npt.NDArray[np.float64]

_MAX_TEXT = 40


def to_float(value: object, field: str) -> float:
    """One entry as a finite float: a number, or text such as ``"3"``, ``"1/3"``, ``"0.5"``.

    Raises:
        WeightsError: The entry is a boolean, not a number, or not finite.
    """
    if isinstance(value, (bool, np.bool_)):
        raise WeightsError(field, f"must be a number, not a boolean: {describe(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not text or len(text) > _MAX_TEXT:
            raise WeightsError(field, f"is not a number: {describe(value)}")
        try:
            fraction = Fraction(text)  # "1/3" is how a pairwise judgement is written
        except (ValueError, ZeroDivisionError):
            raise WeightsError(field, f"is not a number: {describe(value)}") from None
        return to_float(fraction, field)
    if isinstance(value, numbers.Real):
        try:
            number = float(value)
        except (OverflowError, ValueError, TypeError):
            raise WeightsError(field, f"is too large: {describe(value)}") from None
        if not math.isfinite(number):
            raise WeightsError(field, f"must be a finite number, got {describe(value)}")
        return number
    raise WeightsError(field, f"must be a number, got {type(value).__name__} {describe(value)}")


def entry_field(field: str, index: tuple[int, ...]) -> str:
    """``matrix[1][2]`` for the entry at ``(1, 2)``."""
    return field + "".join(f"[{position}]" for position in index)


def float_table(table: object, field: str, *, ndim: int) -> FloatArray:
    """A rectangular table (numpy array, nested sequences) as a float array of ``ndim`` dimensions.

    Raises:
        WeightsError: The table is not rectangular, has the wrong number of dimensions, or an
            entry is not a finite number.
    """
    if isinstance(table, (str, bytes)) or table is None:
        raise WeightsError(field, f"must be a table of numbers, got {describe(table)}")
    try:
        array = np.asarray(table)
    except (ValueError, TypeError):
        raise WeightsError(field, "must be a rectangular table of numbers (rows of equal length)") from None
    if array.ndim != ndim:
        shape = "a 2-dimensional table" if ndim == 2 else "a 1-dimensional sequence"
        raise WeightsError(field, f"must be {shape}, got {array.ndim} dimension(s) of shape {array.shape}")
    if array.size > 10_000_000:
        raise WeightsError(field, f"is too large ({array.size} entries; at most 10,000,000)")
    kind = array.dtype.kind
    if kind in "iuf" and not isinstance(table, np.ndarray):
        # numpy turns True into 1 without a word; a boolean in a table of judgements is a mistake.
        objects = np.asarray(table, dtype=object)
        for index in np.ndindex(objects.shape):
            if isinstance(objects[index], (bool, np.bool_)):
                raise WeightsError(
                    entry_field(field, index), f"must be a number, not a boolean: {objects[index]!r}"
                )
    if kind in "iuf":
        try:
            result = array.astype(np.float64)
        except (OverflowError, ValueError):  # pragma: no cover - numeric dtypes always convert
            raise WeightsError(field, "has an entry too large for a float") from None
        bad = np.argwhere(~np.isfinite(result))
        if bad.size:
            index = tuple(int(position) for position in bad[0])
            raise WeightsError(
                entry_field(field, index), f"must be a finite number, got {describe(array[index].item())}"
            )
        return result
    if kind in {"O", "U"}:
        result = np.empty(array.shape, dtype=np.float64)
        for index in np.ndindex(array.shape):
            result[index] = to_float(array[index], entry_field(field, index))
        return result
    raise WeightsError(field, f"must hold real numbers, got values of type {array.dtype}")
