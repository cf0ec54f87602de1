"""The engines behind `Framework.score` and `Framework.score_batch` (one-way layers).

The engines sit above the model: they import `perfscore.framework`, so it cannot import them.
This module lends them to it, and `perfscore/__init__.py` imports this module, so they are in
place whenever perfscore is. The batch engine needs numpy: it is imported on the first
`Framework.score_batch` call, not with perfscore.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from perfscore import _services
from perfscore.scoring import score

if TYPE_CHECKING:
    from perfscore.batch import BatchResult
    from perfscore.framework import Framework

__all__: list[str] = []


def _score_batch(
    framework: Framework,
    columns: object,
    *,
    not_applicable: Mapping[str, object] | None,
    chunk_size: int | None,
    threads: int,
) -> BatchResult:
    from perfscore.batch import score_batch  # noqa: PLC0415 - numpy on first use

    return score_batch(
        framework, columns, not_applicable=not_applicable, chunk_size=chunk_size, threads=threads
    )


_services.register("framework.score", score)
_services.register("framework.score_batch", _score_batch)
