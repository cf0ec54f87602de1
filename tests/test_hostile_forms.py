"""Hostile input at the form entry points: the 项目资金 block, 偏差原因, stated 得分, the 53号 rates.

The same approach as ``test_hostile_input.py``: garbage of every type (recursive lists and
tables, NaN in every form, infinities, booleans, ``Decimal('1e999999')``, negative zero, numpy
scalars) at every argument and field of [ProjectFunds][perfscore.funds.ProjectFunds],
[FundsRow][perfscore.funds.FundsRow], ``Observations(funds=, reasons=, stated=)``, the new
[Metadata][perfscore.observations.Metadata] keys, ``[funds]``/``[reasons]``/``[stated]`` file
sections of the wrong shape, the form checks and the templates; only a
[PerfscoreError][perfscore.errors.PerfscoreError] naming a field may escape.
"""

# Property tests accept either outcome and check each, so they assert inside except blocks.
# ruff: noqa: PLW0108

from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore import Framework, Indicator, PerfscoreError
from perfscore.audit.forms import check_form, check_funds, check_reasons, check_stated
from perfscore.funds import FundsRow, ProjectFunds, funds_from_dict, printed_rows
from perfscore.io import framework_from_dict, framework_to_data, loads_observations, observations_from_dict
from perfscore.observations import Metadata, Observations
from perfscore.rates import COMMON_RATES
from perfscore.rules import TIERS, ExecutionRate, Forward, Manual, Qualitative, Reverse
from perfscore.templates import department_common_framework, mof_project

from .test_hostile_input import HOSTILE, NANS, capped

#: Amount-like garbage: every hostile scalar plus the edge numbers of this module.
EDGES = [
    Decimal("1e999999"),
    Decimal("-1e999999"),
    Decimal("1e-999999"),
    Decimal("-0"),
    -0.0,
    "-0",
    "1e999999",
    "1" * 400,
    True,
    False,
    10**400,
    "９０",
    "72,890",
    "1,2,3",
    "",
    " ",
    "不适用",
    *NANS,
]
AMOUNT = st.one_of(HOSTILE, st.sampled_from(EDGES))
ROW = st.one_of(
    AMOUNT,
    st.lists(AMOUNT, min_size=0, max_size=4),
    st.dictionaries(
        st.one_of(
            st.sampled_from(["initial", "annual", "executed", "年初预算数", "全年执行数"]),
            st.text(max_size=4),
        ),
        AMOUNT,
        max_size=3,
    ),
)
BLOCK = st.one_of(
    AMOUNT,
    st.dictionaries(
        st.one_of(
            st.sampled_from(
                ["total", "fiscal", "carryover", "other", "currency", "年度资金总额", "财政拨款"]
            ),
            st.text(max_size=4),
        ),
        ROW,
        max_size=4,
    ),
)


def framework() -> Framework:
    return Framework(
        "项目",
        [
            Indicator("A", "预算执行率", 10, rule=ExecutionRate()),
            Indicator(
                "B",
                "产出",
                90,
                children=[
                    Indicator("B1", "数量", 30, rule=Forward(target=50)),
                    Indicator("B2", "时效", 30, rule=Reverse(target=10)),
                    Indicator("B3", "效益", 30, rule=Qualitative(bounds="rounded")),
                ],
            ),
        ],
    )


def scored():
    return framework().score({"A": {"executed": 9, "budget": 10}, "B1": 40, "B2": 5, "B3": ("达成", 27)})


def named(error: PerfscoreError) -> None:
    assert error.field.strip(), error
    assert error.message.strip(), error


def safely(call) -> object:
    try:
        return call()
    except PerfscoreError as error:
        named(error)
        return None


@capped
@given(AMOUNT, AMOUNT, AMOUNT)
def test_funds_row(initial, annual, executed):
    row = safely(lambda: FundsRow(initial=initial, annual=annual, executed=executed))
    if row is not None:
        for amount in row.to_dict().values():
            assert isinstance(amount, Decimal)
            assert amount.is_finite()
            assert amount >= 0


