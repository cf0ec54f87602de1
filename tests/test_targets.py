"""Targets and observations as printed (perfscore.targets), per-row places, ≥0 targets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import Framework, Indicator
from perfscore.errors import FrameworkError, ObservationError, PerfscoreError
from perfscore.io import framework_from_dict, loads_framework
from perfscore.rules import (
    Equal,
    ExecutionRate,
    Forward,
    Interval,
    Manual,
    Qualitative,
    Reverse,
)
from perfscore.targets import Target, parse, read_observed

D = Decimal

#: Text of every kind a form might hold in a 指标值 cell, including broken ones.
cells = st.text(
    alphabet="0123456789０１２３４５６７８９.,，．%％≥≤<>=＞＜＝﹦±~～-至 "
    "个万元次天不低于超过以上内达成效果明显适用定性量其他()（）",
    max_size=14,
)
points = st.decimals(min_value=D("0.5"), max_value=D(100), places=2)
values = st.decimals(min_value=D(-1000), max_value=D(100000), places=2)


class TestParse:
    @pytest.mark.parametrize(
        ("text", "kind", "comparison", "numbers", "unit", "printed"),
        [
            ("≥95%", "forward", "≥", ("95",), "%", "≥95%"),
            ("≥100百分比", "forward", "≥", ("100",), "%", "≥100%"),
            ("≥50个", "forward", "≥", ("50",), "个", "≥50个"),
            ("≤90万元", "reverse", "≤", ("90",), "万元", "≤90万元"),
            ("=100%", "equal", "=", ("100",), "%", "=100%"),
            ("＝１００％", "equal", "=", ("100",), "%", "=100%"),
            ("﹦0", "equal", "=", ("0",), None, "=0"),
            ("＞ 3 次", "forward", ">", ("3",), "次", ">3次"),
            ("＜5天", "reverse", "<", ("5",), "天", "<5天"),
            ("不低于 1,000 人", "forward", "≥", ("1000",), "人", "≥1000人"),
            ("不超过10次", "reverse", "≤", ("10",), "次", "≤10次"),
            ("达到98%", "forward", "≥", ("98",), "%", "≥98%"),
            ("90%以上", "forward", "≥", ("90",), "%", "≥90%"),
            ("5%以内", "reverse", "≤", ("5",), "%", "≤5%"),
            ("≥95%以上", "forward", "≥", ("95",), "%", "≥95%"),
            ("90%-100%", "range", None, ("90", "100"), "%", "90%～100%"),
            ("90%～100%", "range", None, ("90", "100"), "%", "90%～100%"),
            ("90-100%", "range", None, ("90", "100"), "%", "90%～100%"),
            ("±10%", "range", None, ("-10", "10"), "%", "-10%～10%"),
            ("100%", "other", None, ("100",), "%", "100%"),
        ],
    )
    def test_examples(self, text, kind, comparison, numbers, unit, printed):
        target = parse(text)
        assert target.kind == kind
        assert target.comparison == comparison
        assert target.numbers == tuple(D(number) for number in numbers)
        assert target.unit == unit
        assert str(target) == printed
        assert target.text == text

    @pytest.mark.parametrize(
        "text",
        [
            "定性",
            "达成预期指标",
            "效果明显",
            "严格执行相关制度规定",
            "在项目计划完成时间内完成",
            "2023年12月底前完成",
            "12月底前完成",
        ],
    )
    def test_words_are_qualitative(self, text):
        target = parse(text)
        assert target.kind == "qualitative"
        assert str(target) == text
        assert target.rule() == Qualitative()

    def test_not_applicable_and_other(self):
        assert parse("不适用").kind == "not_applicable"
        assert parse("不适用").rule() == Manual()
        assert parse("定量（其他）").kind == "other"
        assert str(parse("定量（其他）")) == "定量（其他）"

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("≥abc", "B2.target: cannot read 指标值 '≥abc'"),
            ("≥九十五", "B2.target: cannot read 指标值 '≥九十五'"),
            ("≥95%-", "B2.target: cannot read 指标值 '≥95%-'"),
            ("1,00个", "B2.target: cannot read 指标值 '1,00个'"),
            ("2023-12-31", "B2.target: cannot read 指标值 '2023-12-31'"),
            ("≥90%（按季度）", "B2.target: cannot read 指标值 '≥90%（按季度）'"),
            ("", "B2.target: cannot read 指标值: it is empty"),
            ("100%-90%", "B2.target: cannot read 指标值 '100%-90%': a range needs lower < upper"),
            ("90%-100个", "B2.target: cannot read 指标值 '90%-100个': its bounds have different units"),
        ],
    )
    def test_unreadable_text_names_the_indicator(self, text, message):
        with pytest.raises(FrameworkError) as caught:
            parse(text, field="B2.target")
        assert str(caught.value) == message

    def test_not_text(self):
        with pytest.raises(FrameworkError, match=r"^target: must be text, got int$"):
            parse(95)

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: Target("bigger"), "kind: must be one of"),  # type: ignore[arg-type]
            (lambda: Target("forward", "≤", D(1)), "comparison: '≤' does not fit a forward target"),
            (lambda: Target("forward", "≥"), "number: a forward target needs a number"),
            (lambda: Target("qualitative", "≥", D(1)), "comparison: '≥' does not fit a qualitative"),
            (lambda: Target("range", number=D(1)), "upper: only a range target has an upper bound"),
            (lambda: Target("range", number=D(2), upper=D(1)), "upper: a range needs lower < upper"),
        ],
    )
    def test_inconsistent_targets_are_refused(self, make, message):
        with pytest.raises(FrameworkError, match=f"^{message}"):
            make()

    def test_equal_by_meaning_not_by_print(self):
        assert parse("不低于95%") == parse("≥95%") == parse("≥ ９５ ％")
        assert parse("≥95%") != parse("＞95%")  # strict and inclusive are kept apart
        assert parse("≥95%") != parse("≥95个")


class TestRoundTrip:
    @given(pst.printed_targets())
    def test_printed_text_reads_into_its_target(self, pair):
        text, target = pair
        assert parse(text) == target

    @given(pst.printed_targets())
    def test_canonical_print_reads_back(self, pair):
        target = parse(pair[0])
        assert parse(str(target)) == target
        assert str(parse(str(target))) == str(target)

    @given(cells)
    def test_any_cell_reads_or_is_refused_by_name(self, text):
        try:
            target = parse(text, field="C1.target")
        except FrameworkError as error:
            field = error.field
        else:
            field = None
            assert parse(str(target)) == target
            assert str(parse(str(target))) == str(target)
        assert field in (None, "C1.target")


class TestRuleDerivation:
    @pytest.mark.parametrize(
        ("text", "rule"),
        [
            ("≥95%", Forward(95)),
            ("＞95%", Forward(95)),
            ("≤90万元", Reverse(90)),
            ("=100%", Equal(100)),
            ("=0", Equal(0)),
            ("≥0", Forward(0)),
            ("≤0", Equal(0)),
            ("90%～100%", Interval(90, 100)),
            ("效果明显", Qualitative()),
        ],
    )
    def test_rules(self, text, rule):
        assert parse(text).rule() == rule

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                "100%",
                "B2.target: '100%' has no comparison (≥, ≤, =, a range): give one, or an explicit rule "
                "(e.g. target = '≥100%' for at least, '≤100%' for at most, '=100%' for exactly)",
            ),
            ("≥-5%", "B2.target: ≥-5%: a negative 正向 target has no formula: give a rule"),
        ],
    )
    def test_no_rule(self, text, message):
        with pytest.raises(FrameworkError) as caught:
            parse(text).rule(field="B2.target")
        assert str(caught.value) == message

    @given(pst.printed_targets(kinds=["forward", "reverse", "equal", "range"]), points, values, values)
    def test_points_bounded_and_monotonic(self, pair, weight, a, b):
        target = parse(pair[0])
        assume(all(number >= 0 for number in target.numbers))
        rule = target.rule()
        low, high = sorted((a, b))
        at_low, at_high = (rule.score(value, weight).exact for value in (low, high))
        assert 0 <= at_low <= weight
        assert 0 <= at_high <= weight
        if target.kind == "forward":
            assert at_low <= at_high
        elif target.kind == "reverse":
            assert at_low >= at_high
        elif target.kind == "range":
            assert target.number is not None
            assert target.upper is not None
            if high <= target.number:
                assert at_low <= at_high
            if low >= target.upper:
                assert at_low >= at_high
        if target.kind != "range":
            assert rule.score(target.number, weight).exact == weight  # on target: full points

    def test_zero_targets(self):
        # "≥0": any A ≥ 0 is on target; "=0" and "≤0": nothing may happen.
        assert parse("≥0").rule().score(0, 5).points == D(5)
        assert parse("≥0").rule().score(37, 5).points == D(5)
        assert parse("≥0").rule().score(-1, 5).points == D(0)
        for text in ("=0", "≤0"):
            assert parse(text).rule().score(0, 5).points == D(5)
            assert parse(text).rule().score(1, 5).points == D(0)
        assert Reverse(0).score(0, 5).points == D(5)
        assert Reverse(0).score("0.01", 5).points == D(0)
        assert Reverse(0, method="ratio").score(3, 5).points == D(0)

    def test_interval_outside(self):
        rule = Interval(90, 100)
        assert rule.score(45, 10).points == D(5)  # 45 ÷ 90 × 10
        assert rule.score(110, 10).points == D(9)  # (1 − 10/100) × 10
        assert rule.score(200, 10).points == D(0)
        assert rule.score(-1, 10).points == D(0)
        assert Interval(-10, 10).score(-20, 10).points == D(0)  # below a bound ≤ 0: nothing
        assert Interval(-10, 10).score(15, 10).points == D(5)
        with pytest.raises(FrameworkError, match=r"^high: must be greater than low 5, got 5$"):
            Interval(5, 5)


class TestIndicator:
    def test_rule_and_unit_from_the_target(self):
        leaf = Indicator("C1", "项目数量", 8, target="≥50个")
        assert leaf.rule == Forward(50)
        assert leaf.unit == "个"
        assert leaf.rule_from_target
        assert leaf.parsed_target() == parse("≥50个")

    def test_an_explicit_rule_wins(self):
        leaf = Indicator("C1", "合格率", 8, rule=Forward("0.95"), target="≥95%（按季度）")
        assert leaf.rule == Forward("0.95")
        assert leaf.unit is None
        assert not leaf.rule_from_target

    def test_an_explicit_unit_wins(self):
        assert Indicator("C1", "成本", 8, target="≤90", unit="万元").unit == "万元"

    def test_unreadable_target_names_the_indicator(self):
        with pytest.raises(FrameworkError) as caught:
            Indicator("B2", "合格率", 8, target="≥abc")
        assert str(caught.value) == "B2.target: cannot read 指标值 '≥abc'"

    def test_file_leaf_with_a_target(self):
        framework = framework_from_dict(
            {
                "name": "示例",
                "indicators": [
                    {
                        "code": "A",
                        "name": "产出指标",
                        "points": 16,
                        "children": [
                            {"code": "A1", "name": "数量", "points": 8, "target": "≥50个"},
                            {"code": "A2", "name": "成本", "points": 8, "target": "≤90万元"},
                        ],
                    }
                ],
            }
        )
        assert framework["A2"].rule == Reverse(90)
        assert framework_from_dict(framework.to_dict()) == framework

    def test_file_error_path(self):
        text = """
