"""The Excel 自评表: write a scored result, read it back with openpyxl, fill it in and score it."""

from __future__ import annotations

import io
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import (
    NOT_APPLICABLE,
    FileFormatError,
    Framework,
    FrameworkError,
    Indicator,
    MissingDependencyError,
    ObservationError,
)
from perfscore.report import load_observations_xlsx, target_text, to_workbook, write_xlsx
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
from tests.strategies import with_observations

openpyxl = pytest.importorskip("openpyxl")

D = Decimal


def project_framework() -> Framework:
    """A three-level project self-evaluation (项目支出绩效自评表) in the shape of 财预〔2020〕10号."""
    return Framework(
        "某项目支出绩效自评",
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
                        30,
                        children=(
                            Indicator("B1.1", "培训人次", 20, rule=Forward(1000), unit="人次"),
                            Indicator("B1.2", "印发手册", 10, rule=Forward(500), target="≥500册"),
                        ),
                    ),
                    Indicator(
                        "B2",
                        "质量指标",
                        20,
                        children=(
                            Indicator("B2.1", "合格率", 10, rule=Bands([(95, 10), (90, 8)]), unit="%"),
                            Indicator(
                                "B2.2", "资料归档", 10, rule=Checklist(per_item=2, items=("方案", "总结"))
                            ),
                        ),
                    ),
                ),
            ),
            Indicator(
                "C",
                "效益指标",
                30,
                children=(
                    Indicator("C1", "社会效益", 20, rule=Qualitative()),
                    Indicator("C2", "投诉次数", 10, rule=Equal(0)),
                ),
            ),
            Indicator("D", "满意度指标", 10, rule=Reverse(5, method="ratio")),
        ),
    )


OBSERVATIONS: dict[str, object] = {
    "A": {"executed": "95.12", "budget": "100"},
    "B1.1": "950",
    "B1.2": NOT_APPLICABLE,
    "B2.1": "92.5",
    "B2.2": ["总结"],
    "C1": ("部分达成", "15"),
    "C2": 0,
    "D": "8",
}


def sheet_of(result, framework):
    buffer = io.BytesIO()
    write_xlsx(result, framework, buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)["自评表"], buffer


def test_layout_cells_merges_and_formats(tmp_path):
    framework = project_framework()
    result = framework.score(OBSERVATIONS)
    path = tmp_path / "自评表.xlsx"
    write_xlsx(result, framework, path)
    sheet = openpyxl.load_workbook(path)["自评表"]

    assert sheet["A1"].value == "某项目支出绩效自评表"
    header = [cell.value for cell in sheet[2]]
    assert header == [
        "编码",
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "指标值",
        "实际完成值",
        "得分",
        "说明",
    ]
    codes = [sheet.cell(row=row, column=1).value for row in range(3, 3 + len(result.nodes))]
    assert codes == [node.code for node in result.nodes]
    # Names sit in their level's column.
    assert sheet["B3"].value == "预算执行率"
    assert sheet["B4"].value == "产出指标"
    assert sheet["C5"].value == "数量指标"
    assert sheet["D6"].value == "培训人次"
    assert sheet["C4"].value == "小计"

    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert "A1:I1" in merged  # title
    assert "B3:D3" in merged  # a first-level leaf spans the deeper level columns
    assert "B4:B10" in merged  # 产出指标 over its own row and six descendants' rows
    assert "C5:C7" in merged  # 数量指标 over two leaves
    assert "C4:D4" in merged  # the parent's 小计
    assert "B11:B13" in merged  # 效益指标
    assert "C12:D12" in merged  # a second-level leaf spans the third-level column

    # Points and scores are numbers with the framework's places as number format.
    by_code = {sheet.cell(row=row, column=1).value: row for row in range(3, 3 + len(result.nodes))}
    for node in result.nodes:
        row = by_code[node.code]
        points, awarded = sheet.cell(row=row, column=5), sheet.cell(row=row, column=8)
        assert isinstance(points.value, (int, float))
        assert points.number_format == "0.00"
        assert D(repr(points.value)) == node.points
        if node.awarded is None:
            assert awarded.value is None
        else:
            assert awarded.number_format == "0.00"
            assert D(repr(awarded.value)) == node.awarded
        assert sheet.cell(row=row, column=9).value == node.explanation_zh

    # 指标值: given text, or derived from the rule with the unit.
    assert sheet.cell(row=by_code["B1.1"], column=6).value == "≥1000人次"
    assert sheet.cell(row=by_code["B1.2"], column=6).value == "≥500册"
    assert sheet.cell(row=by_code["A"], column=6).value == "100%"
    # 实际完成值 as the unit would write it.
    assert sheet.cell(row=by_code["A"], column=7).value == "95.12/100"
    assert sheet.cell(row=by_code["B1.2"], column=7).value == "不适用"
    assert sheet.cell(row=by_code["B2.2"], column=7).value == "总结"
    assert sheet.cell(row=by_code["C1"], column=7).value == "部分达成/15"
    assert sheet.cell(row=by_code["D"], column=7).value == 8

    # Total, percentage and grade below the indicators.
    total_row = 3 + len(result.nodes)
    assert sheet.cell(row=total_row, column=2).value == "合计"
    assert D(repr(sheet.cell(row=total_row, column=5).value)) == result.maximum
    assert D(repr(sheet.cell(row=total_row, column=8).value)) == result.total
    assert sheet.cell(row=total_row + 1, column=2).value == "得分率"
    assert D(repr(sheet.cell(row=total_row + 1, column=8).value)) == result.percentage
    assert sheet.cell(row=total_row + 1, column=8).number_format == '0.00"%"'
    assert sheet.cell(row=total_row + 2, column=2).value == "评价等级"
    assert sheet.cell(row=total_row + 2, column=8).value == result.grade

    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["I"].width == 60
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFGH")
    assert sheet["A2"].font.bold


