"""Reports of a scored result (评价报告): text table, JSON, CSV, Excel 自评表, pandas, HTML, radar.

The public face of the output layer; the code is in private modules: `_text` (text table,
JSON, CSV, budget rates), `_excel` (the Excel 自评表), `_notebook` (pandas and the HTML Jupyter
shows) and `_radar` (the matplotlib radar chart). The optional packages are imported only when
used: openpyxl (``perfscore[excel]``), pandas (``perfscore[pandas]``), matplotlib
(``perfscore[plot]``); without them the functions raise `MissingDependencyError` naming the
extra to install.
"""

from __future__ import annotations

from perfscore.report._excel import load_observations_xlsx, target_text, to_workbook, write_xlsx
from perfscore.report._notebook import FRAME_COLUMNS, to_frame, to_html
from perfscore.report._radar import CJK_FONTS, cjk_font, plot_radar
from perfscore.report._text import (
    CSV_COLUMNS,
    display_width,
    render_budget,
    render_csv,
    render_json,
    render_table,
)

__all__ = [
    "CJK_FONTS",
    "CSV_COLUMNS",
    "FRAME_COLUMNS",
    "cjk_font",
    "display_width",
    "load_observations_xlsx",
    "plot_radar",
    "render_budget",
    "render_csv",
    "render_json",
    "render_table",
    "target_text",
    "to_frame",
    "to_html",
    "to_workbook",
    "write_xlsx",
]
