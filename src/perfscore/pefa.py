"""PEFA budget credibility (预算可信度): indicators PI-1, PI-2, PI-3 and the M1/M2 methods.

The Public Expenditure and Financial Accountability framework (PEFA 2016, "Framework for assessing
public financial management", PEFA Secretariat, February 2016) scores each dimension of an
indicator A, B, C or D against published thresholds, then aggregates the dimensions of an
indicator by M1 (weakest link, 最弱环节法) or M2 (averaging, 平均法) into A, B+, B, C+, C, D+ or D.

Pillar I, budget reliability:

* PI-1 aggregate expenditure outturn (支出总额执行): one dimension, 1.1.
* PI-2 expenditure composition outturn (支出结构执行), M1: 2.1 by function (or administrative
  or programme heads), 2.2 by economic type, 2.3 expenditure from contingency reserves.
* PI-3 revenue outturn (收入执行), M2: 3.1 aggregate revenue outturn, 3.2 revenue composition.

Every percentage is compared exactly, in `Decimal` arithmetic: an outturn of
exactly 105% of the budget is "between 95% and 105%" and scores A; a variance of exactly 5% is
not "less than 5%" and does not.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, Literal

import attrs

from perfscore.errors import PefaError
from perfscore.numbers import divide, exact_context, to_decimal

__all__ = [
    "DimensionScore",
    "IndicatorScore",
    "Score",
    "composition_variance",
    "m1",
    "m2",
    "pi1",
    "pi2",
    "pi3",
    "score_composition",
    "score_contingency",
    "score_expenditure_outturn",
    "score_revenue_outturn",
]

YEARS: Final = 3
_RANKS: Final = {"D": 0, "D*": 0, "D+": 1, "C": 2, "C+": 3, "B": 4, "B+": 5, "A": 6}


class Score(enum.Enum):
    """A PEFA score (评分): ``str(score)`` is the letter, such as ``"B+"``.

    Ordered from worst to best: D (and D*), D+, C, C+, B, B+, A. ``D*`` is a D given for
    insufficient information; it ranks as D (neither is below the other) and aggregates as D.
    ``NA`` (not applicable) has no rank: ordering it raises [`PefaError`][perfscore.errors.PefaError].

    Examples:
        >>> Score.parse("b+") > Score.B
        True
        >>> str(max(Score.C, Score.A))
        'A'
    """

    D = "D"
    D_STAR = "D*"
    D_PLUS = "D+"
    C = "C"
    C_PLUS = "C+"
    B = "B"
    B_PLUS = "B+"
    A = "A"
    NA = "NA"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: object, *, field: str = "score") -> Score:
        """Read a score: a `Score` or text such as ``"B+"``, ``"d*"``, ``"NA"``, ``"N/A"``.

        Raises:
            PefaError: The value is not a PEFA score.
        """
        if isinstance(text, Score):
            return text
        if isinstance(text, str):
            normal = text.strip().upper().replace("＋", "+").replace("＊", "*")
            if normal == "N/A":
                normal = "NA"
            for member in cls:
                if member.value == normal:
                    return member
        raise PefaError(field, f"must be a PEFA score A, B+, B, C+, C, D+, D, D* or NA, got {text!r}")

    @property
    def rank(self) -> int:
        """0 for D and D*, 1 for D+, … 6 for A.

        Raises:
            PefaError: The score is NA.
        """
        if self is Score.NA:
            raise PefaError("score", "NA (not applicable) has no rank")
        return _RANKS[self.value]

    @property
    def is_dimension_score(self) -> bool:
        """Whether a dimension can have this score: A, B, C, D, D* or NA (no "+")."""
        return "+" not in self.value

    def _compare(self, other: object) -> tuple[int, int]:
        if not isinstance(other, Score):
            raise PefaError("score", f"can only be compared with another Score, got {other!r}")
        return self.rank, other.rank

    def __lt__(self, other: object) -> bool:
        mine, theirs = self._compare(other)
        return mine < theirs

    def __le__(self, other: object) -> bool:
        mine, theirs = self._compare(other)
        return mine <= theirs

    def __gt__(self, other: object) -> bool:
        mine, theirs = self._compare(other)
        return mine > theirs

    def __ge__(self, other: object) -> bool:
        mine, theirs = self._compare(other)
        return mine >= theirs


_BY_RANK: Final = {
    0: Score.D,
    1: Score.D_PLUS,
    2: Score.C,
    3: Score.C_PLUS,
    4: Score.B,
    5: Score.B_PLUS,
    6: Score.A,
}

# PEFA 2016, M2 conversion table for two dimensions (DESIGN.md), keyed by (lower, higher) rank.
_M2_TWO_TABLE: Final = {
    tuple(sorted((low, high))): score
    for (low, high), score in {
        (0, 0): Score.D,
        (0, 2): Score.D_PLUS,
        (0, 4): Score.C,
        (0, 6): Score.C_PLUS,
        (2, 2): Score.C,
        (2, 4): Score.C_PLUS,
        (2, 6): Score.B,
        (4, 4): Score.B,
        (4, 6): Score.B_PLUS,
        (6, 6): Score.A,
    }.items()
}


def _dimension_scores(scores: object) -> list[Score]:
    if isinstance(scores, (str, bytes)) or not isinstance(scores, Sequence):
        raise PefaError("scores", f"must be a sequence of dimension scores, got {scores!r}")
    if not scores:
        raise PefaError("scores", "must hold at least one dimension score")
    result = []
    for index, text in enumerate(scores):
        score = Score.parse(text, field=f"scores[{index}]")
        if not score.is_dimension_score:
            raise PefaError(f"scores[{index}]", f"a dimension is scored A, B, C, D, D* or NA, got {score}")
        result.append(score)
    return result


def m1(scores: Sequence[object]) -> Score:
    """Method M1, weakest link (最弱环节法): the lowest dimension score, "+" if another is higher.

    Used where a poor score on one dimension undermines the others (PI-2, for example). D* counts
    as D; the result never carries an asterisk. NA dimensions are left out; if every dimension is
    NA, so is the indicator.

    Args:
        scores: The dimension scores (A, B, C, D, D* or NA; text or [`Score`][perfscore.pefa.Score]).

    Returns:
        The indicator score.

    Raises:
        PefaError: ``scores`` is empty, or a score is not a dimension score.

    Examples:
        >>> str(m1(["A", "C", "B"]))
        'C+'
        >>> str(m1(["B", "B"])), str(m1(["D*", "A"]))
        ('B', 'D+')
    """
    ranks = [score.rank for score in _dimension_scores(scores) if score is not Score.NA]
    if not ranks:
        return Score.NA
    lowest = min(ranks)
    if any(rank > lowest for rank in ranks):
        return _BY_RANK[lowest + 1]
    return _BY_RANK[lowest]


def m2(scores: Sequence[object]) -> Score:
    """Method M2, averaging (平均法), from the PEFA 2016 conversion table.

    Supported: one dimension (its own score) and two dimensions: DD→D, DC→D+, DB→C, DA→C+,
    CC→C, CB→C+, CA→B, BB→B, BA→B+, AA→A (the order of the two does not matter). D* counts as
    D. NA dimensions are left out before the table is read; if every dimension is NA, so is the
    indicator.

    Args:
        scores: The dimension scores (A, B, C, D, D* or NA; text or [`Score`][perfscore.pefa.Score]).

    Returns:
        The indicator score.

    Raises:
        PefaError: ``scores`` is empty, a score is not a dimension score, or more than two
            dimensions remain — the framework's tables for three and four dimensions are not
            included in perfscore (it does not guess them by arithmetic averaging, which the
            published tables do not follow).

    Examples:
        >>> str(m2(["B", "A"])), str(m2(["D*", "C"]))
        ('B+', 'D+')
    """
    ranks = [score.rank for score in _dimension_scores(scores) if score is not Score.NA]
    if not ranks:
        return Score.NA
    if len(ranks) == 1:
        return _BY_RANK[ranks[0]]
    if len(ranks) == 2:
        return _M2_TWO_TABLE[(min(ranks), max(ranks))]
    raise PefaError(
        "scores",
        f"M2 for {len(ranks)} dimensions is not supported: perfscore includes the PEFA 2016 "
        "conversion table for two dimensions only",
    )


# ----------------------------------------------------------------------------- result types


@attrs.frozen
class DimensionScore:
    """The score of one dimension and the figures behind it.

    Attributes:
        dimension: The dimension number, such as ``"2.1"``.
        score: A, B, C, D or NA.
        values: The yearly figures the score is based on, as exact ratios (1.05 for 105%): the
            outturn ratio for 1.1 and 3.1, the composition variance for 2.1, 2.2 and 3.2, the
            contingency share for 2.3. Empty for NA.
        basis: The calibration rule applied, in words.
    """

    dimension: str
    score: Score
    values: tuple[Decimal, ...]
    basis: str


@attrs.frozen
class IndicatorScore:
    """The score of an indicator and its dimensions.

    Attributes:
        indicator: ``"PI-1"``, ``"PI-2"`` or ``"PI-3"``.
        score: The aggregate score (``str()`` gives the letter).
        method: ``"M1"`` or ``"M2"`` (``"M1"`` for the single-dimension PI-1).
        dimensions: The dimension scores in order.
    """

    indicator: str
    score: Score
    method: Literal["M1", "M2"]
    dimensions: tuple[DimensionScore, ...]

    def __str__(self) -> str:
        parts = ", ".join(f"{item.dimension} {item.score}" for item in self.dimensions)
        return f"{self.indicator} {self.score} ({self.method}: {parts})"


# ------------------------------------------------------------------------------- calibration

# (score, low, high) inclusive bands: "between 95% and 105%" includes both ends.
_EXPENDITURE_BANDS: Final = (
    (Score.A, Decimal("0.95"), Decimal("1.05")),
    (Score.B, Decimal("0.90"), Decimal("1.10")),
    (Score.C, Decimal("0.85"), Decimal("1.15")),
)
_REVENUE_BANDS: Final = (
    (Score.A, Decimal("0.97"), Decimal("1.06")),
    (Score.B, Decimal("0.94"), Decimal("1.12")),
    (Score.C, Decimal("0.92"), Decimal("1.16")),
)
# "less than 5% / 10% / 15%": strict.
_VARIANCE_LIMITS: Final = ((Score.A, Decimal("0.05")), (Score.B, Decimal("0.10")), (Score.C, Decimal("0.15")))


def _yearly(values: object, field: str) -> list[Decimal]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise PefaError(field, f"must be a sequence of {YEARS} yearly figures, got {values!r}")
    if len(values) != YEARS:
        raise PefaError(field, f"must hold the last {YEARS} completed years, got {len(values)} figures")
    figures = [to_decimal(value, field=f"{field}[{index}]") for index, value in enumerate(values)]
    for index, figure in enumerate(figures):
        if figure < 0:
            raise PefaError(f"{field}[{index}]", f"must be ≥ 0, got {figure}")
    return figures


def _score_bands(ratios: object, field: str, bands: tuple[tuple[Score, Decimal, Decimal], ...]) -> Score:
    values = _yearly(ratios, field)
    for score, low, high in bands:
        if sum(1 for value in values if low <= value <= high) >= 2:
            return score
    return Score.D


def score_expenditure_outturn(ratios: Sequence[object]) -> Score:
    """Dimension 1.1: aggregate expenditure outturn, from three yearly outturn/budget ratios.

    A: between 95% and 105% of the approved budget in at least two of the last three years; B:
    between 90% and 110%; C: between 85% and 115%; otherwise D. Bounds are inclusive.

    Args:
        ratios: Outturn / originally approved budget for each of the last three years (1.02 for
            102%).

    Returns:
        A, B, C or D.

    Raises:
        InvalidNumberError: A ratio is not a usable number.
        PefaError: Not exactly three ratios, or one is negative.

    Examples:
        >>> str(score_expenditure_outturn(["1.05", "0.9499", "0.95"]))
        'A'
    """
    return _score_bands(ratios, "ratios", _EXPENDITURE_BANDS)


def score_revenue_outturn(ratios: Sequence[object]) -> Score:
    """Dimension 3.1: aggregate revenue outturn, from three yearly actual/budgeted ratios.

    A: between 97% and 106% of budgeted revenue in at least two of the last three years; B:
    between 94% and 112%; C: between 92% and 116%; otherwise D. Bounds are inclusive.

    Args:
        ratios: Actual revenue / originally budgeted revenue for each of the last three years.

    Returns:
        A, B, C or D.

    Raises:
        InvalidNumberError: A ratio is not a usable number.
        PefaError: Not exactly three ratios, or one is negative.
    """
    return _score_bands(ratios, "ratios", _REVENUE_BANDS)


def score_composition(variances: Sequence[object]) -> Score:
    """Dimensions 2.1, 2.2 and 3.2: composition variance in at least two of three years.

    A: less than 5% in at least two of the last three years; B: less than 10%; C: less than 15%;
    otherwise D. "Less than" is strict: exactly 5% is not A.

    Args:
        variances: The composition variance of each of the last three years, as ratios (0.05
            for 5%), e.g. from [`composition_variance`][perfscore.pefa.composition_variance].

    Returns:
        A, B, C or D.

    Raises:
        InvalidNumberError: A variance is not a usable number.
        PefaError: Not exactly three variances, or one is negative.

    Examples:
        >>> str(score_composition(["0.05", "0.0499", "0.2"]))
        'B'
    """
    values = _yearly(variances, "variances")
    for score, limit in _VARIANCE_LIMITS:
        if sum(1 for value in values if value < limit) >= 2:
            return score
    return Score.D


def score_contingency(shares: Sequence[object]) -> Score:
    """Dimension 2.3: expenditure charged to a contingency vote, on average over three years.

    The average of the three yearly shares (charged / original total budget): A less than 3%;
    B between 3% and 6% inclusive; C more than 6% but less than 10%; otherwise D.

    Args:
        shares: Actual expenditure charged to the contingency vote / original budget, for each of
            the last three years (0 where a vote existed but nothing was charged).

    Returns:
        A, B, C or D.

    Raises:
        InvalidNumberError: A share is not a usable number.
        PefaError: Not exactly three shares, or one is negative.

    Examples:
        >>> str(score_contingency(["0.06", "0.06", "0.06"]))
        'B'
    """
    values = _yearly(shares, "shares")
    average = divide(_exact_sum(values), Decimal(YEARS))
    if average < Decimal("0.03"):
        return Score.A
    if average <= Decimal("0.06"):
        return Score.B
    if average < Decimal("0.10"):
        return Score.C
    return Score.D


# ---------------------------------------------------------------------------------- figures


def _exact_sum(values: Iterable[Decimal]) -> Decimal:
    # The builtin sum() would add in the ambient context (28 digits by default) and round.
    context = exact_context()
    total = Decimal(0)
    for value in values:
        total = context.add(total, value)
    return total


def _amount(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0:
        raise PefaError(field, f"must be ≥ 0, got {number}")
    return number


def _outturn_ratios(budgets: object, outturns: object, names: tuple[str, str]) -> list[Decimal]:
    budget_field, outturn_field = names
    planned = _yearly(budgets, budget_field)
    actual = _yearly(outturns, outturn_field)
    for index, amount in enumerate(planned):
        if amount <= 0:
            raise PefaError(f"{budget_field}[{index}]", f"must be greater than 0, got {amount}")
    return [divide(spent, budget) for spent, budget in zip(actual, planned, strict=True)]


def _heads(heads: object, field: str) -> tuple[list[str] | None, list[Decimal]]:
    if isinstance(heads, Mapping):
        names = [str(name) for name in heads]
        return names, [_amount(heads[name], f"{field}[{name!r}]") for name in heads]
    if isinstance(heads, (str, bytes)) or not isinstance(heads, Sequence):
        raise PefaError(field, f"must be a sequence of amounts or a mapping head → amount, got {heads!r}")
    return None, [_amount(value, f"{field}[{index}]") for index, value in enumerate(heads)]


def composition_variance(budget_heads: object, outturn_heads: object) -> Decimal:
    """Composition variance of one year (结构偏差率), as PEFA 2016 computes it for 2.1, 2.2, 3.2.

    Each head's original budget is scaled by total outturn / total budget (so that the variance
    measures reallocation, not the aggregate deviation); the variance is the sum of the absolute
    differences between outturn and adjusted budget over the total adjusted budget:
    ``Σ |o_i − b_i·O/B| / O`` with ``O = Σ o_i`` and ``B = Σ b_i``, computed exactly as
    ``Σ |o_i·B − b_i·O| / (O·B)``.

    Args:
        budget_heads: The originally approved budget of each head (sequence, or mapping head →
            amount). Leave contingency items out: 2.3 scores them.
        outturn_heads: The outturn of the same heads (same length, or same names).

    Returns:
        The exact variance as a ratio (0.05 for 5%).

    Raises:
        InvalidNumberError: An amount is not a usable number.
        PefaError: The heads do not match, an amount is negative, or a total is zero.

    Examples:
        >>> composition_variance([100, 100], [90, 110])
        Decimal('0.1')
    """
    budget_names, budgets = _heads(budget_heads, "budget_heads")
    outturn_names, outturns = _heads(outturn_heads, "outturn_heads")
    if (budget_names is None) != (outturn_names is None):
        raise PefaError("outturn_heads", "give both heads as sequences or both as mappings")
    if budget_names is not None and outturn_names is not None:
        if set(budget_names) != set(outturn_names) or len(budget_names) != len(outturn_names):
            missing = [name for name in budget_names if name not in outturn_names]
            extra = [name for name in outturn_names if name not in budget_names]
            raise PefaError("outturn_heads", f"must name the same heads; missing: {missing}, extra: {extra}")
        order = {name: index for index, name in enumerate(outturn_names)}
        outturns = [outturns[order[name]] for name in budget_names]
    if len(budgets) != len(outturns):
        raise PefaError(
            "outturn_heads", f"must have {len(budgets)} heads like budget_heads, got {len(outturns)}"
        )
    if not budgets:
        raise PefaError("budget_heads", "must hold at least one head")
    context = exact_context()
    budget_total = _exact_sum(budgets)
    outturn_total = _exact_sum(outturns)
    if budget_total <= 0:
        raise PefaError("budget_heads", "must add up to more than 0")
    if outturn_total <= 0:
        raise PefaError("outturn_heads", "must add up to more than 0")
    deviation = _exact_sum(
        context.abs(
            context.subtract(context.multiply(spent, budget_total), context.multiply(budget, outturn_total))
        )
        for spent, budget in zip(outturns, budgets, strict=True)
    )
    return divide(deviation, context.multiply(outturn_total, budget_total))


def _years_of_heads(years: object, field: str) -> list[Decimal]:
    if isinstance(years, (str, bytes)) or not isinstance(years, Sequence):
        raise PefaError(field, f"must be a sequence of {YEARS} (budget_heads, outturn_heads) pairs")
    if len(years) != YEARS:
        raise PefaError(field, f"must hold the last {YEARS} completed years, got {len(years)}")
    variances = []
    for index, year in enumerate(years):
        if isinstance(year, (str, bytes)) or not isinstance(year, Sequence) or len(year) != 2:
            raise PefaError(f"{field}[{index}]", "must be a pair (budget_heads, outturn_heads)")
        try:
            variances.append(composition_variance(year[0], year[1]))
        except PefaError as error:
            raise PefaError(f"{field}[{index}].{error.field}", error.message) from None
    return variances


def _dimension(number: str, score: Score, values: list[Decimal], basis: str) -> DimensionScore:
    return DimensionScore(dimension=number, score=score, values=tuple(values), basis=basis)


def pi1(budgets: Sequence[object], outturns: Sequence[object]) -> IndicatorScore:
    """PI-1 aggregate expenditure outturn (支出总额执行情况), dimension 1.1.

    Args:
        budgets: The originally approved aggregate expenditure budget (年初批准预算) of each of the
            last three completed years, oldest first; each > 0.
        outturns: The aggregate expenditure outturn (决算支出) of the same years; each ≥ 0.

    Returns:
        The indicator score, with the yearly outturn ratios.

    Raises:
        InvalidNumberError: An amount is not a usable number.
        PefaError: Not three years each, a budget ≤ 0 or an outturn < 0.

    Examples:
        >>> result = pi1([100, 100, 100], [104, 112, 95])
        >>> str(result.score), [str(ratio) for ratio in result.dimensions[0].values]
        ('A', ['1.04', '1.12', '0.95'])
    """
    ratios = _outturn_ratios(budgets, outturns, ("budgets", "outturns"))
    score = score_expenditure_outturn(ratios)
    dimension = _dimension(
        "1.1", score, ratios, "outturn within 95–105% (A), 90–110% (B), 85–115% (C) in 2 of 3 years"
    )
    return IndicatorScore(indicator="PI-1", score=score, method="M1", dimensions=(dimension,))


def pi2(
    by_function: Sequence[object] | None,
    by_economic_type: Sequence[object] | None,
    contingency: Sequence[object] | None,
) -> IndicatorScore:
    """PI-2 expenditure composition outturn (支出结构执行情况), aggregated by M1.

    Args:
        by_function: Dimension 2.1 — for each of the last three years, a pair
            ``(budget_heads, outturn_heads)`` by function, programme or administrative head
            (see [`composition_variance`][perfscore.pefa.composition_variance]). ``None`` if not applicable.
        by_economic_type: Dimension 2.2 — the same by economic classification. ``None`` if not
            applicable.
        contingency: Dimension 2.3 — for each of the last three years, the share of the original
            budget actually charged to a contingency vote (a ratio), or a pair
            ``(charged, original_budget)``. ``None`` if not applicable.

    Returns:
        The indicator score with the three dimension scores and their yearly figures.

    Raises:
        InvalidNumberError: An amount is not a usable number.
        PefaError: A dimension's data do not have three years or do not fit (the field names the
            year and the head).

    Examples:
        >>> years = [([50, 50], [48, 52]), ([50, 50], [45, 55]), ([50, 50], [50, 50])]
        >>> result = pi2(years, years, ["0.05", "0.06", "0.04"])
        >>> str(result)
        'PI-2 B+ (M1: 2.1 A, 2.2 A, 2.3 B)'
    """
    dimensions = []
    for number, data, field in (
        ("2.1", by_function, "by_function"),
        ("2.2", by_economic_type, "by_economic_type"),
    ):
        if data is None:
            dimensions.append(_dimension(number, Score.NA, [], "not applicable"))
            continue
        variances = _years_of_heads(data, field)
        dimensions.append(
            _dimension(
                number,
                score_composition(variances),
                variances,
                "variance < 5% (A), < 10% (B), < 15% (C) in 2 of 3 years",
            )
        )
    if contingency is None:
        dimensions.append(_dimension("2.3", Score.NA, [], "not applicable"))
    else:
        shares = _contingency_shares(contingency)
        dimensions.append(
            _dimension(
                "2.3", score_contingency(shares), shares, "average < 3% (A), 3–6% (B), > 6% and < 10% (C)"
            )
        )
    score = m1([dimension.score for dimension in dimensions])
    return IndicatorScore(indicator="PI-2", score=score, method="M1", dimensions=tuple(dimensions))


def _contingency_shares(contingency: object) -> list[Decimal]:
    if isinstance(contingency, (str, bytes)) or not isinstance(contingency, Sequence):
        raise PefaError("contingency", f"must be a sequence of {YEARS} yearly shares")
    if len(contingency) != YEARS:
        raise PefaError("contingency", f"must hold the last {YEARS} completed years, got {len(contingency)}")
    shares = []
    for index, year in enumerate(contingency):
        field = f"contingency[{index}]"
        if isinstance(year, Sequence) and not isinstance(year, (str, bytes)):
            if len(year) != 2:
                raise PefaError(field, "must be a share or a pair (charged, original_budget)")
            charged = _amount(year[0], f"{field}[0]")
            budget = _amount(year[1], f"{field}[1]")
            if budget <= 0:
                raise PefaError(f"{field}[1]", f"must be greater than 0, got {budget}")
            shares.append(divide(charged, budget))
        else:
            shares.append(_amount(year, field))
    return shares


def pi3(
    budgets: Sequence[object],
    outturns: Sequence[object],
    composition: Sequence[object] | None,
) -> IndicatorScore:
    """PI-3 revenue outturn (收入执行情况), aggregated by M2.

    Args:
        budgets: Originally budgeted revenue of each of the last three completed years; each > 0.
        outturns: Actual revenue of the same years; each ≥ 0.
        composition: Dimension 3.2 — for each of the three years, a pair
            ``(budget_heads, outturn_heads)`` by main revenue category. ``None`` if not
            applicable.

    Returns:
        The indicator score with the two dimension scores.

    Raises:
        InvalidNumberError: An amount is not a usable number.
        PefaError: The data do not have three years or do not fit.

    Examples:
        >>> years = [([60, 40], [66, 34]), ([60, 40], [60, 40]), ([60, 40], [62, 38])]
        >>> str(pi3([100, 100, 100], [101, 93, 95], years))
        'PI-3 B+ (M2: 3.1 B, 3.2 A)'
    """
    ratios = _outturn_ratios(budgets, outturns, ("budgets", "outturns"))
    dimensions = [
        _dimension(
            "3.1",
            score_revenue_outturn(ratios),
            ratios,
            "revenue within 97–106% (A), 94–112% (B), 92–116% (C) in 2 of 3 years",
        )
    ]
    if composition is None:
        dimensions.append(_dimension("3.2", Score.NA, [], "not applicable"))
    else:
        variances = _years_of_heads(composition, "composition")
        dimensions.append(
            _dimension(
                "3.2",
                score_composition(variances),
                variances,
                "variance < 5% (A), < 10% (B), < 15% (C) in 2 of 3 years",
            )
        )
    score = m2([dimension.score for dimension in dimensions])
    return IndicatorScore(indicator="PI-3", score=score, method="M2", dimensions=tuple(dimensions))
