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
    PerfscoreError,
)
from perfscore.funds import ProjectFunds
from perfscore.observations import Metadata, Observations
from perfscore.report import (
    blank_workbook,
    load_observations_xlsx,
    target_text,
    to_workbook,
    write_blank_xlsx,
    write_xlsx,
)
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


def sheet_of(result, framework, observations=None):
    buffer = io.BytesIO()
    write_xlsx(result, framework, buffer, observations=observations)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)["自评表"], buffer


def rows_by_code(sheet):
    return {sheet.cell(row=row, column=10).value: row for row in range(1, sheet.max_row + 1)}


def test_layout_of_the_official_form(tmp_path):
    framework = project_framework()
    observations = Observations(
        OBSERVATIONS,
        meta=Metadata(
            project="培训项目",
            department="某局",
            implementer="某中心",
            year=2022,
            goal="培训1000人次",
            outcome="培训950人次",
        ),
        reasons={"B1.1": "疫情影响，下年增加线上课程"},
    )
    result = framework.score(observations)
    path = tmp_path / "自评表.xlsx"
    write_xlsx(result, framework, path, observations=observations)
    sheet = openpyxl.load_workbook(path)["自评表"]

    # One title (the framework's name is not printed a second time), then the year.
    assert sheet["A1"].value == "某项目支出绩效自评表"
    assert sheet["A2"].value == "（2022年度）"
    titles = [
        c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "自评表" in c.value
    ]
    assert titles == ["某项目支出绩效自评表"]
    assert (sheet["A3"].value, sheet["C3"].value) == ("项目名称", "培训项目")
    assert (sheet["C4"].value, sheet["F4"].value, sheet["G4"].value) == ("某局", "实施单位", "某中心")
    # 项目资金（万元）: the execution rate leaf A is shown here, not in the table.
    assert sheet["A5"].value == "项目资金（万元）"
    assert [sheet.cell(row=5, column=c).value for c in range(4, 10)] == [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    assert [sheet.cell(row=r, column=2).value for r in range(6, 10)] == [
        "年度资金总额",
        "其中：本年财政拨款",
        "上年结转资金",
        "其他资金",
    ]
    assert (sheet["E6"].value, sheet["F6"].value, sheet["G6"].value) == (100, 95.12, 10)
    assert sheet["H6"].value == 0.9512
    assert sheet["H6"].number_format == "0.00%"
    assert D(repr(sheet["I6"].value)) == result["A"].awarded
    assert (sheet["B11"].value, sheet["F11"].value) == ("培训1000人次", "培训950人次")
    header = [sheet.cell(row=12, column=c).value for c in range(1, 10)]
    assert header == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    rows = rows_by_code(sheet)
    assert "A" not in {code for code, row in rows.items() if row > 12}
    assert sheet.cell(row=rows["B1.1"], column=2).value == "产出指标（50分）"
    assert sheet.cell(row=rows["B1.1"], column=3).value == "数量指标"
    assert sheet.cell(row=rows["B1.1"], column=4).value == "培训人次"
    assert sheet.cell(row=rows["B1.1"], column=5).value == "≥1000人次"
    assert sheet.cell(row=rows["B1.1"], column=6).value == "950人次"  # as printed, with the unit
    assert sheet.cell(row=rows["B1.1"], column=9).value == "疫情影响，下年增加线上课程"
    assert sheet.cell(row=rows["B1.2"], column=5).value == "≥500册"
    assert sheet.cell(row=rows["B1.2"], column=6).value == "不适用"
    assert sheet.cell(row=rows["B2.2"], column=6).value == "总结"
    assert sheet.cell(row=rows["C1"], column=6).value == "部分达成"
    assert sheet.cell(row=rows["D"], column=6).value == 8
    for node in result.nodes:
        if node.code in rows and node.is_leaf and node.code != "A":
            row = rows[node.code]
            assert D(repr(sheet.cell(row=row, column=7).value)) == node.points
            if node.awarded is not None:
                assert D(repr(sheet.cell(row=row, column=8).value)) == node.awarded
                assert sheet.cell(row=row, column=8).number_format == "0.00"

    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {
        "A1:I1",
        "A2:I2",
        "A5:A9",
        "B13:B16",
        "C13:C14",
        "C15:C16",
        "B17:B18",
        "C17:D17",
        "B19:D19",
    } <= merged
    total = rows["D"] + 1
    assert sheet.cell(row=total, column=1).value == "总分"
    assert D(repr(sheet.cell(row=total, column=7).value)) == result.maximum
    assert D(repr(sheet.cell(row=total, column=8).value)) == result.total
    assert sheet.cell(row=total + 2, column=1).value == "填表人："
    assert sheet.cell(row=total + 2, column=8).value == "单位负责人："

    # Printing: A4 landscape, one page wide, print area and titles, a CJK font on every cell.
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_area == f"'自评表'!$A$1:$I${total + 2}"
    assert sheet.print_title_rows == "$12:$12"
    assert sheet.column_dimensions["J"].hidden
    for row in sheet.iter_rows(min_row=1, max_row=total + 2, max_col=9):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "宋体", cell.coordinate
    assert all(sheet.column_dimensions[letter].width >= 7 for letter in "ABCDEFGHI")
    explanations = openpyxl.load_workbook(path)["评分说明"]
    assert explanations["E3"].value == result["B"].explanation_zh


def test_blank_form_and_fill_in(tmp_path):
    """The blank form handed out, filled in as people type in Excel/WPS, read back and scored."""
    framework = project_framework()
    path = tmp_path / "form.xlsx"
    write_blank_xlsx(framework, path, meta=Metadata(project="培训项目", year=2023))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["自评表"]
    rows = rows_by_code(sheet)
    assert sheet["A2"].value == "（2023年度）"
    assert sheet["G6"].value == 10  # 分值 of 预算执行率, printed on the blank form
    for code in ("B1.1", "C1", "D"):
        assert sheet.cell(row=rows[code], column=6).value is None
        assert sheet.cell(row=rows[code], column=8).value is None
    assert sheet.cell(row=rows["B1.1"], column=5).value == "≥1000人次"
    sheet["D6"], sheet["E6"], sheet["F6"] = 100, "100", "98.76"  # 项目资金 typed as amounts
    typed = {
        "B1.1": "1200人次",
        "B1.2": "４５０",  # full-width digits typed as text
        "B2.1": "不涉及",
        "B2.2": "方案、总结",
        "C1": "达成预期指标",
        "C2": 2,
        "D": "1,005",
    }
    for code, value in typed.items():
        sheet.cell(row=rows[code], column=6, value=value)
    sheet.cell(row=rows["C1"], column=8, value=18.5)  # a qualitative leaf's points are its 得分
    sheet.cell(row=rows["B1.2"], column=9, value="印刷推迟")
    workbook.save(path)

    observations = load_observations_xlsx(path, framework)
    assert dict(observations) == {
        "A": ProjectFunds(total=[100, 100, "98.76"]),
        "B1.1": D(1200),
        "B1.2": D(450),
        "B2.1": NOT_APPLICABLE,
        "B2.2": ["方案", "总结"],
        "C1": {"tier": "达成", "points": D("18.5")},
        "C2": D(2),
        "D": D(1005),
    }
    assert observations.reasons == {"B1.2": "印刷推迟"}
    assert (observations.meta.project, observations.meta.year) == ("培训项目", 2023)
    result = framework.score(observations)
    assert result["A"].awarded == D("9.88")  # 98.76% × 10 分


def test_percentages_typed_into_a_leaf_in_percent(tmp_path):
    framework = Framework(
        "满意度",
        (
            Indicator("A", "满意度", 50, rule=Forward(90), unit="%"),
            Indicator("B", "合格率", 50, rule=Forward(95), unit="%"),
        ),
    )
    workbook = blank_workbook(framework)
    sheet = workbook["自评表"]
    rows = rows_by_code(sheet)
    sheet.cell(row=rows["A"], column=6, value="92%")
    cell = sheet.cell(row=rows["B"], column=6, value=0.96)  # 96% typed into Excel
    cell.number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert dict(load_observations_xlsx(buffer, framework)) == {"A": D(92), "B": D(96)}


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
    assert sheet["F13"].value == "1234567890.123456788"
    buffer.seek(0)
    assert load_observations_xlsx(buffer, framework) == {"A": D("1234567890.123456788")}


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("项目支出绩效自评表", "项目支出绩效自评表"),
        # The built-in template's name: printed once, without the document number after it.
        ("项目支出绩效自评表（财预〔2020〕10号）", "项目支出绩效自评表"),
        ("部门整体支出绩效自评", "部门整体支出绩效自评表"),
        ("部门整体支出绩效自评（示例）", "部门整体支出绩效自评表"),
        ("示例", "项目支出绩效自评表"),
    ],
)
def test_title(name, title):
    framework = Framework(name, (Indicator("A", "a", 10, rule=Manual()),))
    sheet, _ = sheet_of(framework.score({"A": 1}), framework)
    assert sheet["A1"].value == title