@capped
@given(ROW, ROW, ROW, ROW, AMOUNT)
def test_project_funds(total, fiscal, carryover, other, currency):
    funds = safely(
        lambda: ProjectFunds(total=total, fiscal=fiscal, carryover=carryover, other=other, currency=currency)
    )
    if funds is None:
        return
    assert funds.total is not None
    for denominator in ("auto", "annual", "initial"):
        rate = safely(lambda denominator=denominator: funds.execution(denominator))
        assert rate is None or (isinstance(rate, Decimal) and rate.is_finite() and rate >= 0)
    safely(lambda: funds.deviation())
    assert funds_from_dict(funds.to_dict()) == funds
    str(funds)


@capped
@given(BLOCK, AMOUNT)
def test_funds_from_dict_and_printed_rows(block, denominator):
    funds = safely(lambda: funds_from_dict(block))
    safely(lambda: printed_rows(block))
    if funds is not None:
        safely(lambda: funds.execution(denominator))


@capped
@given(BLOCK, AMOUNT, AMOUNT, AMOUNT, AMOUNT)
def test_check_funds(block, rate, score, points, places):
    findings = safely(lambda: check_funds(block, rate=rate, score=score, points=points, places=places))
    if findings is not None:
        for finding in findings:
            finding.to_dict()


@capped
@given(AMOUNT, AMOUNT)
def test_check_funds_rate_and_score_of_a_good_block(rate, score):
    block = {"total": [100, 100, 95]}
    safely(lambda: check_funds(block, rate=rate))
    safely(lambda: check_funds(block, score=score))
    safely(lambda: check_funds(block, points=rate, score=1))
    safely(lambda: check_funds(block, places=rate, score=1))
    safely(lambda: check_funds(block, places=rate, rate=95))


@capped
@given(AMOUNT, AMOUNT, AMOUNT)
def test_observations_funds_reasons_stated(funds, reasons, stated):
    safely(lambda: Observations({}, funds=funds))
    safely(lambda: Observations({}, reasons=reasons))
    safely(lambda: Observations({}, stated=stated))
    safely(lambda: Observations({}, reasons={"B1": reasons}))
    safely(lambda: Observations({}, stated={"B1": stated, "total": stated}))


@capped
@given(st.sampled_from(["project", "department", "implementer", "goal", "outcome"]), AMOUNT)
def test_metadata_new_keys(key, value):
    safely(lambda: Metadata(**{key: value}))
    safely(lambda: observations_from_dict({"meta": {key: value}, "observations": {}}))


@capped
@given(st.sampled_from(["funds", "reasons", "stated"]), st.one_of(BLOCK, HOSTILE))
def test_file_sections_of_the_wrong_shape(section, value):
    data = {"observations": {"B1": 40}, section: value}
    observations = safely(lambda: observations_from_dict(data))
    if observations is not None:
        safely(lambda: check_form(framework(), observations))


def load_and_check(text: str, file_format: str) -> None:
    """Read a file and run every check on it: some step must refuse it."""
    observations = loads_observations(text, format=file_format)
    check_form(framework(), observations)
    check_stated(scored(), observations.stated)
    if observations.funds is not None:
        check_funds(observations.funds.to_dict())


