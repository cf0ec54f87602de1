"""Text outputs of a scored result (评价报告): the table people read, JSON and CSV for programs.

* `render_table` lays out every indicator with its points (分值), its score (得分) and how the
  score came about, then the total and the grade. Columns are aligned by display width — a
  Chinese character takes two terminal columns (``unicodedata.east_asian_width`` "W"/"F") — so
  the table lines up in a terminal. `render_budget` adds the budget rates (预算偏离度, 预算执行率)
  of a unit's [BudgetFigures][perfscore.observations.BudgetFigures].
* `render_json` and `render_csv` for other programs.

The Excel 自评表, pandas, HTML and the radar chart are in the sibling modules; all are public
through [perfscore.report][].
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from perfscore.numbers import percent
from perfscore.observations import BudgetFigures
from perfscore.scoring import Result

__all__ = ["CSV_COLUMNS", "display_width", "render_budget", "render_csv", "render_json", "render_table"]

_HEADERS = ("指标", "分值", "得分", "说明")
_INDENT = "  "


def display_width(text: str) -> int:
    """The number of terminal columns ``text`` takes: 2 for wide (CJK) characters, 0 for combining.

    Examples:
        >>> display_width("预算管理"), display_width("B2"), display_width("Moderately")
        (8, 2, 10)
    """
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def _number(value: Decimal | None, places: int) -> str:
    if value is None:
        return "—"
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def _one_line(text: str) -> str:
    # A name or explanation with a line break would break the table's rows.
    return " ".join(text.split())


def _table(rows: Sequence[tuple[str, str, str, str]]) -> list[str]:
    widths = [max(display_width(row[column]) for row in rows) for column in range(3)]
    lines = []
    for index, (name, points, awarded, explanation) in enumerate(rows):
        cells = [
            _pad(name, widths[0]),
            _pad(points, widths[1], right=True),
            _pad(awarded, widths[2], right=True),
        ]
        lines.append(("  ".join([*cells, explanation])).rstrip())
        if index == 0:
            lines.append("  ".join("─" * width for width in [*widths, display_width(_HEADERS[3])]))
    return lines


def render_table(result: Result, *, english: bool = False) -> str:
    """The result as a text table: every indicator, its points, its score and the explanation.

    Levels are indented under their parent. 分值 is the indicator's maximum after the
    not-applicable policy (the form's points unless ``rescale`` changed them); a dropped
    indicator shows "—". The last lines give the total, the maximum, the percentage when the
    maximum is not 100, and the grade.

    Args:
        result: A scored result ([`perfscore.Framework.score`][perfscore.framework.Framework.score]).
        english: Explanations in English instead of Chinese.

    Returns:
        The table, lines joined with newlines, without a trailing newline.

    Examples:
        >>> from perfscore import Framework, Indicator
        >>> from perfscore.rules import Forward, Manual
        >>> framework = Framework("示例", (
        ...     Indicator("A", "履职效能", 40, rule=Manual()),
        ...     Indicator("B", "产出数量", 60, rule=Forward(100)),
        ... ))
        >>> print(render_table(framework.score({"A": 36, "B": 95})))
        示例
        指标         分值   得分  说明
        ──────────  ─────  ─────  ────
        A 履职效能  40.00  36.00  评定 36 分（满分 40 分）
        B 产出数量  60.00  57.00  实际值 95 ÷ 目标值 100 × 60 分 = 57.00 分
        总分 93.00 / 100.00，等级 优
    """
    rows: list[tuple[str, str, str, str]] = [_HEADERS]
    for node in result.nodes:
        name = f"{_INDENT * (node.level - 1)}{node.code} {_one_line(node.name)}"
        explanation = node.explanation_en if english else node.explanation_zh
        rows.append(
            (
                name,
                _number(node.maximum, result.places),
                _number(node.awarded, result.places),
                _one_line(explanation),
            )
        )
    lines = [_one_line(result.framework_name), *_table(rows)]
    total = f"总分 {_number(result.total, result.places)} / {_number(result.maximum, result.places)}"
    if result.maximum != 100:
        total += f"，得分率 {_number(result.percentage, result.places)}%"
    lines.append(f"{total}，等级 {result.grade}")
    return "\n".join(lines)


def render_budget(figures: BudgetFigures) -> str:
    """The budget rates of a unit's figures, with the arithmetic (预算偏离度, 预算执行率).

    Args:
        figures: The unit's budget figures; a rate whose denominator was not given is left out.

    Returns:
        One line per rate, without a trailing newline.

    Examples:
        >>> print(render_budget(BudgetFigures(executed="7463.89", initial="4283.43")))
        预算偏离度 74.25% = (执行数 7,463.89 − 年初预算数 4,283.43) ÷ 4,283.43（万元）
    """
    unit = figures.currency
    executed = f"{figures.executed:,f}"
    lines = []
    if figures.initial is not None:
        initial = f"{figures.initial:,f}"
        lines.append(
            f"预算偏离度 {percent(figures.deviation())}% = (执行数 {executed} − 年初预算数 {initial}) "
            f"÷ {initial}（{unit}）"
        )
    if figures.adjusted is not None:
        adjusted = f"{figures.adjusted:,f}"
        rate = percent(figures.execution())
        lines.append(f"预算执行率 {rate}% = 执行数 {executed} ÷ 调整后预算数 {adjusted}（{unit}）")
    return "\n".join(lines)


CSV_COLUMNS: Final = (
    "code",
    "name",
    "level",
    "points",
    "maximum",
    "awarded",
    "value",
    "applicable",
    "explanation_zh",
    "explanation_en",
)
"""The columns of [`render_csv`][perfscore.report._text.render_csv], in order."""


def render_json(result: Result) -> str:
    r"""The result as JSON text: [`to_dict`][perfscore.scoring.Result.to_dict], decimals as strings.

    Args:
        result: The scored result.

    Returns:
        Indented JSON with Chinese kept as is (not ``\u`` escapes), ending with a newline.
    """
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(result: Result) -> str:
    r"""The result as CSV text: one row per indicator (`CSV_COLUMNS`), in form order.

    Points are written as exact decimal text; an indicator dropped as not applicable has empty
    ``maximum`` and ``awarded``. There is no total row (the first-level rows add up to it;
    [`render_json`][perfscore.report._text.render_json] carries the total and the grade).

    Args:
        result: The scored result.

    Returns:
        The CSV text with ``\r\n`` line ends (RFC 4180).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for node in result.to_dict()["indicators"]:
        value = node["value"]
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False)
        writer.writerow(
            (
                node["code"],
                node["name"],
                node["level"],
                node["points"],
                node["maximum"] or "",
                node["awarded"] or "",
                "" if value is None else value,
                str(node["applicable"]).lower(),
                node["explanation_zh"],
                node["explanation_en"],
            )
        )
    return buffer.getvalue()