def test_places_set_the_number_format():
    framework = Framework("整数", (Indicator("A", "a", 10, rule=Manual()),), places=0)
    sheet, _ = sheet_of(framework.score({"A": 7}), framework)
    assert sheet["H13"].number_format == "0"


def test_rule_derived_targets():
    assert target_text(Indicator("x", "x", 1, rule=Reverse(3), unit="%")) == "≤3%"
    assert target_text(Indicator("x", "x", 1, rule=Deduction(threshold=100, per_step=1))) == "≤100"
    assert (
        target_text(Indicator("x", "x", 1, rule=Bands([(5, 1), (10, "0.5")], higher_is_better=False))) == "≤5"
    )
    assert target_text(Indicator("x", "x", 1, rule=Manual())) == ""


def test_deeper_levels_fold_into_the_third_level_column():
    leaf = Indicator("L", "末级", 1, rule=Manual())
    for depth in range(6, 0, -1):
        leaf = Indicator(f"P{depth}", f"第{depth}级", 1, children=(leaf,))
    framework = Framework("深", (leaf,))
    sheet, buffer = sheet_of(framework.score({"L": 1}), framework)
    assert [sheet.cell(row=13, column=c).value for c in (2, 3, 4)] == [
        "第1级（1分）",
        "第2级",
        "第3级／第4级／第5级／第6级／末级",
    ]
    buffer.seek(0)
    assert load_observations_xlsx(buffer, framework) == {"L": D(1)}


