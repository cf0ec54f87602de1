"""Indicator weights (指标权重): AHP (层次分析法), entropy (熵权法), CRITIC, and weights into points.

* [`ahp`][perfscore.weights.ahp] — the analytic hierarchy process: weights from a reciprocal pairwise
  comparison matrix (判断矩阵), with Saaty's consistency ratio (一致性比率 CR).
* [`entropy`][perfscore.weights.entropy] — the entropy weight method: criteria whose values vary more across
  the units evaluated carry more information and get more weight.
* [`critic`][perfscore.weights.critic] — CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995): contrast (standard
  deviation) times conflict (1 − correlation) with the other criteria.
* [`allocate_points`][perfscore.weights.allocate_points] — weights into indicator points (分值) that add up
  exactly to the parent's points at the framework's places (largest-remainder rounding).

Weights are real numbers by nature (an eigenvector, a logarithm), so the first three work in
``float64`` with numpy and return numpy arrays. Points are exact:
[`allocate_points`][perfscore.weights.allocate_points] reads each weight through
[`perfscore.numbers.to_decimal`][perfscore.numbers.to_decimal] (a float through its ``repr``, the shortest
decimal that round-trips) and computes with exact rationals from there.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal, overload

import attrs
import numpy as np
import numpy.typing as npt

from perfscore._matrices import FloatArray, float_table, to_float
from perfscore.allocation import largest_remainder
from perfscore.errors import DomainError, WeightsError, describe
from perfscore.numbers import check_places, to_decimal

__all__ = [
    "ACCEPTABLE_CONSISTENCY_RATIO",
    "RANDOM_INDEX",
    "AhpResult",
    "CriticResult",
    "EntropyResult",
    "ahp",
    "allocate_points",
    "critic",
    "entropy",
]

RANDOM_INDEX: Final[tuple[float, ...]] = (
    0.0,
    0.0,
    0.58,
    0.90,
    1.12,
    1.24,
    1.32,
    1.41,
    1.45,
    1.49,
    1.51,
    1.48,
    1.56,
    1.57,
    1.59,
)
"""Saaty's random consistency index RI for n = 1 … 15 (``RANDOM_INDEX[n - 1]``)."""
ACCEPTABLE_CONSISTENCY_RATIO: Final = 0.10
"""Saaty's rule: a matrix is acceptably consistent when CR < 0.10."""

RECIPROCAL_TOLERANCE: Final = 1e-9
"""How far ``a`i` * a`j``` may stray from 1 (float noise, not a typing slip like 0.33 for 1/3)."""
MAX_JUDGEMENT: Final = 1e6
"""Pairwise judgements must lie in [1/MAX_JUDGEMENT, MAX_JUDGEMENT] (Saaty's scale is 1/9 … 9)."""

AhpMethod = Literal["eigenvector", "geometric_mean"]
Normalization = Literal["minmax", "ratio"]

# Underflow of tiny shares is harmless; overflow or 0/0 would be a wrong answer.
_ERRSTATE: Final = {"over": "raise", "divide": "raise", "invalid": "raise", "under": "ignore"}


def _frozen(array: FloatArray) -> FloatArray:
    result = np.array(array, dtype=np.float64, copy=True)
    result.flags.writeable = False
    return result


# --------------------------------------------------------------------------------------- AHP


@attrs.frozen(eq=False)
class AhpResult:
    """The result of [`ahp`][perfscore.weights.ahp] (层次分析法结果).

    Attributes:
        weights: The priority vector (权重向量), a read-only numpy array summing to 1, in the
            order of ``labels`` (or of the matrix rows).
        lambda_max: The principal eigenvalue λmax (最大特征根); for the geometric-mean method, the
            usual estimate ``mean((A·w)_i / w_i)``.
        consistency_index: CI = (λmax − n) / (n − 1) (一致性指标); 0 when n ≤ 2.
        consistency_ratio: CR = CI / RI with Saaty's random index (一致性比率); 0 when n ≤ 2.
        threshold: CR must be below this to be acceptable.
        method: ``"eigenvector"`` or ``"geometric_mean"``.
        labels: The criteria names in order, or ``None`` when the matrix was given unnamed.
        matrix: The pairwise comparison matrix as used (read-only, float).
    """

    weights: FloatArray
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    threshold: float
    method: AhpMethod
    labels: tuple[str, ...] | None
    matrix: FloatArray

    @property
    def acceptable(self) -> bool:
        """Whether the judgements are acceptably consistent (通过一致性检验): CR < threshold."""
        return self.consistency_ratio < self.threshold

    def weight(self, label: str) -> float:
        """The weight of one criterion, by label.

        Args:
            label: A criterion name from `labels`.

        Returns:
            Its weight.

        Raises:
            WeightsError: The criteria have no labels, or ``label`` is not one of them.
        """
        return self.as_dict()[_known_label(self.labels, label)]

    def as_dict(self) -> dict[str, float]:
        """The weights by label, in order.

        Raises:
            WeightsError: The matrix was given without labels.
        """
        if self.labels is None:
            raise WeightsError("labels", "the matrix was given without labels; pass labels= to ahp()")
        return {label: float(value) for label, value in zip(self.labels, self.weights, strict=True)}


