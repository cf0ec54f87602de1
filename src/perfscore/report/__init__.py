"""Reports of a scored result (评价报告): text table, JSON, CSV, Excel 自评表, pandas, HTML, radar.

The public face of the output layer; the code is in private modules: `_text` (text table,
JSON, CSV, budget rates), `_excel` (the Excel 自评表), `_notebook` (pandas and the HTML Jupyter
shows) and `_radar` (the matplotlib radar chart). The optional packages are imported only when
used: openpyxl (``perfscore[excel]``), pandas (``perfscore[pandas]``), matplotlib
(``perfscore[plot]``); without them the functions raise `MissingDependencyError` naming the
extra to install.
"""

from __future__ import annotations

from perfscore import _services
from perfscore.report._excel import (
    FONT_NAME,
    FORM_TITLE,
    blank_workbook,
    load_observations_xlsx,
    target_text,
    to_workbook,
    write_blank_xlsx,
    write_xlsx,
)
from perfscore.report._notebook import FRAME_COLUMNS, framework_html, to_frame, to_html
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
    "FONT_NAME",
    "FORM_TITLE",
    "FRAME_COLUMNS",
    "blank_workbook",
    "cjk_font",
    "display_width",
    "framework_html",
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
    "write_blank_xlsx",
    "write_xlsx",
]

# Lent to the classes below this layer (they cannot import it): Result.to_frame,
# Result._repr_html_, Result.plot_radar and Framework._repr_html_. `import perfscore` imports
# this module, so they are in place whenever perfscore is; pandas and matplotlib are still
# imported only when a frame or a chart is made.
_services.register("result.to_frame", to_frame)
_services.register("result.to_html", to_html)
_services.register("result.plot_radar", plot_radar)
_services.register("framework.to_html", framework_html)