@pytest.mark.parametrize(
    "text",
    [
        "[observations]\nB1 = 40\n[funds]\ntotal = 5\n",
        "[observations]\nB1 = 40\n[funds]\ntotal = [1, 2]\n",
        "[observations]\nB1 = 40\n[funds.total]\nexecuted = -1\n",
        "[observations]\nB1 = 40\n[funds.total]\nexecuted = nan\n",
        "[observations]\nB1 = 40\n[funds.total]\nexecuted = inf\n",
        "[observations]\nB1 = 40\n[funds.total]\nexecuted = 1e999999\n",
        "[observations]\nB1 = 40\n[funds.total]\nexecuted = true\n",
        "[observations]\nB1 = 40\n[funds.total]\nexecuted = 1979-05-27\n",
        "[observations]\nB1 = 40\n[funds]\ncurrency = 3\ntotal = [1, 1, 1]\n",
        "[observations]\nB1 = 40\n[funds.total.initial]\nx = 1\n",
        "[observations]\nB1 = 40\nreasons = 3\n",
        "[observations]\nB1 = 40\n[reasons]\nB1 = 3\n",
        '[observations]\nB1 = 40\n[reasons]\nB1 = "  "\n',
        '[observations]\nB1 = 40\n[reasons.B1]\nx = "y"\n',
        "[observations]\nB1 = 40\n[stated]\nB1 = [1]\n",
        "[observations]\nB1 = 40\n[stated]\nB1 = true\n",
        "[observations]\nB1 = 40\n[stated]\nB1 = nan\n",
        "[observations]\nB1 = 40\n[stated]\nB1 = 1e999999\n",
        "[observations]\nB1 = 40\n[stated.B1]\nx = 1\n",
        '[observations]\nB1 = 40\nstated = "x"\n',
        "funds = 1\nreasons = 2\nstated = 3\n[observations]\nB1 = 40\n",
    ],
)
def test_toml_sections_of_the_wrong_shape_are_named(text):
    with pytest.raises(PerfscoreError) as caught:
        load_and_check(text, "toml")
    named(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        {"observations": {}, "funds": {"total": {"executed": [1]}}},
        {"observations": {}, "funds": {"total": [None, None, None]}},
        {"observations": {}, "reasons": {"B1": None}},
        {"observations": {}, "stated": {"B1": None}},
        {"observations": {}, "stated": {"B1": {"x": 1}}},
        {"observations": {}, "stated": {"B1": 1e999}},
    ],
)
def test_json_sections_of_the_wrong_shape_are_named(data):
    with pytest.raises(PerfscoreError) as caught:
        load_and_check(json.dumps(data), "json")
    named(caught.value)


@capped
@given(AMOUNT, st.sampled_from(["A", "B", "B1", "B2", "B3", "total", "总分", " B1 "]))
def test_check_stated_with_garbage_values(value, code):
    result = scored()
    findings = safely(lambda: check_stated(result, {code: value}))
    safely(lambda: check_stated(result, {code: value}, tolerate_rounding=True))
    safely(lambda: check_stated(result, value))
    if findings is not None:
        for finding in findings:
            assert finding.code in {"A", "B", "B1", "B2", "B3", "total"}
            finding.to_dict()


@capped
@given(AMOUNT, AMOUNT, st.sampled_from(["A", "B1", "B2", "B3", "nope"]))
def test_check_reasons_with_garbage(value, overshoot, code):
    result = scored()
    safely(lambda: check_reasons(result, value, framework()))
    safely(lambda: check_reasons(result, {code: value}, framework()))
    safely(lambda: check_reasons(result, {}, framework(), overshoot=overshoot))


@capped
@given(AMOUNT)
def test_check_reasons_of_garbage_observations(value):
    """A leaf observed as anything the rule accepts never breaks the overshoot comparison."""
    frame = framework()
    result = safely(
        lambda: frame.score(
            {"A": {"executed": 9, "budget": 10}, "B1": value, "B2": value, "B3": ("达成", 27)}
        )
    )
    if result is not None:
        check_reasons(result, {}, frame)


RATES = [rate.function for rate in COMMON_RATES]  # the nine rates of 财预〔2013〕53号


@capped
@given(st.sampled_from(RATES), AMOUNT, AMOUNT)
def test_the_53_rates(rate, first, second):
    value = safely(lambda: rate(first, second))
    assert value is None or (isinstance(value, Decimal) and value.is_finite())


DEPARTMENT_PARTS = (
    "goal_setting",
    "budget_allocation",
    "budget_execution",
    "budget_management",
    "asset_management",
    "duties",
    "benefits",
)
PART = st.one_of(
    AMOUNT,
    st.lists(st.one_of(AMOUNT, st.just(Indicator("X1", "x", 10, rule=Manual()))), max_size=3),
)


