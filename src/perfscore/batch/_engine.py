"""The batch engine (批量评分): score many units at once with numpy, to the cent.

[`perfscore.Framework.score_batch`][perfscore.framework.Framework.score_batch] takes one column of
observations per leaf (numpy arrays, sequences, pandas Series, or a pandas DataFrame whose columns are leaf
codes) and returns a [`BatchResult`][perfscore.batch._engine.BatchResult]: every unit's leaf points, total,
maximum, percentage and grade.

**One answer.** The batch engine gives every unit exactly the numbers the scalar engine
([`perfscore.Framework.score`][perfscore.framework.Framework.score]) gives it. Floats cannot round half up at
ties (``2.675`` is ``2.67499999…`` in binary), so nothing is rounded in floating point: each observation is
read as the decimal its float stands for (``repr``, as [`perfscore.to_decimal`][perfscore.numbers.to_decimal]
does) and turned into an integer on a grid of ``10**-k``; every rule's points are computed from integers
(carried exactly in float64 below ``2**53``, a bound each formula checks from its parameters) and rounded
half up with an integer floor division. Observations that are not on a grid up to ``10**-6`` or
are larger than ``10**15`` grid steps are scored exactly by the scalar rule instead, cell by cell.

**Columns.** A NaN (or ``True`` in the ``not_applicable`` mask) marks a leaf not applicable
(不适用) for that unit. A qualitative (定性) leaf's column holds the assessor's points: the tier is
the one the points lie in. A checklist leaf's column holds the number of missing items; an
execution-rate leaf's the rate as a ratio (0.9512). Columns of dtype ``object`` (Decimals, text,
``None``) are accepted and scored cell by cell with the scalar rules: exact, but slow.

**Memory.** Units are processed in chunks of about ``DEFAULT_CHUNK_CELLS`` cells (leaves ×
units; or ``chunk_size`` units); the temporaries are a few arrays of one chunk, whatever the
number of units.
"""

from __future__ import annotations

import concurrent.futures
import decimal
import html
import importlib
import math
import weakref
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from perfscore.batch import _compiled
from perfscore.batch._kernels import (
    CLIP_LIMIT,
    GRID_LIMIT,
    K_MAX,
    RECIPROCAL_LIMIT,
    SAFE,
    Affine,
    LeafPlan,
    implied_tier,
)
from perfscore.errors import (
    FrameworkError,
    MissingDependencyError,
    ObservationError,
    PerfscoreError,
    describe,
)
from perfscore.numbers import divide, exact_context, round_half_up, to_decimal
from perfscore.rules import Qualitative
from perfscore.scoring import NOT_APPLICABLE, applicable_maxima, is_not_applicable, leaf_places

if TYPE_CHECKING:
    from perfscore.framework import Framework, Indicator
    from perfscore.scoring import Result

__all__ = [
    "DEFAULT_CHUNK_CELLS",
    "DEFAULT_CHUNK_SIZE",
    "BatchResult",
    "frame_meta",
    "score_batch",
    "score_dask",
    "score_frame",
]

DEFAULT_CHUNK_SIZE: Final = 8192
"""The most units scored together (a framework of up to 16 leaves scores this many at a time)."""
DEFAULT_CHUNK_CELLS: Final = 2**17
"""Cells (leaves × units) scored together by default: a chunk's temporaries stay in the CPU cache
however many leaves the framework has (400 leaves: 327 units a chunk).
"""
SUMMARY_COLUMNS: Final = ("total", "maximum", "percentage", "grade")
"""Columns of the frame returned by `BatchResult.to_frame` after the leaf columns."""

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.signedinteger[Any]]


def _units_dtype(bound: int) -> type[np.signedinteger[Any]]:
    for dtype in (np.int16, np.int32):
        if bound <= np.iinfo(dtype).max:
            return dtype
    return np.int64


def _ceil_units(value: Decimal, places: int) -> int:
    """``ceil(value · 10**places)``: the least whole number of units at or above ``value``."""
    scaled = value.scaleb(places, context=exact_context())
    whole = int(scaled)
    return whole + 1 if whole < scaled else whole


def _decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _decimal_units(units: object, places: int) -> Decimal:
    return Decimal(int(units)).scaleb(-places, context=exact_context())  # type: ignore[call-overload]


class BatchResult:
    """The results of scoring many units (批量评分结果), exact and compact.

    Exact values are integers in units of ``10**-places`` (cents, with the default two places):
    ``total_units``, ``leaf_units``, ``maximum_units``, ``percentage_units``. Float views
    (``totals``, ``leaf_points``, ``maxima``, ``percentages``) are computed on request for
    plotting and display; ``totals_decimal()`` gives the exact `Decimal` values.

    Attributes:
        framework: The framework scored.
        places: Decimal places of the points.
        leaf_codes: The leaf codes, in form order: the columns of ``leaf_units``.
        leaf_units: Leaf points, shape ``(units, leaves)``, integer units of ``10**-places``.
            The narrowest of int16/int32/int64 that holds the framework's maximum. A leaf dropped
            as not applicable (policies ``rescale`` and ``exclude``) has 0 here and ``True`` in
            [`not_applicable`][perfscore.batch._engine.BatchResult.not_applicable].
        total_units: Totals (总得分), int64 units.
        maximum_units: Each unit's maximum after the not-applicable policy, in units, with the
            dtype of ``leaf_units``.
        percentage_units: ``total ÷ maximum × 100`` rounded half up, int32 units of
            ``10**-places`` percent.
        grade_codes: Index of each unit's grade in `grade_labels` (int8).
        grade_labels: The scheme's labels, then its "not demonstrated" label if it has one.
        index: The row labels of the input DataFrame or Series, when it had them.
    """

    def __init__(
        self,
        *,
        framework: Framework,
        leaf_units: IntArray,
        total_units: IntArray,
        maximum_units: IntArray,
        percentage_units: IntArray,
        grade_codes: npt.NDArray[np.int8],
        pattern_ids: npt.NDArray[np.int32] | None,
        pattern_masks: BoolArray,
        gap_keys: npt.NDArray[np.uint64] | None = None,
        columns: dict[str, npt.NDArray[Any]],
        masks: dict[str, BoolArray],
        index: object,
    ) -> None:
        self.framework = framework
        self.places = framework.places
        self.leaf_codes = compiled_plan(framework).codes
        self.leaf_units = leaf_units
        self.total_units = total_units
        self.maximum_units = maximum_units
        self.percentage_units = percentage_units
        self.grade_codes = grade_codes
        scheme = framework.grades
        labels = [grade.label for grade in scheme.grades]
        if scheme.not_demonstrated is not None:
            labels.append(scheme.not_demonstrated)
        self.grade_labels = tuple(labels)
        self.index = index
        self._pattern_ids = pattern_ids
        self._pattern_masks = pattern_masks
        self._gap_keys = gap_keys  # units scored by the compiled kernel: bit j for leaf j
        self._columns = columns
        self._masks = masks

    def __len__(self) -> int:
        return int(self.total_units.shape[0])

    def __repr__(self) -> str:
        return f"<BatchResult {self.framework.name}: {len(self)} units × {len(self.leaf_codes)} leaves>"

    def _repr_html_(self) -> str:
        """A small HTML summary for notebooks (批量评分结果摘要): units, totals, grade counts.

        The mean is exact, rounded half up to the framework's places; text is escaped.
        """
        name = html.escape(self.framework.name)
        count = len(self)
        rows = [
            ("units (单位数)", f"{count:,}"),
            ("leaves (末级指标)", str(len(self.leaf_codes))),
        ]
        if count:
            totals = self.total_units.tolist()
            mean = round_half_up(divide(Decimal(sum(totals)), Decimal(count * 10**self.places)), self.places)
            rows += [
                ("mean total (平均得分)", str(mean)),
                ("lowest total (最低分)", str(_decimal_units(min(totals), self.places))),
                ("highest total (最高分)", str(_decimal_units(max(totals), self.places))),
            ]
        counts = np.bincount(self.grade_codes.astype(np.intp), minlength=len(self.grade_labels)).tolist()
        cells = "".join(f"<tr><th>{html.escape(label)}</th><td>{value}</td></tr>" for label, value in rows)
        grades = "".join(
            f"<tr><th>{html.escape(label)}</th><td>{number:,}</td></tr>"
            for label, number in zip(self.grade_labels, counts, strict=True)
        )
        return (
            f'<div class="perfscore-batch"><strong>{name}</strong>'
            f"<table>{cells}</table>"
            "<table><thead><tr><th>grade (等级)</th><th>units</th></tr></thead>"
            f"<tbody>{grades}</tbody></table>"
            "</div>"
        )

    def _floats(self, units: IntArray) -> FloatArray:
        floats: FloatArray = np.divide(units, 10**self.places, dtype=np.float64)
        return floats

    @property
    def totals(self) -> FloatArray:
        """Totals as floats (nearest float to each exact total; for display and plots)."""
        return self._floats(self.total_units)

    @property
    def maxima(self) -> FloatArray:
        """Each unit's maximum as floats."""
        return self._floats(self.maximum_units)

    @property
    def percentages(self) -> FloatArray:
        """Percentages as floats."""
        return self._floats(self.percentage_units)

    @property
    def leaf_points(self) -> FloatArray:
        """Leaf points as floats, shape ``(units, leaves)`` (allocated on request)."""
        return self._floats(self.leaf_units)

    @property
    def grades(self) -> npt.NDArray[np.str_]:
        """Each unit's grade label (优/良/中/差 with the default scheme)."""
        return np.asarray(self.grade_labels)[self.grade_codes]

    @property
    def not_applicable(self) -> BoolArray:
        """Which leaves were not applicable for each unit, shape ``(units, leaves)``."""
        if self._pattern_ids is None:
            masks = np.zeros((len(self), len(self.leaf_codes)), dtype=bool)
        else:
            masks = self._pattern_masks[self._pattern_ids]
        if self._gap_keys is not None:
            bits = np.arange(len(self.leaf_codes), dtype=np.uint64)
            masks |= ((self._gap_keys[:, None] >> bits) & np.uint64(1)).astype(bool)
        return masks

    def totals_decimal(self) -> npt.NDArray[np.object_]:
        """The exact totals as `Decimal` objects (an object array)."""
        return np.array([_decimal_units(units, self.places) for units in self.total_units.tolist()], object)

    def observations(self, unit: int) -> dict[str, object]:
        """One unit's observations as the scalar engine takes them.

        A not-applicable leaf is [`NOT_APPLICABLE`][perfscore.observations.NOT_APPLICABLE]; a qualitative leaf
        is ``(tier, points)`` with the tier its points lie in.

        Args:
            unit: The unit's position (0 to ``len(result) − 1``).

        Raises:
            ObservationError: ``unit`` is not a position of this result.
        """
        position = self._position(unit)
        observations: dict[str, object] = {}
        for leaf in self.framework.leaves():  # (one unit: the walk costs nothing here)
            value = self._columns[leaf.code][position]
            mask = self._masks.get(leaf.code)
            if (mask is not None and mask[position]) or _is_missing(value):
                observations[leaf.code] = NOT_APPLICABLE
            elif isinstance(leaf.rule, Qualitative):
                observations[leaf.code] = (
                    implied_tier(
                        _assessed(value, leaf.code), leaf.points, leaf.rule, leaf_places(self.framework, leaf)
                    ),
                    value,
                )
            else:
                observations[leaf.code] = value
        return observations

    def result(self, unit: int) -> Result:
        """One unit's full scalar [`Result`][perfscore.scoring.Result], with explanations.

        Computed by the scalar engine from the unit's row; its numbers equal the batch's.

        Args:
            unit: The unit's position (0 to ``len(result) − 1``).

        Raises:
            ObservationError: ``unit`` is not a position of this result.
        """
        return self.framework.score(self.observations(unit))

    def _position(self, unit: object) -> int:
        if type(unit) is bool or not isinstance(unit, (int, np.integer)) or not 0 <= unit < len(self):
            raise ObservationError("unit", f"must be a position from 0 to {len(self) - 1}, got {unit!r}")
        return int(unit)

    def to_frame(self, *, exact: bool = False) -> Any:
        """A pandas DataFrame: one column per leaf, then total, maximum, percentage and grade.

        The grade column is categorical, its categories `grade_labels`.

        Args:
            exact: ``False`` (default) for float columns; ``True`` for exact
                `Decimal` objects (slower, object columns).

        Returns:
            A ``pandas.DataFrame`` with the input's row labels when it had them.

        Raises:
            MissingDependencyError: pandas is not installed (``perfscore[pandas]``).
            PerfscoreError: A leaf code is one of the summary column names.
        """
        pd = _pandas("to_frame")
        clash = set(self.leaf_codes) & set(SUMMARY_COLUMNS)
        if clash:
            raise PerfscoreError("to_frame", f"leaf code {sorted(clash)[0]!r} clashes with a summary column")

        def convert(units: IntArray) -> Any:
            if not exact:
                return self._floats(units)
            return np.array([_decimal_units(value, self.places) for value in units.tolist()], object)

        data: dict[str, Any] = {
            code: convert(self.leaf_units[:, j]) for j, code in enumerate(self.leaf_codes)
        }
        data["total"] = convert(self.total_units)
        data["maximum"] = convert(self.maximum_units)
        data["percentage"] = convert(self.percentage_units)
        data["grade"] = pd.Categorical.from_codes(self.grade_codes, categories=list(self.grade_labels))
        return pd.DataFrame(data, index=self.index)


