"""Checks of project self-evaluation forms: 偏差原因, stated vs computed 得分, the printed 项目资金 block.

The example tests are pinned to real published 项目支出绩效自评表; each cites its address. Only
figures printed on those forms are used; where a form's text stops (an excerpt), the framework
stops there too.
"""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import Framework, Indicator, ObservationError, percent
from perfscore.audit import FormFinding, FormFindingKind, check_funds, check_reasons, check_stated
from perfscore.errors import AuditError, DenominatorError
from perfscore.funds import ProjectFunds
from perfscore.observations import Observations
from perfscore.rules import Equal, ExecutionRate, Forward, Manual, Reverse
from perfscore.scoring import Result

# ---------------------------------------------------------------------------------------------
# Real forms

#: 池州市贵池区棠溪镇人民政府, 项目支出绩效自评表 (2022年度), 委托业务项目.
CHIZHOU_COMMISSION = "https://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2"
#: 池州市贵池区棠溪镇人民政府, 项目支出绩效自评表 (2022年度), 村级补助及运转经费.
CHIZHOU_VILLAGES = "http://www.anthempetcare.com/upload_cz/download?id=502367&siteId=2"
#: 大英县司法局, 部门预算项目支出绩效自评表 (2023年度), 2023年全县安可替代补助资金项目.
DAYING_XINCHUANG = "https://dyxrmt.cn/article-157795-21.html"
#: 青神县发展和改革局, 部门预算项目支出绩效自评表 (2023年度), 工资性支出.
QINGSHEN_WAGES = "https://www.scqs.gov.cn/info/13206/211004.htm"
#: 区商务局, 2020 年市级服务贸易发展资金项目自评表 (预算执行情况 20 分).
SERVICE_TRADE = "https://www.kunmingchi.com/archives/973rxnk2je7n4oep6ym4.html"


def _commission() -> Framework:
    """The 委托业务项目 form up to 效益指标 (the published text is cut off inside 满意度指标)."""
    judged = Manual()
    return Framework(
        "委托业务项目（2022）",
        [
            Indicator("A", "预算执行率", 10, rule=ExecutionRate()),
            Indicator(
                "B",
                "产出指标",
                50,
                children=[
                    Indicator("B1", "基建工程委托业务项目数量", 8, target="≥50个", rule=Forward(target=50)),
                    Indicator("B2", "委托业务报告合格率", 8, target="≥100百分比", rule=Forward(target=100)),
                    Indicator("B3", "经费支出合规性", 8, rule=judged),
                    Indicator("B4", "提交报告及时性", 8, rule=judged),
                    Indicator("B5", "项目总成本", 8, target="≤90万元", rule=Reverse(target=90)),
                    Indicator("B6", "单项业务成本", 10, rule=judged),
                ],
            ),
            Indicator(
                "C",
                "效益指标",
                30,
                children=[
                    Indicator("C1", "对维护基建市场公平的影响程度", 10, rule=judged),
                    Indicator("C2", "对控制基建项目成本影响程度", 10, rule=judged),
                    Indicator("C3", "对推动基建项目“四项制度”健全和落实的持续性影响", 10, rule=judged),
                ],
            ),
        ],
    )


#: The 得分 column of the 委托业务项目 form as printed (产出 8 8 8 8 8 10, 效益 10 10 10; 执行率 得分 0).
_COMMISSION_STATED = {
    "A": "0",
    "B1": "8",
    "B2": "8",
    "B3": "8",
    "B4": "8",
    "B5": "8",
    "B6": "10",
    "C1": "10",
    "C2": "10",
    "C3": "10",
}


def _commission_result() -> Result:
    framework = _commission()
    observations = Observations(
        {"B1": 50, "B2": 100, "B3": 8, "B4": 8, "B5": 90, "B6": 10, "C1": 10, "C2": 10, "C3": 10},
        # The form's 本年财政拨款 row; its 年度资金总额 row (0 0 0) contradicts it and is refused.
        funds=ProjectFunds(fiscal=[90, "89.974", "89.974"]),
    )
    return framework.score(observations.for_scoring(framework))


def test_the_commission_form_block_is_refused_as_printed() -> None:
    """年度资金总额 0 0 0 above 本年财政拨款 90 / 89.974 / 89.974 (CHIZHOU_COMMISSION)."""
    with pytest.raises(ObservationError, match=r"^funds\.total\.initial: the sources must add up"):
        ProjectFunds(total=[0, 0, 0], fiscal=[90, "89.974", "89.974"])


