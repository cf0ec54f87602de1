"""A published 项目支出绩效自评表 as printed → score → the Excel form → PDF, and back.

The form: 池州市贵池区棠溪镇人民政府, 项目支出绩效自评表（2022年度）, 项目名称 委托业务项目,
http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2 (a mirror of the published
attachment). The stored text of the mirror ends inside the 满意度指标（10分） block ("公众满…"),
so its 满意度 row and its printed 总分 are not visible: the framework below holds the rows that
are (项目资金 and 产出/效益指标, 90 points), and the test checks every printed 得分 of those rows,
the two parts' sums (产出 50, 效益 30) and the block's figures (本年财政拨款 90 / 89.974 /
89.974). Its 年度资金总额 row prints 0 0 0 with 得分 0: the sources do not add up to that total,
which the block refuses; the block is read from its 本年财政拨款 row, which gives 10 of 10.

Every row is given as the form prints it — 年度指标值 (the rule is derived from it), 实际完成值,
分值 and 得分 — and no rule is written by hand but 预算执行率's, which the 项目资金 block feeds.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

import pytest

from perfscore import Framework, Indicator
from perfscore.errors import ObservationError
from perfscore.funds import funds_from_dict
from perfscore.observations import Metadata, Observations
from perfscore.report import load_observations_xlsx, to_workbook, write_xlsx
from perfscore.rules import ExecutionRate, Forward, Qualitative, Reverse

openpyxl = pytest.importorskip("openpyxl")

D = Decimal
URL = "http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2"


class Row(NamedTuple):
    """One printed row of the 绩效指标 table (code: ours; the rest as printed)."""

    code: str
    first: str  # 一级指标
    second: str  # 二级指标
    third: str  # 三级指标
    target: str  # 年度指标值
    actual: str  # 实际完成值
    points: int  # 分值
    stated: int  # 得分


ACHIEVED = "达成预期指标"
# The 棠溪镇 委托业务项目 table as printed (the mirror's text, row by row).
TANGXI_ROWS = (
    Row("B1.1", "产出指标", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", 8, 8),
    Row("B2.1", "产出指标", "质量指标", "委托业务报告合格率", "≥100百分比", "100", 8, 8),
    Row("B2.2", "产出指标", "质量指标", "经费支出合规性", "严格执行相关制度规定", ACHIEVED, 8, 8),
    Row("B3.1", "产出指标", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", ACHIEVED, 8, 8),
    Row("B4.1", "产出指标", "成本指标", "项目总成本", "≤90万元", "90", 8, 8),
    Row("B4.2", "产出指标", "成本指标", "单项业务成本", "符合相关规定", ACHIEVED, 10, 10),
    Row("C1.1", "效益指标", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", ACHIEVED, 10, 10),
    Row("C2.1", "效益指标", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", ACHIEVED, 10, 10),
    Row(
        "C3.1",
        "效益指标",
        "可持续影响指标",
        "对推动基建项目“四项制度”健全和落实的持续性影响",
        "效果明显",
        ACHIEVED,
        10,
        10,
    ),
)
# 项目资金（万元）as printed: [年初预算数, 全年预算数, 全年执行数]; 执行率 0 and 得分 0 on the total row.
TANGXI_FUNDS = {"年度资金总额": [0, 0, 0], "本年财政拨款": [90, "89.974", "89.974"]}


def printed_framework(rows: Sequence[Row]) -> Framework:
    """The table as a framework: 预算执行率 first, then 一级 → 二级 → 三级 as the rows group them.

    Each leaf is ``Indicator(code, 三级指标, 分值, target=年度指标值)``: its rule is the one the
    printed 指标值 implies, and a parent's points are the sum of its rows.
    """
    parts: dict[tuple[str, str], dict[tuple[str, str], list[Indicator]]] = {}
    for row in rows:
        first, second = (row.code[0], row.first), (row.code.split(".")[0], row.second)
        parts.setdefault(first, {}).setdefault(second, []).append(
            Indicator(row.code, row.third, row.points, target=row.target)
        )

    def parent(code: str, name: str, children: Sequence[Indicator]) -> Indicator:
        return Indicator(code, name, sum(child.points for child in children), children=children)

    return Framework(
        "项目支出绩效自评表",
        (
            Indicator("A", "预算执行率", 10, rule=ExecutionRate()),
            *(
                parent(*first, [parent(*second, leaves) for second, leaves in groups.items()])
                for first, groups in parts.items()
            ),
        ),
    )


def printed_observations(rows: Sequence[Row]) -> dict[str, object]:
    """实际完成值 as printed; a judged row (达成预期指标) with its printed 得分 as its points."""
    return {
        row.code: {"tier": row.actual, "points": row.stated} if row.actual == ACHIEVED else row.actual
        for row in rows
    }


def tangxi_framework() -> Framework:
    return printed_framework(TANGXI_ROWS)


def tangxi_observations() -> Observations:
    return Observations(
        printed_observations(TANGXI_ROWS),
        meta=Metadata(
            project="委托业务项目",
            department="219-池州市贵池区棠溪镇人民政府",
            implementer="219001-池州市贵池区棠溪镇人民政府",
            year=2022,
            goal="本项目共申请预算资金90万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；"
            "30万元用于基建工程项目设计、规划、测绘。",
            outcome="本项目共完成预算资金89.97万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；"
            "29.99万元用于基建工程项目设计、规划、测绘。",
        ),
        funds=funds_from_dict({"本年财政拨款": TANGXI_FUNDS["本年财政拨款"]}),
    )


def test_rules_come_from_the_printed_targets():
    framework = tangxi_framework()
    assert framework["B1.1"].rule == Forward(50)
    assert framework["B1.1"].unit == "个"
    assert framework["B2.1"].rule == Forward(100)
    assert framework["B2.1"].unit == "%"
    assert framework["B4.1"].rule == Reverse(90)
    assert framework["B4.1"].unit == "万元"
    judged = [row.code for row in TANGXI_ROWS if row.actual == ACHIEVED]
    assert all(framework[code].rule == Qualitative() for code in judged)
    assert all(framework[row.code].rule_from_target for row in TANGXI_ROWS)
    # The parts as printed: 产出指标（50分）, 效益指标（30分）.
    assert (framework["B"].points, framework["C"].points, framework.maximum) == (50, 30, 90)


def test_printed_scores_come_out():
    framework = tangxi_framework()
    observations = tangxi_observations()
    result = framework.score(observations.for_scoring(framework))
    for row in TANGXI_ROWS:
        assert result[row.code].awarded == row.stated, row.code
    assert result["B"].awarded == 50  # 8 + 8 + 8 + 8 + 8 + 10 as printed
    assert result["C"].awarded == 30  # 10 + 10 + 10 as printed
    assert result["A"].awarded == 10  # 89.974 ÷ 89.974 from the 本年财政拨款 row
    assert result.total == 90
    # The printed 年度资金总额 row (0 0 0) does not add up to its 本年财政拨款 row.
    with pytest.raises(ObservationError, match=r"^funds\.total\.initial: the sources must add up"):
        funds_from_dict(TANGXI_FUNDS)


def test_the_filled_form_prints_the_published_rows_and_reads_back():
    framework = tangxi_framework()
    observations = tangxi_observations()
    result = framework.score(observations.for_scoring(framework))
    buffer = io.BytesIO()
    write_xlsx(result, framework, buffer, observations=observations)
    buffer.seek(0)
    sheet = openpyxl.load_workbook(buffer)["自评表"]
    assert (sheet["A1"].value, sheet["A2"].value) == ("项目支出绩效自评表", "（2022年度）")
    assert sheet["C3"].value == "委托业务项目"
    assert (sheet["C4"].value, sheet["G4"].value) == (
        "219-池州市贵池区棠溪镇人民政府",
        "219001-池州市贵池区棠溪镇人民政府",
    )
    # 项目资金: 本年财政拨款 90 / 89.974 / 89.974 as printed; 年度资金总额 their sum; 10 of 10.
    assert [sheet.cell(row=7, column=c).value for c in (4, 5, 6)] == [90, 89.974, 89.974]
    assert [sheet.cell(row=6, column=c).value for c in (4, 5, 6, 7, 8, 9)] == [90, 89.974, 89.974, 10, 1, 10]
    codes = {sheet.cell(row=row, column=10).value: row for row in range(13, sheet.max_row + 1)}
    rows = {code: row for code, row in codes.items() if code is not None}
    assert [sheet.cell(row=rows["B1.1"], column=c).value for c in range(2, 9)] == [
        "产出指标（50分）",
        "数量指标",
        "基建工程委托业务项目数量",
        "≥50个",
        "50个",
        8,
        8,
    ]
    assert sheet.cell(row=rows["B2.1"], column=5).value == "≥100百分比"
    assert sheet.cell(row=rows["B4.1"], column=6).value == "90万元"
    assert sheet.cell(row=rows["C1.1"], column=2).value == "效益指标（30分）"
    total = max(rows.values()) + 1
    assert (sheet.cell(row=total, column=1).value, sheet.cell(row=total, column=8).value) == ("总分", 90)
    buffer.seek(0)
    again = load_observations_xlsx(buffer, framework)
    assert again.meta.project == "委托业务项目"
    assert framework.score(again).total == result.total


def test_perfscore_check_reads_the_filled_form(tmp_path, capsys):
    """``perfscore check FRAMEWORK 自评表.xlsx``: the filled form is the observations."""
    from perfscore.cli import main  # noqa: PLC0415
    from perfscore.io import dump_framework  # noqa: PLC0415

    framework = tangxi_framework()
    observations = tangxi_observations()
    write_xlsx(
        framework.score(observations.for_scoring(framework)),
        framework,
        tmp_path / "自评表.xlsx",
        observations=observations,
    )
    dump_framework(framework, tmp_path / "framework.toml")
    assert main(["check", str(tmp_path / "framework.toml"), str(tmp_path / "自评表.xlsx")]) == 1
    out = capsys.readouterr().out
    # The 偏差原因 column is empty: the six judged rows (达成预期指标) describe nothing.
    judged = [row.code for row in TANGXI_ROWS if row.actual == ACHIEVED]
    assert [line.split()[1] for line in out.splitlines()[:-1]] == judged
    assert all(line.startswith("[judgement_without_description] ") for line in out.splitlines()[:-1])
    assert out.endswith("共 6 个问题 (6 findings)\n")


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_form_on_one_a4_landscape_page(tmp_path):
    """LibreOffice renders the sheet 自评表 on one A4 landscape page, its Chinese text intact."""
    framework = tangxi_framework()
    observations = tangxi_observations()
    workbook = to_workbook(
        framework.score(observations.for_scoring(framework)), framework, observations=observations
    )
    del workbook["评分说明"]
    workbook.save(tmp_path / "自评表.xlsx")
    profile = (tmp_path / "profile").as_uri()  # a profile of its own: never another soffice's
    converted = _run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "自评表.xlsx"),
        ]
    )
    pdf = tmp_path / "自评表.pdf"
    assert pdf.exists(), converted.stderr
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext) is not installed")
    info = _run(["pdfinfo", str(pdf)]).stdout
    assert "Pages:           1" in info
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(part) for part in size.split()[2:5:2])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = _run(["pdftotext", "-layout", str(pdf), "-"]).stdout
    for printed in (
        "项目支出绩效自评表",
        "（2022年度）",
        "年度资金总额",
        "偏差原因分析及改进措施",
        "总分",
        "单位负责人",
    ):
        assert printed in text, printed
    # No column is cut: the rightmost column's header and the last row's cells are on the page.
    assert "可持续影响指标" in text
    assert "评价等级：优" in text


# 棠溪镇 2022 村级补助及运转经费, its 产出指标 rows as printed (the 效益指标 rows are cut off).
VILLAGE_ROWS = (
    Row("B1.1", "产出指标", "数量指标", "补助村（社区）数量", "=8个", "8", 8, 8),
    Row("B1.2", "产出指标", "数量指标", "保障村干部人数", "=42个", "42", 8, 8),
    Row("B2.1", "产出指标", "质量指标", "补助资格合规性", "合规", ACHIEVED, 8, 8),
    Row("B2.2", "产出指标", "质量指标", "经费审批流程规范性", "严格执行相关制度规定", ACHIEVED, 8, 8),
    Row("B3.1", "产出指标", "时效指标", "补助经费到位及时性", "及时", ACHIEVED, 8, 8),
    Row("B4.1", "产出指标", "成本指标", "项目总成本", "≤202.6万元", "132.9", 10, 10),
)


def test_the_villages_form_of_the_same_town():
    """棠溪镇 2022 村级补助及运转经费: the 产出指标 rows and the 项目资金 block as printed.

    http://www.anthempetcare.com/upload_cz/download?id=502367&siteId=2 (a mirror of the form;
    its stored text ends inside 效益指标, so only 产出指标 (50 分) is checked whole): 本年财政拨款
    202.64 / 132.912 / 132.912; "补助村（社区）数量 =8个 | 8 | 8 | 8", "保障村干部人数 =42个 | 42 |
    8 | 8", three rows 达成预期指标 8 each, "项目总成本 ≤202.6万元 | 132.9 | 10 | 10".
    """
    from perfscore.rules import Equal  # noqa: PLC0415

    framework = printed_framework(VILLAGE_ROWS)
    assert (framework["B1.1"].rule, framework["B1.2"].rule) == (Equal(8), Equal(42))
    assert framework["B4.1"].rule == Reverse("202.6")
    assert framework["B"].points == 50
    observations = Observations(
        printed_observations(VILLAGE_ROWS),
        meta=Metadata(project="村级补助及运转经费", year=2022),
        funds=funds_from_dict({"本年财政拨款": ["202.64", "132.912", "132.912"]}),
    )
    # Through the form: 实际完成值 are printed with their unit ("8个") and read back.
    buffer = io.BytesIO()
    write_xlsx(
        framework.score(observations.for_scoring(framework)), framework, buffer, observations=observations
    )
    buffer.seek(0)
    sheet = openpyxl.load_workbook(buffer)["自评表"]
    assert [sheet.cell(row=13, column=column).value for column in (4, 5, 6)] == [
        "补助村（社区）数量",
        "=8个",
        "8个",
    ]
    buffer.seek(0)
    result = framework.score(load_observations_xlsx(buffer, framework))
    printed = {row.code: row.stated for row in VILLAGE_ROWS}
    assert {code: result[code].awarded for code in printed} == printed
    assert result["B"].awarded == 50
    assert result["A"].awarded == 10  # 132.912 ÷ 132.912 (全年预算数)
