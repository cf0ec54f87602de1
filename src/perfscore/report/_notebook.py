"""Notebook views of a result: a pandas DataFrame and the HTML table Jupyter shows.

Public through [`perfscore.report`][perfscore.report] and the methods
[`perfscore.Result.to_frame`][perfscore.scoring.Result.to_frame] and ``Result._repr_html_``. pandas is
imported lazily (the ``pandas`` extra); the HTML needs nothing.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any, Final

from perfscore._optional import require
from perfscore.framework import Framework, Indicator
from perfscore.scoring import NOT_APPLICABLE, NodeResult, Result

__all__ = ["FRAME_COLUMNS", "framework_html", "to_frame", "to_html"]

FRAME_COLUMNS: Final = (
    "code",
    "name",
    "level",
    "parent",
    "is_leaf",
    "applicable",
    "points",
    "maximum",
    "awarded",
    "explanation",
    "explanation_en",
)
"""The columns of [`to_frame`][perfscore.report._notebook.to_frame], in order."""


def to_frame(result: Result) -> Any:
    """One row per indicator, in form order, as a pandas DataFrame (指标得分表).

    Columns: ``code``, ``name``, ``level`` (1 = 一级指标), ``parent`` (the parent's code, ``None``
    at the first level), ``is_leaf``, ``applicable``, ``points`` (分值), ``maximum`` (after the
    not-applicable policy), ``awarded`` (得分), ``explanation`` (说明, Chinese) and
    ``explanation_en``. Points stay exact: ``points``, ``maximum`` and ``awarded`` hold
    `Decimal` values (object columns; ``None`` where an indicator was dropped).
    Use ``frame["awarded"].astype(float)`` for plotting, never for sums that must be exact.

    Args:
        result: The scored result.

    Returns:
        A ``pandas.DataFrame`` with a default integer index.

    Raises:
        MissingDependencyError: pandas is not installed (``pip install 'perfscore[pandas]'``).
    """
    pandas = require("pandas", "pandas")
    parents = {child: node.code for node in result.nodes for child in node.children}
    nodes = result.nodes
    exact = {"parent", "points", "maximum", "awarded"}  # object columns: None and Decimal stay as they are
    values: dict[str, list[object]] = {
        "code": [node.code for node in nodes],
        "name": [node.name for node in nodes],
        "level": [node.level for node in nodes],
        "parent": [parents.get(node.code) for node in nodes],
        "is_leaf": [node.is_leaf for node in nodes],
        "applicable": [node.applicable for node in nodes],
        "points": [node.points for node in nodes],
        "maximum": [node.maximum for node in nodes],
        "awarded": [node.awarded for node in nodes],
        "explanation": [node.explanation_zh for node in nodes],
        "explanation_en": [node.explanation_en for node in nodes],
    }
    return pandas.DataFrame(
        {
            column: pandas.Series(values[column], dtype=object if column in exact else None)
            for column in FRAME_COLUMNS
        }
    )


def _number(value: Decimal | None) -> str:
    return "—" if value is None else format(value, "f")


def _value(node: NodeResult) -> str:
    if not node.is_leaf:
        return ""
    if node.value is NOT_APPLICABLE:
        return "不适用"
    value = node.value
    if isinstance(value, dict):
        return "/".join(str(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return "、".join(str(item) for item in value)
    return str(value)


def to_html(result: Result) -> str:
    """The result as an HTML table (what Jupyter shows for a [`Result`][perfscore.scoring.Result]).

    A caption with the framework, total, maximum, percentage and grade; one row per indicator
    with its name indented by level, 分值, 满分 (after the not-applicable policy), 实际完成值,
    得分 and 说明. All text is HTML-escaped.

    Args:
        result: The scored result.

    Returns:
        The HTML fragment.
    """
    esc = html.escape
    head = ("编码 code", "指标 indicator", "分值 points", "满分 maximum", "实际完成值 value", "得分 awarded")
    lines = [
        '<table class="perfscore-result">',
        "<caption>"
        f"{esc(result.framework_name)}：得分 {esc(_number(result.total))} / {esc(_number(result.maximum))}，"
        f"得分率 {esc(_number(result.percentage))}%，等级 {esc(result.grade)}"
        "</caption>",
        "<thead><tr>"
        + "".join(f"<th>{esc(title)}</th>" for title in head)
        + "<th>说明 explanation</th></tr></thead>",
        "<tbody>",
    ]
    for node in result.nodes:
        indent = f"padding-left:{(node.level - 1) * 1.5:.1f}em"
        name = esc(node.name)
        if node.level == 1:
            name = f"<strong>{name}</strong>"
        cells = (
            f"<td>{esc(node.code)}</td>",
            f'<td style="text-align:left;{indent}">{name}</td>',
            f'<td style="text-align:right">{esc(_number(node.points))}</td>',
            f'<td style="text-align:right">{esc(_number(node.maximum))}</td>',
            f'<td style="text-align:right">{esc(_value(node))}</td>',
            f'<td style="text-align:right">{esc(_number(node.awarded))}</td>',
            f'<td style="text-align:left">{esc(node.explanation_zh)}</td>',
        )
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append(
        '<tr><td></td><td style="text-align:left"><strong>合计 total</strong></td><td></td>'
        f'<td style="text-align:right">{esc(_number(result.maximum))}</td><td></td>'
        f'<td style="text-align:right"><strong>{esc(_number(result.total))}</strong></td>'
        f"<td>{esc(result.grade)}</td></tr>"
    )
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _target(indicator: Indicator) -> str:
    if indicator.rule is None:
        return ""
    return indicator.target or indicator.rule.printed_target(indicator.unit or "")


_POLICY_ZH: Final = {"full": "按满分计", "rescale": "其余指标按比例折算", "exclude": "不计入满分"}


def framework_html(framework: Framework) -> str:
    """The indicator tree as an HTML table (指标体系), what Jupyter shows for a `Framework`.

    One row per indicator in form order, indented by level: code, name, points (分值) and, for
    a leaf, its rule (评分规则, kind and Chinese name) and its 指标值 (the ``target`` text, or the
    one the rule prints, `Rule.printed_target`). All text is HTML-escaped.

    Args:
        framework: The framework.

    Returns:
        The HTML fragment.

    Examples:
        >>> from perfscore import Framework, Indicator
        >>> from perfscore.rules import Forward
        >>> framework = Framework("<demo>", (Indicator("A", "产出", 10, rule=Forward(target=95)),))
        >>> print(framework_html(framework).splitlines()[1])
        <caption>&lt;demo&gt;：满分 10 分，1 个末级指标，不适用：其余指标按比例折算</caption>
    """
    esc = html.escape
    leaves = framework.leaves()
    head = ("编码 code", "指标 indicator", "分值 points", "评分规则 rule", "指标值 target")
    lines = [
        '<table class="perfscore-framework">',
        f"<caption>{esc(framework.name)}：满分 {esc(_number(framework.maximum))} 分，"
        f"{len(leaves)} 个末级指标，不适用：{esc(_POLICY_ZH[framework.na_policy])}</caption>",
        "<thead><tr>" + "".join(f"<th>{esc(title)}</th>" for title in head) + "</tr></thead>",
        "<tbody>",
    ]
    for indicator, level in framework.walk():
        indent = f"padding-left:{(level - 1) * 1.5:.1f}em"
        name = esc(indicator.name)
        if level == 1:
            name = f"<strong>{name}</strong>"
        rule = indicator.rule
        cells = (
            f"<td>{esc(indicator.code)}</td>",
            f'<td style="text-align:left;{indent}">{name}</td>',
            f'<td style="text-align:right">{esc(_number(indicator.points))}</td>',
            f"<td>{'' if rule is None else esc(f'{rule.name_zh} {rule.kind}')}</td>",
            f"<td>{esc(_target(indicator))}</td>",
        )
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