def test_check_funds_catches_the_commission_form() -> None:
    """The printed 执行率 0 and 得分 0 follow from the 0 0 0 total, not from the 财政拨款 row."""
    findings = check_funds(
        {"年度资金总额": [0, 0, 0], "本年财政拨款": [90, "89.974", "89.974"]}, rate=0, score=0
    )
    assert [(f.code, f.kind) for f in findings] == [
        ("funds.total.initial", FormFindingKind.FUNDS_SUM),
        ("funds.total.annual", FormFindingKind.FUNDS_SUM),
        ("funds.total.executed", FormFindingKind.FUNDS_SUM),
        ("funds.rate", FormFindingKind.FUNDS_RATE),
        ("funds.score", FormFindingKind.FUNDS_SCORE),
    ]
    assert findings[1].stated == 0
    assert findings[1].computed == Decimal("89.974")
    assert findings[3].computed == Decimal("100.00")
    assert findings[4].computed == Decimal("10.00")
    assert findings[4].difference == Decimal("-10.00")
    assert "本年财政拨款 90 = 90" in findings[0].message_zh


def test_check_funds_on_the_village_form() -> None:
    """村级补助及运转经费: the same 0 0 0 total over 202.64 / 132.912 / 132.912 (CHIZHOU_VILLAGES)."""
    block = {"total": [0, 0, 0], "fiscal": ["202.64", "132.912", "132.912"]}
    findings = check_funds(block, rate=0, score=0)
    assert {f.code for f in findings} == {
        "funds.total.initial",
        "funds.total.annual",
        "funds.total.executed",
        "funds.rate",
        "funds.score",
    }
    funds = ProjectFunds(fiscal=block["fiscal"])
    assert percent(funds.execution()) == Decimal("100.00")
    # The 年初-only reading of the same row, and 预算偏离度 against 年初预算数 (computed, not printed).
    assert percent(funds.execution("initial")) == Decimal("65.59")
    assert percent(funds.deviation()) == Decimal("-34.41")


def test_check_stated_on_the_commission_form() -> None:
    """Every printed 产出/效益 得分 agrees with its rule; the 执行率 得分 0 does not (CHIZHOU_COMMISSION)."""
    result = _commission_result()
    assert result["A"].awarded == Decimal("10.00")
    assert result["B"].awarded == Decimal("50.00")  # 8 + 8 + 8 + 8 + 8 + 10, as printed
    assert result["C"].awarded == Decimal("30.00")
    findings = check_stated(result, _COMMISSION_STATED)
    assert len(findings) == 1
    (finding,) = findings
    assert finding.code == "A"
    assert finding.kind is FormFindingKind.STATED_SCORE
    assert (finding.stated, finding.computed, finding.difference) == (
        Decimal(0),
        Decimal("10.00"),
        Decimal("-10.00"),
    )
    assert finding.message_zh == "A 预算执行率：填报得分 0，按规则计算为 10.00（相差 -10.00）"


def test_check_stated_checks_the_printed_subtotals() -> None:
    """Subtotals against the printed rows (CHIZHOU_COMMISSION).

    The form prints the 一级 headers with their 分值 only (产出指标(50分), 效益指标(30分)) and its
    total is past the end of the published text, so the subtotals here are supplied by the test:
    50 and 30 agree with the printed rows (every row has full points), 28 does not.
    """
    result = _commission_result()
    assert check_stated(result, {**_COMMISSION_STATED, "A": "10", "B": "50", "C": "30", "total": 90}) == ()
    wrong = check_stated(result, {**_COMMISSION_STATED, "A": "10", "B": "50", "C": "28"})
    assert [(f.code, f.kind) for f in wrong] == [
        ("C", FormFindingKind.STATED_SCORE),
        ("C", FormFindingKind.STATED_SUM),
    ]
    assert wrong[1].message_en == "C: stated 28, but its parts' stated scores add up to 30"