@capped
@given(PART, PART, PART, AMOUNT, AMOUNT, AMOUNT)
def test_mof_project_with_weird_parts(outputs, outcomes, points, execution, maximum, places):
    safely(lambda: mof_project(outputs=outputs, outcomes=outcomes, points=points))
    safely(lambda: mof_project(parts=outputs, points=points))
    safely(lambda: mof_project(parts=[("绩效指标", outputs)], points=(10, 90)))
    safely(lambda: mof_project(parts=[(outcomes, 90)], points=(10, 90)))
    safely(lambda: mof_project(parts=[("绩效指标", 90)], points=points))
    safely(lambda: mof_project(parts=[("绩效指标", 90)], points=(10, 90), execution=execution))
    safely(lambda: mof_project(parts=[("绩效指标", 90)], points=(10, 90), execution_description=execution))
    safely(lambda: mof_project(parts=[("绩效指标", 90)], points=(10, 90), maximum=maximum, places=places))
    safely(
        lambda: mof_project(parts=[("绩效指标", 90)], points=(10, 90), name=execution, description=maximum)
    )


@capped
@given(PART, PART, AMOUNT, AMOUNT)
def test_department_common_framework_with_weird_parts(first, second, maximum, places):
    parts = dict.fromkeys(DEPARTMENT_PARTS, 10)
    for key in ("goal_setting", "budget_execution"):
        safely(lambda key=key: department_common_framework(**{**parts, key: first}))
    safely(lambda: department_common_framework(**{**parts, "duties": first, "benefits": second}))
    safely(lambda: department_common_framework(**parts, maximum=maximum))
    safely(lambda: department_common_framework(**parts, places=places))
    safely(lambda: department_common_framework(**parts, name=maximum, description=places))


@capped
@given(AMOUNT, AMOUNT, AMOUNT)
def test_qualitative_rounded_bounds(bounds, given_value, points):
    rule = safely(lambda: Qualitative(bounds=bounds))
    rounded = Qualitative(bounds="rounded")
    safely(lambda: rounded.score(given_value, points))
    safely(lambda: rounded.score(("达成", given_value), 3.33))
    safely(lambda: rounded.score({"tier": "达成", "points": given_value}, "3.33"))
    if rule is not None:
        safely(lambda: rule.score("达成", 10))


# Regressions: each escape or wrong message the properties above found, pinned.


def test_check_funds_refuses_places_that_are_no_whole_number():
    """``places="x"`` escaped as TypeError from ``max(2, places)``; ``True`` was taken as 1."""
    block = {"total": [100, 100, 95]}
    for places in ("x", True, 2.5, -1, 31):
        with pytest.raises(PerfscoreError, match=r"^places: "):
            check_funds(block, rate=90, places=places)


def test_check_funds_names_spending_against_a_zero_budget():
    """0 ÷ 0 and 1 ÷ 0 are different faults; the message said "0 ÷ 0" for both."""
    (rate,) = check_funds({"total": [0, 0, 1]}, rate=0)
    assert "预算数为 0" in rate.message_zh
    assert "zero budget" in rate.message_en
    (rate,) = check_funds({"total": [0, 0, 0]}, rate=0)
    assert "0 ÷ 0" in rate.message_zh
    assert "0 ÷ 0" in rate.message_en


def test_negative_zero_amounts_and_rates_are_zero():
    """-0 read as an amount printed "-0" and the rates of -0 printed "-0.00%"."""
    assert str(FundsRow(initial=Decimal("-0.00")).initial) == "0.00"
    assert str(ProjectFunds(total=["-0", 1, "-0"]).execution()) == "0"
    for rate in RATES:
        assert perfscore.percent(rate(Decimal("-0"), 1)) in {Decimal("0.00"), Decimal("-100.00")}
        assert not str(perfscore.percent(rate(Decimal("-0"), 1))).startswith("-0")


@pytest.mark.parametrize("section", ["reasons", "stated"])
def test_a_blank_key_is_refused_with_the_section_named(section):
    """A key "" gave an error whose field was empty."""
    with pytest.raises(PerfscoreError, match=rf"^{section}: a key is blank"):
        Observations({}, **{section: {" ": "x" if section == "reasons" else 1}})
    check = check_reasons if section == "reasons" else check_stated
    with pytest.raises(PerfscoreError, match=rf"^{section}: a key is blank"):
        check(scored(), {"": "x" if section == "reasons" else 1})


