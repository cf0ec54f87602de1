"""The Excel 项目支出绩效自评表 (self-evaluation form): write it filled or blank, read it back.

Public through `perfscore.report`. openpyxl is imported lazily (the ``excel`` extra).

The sheet 自评表 is laid out as finance offices print the form of 财预〔2020〕10号, nine columns
A–I on one A4 landscape page width:

* the title 项目支出绩效自评表 and the year (（2022年度）);
* 项目名称; 主管部门 and 实施单位;
* the 项目资金（万元） block: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 for the rows
  年度资金总额, 其中：本年财政拨款, 上年结转资金, 其他资金. 分值 and 得分 are those of the
  framework's first-level 预算执行率 leaf (an [ExecutionRate][perfscore.rules.ExecutionRate]
  leaf), which therefore has no row in the indicator table;
* 年度总体目标: 预期目标 and 实际完成情况;
* 绩效指标: 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分,
  偏差原因分析及改进措施, one row per leaf. A first-level cell reads ``产出指标（50分）`` and is
  merged down over its leaves, a second-level cell likewise; a leaf above the third level has its
  name merged across the remaining level columns; a leaf below the third level is written in the
  三级指标 column with the names of its ancestors below the second level, joined by ``／``
  (``培训／线上课程``);
* 总分, then the signature rows 填表人, 联系电话, 填报日期, 单位负责人.

A hidden column J (编码) holds each leaf's code, so that the form maps back to the framework when
it is read again; rows without a code are matched by their 一级/二级/三级指标 names. A second
sheet, 评分说明, explains every score (filled form only).
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any, Final, cast

from perfscore._optional import require
from perfscore.errors import (
    FileFormatError,
    FrameworkError,
    InvalidNumberError,
    ObservationError,
    PerfscoreError,
)
from perfscore.framework import Framework, Indicator
from perfscore.funds import FundsRow, ProjectFunds
from perfscore.numbers import parse_amount, percent, to_decimal
from perfscore.observations import Metadata, Observations
from perfscore.rules import (
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Manual,
    Qualitative,
    Reverse,
)
from perfscore.scoring import NOT_APPLICABLE, NodeResult, Result, is_not_applicable

__all__ = [
    "EXPLANATION_SHEET",
    "FONT_NAME",
    "FORM_TITLE",
    "SHEET_TITLE",
    "blank_workbook",
    "format_value",
    "level_heading",
    "load_observations_xlsx",
    "target_text",
    "to_workbook",
    "write_blank_xlsx",
    "write_xlsx",
]

SHEET_TITLE: Final = "自评表"
"""The name of the sheet perfscore writes and reads first."""
EXPLANATION_SHEET: Final = "评分说明"
"""The sheet with the explanation of every score (filled form only)."""
FORM_TITLE: Final = "项目支出绩效自评表"
"""The form's printed title."""
FONT_NAME: Final = "宋体"
"""The font of every cell: 宋体 (SimSun), as finance offices print. The cells also carry the
GB2312 character set, so that Excel, WPS and LibreOffice substitute a Chinese font where 宋体
is not installed (LibreOffice on Linux: Noto Serif/Sans CJK, WenQuanYi).
"""
_GB2312: Final = 134

# Columns of the form (1-based): A label, B–D levels, E–I the rest; J the hidden 编码.
_LABEL, _LEVEL1, _LEVEL2, _LEVEL3, _TARGET, _VALUE, _POINTS, _AWARDED, _REASON = range(1, 10)
_LAST: Final = _REASON
_CODE_COLUMN: Final = 10
# The 项目资金 block's columns.
_FUNDS_COLUMNS: Final = {"initial": 4, "annual": 5, "executed": 6}
_FUNDS_POINTS, _FUNDS_RATE, _FUNDS_AWARDED = 7, 8, 9
_FUNDS_ROWS: Final = (
    ("total", "年度资金总额"),
    ("fiscal", "其中：本年财政拨款"),
    ("carryover", "上年结转资金"),
    ("other", "其他资金"),
)

_CODE: Final = "编码"
_H_LEVELS: Final = ("一级指标", "二级指标", "三级指标")
_H_TARGET: Final = "年度指标值"
_H_VALUE: Final = "实际完成值"
_H_POINTS: Final = "分值"
_H_AWARDED: Final = "得分"
_H_REASON: Final = "偏差原因分析及改进措施"
# The headers a form must have, the one a wrong workbook most surely lacks first.
_REQUIRED: Final = (_H_TARGET, _H_VALUE, *_H_LEVELS, _H_POINTS, _H_AWARDED)
_SIGNATURES: Final = (("填表人：", 1, 3), ("联系电话：", 4, 5), ("填报日期：", 6, 7), ("单位负责人：", 8, 9))
_PATH_SEPARATOR: Final = "／"
_NUMERALS: Final = "一二三四五六七八九十"
_SEPARATORS: Final = re.compile(r"[、,，;；]")
_POINTS_SUFFIX: Final = re.compile(r"\s*[（(]\s*[\d.]+\s*分\s*[)）]\s*$")
_YEAR: Final = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
# The control characters a spreadsheet cell cannot hold (as openpyxl refuses them).
_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Numbers whose 15-significant-digit text survives a double: openpyxl writes "%.16g" of a float.
_MAX_DIGITS: Final = 15
# Column widths (Excel character units): minimum and maximum; the text decides in between.
_WIDTHS: Final = {
    _LABEL: (7, 7),
    _LEVEL1: (11, 14),
    _LEVEL2: (11, 14),
    _LEVEL3: (18, 30),
    _TARGET: (12, 22),
    _VALUE: (12, 20),
    _POINTS: (8, 8),
    _AWARDED: (8, 9),
    _REASON: (22, 34),
}
# Tier names as forms print them (达成预期指标) → the tier of the Qualitative rule.
_PRINTED_TIERS: Final = (("部分达成", "部分达成"), ("未达成", "未达成"), ("达成", "达成"))