def _known_label(labels: tuple[str, ...] | None, label: str) -> str:
    if labels is None:
        raise WeightsError("labels", "the matrix was given without labels; pass labels= to ahp()")
    if label not in labels:
        raise WeightsError("label", f"{describe(label)} is not one of the criteria {list(labels)}")
    return label


def _labels(labels: object, field: str) -> tuple[str, ...]:
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Iterable):
        raise WeightsError(field, f"must be a sequence of names, got {describe(labels)}")
    names = tuple(labels)
    for index, name in enumerate(names):
        if not isinstance(name, str) or not name.strip():
            raise WeightsError(f"{field}[{index}]", f"must be a non-empty name, got {describe(name)}")
    if len(set(names)) != len(names):
        duplicates = sorted({name for name in names if names.count(name) > 1})
        raise WeightsError(field, f"names must be distinct, repeated: {duplicates}")
    return names


def _pairs_matrix(pairs: Mapping[object, object], labels: object) -> tuple[FloatArray, tuple[str, ...]]:
    judgements: dict[tuple[str, str], float] = {}
    seen: list[str] = []
    for key, value in pairs.items():
        field = f"pairs[{key!r}]"
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(name, str) for name in key)):
            raise WeightsError(field, "keys must be pairs of criterion names such as ('产出', '效益')")
        first, second = key
        for name in key:
            if not name.strip():
                raise WeightsError(field, "criterion names must not be empty")
            if name not in seen:
                seen.append(name)
        judgements[(first, second)] = to_float(value, field)
    names = tuple(seen) if labels is None else _labels(labels, "labels")
    if set(names) != set(seen):
        missing = [name for name in seen if name not in names]
        extra = [name for name in names if name not in seen]
        raise WeightsError(
            "labels",
            f"must name exactly the criteria in pairs; not in labels: {missing}, not in pairs: {extra}",
        )
    size = len(names)
    matrix = np.ones((size, size), dtype=np.float64)
    for row, first in enumerate(names):
        for column, second in enumerate(names):
            if row == column:
                if (first, first) in judgements:
                    matrix[row, column] = judgements[(first, first)]  # checked to be 1 below
                continue
            if (first, second) in judgements:
                matrix[row, column] = judgements[(first, second)]
            elif (second, first) in judgements:
                reverse = judgements[(second, first)]
                if reverse <= 0:
                    raise WeightsError(
                        f"pairs[{(second, first)!r}]", f"must be greater than 0, got {reverse}"
                    )
                matrix[row, column] = 1.0 / reverse
            elif row < column:
                raise WeightsError("pairs", f"missing the comparison of {first!r} with {second!r}")
    return matrix, names


def _check_pairwise(matrix: FloatArray, field: str) -> None:
    size = matrix.shape[0]
    for row in range(size):
        for column in range(size):
            value = float(matrix[row, column])
            where = f"{field}[{row}][{column}]"
            if not value > 0:
                raise WeightsError(where, f"must be greater than 0, got {value!r}")
            if not 1 / MAX_JUDGEMENT <= value <= MAX_JUDGEMENT:
                raise WeightsError(where, f"must lie between 1e-6 and 1e6, got {value!r}")
            if row == column and abs(value - 1) > RECIPROCAL_TOLERANCE:
                raise WeightsError(where, f"a criterion compared with itself must be 1, got {value!r}")
    for row in range(size):
        for column in range(row + 1, size):
            upper, lower = float(matrix[row, column]), float(matrix[column, row])
            if abs(upper * lower - 1) > RECIPROCAL_TOLERANCE:
                raise WeightsError(
                    f"{field}[{column}][{row}]",
                    f"must be the reciprocal of {field}[{row}][{column}] = {upper!r} "
                    f"(1/{upper!r}), got {lower!r}; write fractions exactly, e.g. '1/3'",
                )


