"""The batch engine (批量评分): score many units at once with numpy, to the cent.

The public face of the package; the engine lives in private modules (`_engine`: inputs, chunks,
not-applicable patterns, grades; `_kernels`: the per-rule integer formulas). See
[Framework.score_batch][perfscore.framework.Framework.score_batch] and the Batch page of the docs.
"""

from perfscore.batch._engine import (
    DEFAULT_CHUNK_CELLS,
    DEFAULT_CHUNK_SIZE,
    BatchResult,
    frame_meta,
    score_batch,
    score_dask,
    score_frame,
)

__all__ = [
    "DEFAULT_CHUNK_CELLS",
    "DEFAULT_CHUNK_SIZE",
    "BatchResult",
    "frame_meta",
    "score_batch",
    "score_dask",
    "score_frame",
]
