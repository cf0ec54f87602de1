"""A published 项目支出绩效自评表 through framework → score → the Excel form → PDF.

The form: 池州市贵池区棠溪镇人民政府, 项目支出绩效自评表（2022年度）, 项目名称 委托业务项目,
http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2 (a mirror of the published
attachment). The stored text of the mirror ends inside the 满意度指标（10分） block ("公众满…"),
so its 满意度 row and its printed 总分 are not visible: the framework below holds the rows that
are (项目资金 and 产出/效益指标, 90 points), and the test checks every printed 得分 of those rows,
the two parts' sums (产出 50, 效益 30) and the block's figures (本年财政拨款 90 / 89.974 /
89.974). Its 年度资金总额 row prints 0 0 0 with 得分 0: the sources do not add up to that total,
which `ProjectFunds` refuses; the block is read from its 本年财政拨款 row, which gives 10 of 10.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest

from perfscore import Framework, Indicator
from perfscore.errors import ObservationError
from perfscore.funds import ProjectFunds
from perfscore.observations import Metadata, Observations
from perfscore.report import load_observations_xlsx, to_workbook, write_xlsx
from perfscore.rules import ExecutionRate, Forward, Qualitative, Reverse

openpyxl = pytest.importorskip("openpyxl")

D = Decimal
URL = "http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2"


def qualitative(code: str, name: str, points: int, target: str) -> Indicator:
    return Indicator(code, name, points, rule=Qualitative(), target=target)


def tangxi_framework() -> Framework:
    """The printed rows: 指标值 as printed (targets API not merged yet: rules written explicitly)."""
    return Framework(
        "项目支出绩效自评表",
        (
            Indicator("A", "预算执行率", 10, rule=ExecutionRate()),
            Indicator(
                "B",
                "产出指标",
                50,
                children=(
                    Indicator(
                        "B1",
                        "数量指标",
                        8,
                        children=(
                            Indicator(
                                "B1.1",
                                "基建工程委托业务项目数量",
                                8,
                                rule=Forward(50),
                                target="≥50个",
                                unit="个",
                            ),
                        ),
                    ),
                    Indicator(
                        "B2",
                        "质量指标",
                        16,
                        children=(
                            Indicator(
                                "B2.1", "委托业务报告合格率", 8, rule=Forward(100), target="≥100百分比"
                            ),
                            qualitative("B2.2", "经费支出合规性", 8, "严格执行相关制度规定"),
                        ),
                    ),
                    Indicator(
                        "B3",
                        "时效指标",
                        8,
                        children=(qualitative("B3.1", "提交报告及时性", 8, "在项目计划完成时间内完成"),),
                    ),
                    Indicator(
                        "B4",
                        "成本指标",
                        18,
                        children=(
                            Indicator(
                                "B4.1", "项目总成本", 8, rule=Reverse(90), target="≤90万元", unit="万元"
                            ),
                            qualitative("B4.2", "单项业务成本", 10, "符合相关规定"),
                        ),
                    ),
                ),
            ),
            Indicator(
                "C",
                "效益指标",
                30,
                children=(
                    Indicator(
                        "C1",
                        "社会效益指标",
                        10,
                        children=(qualitative("C1.1", "对维护基建市场公平的影响程度", 10, "效果明显"),),
                    ),
                    Indicator(
                        "C2",
                        "生态效益指标",
                        10,
                        children=(qualitative("C2.1", "对控制基建项目成本影响程度", 10, "效果明显"),),
                    ),
                    Indicator(
                        "C3",
                        "可持续影响指标",
                        10,
                        children=(
                            qualitative(
                                "C3.1", "对推动基建项目“四项制度”健全和落实的持续性影响", 10, "效果明显"
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


ACHIEVED = "达成"
# 实际完成值 and 得分 as printed; a qualitative row prints 达成预期指标 and its 得分.
PRINTED = {
    "B1.1": ("50", 8),
    "B2.1": ("100", 8),
    "B2.2": (ACHIEVED, 8),
    "B3.1": (ACHIEVED, 8),
    "B4.1": ("90", 8),
    "B4.2": (ACHIEVED, 10),
    "C1.1": (ACHIEVED, 10),
    "C2.1": (ACHIEVED, 10),
    "C3.1": (ACHIEVED, 10),
}


def tangxi_observations() -> Observations:
    observed: dict[str, object] = {
        code: {"tier": value, "points": points} if value == ACHIEVED else value
        for code, (value, points) in PRINTED.items()
    }
    return Observations(
        observed,
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
        funds=ProjectFunds(fiscal=[90, "89.974", "89.974"]),
    )


def test_printed_scores_come_out():
    framework = tangxi_framework()
    observations = tangxi_observations()
    result = framework.score(observations.for_scoring(framework))
    for code, (_, printed) in PRINTED.items():
        assert result[code].awarded == printed, code
    assert result["B"].awarded == 50  # 8 + 8 + 8 + 8 + 8 + 10 as printed
    assert result["C"].awarded == 30  # 10 + 10 + 10 as printed
    assert result["A"].awarded == 10  # 89.974 ÷ 89.974 from the 本年财政拨款 row
    assert result.total == 90
    # The printed 年度资金总额 row (0 0 0) does not add up to its 本年财政拨款 row.
    with pytest.raises(ObservationError, match=r"^funds\.total\.initial: the sources must add up"):
        ProjectFunds(total=[0, 0, 0], fiscal=[90, "89.974", "89.974"])


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


def test_the_villages_form_of_the_same_town():
    """棠溪镇 2022 村级补助及运转经费: the 产出指标 rows and the 项目资金 block as printed.

    http://www.anthempetcare.com/upload_cz/download?id=502367&siteId=2 (a mirror of the form;
    its stored text ends inside 效益指标, so only 产出指标 (50 分) is checked whole): 本年财政拨款
    202.64 / 132.912 / 132.912; "补助村（社区）数量 =8个 | 8 | 8 | 8", "保障村干部人数 =42个 | 42 |
    8 | 8", three rows 达成预期指标 8 each, "项目总成本 ≤202.6万元 | 132.9 | 10 | 10".
    """
    from perfscore.rules import Equal  # noqa: PLC0415

    outputs = Indicator(
        "B",
        "产出指标",
        50,
        children=(
            Indicator(
                "B1",
                "数量指标",
                16,
                children=(
                    Indicator("B1.1", "补助村（社区）数量", 8, rule=Equal(8), target="=8个", unit="个"),
                    Indicator("B1.2", "保障村干部人数", 8, rule=Equal(42), target="=42个", unit="个"),
                ),
            ),
            Indicator(
                "B2",
                "质量指标",
                16,
                children=(
                    qualitative("B2.1", "补助资格合规性", 8, "合规"),
                    qualitative("B2.2", "经费审批流程规范性", 8, "严格执行相关制度规定"),
                ),
            ),
            Indicator("B3", "时效指标", 8, children=(qualitative("B3.1", "补助经费到位及时性", 8, "及时"),)),
            Indicator(
                "B4",
                "成本指标",
                10,
                children=(
                    Indicator(
                        "B4.1", "项目总成本", 10, rule=Reverse("202.6"), target="≤202.6万元", unit="万元"
                    ),
                ),
            ),
        ),
    )
    framework = Framework(
        "项目支出绩效自评表", (Indicator("A", "预算执行率", 10, rule=ExecutionRate()), outputs)
    )
    achieved = {code: {"tier": "达成", "points": 8} for code in ("B2.1", "B2.2", "B3.1")}
    observations = Observations(
        {"B1.1": 8, "B1.2": 42, "B4.1": "132.9", **achieved},
        meta=Metadata(project="村级补助及运转经费", year=2022),
        funds=ProjectFunds(fiscal=["202.64", "132.912", "132.912"]),
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
    printed = {"B1.1": 8, "B1.2": 8, "B2.1": 8, "B2.2": 8, "B3.1": 8, "B4.1": 10}
    assert {code: result[code].awarded for code in printed} == printed
    assert result["B"].awarded == 50
    assert result["A"].awarded == 10  # 132.912 ÷ 132.912 (全年预算数)