def _principal_eigenvector(matrix: FloatArray) -> tuple[FloatArray, float]:
    try:
        with np.errstate(**_ERRSTATE):  # type: ignore[arg-type]
            values, vectors = np.linalg.eig(matrix)
    except (np.linalg.LinAlgError, FloatingPointError) as error:  # pragma: no cover - defensive
        raise WeightsError("matrix", f"the eigenvalue computation failed: {error}") from None
    index = int(np.argmax(values.real))
    value = complex(values[index])
    # Perron–Frobenius: a positive matrix has a real, simple principal eigenvalue with a positive
    # eigenvector. Anything else means the arithmetic went wrong, and we say so.
    if abs(value.imag) > 1e-9 * max(1.0, abs(value.real)):  # pragma: no cover - defensive
        raise WeightsError("matrix", f"the principal eigenvalue is not real: {value}")
    vector = np.asarray(vectors[:, index])
    vector = vector / vector.sum()
    if np.iscomplexobj(vector):
        if float(np.max(np.abs(vector.imag))) > 1e-9:  # pragma: no cover - defensive
            raise WeightsError("matrix", "the principal eigenvector is not real")
        vector = vector.real
    weights = np.asarray(vector, dtype=np.float64)
    if not bool(np.all(weights > 0)):  # pragma: no cover - defensive
        raise WeightsError("matrix", "the principal eigenvector is not positive")
    return weights / weights.sum(), value.real


def _geometric_mean_weights(matrix: FloatArray) -> tuple[FloatArray, float]:
    means = np.exp(np.log(matrix).mean(axis=1))
    weights = means / means.sum()
    estimate = float(np.mean((matrix @ weights) / weights))
    return weights, estimate


