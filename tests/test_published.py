"""Real published 自评表, transcribed as printed, scored and audited (issue 12.9).

Each table is a pair of files in tests/data/published/ (``<name>.framework.toml``,
``<name>.observations.toml``) whose first lines cite the page, its title and what was left out.
年度指标值 are the printed ``target`` strings and 实际完成值 the printed text ("100%", "7月",
"150万"); every printed row score (``[stated]``) must be reproduced by the scalar engine
(`Framework.score`), or else be reported by `check_stated` / `check_funds` as the published
inconsistency it is. The batch engine is not used here: its columns take figures, not the
printed text; tests/test_batch_targets.py scores the 廊坊 form (whole points per row) in batch.

Sources (read through the search tool, corpus "pages"):

* 池州 2022 (安徽, project): https://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2
* 金寨 2023 (安徽, department): https://www.ahjinzhai.gov.cn/public/6624963/37545031.html
* 鄂州 2021 (湖北, project): https://zwfwzx.ezhou.gov.cn/zwgk/fdzdgknr/sgjfxx/202211/t20221108_506320.html
* 廊坊 2019 (河北, project): http://www.lfsp.cn/newsinfo/1158053.html
* 大英 2023 (四川, project): https://dyxrmt.cn/article-157795-21.html
* 铁路沿线环境及安全整治 (四川 layout, project): https://dyrmt.com/article-133731-63.html
* 中江 2022 (四川, project, whole form with 总分): https://chacewang.com/newsdetail/news242266.html
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import Framework, Indicator, ProjectFunds
from perfscore.audit import check_form, check_funds, check_reasons, check_stated
from perfscore.audit.forms import FormFindingKind
from perfscore.errors import ObservationError
from perfscore.funds import funds_from_dict
from perfscore.io import load_framework, load_observations
from perfscore.observations import Observations
from perfscore.rules import Equal, ExecutionRate, Forward, Manual, Qualitative, Reverse
from perfscore.scoring import Result
from perfscore.targets import parse, read_observed

D = Decimal
_DATA = Path(__file__).resolve().parent / "data" / "published"
TABLES = (
    "chizhou_2022",
    "jinzhai_2023",
    "ezhou_2021",
    "langfang_2019",
    "daying_2023",
    "sichuan_railway",
    "zhongjiang_2022",
)


def _load(name: str) -> tuple[Framework, Observations]:
    return load_framework(_DATA / f"{name}.framework.toml"), load_observations(
        _DATA / f"{name}.observations.toml"
    )


def _score(name: str) -> tuple[Framework, Observations, Result]:
    framework, observations = _load(name)
    return framework, observations, framework.score(observations.for_scoring(framework))


def _stated_rows(observations: Observations) -> dict[str, Decimal]:
    return {code: D(str(value)) for code, value in observations.stated.items() if code != "total"}


@pytest.mark.parametrize("name", TABLES)
def test_every_file_cites_its_source(name: str) -> None:
    for suffix in ("framework", "observations"):
        text = (_DATA / f"{name}.{suffix}.toml").read_text(encoding="utf-8")
        assert text.startswith("# "), name
        assert "http" in text.split("\n", 3)[1] + text.split("\n", 3)[2], name
        assert "Left out" in text, name


@pytest.mark.parametrize("name", TABLES)
def test_every_printed_target_is_read_without_a_hand_written_rule_where_it_has_a_direction(name: str) -> None:
    """Rules are written by hand only where the printed 指标值 has no ≥/≤/= (a bare figure)."""
    framework, _ = _load(name)
    for leaf in framework.leaves():
        if leaf.target is None:
            assert isinstance(leaf.rule, ExecutionRate), leaf.code  # the block's row prints no 指标值
            continue
        target = parse(leaf.target, field=f"{leaf.code}.target")
        if leaf.rule_from_target:
            assert target.kind != "other"
        else:
            assert target.kind == "other", f"{leaf.code}: {leaf.target!r} has a direction: use it"


# ---------------------------------------------------------------------------------------------
# 池州 2022 (安徽): 年度资金总额 printed 0 0 0, 执行率 0, 得分 0.


def test_chizhou_2022_rows_and_the_execution_row_that_does_not_follow() -> None:
    """池州市贵池区棠溪镇 委托业务项目 2022: https://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2."""
    _, observations, result = _score("chizhou_2022")
    stated = _stated_rows(observations)
    assert {code: result[code].awarded for code in stated if code != "A"} == {
        code: value for code, value in stated.items() if code != "A"
    }
    assert result["B1"].explanation_zh == "实际值 50 ≥ 目标值 50，得满分 8 分"
    assert result["B5"].explanation_zh == "实际值 90 ≤ 目标值 90，得满分 8 分"
    findings = check_stated(result, observations.stated)
    assert [(f.code, f.stated, f.computed) for f in findings] == [("A", D(0), D("10.00"))]
    assert result.total == D("90.00")  # 90 points transcribed (满意度 cut off)