def level_heading(level: int) -> str:
    """The heading of an indicator level: 一级指标, 二级指标, … 十六级指标."""
    numeral = _NUMERALS[level - 1] if level <= 10 else "十" + _NUMERALS[level - 11]
    return f"{numeral}级指标"


def _text(number: Decimal) -> str:
    return format(number, "f")


def _points_text(number: Decimal) -> str:
    return _text(number.normalize()) if number == number.to_integral_value() else _text(number)


def target_text(indicator: Indicator) -> str:
    """The 年度指标值 the form shows: the indicator's ``target`` text, or one derived from its rule.

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


def _execution_ratio(value: object) -> Decimal | None:
    """The 执行率 of an execution-rate observation, as an exact ratio (``None`` if not one)."""
    from perfscore.rates import execution_rate  # noqa: PLC0415

    try:
        if isinstance(value, ProjectFunds):
            return value.execution()
        if isinstance(value, Mapping):
            return execution_rate(to_decimal(value["executed"]), to_decimal(value["budget"]))
        return to_decimal(value)
    except (PerfscoreError, KeyError):
        return None


def format_value(node: NodeResult, unit: str | None = None) -> tuple[Decimal | str | None, bool]:
    """The 实际完成值 cell of a node: its value as printed, and whether it is a ratio shown as a percentage.

    A number is followed by the indicator's unit (``92%``, ``8个``; a number without a unit stays
    a number); a qualitative value is its tier (达成, 部分达成, 未达成), or ``tier/points`` when the
    points carry more places than the 得分 cell shows; an execution rate given as amounts reads
    ``95.12/100`` (executed/budget), given as a ratio or a 项目资金 block a number formatted as a
    percentage; a checklist's missing items their names joined by 、; not applicable 不适用.

    Args:
        node: A node of a result.
        unit: The indicator's unit, printed after a number.

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
            tier, points = value["tier"], to_decimal(value["points"])
        else:
            tier, points = cast("Sequence[Any]", value)[0], to_decimal(cast("Sequence[Any]", value)[1])
        if node.awarded is not None and points == node.awarded:
            return str(tier), False
        return f"{tier}/{_text(points)}", False
    if node.rule == "execution_rate":
        if isinstance(value, Mapping):
            executed, budget = to_decimal(value["executed"]), to_decimal(value["budget"])
            return f"{_text(executed)}/{_text(budget)}", False
        ratio = _execution_ratio(value)
        return (_cell_number(ratio) if ratio is not None else _number_or_text(value)), True
    if node.rule == "checklist" and isinstance(value, (list, tuple)):
        return ("、".join(str(item) for item in value) if value else Decimal(0)), False
    number = _number_or_text(value)
    if unit and isinstance(number, Decimal):
        return f"{_text(number)}{unit}", False
    return number, False


def _title(name: str) -> str:
    # One title, never two: "…自评表（财预〔2020〕10号）" is printed "…自评表", "…自评（示例）"
    # "…自评表"; a name that is no form's title (a project's) leaves the form's own title.
    if "自评表" in name:
        return name[: name.index("自评表") + 3]
    base = re.sub(r"[（(][^（）()]*[)）]\s*$", "", name).strip()
    if base.endswith("自评"):
        return base + "表"
    return FORM_TITLE