def ahp(
    matrix: object,
    *,
    labels: Sequence[str] | None = None,
    method: AhpMethod = "eigenvector",
    threshold: float = ACCEPTABLE_CONSISTENCY_RATIO,
) -> AhpResult:
    """Weights from a pairwise comparison matrix (层次分析法, analytic hierarchy process).

    ``matrix`i``` says how much more important criterion ``i`` is than criterion ``j`` on
    Saaty's 1–9 scale (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more
    important; 1/3 … 1/9 the reverse). The matrix must be positive and reciprocal
    (``matrix`j` == 1 / matrix`i```, ones on the diagonal).

    Args:
        matrix: A square table (numpy array or nested sequences; entries may be numbers or text
            such as ``"1/3"``), or a mapping of pairs such as ``{("产出", "效益"): 3}`` meaning
            产出 is 3 times as important as 效益. A mapping must compare every pair of criteria
            once (the reverse is implied) or twice (then reciprocally); the criteria are ordered
            as they first appear unless ``labels`` orders them.
        labels: Names of the criteria in order: for a table, its rows; for a mapping, the order
            of the result.
        method: ``"eigenvector"`` (Saaty's principal eigenvector, the default) or
            ``"geometric_mean"`` (normalised row geometric means, 几何平均法/方根法).
        threshold: The consistency ratio must be below this to be acceptable (Saaty: 0.10).

    Returns:
        An [`AhpResult`][perfscore.weights.AhpResult]: weights, λmax, CI, CR and whether CR is acceptable.

    Raises:
        WeightsError: The matrix is not square, has more than 15 rows (Saaty's RI is tabulated
            to 15), or an entry is not a finite positive number, not 1 on the diagonal or not the
            reciprocal of its mirror — the message names the entry; a mapping misses a pair; the
            labels do not fit; ``method`` or ``threshold`` is not valid.

    Examples:
        >>> result = ahp({("产出", "效益"): 3, ("产出", "满意度"): 5, ("效益", "满意度"): 2})
        >>> result.labels
        ('产出', '效益', '满意度')
        >>> [round(float(w), 3) for w in result.weights]
        [0.648, 0.23, 0.122]
        >>> round(result.consistency_ratio, 4), result.acceptable
        (0.0032, True)
    """
    if method not in ("eigenvector", "geometric_mean"):
        raise WeightsError("method", f"must be 'eigenvector' or 'geometric_mean', got {describe(method)}")
    limit: object = threshold
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not 0 < limit < math.inf:
        raise WeightsError("threshold", f"must be a finite number greater than 0, got {describe(threshold)}")
    names: tuple[str, ...] | None
    if isinstance(matrix, Mapping):
        if not matrix:
            raise WeightsError("pairs", "must compare at least one pair of criteria")
        array, names = _pairs_matrix(matrix, labels)
        field = "matrix"
    else:
        array = float_table(matrix, "matrix", ndim=2)
        field = "matrix"
        names = None if labels is None else _labels(labels, "labels")
    rows, columns = array.shape
    if rows != columns:
        raise WeightsError(field, f"must be square, got {rows} rows and {columns} columns")
    if rows == 0:
        raise WeightsError(field, "must compare at least one criterion")
    if rows > len(RANDOM_INDEX):
        raise WeightsError(
            field, f"has {rows} criteria; Saaty's random index is tabulated for at most {len(RANDOM_INDEX)}"
        )
    if names is not None and len(names) != rows:
        raise WeightsError("labels", f"must name all {rows} criteria, got {len(names)} names")
    _check_pairwise(array, field)
    size = rows
    if method == "eigenvector":
        weights, lambda_max = _principal_eigenvector(array)
    else:
        weights, lambda_max = _geometric_mean_weights(array)
    if size <= 2:
        # Every reciprocal matrix of order ≤ 2 is consistent and RI is 0: CR is 0 by definition.
        lambda_max, index, ratio = float(size), 0.0, 0.0
    else:
        # λmax ≥ n for a positive reciprocal matrix; a hair below n is rounding, not inconsistency.
        index = max(0.0, (lambda_max - size) / (size - 1))
        ratio = index / RANDOM_INDEX[size - 1]
    return AhpResult(
        weights=_frozen(weights),
        lambda_max=float(lambda_max),
        consistency_index=float(index),
        consistency_ratio=float(ratio),
        threshold=float(threshold),
        method=method,
        labels=names,
        matrix=_frozen(array),
    )


# ---------------------------------------------------------------------- entropy and CRITIC


@attrs.frozen(eq=False)
class EntropyResult:
    """The result of `entropy` (熵权法结果).

    Attributes:
        weights: The entropy weights (熵权), one per column, summing to 1 (read-only array).
        entropy: The information entropy ``e_j`` of each column (信息熵), in [0, 1]; 1 for a
            constant column.
        divergence: ``d_j = 1 − e_j`` (信息效用值/差异系数); 0 for a constant column.
    """

    weights: FloatArray
    entropy: FloatArray
    divergence: FloatArray


@attrs.frozen(eq=False)
class CriticResult:
    """The result of [`critic`][perfscore.weights.critic].

    Attributes:
        weights: The CRITIC weights, one per column, summing to 1 (read-only array).
        contrast: The standard deviation ``σ_j`` of each normalised column (对比强度); 0 for a
            constant column.
        information: ``C_j = σ_j · Σ_k (1 − r_jk)`` (信息量), over the columns that vary.
    """

    weights: FloatArray
    contrast: FloatArray
    information: FloatArray


def _data(matrix: object, cost: Iterable[int]) -> tuple[FloatArray, frozenset[int]]:
    data = float_table(matrix, "matrix", ndim=2)
    rows, columns = data.shape
    if rows < 2:
        raise WeightsError("matrix", f"needs at least 2 rows (units evaluated), got {rows}")
    if columns < 1:
        raise WeightsError("matrix", "needs at least 1 column (criterion)")
    if isinstance(cost, (str, bytes)) or not isinstance(cost, Iterable):
        raise WeightsError("cost", f"must be a collection of column indices, got {describe(cost)}")
    chosen: set[int] = set()
    for position, column in enumerate(cost):
        if isinstance(column, bool) or not isinstance(column, (int, np.integer)):
            raise WeightsError(f"cost[{position}]", f"must be a column index, got {describe(column)}")
        if not 0 <= int(column) < columns:
            raise WeightsError(
                f"cost[{position}]", f"must be a column index from 0 to {columns - 1}, got {column}"
            )
        chosen.add(int(column))
    return data, frozenset(chosen)