def test_chizhou_2022_funds_block_as_printed() -> None:
    findings = check_funds(
        {"年度资金总额": [0, 0, 0], "本年财政拨款": [90, "89.974", "89.974"]}, rate=0, score=0
    )
    assert [f.code for f in findings] == [
        "funds.total.initial",
        "funds.total.annual",
        "funds.total.executed",
        "funds.rate",
        "funds.score",
    ]


# ---------------------------------------------------------------------------------------------
# 金寨 2023 (安徽, department): "9月前" / "7月", "—" in blank funds cells.


def test_jinzhai_2023_every_row_reproduced() -> None:
    """金寨县茶谷和美丽乡村建设服务中心 2023: https://www.ahjinzhai.gov.cn/public/6624963/37545031.html."""
    framework, observations, result = _score("jinzhai_2023")
    stated = _stated_rows(observations)
    assert {code: result[code].awarded for code in stated} == stated
    assert check_stated(result, observations.stated) == ()
    assert framework["B7"].rule == Reverse(9)
    assert framework["B7"].unit == "月"
    assert result["B7"].explanation_zh == "实际值 7 ≤ 目标值 9，得满分 5 分"
    # The block prints 执行率 102.59% and no 得分: spent more than the budget, scored in full.
    assert observations.funds is not None
    assert observations.funds.carryover is None  # printed "—" in every cell: a blank row
    assert (
        result["A"].explanation_zh == "全年执行数 338.31 ÷ 全年预算数 329.77 = 102.59% ≥ 100%，得满分 10 分"
    )
    assert (
        check_funds(
            {"年度资金总额": ["329.77", "329.77", "338.31"], "本年财政拨款": ["329.77", "329.77", "338.31"]},
            rate="102.59",
        )
        == ()
    )


def test_jinzhai_2023_a_target_beaten_by_half_without_a_reason() -> None:
    framework, observations, result = _score("jinzhai_2023")
    findings = check_reasons(result, observations, framework)
    assert [(f.code, f.kind) for f in findings] == [
        ("B3", FormFindingKind.EXCEEDED_WITHOUT_REASON)
    ]  # 3061 of ≥2000


# ---------------------------------------------------------------------------------------------
# 鄂州 2021 (湖北): "150万" in the funds block, 预算执行率 as a 20-point 数量指标 row.


def test_ezhou_2021_rows_and_the_execution_row_that_does_not_follow() -> None:
    """鄂州市 市民中心运行维护费 2021: https://zwfwzx.ezhou.gov.cn/zwgk/fdzdgknr/sgjfxx/202211/t20221108_506320.html."""
    framework, observations, result = _score("ezhou_2021")
    assert observations.funds is not None
    assert observations.funds.total.executed == D("125.25")  # printed "125.25万"
    assert (
        result["B1"].explanation_zh
        == "全年执行数 125.25 ÷ 全年预算数 150 = 83.50%，83.50% × 20 分 = 16.7 → 17 分"
    )
    assert framework["B5"].unit == "万元"
    assert result["B5"].awarded == D(10)
    findings = check_stated(result, observations.stated)
    # The form prints 18 for 83.5% of 20 points (16.7, 17 in the form's whole points); every
    # other printed row is reproduced.
    assert [(f.code, f.stated, f.computed, f.within_rounding) for f in findings] == [
        ("B1", D(18), D(17), False)
    ]
    assert (
        check_funds(
            {"年度资金总额": ["150万", "150万", "125.25万"], "本年财政拨款": ["150万", "150万", "125.25万"]},
            rate="83.5",
        )
        == ()
    )


# ---------------------------------------------------------------------------------------------
# 廊坊 2019 (河北): whole points on every row.