def test_rows_without_codes_are_found_by_their_names():
    """A form whose hidden 编码 column was deleted (or typed from a printed form) is read by names."""
    framework = project_framework()
    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    workbook["自评表"].delete_cols(10)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert (
        framework.score(load_observations_xlsx(buffer, framework)).total
        == framework.score(OBSERVATIONS).total
    )


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
    rows = rows_by_code(sheet)
    for code, value in edits.items():
        row = rows.get(code)
        if row is None:
            row = rows["D"]
            sheet.cell(row=row, column=10, value=code)
        cell = sheet.cell(row=row, column=6)
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
        ({"B1.1": None}, None, r"^自评表!F13: B1\.1 培训人次: 实际完成值 is empty"),
        ({"B1.1": "多"}, None, r"^自评表!F13: B1\.1 培训人次: .*is not a figure"),
        ({"B1.1": 0.95}, "0%", r"^自评表!F13: B1\.1 培训人次: the cell is formatted as a percentage"),
        ({"B1.1": "95%"}, None, r"^自评表!F13: B1\.1 培训人次: '95%' is a percentage"),
        ({"B": 3}, None, r"^自评表!J19: B: is a parent indicator"),
        ({"Z9": 3}, None, r"^自评表!J19: Z9: is not an indicator"),
        ({"C1": 3}, None, r"^自评表!F17: C1 社会效益: a qualitative value is its tier"),
        ({"B1.1": True}, None, r"^自评表!F13: B1\.1 培训人次: 实际完成值 must be a number or text"),
    ],
)
def test_unreadable_forms_name_the_sheet_and_cell(edits, number_format, message):
    with pytest.raises(ObservationError, match=message):
        load_observations_xlsx(edited(project_framework(), edits, number_format), project_framework())


def test_repeated_and_missing_rows():
    framework = project_framework()
    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    sheet = workbook["自评表"]
    sheet.cell(row=19, column=10).value = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(
        ObservationError, match=r"^自评表!F19: C2 投诉次数: the indicator is already in row 18"
    ):
        load_observations_xlsx(buffer, framework)

    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    for column in (2, 5, 6, 7, 8, 10):  # D's row emptied: a spare row
        workbook["自评表"].cell(row=19, column=column).value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(ObservationError, match=r"^自评表: D 满意度指标: has no row in workbook"):
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
        FileFormatError, match=r"empty\.xlsx: not a 项目支出绩效自评表: missing header 年度指标值"
    ):
        load_observations_xlsx(empty, framework)
    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    workbook["自评表"]["E12"] = "指标值"
    workbook.save(tmp_path / "old.xlsx")
    with pytest.raises(
        FileFormatError, match=r"old\.xlsx: not a 项目支出绩效自评表: missing header 年度指标值$"
    ):
        load_observations_xlsx(tmp_path / "old.xlsx", framework)


def test_missing_openpyxl_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    framework = project_framework()
    with pytest.raises(MissingDependencyError, match=r"^openpyxl: is not installed.*perfscore\[excel\]"):
        to_workbook(framework.score(OBSERVATIONS), framework)
    with pytest.raises(ImportError):
        load_observations_xlsx("form.xlsx", framework)


FUNDS_ROWS = st.one_of(
    st.none(),
    st.tuples(*(st.one_of(st.none(), pst.amounts(max_value=10**9)) for _ in range(3))).filter(
        lambda row: any(amount is not None for amount in row)
    ),
)