def _constant_columns(data: FloatArray) -> np.ndarray[tuple[int], np.dtype[np.bool_]]:
    result: np.ndarray[tuple[int], np.dtype[np.bool_]] = np.all(data == data[0], axis=0)
    return result


def _minmax(data: FloatArray, cost: frozenset[int], constant: np.ndarray) -> FloatArray:
    """Benefit columns to (x − min)/(max − min), cost columns to (max − x)/(max − min); constant → 0."""
    low, high = data.min(axis=0), data.max(axis=0)
    span = np.where(constant, 1.0, high - low)
    scaled = (data - low) / span
    for column in cost:
        scaled[:, column] = (high[column] - data[:, column]) / span[column]
    scaled[:, constant] = 0.0
    return np.asarray(scaled, dtype=np.float64)


def entropy(
    matrix: object, *, cost: Iterable[int] = (), normalization: Normalization = "minmax"
) -> EntropyResult:
    """Entropy weights (熵权法): more dispersion across units, more weight.

    ``matrix`` has one row per unit evaluated (评价对象) and one column per criterion (指标).
    Each column is turned into shares ``p_ij`` (see ``normalization``); its entropy is
    ``e_j = −(1/ln m) Σ_i p_ij ln p_ij`` (with ``0 · ln 0 = 0``, m the number of rows), its
    divergence ``d_j = 1 − e_j``, and its weight ``w_j = d_j / Σ_k d_k``.

    Args:
        matrix: A table (numpy array or nested sequences) of finite numbers, at least 2 rows.
        cost: Indices of cost criteria (成本型/负向指标, smaller is better). Under ``"minmax"``
            they are normalised as ``(max − x)/(max − min)``; under ``"ratio"`` the shares are
            taken of ``1/x`` (every entry must then be > 0).
        normalization: ``"minmax"`` (the default, usual in 绩效评价 work): benefit columns become
            ``(x − min)/(max − min)``, then shares of the column sum; any real values allowed.
            ``"ratio"`` (Zeleny; Hwang & Yoon): shares ``x / Σx`` of the raw values, which must
            be ≥ 0.

    Returns:
        An [`EntropyResult`][perfscore.weights.EntropyResult] with the weights, entropies and divergences.

    Raises:
        WeightsError: The matrix is not a table of finite numbers with at least 2 rows; a
            ``"ratio"`` column has a negative entry (or a cost column a zero); a cost index is
            not a column; every column is constant (the data carry no information).

    Notes:
        A constant column — all values equal, including an all-zero column — carries no
        information: its entropy is 1, its divergence and weight 0, and the other weights are
        what they would be without it. Scaling a column by a positive factor does not change the
        weights (and under ``"minmax"``, neither does shifting it).

    Examples:
        >>> result = entropy([[1, 10], [2, 10], [3, 40]])
        >>> [round(float(w), 4) for w in result.weights]
        [0.2961, 0.7039]
    """
    if normalization not in ("minmax", "ratio"):
        raise WeightsError("normalization", f"must be 'minmax' or 'ratio', got {describe(normalization)}")
    data, costs = _data(matrix, cost)
    rows = data.shape[0]
    constant = _constant_columns(data)
    try:
        with np.errstate(**_ERRSTATE):  # type: ignore[arg-type]
            if normalization == "minmax":
                values = _minmax(data, costs, constant)
            else:
                values = _ratio_values(data, costs)
            sums = values.sum(axis=0)
            safe = np.where(constant | (sums == 0), 1.0, sums)
            shares = values / safe
            logs = np.zeros_like(shares)
            positive = shares > 0
            logs[positive] = shares[positive] * np.log(shares[positive])
            entropies = 0.0 - logs.sum(axis=0) / math.log(rows)  # 0.0 - x: no "-0.0"
    except FloatingPointError:
        raise WeightsError("matrix", "values are too large to normalise in floating point") from None
    entropies[constant] = 1.0
    # e_j ≤ 1 in exact arithmetic; rounding can push it a hair above.
    entropies = np.minimum(entropies, 1.0)
    divergence = 1.0 - entropies
    total = float(divergence.sum())
    if not total > 0:
        raise WeightsError("matrix", "every column is constant: the data carry no information to weight by")
    return EntropyResult(
        weights=_frozen(divergence / total), entropy=_frozen(entropies), divergence=_frozen(divergence)
    )


