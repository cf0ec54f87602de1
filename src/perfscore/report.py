"""Reports of a scored result (评价报告): JSON, CSV, the Excel 自评表, pandas, HTML, radar chart.

Everything that turns a :class:`~perfscore.Result` into something people read lives here (the
result itself only holds numbers). The optional packages are imported only when used:
openpyxl (``perfscore[excel]``), pandas (``perfscore[pandas]``), matplotlib (``perfscore[plot]``);
without them the functions raise :class:`~perfscore.errors.MissingDependencyError` naming the
extra to install.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Final

from perfscore._excel import load_observations_xlsx, target_text, to_workbook, write_xlsx
from perfscore._notebook import FRAME_COLUMNS, to_frame, to_html
from perfscore._radar import CJK_FONTS, cjk_font, plot_radar
from perfscore.scoring import Result

__all__ = [
    "CJK_FONTS",
    "CSV_COLUMNS",
    "FRAME_COLUMNS",
    "cjk_font",
    "load_observations_xlsx",
    "plot_radar",
    "render_csv",
    "render_json",
    "target_text",
    "to_frame",
    "to_html",
    "to_workbook",
    "write_xlsx",
]

#: The columns of :func:`render_csv`, in order.
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


def render_json(result: Result) -> str:
    r"""The result as JSON text: :meth:`~perfscore.Result.to_dict`, decimals as strings.

    Args:
        result: The scored result.

    Returns:
        Indented JSON with Chinese kept as is (not ``\u`` escapes), ending with a newline.
    """
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(result: Result) -> str:
    r"""The result as CSV text: one row per indicator (:data:`CSV_COLUMNS`), in form order.

    Points are written as exact decimal text; an indicator dropped as not applicable has empty
    ``maximum`` and ``awarded``. There is no total row (the first-level rows add up to it;
    :func:`render_json` carries the total and the grade).

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