def test_check_reasons_on_the_village_form() -> None:
    """项目总成本 ≤202.6万元 at 132.9 (65.6% of it), its 偏差原因 cell empty (CHIZHOU_VILLAGES)."""
    framework = Framework(
        "村级补助及运转经费（2022）",
        [
            Indicator("A", "预算执行率", 10, rule=ExecutionRate()),
            Indicator(
                "B",
                "产出指标",
                50,
                children=[
                    Indicator("B1", "补助村(社区)数量", 8, target="=8个", rule=Equal(target=8)),
                    Indicator("B2", "保障村干部人数", 8, target="=42个", rule=Equal(target=42)),
                    Indicator("B3", "补助资格合规性", 8, rule=Manual(), description="合规"),
                    Indicator("B4", "经费审批流程规范性", 8, rule=Manual()),
                    Indicator("B5", "补助经费到位及时性", 8, rule=Manual()),
                    Indicator("B6", "项目总成本", 10, target="≤202.6万元", rule=Reverse(target="202.6")),
                ],
            ),
        ],
    )
    observations = Observations(
        {"B1": 8, "B2": 42, "B3": 8, "B4": 8, "B5": 8, "B6": "132.9"},
        funds=ProjectFunds(fiscal=["202.64", "132.912", "132.912"]),
        reasons={"B5": "补助经费均按时拨付到位"},
    )
    result = framework.score(observations.for_scoring(framework))
    assert [result[code].awarded for code in ("B1", "B2", "B3", "B4", "B5", "B6")] == [
        Decimal("8.00"),
        Decimal("8.00"),
        Decimal("8.00"),
        Decimal("8.00"),
        Decimal("8.00"),
        Decimal("10.00"),
    ]  # as printed: 8 8 8 8 8 10
    findings = check_reasons(result, observations, framework)
    assert [(f.code, f.kind) for f in findings] == [
        ("B4", FormFindingKind.UNDESCRIBED),
        ("B6", FormFindingKind.EXCEEDED_WITHOUT_REASON),
    ]
    assert findings[1].stated == Decimal("132.9")
    assert findings[1].computed == Decimal("202.6")
    assert "低于年度指标值 202.6 30% 以上" in findings[1].message_zh


def test_a_full_execution_reproduces_the_daying_form() -> None:
    """总额 0.00 / 3.36 / 3.36, 预算执行率 100.00%, 权重 10, 得分 10 (DAYING_XINCHUANG).

    The Sichuan form's 财政资金 row is the 本年财政拨款 of the MoF form; its 财政专户管理资金 and
    单位资金 rows are 0.00 throughout and left out.
    """
    block = {"total": ["0.00", "3.36", "3.36"], "fiscal": ["0.00", "3.36", "3.36"]}
    funds = ProjectFunds(**block)
    assert percent(funds.execution()) == Decimal("100.00")
    award = ExecutionRate().score(funds, 10)
    assert award.points == 10
    assert award.explanation_zh == "全年执行数 3.36 ÷ 全年预算数 3.36 = 100.00% ≥ 100%，得满分 10 分"
    assert check_funds(block, rate="100.00%", score="10") == ()
    with pytest.raises(DenominatorError, match=r"^funds\.total\.initial: "):
        funds.deviation()  # 年初预算 0.00: no 预算偏离度


def test_the_qingshen_form_rate() -> None:
    """总额 238.93 / 251.89 / 251.89, 预算执行率 100.00% (QINGSHEN_WAGES); 得分 left blank there."""
    block = {"total": ["238.93", "251.89", "251.89"], "fiscal": ["238.93", "251.89", "251.89"]}
    assert check_funds(block, rate="100.00%") == ()
    assert [f.code for f in check_funds(block, rate="94.86%")] == ["funds.rate"]
    # 94.86% would be 238.93 ÷ 251.89 (年初 over 调整后): not the form's rate. Against 年初预算:
    assert percent(ProjectFunds(**block).execution("initial")) == Decimal("105.42")


def test_a_twenty_point_execution_leaf() -> None:
    """预算数 285.84, 执行数 285.84, 执行率 100%, 得分 20 (20 分 × 执行率) (SERVICE_TRADE)."""
    funds = ProjectFunds(total={"annual": "285.84", "executed": "285.84"})
    assert ExecutionRate().score(funds, 20).points == 20
    assert (
        check_funds({"total": {"annual": "285.84", "executed": "285.84"}}, rate="100%", score=20, points=20)
        == ()
    )


# ---------------------------------------------------------------------------------------------
# Behaviour and errors


def _two_leaves() -> Framework:
    return Framework(
        "项目",
        [
            Indicator("A", "数量", 50, rule=Forward(target=100)),
            Indicator("B", "评价", 50, rule=Manual()),
        ],
    )


