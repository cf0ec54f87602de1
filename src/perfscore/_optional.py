"""Optional dependencies (可选依赖): import a package behind an extra, or say which extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from perfscore.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` lazily, or raise an error naming the extra that provides it.

    Args:
        module: The module to import (``"openpyxl"``).
        extra: The perfscore extra that installs it (``"excel"``).

    Returns:
        The module.

    Raises:
        MissingDependencyError: The package is not installed; the message names the extra.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            module, f"is not installed; install it with: pip install 'perfscore[{extra}]'"
        ) from None
