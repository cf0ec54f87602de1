"""What the upper layers lend to the model's methods (one-way layers).

`Framework.score` runs the scalar engine, `Framework.score_batch` the batch engine,
`Result.to_frame` and the notebook reprs the output layer. Those modules sit above the classes
and import them, so the classes cannot import them back without a circle. Instead each upper
module registers its function here when it is imported, and `perfscore/__init__.py` imports them
all, so the functions are in place whenever any part of perfscore is (importing
``perfscore.framework`` runs ``perfscore/__init__.py`` first). The methods look their function up
when they are called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

__all__ = ["lookup", "register"]

_REGISTERED: Final[dict[str, Callable[..., Any]]] = {}


def register(name: str, function: Callable[..., Any]) -> None:
    """Lend ``function`` to the lower layers under ``name`` (a later registration replaces it)."""
    _REGISTERED[name] = function


def lookup(name: str) -> Callable[..., Any]:
    """The function registered under ``name``.

    Raises:
        RuntimeError: Nothing is registered: perfscore's own modules were not all imported,
            which ``import perfscore`` always does.
    """
    try:
        return _REGISTERED[name]
    except KeyError:
        raise RuntimeError(f"perfscore: {name!r} is not registered (import perfscore first)") from None