def test_missed_targets_need_a_reason() -> None:
    framework = _two_leaves()
    result = framework.score({"A": 80, "B": 50})
    finding, judged = check_reasons(result, {})
    assert finding.kind is FormFindingKind.MISSED_WITHOUT_REASON
    assert (judged.code, judged.kind) == ("B", FormFindingKind.UNDESCRIBED)  # 评分 with nothing said
    assert check_reasons(result, {"B": "依据问卷调查结果评定"})[0] == finding
    assert finding.message_en == "A 数量: 40.00 of 50.00 points (target missed) but no reason is given"
    assert check_reasons(result, {"A": "  "}, framework)[0].code == "A"  # blank is none
    assert [f.code for f in check_reasons(result, {"A": "延期"}, framework)] == ["B"]  # B: no description


def test_overshoot_is_adjustable() -> None:
    framework = _two_leaves()
    result = framework.score({"A": 120, "B": 50})
    reasons = {"B": "问卷调查满意"}
    assert check_reasons(result, reasons, framework) == ()  # 120 < 130
    (finding,) = check_reasons(result, reasons, framework, overshoot="0.2")
    assert finding.kind is FormFindingKind.EXCEEDED_WITHOUT_REASON
    assert finding.difference == 20
    with pytest.raises(AuditError, match=r"^overshoot: must be a ratio ≥ 0"):
        check_reasons(result, reasons, framework, overshoot=-1)
    with pytest.raises(AuditError, match=r"^overshoot: "):
        check_reasons(result, reasons, framework, overshoot="lots")


def test_reasons_must_name_indicators() -> None:
    result = _two_leaves().score({"A": 80, "B": 50})
    with pytest.raises(ObservationError, match=r"^Z: is not an indicator"):
        check_reasons(result, {"Z": "原因"})
    with pytest.raises(AuditError, match=r"^reasons: must be a mapping"):
        check_reasons(result, ["A"])
    with pytest.raises(AuditError, match=r"^reasons\.A: must be text"):
        check_reasons(result, {"A": 3})


def test_not_applicable_leaves_need_no_reason() -> None:
    framework = Framework(
        "项目",
        [Indicator("A", "数量", 50, rule=Forward(target=100)), Indicator("B", "评价", 50, rule=Manual())],
        not_applicable="rescale",
    )
    result = framework.score({"A": "不适用", "B": 50})
    assert check_reasons(result, {"B": "依据问卷"}, framework) == ()


def test_stated_text_and_marks() -> None:
    framework = Framework(
        "项目",
        [Indicator("A", "数量", 50, rule=Forward(target=100)), Indicator("B", "评价", 50, rule=Manual())],
        not_applicable="exclude",
    )
    result = framework.score({"A": "不适用", "B": "47.5"})
    assert check_stated(result, {"A": "不适用", "B": "47.50分", "总分": "47.5"}) == ()
    assert check_stated(result, {"A": "/", "B": "—"}) == ()  # blank cells state nothing
    (finding,) = check_stated(result, {"B": "不适用"})
    assert finding.stated is None
    assert finding.computed == Decimal("47.50")
    assert finding.message_en == "B: stated not applicable, computed 47.50"


def test_rounding_is_flagged_and_can_be_tolerated() -> None:
    result = _two_leaves().score({"A": "94.7", "B": 50})  # A: 47.35
    (finding,) = check_stated(result, {"A": 48})
    assert not finding.within_rounding
    (finding,) = check_stated(result, {"A": 47})  # whole points: 47.35 → 47
    assert finding.within_rounding
    (finding,) = check_stated(result, {"A": "47.4"})
    assert finding.within_rounding
    assert check_stated(result, {"A": "47.4"}, tolerate_rounding=True) == ()


def test_stated_errors_name_the_field() -> None:
    result = _two_leaves().score({"A": 80, "B": 50})
    with pytest.raises(ObservationError, match=r"^Q: is not an indicator"):
        check_stated(result, {"Q": 1})
    with pytest.raises(AuditError, match=r"^stated\.A: "):
        check_stated(result, {"A": "eight"})
    with pytest.raises(AuditError, match=r"^stated\.A: must be a number"):
        check_stated(result, {"A": [8]})
    with pytest.raises(AuditError, match=r"^stated: must be a mapping"):
        check_stated(result, [("A", 8)])  # type: ignore[arg-type]