def _number_format(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _check_text(texts: list[tuple[str, str, bool]]) -> None:
    for where, text, observed in texts:
        match = _ILLEGAL.search(text)
        if match is not None:
            error = ObservationError if observed else FrameworkError
            raise error(where, f"contains a control character a spreadsheet cannot hold: {match.group()!r}")


def _framework_texts(framework: Framework) -> list[tuple[str, str, bool]]:
    texts: list[tuple[str, str, bool]] = [("framework.name", framework.name, False)]
    for indicator, _ in framework.walk():
        texts += [(f"{indicator.code}.code", indicator.code, False)]
        texts += [(f"{indicator.code}.name", indicator.name, False)]
        for key in ("target", "unit"):
            text = getattr(indicator, key)
            if text is not None:
                texts.append((f"{indicator.code}.{key}", text, False))
    return texts


def _check_match(result: Result, framework: Framework) -> None:
    codes = [indicator.code for indicator, _ in framework.walk()]
    if result.framework != framework.name or [node.code for node in result.nodes] != codes:
        raise FrameworkError(
            "framework", f"is {framework.name!r}, but the result was scored with {result.framework!r}"
        )


# --- the layout, shared by the writer and the reader --------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One row of the indicator table: a leaf and the texts of its three level columns."""

    leaf: Indicator
    first: Indicator
    second: Indicator | None
    third: str | None


def _funds_leaf(framework: Framework) -> Indicator | None:
    """The first-level 预算执行率 leaf, whose 分值 and 得分 the 项目资金 block shows."""
    for indicator in framework.indicators:
        if indicator.is_leaf and isinstance(indicator.rule, ExecutionRate):
            return indicator
    return None


def _deep_leaves(indicator: Indicator, path: tuple[str, ...]) -> Iterator[tuple[Indicator, str]]:
    here = (*path, indicator.name)
    if indicator.is_leaf:
        yield indicator, _PATH_SEPARATOR.join(here)
        return
    for child in indicator.children:
        yield from _deep_leaves(child, here)


def _table_rows(framework: Framework) -> list[_Row]:
    funds_leaf = _funds_leaf(framework)
    rows: list[_Row] = []
    for first in framework.indicators:
        if first is funds_leaf:
            continue
        if first.is_leaf:
            rows.append(_Row(first, first, None, None))
            continue
        for second in first.children:
            if second.is_leaf:
                rows.append(_Row(second, first, second, None))
                continue
            for third in second.children:
                rows.extend(_Row(leaf, first, second, text) for leaf, text in _deep_leaves(third, ()))
    return rows


def _first_text(indicator: Indicator) -> str:
    return f"{indicator.name}（{_points_text(indicator.points)}分）"


# --- writing -------------------------------------------------------------------------------------


@dataclass
class _Sheet:
    """The sheet being written, with the styles of the form."""

    sheet: Any
    styles: Any
    widths: dict[int, int] = field(default_factory=dict)

    def font(self, *, bold: bool = False, size: float = 10.5) -> Any:
        return self.styles.Font(name=FONT_NAME, charset=_GB2312, bold=bold, size=size)

    def put(
        self,
        row: int,
        column: int,
        value: object,
        *,
        end: int | None = None,
        down: int | None = None,
        bold: bool = False,
        align: str = "center",
        fit: bool = True,
    ) -> Any:
        cell = self.sheet.cell(row=row, column=column, value=value)
        cell.font = self.font(bold=bold)
        cell.alignment = self.styles.Alignment(horizontal=align, vertical="center", wrap_text=True)
        if (end is not None and end > column) or (down is not None and down > row):
            self.sheet.merge_cells(
                start_row=row, start_column=column, end_row=down or row, end_column=end or column
            )
        if fit and value is not None and (end is None or end == column):
            self.widths[column] = max(self.widths.get(column, 0), _display_width(str(value)))
        return cell


def _funds_block(observations: Mapping[str, object] | None, node: NodeResult | None) -> ProjectFunds | None:
    if isinstance(observations, Observations) and observations.funds is not None:
        return observations.funds
    if node is not None and isinstance(node.value, ProjectFunds):
        return node.value
    return None


def _write_form(
    framework: Framework,
    result: Result | None,
    observations: Mapping[str, object] | None,
) -> Any:
    openpyxl = require("openpyxl", "excel")
    styles = require("openpyxl.styles", "excel")
    utils = require("openpyxl.utils", "excel")
    given = observations if isinstance(observations, Observations) else None
    meta = given.meta if given is not None else Metadata()
    reasons: Mapping[str, str] = given.reasons if given is not None else {}
    texts = _framework_texts(framework)
    for key in ("project", "department", "implementer", "goal", "outcome", "unit"):
        text = getattr(meta, key, None)
        if isinstance(text, str):
            texts.append((f"meta.{key}", text, True))
    texts += [(f"reasons.{code}", text, True) for code, text in reasons.items()]
    nodes = {node.code: node for node in result.nodes} if result is not None else {}
    for node in nodes.values():
        value, _ = format_value(node)
        if isinstance(value, str):
            texts.append((node.code, value, True))
    _check_text(texts)

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    out = _Sheet(sheet, styles)
    places = framework.places
    points_format = _number_format(places)

    # Title and year: once each (the print titles repeat the table header, not the title).
    title = out.put(1, 1, _title(framework.name), end=_LAST, fit=False)
    title.font = out.font(bold=True, size=18)
    sheet.row_dimensions[1].height = 30
    year = meta.year
    out.put(2, 1, f"（{year}年度）" if year else "（      年度）", end=_LAST, fit=False)
    sheet.row_dimensions[2].height = 20

    # 项目名称, 主管部门, 实施单位.
    department = meta.department
    implementer = meta.implementer or meta.unit
    out.put(3, _LABEL, "项目名称", end=_LEVEL1)
    out.put(3, _LEVEL2, meta.project, end=_LAST, align="left", fit=False)
    out.put(4, _LABEL, "主管部门", end=_LEVEL1)
    out.put(4, _LEVEL2, department, end=_TARGET, align="left", fit=False)
    out.put(4, _VALUE, "实施单位")
    out.put(4, _POINTS, implementer, end=_LAST, align="left", fit=False)

    # 项目资金（万元）.
    funds_leaf = _funds_leaf(framework)
    funds_node = nodes.get(funds_leaf.code) if funds_leaf is not None else None
    funds = _funds_block(observations, funds_node)
    currency = getattr(funds, "currency", "万元") if funds is not None else "万元"
    out.put(5, _LABEL, f"项目资金（{currency}）", down=9)
    out.put(5, _LEVEL1, None, end=_LEVEL2)
    for name, column in _FUNDS_COLUMNS.items():
        out.put(5, column, {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}[name])
    out.put(5, _FUNDS_POINTS, _H_POINTS)
    out.put(5, _FUNDS_RATE, "执行率")
    out.put(5, _FUNDS_AWARDED, _H_AWARDED)
    for offset, (key, label) in enumerate(_FUNDS_ROWS):
        row = 6 + offset
        out.put(row, _LEVEL1, label, end=_LEVEL2, align="left" if offset else "center")
        amounts: dict[str, Decimal | None] = {}
        funds_row = getattr(funds, key) if funds is not None else None
        if funds_row is not None:
            amounts = {name: getattr(funds_row, name) for name in _FUNDS_COLUMNS}
        elif key == "total" and funds_node is not None:
            pair = funds_node.value
            if isinstance(pair, Mapping) and set(pair) == {"executed", "budget"}:
                amounts = {"annual": to_decimal(pair["budget"]), "executed": to_decimal(pair["executed"])}
        for name, column in _FUNDS_COLUMNS.items():
            amount = amounts.get(name)
            cell = out.put(row, column, _cell_number(amount) if amount is not None else None)
            cell.number_format = "#,##0.00####"
        if offset:
            for column in (_FUNDS_POINTS, _FUNDS_RATE, _FUNDS_AWARDED):
                out.put(row, column, "—")
            continue
        if funds_leaf is not None:
            out.put(row, _FUNDS_POINTS, _cell_number(funds_leaf.points)).number_format = "General"
            sheet.cell(row=row, column=_CODE_COLUMN, value=funds_leaf.code)
        ratio = None
        if funds_node is not None and funds_node.value is not NOT_APPLICABLE:
            ratio = _execution_ratio(funds_node.value)
        elif funds is not None:
            ratio = _execution_ratio(funds)
        if funds_node is not None and funds_node.value is NOT_APPLICABLE:
            out.put(row, _FUNDS_RATE, "不适用")
        else:
            shown: Decimal | str | None = None
            if ratio is not None:
                given_ratio = funds_node is not None and not isinstance(
                    funds_node.value, (Mapping, ProjectFunds)
                )
                # A ratio given as the observation is the cell read back: exact. From amounts
                # (which the block shows) the cell only displays the rate: to hundredths of a %.
                shown = _cell_number(ratio) if given_ratio else percent(ratio) / 100
            rate = out.put(row, _FUNDS_RATE, shown)
            rate.number_format = "0.00%"
        if funds_node is not None and funds_node.awarded is not None:
            awarded = out.put(row, _FUNDS_AWARDED, _cell_number(funds_node.awarded))
            awarded.number_format = points_format
        elif funds_leaf is None:
            out.put(row, _FUNDS_POINTS, "—")
            out.put(row, _FUNDS_AWARDED, "—")

    # 年度总体目标.
    out.put(10, _LABEL, "年度总体目标", down=11)
    out.put(10, _LEVEL1, "预期目标", end=_TARGET)
    out.put(10, _VALUE, "实际完成情况", end=_LAST)
    goal, outcome = meta.goal, meta.outcome
    out.put(11, _LEVEL1, goal, end=_TARGET, align="left", fit=False)
    out.put(11, _VALUE, outcome, end=_LAST, align="left", fit=False)

    # 绩效指标.
    header = 12
    rows = _table_rows(framework)
    last_row = header + len(rows)
    out.put(header, _LABEL, "绩效指标", down=max(last_row, header))
    for column, heading in zip(
        range(_LEVEL1, _LAST + 1),
        (*_H_LEVELS, _H_TARGET, _H_VALUE, _H_POINTS, _H_AWARDED, _H_REASON),
        strict=True,
    ):
        out.put(header, column, heading, bold=True)
    sheet.cell(row=header, column=_CODE_COLUMN, value=_CODE)
    spans: dict[str, tuple[int, int]] = {}
    for index, table_row in enumerate(rows):
        row = header + 1 + index
        leaf = table_row.leaf
        for indicator in (table_row.first, table_row.second):
            if indicator is not None and indicator is not leaf:
                start, _ = spans.get(indicator.code, (row, row))
                spans[indicator.code] = (start, row)
        if table_row.second is None:
            out.put(row, _LEVEL1, _first_text(leaf), end=_LEVEL3, align="left")
        elif table_row.third is None:
            out.put(row, _LEVEL2, leaf.name, end=_LEVEL3, align="left")
        else:
            out.put(row, _LEVEL3, table_row.third, align="left")
        out.put(row, _TARGET, target_text(leaf) or None)
        out.put(row, _POINTS, _cell_number(leaf.points)).number_format = "General"
        leaf_node = nodes.get(leaf.code)
        if leaf_node is not None:
            shown, as_percent = format_value(leaf_node, leaf.unit)
            cell = out.put(row, _VALUE, shown)
            if as_percent and isinstance(shown, Decimal):
                cell.number_format = "0.00%"
            if leaf_node.awarded is not None:
                # A row may round to its own places (Indicator.places, where the framework has it).
                row_places = getattr(leaf, "places", None)
                row_format = points_format if row_places is None else _number_format(row_places)
                out.put(row, _AWARDED, _cell_number(leaf_node.awarded)).number_format = row_format
            else:
                out.put(row, _AWARDED, "—")
        else:
            out.put(row, _VALUE, None)
            out.put(row, _AWARDED, None)
        out.put(row, _REASON, reasons.get(leaf.code), align="left", fit=False)
        sheet.cell(row=row, column=_CODE_COLUMN, value=leaf.code)
    for code, (start, end) in spans.items():
        indicator = framework[code]
        level = 1 if indicator in framework.indicators else 2
        column = _LEVEL1 if level == 1 else _LEVEL2
        text = _first_text(indicator) if level == 1 else indicator.name
        out.put(start, column, text, down=end)

    # 总分.
    total_row = last_row + 1
    out.put(total_row, _LABEL, "总分", end=_VALUE, bold=True, fit=False)
    out.put(total_row, _POINTS, _cell_number(framework.maximum), bold=True).number_format = "General"
    total = out.put(
        total_row, _AWARDED, _cell_number(result.total) if result is not None else None, bold=True
    )
    total.number_format = points_format
    out.put(
        total_row, _REASON, f"评价等级：{result.grade}" if result is not None else "评价等级：", align="left"
    )

    thin = styles.Side(style="thin")
    border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    for table_row_cells in sheet.iter_rows(min_row=3, max_row=total_row, max_col=_LAST):
        for cell in table_row_cells:
            cell.border = border
            if cell.value is None:
                cell.font = out.font()

    # Signature rows, without borders.
    signature = total_row + 2
    for label, start, end in _SIGNATURES:
        out.put(signature, start, label, end=end, align="left", fit=False)
    sheet.row_dimensions[signature].height = 24

    # Column widths from the text, within bounds sized for CJK text (2 units a character).
    for column, (low, high) in _WIDTHS.items():
        width = max(low, min(high, out.widths.get(column, 0) + 2))
        sheet.column_dimensions[utils.get_column_letter(column)].width = width
    code_letter = utils.get_column_letter(_CODE_COLUMN)
    sheet.column_dimensions[code_letter].hidden = True
    for cell_row in sheet.iter_rows(
        min_row=header, max_row=total_row, min_col=_CODE_COLUMN, max_col=_CODE_COLUMN
    ):
        for cell in cell_row:
            cell.font = out.font()

    # Row heights: wrapped text needs lines (LibreOffice recomputes them, Excel does not).
    def columns_width(first: int, last: int) -> float:
        return sum(
            float(sheet.column_dimensions[utils.get_column_letter(c)].width or 8)
            for c in range(first, last + 1)
        )

    _fit_height(
        sheet, 11, [(goal, columns_width(_LEVEL1, _TARGET)), (outcome, columns_width(_VALUE, _LAST))], low=44
    )
    for row in range(header + 1, last_row + 1):
        cells = [
            (sheet.cell(row=row, column=column).value, columns_width(column, column))
            for column in (_LEVEL3, _TARGET, _VALUE, _REASON)
        ]
        _fit_height(sheet, row, cells)

    for row in (3, 4, 5, 6, 7, 8, 9, 10, header):
        sheet.row_dimensions[row].height = 20
    # Printing: A4 landscape, one page wide, the table header repeated on every page.
    setup = sheet.page_setup
    setup.paperSize = 9  # A4
    setup.orientation = "landscape"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_area = f"A1:{utils.get_column_letter(_LAST)}{signature}"
    sheet.print_title_rows = f"{header}:{header}"

    if result is not None:
        _write_explanations(workbook, result, out)
    return workbook


def _fit_height(sheet: Any, row: int, cells: Sequence[tuple[object, float]], *, low: float = 22) -> None:
    lines = 1
    for value, width in cells:
        if value is None:
            continue
        for paragraph in str(value).splitlines() or [""]:
            lines = max(lines, math.ceil(_display_width(paragraph) / max(width - 1, 1)) or 1)
    sheet.row_dimensions[row].height = max(low, 14.5 * lines + 4)


def _write_explanations(workbook: Any, result: Result, out: _Sheet) -> None:
    sheet = workbook.create_sheet(EXPLANATION_SHEET)
    styles = out.styles
    font, bold = out.font(), out.font(bold=True)
    headings = (_CODE, "指标", _H_POINTS, _H_AWARDED, "说明")
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=1, column=column, value=heading)
        cell.font = bold
    points_format = _number_format(result.places)
    row = 2
    for node in result.nodes:
        sheet.cell(row=row, column=1, value=node.code).font = font
        sheet.cell(row=row, column=2, value="　" * (node.level - 1) + node.name).font = font
        points = sheet.cell(row=row, column=3, value=_cell_number(node.maximum or node.points))
        points.font, points.number_format = font, "General"
        if node.awarded is not None:
            awarded = sheet.cell(row=row, column=4, value=_cell_number(node.awarded))
            awarded.font, awarded.number_format = font, points_format
        note = sheet.cell(row=row, column=5, value=node.explanation_zh)
        note.font = font
        note.alignment = styles.Alignment(wrap_text=True, vertical="center")
        row += 1
    policy = {"full": "不适用指标按满分计", "rescale": "不适用指标不计分，其余指标按比例折算"}
    policy["exclude"] = "不适用指标不计分，满分相应扣减，得分率按扣减后的满分计算"
    sheet.cell(row=row, column=2, value="总分").font = bold
    sheet.cell(row=row, column=3, value=_cell_number(result.maximum)).font = bold
    total = sheet.cell(row=row, column=4, value=_cell_number(result.total))
    total.font, total.number_format = bold, points_format
    sheet.cell(
        row=row,
        column=5,
        value=f"得分率 {result.percentage}%，等级 {result.grade}；{policy.get(result.policy, '')}",
    ).font = font
    for letter, width in zip("ABCDE", (10, 30, 8, 8, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.paperSize = 9  # A4, landscape, one page wide, like the form
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def to_workbook(
    result: Result, framework: Framework, *, observations: Mapping[str, object] | None = None
) -> Any:
    """The filled 项目支出绩效自评表 of a scored result as an openpyxl workbook (to adjust before saving).

    Args:
        result: The scored result.
        framework: The framework it was scored with (for 年度指标值 and the levels).
        observations: The observations it was scored from, when they are an
            [Observations][perfscore.observations.Observations]: their metadata fill the header (项目名称,
            主管部门, 实施单位, 年度, 年度总体目标), their 项目资金 block the block, their
            reasons the 偏差原因分析及改进措施 column.

    Returns:
        An ``openpyxl.Workbook`` with the sheets 自评表 and 评分说明.

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        FrameworkError: The result was not scored with this framework, or a name holds a
            control character a spreadsheet cannot hold.
        ObservationError: An observation's text holds such a character.
    """
    require("openpyxl", "excel")
    _check_match(result, framework)
    return _write_form(framework, result, observations)


def blank_workbook(framework: Framework, *, meta: Metadata | None = None) -> Any:
    """The blank 项目支出绩效自评表 of a framework, to hand out (空白自评表).

    The same layout as the filled form, with 分值 and 年度指标值 printed and the cells the unit
    fills left empty: 实际完成值, 得分, 偏差原因分析及改进措施, the 项目资金 amounts and the
    header. [load_observations_xlsx][perfscore.report.load_observations_xlsx] reads it back once
    filled in.

    Args:
        framework: The framework (a built-in one: `perfscore.frameworks.load_builtin`).
        meta: Header fields to print already (项目名称, 主管部门, 实施单位, 年度).

    Returns:
        An ``openpyxl.Workbook`` with the sheet 自评表.

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        FrameworkError: A name holds a control character a spreadsheet cannot hold.
    """
    return _write_form(framework, None, Observations({}, meta=meta or Metadata()))


def _save(workbook: Any, path: str | os.PathLike[str] | IO[bytes]) -> None:
    workbook.save(path if hasattr(path, "write") else os.fspath(cast("str", path)))


def write_xlsx(
    result: Result,
    framework: Framework,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    observations: Mapping[str, object] | None = None,
) -> None:
    """Write the filled 项目支出绩效自评表 of a scored result (导出自评表).

    Numbers are stored as numbers with number formats (得分 at the framework's places); a number
    a spreadsheet cannot hold exactly (more than 15 significant digits) is stored as its text, so
    nothing is lost. See [to_workbook][perfscore.report.to_workbook] for ``observations``.

    Args:
        result: The scored result.
        framework: The framework it was scored with.
        path: Where to write the ``.xlsx`` file (or a binary file object).
        observations: The observations it was scored from (header, 项目资金, reasons).

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        FrameworkError: The result was not scored with this framework.
        OSError: The file cannot be written.
    """
    _save(to_workbook(result, framework, observations=observations), path)


def write_blank_xlsx(
    framework: Framework, path: str | os.PathLike[str] | IO[bytes], *, meta: Metadata | None = None
) -> None:
    """Write the blank 项目支出绩效自评表 of a framework (``perfscore form NAME -o f.xlsx``).

    Args:
        framework: The framework.
        path: Where to write the ``.xlsx`` file (or a binary file object).
        meta: Header fields to print already.

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        OSError: The file cannot be written.
    """
    _save(blank_workbook(framework, meta=meta), path)


# --- reading -------------------------------------------------------------------------------------


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


def _squeeze(value: object) -> str:
    # Headers as forms print them: "年度\n指标值", "绩 效 指 标", full-width forms.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))) if value is not None else ""


class _Grid:
    """The cells of a sheet, with merged ranges resolved to their top-left value."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.title = str(sheet.title)
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    self.owner[(row, column)] = (merged.min_row, merged.min_col)

    def cell(self, row: int, column: int) -> Any:
        return self.sheet.cell(row=row, column=column)

    def value(self, row: int, column: int, *, across: bool = True) -> object:
        """The value shown at a cell; ``across=False`` ignores a merge that starts to the left."""
        top, left = self.owner.get((row, column), (row, column))
        if not across and left < column:
            return None
        value = self.sheet.cell(row=top, column=left).value
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def where(self, row: int, column: int) -> str:
        utils = require("openpyxl.utils", "excel")
        return f"{self.title}!{utils.get_column_letter(column)}{row}"


def _find(grid: _Grid, text: str, *, rows: range) -> tuple[int, int] | None:
    for row in rows:
        for column in range(1, min(grid.sheet.max_column, 30) + 1):
            value = grid.sheet.cell(row=row, column=column).value
            if isinstance(value, str) and _squeeze(value) == text:
                return row, column
    return None


def _header(grid: _Grid, name: str) -> tuple[int, dict[str, int]]:
    best: tuple[int, dict[str, int]] = (0, {})
    for row in range(1, min(grid.sheet.max_row, 60) + 1):
        texts: dict[str, int] = {}
        for column in range(1, min(grid.sheet.max_column, 30) + 1):
            value = grid.sheet.cell(row=row, column=column).value
            if isinstance(value, str):
                texts.setdefault(_squeeze(value), column)
        found: dict[str, int] = {
            heading: texts[heading] for heading in (*_REQUIRED, _H_REASON, _CODE) if heading in texts
        }
        if len(set(found) & set(_REQUIRED)) > len(set(best[1]) & set(_REQUIRED)):
            best = (row, found)
    row, columns = best
    missing = [heading for heading in _REQUIRED if heading not in columns]
    if missing:
        raise FileFormatError(name, f"not a {FORM_TITLE}: missing header {'、'.join(missing)}")
    return row, columns


def _number(text: str, where: str, what: str) -> Decimal:
    try:
        return parse_amount(text, field=where)
    except InvalidNumberError as error:
        raise ObservationError(where, f"{what}: {error.message}") from None


def _tier(text: str) -> str:
    for printed, tier in _PRINTED_TIERS:
        if text.startswith(printed):
            return tier
    return text


def _read_value(
    value: object, is_percent: bool, indicator: Indicator, *, awarded: object, where: str, grid_awarded: str
) -> object:
    what = f"{indicator.code} {indicator.name}"
    kind = indicator.rule.kind if indicator.rule is not None else ""
    unit = unicodedata.normalize("NFKC", indicator.unit).strip() if indicator.unit else None
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ObservationError(where, f"{what}: {_H_VALUE} must be a number or text, got {value!r}")
    if not isinstance(value, str):
        number = to_decimal(value, field=where)
        if is_percent and kind != "execution_rate":
            if unit == "%":  # 92% typed into a cell: Excel keeps 0.92 and a percentage format
                return number * 100
            raise ObservationError(
                where,
                f"{what}: the cell is formatted as a percentage ({number * 100}%); type the value in "
                f"the indicator's unit (e.g. {number * 100}) in a cell formatted as a number",
            )
        if kind == "qualitative":
            raise ObservationError(where, f"{what}: a qualitative value is its tier (达成, 部分达成, 未达成)")
        return number
    text = unicodedata.normalize("NFKC", value).strip()
    if is_not_applicable(text):
        return NOT_APPLICABLE
    if kind in ("qualitative", "execution_rate") and "/" in text:
        first, _, second = (part.strip() for part in text.partition("/"))
        if kind == "qualitative":
            return {"tier": _tier(first), "points": _number(second, where, what)}
        return {"executed": _number(first, where, what), "budget": _number(second, where, what)}
    if kind == "qualitative":
        if awarded is None or (isinstance(awarded, str) and not awarded.strip()):
            raise ObservationError(
                grid_awarded, f"{what}: {_H_AWARDED} is empty: a qualitative indicator's points are its 得分"
            )
        points = awarded if not isinstance(awarded, str) else _number(awarded.strip(), grid_awarded, what)
        return {"tier": _tier(text), "points": to_decimal(points, field=grid_awarded)}
    if text.endswith("%"):
        if kind == "execution_rate":
            return _number(text[:-1], where, what) / 100
        if unit != "%":
            raise ObservationError(
                where, f"{what}: {text!r} is a percentage; type the value in the indicator's unit"
            )
    if kind == "checklist" and not re.fullmatch(r"[\d.,\s]+", text):
        return [name.strip() for name in _SEPARATORS.split(text) if name.strip()]
    try:  # the leaf's own reading of printed values: "8个", "92%", "72,890元" for a 万元 leaf
        observed = indicator.observe(text, field=where)
    except ObservationError as error:
        raise ObservationError(where, f"{what}: {error.message}") from None
    return _number(observed, where, what) if isinstance(observed, str) else observed


def _read_funds(grid: _Grid, header: int) -> tuple[Any, object, str | None]:
    """The 项目资金 block (or ``None``), the 执行率 cell's value, and where the block is."""
    found = _find(grid, "年初预算数", rows=range(1, header))
    if found is None:
        return None, None, None
    top, _ = found
    columns: dict[str, int] = {}
    for column in range(1, min(grid.sheet.max_column, 30) + 1):
        text = _squeeze(grid.sheet.cell(row=top, column=column).value)
        for column_key, heading in (
            ("initial", "年初预算数"),
            ("annual", "全年预算数"),
            ("executed", "全年执行数"),
        ):
            if text == heading:
                columns[column_key] = column
        if text == "执行率":
            columns["rate"] = column
    rows: dict[str, dict[str, Decimal]] = {}
    rate: object = None
    where_rows: dict[str, int] = {}
    for row in range(top + 1, min(top + 8, header)):
        label = "".join(
            _squeeze(grid.value(row, column)) for column in range(1, min(columns.values(), default=3))
        )
        key: str | None = None
        for name, printed in (
            ("total", "年度资金总额"),
            ("fiscal", "财政拨款"),
            ("carryover", "上年结转"),
            ("other", "其他资金"),
        ):
            if printed in label:
                key = name
        if key is None:
            continue
        where_rows[key] = row
        amounts: dict[str, Decimal] = {}
        for name in ("initial", "annual", "executed"):
            if name not in columns:
                continue
            value = grid.value(row, columns[name])
            if value is None:
                continue
            where = grid.where(row, columns[name])
            if isinstance(value, str):
                amounts[name] = _number(unicodedata.normalize("NFKC", value).strip(), where, "项目资金")
            elif isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
                raise ObservationError(where, f"项目资金: must be an amount, got {value!r}")
            else:
                amounts[name] = to_decimal(value, field=where)
        if amounts:
            rows[key] = amounts
        if key == "total" and "rate" in columns:
            rate = grid.value(row, columns["rate"])
            if isinstance(rate, str) and _squeeze(rate) in ("—", "-", "--"):
                rate = None
    total_where = grid.where(where_rows.get("total", top + 1), columns.get("initial", 1))
    if not rows:
        return None, rate, total_where
    try:
        funds = ProjectFunds(
            currency=_currency_of(grid, top),
            **{key: FundsRow(**amounts) for key, amounts in rows.items()},
        )
    except PerfscoreError as error:
        raise ObservationError(total_where, f"项目资金: {error}") from None
    return funds, rate, total_where


def _currency_of(grid: _Grid, top: int) -> str:
    # 项目资金（万元）: the block's label, left of its header row, names the unit of the amounts.
    for column in range(1, 4):
        text = unicodedata.normalize("NFKC", str(grid.value(top, column) or ""))
        match = re.search(r"\(\s*(元|千元|万元|亿元)\s*\)", text)
        if match is not None:
            return match.group(1)
    return "万元"


def _read_meta(grid: _Grid, header: int) -> Metadata:
    def right_of(label: str) -> str | None:
        found = _find(grid, label, rows=range(1, header))
        if found is None:
            return None
        row, column = found
        _, left = grid.owner.get((row, column), (row, column))
        for next_column in range(column + 1, min(grid.sheet.max_column, 30) + 1):
            if grid.owner.get((row, next_column), (row, next_column))[1] == left:
                continue
            value = grid.value(row, next_column)
            return str(value).strip() if value is not None else None
        return None

    year = None
    for row in range(1, min(header, 6)):
        for column in range(1, _LAST + 1):
            match = _YEAR.search(
                unicodedata.normalize("NFKC", str(grid.sheet.cell(row=row, column=column).value or ""))
            )
            if match is not None and 1900 <= int(match.group(1)) <= 2999:
                year = int(match.group(1))
    goal = outcome = None
    found = _find(grid, "预期目标", rows=range(1, header))
    done = _find(grid, "实际完成情况", rows=range(1, header))
    if found is not None:
        value = grid.value(found[0] + 1, found[1])
        goal = str(value).strip() if value is not None else None
    if done is not None:
        value = grid.value(done[0] + 1, done[1])
        outcome = str(value).strip() if value is not None else None
    fields = {
        "project": right_of("项目名称"),
        "department": right_of("主管部门"),
        "implementer": right_of("实施单位"),
        "goal": goal,
        "outcome": outcome,
    }
    return Metadata(year=year, **{name: value for name, value in fields.items() if value})


def _name_of(value: object) -> str:
    return _POINTS_SUFFIX.sub("", unicodedata.normalize("NFKC", str(value)).strip())


def load_observations_xlsx(path: str | os.PathLike[str] | IO[bytes], framework: Framework) -> Observations:
    """Read a filled-in 项目支出绩效自评表 (读取自评表): observations, 项目资金, reasons, header.

    The sheet 自评表 (or else the first sheet) must have the header row of the indicator table
    (一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分). Each row below it, up to 总分,
    gives one leaf, found by its 编码 (the hidden column perfscore writes) or else by its
    一级/二级/三级指标 names as [to_workbook][perfscore.report.to_workbook] lays them out. Rows
    whose 三级指标, 年度指标值, 实际完成值 and 分值 are all empty are skipped (forms leave spare
    rows).

    How a 实际完成值 cell is read, by the leaf's rule and unit: a number is itself; text is read
    as a printed figure (``"1,200"``, full-width digits) after the leaf's unit (``92%`` for a leaf
    in %, ``8个``); a cell formatted as a percentage is the percentage for a leaf in %, the ratio
    for an execution rate, and refused elsewhere (95% would silently become 0.95); 不适用, 不涉及 or
    N/A mark the leaf not applicable. A qualitative leaf gives its tier (达成, 部分达成, 未达成,
    also as printed: 达成预期指标) and its points in 得分 (or ``tier/points``); a checklist a count
    or the missing items' names separated by 、 or commas.

    The 项目资金 block becomes the observation of the first-level 预算执行率 leaf (a
    [ProjectFunds][perfscore.funds.ProjectFunds]), or its 执行率 cell when no amount is given;
    偏差原因分析及改进措施 becomes `Observations.reasons`; 项目名称, 主管部门, 实施单位, the year
    and 年度总体目标 the metadata.

    Args:
        path: The ``.xlsx`` file (or a binary file object).
        framework: The framework whose leaves the rows give.

    Returns:
        Observations ready for `Framework.score`.

    Raises:
        MissingDependencyError: openpyxl is not installed (``pip install 'perfscore[excel]'``).
        FileFormatError: The file cannot be read, is not a workbook, or is not this form
            (``not a 项目支出绩效自评表: missing header 年度指标值``).
        ObservationError: A row names no indicator or repeats one, a leaf is missing or empty, or
            a value cannot be read; the message starts with the sheet and cell (``自评表!F14``)
            and names the indicator.
    """
    workbook = _open(path)
    name = _source_name(path)
    sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]
    grid = _Grid(sheet)
    header, columns = _header(grid, name)
    by_path = {
        (
            _name_of(row.first.name),
            _name_of(row.second.name) if row.second else None,
            unicodedata.normalize("NFKC", row.third).strip() if row.third else None,
        ): row.leaf
        for row in _table_rows(framework)
    }
    observed: dict[str, object] = {}
    reasons: dict[str, str] = {}
    seen: dict[str, int] = {}
    level1, level2, level3 = (columns[heading] for heading in _H_LEVELS)
    for row in range(header + 1, sheet.max_row + 1):
        label = _squeeze(grid.value(row, 1))
        if label.startswith("总分") or label.startswith("合计"):
            break
        code_value = grid.value(row, columns[_CODE]) if _CODE in columns else None
        code = None if code_value is None else _code_text(code_value)
        cells = [grid.value(row, columns[h], across=False) for h in (_H_TARGET, _H_VALUE, _H_POINTS)]
        third = grid.value(row, level3, across=False)
        if code is None:
            if third is None and all(cell is None for cell in cells):
                continue  # a spare row, as forms leave under a 二级指标
            first = grid.value(row, level1)
            second = grid.value(row, level2, across=False)
            key = (
                _name_of(first) if first is not None else "",
                None if second is None else _name_of(second),
                None if third is None else unicodedata.normalize("NFKC", str(third)).strip(),
            )
            leaf = by_path.get(key)
            if leaf is None:
                shown = " / ".join(part for part in key if part)
                raise ObservationError(
                    grid.where(row, level1), f"{shown!r} is not an indicator of {framework.name}"
                )
        else:
            if code not in framework:
                raise ObservationError(
                    grid.where(row, columns[_CODE]), f"{code}: is not an indicator of {framework.name}"
                )
            leaf = framework[code]
            if not leaf.is_leaf:
                raise ObservationError(
                    grid.where(row, columns[_CODE]), f"{code}: is a parent indicator, not a row"
                )
        where = grid.where(row, columns[_H_VALUE])
        if leaf.code in seen:
            raise ObservationError(
                where, f"{leaf.code} {leaf.name}: the indicator is already in row {seen[leaf.code]}"
            )
        seen[leaf.code] = row
        value_cell = grid.cell(row, columns[_H_VALUE])
        value = grid.value(row, columns[_H_VALUE], across=False)
        awarded = grid.value(row, columns[_H_AWARDED], across=False)
        if isinstance(leaf.rule, Manual) and value is None:
            value = awarded
        if value is None:
            raise ObservationError(
                where,
                f"{leaf.code} {leaf.name}: {_H_VALUE} is empty "
                "(write 不适用 if the indicator does not apply)",
            )
        is_percent = "%" in str(value_cell.number_format or "")
        observed[leaf.code] = _read_value(
            value,
            is_percent,
            leaf,
            awarded=awarded,
            where=where,
            grid_awarded=grid.where(row, columns[_H_AWARDED]),
        )
        if _H_REASON in columns:
            reason = grid.value(row, columns[_H_REASON], across=False)
            if reason is not None:
                reasons[leaf.code] = str(reason).strip()

    funds_leaf = _funds_leaf(framework)
    funds, rate, funds_where = _read_funds(grid, header)
    leftover = funds
    if funds_leaf is not None and funds_leaf.code not in observed:
        if funds is not None:
            observed[funds_leaf.code], leftover = funds, None
        elif rate is not None and funds_where is not None:
            observed[funds_leaf.code] = _read_rate(rate, funds_leaf)
    for leaf in framework.leaves():
        if leaf.code not in observed:
            where = f"{grid.title}!{funds_where}" if leaf is funds_leaf and funds_where else grid.title
            raise ObservationError(
                where if leaf is funds_leaf else grid.title,
                f"{leaf.code} {leaf.name}: has no row in {name}"
                + (" (fill in the 项目资金 block or its 执行率)" if leaf is funds_leaf else ""),
            )
    return Observations(observed, meta=_read_meta(grid, header), funds=leftover, reasons=reasons)


def _read_rate(rate: object, leaf: Indicator) -> object:
    if isinstance(rate, str):
        text = unicodedata.normalize("NFKC", rate).strip()
        if is_not_applicable(text):
            return NOT_APPLICABLE
        if text.endswith("%"):
            return _number(text[:-1], leaf.code, "执行率") / 100
        return _number(text, leaf.code, "执行率")
    if isinstance(rate, bool) or not isinstance(rate, (int, float, Decimal)):
        raise ObservationError(leaf.code, f"执行率 must be a number, got {rate!r}")
    return to_decimal(rate, field=leaf.code)


def _code_text(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None