name = "示例"
[[indicators]]
code = "A"
name = "产出指标"
points = 16
[[indicators.children]]
code = "A1"
name = "数量"
points = 8
target = "≥50个"
[[indicators.children]]
code = "A2"
name = "合格率"
points = 8
target = "≥九十"
"""
        with pytest.raises(PerfscoreError) as caught:
            loads_framework(text)
        assert str(caught.value) == "indicators[0].children[1].target: cannot read 指标值 '≥九十'"


class TestObservations:
    @pytest.mark.parametrize(
        ("value", "unit", "expected"),
        [
            ("92%", "%", "92"),
            ("１００％", "%", "100"),
            ("100百分比", "%", "100"),
            ("8个", "个", "8"),
            ("132.9万元", "万元", "132.9"),
            ("72,890元", "元", "72890"),
            ("72,890元", "万元", "7.2890"),
            ("0.09万元", "元", "900.00"),
            ("72,890", None, "72890"),
        ],
    )
    def test_read(self, value, unit, expected):
        read = read_observed(value, unit=unit, field="C1")
        assert read == D(expected)
        assert format(read, "f") == expected  # the places printed are kept

    @pytest.mark.parametrize(
        ("value", "unit", "message"),
        [
            ("8个", "%", "C1: '8个' is in 个, but the indicator's unit is %"),
            ("92%", "万元", "C1: '92%' is in %, but the indicator's unit is 万元"),
            (
                "92%",
                None,
                "C1: '92%' is in %, but the indicator has no unit: give the number, or set its unit",
            ),
        ],
    )
    def test_unit_that_does_not_fit(self, value, unit, message):
        with pytest.raises(ObservationError) as caught:
            read_observed(value, unit=unit, field="C1")
        assert str(caught.value) == message

    def test_other_values_pass_unchanged(self):
        mapping = {"tier": "达成", "points": 8}
        assert read_observed(mapping, unit="%", field="C1") is mapping
        assert read_observed("达成预期指标", unit="%", field="C1") == "达成预期指标"
        assert read_observed(92, unit="%", field="C1") == 92

    @given(st.decimals(min_value=D(0), max_value=D(10**6), places=2))
    def test_percent_text_is_its_number(self, number):
        assert read_observed(f"{number}%", unit="%", field="C1") == number
        assert read_observed(f"{number}百分比", unit="%", field="C1") == number

    @given(st.decimals(min_value=D(0), max_value=D(10**8), places=2))
    def test_currency_converts_exactly(self, number):
        in_wan = read_observed(f"{number}元", unit="万元", field="C1")
        assert isinstance(in_wan, Decimal)
        assert in_wan * 10000 == number
        assert read_observed(f"{number}万元", unit="元", field="C1") == number * 10000

    def test_scoring_reads_printed_observations(self):
        framework = Framework(
            "示例",
            [
                Indicator(
                    "A",
                    "产出指标",
                    16,
                    children=(
                        Indicator("A1", "数量", 8, target="≥50个"),
                        Indicator("A2", "合格率", 8, target="≥95%"),
                    ),
                )
            ],
        )
        result = framework.score({"A1": "45个", "A2": "９２％"})
        assert result["A1"].awarded == D("7.20")
        assert result["A1"].value == "45个"  # the observation as given
        assert result["A2"].awarded == D("7.75")  # 92 ÷ 95 × 8 = 7.747…
        with pytest.raises(ObservationError, match=r"^A1: '45%' is in %, but the indicator's unit is 个$"):
            framework.score({"A1": "45%", "A2": "92%"})

    def test_batch_reads_printed_observations_as_the_scalar_engine(self):
        framework = Framework(
            "示例",
            [Indicator("A1", "数量", 8, target="≥50个"), Indicator("A2", "合格率", 8, target="≥95%")],
        )
        batch = framework.score_batch({"A1": ["45个", "50个"], "A2": ["９２％", 95]})
        for unit, observations in enumerate(({"A1": "45个", "A2": "９２％"}, {"A1": "50个", "A2": 95})):
            assert batch.totals_decimal()[unit] == framework.score(observations).total


class TestExecutionRate:
    def test_a_percentage_typed_as_a_number_is_refused(self):
        with pytest.raises(ObservationError) as caught:
            ExecutionRate().score(86, 10, field="B1")
        assert str(caught.value) == (
            "B1: an execution rate of 86 is above 2 (200%): it looks like a percentage: give 0.86 or '86%'"
        )

    def test_percent_text(self):
        assert ExecutionRate().score("86%", 10).points == D("8.60")
        assert ExecutionRate().score("８６％", 10).points == D("8.60")
        assert ExecutionRate().score("105.42%", 10).points == D(10)

    def test_the_bound_itself_is_a_ratio(self):
        assert ExecutionRate().score(2, 10).points == D(10)
        assert ExecutionRate().score({"executed": 300, "budget": 100}, 10).points == D(10)

    @given(st.decimals(min_value=D(0), max_value=D(2), places=4))
    def test_ratio_and_percent_text_agree(self, ratio):
        as_text = f"{format(ratio * 100, 'f')}%"
        assert ExecutionRate().score(as_text, 10).points == ExecutionRate().score(ratio, 10).points


def _places_framework(row_places: int, rule_target: str = "≥29") -> Framework:
    return Framework(
        "示例",
        [
            Indicator(
                "A",
                "产出指标",
                "22.5",
                children=(
                    Indicator("A1", "数量", 10, target=rule_target, places=row_places),
                    Indicator("A2", "质量", "12.5", target="≥95%"),
                ),
            )
        ],
        not_applicable="full",
    )


class TestPlaces:
    def test_a_row_rounds_to_its_own_places(self):
        result = _places_framework(0).score({"A1": 25, "A2": 92})
        assert result["A1"].awarded == D(9)
        assert result["A1"].explanation_zh == "实际值 25 ÷ 目标值 29 × 10 分 ≈ 8.6207 → 9 分"
        assert result["A1"].explanation_en == "actual 25 ÷ target 29 × 10 points ≈ 8.6207 → 9 points"
        assert result["A2"].awarded == D("12.11")  # 92 ÷ 95 × 12.5 = 12.105…, at the framework's 2
        assert result["A"].awarded == D("21.11")
        assert result.total == D("21.11")

    def test_the_rounding_step_shows_a_short_exact_value(self):
        result = _places_framework(0, "≥8").score({"A1": 7, "A2": 95})
        assert result["A1"].explanation_zh == "实际值 7 ÷ 目标值 8 × 10 分 = 8.75 → 9 分"

    def test_no_step_when_rounding_changes_nothing(self):
        result = _places_framework(0, "≥8").score({"A1": 8, "A2": 95})
        assert result["A1"].explanation_zh == "实际值 8 ≥ 目标值 8，得满分 10 分"

    def test_refusals(self):
        with pytest.raises(FrameworkError, match=r"^A2.points: has more decimal places than its own 0"):
            Framework(
                "示例", [Indicator("A2", "质量", "12.5", target="≥95%", places=0)], not_applicable="full"
            )
        with pytest.raises(FrameworkError, match=r"^A1.places: must not exceed the framework's 0, got 2"):
            Framework("示例", [Indicator("A1", "数量", 10, target="≥8", places=2)], places=0)
        with pytest.raises(FrameworkError, match=r"^A1.places: rescale"):
            Framework("示例", [Indicator("A1", "数量", 10, target="≥8", places=0)])
        with pytest.raises(FrameworkError, match=r"^A.places: a parent's points are the sum"):
            Indicator("A", "产出", 10, children=(Indicator("A1", "数量", 10, target="≥8"),), places=0)
        with pytest.raises(FrameworkError, match=r"^places: must be a whole number from 0 to 6, got True"):
            Indicator("A1", "数量", 10, target="≥8", places=True)

    @given(
        st.integers(0, 2),
        st.integers(1, 100).map(D),
        st.decimals(min_value=D("0.01"), max_value=D(1000), places=2),
        values,
        st.sampled_from(["full", "exclude"]),
    )
    def test_points_on_the_rows_grid_and_bounded(self, row_places, weight, target, actual, policy):
        framework = Framework(
            "示例",
            [Indicator("A1", "数量", weight, rule=Forward(target), places=row_places)],
            not_applicable=policy,
        )
        awarded = framework.score({"A1": actual})["A1"].awarded
        assert awarded is not None
        assert 0 <= awarded <= weight
        assert awarded.as_tuple().exponent == -row_places

    @given(
        pst.frameworks(row_places=True, policies=["full", "exclude"], places=st.integers(1, 3)).flatmap(
            lambda framework: st.tuples(st.just(framework), pst.observations(framework))
        )
    )
    def test_frameworks_with_row_places(self, drawn):
        framework, observations = drawn
        result = framework.score(observations)
        for indicator, _ in framework.walk():
            node = result[indicator.code]
            if node.awarded is None:
                continue
            assert node.maximum is not None
            assert 0 <= node.awarded <= node.maximum
            if indicator.is_leaf and node.applicable:
                places = framework.places if indicator.places is None else indicator.places
                assert node.awarded.as_tuple().exponent == -places
            if not indicator.is_leaf:
                counted = [result[child.code].awarded for child in indicator.children]
                assert node.awarded == sum((part for part in counted if part is not None), D(0))
        assert result.total == sum((result[top.code].awarded or D(0) for top in framework.indicators), D(0))

    def test_file_round_trip(self):
        framework = _places_framework(0)
        assert framework_from_dict(framework.to_dict()) == framework
        assert framework.to_dict()["indicators"][0]["children"][0]["places"] == 0

    def test_batch_agrees_with_scalar(self):
        framework = _places_framework(0)
        batch = framework.score_batch({"A1": [25, 29, 3], "A2": [92, 95, 1]})
        for unit, (a1, a2) in enumerate([(25, 92), (29, 95), (3, 1)]):
            assert batch.totals_decimal()[unit] == framework.score({"A1": a1, "A2": a2}).total


class TestBatchRules:
    """Rules the batch engine scores as the scalar engine does (once pending, now closed)."""

    def test_forward_zero(self):
        framework = Framework("示例", [Indicator("A1", "数量", 10, target="≥0")])
        assert framework.score_batch({"A1": [0, 5]}).totals_decimal().tolist() == [D(10), D(10)]

    def test_interval(self):
        framework = Framework("示例", [Indicator("A1", "满意度", 10, target="90%～100%")])
        assert framework.score_batch({"A1": [95]}).totals_decimal().tolist() == [D(10)]

    def test_execution_rate_typed_as_percent(self):
        framework = Framework("示例", [Indicator("A1", "预算执行率", 10, rule=ExecutionRate())])
        with pytest.raises(ObservationError):
            framework.score_batch({"A1": [86]})


class TestPublishedForms:
    def test_guichi_2022_entrusted_business_project(self):
        # 池州市贵池区棠溪镇人民政府 项目支出绩效自评表（2022年度）, 委托业务项目, 产出指标 and
        # 效益指标 rows as printed (年度指标值 | 实际完成值 | 分值 | 得分): "≥50个 | 50 | 8 | 8",
        # "≥100百分比 | 100 | 8 | 8", "严格执行相关制度规定 | 达成预期指标 | 8 | 8",
        # "在项目计划完成时间内完成 | 达成预期指标 | 8 | 8", "≤90万元 | 90 | 8 | 8",
        # "符合相关规定 | 达成预期指标 | 10 | 10", three "效果明显 | 达成预期指标 | 10 | 10";
        # 产出指标(50分) and 效益指标(30分).
        # http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2 (a mirror of the form)
        rows = [
            ("A1", "基建工程委托业务项目数量", "≥50个", 8, "50", 8),
            ("A2", "委托业务报告合格率", "≥100百分比", 8, "100", 8),
            ("A3", "经费支出合规性", "严格执行相关制度规定", 8, "达成预期指标", 8),
            ("A4", "提交报告及时性", "在项目计划完成时间内完成", 8, "达成预期指标", 8),
            ("A5", "项目总成本", "≤90万元", 8, "90", 8),
            ("A6", "单项业务成本", "符合相关规定", 10, "达成预期指标", 10),
            ("B1", "对维护基建市场公平的影响程度", "效果明显", 10, "达成预期指标", 10),
            ("B2", "对控制基建项目成本影响程度", "效果明显", 10, "达成预期指标", 10),
            ("B3", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", 10, "达成预期指标", 10),
        ]

        def leaf(row: tuple[str, str, str, int, str, int]) -> Indicator:
            return Indicator(row[0], row[1], row[3], target=row[2])

        framework = Framework(
            "委托业务项目",
            [
                Indicator("A", "产出指标", 50, children=tuple(leaf(row) for row in rows[:6])),
                Indicator("B", "效益指标", 30, children=tuple(leaf(row) for row in rows[6:])),
            ],
        )
        assert [framework[row[0]].rule.kind for row in rows] == [  # type: ignore[union-attr]
            "forward",
            "forward",
            "qualitative",
            "qualitative",
            "reverse",
            *["qualitative"] * 4,
        ]
        assert framework["A2"].unit == "%"
        assert framework["A5"].unit == "万元"
        observations: dict[str, object] = {
            code: {"tier": actual, "points": stated} if actual == "达成预期指标" else actual
            for code, _, _, _, actual, stated in rows
        }
        result = framework.score(observations)
        for code, _, _, _, _, stated in rows:
            assert result[code].awarded == D(stated)
        assert result["A"].awarded == D(50)
        assert result["B"].awarded == D(30)

    def test_deying_2023_split_columns(self):
        # 大英县司法局 部门预算项目支出绩效自评表（2023年度）: the 指标性质, 指标值 and 度量单位
        # columns apart — "成本控制数 | ≤ | 30 | 万元" and "完成安可产品购买并按要求支付资金 | = | 100";
        # joined, they read as one printed target.
        # https://dyxrmt.cn/article-157795-21.html
        assert parse("≤" + "30" + "万元") == Target("reverse", "≤", D(30), unit="万元")
        assert parse("=" + "100").rule() == Equal(100)

    def test_qingshen_2023_equal_rows(self):
        # 青神县发展和改革局 部门预算项目支出绩效自评表（2023年度）, 工资性支出: "发放(缴纳)覆盖率 |
        # = | 100 | % | 60" and "足额保障率(参保率) | = | 100 | % | 30", beside 预算执行率 10 (合计 100).
        # https://www.scqs.gov.cn/info/13206/211004.htm
        framework = Framework(
            "工资性支出",
            [
                Indicator("A", "预算执行率", 10, rule=ExecutionRate()),
                Indicator("B", "发放(缴纳)覆盖率", 60, target="=" + "100" + "%"),
                Indicator("C", "足额保障率(参保率)", 30, target="=100%"),
            ],
        )
        assert framework.maximum == D(100)
        assert framework["B"].rule == Equal(100)
        result = framework.score({"A": {"executed": "251.89", "budget": "251.89"}, "B": "100%", "C": "100%"})
        assert result.total == D(100)

    def test_salary_form_rows_with_half_points(self):
        # A published 项目支出绩效自评表 (salaries and social insurance paid in full) printing
        # "足额保障率=100% 22.5", "科目调整次数≤10次 22.5", "按时发放率=100% 22.5",
        # "结余率(计算方法为:结余数/预算数)≤5% 22.5", 合计 100.
        # https://dyrmt.com/article-132779-22.html
        targets = ["=100%", "≤10次", "=100%", "≤5%"]
        framework = Framework(
            "示例",
            [Indicator("A", "预算执行率", 10, rule=ExecutionRate())]
            + [Indicator(f"B{index}", "指标", "22.5", target=text) for index, text in enumerate(targets)],
        )
        assert framework.maximum == D(100)
        assert [framework[f"B{index}"].rule for index in range(4)] == [
            Equal(100),
            Reverse(10),
            Equal(100),
            Reverse(5),
        ]
        assert framework["B1"].unit == "次"
        result = framework.score({"A": 1, "B0": "100%", "B1": "8次", "B2": "100%", "B3": "3%"})
        assert result.total == D(100)


class TestWholePointForm:
    # 廊坊市食品工程学校 项目支出绩效自评表（2019年度）, 办公宿舍楼、食堂及餐厅暖通改造经费: a form that
    # prints whole points. 项目资金: 全年预算数 43.2, 全年执行数 37.24, 执行率 86%, 分值 10, 得分 9;
    # "指标1工程资金金额 | 43.2 | 37.24 | 10 | 9"; eight rows "… | 100 | 100 | 10 | 10" (工程完工率,
    # 工程验收合格率, 项目完成及时率, 成本控制率, 安全率, 学校发展能力, 长期使用性, 学生满意度).
    # Its 年度指标值 are bare numbers (no ≥): the rules are given, the targets are report text.
    # http://www.lfsp.cn/newsinfo/1158053.html
    ROWS = (
        ("C1", "工程完工率"),
        ("C2", "工程验收合格率"),
        ("C3", "项目完成及时率"),
        ("C4", "成本控制率"),
        ("C5", "安全率"),
        ("C6", "学校发展能力"),
        ("C7", "长期使用性"),
        ("C8", "学生满意度"),
    )

    def framework(self, *, row_places: int | None, places: int = 2) -> Framework:
        def leaf(code: str, name: str, target: str) -> Indicator:
            return Indicator(code, name, 10, rule=Forward(target), target=target, places=row_places)

        return Framework(
            "暖通改造经费",
            [
                Indicator("A", "预算执行率", 10, rule=ExecutionRate(), places=row_places),
                leaf("B", "工程资金金额", "43.2"),
                *(leaf(code, name, "100") for code, name in self.ROWS),
            ],
            not_applicable="full",
            places=places,
        )

    def observations(self) -> dict[str, object]:
        return {
            "A": {"executed": "37.24", "budget": "43.2"},
            "B": "37.24",
            **{code: "100" for code, _ in self.ROWS},
        }

    def test_rows_score_as_printed(self):
        result = self.framework(row_places=0).score(self.observations())
        assert result["A"].awarded == D(9)
        assert result["B"].awarded == D(9)
        assert all(result[code].awarded == D(10) for code, _ in self.ROWS)
        assert result["A"].explanation_zh == (
            "执行数 37.24 ÷ 预算数 43.2 = 86.20%，86.20% × 10 分 ≈ 8.6204 → 9 分"
        )
        assert result["B"].explanation_zh == "实际值 37.24 ÷ 目标值 43.2 × 10 分 ≈ 8.6204 → 9 分"
        # The rows shown add up to 98 of 100 (computed here; the form's total is not in the copy).
        assert result.total == D(98)

    def test_whole_points_for_the_whole_form_agree(self):
        whole = self.framework(row_places=None, places=0).score(self.observations())
        assert whole.total == self.framework(row_places=0).score(self.observations()).total
