"""perfscore — exact budget performance self-evaluation (预算绩效自评).

The public API is re-exported here; the modules behind it hold one concept each:
:mod:`perfscore.numbers` (exact numbers, 四舍五入), :mod:`perfscore.rates` (预算偏离度 and the other
rates), :mod:`perfscore.errors` (the error hierarchy).
"""

from __future__ import annotations

from perfscore.errors import (
    AuditError,
    DenominatorError,
    DomainError,
    FileFormatError,
    FrameworkError,
    InvalidNumberError,
    ObservationError,
    PefaError,
    PerfscoreError,
    WeightsError,
)
from perfscore.numbers import parse_amount, percent, round_half_up, to_decimal
from perfscore.rates import (
    budget_deviation,
    carryover_rate,
    change_rate,
    execution_rate,
    share,
    shares,
    staffing_rate,
)

__version__ = "0.1.0"

__all__ = [
    "AuditError",
    "DenominatorError",
    "DomainError",
    "FileFormatError",
    "FrameworkError",
    "InvalidNumberError",
    "ObservationError",
    "PefaError",
    "PerfscoreError",
    "WeightsError",
    "__version__",
    "budget_deviation",
    "carryover_rate",
    "change_rate",
    "execution_rate",
    "parse_amount",
    "percent",
    "round_half_up",
    "share",
    "shares",
    "staffing_rate",
    "to_decimal",
]