def test_fill_in_and_score(tmp_path):
    """A unit receives the form, types its values (as people do in Excel/WPS) and scores it."""
    framework = project_framework()
    blank = framework.score(OBSERVATIONS)
    path = tmp_path / "form.xlsx"
    write_xlsx(blank, framework, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["自评表"]
    rows = {sheet.cell(row=row, column=1).value: row for row in range(3, sheet.max_row + 1)}
    typed = {
        "A": 0.9876,  # a ratio in a percentage cell
        "B1.1": 1200,
        "B1.2": "４５０",  # full-width digits typed as text
        "B2.1": "不涉及",
        "B2.2": "方案、总结",
        "C1": "达成/18.5",
        "C2": 2,
        "D": "1,005",
    }
    for code, value in typed.items():
        cell = sheet.cell(row=rows[code], column=7, value=value)
        cell.number_format = "0.00%" if code == "A" else "General"
    workbook.save(path)

    observations = load_observations_xlsx(path, framework)
    assert observations == {
        "A": D("0.9876"),
        "B1.1": D(1200),
        "B1.2": D(450),
        "B2.1": NOT_APPLICABLE,
        "B2.2": ["方案", "总结"],
        "C1": {"tier": "达成", "points": D("18.5")},
        "C2": D(2),
        "D": D(1005),
    }
    result = framework.score(observations)
    expected = framework.score(
        {
            "A": "0.9876",
            "B1.1": 1200,
            "B1.2": 450,
            "B2.1": NOT_APPLICABLE,
            "B2.2": 2,
            "C1": {"tier": "达成", "points": "18.5"},
            "C2": 2,
            "D": 1005,
        }
    )
    assert [node.awarded for node in result.nodes] == [node.awarded for node in expected.nodes]
    assert result.total == expected.total
    assert result["A"].awarded == D("9.88")  # 98.76% × 10 分


# The sheet writes a checklist's missing items as one cell, names joined by 、, and reads it back
# stripped, NFKC-normalised, and as a count or a percentage when it looks like one: names that
# round-trip are trimmed, have no digits, % or full-width forms. (Indicator names are not read
# back, so this limits nothing else.)
SHEET_NAMES = (
    st.text(alphabet="预算管理产出效益满意度指标数量质量时效成本<>&\"' ABCxyz/", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@given(with_observations(pst.frameworks(names=SHEET_NAMES), pst.observations))
def test_round_trip_scores_the_same(case):
    framework, observations = case
    result = framework.score(observations)
    buffer = io.BytesIO()
    write_xlsx(result, framework, buffer)
    buffer.seek(0)
    again = framework.score(load_observations_xlsx(buffer, framework))
    assert [(node.code, node.awarded, node.maximum) for node in again.nodes] == [
        (node.code, node.awarded, node.maximum) for node in result.nodes
    ]
    assert (again.total, again.percentage, again.grade) == (result.total, result.percentage, result.grade)


def test_numbers_a_double_cannot_hold_are_kept_as_text():
    framework = Framework("精度", (Indicator("A", "a", 10, rule=Forward("1234567890.123456789")),))
    result = framework.score({"A": "1234567890.123456788"})
    sheet, buffer = sheet_of(result, framework)
    assert sheet["E3"].value == "1234567890.123456788"
    buffer.seek(0)
    assert load_observations_xlsx(buffer, framework) == {"A": D("1234567890.123456788")}


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("项目支出绩效自评表", "项目支出绩效自评表"),
        ("部门整体支出绩效自评", "部门整体支出绩效自评表"),
        ("示例", "示例 绩效自评表"),
    ],
)
def test_title(name, title):
    framework = Framework(name, (Indicator("A", "a", 10, rule=Manual()),))
    sheet, _ = sheet_of(framework.score({"A": 1}), framework)
    assert sheet["A1"].value == title


def test_places_set_the_number_format():
    framework = Framework("整数", (Indicator("A", "a", 10, rule=Manual()),), places=0)
    sheet, _ = sheet_of(framework.score({"A": 7}), framework)
    assert sheet["C3"].number_format == "0"


def test_rule_derived_targets():
    assert target_text(Indicator("x", "x", 1, rule=Reverse(3), unit="%")) == "≤3%"
    assert target_text(Indicator("x", "x", 1, rule=Deduction(threshold=100, per_step=1))) == "≤100"
    assert (
        target_text(Indicator("x", "x", 1, rule=Bands([(5, 1), (10, "0.5")], higher_is_better=False))) == "≤5"
    )
    assert target_text(Indicator("x", "x", 1, rule=Manual())) == ""


def test_many_levels_get_headings():
    leaf = Indicator("L", "末级", 1, rule=Manual())
    for depth in range(11, 0, -1):
        leaf = Indicator(f"P{depth}", f"第{depth}级", 1, children=(leaf,))
    framework = Framework("深", (leaf,))
    sheet, _ = sheet_of(framework.score({"L": 1}), framework)
    header = [cell.value for cell in sheet[2]]
    assert header[1] == "一级指标"
    assert header[10] == "十级指标"
    assert header[12] == "十二级指标"


def test_result_of_another_framework_is_refused():
    framework = project_framework()
    other = Framework("其他", (Indicator("A", "a", 10, rule=Manual()),))
    with pytest.raises(FrameworkError, match=r"^framework: "):
        to_workbook(other.score({"A": 1}), framework)


def test_control_characters_are_refused():
    framework = Framework("控制\x01字符", (Indicator("A", "a", 10, rule=Manual()),))
    with pytest.raises(FrameworkError, match=r"^framework\.name: contains a control character"):
        to_workbook(framework.score({"A": 1}), framework)


def edited(framework, edits, number_format=None):
    """The form of a scored result with some 实际完成值 cells replaced."""
    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    sheet = workbook["自评表"]
    rows = {sheet.cell(row=row, column=1).value: row for row in range(3, sheet.max_row + 1)}
    for code, value in edits.items():
        row = rows.get(code)
        if row is None:
            row = sheet.max_row + 1
            sheet.cell(row=row, column=1, value=code)
        cell = sheet.cell(row=row, column=7)
        cell.value = value
        if number_format:
            cell.number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("edits", "number_format", "message"),
    [
        ({"B1.1": None}, None, r"^B1\.1: row \d+: 实际完成值 is empty"),
        ({"B1.1": "多"}, None, r"^B1\.1: is not a figure"),
        ({"B1.1": 0.95}, "0%", r"^B1\.1: row \d+: the cell is formatted as a percentage"),
        ({"B1.1": "95%"}, None, r"^B1\.1: row \d+: '95%' is a percentage"),
        ({"B": 3}, None, r"^B: row \d+: is a parent indicator"),
        ({"Z9": 3}, None, r"^Z9: row \d+: is not an indicator"),
        ({"C1": "达成"}, None, r"^C1: row \d+: a qualitative value is written tier/points"),
        ({"B1.1": True}, None, r"^B1\.1: row \d+: 实际完成值 must be a number or text"),
    ],
)
def test_unreadable_forms_name_the_code_and_row(edits, number_format, message):
    with pytest.raises(ObservationError, match=message):
        load_observations_xlsx(edited(project_framework(), edits, number_format), project_framework())


