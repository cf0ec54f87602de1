"""The Excel 自评表 (self-evaluation form): write a scored result, read the values a unit filled in.

Public through :mod:`perfscore.report`. openpyxl is imported lazily (the ``excel`` extra).

The sheet (named 自评表) has a title row, a header row and one row per indicator in form order:

| 编码 | 一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分 | 说明 |

with as many level columns as the framework has levels. A parent's name cell is merged down over
its own row and its descendants' rows; its own row reads 小计 with its points and score. A leaf
shallower than the deepest level has its name merged across the remaining level columns. Below
come the rows 合计 (maximum and total), 得分率 (the percentage) and 评价等级 (the grade).

The 编码 column maps rows back to leaves when the form is read again, so the rows may be
re-ordered, and other rows (notes, signatures) may be added as long as they leave 编码 empty.
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import IO, Any, Final, cast

from perfscore._optional import require
from perfscore.errors import FileFormatError, FrameworkError, InvalidNumberError, ObservationError
from perfscore.framework import Framework, Indicator
from perfscore.numbers import parse_amount, to_decimal
from perfscore.rules import (
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Qualitative,
    Reverse,
)
from perfscore.scoring import NOT_APPLICABLE, NodeResult, Result, is_not_applicable

__all__ = [
    "SHEET_TITLE",
    "format_value",
    "level_heading",
    "load_observations_xlsx",
    "target_text",
    "to_workbook",
    "write_xlsx",
]

#: The name of the sheet perfscore writes and reads first.
SHEET_TITLE: Final = "自评表"
_CODE: Final = "编码"
_POINTS: Final = "分值"
_TARGET: Final = "指标值"
_VALUE: Final = "实际完成值"
_AWARDED: Final = "得分"
_NOTE: Final = "说明"
_NUMERALS: Final = "一二三四五六七八九十"
_TIERS: Final = frozenset(
    {"达成", "部分达成", "未达成", "achieved", "partially achieved", "partial", "not achieved"}
)
_SEPARATORS: Final = re.compile(r"[、,，;；]")
# The control characters a spreadsheet cell cannot hold (as openpyxl refuses them).
_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Numbers whose 15-significant-digit text survives a double: openpyxl writes "%.16g" of a float.
_MAX_DIGITS: Final = 15


def level_heading(level: int) -> str:
    """The column heading of an indicator level: 一级指标, 二级指标, … 十六级指标."""
    numeral = _NUMERALS[level - 1] if level <= 10 else "十" + _NUMERALS[level - 11]
    return f"{numeral}级指标"


def _text(number: Decimal) -> str:
    return format(number, "f")


def target_text(indicator: Indicator) -> str:
    """The 指标值 the form shows: the indicator's ``target`` text, or one derived from its rule.

    Forward ``≥T``, equal ``=T``, reverse ``≤T``, deduction ``≤X``, bands the threshold of the
    best band, execution rate ``100%``, qualitative 达成, checklist 无缺项, manual nothing; the
    indicator's unit follows the number.

    Args:
        indicator: The indicator.

    Returns:
        The text, empty when there is nothing to show.
    """
    if indicator.target is not None:
        return indicator.target
    rule, unit = indicator.rule, indicator.unit or ""
    if isinstance(rule, Forward):
        return f"≥{_text(rule.target)}{unit}"
    if isinstance(rule, Equal):
        return f"={_text(rule.target)}{unit}"
    if isinstance(rule, Reverse):
        return f"≤{_text(rule.target)}{unit}"
    if isinstance(rule, Deduction):
        return f"≤{_text(rule.threshold)}{unit}"
    if isinstance(rule, Bands):
        sign = "≥" if rule.higher_is_better else "≤"
        return f"{sign}{_text(rule.ordered()[0].threshold)}{unit}"
    if isinstance(rule, ExecutionRate):
        return "100%"
    if isinstance(rule, Qualitative):
        return "达成"
    if isinstance(rule, Checklist):
        return "无缺项"
    return ""


def _cell_number(number: Decimal) -> Decimal | str:
    """The number itself when a spreadsheet cell holds it exactly, else its text."""
    if not number.is_finite():  # pragma: no cover - observations were validated by scoring
        return str(number)
    written = "%.16g" % float(number)  # what openpyxl stores  # noqa: UP031
    if len(number.normalize().as_tuple().digits) <= _MAX_DIGITS and Decimal(repr(float(written))) == number:
        return number
    return _text(number)


def _number_or_text(value: object) -> Decimal | str:
    try:
        return _cell_number(to_decimal(value))
    except InvalidNumberError:
        return str(value)


def format_value(node: NodeResult) -> tuple[Decimal | str | None, bool]:
    """The 实际完成值 cell of a node: its value, and whether it is a ratio shown as a percentage.

    Qualitative values are written ``达成/9`` (tier/points), an execution rate given as amounts
    ``95.12/100`` (executed/budget) and given as a ratio a number formatted as a percentage,
    a checklist's missing items their names joined by 、, not applicable 不适用.

    Args:
        node: A node of a result.

    Returns:
        The cell value (``None`` for a parent) and the percentage flag.
    """
    value = node.value
    if not node.is_leaf:
        return None, False
    if value is NOT_APPLICABLE:
        return "不适用", False
    if node.rule == "qualitative":
        if isinstance(value, Mapping):
            return f"{value['tier']}/{_text(to_decimal(value['points']))}", False
        if isinstance(value, Sequence) and not isinstance(value, str):
            return f"{value[0]}/{_text(to_decimal(value[1]))}", False
    if node.rule == "execution_rate":
        if isinstance(value, Mapping):
            executed, budget = to_decimal(value["executed"]), to_decimal(value["budget"])
            return f"{_text(executed)}/{_text(budget)}", False
        return _number_or_text(value), True
    if node.rule == "checklist" and isinstance(value, (list, tuple)):
        return ("、".join(str(item) for item in value) if value else Decimal(0)), False
    return _number_or_text(value), False


def _title(name: str) -> str:
    # "…自评表" stays, "…自评" becomes "…自评表", anything else gets "绩效自评表" after it.
    if name.endswith("表"):
        return name
    if name.endswith("自评"):
        return name + "表"
    return f"{name} 绩效自评表"


def _number_format(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _check_text(result: Result, framework: Framework) -> None:
    texts: list[tuple[str, str, bool]] = [("framework.name", framework.name, False)]
    for node in result.nodes:
        texts += [(f"{node.code}.code", node.code, False), (f"{node.code}.name", node.name, False)]
        value, _ = format_value(node)
        if isinstance(value, str):
            texts.append((node.code, value, True))
    for indicator, _ in framework.walk():
        if indicator.target is not None:
            texts.append((f"{indicator.code}.target", indicator.target, False))
    for field, text, observed in texts:
        match = _ILLEGAL.search(text)
        if match is not None:
            error = ObservationError if observed else FrameworkError
            raise error(field, f"contains a control character a spreadsheet cannot hold: {match.group()!r}")


def _check_match(result: Result, framework: Framework) -> None:
    codes = [indicator.code for indicator, _ in framework.walk()]
    if result.framework != framework.name or [node.code for node in result.nodes] != codes:
        raise FrameworkError(
            "framework", f"is {framework.name!r}, but the result was scored with {result.framework!r}"
        )


def to_workbook(result: Result, framework: Framework) -> Any:
    """The 自评表 of a scored result as an openpyxl workbook (to adjust before saving).

    Args:
        result: The scored result.
        framework: The framework it was scored with (for 指标值 and the levels).

    Returns:
        An ``openpyxl.Workbook`` with one sheet, 自评表.

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        FrameworkError: The result was not scored with this framework, or a name holds a
            control character a spreadsheet cannot hold.
        ObservationError: An observation's text holds such a character.
    """
    openpyxl = require("openpyxl", "excel")
    styles = require("openpyxl.styles", "excel")
    utils = require("openpyxl.utils", "excel")
    _check_match(result, framework)
    _check_text(result, framework)

    levels = max(node.level for node in result.nodes)
    headings = [_CODE, *(level_heading(level) for level in range(1, levels + 1))]
    headings += [_POINTS, _TARGET, _VALUE, _AWARDED, _NOTE]
    column = {heading: index + 1 for index, heading in enumerate(headings)}
    last = len(headings)
    points_format = _number_format(result.places)

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    thin = styles.Side(style="thin")
    border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = styles.Alignment(horizontal="left", vertical="center", wrap_text=True)
    bold = styles.Font(bold=True)

    sheet.cell(row=1, column=1, value=_title(framework.name)).font = styles.Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = centre
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.row_dimensions[1].height = 28
    for heading, index in column.items():
        cell = sheet.cell(row=2, column=index, value=heading)
        cell.font, cell.alignment = bold, centre
        cell.fill = styles.PatternFill("solid", fgColor="D9E1F2")

    indicators = {indicator.code: indicator for indicator, _ in framework.walk()}
    descendants = {indicator.code: sum(1 for _ in indicator.walk()) - 1 for indicator in indicators.values()}
    widths = {index: _display_width(heading) for heading, index in column.items()}
    row = 3
    for node in result.nodes:
        indicator = indicators[node.code]
        name_column = 1 + node.level
        sheet.cell(row=row, column=column[_CODE], value=node.code)
        sheet.cell(row=row, column=name_column, value=node.name).alignment = left
        widths[name_column] = max(widths[name_column], _display_width(node.name))
        if node.is_leaf:
            if node.level < levels:
                sheet.merge_cells(start_row=row, start_column=name_column, end_row=row, end_column=1 + levels)
        else:
            sheet.cell(row=row, column=name_column + 1, value="小计").alignment = centre
            if name_column + 1 < 1 + levels:
                sheet.merge_cells(
                    start_row=row, start_column=name_column + 1, end_row=row, end_column=1 + levels
                )
            sheet.merge_cells(
                start_row=row,
                start_column=name_column,
                end_row=row + descendants[node.code],
                end_column=name_column,
            )
        points = sheet.cell(row=row, column=column[_POINTS], value=_cell_number(node.points))
        points.number_format = points_format
        target = target_text(indicator)
        sheet.cell(row=row, column=column[_TARGET], value=target or None)
        widths[column[_TARGET]] = max(widths[column[_TARGET]], _display_width(target))
        value, as_percent = format_value(node)
        cell = sheet.cell(row=row, column=column[_VALUE], value=value)
        if as_percent and isinstance(value, Decimal):
            cell.number_format = "0.00%"
        widths[column[_VALUE]] = max(widths[column[_VALUE]], _display_width(str(value or "")))
        if node.awarded is not None:
            awarded = sheet.cell(row=row, column=column[_AWARDED], value=_cell_number(node.awarded))
            awarded.number_format = points_format
        sheet.cell(row=row, column=column[_NOTE], value=node.explanation_zh).alignment = left
        row += 1

    summary = (
        ("合计", _cell_number(result.maximum), _cell_number(result.total), points_format),
        ("得分率", None, _cell_number(result.percentage), points_format + '"%"'),
        ("评价等级", None, result.grade, "General"),
    )
    for label, maximum, value, number_format in summary:
        sheet.cell(row=row, column=2, value=label).font = bold
        sheet.cell(row=row, column=2).alignment = centre
        if 1 + levels > 2:
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=1 + levels)
        if maximum is not None:
            sheet.cell(row=row, column=column[_POINTS], value=maximum).number_format = points_format
        awarded = sheet.cell(row=row, column=column[_AWARDED], value=value)
        awarded.number_format, awarded.font = number_format, bold
        row += 1
    note = {"full": "不适用指标按满分计", "rescale": "不适用指标不计分，其余指标按比例折算"}
    note["exclude"] = "不适用指标不计分，满分相应扣减，得分率按扣减后的满分计算"
    sheet.cell(row=row - 3, column=column[_NOTE], value=note.get(result.policy, "")).alignment = left

    for table_row in sheet.iter_rows(min_row=2, max_row=row - 1, max_col=last):
        for cell in table_row:
            cell.border = border
            if cell.column in (column[_POINTS], column[_AWARDED], column[_TARGET], column[_VALUE]):
                cell.alignment = centre
    for index in range(1, last + 1):
        letter = utils.get_column_letter(index)
        if index == column[_NOTE]:
            sheet.column_dimensions[letter].width = 60
        elif index == column[_CODE]:
            sheet.column_dimensions[letter].width = max(
                8, min(16, 2 + max(len(n.code) for n in result.nodes))
            )
        else:
            sheet.column_dimensions[letter].width = max(8, min(30, widths[index] + 2))
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook


def write_xlsx(result: Result, framework: Framework, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the Excel 自评表 of a scored result (导出自评表).

    Numbers are stored as numbers with number formats (points ``0.00`` at the framework's
    places); a number a spreadsheet cannot hold exactly (more than 15 significant digits) is
    stored as its text, so nothing is lost.

    Args:
        result: The scored result.
        framework: The framework it was scored with.
        path: Where to write the ``.xlsx`` file (or a binary file object).

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        FrameworkError: The result was not scored with this framework.
        OSError: The file cannot be written.
    """
    workbook = to_workbook(result, framework)
    workbook.save(path if hasattr(path, "write") else os.fspath(cast("str", path)))


