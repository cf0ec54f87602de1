"""perfscore — exact budget performance self-evaluation (预算绩效自评).

The public API is re-exported here; the modules behind it hold one concept each:
[`perfscore.numbers`][perfscore.numbers] (exact numbers, 四舍五入), [`perfscore.rates`][perfscore.rates]
(预算偏离度 and the other rates), [`perfscore.rules`][perfscore.rules] (scoring rules),
[`perfscore.framework`][perfscore.framework] (indicator systems), [`perfscore.scoring`][perfscore.scoring]
(results), [`perfscore.grades`][perfscore.grades] (grade schemes), [`perfscore.io`][perfscore.io] (framework
and observations files), [`perfscore.errors`][perfscore.errors] (the error hierarchy).
"""

from __future__ import annotations

# The layers above the model lend it their functions when they are imported (perfscore._services):
# the engines Framework.score and Framework.score_batch, the outputs Result.to_frame,
# Result.plot_radar and the notebook reprs. Importing them here puts them in place whenever any
# part of perfscore is imported; numpy, pandas and matplotlib are still imported only when used.
from perfscore import _engines, report  # noqa: F401 - imported for their registrations
from perfscore.errors import (
    AuditError,
    DenominatorError,
    DomainError,
    FileFormatError,
    FrameworkError,
    InvalidNumberError,
    MissingDependencyError,
    ObservationError,
    PefaError,
    PerfscoreError,
    WeightsError,
)
from perfscore.framework import Framework, Indicator
from perfscore.funds import FundsRow, ProjectFunds
from perfscore.grades import MOF_GRADES, PART_GRADES, Grade, GradeScheme
from perfscore.io import dump_framework, dump_observations, load_framework, load_observations
from perfscore.numbers import parse_amount, percent, round_half_up, to_decimal
from perfscore.observations import NOT_APPLICABLE
from perfscore.rates import (
    budget_adjustment_rate,
    budget_deviation,
    carryover_change_rate,
    carryover_rate,
    change_rate,
    execution_rate,
    funds_arrival_rate,
    key_expenditure_rate,
    payment_progress_rate,
    procurement_execution_rate,
    public_expense_control_rate,
    share,
    shares,
    staffing_rate,
    three_public_change_rate,
    three_public_control_rate,
)
from perfscore.scoring import NodeResult, Result


def _version() -> str:
    # The version is written once, in pyproject.toml; an installed perfscore has it in its metadata.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("perfscore")
    except PackageNotFoundError:  # a source tree on sys.path, not installed: read pyproject.toml
        import tomllib  # noqa: PLC0415
        from pathlib import Path  # noqa: PLC0415

        pyproject = Path(__file__).resolve().parent.parent.parent / "pyproject.toml"
        try:
            project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        except (OSError, ValueError):
            return "0+unknown"
        found = project.get("version") if project.get("name") == "perfscore" else None
        return found if isinstance(found, str) else "0+unknown"


__version__: str = _version()
"""The installed version (``importlib.metadata.version("perfscore")``); ``0+unknown`` if none."""

__all__ = [
    "MOF_GRADES",
    "NOT_APPLICABLE",
    "PART_GRADES",
    "AuditError",
    "DenominatorError",
    "DomainError",
    "FileFormatError",
    "Framework",
    "FrameworkError",
    "FundsRow",
    "Grade",
    "GradeScheme",
    "Indicator",
    "InvalidNumberError",
    "MissingDependencyError",
    "NodeResult",
    "ObservationError",
    "PefaError",
    "PerfscoreError",
    "ProjectFunds",
    "Result",
    "WeightsError",
    "__version__",
    "budget_adjustment_rate",
    "budget_deviation",
    "carryover_change_rate",
    "carryover_rate",
    "change_rate",
    "dump_framework",
    "dump_observations",
    "execution_rate",
    "funds_arrival_rate",
    "key_expenditure_rate",
    "load_framework",
    "load_observations",
    "parse_amount",
    "payment_progress_rate",
    "percent",
    "procurement_execution_rate",
    "public_expense_control_rate",
    "round_half_up",
    "share",
    "shares",
    "staffing_rate",
    "three_public_change_rate",
    "three_public_control_rate",
    "to_decimal",
]