def test_langfang_2019_every_row_reproduced_in_whole_points() -> None:
    """廊坊市食品工程学校 暖通改造经费 2019: http://www.lfsp.cn/newsinfo/1158053.html."""
    _, observations, result = _score("langfang_2019")
    stated = _stated_rows(observations)
    assert {code: result[code].awarded for code in stated} == stated
    assert check_stated(result, observations.stated) == ()
    assert result.total == D("98.00")  # the printed rows add up to 98 (no printed total is stored)
    assert result["B1"].explanation_zh == "实际值 37.24 ÷ 目标值 43.2 × 10 分 ≈ 8.6204 → 9 分"
    block = {"年度资金总额": ["43.2", "43.2", "37.24"]}
    assert check_funds(block, rate=86, score=9, places=0) == ()  # 8.62 → 9 in whole points
    (two_places,) = check_funds(block, rate=86, score=9)
    assert (two_places.computed, two_places.within_rounding) == (D("8.62"), True)


# ---------------------------------------------------------------------------------------------
# 大英 2023 (四川): the 预算执行情况 block; "完成" printed against "≤ 30 万元".


def test_daying_2023_execution_row_and_a_word_where_a_figure_is_due() -> None:
    """大英县司法局 2023: https://dyxrmt.cn/article-157795-21.html."""
    framework, observations = _load("daying_2023")
    assert framework["B1"].rule == Reverse(30)
    assert framework["B1"].unit == "万元"
    with pytest.raises(ObservationError) as caught:
        framework.score(observations.for_scoring(framework))
    assert str(caught.value) == (
        "B1: '完成' is words, but the indicator's rule (反向) needs the 实际完成值 as a figure in 万元: "
        "give the figure, or score the row by judgement (a manual rule)"
    )
    # Read as the form scores it (by judgement, 90 of 90), the printed row and 执行率 are reproduced.
    judged = Framework(
        framework.name,
        [
            framework["A"],
            Indicator(
                "B", "产出指标", 90, children=[Indicator("B1", "成本控制数", 90, rule=Manual(), places=0)]
            ),
        ],
        not_applicable="full",
    )
    result = judged.score(Observations({"B1": 90}, funds=observations.funds).for_scoring(judged))
    assert check_stated(result, observations.stated) == ()
    assert result["A"].explanation_zh == "全年执行数 3.36 ÷ 全年预算数 3.36 = 100.00% ≥ 100%，得满分 10 分"
    block = {"年度资金总额": ["0.00", "3.36", "3.36"], "本年财政拨款": ["0.00", "3.36", "3.36"]}
    assert check_funds(block, rate="100.00", score=10) == ()


# ---------------------------------------------------------------------------------------------
# The Sichuan 铁路沿线 form: columns apart, no printed 得分; "优" on a 定性 row.


def test_sichuan_railway_columns_apart_are_read_and_a_grade_is_not_a_tier() -> None:
    """铁路沿线环境及安全整治: https://dyrmt.com/article-133731-63.html (得分 printed empty)."""
    framework, observations = _load("sichuan_railway")
    assert parse("=" + "100" + "%") == parse(framework["B1"].target or "")
    assert framework["B2"].rule == Equal(6)
    assert framework["C1"].rule == Forward(90)
    assert framework["C3"].rule == Qualitative()
    assert observations.stated == {}
    with pytest.raises(ObservationError) as caught:
        framework.score(observations)
    assert str(caught.value).startswith(
        "C3: '优' is not a tier with points: a qualitative (定性) indicator is scored from its 得分"
    )
    # The quantitative rows as printed: every one meets its target, so each earns its 权重.
    quantitative = {code: value for code, value in observations.items() if code != "C3"}
    for code, value in quantitative.items():
        leaf = framework[code]
        assert leaf.rule is not None
        award = leaf.rule.score(leaf.observe(value), leaf.points, field=code)
        assert award.points == leaf.points, code


# ---------------------------------------------------------------------------------------------
# 中江 2022 (四川): the whole form, actual values printed as the target ("≥266米"), 总分 100.


def test_zhongjiang_2022_every_row_reproduced_and_a_total_that_does_not_add_up() -> None:
    """中江县水利局 2022 水标尺制作安装项目: https://chacewang.com/newsdetail/news242266.html."""
    framework, observations, result = _score("zhongjiang_2022")
    stated = _stated_rows(observations)
    assert {code: result[code].awarded for code in stated} == stated
    assert result["B1"].explanation_zh == "实际值 266 ≥ 目标值 266，得满分 10 分"
    assert result["A"].explanation_zh == "全年执行数 20 ÷ 全年预算数 20 = 100.00% ≥ 100%，得满分 10 分"
    # 产出 70 + 效益 20 + 满意度 10 + 执行率 10 = 110 points, all earned; the form prints 总分 100.
    assert framework.maximum == D(110)
    findings = check_stated(result, observations.stated)
    assert [(f.kind, f.code, f.stated) for f in findings] == [
        (FormFindingKind.STATED_SCORE, "total", D(100)),
        (FormFindingKind.STATED_SUM, "total", D(100)),
    ]
    assert check_funds({"年度资金总额": {"全年预算数": 20, "全年执行数": 20}}, rate="100.00", score=10) == ()