def _pandas(field: str) -> Any:
    """pandas, imported on first use (an optional dependency: ``perfscore[pandas]``)."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingDependencyError(field, "needs pandas: pip install 'perfscore[pandas]'") from None


def _is_missing(value: object) -> bool:
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    return is_not_applicable(value) or type(value).__name__ == "NAType"


def _assessed(value: object, code: str) -> Decimal:
    try:
        return to_decimal(value, field=code)
    except PerfscoreError as error:
        raise ObservationError(code, error.message) from None


# -- inputs ----------------------------------------------------------------------------------


def _looks_like_frame(columns: object) -> bool:
    module = type(columns).__module__
    return module.startswith("pandas") and hasattr(columns, "columns") and hasattr(columns, "index")


def _normalise(
    framework: Framework, codes: tuple[str, ...], columns: object, not_applicable: object
) -> tuple[dict[str, npt.NDArray[Any]], dict[str, BoolArray], int, object]:
    index: object = None
    if _looks_like_frame(columns):
        frame: Any = columns
        index = frame.index
        names = list(frame.columns)
        for name in names:
            if not isinstance(name, str):
                raise ObservationError(describe(name), "column names must be indicator codes (text)")
        if len(set(names)) != len(names):
            raise ObservationError("columns", "a column name is repeated")
        columns = {name: frame[name] for name in names}
    if not isinstance(columns, Mapping):
        raise ObservationError("columns", f"must map leaf codes to columns, got {type(columns).__name__}")
    if len(columns) != len(codes) or not all(code in columns for code in codes):
        framework.check_leaf_codes(columns, what="columns")  # refuses the odd key by name
    arrays: dict[str, npt.NDArray[Any]] = {}
    length: int | None = None
    for code in codes:
        if code not in columns:
            raise ObservationError(code, "has no column (use NaN where it does not apply)")
        column = columns[code]
        if index is None and type(column).__module__.startswith("pandas") and hasattr(column, "index"):
            index = column.index
        array = _array(column, code)
        if length is None:
            length = array.shape[0]
        elif array.shape[0] != length:
            raise ObservationError(code, f"has {array.shape[0]} rows, the other columns {length}")
        arrays[code] = array
    assert length is not None  # a framework has at least one leaf
    masks: dict[str, BoolArray] = {}
    if not_applicable is not None:
        if not isinstance(not_applicable, Mapping):
            raise ObservationError("not_applicable", "must map leaf codes to boolean masks")
        for code, mask in not_applicable.items():
            if not isinstance(code, str) or code not in codes:
                raise ObservationError(f"not_applicable[{code!r}]", "is not a leaf of the framework")
            values = np.asarray(mask)
            if values.dtype != np.bool_ or values.shape != (length,):
                raise ObservationError(f"not_applicable[{code}]", f"must be a boolean array of {length} rows")
            masks[code] = values
    return arrays, masks, length, index


def _array(column: object, code: str) -> npt.NDArray[Any]:
    if isinstance(column, (str, bytes)):
        raise ObservationError(code, f"must be a column of values, got {type(column).__name__}")
    try:  # a ragged list of lists fails here (numpy refuses inhomogeneous shapes)
        array = np.asarray(column)
    except Exception as error:  # a foreign column's __array__ may raise anything
        raise ObservationError(code, f"cannot be read as a column: {error}") from None
    if array.ndim == 0:
        raise ObservationError(code, f"must be a column of values, got {type(column).__name__}")
    if array.ndim != 1:
        raise ObservationError(code, f"must be one-dimensional, got shape {array.shape}")
    kind = array.dtype.kind
    if kind == "b":
        if array.shape[0]:
            raise ObservationError(code, "row 0: must be a number, not a boolean")
        return array.astype(np.float64)
    if kind in "US":
        return array.astype(object)
    if kind not in "iufO":
        raise ObservationError(code, f"must hold numbers, got dtype {array.dtype}")
    return array


def _as_float64(column: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A float32 column as the float64 column of the decimals it stands for, when it can be.

    The scalar engine reads a float32 through ``str``: the shortest decimal that reads back as the
    same float32. When a float32 ``v`` is within half a float32 step of a multiple ``n/10**k``
    of ``10**-k`` and its steps are finer than ``10**-k`` (``|spacing(v)| < 10**-k``), that multiple is the
    only decimal of ``k`` places or fewer that reads back as ``v``; every decimal with fewer digits
    is one of them, so ``n/10**k`` is the shortest. Its nearest float64, ``n / 10**k``, reads as the
    same decimal through ``repr``; the engine then works on its grid as for any float64 column.
    Tried for ``k`` from 2 to `K_MAX`; a column with a cell that fits none (or an infinity)
    stays float32, and its cells go to the scalar rule as before.
    """
    if column.dtype != np.float32:
        return column
    wide = column.astype(np.float64)
    result = np.empty_like(wide)
    todo: BoolArray | None = None
    for k in range(2, K_MAX + 1):
        scale = 10.0**k
        values = wide if todo is None else wide[todo]
        candidate = np.rint(values * scale)
        fits = np.abs(candidate) < GRID_LIMIT  # False for NaN and infinities
        candidate /= scale
        fits &= candidate.astype(np.float32) == (column if todo is None else column[todo])
        # Steps finer than 10**-k: below 2**23·10**-k every float32's are; above, ask each.
        if np.fmax.reduce(np.abs(values), initial=0) * scale >= 2**23:
            fits &= np.abs(np.spacing(values.astype(np.float32))).astype(np.float64) * scale < 1
        if todo is None:
            fits |= np.isnan(wide)
            result[...] = candidate
            if fits.all():
                return result
            todo = ~fits
        else:
            positions = np.flatnonzero(todo)[fits]
            result[positions] = candidate[fits]
            todo[positions] = False
            if not todo.any():
                return result
    return column


def _float32_matrix(columns: list[npt.NDArray[Any]], count: int) -> list[npt.NDArray[Any]]:
    """float32 columns read as decimals (`_as_float64`) into one row-major float64 matrix.

    The fast layout (and the compiled kernel's), at the cost of a float64 copy of the input;
    converted block by block of rows, so the temporaries stay small. When some cell has no
    decimal on the grid, each column is converted on its own instead (`_as_float64`).
    """
    leaves = len(columns)
    together = np.empty((count, leaves))
    for start in range(0, count, _BLOCK):
        block = np.stack([column[start : start + _BLOCK] for column in columns], axis=1)
        converted = _as_float64(block.ravel())
        if converted.dtype != np.float64:
            return [_as_float64(column) for column in columns]
        together[start : start + _BLOCK] = converted.reshape(block.shape)
    return [together[:, row] for row in range(leaves)]


# -- the engine ------------------------------------------------------------------------------