def _ratio_values(data: FloatArray, costs: frozenset[int]) -> FloatArray:
    negative = np.argwhere(data < 0)
    if negative.size:
        row, column = (int(position) for position in negative[0])
        raise WeightsError(
            f"matrix[{row}][{column}]",
            f"must be ≥ 0 for normalization='ratio', got {data[row, column]!r}; use 'minmax' for signed data",
        )
    values = data.copy()
    for column in sorted(costs):
        zeros = np.argwhere(data[:, column] == 0)
        if zeros.size:
            row = int(zeros[0][0])
            raise WeightsError(
                f"matrix[{row}][{column}]",
                "must be > 0 in a cost column under normalization='ratio' (shares of 1/x)",
            )
        values[:, column] = 1.0 / data[:, column]
    return values


def critic(matrix: object, *, cost: Iterable[int] = ()) -> CriticResult:
    """CRITIC weights (Criteria Importance Through Intercriteria Correlation; Diakoulaki et al. 1995).

    Each column is normalised to [0, 1] (``(x − min)/(max − min)``; cost columns
    ``(max − x)/(max − min)``). A criterion's information is its contrast times its conflict with
    the others: ``C_j = σ_j · Σ_k (1 − r_jk)``, where ``σ_j`` is the standard deviation of the
    normalised column and ``r_jk`` the Pearson correlation of columns j and k; ``w_j = C_j / Σ C``.

    Args:
        matrix: A table of finite numbers: one row per unit evaluated, one column per criterion,
            at least 2 rows.
        cost: Indices of cost criteria (成本型指标, smaller is better).

    Returns:
        A [`CriticResult`][perfscore.weights.CriticResult] with the weights, contrasts and information
        amounts.

    Raises:
        WeightsError: The matrix is not a table of finite numbers with at least 2 rows; a cost
            index is not a column; fewer than two columns vary, or those that vary are all
            perfectly correlated (then ``Σ C = 0`` and CRITIC cannot tell the criteria apart).

    Notes:
        A constant column has no contrast: its weight is 0, and it is left out of the other
        columns' correlation sums (a correlation with a constant is undefined), so the other
        weights are what they would be without it. σ is the population standard deviation; the
        sample one would scale every ``C_j`` alike and give the same weights.

    Examples:
        >>> result = critic([[1, 3, 2], [2, 1, 2], [3, 2, 5]])
        >>> [round(float(w), 4) for w in result.weights]
        [0.3002, 0.4593, 0.2405]
    """
    data, costs = _data(matrix, cost)
    constant = _constant_columns(data)
    columns = data.shape[1]
    varying = [column for column in range(columns) if not constant[column]]
    try:
        with np.errstate(**_ERRSTATE):  # type: ignore[arg-type]
            scaled = _minmax(data, costs, constant)
            contrast = scaled.std(axis=0)
            information = np.zeros(columns, dtype=np.float64)
            if len(varying) >= 2:
                correlation = np.atleast_2d(np.corrcoef(scaled[:, varying], rowvar=False))
                conflict = (1.0 - correlation).sum(axis=1)
                information[varying] = contrast[varying] * conflict
    except FloatingPointError:
        raise WeightsError("matrix", "values are too large to normalise in floating point") from None
    contrast[constant] = 0.0
    total = float(information.sum())
    if not total > 1e-12 * max(1.0, float(contrast.sum())):
        raise WeightsError(
            "matrix",
            "CRITIC needs at least two columns that vary and are not all perfectly correlated "
            f"({len(varying)} of {columns} columns vary)",
        )
    return CriticResult(
        weights=_frozen(information / total), contrast=_frozen(contrast), information=_frozen(information)
    )


# ------------------------------------------------------------------------- weights to points


@overload
def allocate_points(weights: Mapping[str, object], total: object, places: int = 2) -> dict[str, Decimal]: ...