# ---------------------------------------------------------------------------------------------
# What the tables measure (reported in docs/forms.md "Tested on published forms").


def _reproduced(name: str) -> tuple[int, int]:
    """(printed row scores, rows whose computed score equals the printed one) for a table."""
    framework, observations = _load(name)
    stated = _stated_rows(observations)
    try:
        result = framework.score(observations.for_scoring(framework))
    except ObservationError:
        return len(stated), 0
    return len(stated), sum(1 for code, value in stated.items() if result[code].awarded == value)


def test_rows_reproduced_across_the_tables() -> None:
    counts = {name: _reproduced(name) for name in TABLES}
    assert counts == {
        "chizhou_2022": (10, 9),  # 预算执行率 printed 0 (the block's 0 0 0 total)
        "jinzhai_2023": (8, 8),
        "ezhou_2021": (6, 5),  # 预算执行率 printed 18 for 16.7 (17 in whole points)
        "langfang_2019": (10, 10),
        "daying_2023": (2, 0),  # "完成" for ≤30万元 refused; reproduced when judged (test above)
        "sichuan_railway": (0, 0),  # no 得分 printed
        "zhongjiang_2022": (10, 10),  # and a printed 总分 100 for parts adding up to 110
    }
    leaves = sum(len(_load(name)[0].leaves()) for name in TABLES)
    assert leaves == 55


# ---------------------------------------------------------------------------------------------
# The fixes these tables needed, as properties.

_TIME_UNITS = ("月", "天", "日", "周", "年", "个月", "小时", "工作日", "个工作日")


@given(
    st.integers(min_value=1, max_value=400),
    st.sampled_from(_TIME_UNITS),
    st.sampled_from(("前", "之前", "以前")),
    st.integers(min_value=0, max_value=800),
)
def test_deadlines_read_as_at_most_and_round_trip(number: int, unit: str, before: str, actual: int) -> None:
    """金寨 2023 prints 时效 targets "9月前" and actual values "7月"."""
    target = parse(f"{number}{unit}{before}")
    assert (target.kind, target.comparison, target.number, target.unit) == ("reverse", "≤", D(number), unit)
    assert parse(str(target)) == target
    leaf = Indicator("B7", "验收时间", 5, target=f"{number}{unit}{before}")
    assert leaf.observe(f"{actual}{unit}") == D(actual)
    full = Framework("t", [leaf]).score({"B7": f"{actual}{unit}"})["B7"].awarded == D("5.00")
    assert full == (actual <= number)


@given(
    st.decimals(min_value=D(1), max_value=D(10**5), places=2),
    st.decimals(min_value=D(0), max_value=D(10**5), places=2),
    st.sampled_from(("forward", "reverse")),
    st.sampled_from(("米", "%", "人", "万元")),
)
def test_an_actual_printed_as_a_bound_scores_the_least_it_allows(
    target: Decimal, bound: Decimal, direction: str, unit: str
) -> None:
    """中江 2022 prints "≥266米" as the 全年实际值 of "≥266米": read as 266, refused the other way."""
    sign, other = ("≥", "≤") if direction == "forward" else ("≤", "≥")
    t, b = format(target, "f"), format(bound, "f")
    framework = Framework("t", [Indicator("B1", "x", 10, target=f"{sign}{t}{unit}")])
    assert framework.score({"B1": f"{sign}{b}{unit}"}).total == framework.score({"B1": f"{b}{unit}"}).total
    with pytest.raises(ObservationError, match=r"^B1: .* is a bound .*: give the figure$"):
        framework.score({"B1": f"{other}{b}{unit}"})


@pytest.mark.parametrize("text", ["2023年12月前", "2023年12月底前完成", "年底前", "在项目计划完成时间内完成"])
def test_dated_phrases_stay_qualitative(text: str) -> None:
    assert parse(text).kind == "qualitative"


