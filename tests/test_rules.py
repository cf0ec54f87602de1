"""perfscore.rules: every rule's formula, pinned examples and invariants."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfscore import FrameworkError, ObservationError, PerfscoreError, round_half_up
from perfscore.numbers import exact_context
from perfscore.rules import (
    RULES,
    TIERS,
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Manual,
    Qualitative,
    Reverse,
    Rule,
    rule_from_dict,
)

from .strategies import anything, observed, points, targets

D = Decimal


class TestForward:
    # 财预〔2020〕10号 / fasp2 pmkpi: 正向指标 实际值 ≥ 目标值 得满分，否则 实际值/目标值 × 分值.
    def test_issue_example(self):
        award = Forward(target="1.00").score("0.95", 10)
        assert award.points == D("9.50")
        assert award.explanation_zh == "实际值 0.95 ÷ 目标值 1.00 × 10 分 = 9.50 分"
        assert award.explanation_en == "actual 0.95 ÷ target 1.00 × 10 points = 9.50 points"

    @pytest.mark.parametrize(
        ("target", "actual", "weight", "expected"),
        [
            ("100", "100", "10", "10.00"),  # met exactly
            ("100", "120", "10", "10.00"),  # exceeded: no extra points
            ("100", "0", "10", "0.00"),
            ("100", "-5", "10", "0.00"),
            ("3", "1", "10", "3.33"),  # 3.333… rounds down
            ("3", "2", "10", "6.67"),  # 6.666… rounds up
            ("8", "1", "1", "0.13"),  # 0.125, a tie, rounds half up
            ("95", "90", "5", "4.74"),  # 4.7368…
        ],
    )
    def test_examples(self, target, actual, weight, expected):
        assert Forward(target).score(actual, weight).points == D(expected)

    def test_target_must_not_be_negative(self):
        with pytest.raises(FrameworkError, match=r"^target: must not be negative"):
            Forward(-1)

    def test_zero_target_gives_full_points_from_zero(self):
        # "≥0": any A ≥ 0 is on target; below 0 earns nothing. No ratio A/0 is formed.
        assert Forward(0).score(0, 5).points == D(5)
        assert Forward(0).score("12.5", 5).points == D(5)
        assert Forward(0).score("-0.01", 5).points == D(0)


class TestEqual:
    def test_zero_target(self):
        # e.g. "安全责任事故 = 0": any occurrence earns nothing.
        assert Equal(0).score(0, 5).points == D(5)
        assert Equal(0).score(-1, 5).points == D(5)
        assert Equal(0).score("0.01", 5).points == D(0)

    @given(targets, observed, points)
    def test_positive_target_is_forward(self, target, actual, weight):
        assert Equal(target).score(actual, weight) == Forward(target).score(actual, weight)


class TestReverse:
    # fasp2 pmkpi 反向指标: A ≤ T 满分; T < A < 2T: (1 − (A−T)/T)·w; A ≥ 2T: 0.
    @pytest.mark.parametrize(
        ("actual", "expected"),
        [
            ("80", "10.00"),
            ("100", "10.00"),
            ("120", "8.00"),
            ("150", "5.00"),
            ("199", "0.10"),
            ("200", "0.00"),
        ],
    )
    def test_linear(self, actual, expected):
        assert Reverse(100).score(actual, 10).points == D(expected)

    @pytest.mark.parametrize(("actual", "expected"), [("100", "10.00"), ("125", "8.00"), ("300", "3.33")])
    def test_ratio(self, actual, expected):
        assert Reverse(100, method="ratio").score(actual, 10).points == D(expected)

    def test_bad_method(self):
        with pytest.raises(FrameworkError, match=r"^method:"):
            Reverse(1, method="quadratic")


class TestDeduction:
    # Sichuan 部门整体支出绩效 form: "在职人员控制率 ≤ 100% 计满分，每超过一个百分点扣 0.5 分，扣完为止".
    @pytest.mark.parametrize(
        ("actual", "whole", "expected"),
        [
            ("100", False, "5.00"),
            ("98", False, "5.00"),
            ("101", False, "4.50"),
            ("107.5", False, "1.25"),
            ("107.5", True, "1.00"),
            ("100.1", True, "4.50"),
            ("110", False, "0.00"),
            ("150", True, "0.00"),
        ],
    )
    def test_staffing_rate_form(self, actual, whole, expected):
        rule = Deduction(threshold=100, per_step="0.5", whole_steps=whole)
        assert rule.score(actual, 5).points == D(expected)

    def test_step_size(self):
        # "每超过 5 个百分点扣 1 分": 12 points over → 2.4 steps.
        assert Deduction(threshold=0, per_step=1, step=5).score(12, 3).points == D("0.60")
        assert Deduction(threshold=0, per_step=1, step=5, whole_steps=True).score(12, 3).points == D(0)

    def test_a_tie_after_a_step_that_does_not_divide_is_rounded_half_up(self):
        # 每超过 3 扣 2.94 分: 7.25 over → 7.25 ÷ 3 × 2.94 = 7.105 exactly, 7.11 − 7.105 = 0.005,
        # which rounds half up to 0.01. Dividing 7.25 ÷ 3 first (2.41666…7) lost the tie (0.00).
        # Found by the batch engine's one-answer property, whose integer formula is exact.
        rule = Deduction(threshold="-14.51", per_step="2.94", step=3)
        award = rule.score("-7.26", "7.11")
        assert award.exact == D("0.005")
        assert award.points == D("0.01")

    def test_parameters_validated(self):
        with pytest.raises(FrameworkError, match=r"^per_step:"):
            Deduction(threshold=0, per_step=0)
        with pytest.raises(FrameworkError, match=r"^step:"):
            Deduction(threshold=0, per_step=1, step=-1)
        with pytest.raises(FrameworkError, match=r"^whole_steps:"):
            Deduction(threshold=0, per_step=1, whole_steps="yes")  # type: ignore[arg-type]


class TestBands:
    def test_higher_is_better(self):
        rule = Bands([(95, 10), (90, 8), (80, 5)])
        assert [rule.score(value, 10).points for value in ("99", "95", "94.99", "80", "79.99")] == [
            D(10),
            D(10),
            D(8),
            D(5),
            D(0),
        ]

    def test_lower_is_better(self):
        # "偏离度 ≤ 5% 得 5 分；≤ 10% 得 3 分；其余 0 分".
        rule = Bands([(5, 5), (10, 3)], higher_is_better=False)
        assert [rule.score(value, 5).points for value in ("0", "5", "5.01", "10", "10.5")] == [
            D(5),
            D(5),
            D(3),
            D(3),
            D(0),
        ]

    def test_fractions(self):
        rule = Bands([(90, 1), (60, "0.6")], fractions=True)
        assert rule.score(75, "7.5").points == D("4.50")

    def test_award_above_points_is_refused(self):
        with pytest.raises(FrameworkError, match="must not exceed"):
            Bands([(95, 12)]).score(96, 10)

    @pytest.mark.parametrize(
        ("bands", "kwargs", "match"),
        [
            ([], {}, "bands"),
            ([(1, 2), (1, 3)], {}, "distinct"),
            ([(1, -2)], {}, "award"),
            ([(1, 2)], {"fractions": True}, "fraction"),
            ([(90, 5), (95, 3)], {}, "must not rise"),
            ("abc", {}, "bands"),
        ],
    )
    def test_invalid(self, bands, kwargs, match):
        with pytest.raises(FrameworkError, match=match):
            Bands(bands, **kwargs)


class TestQualitative:
    # 财预〔2020〕10号: 达成 [0.8w, w]; 部分达成 [0.6w, 0.8w); 未达成 [0, 0.6w).
    @pytest.mark.parametrize(
        ("tier", "given"),
        [
            ("达成", "10"),
            ("达成", "8"),
            ("部分达成", "7.99"),
            ("部分达成", "6"),
            ("未达成", "5.99"),
            ("未达成", "0"),
        ],
    )
    def test_points_inside_tier(self, tier, given):
        assert Qualitative().score({"tier": tier, "points": given}, 10).points == D(given)

    @pytest.mark.parametrize(
        ("tier", "given"), [("达成", "7.99"), ("部分达成", "8"), ("部分达成", "5.99"), ("未达成", "6")]
    )
    def test_points_outside_tier_rejected(self, tier, given):
        with pytest.raises(ObservationError, match=r"^C1\.points: .* outside the tier"):
            Qualitative().score({"tier": tier, "points": given}, 10, field="C1")

    def test_english_names_and_pairs(self):
        assert Qualitative().score(("partial", 7), 10).points == D(7)
        assert Qualitative().score(("achieved", 9), 10).points == D(9)

    @given(points, st.sampled_from(TIERS), st.decimals(min_value=0, max_value=1, places=4))
    def test_tier_check_agrees_with_bounds(self, weight, tier, fraction):
        given = round_half_up(weight * fraction, 2)
        low, high = tier.low * weight, tier.high * weight
        inside = low <= given <= high if tier.high_inclusive else low <= given < high
        try:
            Qualitative().score({"tier": tier.name_zh, "points": given}, weight)
        except ObservationError:
            assert not inside
        else:
            assert inside


class TestChecklist:
    def test_count_and_names(self):
        rule = Checklist(per_item=1, items=("制度健全", "执行有效", "档案完整"))
        assert rule.score(0, 3).points == D(3)
        assert rule.score(["档案完整"], 3).points == D(2)
        assert rule.score(3, 3).points == D(0)
        with pytest.raises(ObservationError, match="not an item"):
            rule.score(["不存在"], 3)
        with pytest.raises(ObservationError, match="cannot miss 4"):
            rule.score(4, 3)
        with pytest.raises(ObservationError, match="whole number"):
            rule.score("1.5", 3)

    def test_deducts_until_nothing_left(self):
        assert Checklist(per_item=2).score(7, 10).points == D(0)


class TestManual:
    def test_seed_dimension_score(self):
        # The seed: 预算管理（自评得分21.5分）.
        assert Manual().score("21.5", 25).points == D("21.50")

    @pytest.mark.parametrize("given", ["-0.01", "25.01", "nan", None, True])
    def test_out_of_range_or_unusable(self, given):
        with pytest.raises(ObservationError, match=r"^B2:"):
            Manual().score(given, 25, field="B2")


class TestExecutionRate:
    # 财预〔2020〕10号 项目支出绩效自评表: 预算执行率 10 分, 执行数/全年预算数, capped at full points.
    def test_amounts(self):
        award = ExecutionRate().score({"executed": "95.12", "budget": "100"}, 10)
        assert award.points == D("9.51")
        assert award.explanation_zh == "执行数 95.12 ÷ 预算数 100 = 95.12%，95.12% × 10 分 = 9.51 分"

    def test_seed_fully_executed(self):
        # The seed: 常年项目 713.61 万元, 预算执行总体进度 100%.
        assert ExecutionRate().score({"executed": "713.61", "budget": "713.61"}, 10).points == D(10)

    def test_overspending_earns_no_more(self):
        assert ExecutionRate().score("1.2", 10).points == D(10)

    def test_zero_budget_names_the_field(self):
        with pytest.raises(ObservationError, match=r"^A1\.budget: must be greater than 0"):
            ExecutionRate().score({"executed": 1, "budget": 0}, 10, field="A1")


NUMERIC_RULES = st.one_of(
    st.builds(Forward, targets),
    st.builds(Equal, st.one_of(st.just(D(0)), targets)),
    st.builds(Reverse, targets, st.sampled_from(["linear", "ratio"])),
    st.builds(
        Deduction,
        observed,
        st.decimals(min_value=D("0.01"), max_value=D(10), places=2),
        st.decimals(min_value=D("0.01"), max_value=D(10), places=2),
        st.booleans(),
    ),
    st.builds(
        Bands,
        st.lists(observed, min_size=1, max_size=5, unique=True).flatmap(
            lambda thresholds: st.lists(
                st.decimals(min_value=0, max_value=1, places=2),
                min_size=len(thresholds),
                max_size=len(thresholds),
            ).map(lambda awards: list(zip(sorted(thresholds), sorted(awards), strict=True)))
        ),
        st.just(True),
        st.just(True),
    ),
    st.builds(
        Bands,
        st.lists(observed, min_size=1, max_size=5, unique=True).flatmap(
            lambda thresholds: st.lists(
                st.decimals(min_value=0, max_value=1, places=2),
                min_size=len(thresholds),
                max_size=len(thresholds),
            ).map(lambda awards: list(zip(sorted(thresholds), sorted(awards, reverse=True), strict=True)))
        ),
        st.just(False),
        st.just(True),
    ),
)


@given(NUMERIC_RULES, observed, points, st.integers(2, 4))
def test_points_within_bounds_and_rounded(rule, actual, weight, places):
    award = rule.score(actual, weight, places=places)
    assert 0 <= award.points <= weight
    assert 0 <= award.exact <= weight
    assert award.points == round_half_up(award.exact, places)
    assert award.explanation_zh.endswith("分")


@given(NUMERIC_RULES, observed, observed, points)
def test_monotone_in_the_actual_value(rule, first, second, weight):
    low, high = sorted([first, second])
    at_low, at_high = rule.score(low, weight).exact, rule.score(high, weight).exact
    increasing = isinstance(rule, (Forward, Equal)) or (isinstance(rule, Bands) and rule.higher_is_better)
    if isinstance(rule, Equal) and rule.target == 0:
        assert at_low >= at_high  # "must be zero" is a reverse indicator
    elif increasing:
        assert at_low <= at_high
    else:
        assert at_low >= at_high


@given(st.sampled_from(sorted(RULES)), st.data())
def test_to_dict_round_trip(kind, data):
    rule = data.draw(
        st.one_of(NUMERIC_RULES, st.just(Qualitative()), st.just(Manual()), st.just(ExecutionRate()))
    )
    assert rule_from_dict(rule.to_dict()) == rule
    assume(kind)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "forward"}, "rule.target"),
        ({"kind": "forward", "target": "x"}, "rule.target"),
        ({"kind": "forward", "target": 1, "extra": 2}, "rule.extra"),
        ({"kind": "sideways"}, "rule.kind"),
        ({}, "rule.kind"),
        ([], "rule"),
        ({"kind": "bands", "bands": [{"threshold": 1}]}, "rule.bands[0]"),
    ],
)
def test_rule_from_dict_errors_name_the_place(data, field):
    with pytest.raises(FrameworkError) as caught:
        rule_from_dict(data)
    assert caught.value.field == field


def test_chinese_kind_names():
    assert rule_from_dict({"kind": "反向", "target": 5}) == Reverse(5)
    assert rule_from_dict({"kind": "预算执行率"}) == ExecutionRate()


ALL_RULES = st.one_of(
    NUMERIC_RULES,
    st.just(Qualitative()),
    st.just(Manual()),
    st.just(ExecutionRate()),
    st.builds(Checklist, st.just(D(1))),
)


@given(ALL_RULES, anything, st.one_of(points, anything))
def test_any_observation_scores_or_raises_perfscore_error(rule: Rule, value, weight):
    try:
        award = rule.score(value, weight)
    except PerfscoreError:
        return
    # exact_context: the ambient 28 digits would round a 30-digit award's `exact + 1` below it.
    assert 0 <= award.points <= exact_context().add(award.exact, 1)


class TestPublishedForms:
    """Rules checked against figures printed in published self-evaluation forms (自评表).

    Where no published form applying a rule with a non-trivial result was found, the rule's
    examples above follow the wording of its source (the form's 评分标准) and say so.
    """

    def test_execution_rate_dayingxian_2023(self):
        # 大英县司法局 部门预算项目支出绩效自评表（2023年度）, 2023年全县安可替代补助资金项目:
        # 调整后预算数 3.36, 预算执行数 3.36, 预算执行率 100.00%, 权重 10, 得分 10.
        # https://dyxrmt.cn/article-157795-21.html
        award = ExecutionRate().score({"executed": "3.36", "budget": "3.36"}, 10)
        assert award.points == D(10)
        assert award.explanation_zh == "执行数 3.36 ÷ 预算数 3.36 = 100.00% ≥ 100%，得满分 10 分"

    def test_execution_rate_qingshen_2023(self):
        # 青神县发展和改革局 部门预算项目支出绩效自评表（2023年度）, 工资性支出: 年初预算 238.93,
        # 调整后预算数 251.89, 预算执行数 251.89, 预算执行率 100.00% — the form's note: "预算执行率
        # = 预算执行数/调整后预算数" (not the 年初预算, which would give 105.42%).
        # https://www.scqs.gov.cn/info/13206/211004.htm
        assert (
            "= 100.00%"
            in ExecutionRate().score({"executed": "251.89", "budget": "251.89"}, 10).explanation_zh
        )

    def test_guichi_2022_project_form(self):
        # 池州市贵池区棠溪镇人民政府 项目支出绩效自评表（2022年度）, 委托业务项目: 产出指标 rows
        # "基建工程委托业务项目数量 ≥50个 | 50 | 8 | 8", "项目总成本 ≤90万元 | 90 | 8 | 8",
        # "提交报告及时性 … 达成预期指标 | 8 | 8".
        # http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2 (a mirror of the form)
        assert Forward(50).score(50, 8).points == D(8)
        assert Reverse(90).score(90, 8).points == D(8)
        assert Qualitative().score({"tier": "达成", "points": 8}, 8).points == D(8)
        # The same form: 全年预算数 90, 全年执行数 89.974 → 99.97%, 9.997… rounds to 10.00 of 10.
        assert ExecutionRate().score({"executed": "89.974", "budget": "90"}, 10).points == D("10.00")
