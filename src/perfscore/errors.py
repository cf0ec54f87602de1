"""Errors raised by perfscore (错误类型).

Every error perfscore raises on bad input is a subclass of
[`PerfscoreError`][perfscore.errors.PerfscoreError], and its message starts with the *field* it is about — an
argument name (``budget``), an indicator code (``C1.2``) or a path inside a file
(``indicators[2].children[0].points``) — so that a user can find the place to fix.

Most subclasses also derive from `ValueError`, so code that already catches
``ValueError`` keeps working.

Hierarchy::

    PerfscoreError
    ├── InvalidNumberError      a value cannot be read as a finite decimal number
    ├── DomainError             a number is outside what the formula allows
    │   └── DenominatorError    a zero or negative denominator
    ├── FrameworkError          an indicator system (指标体系) or rule is not valid
    ├── ObservationError        observations do not fit the framework or the rule
    ├── FileFormatError         a file cannot be read or is malformed
    ├── WeightsError            a pairwise matrix or data matrix is unusable
    ├── PefaError               PEFA inputs or scores are unusable
    ├── AuditError              an audit input cannot be read
    └── MissingDependencyError  an optional package (an extra) is not installed
"""

from __future__ import annotations

import reprlib

__all__ = [
    "AuditError",
    "DenominatorError",
    "DomainError",
    "FileFormatError",
    "FrameworkError",
    "InvalidNumberError",
    "MissingDependencyError",
    "ObservationError",
    "PefaError",
    "PerfscoreError",
    "WeightsError",
    "describe",
    "field_name",
]


class PerfscoreError(Exception):
    """Base class of every error perfscore raises on bad input.

    Args:
        field: Where the problem is: an argument name, an indicator code or a path inside a
            file. Empty when the problem is not about one place.
        message: What is wrong, for a person.

    Attributes:
        field: As given.
        message: As given, without the field prefix.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)

    def __reduce__(self) -> tuple[type[PerfscoreError], tuple[str, str]]:
        # Keeps errors picklable across processes (Dask, multiprocessing).
        return (type(self), (self.field, self.message))


class InvalidNumberError(PerfscoreError, ValueError):
    """A value cannot be read as a finite decimal number (不是有效数字).

    Raised for ``None``, booleans, NaN, infinities, empty or malformed text, and numbers too large
    or too precise to handle exactly.
    """


class DomainError(PerfscoreError, ValueError):
    """A number is valid but outside what the formula allows (超出取值范围)."""


class DenominatorError(DomainError):
    """A denominator is zero or negative (分母为零或负数): the rate is undefined."""


class FrameworkError(PerfscoreError, ValueError):
    """An indicator system (指标体系), an indicator or a scoring rule is not valid."""


class ObservationError(PerfscoreError, ValueError):
    """Observations (实际完成值) do not fit the framework: missing, unknown or unusable."""


class FileFormatError(PerfscoreError, ValueError):
    """A file cannot be read, or its content does not follow the documented format."""


class WeightsError(PerfscoreError, ValueError):
    """A pairwise comparison matrix or a data matrix cannot be used to derive weights."""


class PefaError(PerfscoreError, ValueError):
    """PEFA inputs or scores cannot be used."""


class AuditError(PerfscoreError, ValueError):
    """An audit input (a 部门决算 text) cannot be read."""


class MissingDependencyError(PerfscoreError, ImportError):
    """An optional package is not installed (缺少可选依赖): the message names the extra to install.

    Raised by the features behind extras — Excel (``perfscore[excel]``), pandas
    (``perfscore[pandas]``), charts (``perfscore[plot]``) — when their package is missing. It is
    also an `ImportError`, so ``except ImportError`` keeps working.
    """


_SHORT = reprlib.Repr()
_SHORT.maxlevel = 3  # nested structures are cut here, so a value 100,000 levels deep is cheap to show
_SHORT.maxstring = 60
_SHORT.maxother = 60


def describe(value: object, limit: int = 60) -> str:
    """A short description of a bad value, for an error message (错误信息中的取值).

    Never raises: a value nested thousands of levels deep, a huge text or an object whose
    ``repr`` fails is still described, in at most ``limit`` characters.

    Args:
        value: The value the error is about.
        limit: The longest description returned.

    Returns:
        The value's ``repr``, with nesting below three levels shown as ``[...]`` and cut to
        ``limit`` characters (ending in ``...`` when cut).

    Examples:
        >>> describe("abc")
        "'abc'"
        >>> nested = []
        >>> for _ in range(100_000):
        ...     nested = [nested]
        >>> describe(nested)
        '[[[[...]]]]'
    """
    try:
        text = _SHORT.repr(value)
    except Exception:  # a broken or runaway __repr__ must not replace the real error
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def field_name(key: object) -> str:
    """A key as the field of an error: itself when it is text, else `describe` of it.

    Args:
        key: A key a caller used (an indicator code, an observation key).

    Returns:
        Text for `PerfscoreError.field`.

    Examples:
        >>> field_name("B2"), field_name(("B", 2))
        ('B2', "('B', 2)")
    """
    return key if isinstance(key, str) else describe(key)