@given(
    st.decimals(min_value=D(0), max_value=D(10**7), places=2), st.sampled_from(("万元", "元", "亿元", "千元"))
)
def test_wan_alone_is_wan_yuan_on_a_currency_leaf(amount: Decimal, unit: str) -> None:
    """鄂州 2021 prints amounts as "150万", "125.25万" in a 万元 block."""
    text = format(amount, "f")
    assert read_observed(f"{text}万", unit=unit, field="B5") == read_observed(
        f"{text}万元", unit=unit, field="B5"
    )
    funds = funds_from_dict({"fiscal": [f"{text}万", f"{text}万元", f"{text}万"]})
    assert funds.total.annual == amount
    assert funds.total.initial == funds.total.executed == amount
    in_yuan = funds_from_dict({"fiscal": [f"{text}万", f"{text}万元", f"{text}元"], "currency": "元"})
    assert in_yuan.total.initial == in_yuan.total.annual == amount * 10_000
    assert in_yuan.total.executed == amount
    with pytest.raises(ObservationError, match=r"^funds\.fiscal\.initial: give the amount without a unit"):
        ProjectFunds(fiscal=[f"{text}万", 1, 1])  # a row alone cannot tell 万 from the currency


def test_wan_alone_is_not_read_for_other_units() -> None:
    with pytest.raises(ObservationError, match="is in 万, but the indicator's unit is 人"):
        read_observed("5万", unit="人", field="C1")


@pytest.mark.parametrize("mark", ["—", "——", "–", "-", "/", "／", "无", " "])
def test_printed_blank_marks_in_the_funds_block(mark: str) -> None:
    """金寨 2023 prints "—" in the empty 上年结转资金 and 其他资金 cells."""
    funds = ProjectFunds(total=[10, 10, 9], fiscal=[10, 10, 9], carryover=[mark, mark, 0])
    assert funds.carryover is not None
    assert funds.carryover.annual is None


def test_an_explicit_rule_keeps_the_printed_target_unit() -> None:
    """鄂州 2021 prints the bare target "100%" and the actual "83.5%"; 廊坊 prints "100" and "100"."""
    leaf = Indicator("B2", "预算资金拨款率", 10, target="100%", rule=Forward(100))
    assert leaf.unit == "%"
    assert not leaf.rule_from_target
    assert leaf.observe("83.5%") == D("83.5")
    assert Indicator("B9", "x", 10, target="完成相关任务", rule=Manual()).unit is None
    assert Indicator("B9", "x", 10, target="≥九十", rule=Manual()).unit is None  # report text only
    assert Indicator("B9", "x", 10, target="100%", unit="百分比", rule=Forward(100)).unit == "百分比"


@given(st.text(alphabet="完成达到已未良好优中差是否正常按时", min_size=1, max_size=6))
def test_words_on_a_quantitative_leaf_say_what_to_give(words: str) -> None:
    """大英 2023 prints "完成" as the 完成值 of "≤ 30 万元"."""
    framework = Framework("t", [Indicator("B1", "成本控制数", 90, target="≤30万元")])
    with pytest.raises(ObservationError) as caught:
        framework.score({"B1": words})
    assert str(caught.value).startswith(f"B1: {words!r} is words, but the indicator's rule (反向) needs")


@pytest.mark.parametrize(
    ("printed", "hint"),
    [
        ("达成预期指标", "'达成预期指标' names the tier 达成 but gives no points"),
        ("优", "'优' is not a tier with points"),
    ],
)
def test_a_tier_word_without_points_says_what_to_give(printed: str, hint: str) -> None:
    framework = Framework("t", [Indicator("C1", "效果", 10, target="效果明显")])
    with pytest.raises(ObservationError) as caught:
        framework.score({"C1": printed})
    assert str(caught.value).startswith(f"C1: {hint}: a qualitative (定性) indicator is scored from its 得分")
    assert framework.score({"C1": {"tier": printed if printed != "优" else "达成", "points": 10}}).total == D(
        "10.00"
    )


def test_check_form_on_every_table_finds_only_what_is_printed_wrong() -> None:
    """`perfscore check` on the tables that score as printed: the findings listed above, no others."""
    kinds = {}
    for name in ("chizhou_2022", "jinzhai_2023", "ezhou_2021", "langfang_2019", "zhongjiang_2022"):
        framework, observations = _load(name)
        kinds[name] = sorted({(f.kind.value, f.code) for f in check_form(framework, observations)})
    assert kinds["jinzhai_2023"] == [("exceeded_without_reason", "B3")]
    assert kinds["langfang_2019"] == [("missed_without_reason", "A")]
    assert ("stated_score", "A") in kinds["chizhou_2022"]
    assert ("stated_score", "B1") in kinds["ezhou_2021"]
    assert kinds["zhongjiang_2022"] == [
        ("judgement_without_description", "C2"),
        ("stated_score", "total"),
        ("stated_sum", "total"),
    ]