def test_qualitative_bounds_that_are_an_array_are_refused():
    """``Qualitative(bounds=np.array([1, 2]))`` escaped as numpy's ValueError (truth of an array)."""
    with pytest.raises(PerfscoreError, match=r"^bounds: must be exact or rounded"):
        Qualitative(bounds=np.array([1, 2]))


@pytest.mark.parametrize("keys", [("B1", " B1"), ("total", "总分"), ("合计", "total ")])
def test_check_stated_refuses_a_row_given_twice(keys):
    """Two keys for one row: the later silently won."""
    with pytest.raises(PerfscoreError, match=r"^stated\..*: gives .* a second time"):
        check_stated(scored(), dict.fromkeys(keys, 1))


def _deep(levels: int) -> object:
    value: object = 1
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    "call",
    [
        lambda value: observations_from_dict({"observations": {}, "reasons": {"B1": value}}),
        lambda value: observations_from_dict({"observations": {}, "stated": {"B1": value}}),
        lambda value: observations_from_dict({"observations": {}, "funds": {"total": value}}),
        lambda value: observations_from_dict({"observations": {}, "meta": {"project": value}}),
        lambda value: Metadata(goal=value),
        lambda value: Observations({}, reasons={"B1": value}),
        lambda value: Observations({}, stated={"B1": value}),
        lambda value: check_funds({"total": [1, 1, 1]}, rate=value),
        lambda value: check_stated(scored(), {"B1": value}),
    ],
)
def test_values_nested_deep_are_refused_by_name(call):
    """The error message of a ``[reasons]`` text or a new Metadata key nested 50,000 deep was its
    repr: RecursionError."""
    with pytest.raises(PerfscoreError) as caught:
        call(_deep(50_000))
    named(caught.value)


@capped
@given(
    st.one_of(AMOUNT, st.text(alphabet="≥＞≤＜=＝﹦0123456789.%-万元个天次 定性不适用", max_size=12)), AMOUNT
)
def test_indicator_target_and_places_in_files(target, places):
    """An indicator's ``target`` (as printed) and ``places`` keys, garbage in either."""
    for leaf in (
        {"code": "A", "name": "数量", "points": 10, "target": target},
        {"code": "A", "name": "数量", "points": 10, "target": target, "rule": {"kind": "manual"}},
        {"code": "A", "name": "数量", "points": 10, "places": places, "rule": {"kind": "manual"}},
    ):
        built = safely(lambda leaf=leaf: framework_from_dict({"name": "f", "indicators": [leaf]}))
        if built is not None:
            assert framework_from_dict(framework_to_data(built)) == built


@capped
@given(st.one_of(AMOUNT, st.sampled_from(list(TIERS))), AMOUNT, AMOUNT, st.one_of(st.integers(0, 4), AMOUNT))
def test_tier_bounds_and_tier_of_with_garbage(tier, points, awarded, places):
    """Text points, a tier name for a Tier, NaN: TypeError, AttributeError, InvalidOperation escaped."""
    for rule in (Qualitative(), Qualitative(bounds="rounded")):
        bounds = safely(lambda rule=rule: rule.tier_bounds(tier, points, places))
        if bounds is not None:
            assert all(isinstance(bound, Decimal) for bound in bounds)
        found = safely(lambda rule=rule: rule.tier_of(awarded, points, places))
        assert found is None or found in TIERS


def test_a_stated_score_or_rate_with_a_unit_is_refused():
    """A 得分 of "85%" was read as 85 points, a 执行率 of "99万元" as 99%."""
    for value in ("85%", "８５％", "8万元"):
        with pytest.raises(PerfscoreError, match=r"^stated\.B1: must be a plain figure"):
            check_stated(scored(), {"B1": value})
    with pytest.raises(PerfscoreError, match=r"^rate: must be a plain figure"):
        check_funds({"total": [100, 100, 95]}, rate="95万元")
    assert check_funds({"total": [100, 100, 95]}, rate="95%", score="9.5分") == ()