def _source_name(path: str | os.PathLike[str] | IO[bytes]) -> str:
    if hasattr(path, "read"):
        return str(getattr(path, "name", "workbook"))
    return os.fspath(cast("str", path))


def _open(path: str | os.PathLike[str] | IO[bytes]) -> Any:
    openpyxl = require("openpyxl", "excel")
    exceptions = require("openpyxl.utils.exceptions", "excel")
    name = _source_name(path)
    try:
        return openpyxl.load_workbook(
            path if hasattr(path, "read") else os.fspath(cast("str", path)), data_only=True
        )
    except OSError as error:
        raise FileFormatError(name, f"cannot be read: {error.strerror or error}") from None
    except (zipfile.BadZipFile, exceptions.InvalidFileException, KeyError, ValueError, TypeError) as error:
        raise FileFormatError(name, f"is not an Excel .xlsx workbook ({type(error).__name__})") from None


def _header(sheet: Any, where: str) -> tuple[int, int, int]:
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 20)):
        texts = {str(cell.value).strip(): cell.column for cell in row if isinstance(cell.value, str)}
        if _CODE in texts and _VALUE in texts:
            return row[0].row, texts[_CODE], texts[_VALUE]
    raise FileFormatError(
        where, f"has no header row with the columns {_CODE} and {_VALUE} in its first 20 rows"
    )