def test_check_funds_errors() -> None:
    with pytest.raises(AuditError, match=r"^funds: must be a table"):
        check_funds([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(AuditError, match=r"^rate: "):
        check_funds({"total": [1, 1, 1]}, rate="high")
    with pytest.raises(AuditError, match=r"^score: must be the printed"):
        check_funds({"total": [1, 1, 1]}, score="不适用")
    with pytest.raises(ObservationError, match=r"^funds\.fiscal\.annual: must not be negative"):
        check_funds({"fiscal": [1, -1, 1]})
    zero = check_funds({"total": [0, 0, 0]}, rate=0, score=0)
    assert [f.code for f in zero] == ["funds.rate", "funds.score"]
    assert zero[0].computed is None
    assert "0 ÷ 0" in zero[0].message_zh


def test_findings_as_plain_data() -> None:
    (finding,) = check_stated(_two_leaves().score({"A": 80, "B": 50}), {"A": 41})
    assert finding.to_dict() == {
        "code": "A",
        "kind": "stated_score",
        "message_zh": "A 数量：填报得分 41，按规则计算为 40.00（相差 1.00）",
        "message_en": "A: stated 41, computed 40.00 (difference 1.00)",
        "stated": "41",
        "computed": "40.00",
        "difference": "1.00",
        "within_rounding": False,
    }
    assert isinstance(finding, FormFinding)


# ---------------------------------------------------------------------------------------------
# Properties


def _stated_from(result: Result) -> dict[str, object]:
    stated: dict[str, object] = {
        node.code: node.awarded if node.awarded is not None else "不适用" for node in result.nodes
    }
    stated["total"] = result.total
    return stated


@given(pst.results())
def test_the_computed_scores_pass(result: Result) -> None:
    assert check_stated(result, _stated_from(result)) == ()


@given(pst.results(), st.data())
def test_exactly_the_altered_rows_are_found(result: Result, data: st.DataObject) -> None:
    scored = [node.code for node in result.nodes if node.awarded is not None]
    altered = data.draw(st.sets(st.sampled_from(scored), min_size=1))
    delta = data.draw(st.sampled_from([Decimal("0.01"), Decimal("-1"), Decimal("2.5")]))
    stated = _stated_from(result)
    for code in altered:
        stated[code] = result[code].awarded + delta  # type: ignore[operator]
    findings = check_stated(result, stated)
    assert {f.code for f in findings if f.kind is FormFindingKind.STATED_SCORE} == altered
    for finding in findings:
        assert finding.difference is not None
        assert finding.difference != 0


@given(pst.results())
def test_every_missed_leaf_without_reason_is_found(result: Result) -> None:
    missed = {
        node.code
        for node in result.leaves
        if node.applicable
        and node.awarded is not None
        and node.maximum is not None
        and node.awarded < node.maximum
    }
    found = {f.code for f in check_reasons(result, {}) if f.kind is FormFindingKind.MISSED_WITHOUT_REASON}
    assert found == missed
    assert check_reasons(result, dict.fromkeys((node.code for node in result.leaves), "原因")) == ()


@given(
    st.lists(pst.amounts(max_value="1e6"), min_size=3, max_size=3),
    st.lists(pst.amounts(max_value="1e6"), min_size=3, max_size=3),
)
def test_check_funds_passes_a_consistent_block(fiscal: list[Decimal], other: list[Decimal]) -> None:
    funds = ProjectFunds(fiscal=fiscal, other=other)
    block = {name: row for name, row in funds.to_dict().items() if name != "currency"}
    assume(funds.overall.annual and funds.overall.annual > 0)
    rate = percent(funds.execution())
    score = ExecutionRate().score(funds, 10).points
    assert check_funds(block, rate=f"{rate}%", score=score) == ()
    assert Decimal(0) <= score <= 10


# ---------------------------------------------------------------------------------------------
# A whole form: the [stated] section, check_form and `perfscore check`

_EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "forms"


def test_check_form_on_the_transcribed_commission_form() -> None:
    """examples/forms/chizhou_2022_commission.toml: the published form as a file (CHIZHOU_COMMISSION)."""
    from perfscore.audit import check_form  # noqa: PLC0415
    from perfscore.io import load_framework, load_observations  # noqa: PLC0415

    framework = load_framework(_EXAMPLES / "chizhou_2022_commission_framework.toml")
    observations = load_observations(_EXAMPLES / "chizhou_2022_commission.toml")
    assert observations.meta.project == "委托业务项目"
    assert observations.stated["A"] == 0
    findings = check_form(framework, observations)
    stated = [f for f in findings if f.kind is FormFindingKind.STATED_SCORE]
    assert [(f.code, f.stated, f.computed) for f in stated] == [("A", Decimal(0), Decimal("10.00"))]
    # The printed 偏差原因 column is empty: the six 达成预期指标 rows have nothing describing them.
    assert [f.code for f in findings if f.kind is FormFindingKind.UNDESCRIBED] == [
        "B3",
        "B4",
        "B6",
        "C1",
        "C2",
        "C3",
    ]
    assert check_form(framework, {**observations.for_scoring(framework)}) != ()  # a plain mapping


def test_perfscore_check(capsys: pytest.CaptureFixture[str]) -> None:
    from perfscore.cli import main  # noqa: PLC0415

    framework = str(_EXAMPLES / "chizhou_2022_commission_framework.toml")
    observations = str(_EXAMPLES / "chizhou_2022_commission.toml")
    assert main(["check", framework, observations]) == 1
    out = capsys.readouterr().out
    assert "[stated_score] A 预算执行率：填报得分 0，按规则计算为 10.00（相差 -10.00）" in out
    assert out.endswith("共 7 个问题 (7 findings)\n")
    assert main(["check", framework, observations, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[-1]["code"] == "A"
    assert data[-1]["difference"] == "-10.00"


def test_perfscore_check_without_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from perfscore.cli import main  # noqa: PLC0415

    observations = tmp_path / "o.toml"
    observations.write_text(
        '[funds]\ntotal = [10, 10, 9]\n[reasons]\nA = "年末一笔合同款未支付"\nB = "依据验收报告"\n'
        "[stated]\nA = 9\nB = 90\ntotal = 99\n[observations]\nB = 90\n",
        encoding="utf-8",
    )
    framework = tmp_path / "f.toml"
    framework.write_text(
        'name = "项目"\n[[indicators]]\ncode = "A"\nname = "预算执行率"\npoints = 10\n'
        'rule = { kind = "execution_rate" }\n[[indicators]]\ncode = "B"\nname = "产出"\npoints = 90\n'
        'rule = { kind = "manual" }\n',
        encoding="utf-8",
    )
    assert main(["check", str(framework), str(observations)]) == 0
    assert capsys.readouterr().out == "未发现问题 (no findings)\n"
    assert main(["check", str(framework), str(tmp_path / "missing.toml")]) == 2
    assert "missing.toml" in capsys.readouterr().err


def test_the_stated_section_is_checked_and_round_trips() -> None:
    from perfscore.io import loads_observations, observations_from_dict, observations_to_data  # noqa: PLC0415

    observations = loads_observations('[stated]\nA = "8分"\ntotal = 8\n[observations]\nA = 8\n')
    assert observations.stated == {"A": "8分", "total": 8}
    assert observations_from_dict(observations_to_data(observations)) == observations
    assert observations_from_dict(observations_to_data(observations, decimals_as_text=True)) == observations
    from perfscore.errors import FileFormatError  # noqa: PLC0415

    with pytest.raises(FileFormatError, match=r"^stated\.A: must be a number or text"):
        loads_observations("[stated]\nA = true\n[observations]\n")
    with pytest.raises(FileFormatError, match=r"^stated: must be a table"):
        loads_observations("stated = 3\n[observations]\n")
    with pytest.raises(ObservationError, match=r"^stated\.A: must be a number or printed text"):
        Observations({}, stated={"A": [1]})


_ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(),
    st.text(max_size=8),
    st.integers(),
    st.decimals(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)


@given(pst.results(), st.data())
def test_only_perfscore_errors_escape(result: Result, data: st.DataObject) -> None:
    """Whatever is passed as stated scores, reasons or a printed block: a finding or a PerfscoreError."""
    from perfscore.errors import PerfscoreError  # noqa: PLC0415

    codes = [node.code for node in result.nodes] + ["total", "不存在"]
    stated = data.draw(st.dictionaries(st.sampled_from(codes), _ANYTHING, max_size=4))
    reasons = data.draw(st.dictionaries(st.sampled_from(codes), _ANYTHING, max_size=3))
    rows = st.sampled_from(["total", "fiscal", "其他资金", "currency", "x"])
    block = data.draw(
        st.dictionaries(rows, st.one_of(_ANYTHING, st.lists(_ANYTHING, min_size=3, max_size=3)))
    )

    def stated_scores() -> object:
        return check_stated(result, stated)

    def reason_texts() -> object:
        return check_reasons(result, reasons, overshoot=data.draw(_ANYTHING))

    def printed_block() -> object:
        return check_funds(
            block, rate=data.draw(_ANYTHING), score=data.draw(_ANYTHING), points=data.draw(_ANYTHING)
        )

    for call in (stated_scores, reason_texts, printed_block):
        with contextlib.suppress(PerfscoreError):
            call()