@given(
    st.fixed_dictionaries({"fiscal": FUNDS_ROWS, "carryover": FUNDS_ROWS, "other": FUNDS_ROWS}),
    st.sampled_from(["元", "万元"]),
)
def test_the_funds_block_round_trips(rows, currency):
    """Any 项目资金 block written on the form reads back as the same block."""
    given_rows = {key: list(row) for key, row in rows.items() if row is not None}
    try:
        funds = ProjectFunds(currency=currency, **given_rows)
    except ObservationError:
        return  # no row at all
    framework = Framework(
        "资金",
        (Indicator("A", "预算执行率", 10, rule=ExecutionRate()), Indicator("B", "产出", 90, rule=Manual())),
    )
    observations = Observations({"B": 80}, funds=funds)
    try:
        result = framework.score(observations.for_scoring(framework))
    except PerfscoreError:
        result = None  # e.g. 0 ÷ 0: the block still round-trips through the form
    if result is not None:
        workbook = to_workbook(result, framework, observations=observations)
    else:
        workbook = blank_workbook(framework)
        for offset, key in enumerate(("total", "fiscal", "carryover", "other")):
            row = getattr(funds, key)
            for column, name in ((4, "initial"), (5, "annual"), (6, "executed")):
                if row is not None and getattr(row, name) is not None:
                    workbook["自评表"].cell(row=6 + offset, column=column, value=getattr(row, name))
        workbook["自评表"]["A5"] = f"项目资金（{currency}）"
        workbook["自评表"].cell(row=13, column=6, value=80)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert load_observations_xlsx(buffer, framework)["A"] == funds


def test_the_funds_block_as_a_rate_and_its_errors():
    framework = project_framework()

    def read(**cells):
        workbook = blank_workbook(framework)
        sheet = workbook["自评表"]
        rows = rows_by_code(sheet)
        filled = {"B1.1": 1000, "B1.2": 500, "B2.1": 95, "B2.2": 0, "C1": "达成", "C2": 0, "D": 5}
        for code, value in filled.items():
            sheet.cell(row=rows[code], column=6, value=value)
        sheet.cell(row=rows["C1"], column=8, value=20)
        for where, value in cells.items():
            sheet[where] = value
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)
        return load_observations_xlsx(buffer, framework)

    # Only the 执行率 typed (the cell is formatted as a percentage): the ratio.
    assert read(H6=0.9512)["A"] == D("0.9512")
    assert read(H6="95.12%")["A"] == D("0.9512")
    # Sources that do not add up to the printed total (as on the 棠溪镇 2022 form).
    with pytest.raises(
        ObservationError, match=r"^自评表!D6: 项目资金: funds\.total\.initial: the sources must add up"
    ):
        read(D6=0, E6=0, F6=0, D7=90, E7="89.974", F7="89.974")
    with pytest.raises(ObservationError, match=r"^自评表!F6: 项目资金: .*not a figure"):
        read(F6="很多")
    # Nothing in the block at all: the 预算执行率 leaf has no observation.
    with pytest.raises(ObservationError, match=r"A 预算执行率: has no row in .*fill in the 项目资金 block"):
        read()
    # A qualitative leaf without its points in 得分.
    with pytest.raises(ObservationError, match=r"^自评表!H17: C1 社会效益: 得分 is empty"):
        read(H6=1, H17=None)


@pytest.mark.parametrize("ratio", ["0.98765", "0.5", str(D(2) / D(3))])
def test_an_execution_rate_given_as_a_ratio_reads_back_exactly(ratio):
    framework = Framework(
        "比率",
        (Indicator("A", "预算执行率", 10, rule=ExecutionRate()), Indicator("B", "产出", 90, rule=Manual())),
    )
    result = framework.score({"A": ratio, "B": 80})
    _, buffer = sheet_of(result, framework)
    again = load_observations_xlsx(buffer, framework)
    assert again["A"] == D(ratio)
    assert framework.score(again).total == result.total


TYPED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet="0123456789.,%-/ 达成部分未预期指标不适用个人次万元总结方案、ＡＢ１２", max_size=12),
)


@given(st.lists(st.tuples(st.sampled_from(["F", "H", "I", "D", "E"]), st.integers(6, 20), TYPED), max_size=6))
def test_whatever_is_typed_into_the_form_reading_raises_only_perfscore_errors(edits):
    framework = project_framework()
    workbook = to_workbook(framework.score(OBSERVATIONS), framework)
    sheet = workbook["自评表"]
    for column, row, value in edits:
        cell = sheet[f"{column}{row}"]
        if type(cell).__name__ != "MergedCell":
            cell.value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    try:
        observations = load_observations_xlsx(buffer, framework)
    except PerfscoreError:
        return
    try:
        framework.score(observations)
    except PerfscoreError:
        return