def _code_of(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _number(text: str, field: str) -> Decimal:
    try:
        return parse_amount(text, field=field)
    except InvalidNumberError as error:
        raise ObservationError(error.field, error.message) from None


def _read_value(value: object, is_percent: bool, indicator: Indicator, where: str) -> object:
    code = indicator.code
    kind = indicator.rule.kind if indicator.rule is not None else ""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ObservationError(code, f"{where}: {_VALUE} must be a number or text, got {value!r}")
    if not isinstance(value, str):
        number = to_decimal(value, field=code)
        if is_percent and kind != "execution_rate":
            raise ObservationError(
                code,
                f"{where}: the cell is formatted as a percentage ({number * 100}%); type the value in "
                f"the indicator's unit (e.g. {number * 100}) in a cell formatted as a number",
            )
        return number
    text = unicodedata.normalize("NFKC", value).strip()
    if is_not_applicable(text):
        return NOT_APPLICABLE
    if kind in ("qualitative", "execution_rate") and "/" in text:
        first, _, second = (part.strip() for part in text.partition("/"))
        if kind == "qualitative":
            return {"tier": first, "points": _number(second, f"{code}.points")}
        return {"executed": _number(first, f"{code}.executed"), "budget": _number(second, f"{code}.budget")}
    if text.endswith("%"):
        if kind != "execution_rate":
            raise ObservationError(
                code, f"{where}: {text!r} is a percentage; type the value in the indicator's unit"
            )
        return _number(text[:-1], code) / 100
    if kind == "checklist" and not re.fullmatch(r"[\d.,\s]+", text):
        return [name.strip() for name in _SEPARATORS.split(text) if name.strip()]
    if kind == "qualitative":
        raise ObservationError(code, f"{where}: a qualitative value is written tier/points, e.g. 达成/9")
    return _number(text, code)


def load_observations_xlsx(
    path: str | os.PathLike[str] | IO[bytes], framework: Framework
) -> dict[str, object]:
    """Read the values a unit filled into a 自评表 (读取自评表的实际完成值).

    The sheet 自评表 (or else the first sheet) must have a header row, within its first 20 rows,
    with the columns 编码 and 实际完成值; each row whose 编码 is a leaf's code gives that leaf's
    observation. Rows without a 编码 are ignored; a parent's row must leave 实际完成值 empty.

    How a cell is read, by the leaf's rule: a number is itself (a percentage-formatted number
    only for an execution rate, where it is the ratio; elsewhere it is refused, since 95% would
    silently become 0.95); 不适用, 不涉及 or N/A is :data:`~perfscore.NOT_APPLICABLE`; text is
    read as a printed figure (``"1,200"``, full-width digits). A qualitative leaf is written
    ``达成/9`` (tier/points); an execution rate may be ``executed/budget`` (``95.12/100``) or
    ``95.12%``; a checklist takes a count or the missing items' names separated by 、 or commas.

    Args:
        path: The ``.xlsx`` file (or a binary file object).
        framework: The framework whose leaves the rows give.

    Returns:
        Observations by leaf code, ready for :meth:`perfscore.Framework.score`.

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        FileFormatError: The file cannot be read, is not a workbook, or has no header row.
        ObservationError: A code is unknown or repeated, a leaf is missing or empty, or a value
            cannot be read; the message starts with the code and names the row.
    """
    workbook = _open(path)
    name = _source_name(path)
    sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]
    header, code_column, value_column = _header(sheet, name)
    observations: dict[str, object] = {}
    rows: dict[str, int] = {}
    for row in sheet.iter_rows(min_row=header + 1):
        cells = {cell.column: cell for cell in row}
        code_cell = cells.get(code_column)
        code = _code_of(code_cell.value if code_cell is not None else None)
        if code is None:
            continue
        where = f"row {row[0].row}"
        if code not in framework:
            raise ObservationError(code, f"{where}: is not an indicator of {framework.name}")
        if code in rows:
            raise ObservationError(code, f"{where}: the code is already in row {rows[code]}")
        rows[code] = row[0].row
        indicator = framework[code]
        value_cell = cells.get(value_column)
        value = value_cell.value if value_cell is not None else None
        if isinstance(value, str) and not value.strip():
            value = None
        if not indicator.is_leaf:
            if value is not None:
                raise ObservationError(code, f"{where}: is a parent indicator: leave {_VALUE} empty")
            continue
        if value is None:
            raise ObservationError(
                code, f"{where}: {_VALUE} is empty (write 不适用 if the indicator does not apply)"
            )
        is_percent = "%" in str(value_cell.number_format if value_cell is not None else "")
        observations[code] = _read_value(value, is_percent, indicator, where)
    for leaf in framework.leaves():
        if leaf.code not in observations:
            raise ObservationError(
                leaf.code, f"has no row in {name} (its {_CODE} must be in the {_CODE} column)"
            )
    return observations
