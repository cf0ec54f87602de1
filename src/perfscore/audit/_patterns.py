"""Regular expressions for the 部门决算情况说明 template (模板中的句式).

Every quantifier is bounded, so that no text, however mangled, makes a pattern backtrack for long.
Figures are written with ASCII or full-width digits, an optional ASCII thousands comma and an
ASCII or full-width decimal point; [`perfscore.numbers.parse_amount`][perfscore.numbers.parse_amount] reads
them.
"""

from __future__ import annotations

import re
from typing import Final

_D = "[0-9０-９]"
NUMBER: Final = rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+|{_D}{{1,20}})(?:[.．]{_D}{{1,12}})?"
"""A figure's digits (no sign, no unit)."""
_PCT = r"\s{0,2}[%％]"
_WAN = r"\s{0,2}万元"


def _num(name: str) -> str:
    return rf"(?P<{name}>{NUMBER})"


FIGURE_TOKEN: Final = re.compile(
    rf"(?<![0-9０-９.．,])(?P<number>(?:{_D}{{1,3}}(?:,{_D}{{3}})+|{_D}+)(?:[.．]{_D}+)?)\s{{0,2}}(?P<unit>万元|亿元|千元|元|[%％]|个|人次|人|辆|批次|次|分|台)"
)
"""A figure with a unit, as the parser looks for them to report what it could not place. Years
(2023年), dates and list numbers carry none of these units and are not figures.
"""

HEADING_NUMBER: Final = re.compile(
    r"^(?:第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}[、.．]|（[一二三四五六七八九十]{1,3}）|"
    rf"\([一二三四五六七八九十]{{1,3}}\)|{_D}{{1,2}}[、.．])"
)
"""A heading line: short, numbered or not."""
APPENDIX: Final = re.compile(r"(?:第[一二三四五六七八九十]{1,3}部分\s{0,4})?附件\s{0,2}[0-9０-９一二三]{0,2}")
"""The line that starts the appendix (附件)."""

# --- 收支总计 and the year's totals -------------------------------------------------------------
TOTAL: Final = re.compile(rf"(?P<fin>财政拨款)?收、?支总计均为{_num('cur')}{_WAN}")
TOTAL_CHANGE: Final = re.compile(
    rf"(?P<fin>财政拨款)?收、?支总计各?(?P<aw>增加|减少){_num('amt')}{_WAN}[，,]\s{{0,2}}"
    rf"(?P<rw>增长|下降){_num('rate')}{_PCT}"
)
INCOME: Final = re.compile(rf"本年收入合计(?:为)?{_num('cur')}{_WAN}")
EXPENDITURE: Final = re.compile(rf"本年支出合计(?:为)?{_num('cur')}{_WAN}")
YEAR_END_CARRYOVER: Final = re.compile(
    rf"(?:年底|年末)[^。]{{0,30}}?结转(?:和)?结余(?:资金)?(?:总额)?为{_num('cur')}{_WAN}"
)
NO_FISCAL_CARRYOVER: Final = re.compile(r"无财政拨款结转(?:和)?结余|全部为非财政拨款结转(?:和)?结余")

# --- 一般公共预算财政拨款支出 -------------------------------------------------------------------
GPB: Final = re.compile(rf"一般公共预算财政拨款支出(?:决算)?(?:为)?{_num('cur')}{_WAN}")
GPB_FINAL: Final = re.compile(rf"一般公共预算支出决算数为{_num('cur')}{_WAN}")
GPB_SHARE: Final = re.compile(rf"占本年支出合计的\s{{0,2}}{_num('share')}{_PCT}")
GPB_CHANGE: Final = re.compile(
    rf"一般公共预算财政拨款支出(?P<aw>增加|减少){_num('amt')}{_WAN}[，,]\s{{0,2}}"
    rf"(?P<rw>增长|下降){_num('rate')}{_PCT}"
)
GOV_FUND: Final = re.compile(rf"政府性基金预算(?:财政拨款)?支出(?:决算)?(?:为)?{_num('cur')}{_WAN}")
STATE_CAPITAL: Final = re.compile(rf"国有资本经营预算(?:财政拨款)?支出(?:决算)?(?:为)?{_num('cur')}{_WAN}")

ITEM: Final = re.compile(
    rf"^\s{{0,4}}(?:{_D}{{1,3}}[.．、]\s{{0,2}})?(?P<lei>[^（）()：:]{{1,30}}?)（类）(?P<kuan>[^：:]{{1,60}}?)（款）"
    rf"(?P<xiang>[^：:]{{1,60}}?)（项）[：:]\s{{0,2}}支出决算(?:数)?为{_num('amt')}{_WAN}"
)
"""One 类/款/项 line of the 一般公共预算财政拨款支出决算具体情况."""

# --- breakdowns: "X 合计 N 万元，其中：A n1 万元，占 p1%；B n2 万元 …" ---------------------------
# Labels and names are the clause before a figure: the parser reads them backwards from the
# figure, which keeps every pattern anchored on digits (and fast).
BREAKDOWN_HEAD: Final = re.compile(
    rf"{_num('total')}\s{{0,2}}(?P<unit>万元|个|人|辆)"
    r"[，,]\s{0,2}(?:其中|主要用于以下方面|主要用于)\s{0,2}[：:，,]?"
)
BREAKDOWN_ITEM: Final = re.compile(
    rf"{_num('value')}\s{{0,2}}(?P<unit>万元|个|人|辆)(?:[，,]\s{{0,2}}占\s{{0,2}}{_num('share')}{_PCT})?"
)