def test_repeated_and_missing_rows():
    framework = project_framework()
    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    sheet = workbook["自评表"]
    sheet.cell(row=sheet.max_row + 1, column=1, value="D").offset(column=6).value = 3
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(ObservationError, match=r"^D: row \d+: the code is already in row 14"):
        load_observations_xlsx(buffer, framework)

    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    workbook["自评表"].cell(row=14, column=1).value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(ObservationError, match=r"^D: has no row in workbook"):
        load_observations_xlsx(buffer, framework)


def test_files_that_are_not_forms(tmp_path):
    framework = project_framework()
    text = tmp_path / "notes.xlsx"
    text.write_text("这不是工作簿", encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"notes\.xlsx: is not an Excel \.xlsx workbook"):
        load_observations_xlsx(text, framework)
    with pytest.raises(FileFormatError, match=r"missing\.xlsx: cannot be read"):
        load_observations_xlsx(tmp_path / "missing.xlsx", framework)
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(
        FileFormatError, match=r"empty\.xlsx: has no header row with the columns 编码 and 实际完成值"
    ):
        load_observations_xlsx(empty, framework)


def test_missing_openpyxl_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    framework = project_framework()
    with pytest.raises(MissingDependencyError, match=r"^openpyxl: is not installed.*perfscore\[excel\]"):
        to_workbook(framework.score(OBSERVATIONS), framework)
    with pytest.raises(ImportError):
        load_observations_xlsx("form.xlsx", framework)
