"""The 项目资金 block of a project self-evaluation form (项目资金情况), as one observation.

The MoF project self-evaluation form (项目支出绩效自评表, 财预〔2020〕10号) prints the project's
money in a block of four rows and three columns:

| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 |
| --- | --- | --- | --- |
| 年度资金总额 | … | … | … |
| 其中：本年财政拨款 | … | … | … |
| 上年结转资金 | … | … | … |
| 其他资金 | … | … | … |

[ProjectFunds][perfscore.funds.ProjectFunds] holds that block; each row is a
[FundsRow][perfscore.funds.FundsRow]. The block is the observation of the 预算执行率 leaf: give
it once (in an observations file's ``[funds]`` section, or as the leaf's value) and the
[ExecutionRate][perfscore.rules.ExecutionRate] rule reads 全年执行数 ÷ 全年预算数 from it.

Rules of the block, checked when it is built:

* every amount is a number ≥ 0 (a blank cell is ``None``);
* when 年度资金总额 and its sources are both given, the sources add up to the total in every
  column that the total gives (a blank source cell counts as 0, as forms leave zeros blank);
* when only the sources are given, 年度资金总额 is their sum, column by column;
* a row with no amount at all is no row (``None``).

Denominators of 预算执行率 (``denominator=``):

* ``"annual"`` — 全年预算数 (调整后预算数), the form's definition;
* ``"initial"`` — 年初预算数, for the forms that print only 年初预算数 and 全年执行数;
* ``"auto"`` (the default) — 全年预算数 when the total row gives it, else 年初预算数. The
  explanation of the score always names the denominator used.

Nothing budgeted and nothing spent (0 ÷ 0) has no rate: it is a
[DenominatorError][perfscore.errors.DenominatorError] that says so and suggests marking the
leaf 不适用 — perfscore does not guess full or zero points. Spending against a zero budget is the
same error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from perfscore.errors import DenominatorError, InvalidNumberError, ObservationError, PerfscoreError, describe
from perfscore.numbers import CURRENCY_UNITS, exact_arithmetic, parse_amount, to_decimal
from perfscore.rates import budget_deviation, execution_rate

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "ROWS",
    "ROW_NAMES",
    "Denominator",
    "FundsRow",
    "ProjectFunds",
    "funds_from_dict",
    "printed_rows",
    "unbalanced_columns",
]

COLUMNS: Final = ("initial", "annual", "executed")
"""The block's columns, in form order."""
COLUMN_NAMES: Final[dict[str, str]] = {
    "initial": "年初预算数",
    "annual": "全年预算数",
    "executed": "全年执行数",
}
"""The printed name of each column."""
ROWS: Final = ("total", "fiscal", "carryover", "other")
"""The block's rows, in form order."""
ROW_NAMES: Final[dict[str, str]] = {
    "total": "年度资金总额",
    "fiscal": "本年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
"""The printed name of each row."""
_SOURCES: Final = ("fiscal", "carryover", "other")
#: Names accepted in files besides the English keys (as forms print them).
_COLUMN_ALIASES: Final[dict[str, str]] = {
    "年初预算数": "initial",
    "全年预算数": "annual",
    "调整后预算数": "annual",
    "全年执行数": "executed",
    "执行数": "executed",
}
_ROW_ALIASES: Final[dict[str, str]] = {
    "年度资金总额": "total",
    "本年财政拨款": "fiscal",
    "其中：本年财政拨款": "fiscal",
    "财政拨款": "fiscal",
    "上年结转资金": "carryover",
    "上年结转": "carryover",
    "其他资金": "other",
    "币种": "currency",
    "单位": "currency",
}

Denominator = Literal["auto", "annual", "initial"]
"""The denominator of 预算执行率: 全年预算数, 年初预算数, or 全年预算数 when given else 年初预算数."""
_DENOMINATORS: Final = ("auto", "annual", "initial")


# Marks that forms print in an empty cell of the block (金寨 2023: 上年结转资金 "—").
_BLANK_MARKS: Final = frozenset({"", "—", "——", "–", "-", "/", "／", "无"})


def _amount(value: object, field: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip() in _BLANK_MARKS:
        return None
    if isinstance(value, str) and unicodedata.normalize("NFKC", value).strip().endswith(("元", "万", "%")):
        # A row does not know the block's currency: "72,890元" in a 万元 block would be 72,890 万元.
        # A whole block read from data does (printed_rows converts such amounts first).
        raise ObservationError(
            field,
            f"give the amount without a unit, in the block's currency (万元 unless currency says "
            f"otherwise), or give the whole block as data (funds_from_dict converts units), got "
            f"{describe(value)}",
        )
    try:
        if isinstance(value, str):
            number = parse_amount(value.strip(), field=field)  # as printed: "72,890", "89.974"
        else:
            number = to_decimal(value, field=field)
    except InvalidNumberError as error:
        raise ObservationError(field, error.message) from None
    if number < 0:
        raise ObservationError(field, f"must not be negative, got {format(number, 'f')}")
    return number.copy_abs()  # -0 is 0, never printed "-0"


# attrs converters must be named functions for mypy; one per column.
def _initial(value: object) -> Decimal | None:
    return _amount(value, "initial")


def _annual(value: object) -> Decimal | None:
    return _amount(value, "annual")


def _executed(value: object) -> Decimal | None:
    return _amount(value, "executed")


def _text(number: Decimal) -> str:
    return format(number, "f")


@attrs.frozen
class FundsRow:
    """One row of the 项目资金 block (项目资金行): 年初预算数, 全年预算数, 全年执行数.

    Attributes:
        initial: 年初预算数, the budget approved at the start of the year; ``None`` when blank.
        annual: 全年预算数 (调整后预算数), the budget after the year's adjustments.
        executed: 全年执行数, the amount spent.

    Amounts are exact decimals ≥ 0; text is read as printed (``"72,890"``, ``"89.974"``), in
    the block's currency: text with a unit (``"72,890元"``, ``"90%"``) is refused, as a row
    cannot know whether 元 or 万元 is meant.

    Examples:
        >>> FundsRow(initial=90, annual="89.974", executed="89.974")
        FundsRow(initial=Decimal('90'), annual=Decimal('89.974'), executed=Decimal('89.974'))
        >>> FundsRow(executed=-1)
        Traceback (most recent call last):
        ...
        perfscore.errors.ObservationError: executed: must not be negative, got -1
    """

    initial: Decimal | None = attrs.field(default=None, converter=_initial)
    annual: Decimal | None = attrs.field(default=None, converter=_annual)
    executed: Decimal | None = attrs.field(default=None, converter=_executed)

    @property
    def is_blank(self) -> bool:
        """Whether no amount is given (a blank row)."""
        return self.initial is None and self.annual is None and self.executed is None

    def to_dict(self) -> dict[str, Decimal]:
        """The amounts that are given, by column (``initial``, ``annual``, ``executed``)."""
        return {name: getattr(self, name) for name in COLUMNS if getattr(self, name) is not None}


def _row(value: object, field: str) -> FundsRow | None:
    """A row from a FundsRow, a mapping of columns, a list [年初, 全年, 执行] or None."""
    if value is None:
        return None
    if isinstance(value, FundsRow):
        row = value
    elif isinstance(value, Mapping):
        amounts: dict[str, object] = {}
        for key, item in value.items():
            name = _COLUMN_ALIASES.get(key, key) if isinstance(key, str) else key
            if name not in COLUMNS:
                raise ObservationError(
                    f"{field}.{key}" if isinstance(key, str) else field,
                    f"is not a column of the 项目资金 block (known: {', '.join(COLUMNS)}, or 年初预算数, "
                    "全年预算数, 全年执行数)",
                )
            if name in amounts:
                raise ObservationError(f"{field}.{key}", f"gives {name} a second time")
            amounts[str(name)] = item
        row = _built_row(amounts, field)
    elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        if len(value) != len(COLUMNS):
            raise ObservationError(
                field, f"as a list must hold 3 amounts [年初预算数, 全年预算数, 全年执行数], got {len(value)}"
            )
        row = _built_row(dict(zip(COLUMNS, value, strict=True)), field)
    else:
        raise ObservationError(
            field, f"must be a table of 年初预算数/全年预算数/全年执行数 amounts, got {describe(value)}"
        )
    return None if row.is_blank else row


def _built_row(amounts: Mapping[str, object], field: str) -> FundsRow:
    try:
        return FundsRow(**amounts)
    except PerfscoreError as error:
        raise ObservationError(f"{field}.{error.field}", error.message) from None


# One converter per row, naming it in errors.
def _total(value: object) -> FundsRow | None:
    return _row(value, "funds.total")


def _fiscal(value: object) -> FundsRow | None:
    return _row(value, "funds.fiscal")


def _carryover(value: object) -> FundsRow | None:
    return _row(value, "funds.carryover")


def _other(value: object) -> FundsRow | None:
    return _row(value, "funds.other")


def _currency(value: object) -> str:
    if not isinstance(value, str) or value not in CURRENCY_UNITS:
        raise ObservationError(
            "funds.currency", f"must be one of {', '.join(CURRENCY_UNITS)}, got {describe(value)}"
        )
    return value


@attrs.frozen
class ProjectFunds:
    """The 项目资金 block of a project self-evaluation form (项目资金情况), one observation.

    Attributes:
        total: 年度资金总额. Never ``None`` once built: when only the sources are given, it is
            their sum, column by column.
        fiscal: 其中：本年财政拨款 (财政拨款).
        carryover: 上年结转资金.
        other: 其他资金.
        currency: The unit of the amounts (万元 by default, as the form prints).

    Rows may be given as [FundsRow][perfscore.funds.FundsRow] values, mappings of columns or
    lists ``[年初预算数, 全年预算数, 全年执行数]``.

    Raises:
        ObservationError: An amount is not a number ≥ 0 (the field is ``funds.fiscal.executed``),
            the sources do not add up to the total in a column, or no row is given.

    Examples:
        The 2022 委托业务项目 of 池州市贵池区棠溪镇, as its 本年财政拨款 row prints it:

        >>> from perfscore import percent
        >>> funds = ProjectFunds(fiscal=[90, "89.974", "89.974"])
        >>> funds.total
        FundsRow(initial=Decimal('90'), annual=Decimal('89.974'), executed=Decimal('89.974'))
        >>> percent(funds.execution())
        Decimal('100.00')

        The same form prints 年度资金总额 as 0 0 0, which does not add up:

        >>> ProjectFunds(total=[0, 0, 0], fiscal=[90, "89.974", "89.974"])
        ... # doctest: +NORMALIZE_WHITESPACE
        Traceback (most recent call last):
        ...
        perfscore.errors.ObservationError: funds.total.initial: the sources must add up to the
        total (年初预算数): 本年财政拨款 90 = 90, but 年度资金总额 is 0
    """

    total: FundsRow | None = attrs.field(default=None, converter=_total, kw_only=True)
    fiscal: FundsRow | None = attrs.field(default=None, converter=_fiscal, kw_only=True)
    carryover: FundsRow | None = attrs.field(default=None, converter=_carryover, kw_only=True)
    other: FundsRow | None = attrs.field(default=None, converter=_other, kw_only=True)
    currency: str = attrs.field(default="万元", converter=_currency, kw_only=True)

    @exact_arithmetic  # the sums below must not round in a caller's narrow decimal context
    def __attrs_post_init__(self) -> None:
        sources = [(name, getattr(self, name)) for name in _SOURCES if getattr(self, name) is not None]
        if self.total is None and not sources:
            raise ObservationError("funds", "needs 年度资金总额 (total) or at least one of its sources")
        if self.total is None:
            sums: dict[str, Decimal | None] = {}
            for column in COLUMNS:
                given = [getattr(row, column) for _, row in sources if getattr(row, column) is not None]
                sums[column] = sum(given, Decimal(0)) if given else None
            object.__setattr__(self, "total", FundsRow(**sums))
            return
        for column, stated, added, parts in unbalanced_columns(self.total, dict(sources)):
            shown = " + ".join(f"{ROW_NAMES[name]} {_text(amount)}" for name, amount in parts)
            raise ObservationError(
                f"funds.total.{column}",
                f"the sources must add up to the total ({COLUMN_NAMES[column]}): {shown} = "
                f"{_text(added)}, but 年度资金总额 is {_text(stated)}",
            )

    @property
    def overall(self) -> FundsRow:
        """年度资金总额, typed as always present (the same as ``total``)."""
        assert self.total is not None  # set by __attrs_post_init__
        return self.total

    def execution_terms(self, denominator: Denominator = "auto") -> tuple[Decimal, Decimal, str, str]:
        """The two amounts of 预算执行率 and their names: ``(执行数, 预算数, name_zh, name_en)``.

        Args:
            denominator: ``"annual"`` (全年预算数), ``"initial"`` (年初预算数) or ``"auto"``
                (全年预算数 when the total row gives it, else 年初预算数).

        Returns:
            全年执行数, the denominator's amount, and the denominator's Chinese and English name.

        Raises:
            ObservationError: ``denominator`` is unknown, or an amount it needs is blank.
        """
        if denominator not in _DENOMINATORS:
            raise ObservationError(
                "denominator", f"must be one of {', '.join(_DENOMINATORS)}, got {describe(denominator)}"
            )
        total = self.overall
        if total.executed is None:
            raise ObservationError("funds.total.executed", "is needed for 预算执行率 (全年执行数)")
        column = denominator
        if denominator == "auto":
            column = "annual" if total.annual is not None else "initial"
        budget = getattr(total, column)
        if budget is None:
            hint = "全年预算数 or 年初预算数" if denominator == "auto" else COLUMN_NAMES[column]
            raise ObservationError(f"funds.total.{column}", f"is needed for 预算执行率 ({hint})")
        names = {"annual": ("全年预算数", "annual budget"), "initial": ("年初预算数", "initial budget")}
        return total.executed, budget, *names[column]

    def execution(self, denominator: Denominator = "auto") -> Decimal:
        """预算执行率 (execution rate): 全年执行数 ÷ 全年预算数, as an exact ratio.

        Uses [perfscore.rates.execution_rate][]; ``denominator`` as in
        [execution_terms][perfscore.funds.ProjectFunds.execution_terms].

        Returns:
            The exact ratio (above 1 when more was spent than budgeted).

        Raises:
            ObservationError: An amount it needs is blank.
            DenominatorError: The budget is 0 (0 ÷ 0 included: nothing budgeted, nothing spent
                has no rate; mark the leaf 不适用 instead).

        Examples:
            The 年初-only variant: a form printing only 年初预算数 and 全年执行数.

            >>> ProjectFunds(total={"initial": 50, "executed": 45}).execution()
            Decimal('0.9')
        """
        executed, budget, name_zh, _ = self.execution_terms(denominator)
        column = "annual" if name_zh == "全年预算数" else "initial"
        if budget == 0:
            what = "nothing was budgeted and nothing spent (0 ÷ 0)" if executed == 0 else "spending against 0"
            raise DenominatorError(
                f"funds.total.{column}",
                f"is 0: {what} gives no 预算执行率; mark the leaf 不适用 (not applicable) "
                "or give the amounts",
            )
        return execution_rate(executed, budget)

    def deviation(self) -> Decimal:
        """预算偏离度 (budget deviation): (全年执行数 − 年初预算数) ÷ 年初预算数, exact and signed.

        Raises:
            ObservationError: 年初预算数 or 全年执行数 is blank.
            DenominatorError: 年初预算数 is 0.

        Examples:
            >>> from perfscore import percent
            >>> percent(ProjectFunds(total=[100, 120, 110]).deviation())
            Decimal('10.00')
        """
        total = self.overall
        if total.initial is None:
            raise ObservationError("funds.total.initial", "is needed for 预算偏离度 (年初预算数)")
        if total.executed is None:
            raise ObservationError("funds.total.executed", "is needed for 预算偏离度 (全年执行数)")
        try:
            return budget_deviation(total.executed, total.initial)
        except DenominatorError as error:
            raise DenominatorError("funds.total.initial", error.message) from None

    @classmethod
    def from_dict(cls, data: object, *, field: str = "funds") -> ProjectFunds:
        """The block from plain data; the same as [funds_from_dict][perfscore.funds.funds_from_dict].

        Raises:
            ObservationError: The data is not a valid block; the field is the path.
        """
        return funds_from_dict(data, field=field)

    def to_dict(self) -> dict[str, Any]:
        """The block as plain data: the rows that are given (amounts as Decimals) and the currency.

        [funds_from_dict][perfscore.funds.funds_from_dict] reads it back into an equal block.
        """
        data: dict[str, Any] = {}
        for name in ROWS:
            row = getattr(self, name)
            if row is not None:
                data[name] = row.to_dict()
        data["currency"] = self.currency
        return data

    def __str__(self) -> str:
        total = self.overall
        given = [(c, getattr(total, c)) for c in COLUMNS if getattr(total, c) is not None]
        parts = [f"{COLUMN_NAMES[c]} {_text(amount)}" for c, amount in given]
        return f"项目资金（{self.currency}）：" + "，".join(parts)


@exact_arithmetic
def unbalanced_columns(
    total: FundsRow, sources: Mapping[str, FundsRow]
) -> list[tuple[str, Decimal, Decimal, list[tuple[str, Decimal]]]]:
    """The columns where the sources do not add up to 年度资金总额, in form order.

    A column is compared when the total gives it and at least one source does; a blank source
    cell counts as 0. What [ProjectFunds][perfscore.funds.ProjectFunds] refuses and
    [check_funds][perfscore.audit.forms.check_funds] reports.

    Args:
        total: The 年度资金总额 row.
        sources: The source rows by English name (``fiscal``, ``carryover``, ``other``).

    Returns:
        ``(column, stated total, sum of the sources, [(source, amount), ...])`` for each column
        that does not add up.

    Examples:
        >>> unbalanced_columns(FundsRow(0, 0, 0), {"fiscal": FundsRow(90, None, 0)})
        [('initial', Decimal('0'), Decimal('90'), [('fiscal', Decimal('90'))])]
    """
    unbalanced = []
    for column in COLUMNS:
        stated = getattr(total, column)
        parts = [(name, getattr(row, column)) for name, row in sources.items()]
        given = [(name, amount) for name, amount in parts if amount is not None]
        if stated is None or not given:
            continue
        added = sum((amount for _, amount in given), Decimal(0))
        if added != stated:
            unbalanced.append((column, stated, added, given))
    return unbalanced


def funds_from_dict(data: object, *, field: str = "funds") -> ProjectFunds:
    """Build a 项目资金 block from plain data, as an observations file's ``[funds]`` section holds it.

    Keys are the English row names (``total``, ``fiscal``, ``carryover``, ``other``,
    ``currency``) or the form's Chinese ones (年度资金总额, 本年财政拨款 / 财政拨款, 上年结转资金,
    其他资金); columns likewise (``initial``, ``annual``, ``executed`` or 年初预算数, 全年预算数,
    全年执行数). A row may be a list ``[年初预算数, 全年预算数, 全年执行数]``.

    Args:
        data: The mapping.
        field: Where it came from, for error messages.

    Returns:
        The block.

    Raises:
        ObservationError: The data is not a block; the field is the path (``funds.fiscal.executed``).

    Examples:
        >>> row = {"年初预算数": 90, "全年预算数": "89.974", "全年执行数": "89.974"}
        >>> funds_from_dict({"本年财政拨款": row})  # doctest: +NORMALIZE_WHITESPACE
        ProjectFunds(total=FundsRow(initial=Decimal('90'), annual=Decimal('89.974'),
        executed=Decimal('89.974')), fiscal=FundsRow(initial=Decimal('90'),
        annual=Decimal('89.974'), executed=Decimal('89.974')), carryover=None, other=None, currency='万元')
    """
    rows, currency = printed_rows(data, field=field)
    try:
        return ProjectFunds(currency=currency, **rows)
    except PerfscoreError as error:
        where = error.field
        if field != "funds" and (where == "funds" or where.startswith("funds.")):
            where = field + where[len("funds") :]
        raise ObservationError(where, error.message) from None


_PRINTED_UNIT: Final = re.compile(r"(?P<number>.*?)\s*(?P<unit>万元|千元|亿元|元|万)")


def _in_currency(row: object, currency: str, field: str) -> object:
    """A printed row with its amounts' units ("150万", "72,890元") converted to the block's currency.

    Exact, by `parse_amount`'s conversion, so the places printed are kept. A row
    that is not a list or table and a cell without a unit are left as they are, for the row to
    read or refuse by name; a unit on something that is not a number is refused here.
    """

    def cell(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = unicodedata.normalize("NFKC", value).strip()
        match = _PRINTED_UNIT.fullmatch(text)
        if match is None or not match["number"]:
            return value
        if match["unit"] == "万":  # 鄂州 2021 prints "125.25万": the 万元 the block is in
            text += "元"
        try:  # parse_amount converts between currency units exactly, keeping the places printed
            return parse_amount(text, unit=currency, field=field)
        except InvalidNumberError as error:
            raise ObservationError(
                field, f"cannot read the amount {describe(value)}: {error.message}"
            ) from None

    if isinstance(row, Mapping):
        return {key: cell(value) for key, value in row.items()}
    if isinstance(row, (list, tuple)):
        return [cell(value) for value in row]
    return row


def printed_rows(data: object, *, field: str = "funds") -> tuple[dict[str, FundsRow], str]:
    """The rows of a 项目资金 block as printed, each read on its own, without checking the sums.

    What [funds_from_dict][perfscore.funds.funds_from_dict] builds a block from, and what the
    audit of a printed block ([check_funds][perfscore.audit.forms.check_funds]) reads.

    Args:
        data: The mapping (keys as for [funds_from_dict][perfscore.funds.funds_from_dict]).
        field: Where it came from, for error messages.

    Returns:
        The rows that are not blank, by English name (``total``, ``fiscal``, ...), and the currency.

    Raises:
        ObservationError: An unknown or repeated row or column, or an amount that is not a
            number ≥ 0; the field is the path (``funds.fiscal.executed``).

    Examples:
        >>> rows, currency = printed_rows({"年度资金总额": [0, 0, 0], "上年结转资金": {}})
        >>> rows, currency
        ({'total': FundsRow(initial=Decimal('0'), annual=Decimal('0'), executed=Decimal('0'))}, '万元')
    """
    if not isinstance(data, Mapping):
        raise ObservationError(field, f"must be a table of 项目资金 rows, got {describe(data)}")
    rows: dict[str, FundsRow] = {}
    given: object = next(
        (value for key, value in data.items() if _ROW_ALIASES.get(key, key) == "currency"), "万元"
    )
    try:  # first: the rows' printed units are converted into it
        currency = _currency(given)
    except ObservationError as error:
        raise ObservationError(f"{field}.currency", error.message) from None
    seen: set[str] = set()
    for key, value in data.items():
        name = _ROW_ALIASES.get(key, key) if isinstance(key, str) else key
        if name not in (*ROWS, "currency"):
            raise ObservationError(
                f"{field}.{key}" if isinstance(key, str) else field,
                f"is not a row of the 项目资金 block (known: {', '.join(ROWS)}, currency)",
            )
        name = str(name)
        if name in seen:
            raise ObservationError(f"{field}.{key}", f"gives {name} a second time")
        seen.add(name)
        if name == "currency":
            continue
        row = _row(_in_currency(value, currency, f"{field}.{name}"), f"{field}.{name}")
        if row is not None:
            rows[name] = row
    return rows, currency