# --- counts beside lists ----------------------------------------------------------------------
COUNT_LIST: Final = re.compile(
    rf"{_num('count')}\s{{0,2}}个\s{{0,2}}[，,]\s{{0,2}}"
    r"(?:为|包括|分别为|分别是|即)[：:]?\s{0,2}(?P<names>[^。；;]{1,600})"
)
LIST_INTRO: Final = re.compile(r"包括[：:]\s{0,4}$")
LIST_ENTRY: Final = re.compile(
    rf"^\s{{0,4}}{_D}{{1,3}}[.．、]\s{{0,2}}(?P<name>[^0-9０-９，。；：:]{{1,40}}?)\s{{0,4}}$"
)

# --- "三公" ------------------------------------------------------------------------------------
_QUOTE_L = "[“\"'‘「]?"
_QUOTE_R = "[”\"'’」]?"
SANGONG_TOTAL: Final = re.compile(
    rf"{_QUOTE_L}三公{_QUOTE_R}经费(?:财政拨款)?支出决算(?:数)?为{_num('cur')}{_WAN}"
)
SANGONG_PART: Final = re.compile(
    r"(?P<comp>因公出国[（(]境[）)](?:经)?费|公务用车购置及运行(?:维护)?费|公务接待费|公务用车购置|"
    r"公务用车运行(?:维护)?费|国内公务接待|外事接待)"
    rf"(?:支出|费用)?(?:决算)?(?:均为|数为|为)?{_num('amt')}{_WAN}"
    rf"(?:[，,]\s{{0,2}}占\s{{0,2}}{_num('share')}{_PCT})?"
)
CHANGE_AFTER: Final = re.compile(
    rf"(?:与|较|比)\s{{0,2}}(?:{_D}{{4}}\s{{0,2}}年(?:度)?|上年(?:度)?)(?:决算)?(?:数)?(?:相比)?[，,]?\s{{0,2}}"
    rf"(?:(?P<aw>增加|减少){_num('amt')}{_WAN}(?:[，,]\s{{0,2}}(?P<rw>增长|下降){_num('rate')}{_PCT})?"
    r"|(?P<flat>持平|一致|相同))"
)
"""A change stated after a figure: "与2022年决算相比，减少6.32万元，下降20%", "较上年增加0.24万元",
"与2022年持平".
"""
DOMESTIC_RECEPTION: Final = re.compile(
    rf"国内公务接待{_num('batches')}\s{{0,2}}批次[，,]\s{{0,2}}{_num('people')}\s{{0,2}}人次[^，。]{{0,30}}[，,]\s{{0,2}}"
    rf"共计支出{_num('amt')}{_WAN}"
)
DELEGATIONS: Final = re.compile(
    rf"团组{_num('groups')}\s{{0,2}}次[，,]\s{{0,2}}出国[（(]境[）)]{_num('people')}\s{{0,2}}人"
)

# --- 机关运行经费, 政府采购, 资产 ---------------------------------------------------------------
RUNNING_COSTS: Final = re.compile(rf"机关运行经费(?:支出)?(?:为)?{_num('cur')}{_WAN}")
PROCUREMENT: Final = re.compile(rf"政府采购支出总额(?:为)?{_num('cur')}{_WAN}")
VEHICLES: Final = re.compile(rf"共有车辆{_num('count')}\s{{0,2}}辆")
EQUIPMENT: Final = re.compile(
    rf"单价{_num('threshold')}{_WAN}以上(?:通用|专用)设备(?:[（(]不含车辆[）)])?{_num('count')}\s{{0,2}}台(?:[（(]套[）)])?"
)

# --- 预算绩效管理 and the self-evaluation ---------------------------------------------------------
TARGETS: Final = re.compile(rf"对{_num('count')}\s{{0,2}}个项目编制了?绩效目标")
MONITORED: Final = re.compile(rf"选取{_num('count')}\s{{0,2}}个项目开展(?:了)?绩效监控")
TOTAL_SCORE: Final = re.compile(rf"(?:评价|自评)得分为{_num('score')}\s{{0,2}}分")
DIMENSION_SCORE: Final = re.compile(
    rf"(?P<dim>[\u4e00-\u9fff]{{2,8}})(?:[（(]自评得分|得分)\s{{0,2}}{_num('score')}\s{{0,2}}分"
)
EXECUTED: Final = re.compile(rf"财政拨款预算执行数(?:为)?{_num('cur')}{_WAN}")
INITIAL_BUDGET: Final = re.compile(rf"年初预算数(?:为)?{_num('cur')}{_WAN}")
DEVIATION: Final = re.compile(rf"预算偏离度(?:为)?(?P<sign>[-−])?{_num('rate')}{_PCT}")
PROJECTS: Final = re.compile(rf"(?<!常年)(?<!）)(?<!\))(?<!阶段)项目共计{_num('count')}\s{{0,2}}个")
RECURRENT_PROJECTS: Final = re.compile(rf"常年项目共计{_num('count')}\s{{0,2}}个")
ONE_OFF_PROJECTS: Final = re.compile(rf"阶段(?:[（(]一次性[）)])?项目共计{_num('count')}\s{{0,2}}个")
PROJECT_BUDGET: Final = re.compile(rf"预算总金额{_num('cur')}{_WAN}")

BARE_RATES: Final = re.compile(rf"(?:完成预算|(?:执行(?:总体)?进度|资金执行率)为){_num('rate')}{_PCT}")
"""Rates stated with nothing to check them against (no budget figure is given beside them)."""