#: The units of a chunk with not-applicable leaves, and each one's leaf maxima (units, shape
#: ``(units, leaves)``; -1 for a dropped leaf).
_Gaps = tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]
_NO_UNITS: Final = np.empty(0, np.intp)
_NO_MAXIMA: Final = np.empty((0, 0), np.int64)
#: Whether chunks go to the compiled kernel when numba is installed (tests turn it off to
#: compare the two paths).
_USE_KERNEL = True
#: Frameworks whose maximum (in units) is below this look percentages up in a table of every total.
_TABLE_LIMIT: Final = 2**20
#: Units per block when percentages are computed rather than looked up.
_BLOCK: Final = 65536


#: numpy asks Linux for huge pages for allocations of 4 MiB or more. Arrays allocated apart would
#: each be faulted in 4 KiB pages, which costs as much as a pass over the data.
_HUGE_PAGES: Final = 4 * 2**20


def _together(parts: Sequence[tuple[int | tuple[int, ...], Any]]) -> list[npt.NDArray[Any]]:
    """Empty arrays of the given shapes and dtypes, carved from one allocation.

    Each starts on a 64-byte boundary of the block. A block of 1 MiB or more is made at least
    4 MiB, so that it is given huge pages.
    """
    sizes = [
        math.prod(shape if isinstance(shape, tuple) else (shape,)) * np.dtype(dtype).itemsize
        for shape, dtype in parts
    ]
    offsets, end = [], 0
    for size in sizes:
        offsets.append(end)
        end += -(-size // 64) * 64
    if end >= 2**20:
        end = max(end, _HUGE_PAGES)
    block = np.empty(end + 64, np.uint8)
    start = -block.ctypes.data % 64
    return [
        block[start + offset : start + offset + size].view(dtype).reshape(shape)
        for (shape, dtype), offset, size in zip(parts, offsets, sizes, strict=True)
    ]


#: The largest grid integer ``|n|`` the kernel takes in a float32 cell: below ``2**23`` a float32's
#: steps are finer than ``10**-k`` where ``n = v·10**k``, so ``n / 10**k`` is its decimal.
_FLOAT32_GRID_LIMIT: Final = float(2**23 - 1)


def _shared_matrix(
    columns: list[npt.NDArray[Any]], dtype: type[np.floating[Any]] = np.float64, *, leaf_major: bool = True
) -> tuple[npt.NDArray[Any], list[int]] | None:
    """The matrix of ``dtype`` the columns are strided views of, if they all are.

    Two layouts: row-major, the columns of a C-ordered 2-D array (``data[:, j]``), each unit's
    cells side by side; or leaf-major (when ``leaf_major``), each column contiguous and the
    columns a fixed distance apart, as in a pandas DataFrame's block of one dtype or a
    Fortran-ordered array. Only the compiled kernel reads a leaf-major matrix as it lies: the
    numpy path scores such columns faster one by one (18.2 ms against 23.9 ms as a matrix, for
    a DataFrame of 200,000 × 20).

    Returns:
        A read-only ``(units, width)`` view spanning the columns, and each column's index in it;
        ``None`` when the columns are not views of one buffer laid out either way.
    """
    first = columns[0]
    base, size, count = first.base, first.itemsize, first.shape[0]
    if base is None or first.dtype != dtype or first.strides[0] < size or not count:
        return None  # (no units: nothing to read, and no distance between columns to find)
    stride = first.strides[0]
    pointers = []
    for column in columns:
        if column.base is not base or column.dtype != dtype or column.strides != (stride,):
            return None
        pointers.append(column.__array_interface__["data"][0])
    low = min(pointers)
    offsets = [pointer - low for pointer in pointers]
    origin = columns[pointers.index(low)]
    if stride > size:  # row-major: every column within the first row's stride
        if any(offset % size or offset >= stride for offset in offsets):
            return None
        step = size
    elif not leaf_major:
        return None
    else:  # leaf-major: the columns whole multiples of one distance apart, none overlapping
        step = math.gcd(*offsets) or count * size
        if step % size or step < count * size:
            return None
    width = max(offsets) // step + 1
    matrix = np.lib.stride_tricks.as_strided(
        origin, shape=(count, width), strides=(stride, step), writeable=False
    )
    return matrix, [offset // step for offset in offsets]


def _leaf_places(framework: Framework, leaf: Indicator) -> int:
    """The decimal places a leaf's points are rounded to: the scalar engine's `leaf_places`.

    A leaf's plan computes its points in units of ``10**-p`` (its own places ``p``); the engine
    turns them into the framework's units (× ``10**(P − p)``) before they are stored and summed.
    """
    return leaf_places(framework, leaf)


class _Plan:
    """What the engine needs of a framework, compiled once and kept (see `compiled_plan`).

    Everything here depends on the framework alone, which is immutable: the leaves' integer
    plans, the maximum, the grade thresholds, the percentage table and each grid's folded
    formulas. A call's own state (grids widened for its data, buffers) stays in `_Engine`.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.places = framework.places
        self.units = 10**self.places
        leaves = framework.leaves()
        self.plans = [
            LeafPlan(leaf.code, leaf.rule, leaf.points, _leaf_places(framework, leaf))  # type: ignore[arg-type]
            for leaf in leaves
        ]
        self.codes = tuple(plan.code for plan in self.plans)
        self.checked_rows = [row for row, plan in enumerate(self.plans) if plan.checked]
        self.k_min = tuple(plan.k_min for plan in self.plans)
        self.maximum = int(round_half_up(framework.maximum, self.places).scaleb(self.places))
        self.too_large = self.maximum * (200 * self.units + 3) >= SAFE
        # A leaf rounding to its own places p < P: its units (10**-p) are 10**(P − p) of the
        # framework's. Weights, fill values and stored points are in the framework's units.
        self.factors = [10 ** (self.places - plan.places) for plan in self.plans]
        self.coarse_rows = [(row, factor) for row, factor in enumerate(self.factors) if factor != 1]
        self.leaf_weights = np.array(
            [plan.w_units * factor for plan, factor in zip(self.plans, self.factors, strict=True)], np.int64
        )
        self.column_of = {plan.code: row for row, plan in enumerate(self.plans)}
        self.fill = np.array(
            [[weight if framework.not_applicable == "full" else 0] for weight in self.leaf_weights.tolist()],
            float,
        )
        self.factor_array = np.array(self.factors, np.float64)
        scheme = framework.grades
        # Grade thresholds in percentage units, lowest first: minimum m admits p ⇔ p ≥ ceil(m·U).
        ordered = sorted(enumerate(scheme.grades), key=lambda item: item[1].minimum)
        self.grade_thresholds = np.array(
            [_ceil_units(grade.minimum, self.places) for _, grade in ordered], dtype=np.float64
        )
        self.grade_of_rank = np.array([position for position, _ in ordered], dtype=np.int8)
        self.not_demonstrated = len(scheme.grades) if scheme.not_demonstrated is not None else None
        self.folded: dict[tuple[int, ...], _Folded] = {}
        self.kernels: dict[tuple[int, ...], tuple[tuple[Any, ...], bool]] = {}
        self._tree: tuple[npt.NDArray[np.int64], ...] | None = None
        self.tables: tuple[IntArray, npt.NDArray[np.int8]] | bool | None = False  # False: not made yet

    def tree(self) -> tuple[npt.NDArray[np.int64], ...]:
        """The framework's tree for the kernel's rescale tables: nodes, sibling groups, members."""
        if self._tree is None:
            nodes: list[tuple[int, int]] = []
            index: dict[str, int] = {}
            for indicator, _ in self.framework.walk():  # form order: parents first
                index[indicator.code] = len(nodes)
                nodes.append((-1, self.column_of.get(indicator.code, -1) if indicator.is_leaf else -1))
            groups: list[tuple[int, int, int]] = []
            members: list[int] = []
            member_weights: list[int] = []

            def group(parent: int, siblings: Sequence[Any]) -> None:
                decimals = max(_decimals_of(sibling.points) for sibling in siblings)
                groups.append((parent, len(members), len(members) + len(siblings)))
                for sibling in siblings:
                    members.append(index[sibling.code])
                    member_weights.append(int(sibling.points.scaleb(decimals)))
                    nodes[index[sibling.code]] = (parent, nodes[index[sibling.code]][1])
                for sibling in siblings:
                    if sibling.children:
                        group(index[sibling.code], sibling.children)

            group(-1, self.framework.indicators)
            self._tree = (
                np.array(nodes, np.int64).reshape(-1, 2),
                np.array(groups, np.int64).reshape(-1, 3),
                np.array(members, np.int64),
                np.array(member_weights, np.int64),
            )
        return self._tree


#: A grid's formulas: rows scored by the scalar rule, rows of the other families, whether the
#: engine multiplies by reciprocals, and the per-leaf ``a, b, low, high, g`` of every leaf.
_Family = tuple[str, tuple[int, ...], list[list[float]]]
_Folded = tuple[frozenset[int], tuple[_Family, ...], bool, tuple[list[float], ...]]

#: The kernel's rescale tables when it does not rescale: its arguments keep one type, so one
#: compiled kernel serves every framework (`_Engine._rescale_tables` gives the real ones).
_NO_RESCALE: Final = (
    False,
    np.zeros((1, 14)),
    np.zeros((1, 1)),
    np.zeros(1, np.int64),
    np.zeros((1, 2)),
    np.zeros(1, np.uint64),
    np.zeros(1, np.int64),
    np.zeros((0, 3), np.int64),
    np.zeros(1, np.int64),
    np.zeros(1, np.int64),
    0,
)

#: Compiled plans by framework id, each with a weak reference that tells a reused id apart.
_PLANS: dict[int, tuple[weakref.ref[Framework], _Plan]] = {}


def compiled_plan(framework: Framework) -> _Plan:
    """The framework's compiled batch plan, made on first use and kept while the framework lives."""
    key = id(framework)
    found = _PLANS.get(key)
    if found is not None and found[0]() is framework:
        return found[1]
    plan = _Plan(framework)
    plans = _PLANS  # bound now: at interpreter exit the module global may already be None
    _PLANS[key] = (weakref.ref(framework, lambda _: plans.pop(key, None)), plan)
    return plan


def _scaled_target(plan: LeafPlan, k: int) -> int:
    rule: Any = plan.rule
    return int(rule.target.scaleb(k))


class _Engine:
    def __init__(self, framework: Framework, chunk_size: int, threads: int = 1) -> None:
        plan = self.plan = compiled_plan(framework)
        if plan.too_large:
            raise FrameworkError(
                "points", "the framework's maximum is too large for the batch engine: use Framework.score"
            )
        self.framework = framework
        self.places = plan.places
        self.units = plan.units
        self.chunk = chunk_size
        self.threads = threads
        self.plans = plan.plans
        self.checked_rows = plan.checked_rows
        self.k = list(plan.k_min)
        self.maximum = plan.maximum
        self.leaf_weights = plan.leaf_weights
        self.column_of = plan.column_of
        self.rescaling = framework.not_applicable == "rescale"
        # The chunk's layout, set by run(): row-major when the columns are views of one
        # row-major matrix (a block of its rows is then read as it lies), else leaf-major.
        self.row_major = False
        self.width = 1
        self.tile_space: list[FloatArray] = []  # room for the tiled parameters (row-major)
        self.use_kernel = _USE_KERNEL
        self.grade_thresholds = plan.grade_thresholds
        self.grade_of_rank = plan.grade_of_rank
        self.not_demonstrated = plan.not_demonstrated

    def _laid_out(self, values: list[float]) -> FloatArray:
        """Per-leaf parameters shaped to combine with a chunk in one contiguous numpy loop.

        Leaf-major chunks take a ``(leaves, 1)`` column. Row-major chunks take the parameters
        tiled to ``(width, leaves)``: broadcasting a ``(leaves,)`` row would make numpy loop over
        rows of only ``leaves`` elements, several times slower.
        """
        if self.row_major:
            tiled = self.tiles.pop() if self.tiles else np.empty((self.width, len(values)))
            tiled[...] = values
            return tiled
        return np.array(values, dtype=np.float64).reshape(-1, 1)

    def _coefficients(self) -> None:
        """The current grids' formulas: the kernel's tables, and the numpy path's arrays."""
        self._grid_formulas()
        self._numpy_coefficients()

    def _grid_formulas(self) -> None:
        """The current grids' folded formulas and kernel tables, made once per grid per plan."""
        grid = tuple(self.k)
        folded = self.plan.folded.get(grid)
        if folded is None:
            folded = self.plan.folded[grid] = self._fold()
        self.scalar_rows = set(folded[0])  # rows whose formula cannot be exact on their grid
        self.reciprocal = folded[2]
        self.kernel: tuple[Any, ...] | None = None
        self.kernel_rescales = False  # whether the kernel rescales (rescale, and its tables fit)
        if self.use_kernel and not self.scalar_rows and _compiled.kernel() is not None:
            found = self.plan.kernels.get(grid)
            if found is None:
                found = self.plan.kernels[grid] = self._kernel_parameters()
            self.kernel, self.kernel_rescales = found

    def _numpy_coefficients(self) -> None:
        """Every leaf's formula as ``floor(clip(n·a + b, low, high) / g)``, all leaves at once.

        Leaves of the other families, and leaves whose formula cannot be exact on their grid,
        get the identity (``a = 1, b = 0, low = -inf, high = inf, g = 1``): their ``n`` (an
        integer, or NaN) passes through unchanged, to be scored by their own formula after.
        """
        _, families, _, (a, b, low, high, g) = self.plan.folded[tuple(self.k)]
        # The other families (ratio, steps, bands), each scored for all its leaves at once; their
        # parameters shaped to broadcast against the family's block of the chunk.
        shape = (1, -1) if self.row_major else (-1, 1)
        self.families = [
            (
                family,
                np.array(rows, np.intp),
                [np.array(values, np.float64).reshape(shape) for values in parameters],
            )
            for family, rows, parameters in families
        ]
        self.multiplies = any(value != 1 for value in a)
        self.tiles = list(self.tile_space)
        self.a = self._laid_out(a) if self.multiplies else 1.0
        self.b, self.low, self.high, self.g = map(self._laid_out, (b, low, high, g))
        scales = [10.0**k for k in self.k]
        self.scales = scales
        self.same_scale = len(set(scales)) == 1
        self.scale: Any = scales[0] if self.same_scale else self._laid_out(scales)
        self.sized: dict[int, tuple[Any, ...]] = {}

    def _kernel_parameters(self) -> tuple[tuple[Any, ...], bool]:
        """The compiled kernel's tables for the current grids (see `_compiled.score_chunk`)."""
        leaves = len(self.plans)
        _, families_of, reciprocal, folded = self.plan.folded[tuple(self.k)]
        families = np.zeros(leaves, np.int8)
        parameters = np.zeros((leaves, 19))
        parameters[:, 7], parameters[:, 8] = -np.inf, np.inf
        for column, affine in enumerate(folded):  # affine leaves: a, b, low, high, g
            parameters[:, column] = affine
        codes = {
            "ratio": _compiled.RATIO,
            "steps": _compiled.STEPS,
            "bands": _compiled.BANDS,
            "interval": _compiled.INTERVAL,
        }
        most = max((len(given) // 2 for family, _, given in families_of if family == "bands"), default=0)
        bounds = np.full((leaves, max(most, 1)), np.inf)
        levels = np.zeros(leaves, np.int64)
        tables = np.zeros((leaves, most + 1))
        for family, rows, values in families_of:
            for position, row in enumerate(rows):
                families[row] = codes[family]
                mine = [column[position] for column in values]
                if family == "bands":
                    count = len(mine) // 2  # padded bounds (+inf), then the table
                    bounds[row, :count] = mine[:count]
                    levels[row] = count
                    tables[row, : count + 1] = mine[count:]
                elif family == "interval":  # after the accepted range (columns 7 and 8)
                    parameters[row, 9:19] = mine
                else:
                    parameters[row, : len(mine)] = mine
        for row, plan in enumerate(self.plans):
            accepted = plan.accepted(self.k[row])
            if accepted is not None:
                parameters[row, 7] = accepted[0]
                if accepted[1] is not None:
                    parameters[row, 8] = accepted[1]
        scales = np.array([10.0**k for k in self.k])
        rescale = self._rescale_tables() if self.rescaling and leaves <= 64 else None
        takes_gaps = leaves <= 64 and (not self.rescaling or rescale is not None)
        fill = self.plan.fill.ravel() if takes_gaps else np.full(leaves, -1.0)
        weights = self.leaf_weights.astype(np.float64)
        factors = self.plan.factor_array
        arrays = (scales, families, reciprocal, parameters, bounds, levels, tables, fill, weights, factors)
        return (*arrays, _NO_RESCALE if rescale is None else rescale), rescale is not None

    def _rescale_tables(self) -> tuple[Any, ...] | None:
        """The kernel's tables for ``rescale`` (see `_compiled.rescaled_points`), or ``None``.

        The kernel computes the rescaled points in float64, multiplying by the reciprocal of
        each constant divisor, so ``None`` when a leaf's ``|2·m·N + D|`` could reach ``2**50``
        (a reverse-ratio leaf divides: ``2**53``), when a share of the tree (a parent's share ×
        a member's weight) could reach ``2**53``, or when a leaf rounds to places of its own
        (``Framework`` refuses that with ``rescale``): the numpy path then scores the chunks
        with not-applicable cells.
        """
        leaves, top = len(self.plans), self.maximum
        if any(factor != 1 for factor in self.plan.factors):
            return None
        linear = np.zeros((leaves, 14))
        most = max((len(plan.rule.bands) for plan in self.plans if plan.family == "bands"), default=0)  # type: ignore[attr-defined]
        bounds = np.full((leaves, max(most, 1)), np.inf)
        levels = np.zeros(leaves, np.int64)
        numerators = np.zeros((leaves, most + 2))
        for row, plan in enumerate(self.plans):
            k = self.k[row]
            if plan.family == "ratio":  # 2·T·m + A ≤ 2·T·top + cap, 2A ≤ 2·cap
                target = int(_scaled_target(plan, k))
                cap = 2 * target * top + 1
                if 2 * target * top + 3 * cap >= SAFE:
                    return None
                linear[row, :2] = (target, cap)
            elif plan.family == "bands":
                found = plan.band_parameters(k)
                thresholds, table, denominator = plan._band_fractions(k)
                if (
                    found is None
                    or thresholds is None
                    or 2 * top * int(abs(table).max()) + denominator + 1 >= RECIPROCAL_LIMIT
                ):
                    return None
                count = len(found[0])
                bounds[row, :count] = found[0]
                levels[row] = count
                ordered = table.tolist()  # numerators by ascending threshold, then 0
                if plan.rule.higher_is_better:  # type: ignore[attr-defined]
                    ordered = [0, *ordered[:-1]]
                numerators[row, : count + 1] = ordered
                numerators[row, -1] = denominator
                linear[row, 12] = 1 / (2 * denominator)
            else:  # 2·m·|c·a + n0| + dm + 1 below 2**50 for a in [lo, hi], |c|·|a| + |n0| below 2**53
                formulas = plan.interval_linear(k) if plan.family == "interval" else (plan.linear(k),)
                for part, (lo, hi, c, n0, dm) in enumerate(formulas):
                    largest = max(abs(c * lo + n0), abs(c * hi + n0))
                    if (
                        max(abs(lo), abs(hi)) >= CLIP_LIMIT
                        or 2 * top * largest + dm + 1 >= RECIPROCAL_LIMIT
                        or abs(c) * max(abs(lo), abs(hi)) + abs(n0) >= SAFE
                    ):
                        return None
                    linear[row, 5 * part : 5 * part + 5] = (lo, hi, c, n0, dm)
                    linear[row, 12 + part] = 1 / (2 * dm)
                if plan.family == "steps":
                    steps = plan.steps_parameters(k)
                    if steps is None:
                        return None
                    linear[row, 10:12] = steps[:2]
        tree, groups, members, member_weights = self.plan.tree()
        if (top + 1) * (int(member_weights.max()) + 1) * len(members) >= SAFE:
            return None  # a share's product (parent's share × weight) must be exact in float64
        # Each node's leaves as bits, and each leaf's node: a pattern's applicable nodes at once.
        under = np.zeros(len(tree), np.uint64)
        leaf_node = np.zeros(leaves, np.int64)
        for node in range(len(tree) - 1, -1, -1):  # children before parents
            parent, column = (int(value) for value in tree[node])
            if column >= 0:
                under[node] |= np.uint64(1) << np.uint64(column)
                leaf_node[column] = node
            if parent >= 0:
                under[parent] |= under[node]
        tree_tables = (under, leaf_node, groups, members, member_weights, top)
        return (True, linear, bounds, levels, numerators, *tree_tables)

    def _fold(self) -> _Folded:
        leaves = len(self.plans)
        a, b, g = [1.0] * leaves, [0.0] * leaves, [1.0] * leaves
        low, high = [-np.inf] * leaves, [np.inf] * leaves
        scalar_rows: set[int] = set()
        formulas: dict[int, Affine] = {}
        grouped: dict[str, tuple[list[int], list[list[float]]]] = {}
        for row, plan in enumerate(self.plans):
            if plan.family != "affine":
                parameters = self._family_parameters(row)
                if parameters is None:
                    scalar_rows.add(row)
                    continue
                rows, columns = grouped.setdefault(plan.family, ([], []))
                rows.append(row)
                columns.append(parameters)
                continue
            formula = plan.affine(self.k[row], plan.w_units)
            if formula is None:
                scalar_rows.add(row)
            else:
                formulas[row] = formula
        # Multiplying by 1/g is cheaper than dividing by g; exact below RECIPROCAL_LIMIT.
        reciprocal = all(formula.reciprocal_is_exact() for formula in formulas.values())
        for row, formula in formulas.items():
            a[row], b[row], low[row], high[row], g[row] = map(
                float, formula.folded(floor_zero=self.plans[row].floor_zero, reciprocal=reciprocal)
            )
        families = []
        for family, (rows, given) in grouped.items():
            columns = given
            if family == "bands":  # pad every leaf to the most bands: a bound never reached
                # A leaf's list is its bounds, then its table, one entry longer.
                levels = max(len(column) // 2 for column in given)
                columns = []
                for column in given:
                    bounds, table = column[: len(column) // 2], column[len(column) // 2 :]
                    extra = levels - len(bounds)
                    columns.append([*bounds, *[np.inf] * extra, *table, *[0.0] * extra])
            # One list per parameter, one value per leaf: the transpose of the leaves' lists.
            families.append((family, tuple(rows), [list(values) for values in zip(*columns, strict=True)]))
        return frozenset(scalar_rows), tuple(families), reciprocal, (a, b, low, high, g)

    def _family_parameters(self, row: int) -> list[float] | None:
        """One leaf's parameters for its family's vectorised formula (see `_families`)."""
        plan, k = self.plans[row], self.k[row]
        if plan.family == "ratio":
            ratio = plan.ratio_parameters(k)
            return None if ratio is None else [float(value) for value in ratio]
        if plan.family == "interval":
            interval = plan.interval_parameters(k)
            return None if interval is None else [float(value) for value in interval]
        if plan.family == "steps":
            steps = plan.steps_parameters(k)
            if steps is None:
                return None
            threshold, step, formula = steps
            return [
                float(value)
                for value in (
                    threshold,
                    step,
                    formula.lo,
                    formula.hi,
                    formula.alpha,
                    formula.beta,
                    formula.gamma,
                )
            ]
        bands = plan.band_parameters(k)
        if bands is None:
            return None
        bounds, table = bands
        return [*bounds, *table]

    def _families(self, ny: FloatArray) -> None:
        """The ratio, steps and bands leaves of a chunk, each family in one block (exact as `compute`)."""
        for family, rows, parameters in self.families:
            block = ny[:, rows] if self.row_major else ny[rows]
            if family == "ratio":  # floor((A + 2Tw) / 2A) for A clipped to [T, cap]
                target, numerator, cap = parameters
                np.clip(block, target, cap, out=block)
                divisor = block * 2
                block += numerator
                block /= divisor
                np.floor(block, out=block)
            elif family == "interval":  # 区间值: the lower of the formulas below and above the range
                lo, hi, alpha, beta, gamma = parameters[:5]
                below = np.clip(block, lo, hi)
                below *= alpha
                below += beta
                below /= gamma
                np.floor(below, out=below)
                lo, hi, alpha, beta, gamma = parameters[5:]
                np.clip(block, lo, hi, out=block)
                block *= alpha
                block += beta
                block /= gamma
                np.floor(block, out=block)
                np.minimum(block, below, out=block)
            elif family == "steps":  # whole steps started, then w − d·q, 扣完为止
                threshold, step, lo, hi, alpha, beta, gamma = parameters
                block -= threshold
                block /= step
                np.ceil(block, out=block)
                np.clip(block, lo, hi, out=block)
                block *= alpha
                block += beta
                block /= gamma
                np.floor(block, out=block)
                np.maximum(block, 0, out=block)
            else:  # bands: the table entry picked by the number of bounds reached
                levels = len(parameters) // 2
                count = np.zeros(block.shape, np.intp)
                for bound in parameters[:levels]:
                    count += block >= bound
                # The tables, flat: (levels + 1, leaves) row-major, (leaves, levels + 1) leaf-major.
                tables = np.concatenate(parameters[levels:], axis=0 if self.row_major else 1).ravel()
                leaf = np.arange(len(rows))
                if self.row_major:
                    count *= len(rows)
                    count += leaf
                else:
                    count += (leaf * (levels + 1))[:, None]
                tables.take(count, out=block)
            if self.row_major:
                ny[:, rows] = block
            else:
                ny[rows] = block

    def _sized(self, size: int) -> tuple[Any, ...]:
        """The laid-out ``scale, a, b, low, high, g`` for a chunk of ``size`` units."""
        found = self.sized.get(size)
        if found is None:
            found = tuple(
                value[:size] if self.row_major and isinstance(value, np.ndarray) else value
                for value in (self.scale, self.a, self.b, self.low, self.high, self.g)
            )
            self.sized[size] = found
        return found

    # -- scoring ----------------------------------------------------------------------------

    def run(
        self,
        arrays: dict[str, npt.NDArray[Any]],
        masks: dict[str, BoolArray],
        count: int,
        index: object,
        *,
        narrow: bool = True,
    ) -> BatchResult:
        leaves = len(self.plans)
        columns = [arrays[plan.code] for plan in self.plans]
        shared: tuple[npt.NDArray[Any], list[int]] | None = None
        if all(column.dtype == np.float32 for column in columns):
            # float32 columns of one row-major matrix go to the compiled kernel as they lie: it
            # reads each cell as its shortest decimal, with no float64 copy. Should it leave a
            # chunk to the numpy path, the run starts again on the float64 copy (narrow=False).
            masked = any(plan.code in masks for plan in self.plans)
            if narrow and self.use_kernel and not masked and _compiled.kernel() is not None:
                shared = _shared_matrix(columns, np.float32)
            if shared is None:
                columns = _float32_matrix(columns, count)
        else:
            columns = [_as_float64(column) for column in columns]
        # A leaf-major matrix only for the kernel (which skips masked runs): see _shared_matrix.
        for_kernel = self.use_kernel and _compiled.kernel() is not None and not masks
        shared = shared or _shared_matrix(columns, leaf_major=for_kernel)
        narrowed = shared is not None and shared[0].dtype == np.float32
        self.row_major = shared is not None
        width = self.width = max(1, min(self.chunk, count))
        dtype = _units_dtype(self.maximum)
        totals, maxima, percentages, grades = _together(
            [(count, np.int64), (count, dtype), (count, np.int32), (count, np.int8)]
        )
        chunk_keys: list[npt.NDArray[Any]] = []  # each chunk's distinct patterns: key, mask
        chunk_masks: list[BoolArray] = []
        gap_positions: list[npt.NDArray[np.intp]] = []  # each chunk's units with gaps, pattern
        gap_locals: list[npt.NDArray[np.intp]] = []
        # Each chunk is worked on in its natural layout ("nat": (units, leaves) row-major, else
        # (leaves, units)); ys, zs are its (leaves, units) views, row = leaf, for per-leaf work.
        shape = (width, leaves) if self.row_major else (leaves, width)
        matrix: FloatArray | None = None
        positions: list[int] = []
        direct = False
        if shared is not None:
            matrix, positions = shared
            direct = positions == list(range(leaves)) and matrix.shape[1] == leaves
        # The numpy path's buffers and arrays are made on the first chunk it scores: when the
        # kernel scores every chunk, they are never needed.
        numpy_ready = False
        self._grid_formulas()
        if narrowed and self.kernel is None:  # no kernel for this framework's grids
            return self.run(arrays, masks, count, index, narrow=False)
        # Points are stored in the chunk's layout; leaf_units is (units, leaves) either way.
        store = np.empty((count, leaves) if self.row_major else (leaves, count), dtype)
        ones = np.ones(leaves)
        summed = np.empty(width)
        masked_rows = [(row, masks[plan.code]) for row, plan in enumerate(self.plans) if plan.code in masks]
        maxima.fill(self.maximum)  # units with not-applicable leaves get theirs below
        tables = self._tables()
        fill = self.plan.fill
        columns_at = np.array(positions if matrix is not None else [], np.intp)
        kernel_keys = np.empty(width if matrix is not None else 0, np.uint64)
        kernel_lost = np.empty(width if matrix is not None else 0, np.int64)
        unit_keys: npt.NDArray[np.uint64] | None = None  # the kernel's units: gaps as bits
        # The patterns (keys) the kernel has met under rescale and their leaf maxima, which
        # depend on the framework's tree alone, not on the grids: kept from chunk to chunk of
        # this run (not in the plan, which threads may share). Sized for any kernel of the run:
        # a widened grid may bring another.
        rescales = self.rescaling and leaves <= 64 and self.use_kernel and _compiled.kernel() is not None
        seen = _pattern_tables(leaves if rescales else 0)
        limit = _FLOAT32_GRID_LIMIT if narrowed else np.inf
        # With threads, the kernel scores every chunk first, the chunks shared out among them;
        # the loop below then takes its results, or scores a refused chunk on the numpy path.
        shared_out: tuple[list[int], npt.NDArray[np.uint64], IntArray] | None = None
        if self.threads > 1 and count > width and matrix is not None and not masked_rows and self.kernel:
            shared_out = self._kernel_in_threads(matrix, columns_at, limit, store, totals)
        for start in range(0, count, width):
            stop = min(start + width, count)
            size = stop - start
            if shared_out is not None:  # valid whatever kernel a widened grid brought since
                taken = shared_out[0][start // width]
                keys_seen, lost = shared_out[1][start:stop], shared_out[2][start:stop]
            elif matrix is not None and not masked_rows and self.kernel is not None:
                keys_seen, lost = kernel_keys[:size], kernel_lost[:size]
                taken = _compiled.kernel()(
                    matrix[start:stop],
                    columns_at,
                    limit,
                    *self.kernel,
                    *seen,
                    store[start:stop],
                    totals[start:stop],
                    keys_seen,
                    lost,
                )
            else:
                taken = None  # the numpy path's chunk
            if taken is not None:
                if taken >= 0 and narrowed:
                    return self.run(arrays, masks, count, index, narrow=False)
                if taken < 0:  # every cell scored; else the numpy path scores the chunk again
                    if np.bitwise_or.reduce(keys_seen):  # full or exclude: points stand, maxima change
                        if unit_keys is None:
                            unit_keys = np.zeros(count, np.uint64)
                        unit_keys[start:stop] = keys_seen
                        self._kernel_maxima(keys_seen, lost, maxima[start:stop], start)
                    continue
            if not numpy_ready:
                # Two chunk buffers, a third for gathered columns, and (row-major) room for the
                # four tiled parameters every framework needs (b, low, high, g); a and scale,
                # when not 1 and not one number, are allocated by _laid_out.
                buffers = 2 + (not direct) + 4 if self.row_major else 2
                y, z, *spare = _together([(shape, np.float64)] * buffers)
                x = spare.pop(0) if self.row_major and not direct else y
                self.tile_space = spare
                self._numpy_coefficients()
                numpy_ready = True
            scalar_cells: dict[int, BoolArray] = {}
            scale = self._sized(size)[0]
            # The grid: n = rint(A·10**k) stands for A exactly when n / 10**k reads back as A,
            # i.e. when n / 10**k − A is 0 (NaN for NaN and infinite A, caught the same way).
            if matrix is not None:
                ny, nz = y[:size], z[:size]
                if direct:
                    nx = matrix[start:stop]
                else:  # a row-major copy of the leaves' columns, in leaf order
                    nx = x[:size]
                    np.take(matrix[start:stop], positions, axis=1, out=nx, mode="clip")
                ys, zs = ny.T, nz.T
                np.multiply(nx, scale, out=ny)
                np.rint(ny, out=ny)
                np.divide(ny, scale, out=nz)
                np.subtract(nz, nx, out=nz)
            else:
                ny, nz = y[:, :size], z[:, :size]
                ys, zs = ny, nz
                for row, column in enumerate(columns):
                    if column.dtype.kind == "O":
                        missing = np.fromiter(
                            (_is_missing(value) for value in column[start:stop]), bool, size
                        )
                        ys[row] = np.where(missing, np.nan, 0.0)
                        scalar_cells[row] = ~missing
                    else:
                        np.multiply(column[start:stop], self.scales[row], out=ys[row])
                np.rint(ny, out=ny)
                np.divide(ny, scale, out=nz)
                for row, column in enumerate(columns):
                    if column.dtype.kind == "O":
                        zs[row] = ys[row]  # 0, or NaN where missing
                    else:
                        np.subtract(zs[row], column[start:stop], out=zs[row])
            for row, mask in masked_rows:
                np.copyto(ys[row], np.nan, where=mask[start:stop])
                np.copyto(zs[row], np.nan, where=mask[start:stop])
            # Values beyond the grid limit need no exact decimal: every formula clips them (the
            # plans keep their bounds below it).
            # Every clean cell's difference is +0.0 (x − x is +0.0), all bits 0: a bitwise OR of
            # the bits finds any other value (off the grid, NaN, ±inf) twice as fast as any().
            clean = not np.bitwise_or.reduce(nz.view(np.int64), axis=None)
            missing_cells: BoolArray | None = None
            if not clean:
                eq = zs == 0
                missing_cells = np.isnan(ys)
                originals = np.empty((leaves, size))
                for row, column in enumerate(columns):
                    if column.dtype.kind == "O":
                        originals[row] = ys[row]
                    else:
                        np.copyto(originals[row], column[start:stop], casting="unsafe")
                        np.copyto(originals[row], np.nan, where=missing_cells[row])
                self._off_grid(originals, ys, eq, missing_cells, scalar_cells)
            self._validate(ys, columns, start, scalar_cells)
            gaps: _Gaps = (_NO_UNITS, _NO_MAXIMA)
            saved: FloatArray | None = None
            if missing_cells is not None and missing_cells.any():
                units_with_gaps, keys, local_ids, first = self._patterns(missing_cells)
                masks_of_patterns = missing_cells[:, units_with_gaps[first]].T
                leaf_maxima, pattern_maxima = self._maxima(masks_of_patterns, start + units_with_gaps[first])
                gaps = (units_with_gaps, leaf_maxima[local_ids])
                chunk_keys.append(keys)
                chunk_masks.append(masks_of_patterns)
                gap_positions.append(start + units_with_gaps)
                gap_locals.append(local_ids)
                maxima[start + units_with_gaps] = pattern_maxima[local_ids]
                if self.rescaling:
                    saved = ys[:, units_with_gaps]
            self._compute(ny, ys, scalar_cells, missing_cells)
            if saved is not None:
                self._rescale(ys, saved, gaps, scalar_cells)
            for row, factor in self.plan.coarse_rows:  # a leaf's own places: to framework units
                ys[row] *= factor
            if missing_cells is not None:
                np.copyto(ys, fill, where=missing_cells)
            self._scalar(ys, columns, start, scalar_cells=scalar_cells, missing=missing_cells, gaps=gaps)
            total = summed[:size]
            # Sums of integers below 2**53 are exact in any order, so a BLAS product adds them.
            if self.row_major:
                np.copyto(store[start:stop], ny, casting="unsafe")
                np.matmul(ny, ones, out=total)
            else:
                np.copyto(store[:, start:stop], ny, casting="unsafe")
                np.matmul(ones, ny, out=total)
            totals[start:stop] = total
        if tables is not None:  # every unit's, in two look-ups (those with gaps redone by _grade)
            tables[0].take(totals, out=percentages, mode="clip")
            tables[1].take(totals, out=grades, mode="clip")
        pattern_ids: npt.NDArray[np.int32] | None = None
        pattern_masks = np.zeros((1, leaves), bool)
        if chunk_keys:  # global pattern ids (0: no leaf not applicable) from the chunks' own
            _, first_of, global_of = np.unique(
                np.concatenate(chunk_keys), return_index=True, return_inverse=True
            )
            pattern_masks = np.concatenate([pattern_masks, np.concatenate(chunk_masks)[first_of]])
            pattern_ids = np.zeros(count, np.int32)
            global_of = global_of.ravel()
            offset = 0
            for gap_units, local_ids, keys in zip(gap_positions, gap_locals, chunk_keys, strict=True):
                pattern_ids[gap_units] = global_of[offset : offset + keys.shape[0]][local_ids] + 1
                offset += keys.shape[0]
        gapped = None if pattern_ids is None else pattern_ids != 0
        if unit_keys is not None:
            gapped = unit_keys != 0 if gapped is None else gapped | (unit_keys != 0)
        self._grade(totals, maxima, percentages, grades, gapped, looked_up=tables is not None)
        return BatchResult(
            framework=self.framework,
            leaf_units=store if self.row_major else store.T,
            total_units=totals,
            maximum_units=maxima,
            percentage_units=percentages,
            grade_codes=grades,
            pattern_ids=pattern_ids,
            gap_keys=unit_keys,
            pattern_masks=pattern_masks,
            columns=arrays,
            masks=masks,
            index=index,
        )

    def _tables(self) -> tuple[IntArray, npt.NDArray[np.int8]] | None:
        """The percentage and grade of every possible total at the full maximum, if not too many.

        A total is a whole number of units from 0 to the maximum, so a chunk's percentages and
        grades are two look-ups (the units with not-applicable leaves are redone by `_grade`).
        """
        if self.plan.tables is not False:
            return self.plan.tables  # type: ignore[return-value]
        maximum = self.maximum
        made: tuple[IntArray, npt.NDArray[np.int8]] | None = None
        if maximum < _TABLE_LIMIT:
            possible = np.arange(maximum + 1, dtype=np.int64)
            table = ((possible * (200 * self.units) + maximum) // (2 * maximum)).astype(np.int32)
            made = table, self._grade_codes(table)
        self.plan.tables = made
        return made

    def _grade(
        self,
        totals: IntArray,
        maxima: IntArray,
        percentages: IntArray,
        grades: npt.NDArray[np.int8],
        gapped: BoolArray | None,
        *,
        looked_up: bool,
    ) -> None:
        """Percentages (得分率) and grades of the units `_tables` did not give."""
        maximum = self.maximum
        if not looked_up:
            for start in range(0, totals.shape[0], _BLOCK):
                block = slice(start, start + _BLOCK)
                percentages[block] = self._percentages(totals[block], float(maximum))
                grades[block] = self._grade_codes(percentages[block])
        if gapped is not None:  # units with not-applicable leaves, their own maximum
            gaps = np.flatnonzero(gapped)
            # Under full and rescale the maximum stays the framework's: only exclude's change.
            changed = gaps[maxima[gaps] != maximum]
            percentages[changed] = self._percentages(totals[changed], maxima[changed].astype(np.float64))
            grades[changed] = self._grade_codes(percentages[changed])
            if self.not_demonstrated is not None:
                grades[gaps] = self.not_demonstrated

    def _percentages(self, totals: IntArray, maxima: FloatArray | float) -> FloatArray:
        """``round_half_up(total × 100 ÷ maximum)`` in units: ``floor((200·U·t + m) / 2m)``, exact."""
        percentage = np.multiply(totals, float(200 * self.units), dtype=np.float64)
        percentage += maxima
        percentage /= np.multiply(maxima, 2)
        return np.floor(percentage, out=percentage)

    def _grade_codes(self, percentages: npt.NDArray[Any]) -> npt.NDArray[np.int8]:
        """Each percentage's grade: the number of grade minima reached picks it."""
        rank = np.zeros(percentages.shape, np.intp)
        for threshold in self.grade_thresholds[1:].tolist():  # the lowest grade starts at 0
            rank += percentages >= threshold
        codes: npt.NDArray[np.int8] = self.grade_of_rank[rank]
        return codes

    def _exact_at(self, row: int, k: int) -> bool:
        plan = self.plans[row]
        return plan.compute(k, plan.w_units, np.zeros(0)) is not None

    def _off_grid(
        self,
        xs: FloatArray,
        ys: FloatArray,
        eq: BoolArray,
        missing: BoolArray,
        scalar_cells: dict[int, BoolArray],
    ) -> None:
        """Find cells off their leaf's grid; widen the grid, or leave them to the scalar rule."""
        for row in range(len(self.plans)):
            bad = ~eq[row] & ~missing[row]
            bad |= np.isinf(ys[row])
            if not bad.any():
                continue
            widened = False
            for k in range(self.k[row] + 1, self.plans[row].k_max + 1):
                if not self._exact_at(row, k):
                    break
                scale = 10.0**k
                trial = np.rint(xs[row] * scale)
                fits = ((trial / scale == xs[row]) & np.isfinite(trial)) | missing[row]
                if fits.all():
                    self.k[row] = k
                    self._coefficients()
                    ys[row] = trial
                    widened = True
                    break
            if not widened:
                ys[row][bad] = 0.0  # a placeholder: the scalar rule scores these cells
                # No cell of this row is marked yet: object columns, the only ones marked before,
                # hold 0 or NaN here, which is always on the grid.
                scalar_cells[row] = bad

    def _validate(
        self, ys: FloatArray, columns: list[npt.NDArray[Any]], start: int, scalar_cells: dict[int, BoolArray]
    ) -> None:
        """Refuse values a rule cannot use (points above w, negative counts or rates…)."""
        for row in self.checked_rows:
            plan = self.plans[row]
            bad = plan.invalid(self.k[row], ys[row])
            if bad is None:
                continue
            cells = scalar_cells.get(row)
            if cells is not None:
                bad &= ~cells
            positions = np.flatnonzero(bad)
            if positions.size:
                at = start + int(positions[0])
                self._scalar_units(row, columns[row][at], int(self.leaf_weights[row]), at)  # raises
                raise ObservationError(plan.code, f"row {at}: cannot be used by the {plan.rule.kind} rule")

    def _kernel_in_threads(
        self,
        matrix: FloatArray,
        columns_at: npt.NDArray[np.intp],
        limit: float,
        store: npt.NDArray[Any],
        totals: IntArray,
    ) -> tuple[list[int], npt.NDArray[np.uint64], IntArray]:
        """Every chunk scored by the kernel, the chunks shared out among `threads` threads.

        Each thread takes a run of whole chunks and keeps its own table of not-applicable
        patterns; the chunks' outputs are disjoint slices, so no thread writes another's.

        Returns:
            What the kernel returned for each chunk, and each unit's key and lost points.
        """
        count, width, leaves = matrix.shape[0], self.width, len(self.plans)
        starts = list(range(0, count, width))
        taken = [0] * len(starts)
        keys = np.empty(count, np.uint64)
        lost = np.empty(count, np.int64)
        kernel, tables = _compiled.kernel(), self.kernel
        assert tables is not None

        def share(first: int, end: int) -> None:
            seen = _pattern_tables(leaves if self.kernel_rescales else 0)  # this thread's own
            for chunk in range(first, end):
                start = starts[chunk]
                stop = min(start + width, count)
                taken[chunk] = kernel(
                    matrix[start:stop],
                    columns_at,
                    limit,
                    *tables,
                    *seen,
                    store[start:stop],
                    totals[start:stop],
                    keys[start:stop],
                    lost[start:stop],
                )

        parts = min(self.threads, len(starts))
        bounds = [len(starts) * part // parts for part in range(parts + 1)]
        with concurrent.futures.ThreadPoolExecutor(parts) as pool:
            for done in [pool.submit(share, bounds[part], bounds[part + 1]) for part in range(parts)]:
                done.result()
        return taken, keys, lost

    def _kernel_maxima(
        self, keys: npt.NDArray[np.uint64], lost: IntArray, maxima: IntArray, start: int
    ) -> None:
        """The maxima of a chunk the kernel scored: ``exclude`` drops the lost points."""
        if self.framework.not_applicable != "exclude":  # rescale: checked by the kernel
            return
        every = np.uint64(2 ** len(self.plans) - 1)
        empty = np.flatnonzero(keys == every)
        if empty.size:
            raise ObservationError(
                "observations",
                f"row {start + int(empty[0])}: every indicator is not applicable: nothing is left to score",
            )
        np.subtract(self.maximum, lost, out=maxima, casting="unsafe")

    def _patterns(
        self, missing: BoolArray
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[Any], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Group the units with not-applicable leaves by which leaves they are (their pattern).

        Each unit's mask is bit-packed into a key (one integer up to 64 leaves, else bytes), and
        the distinct keys are found by one sort: no Python loop over units or patterns.

        Returns:
            The units with gaps, the distinct keys, each unit's index among them, and the first
            unit (index into the units with gaps) of each.
        """
        units = np.flatnonzero(missing.any(axis=0))
        packed = np.packbits(missing[:, units], axis=0)  # (bytes, units)
        if packed.shape[0] <= 8:
            keys: npt.NDArray[Any] = np.zeros(units.shape[0], np.uint64)
            for byte in range(packed.shape[0]):
                keys |= packed[byte].astype(np.uint64) << np.uint64(8 * byte)
        else:
            keys = np.ascontiguousarray(packed.T).view(np.dtype((np.void, packed.shape[0]))).ravel()
        distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        return units, distinct, inverse.ravel(), first

    def _maxima(self, masks: BoolArray, rows: npt.NDArray[np.intp]) -> tuple[npt.NDArray[np.int64], IntArray]:
        """Every pattern's leaf maxima (-1: dropped) and maximum, as `applicable_maxima` gives them.

        Vectorised over patterns: per indicator, not per pattern. Under ``rescale`` each parent's
        maximum is handed down to its applicable children by the largest-remainder rule
        (最大余额法), ties to the earlier child, in int64.

        Args:
            masks: ``(patterns, leaves)``: which leaves are not applicable.
            rows: A unit of each pattern (its row, for the error message).

        Raises:
            ObservationError: A pattern leaves nothing to score (``rescale``, ``exclude``).
        """
        count = masks.shape[0]
        policy = self.framework.not_applicable
        weights = self.leaf_weights
        if policy == "full":
            return np.broadcast_to(weights, masks.shape).copy(), np.full(count, self.maximum, np.int64)
        applicable: dict[str, BoolArray] = {}
        for indicator, _ in reversed(list(self.framework.walk())):  # children before parents
            if indicator.is_leaf:
                applicable[indicator.code] = ~masks[:, self.column_of[indicator.code]]
            else:
                applicable[indicator.code] = np.logical_or.reduce(
                    [applicable[child.code] for child in indicator.children]
                )
        empty = ~np.logical_or.reduce([applicable[top.code] for top in self.framework.indicators])
        if empty.any():
            row = int(rows[int(np.flatnonzero(empty)[0])])
            raise ObservationError(
                "observations", f"row {row}: every indicator is not applicable: nothing is left to score"
            )
        if policy == "exclude":
            leaf_maxima = np.where(masks, -1, weights).astype(np.int64)
            return leaf_maxima, np.where(masks, 0, weights).sum(axis=1, dtype=np.int64)
        leaf_maxima = np.full(masks.shape, -1, np.int64)
        if not self._allocate(
            np.full(count, self.maximum, np.int64), self.framework.indicators, applicable, leaf_maxima
        ):
            return self._maxima_one_by_one(masks, rows)
        return leaf_maxima, np.full(count, self.maximum, np.int64)

    def _allocate(
        self,
        totals: IntArray,
        siblings: Sequence[Any],
        applicable: dict[str, BoolArray],
        leaf_maxima: npt.NDArray[np.int64],
    ) -> bool:
        """`largest_remainder` of each pattern's total among its applicable siblings, then down.

        Returns:
            ``False`` when the integers could overflow int64 (then nothing is to be trusted).
        """
        decimals = max(_decimals_of(sibling.points) for sibling in siblings)
        weights = [int(sibling.points.scaleb(decimals)) for sibling in siblings]
        if (int(totals.max()) + 1) * (sum(weights) + 1) >= 2**62:
            return False
        kept = np.stack([applicable[sibling.code] for sibling in siblings], axis=1)
        held = np.where(kept, np.array(weights, np.int64), 0)
        weight_sum = held.sum(axis=1)
        product = totals[:, None] * held
        divisor = np.maximum(weight_sum, 1)[:, None]  # 0 only where the parent is dropped
        shares, remainders = np.divmod(product, divisor)
        missing = totals - shares.sum(axis=1)
        # Largest remainder first, ties to the earlier sibling; dropped siblings last.
        order = np.argsort(np.where(kept, -remainders, 1), axis=1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(len(siblings))[None, :], axis=1)
        shares += (rank < missing[:, None]) & kept
        for position, sibling in enumerate(siblings):
            share = np.where(kept[:, position], shares[:, position], 0)
            if sibling.is_leaf:
                column = self.column_of[sibling.code]
                leaf_maxima[:, column] = np.where(kept[:, position], share, -1)
            elif not self._allocate(share, sibling.children, applicable, leaf_maxima):
                return False
        return True

    def _maxima_one_by_one(
        self, masks: BoolArray, rows: npt.NDArray[np.intp]
    ) -> tuple[npt.NDArray[np.int64], IntArray]:
        """`_maxima` by `applicable_maxima`, pattern by pattern (points too large for int64)."""
        places = self.places
        leaf_maxima = np.full(masks.shape, -1, np.int64)
        totals = np.empty(masks.shape[0], np.int64)
        for pattern in range(masks.shape[0]):
            codes = frozenset(self.plans[row].code for row in np.flatnonzero(masks[pattern]).tolist())
            try:
                maxima = applicable_maxima(self.framework, codes)
            except PerfscoreError as error:
                raise ObservationError(error.field, f"row {int(rows[pattern])}: {error.message}") from None
            top = sum(
                (maxima[indicator.code] or Decimal(0) for indicator in self.framework.indicators), Decimal(0)
            )
            totals[pattern] = int(round_half_up(top, places).scaleb(places))
            for row, plan in enumerate(self.plans):
                value = maxima[plan.code]
                if value is not None:
                    leaf_maxima[pattern, row] = int(value.scaleb(places))
        return leaf_maxima, totals

    def _all_scalar(
        self, row: int, size: int, scalar_cells: dict[int, BoolArray], missing: BoolArray | None
    ) -> None:
        scalar_cells[row] = np.ones(size, bool) if missing is None else ~missing[row]

    def _compute(
        self, ny: FloatArray, ys: FloatArray, scalar_cells: dict[int, BoolArray], missing: BoolArray | None
    ) -> None:
        """Every leaf's points at its own maximum: one pass per operation over the whole chunk."""
        size = ys.shape[1]
        _, a, b, low, high, g = self._sized(size)
        if self.multiplies:
            np.multiply(ny, a, out=ny)
        np.add(ny, b, out=ny)
        np.maximum(ny, low, out=ny)
        np.minimum(ny, high, out=ny)
        if self.reciprocal:
            np.multiply(ny, g, out=ny)
        else:
            np.divide(ny, g, out=ny)
        np.floor(ny, out=ny)
        self._families(ny)  # still n there: the identity passed it through
        for row in self.scalar_rows:
            self._all_scalar(row, size, scalar_cells, missing)

    def _rescale(
        self, ys: FloatArray, saved: FloatArray, gaps: _Gaps, scalar_cells: dict[int, BoolArray]
    ) -> None:
        """Leaves whose maximum a not-applicable sibling changed: round(exact × m ÷ w), per cell."""
        units, leaf_maxima = gaps
        for row, plan in enumerate(self.plans):
            column = leaf_maxima[:, row]
            members = np.flatnonzero((column != plan.w_units) & (column >= 0))
            if not members.size:
                continue
            result = plan.rescaled(self.k[row], column[members], saved[row, members])
            if result is None:
                cells = scalar_cells.setdefault(row, np.zeros(ys.shape[1], bool))
                cells[units[members]] = True
            else:
                ys[row, units[members]] = result

    def _scalar(
        self,
        ys: FloatArray,
        columns: list[npt.NDArray[Any]],
        start: int,
        *,
        scalar_cells: dict[int, BoolArray],
        missing: BoolArray | None,
        gaps: _Gaps,
    ) -> None:
        """Cells the integer formulas do not cover, scored by the scalar rule itself."""
        if not scalar_cells:
            return
        units, leaf_maxima = gaps
        gap_of = np.full(ys.shape[1], -1, np.intp)
        gap_of[units] = np.arange(units.shape[0])
        for row, given in scalar_cells.items():
            cells = given if missing is None else given & ~missing[row]
            for position in np.flatnonzero(cells).tolist():
                gap = int(gap_of[position])
                maximum = int(self.leaf_weights[row]) if gap < 0 else int(leaf_maxima[gap, row])
                ys[row, position] = self._scalar_units(
                    row, columns[row][start + position], maximum, start + position
                )

    def _scalar_units(self, row: int, raw: object, maximum: int, at: int) -> int:
        """One cell by the scalar rule, exactly as `perfscore.scoring.score` scores it.

        ``maximum`` and the points returned are in the framework's units; the rule rounds to the
        leaf's own places (rescaled maxima, on the framework's grid, only come with leaves that
        have none: Framework refuses ``rescale`` with per-row places).
        """
        plan = self.plans[row]
        places = plan.places
        try:
            value: object = self.framework[plan.code].observe(raw)  # "92%" as Framework.score reads it
            if isinstance(plan.rule, Qualitative):
                value = (implied_tier(_assessed(raw, plan.code), plan.points, plan.rule, places), raw)
            award = plan.rule.score(value, plan.points, places=places, field=plan.code)
        except PerfscoreError as error:
            raise ObservationError(error.field or plan.code, f"row {at}: {error.message}") from None
        points = award.points
        if maximum != self.leaf_weights[row]:
            rescaled = Decimal(maximum).scaleb(-self.places, context=exact_context())
            points = round_half_up(
                divide(exact_context().multiply(award.exact, rescaled), plan.points), self.places
            )
        return int(points.scaleb(self.places, context=exact_context()))


def score_batch(
    framework: Framework,
    columns: object,
    *,
    not_applicable: Mapping[str, object] | None = None,
    chunk_size: int | None = None,
    threads: int = 1,
) -> BatchResult:
    """Score many units at once; see `perfscore.Framework.score_batch`.

    Args:
        framework: The framework.
        columns: Leaf codes to columns of observations, or a pandas DataFrame.
        not_applicable: Leaf codes to boolean masks (``True``: not applicable for that unit).
        chunk_size: Units scored together; by default `DEFAULT_CHUNK_CELLS` cells (leaves ×
            units), at most `DEFAULT_CHUNK_SIZE` units.
        threads: Threads among which the compiled kernel's chunks are shared out (numba's
            kernel releases the GIL), at most one per chunk. Used when the kernel reads the
            input as it lies: columns that are views of one float matrix (`_shared_matrix`:
            a 2-D array's columns, a DataFrame's block), with no masks. Otherwise, and for
            chunks the kernel refuses, one thread (the numpy path).

    Returns:
        The results.

    Raises:
        ObservationError: Missing, unknown or mismatched columns, or a value a rule cannot
            use; the message names the code and the first bad row.
        FrameworkError: The framework's maximum is too large for exact float64 integers.
    """
    if chunk_size is None:
        chunk_size = max(
            1, min(DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_CELLS // len(compiled_plan(framework).codes))
        )
    elif not _whole(chunk_size):
        raise ObservationError("chunk_size", f"must be a whole number ≥ 1, got {chunk_size!r}")
    if not _whole(threads):
        raise ObservationError("threads", f"must be a whole number ≥ 1, got {threads!r}")
    arrays, masks, count, index = _normalise(
        framework, compiled_plan(framework).codes, columns, not_applicable
    )
    # Overflow of absurd floats (1e308 × 100) and NaN arithmetic are expected and handled: those
    # cells are not-applicable or go to the scalar rule, which refuses or scores them exactly.
    # Decimal set-up arithmetic runs in the exact context, whatever the caller's context says.
    with np.errstate(all="ignore"), decimal.localcontext(exact_context()):
        return _Engine(framework, int(chunk_size), int(threads)).run(arrays, masks, count, index)


def _pattern_tables(leaves: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """The kernel's empty table of not-applicable patterns and their leaf maxima (`seen`).

    ``2**SEEN_BITS`` slots of ``leaves`` maxima; one slot of one when the kernel does not rescale
    (``leaves`` 0). Pages are committed only where written, so an unused table costs little.
    """
    slots = 2**_compiled.SEEN_BITS if leaves else 1
    return np.zeros(slots, np.uint64), np.empty((slots, max(leaves, 1)), np.int64)


def _whole(value: object) -> bool:
    """Whether ``value`` is a whole number ≥ 1: an int or a numpy integer, not a bool."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool) and bool(value >= 1)


def _frame_columns(framework: Framework) -> list[str]:
    return [leaf.code for leaf in framework.leaves()] + list(SUMMARY_COLUMNS)


def frame_meta(framework: Framework, *, exact: bool = False) -> Any:
    """An empty DataFrame shaped like `BatchResult.to_frame`'s (Dask's ``meta``).

    Args:
        framework: The framework.
        exact: As in [`BatchResult.to_frame`][perfscore.batch._engine.BatchResult.to_frame].

    Returns:
        An empty ``pandas.DataFrame`` with the result's columns and dtypes.
    """
    pd = _pandas("frame_meta")
    dtype = object if exact else np.float64
    data = {name: pd.Series([], dtype=dtype) for name in _frame_columns(framework)}
    scheme = framework.grades
    labels = [grade.label for grade in scheme.grades]
    if scheme.not_demonstrated is not None:
        labels.append(scheme.not_demonstrated)
    data["grade"] = pd.Series(pd.Categorical([], categories=labels))
    return pd.DataFrame(data)


def score_frame(frame: Any, framework: Framework, *, exact: bool = False) -> Any:
    """Score a pandas DataFrame of observations and return the result as a DataFrame.

    The function to hand to ``dask.dataframe.DataFrame.map_partitions``: each partition is
    scored on its own, and since every unit's score depends on its own row only, the partitions'
    results are exactly those of one in-memory call.

    Args:
        frame: Observations, one column per leaf code.
        framework: The framework.
        exact: As in [`BatchResult.to_frame`][perfscore.batch._engine.BatchResult.to_frame].

    Returns:
        [`BatchResult.to_frame`][perfscore.batch._engine.BatchResult.to_frame] of the partition, with its row
        labels.
    """
    return framework.score_batch(frame).to_frame(exact=exact)


def score_dask(framework: Framework, frame: Any, *, exact: bool = False) -> Any:
    """Score a Dask DataFrame partition by partition (lazy; call ``.compute()``).

    Args:
        framework: The framework.
        frame: A ``dask.dataframe.DataFrame`` with one column per leaf code.
        exact: As in [`BatchResult.to_frame`][perfscore.batch._engine.BatchResult.to_frame].

    Returns:
        A Dask DataFrame shaped like [`BatchResult.to_frame`][perfscore.batch._engine.BatchResult.to_frame].
    """
    return frame.map_partitions(score_frame, framework, exact=exact, meta=frame_meta(framework, exact=exact))