@overload
def allocate_points(
    weights: Sequence[object] | npt.NDArray[Any], total: object, places: int = 2
) -> list[Decimal]: ...


def allocate_points(weights: object, total: object, places: int = 2) -> list[Decimal] | dict[str, Decimal]:
    """Weights into points that add up exactly to ``total`` (按权重分配分值，最大余数法).

    Each item's exact share is ``total · w_i / Σ w``. Every share is cut down to the grid of
    ``10**-places``; the units still missing from ``total`` go one each to the items with the
    largest remainders (largest-remainder, or Hamilton, method). So the points add up to exactly
    ``total``, each differs from its exact share by less than one unit of the last place, and an
    item with weight 0 gets 0.

    Ties (equal remainders) go to the item that comes first — in the sequence, or in the
    mapping's order — so the result is deterministic.

    Weights are read exactly through [`perfscore.numbers.to_decimal`][perfscore.numbers.to_decimal]: a float
    through its ``repr`` (``0.1`` is ``0.1``), so a numpy array of AHP weights gives the shares of the
    decimals numpy prints, not of their binary expansions.

    Args:
        weights: A 1-dimensional numpy array, a sequence, or a mapping name → weight (e.g.
            ``AhpResult.as_dict()``). Each weight finite and ≥ 0, not all 0.
        total: The parent's points (e.g. 产出指标 50); ≥ 0 and a whole number of ``10**-places``.
        places: Decimal places of the points, 0 to 30 (2 by default, as the forms show).

    Returns:
        A list of points in the order of ``weights``, or for a mapping a dict with the same keys
        in the same order; every value has exactly ``places`` places.

    Raises:
        InvalidNumberError: A weight or ``total`` is not a usable number, or ``places`` is not a
            whole number from 0 to 30.
        WeightsError: ``weights`` is empty or not 1-dimensional, a weight is negative, all are
            zero, or ``total`` is negative or has more places than ``places``.

    Examples:
        >>> allocate_points([1, 1, 1], 10)
        [Decimal('3.34'), Decimal('3.33'), Decimal('3.33')]
        >>> allocate_points({"产出": 0.648, "效益": 0.230, "满意度": 0.122}, 90, places=1)
        {'产出': Decimal('58.3'), '效益': Decimal('20.7'), '满意度': Decimal('11.0')}
    """
    digits = check_places(places)
    if isinstance(weights, Mapping):
        keys = list(weights.keys())
        for key in keys:
            if not isinstance(key, str):
                raise WeightsError("weights", f"names must be text, got {describe(key)}")
        fields = [f"weights[{key!r}]" for key in keys]
        values: list[object] = [weights[key] for key in keys]
    else:
        values = _weight_sequence(weights)
        fields = [f"weights[{index}]" for index in range(len(values))]
        keys = []
    if not values:
        raise WeightsError("weights", "must hold at least one weight")
    if len(values) > 1_000_000:
        raise WeightsError("weights", f"must hold at most 1,000,000 weights, got {len(values)}")
    exact = [_weight(value, field) for value, field in zip(values, fields, strict=True)]
    try:
        points = largest_remainder(_total(total, digits), exact, digits)
    except DomainError as error:
        raise WeightsError(error.field, error.message) from None
    if isinstance(weights, Mapping):
        return dict(zip(keys, points, strict=True))
    return points


def _weight_sequence(weights: object) -> list[object]:
    if isinstance(weights, np.ndarray):
        if weights.ndim != 1:
            raise WeightsError("weights", f"must be 1-dimensional, got shape {weights.shape}")
        return list(weights.tolist()) if weights.dtype.kind in "iuf" else list(weights)
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise WeightsError(
            "weights",
            f"must be a sequence, a numpy array or a mapping name → weight, got {describe(weights)}",
        )
    return list(weights)


def _weight(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0:
        raise WeightsError(field, f"must be ≥ 0, got {number}")
    return number


def _total(total: object, digits: int) -> Decimal:
    amount = to_decimal(total, field="total")
    if amount < 0:
        raise WeightsError("total", f"must be ≥ 0, got {amount}")
    if (Fraction(amount) * 10**digits).denominator != 1:
        raise WeightsError(
            "total", f"must be a whole number of 10**-{digits} (places={digits}), got {amount}"
        )
    return amount
