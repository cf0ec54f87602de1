"""Scoring under each not-applicable policy, node by node: maxima, points and explanations.

One framework with a nested parent all of whose leaves are not applicable (不涉及), scored under
``full`` (award the full points), ``rescale`` (其余指标按比例折算) and ``exclude`` (the maximum
shrinks). Every node's maximum, points and explanation is pinned, and so is Result.to_dict.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from perfscore import NOT_APPLICABLE, Framework, Indicator, ObservationError
from perfscore.rules import ExecutionRate, Forward, Manual, Qualitative, Reverse
from perfscore.scoring import is_not_applicable


def framework(policy: str) -> Framework:
    return Framework(
        "示例",
        (
            Indicator("A", "履职效能", 20, rule=Manual()),
            Indicator(
                "B",
                "预算管理",
                30,
                children=(
                    Indicator("B1", "预算执行率", 10, rule=ExecutionRate()),
                    Indicator("B2", "结转结余率", 10, rule=Reverse(1)),
                    Indicator(
                        "B3",
                        "三公经费",
                        10,
                        children=(
                            Indicator("B31", "x", 5, rule=Manual()),
                            Indicator("B32", "y", 5, rule=Manual()),
                        ),
                    ),
                ),
            ),
            Indicator("C", "产出", 50, rule=Forward(100)),
        ),
        not_applicable=policy,  # type: ignore[arg-type]
    )


OBSERVATIONS = {"A": "15", "B1": "0.98", "B2": NOT_APPLICABLE, "B31": None, "B32": "不涉及", "C": "95"}

EXPECTED = {
    "full": (
        ("92.30", "100.00", "92.30", "优"),
        [
            ("A", 1, "20.00", "15.00", True, "评定 15 分（满分 20 分）", "assessed 15 of 20 points"),
            (
                "B",
                1,
                "30.00",
                "29.80",
                True,
                "下级指标得分合计：9.80 + 10.00 + 10.00 = 29.80 分",
                "sum of sub-indicators: 9.80 + 10.00 + 10.00 = 29.80 points",
            ),
            (
                "B1",
                2,
                "10.00",
                "9.80",
                True,
                "预算执行率 98.00%，98.00% × 10 分 = 9.80 分",
                "execution rate 98.00%: 98.00% × 10 points = 9.80 points",
            ),
            (
                "B2",
                2,
                "10.00",
                "10.00",
                False,
                "不适用，按满分计 10.00 分",
                "not applicable: full 10.00 points",
            ),
            (
                "B3",
                2,
                "10.00",
                "10.00",
                False,
                "下级指标得分合计：5.00 + 5.00 = 10.00 分",
                "sum of sub-indicators: 5.00 + 5.00 = 10.00 points",
            ),
            ("B31", 3, "5.00", "5.00", False, "不适用，按满分计 5.00 分", "not applicable: full 5.00 points"),
            ("B32", 3, "5.00", "5.00", False, "不适用，按满分计 5.00 分", "not applicable: full 5.00 points"),
            (
                "C",
                1,
                "50.00",
                "47.50",
                True,
                "实际值 95 ÷ 目标值 100 × 50 分 = 47.50 分",
                "actual 95 ÷ target 100 × 50 points = 47.50 points",
            ),
        ],
    ),
    "rescale": (
        ("91.90", "100.00", "91.90", "优"),
        [
            ("A", 1, "20.00", "15.00", True, "评定 15 分（满分 20 分）", "assessed 15 of 20 points"),
            (
                "B",
                1,
                "30.00",
                "29.40",
                True,
                "下级指标得分合计：29.40 = 29.40 分",
                "sum of sub-indicators: 29.40 = 29.40 points",
            ),
            (
                "B1",
                2,
                "30.00",
                "29.40",
                True,
                "预算执行率 98.00%，98.00% × 10 分 = 9.80 分；"
                "按比例折算（分值 10 → 30.00）：× 30.00 ÷ 10 = 29.40 分",
                "execution rate 98.00%: 98.00% × 10 points = 9.80 points; "
                "rescaled (points 10 → 30.00): × 30.00 ÷ 10 = 29.40 points",
            ),
            (
                "B2",
                2,
                None,
                None,
                False,
                "不适用，不计分，其余指标按比例折算",
                "not applicable: not scored; the other indicators are rescaled",
            ),
            ("B3", 2, None, None, False, "下级指标均不适用，不计分", "no sub-indicator applies: not scored"),
            (
                "B31",
                3,
                None,
                None,
                False,
                "不适用，不计分，其余指标按比例折算",
                "not applicable: not scored; the other indicators are rescaled",
            ),
            (
                "B32",
                3,
                None,
                None,
                False,
                "不适用，不计分，其余指标按比例折算",
                "not applicable: not scored; the other indicators are rescaled",
            ),
            (
                "C",
                1,
                "50.00",
                "47.50",
                True,
                "实际值 95 ÷ 目标值 100 × 50 分 = 47.50 分",
                "actual 95 ÷ target 100 × 50 points = 47.50 points",
            ),
        ],
    ),
    "exclude": (
        ("72.30", "80.00", "90.38", "优"),
        [
            ("A", 1, "20.00", "15.00", True, "评定 15 分（满分 20 分）", "assessed 15 of 20 points"),
            (
                "B",
                1,
                "10.00",
                "9.80",
                True,
                "下级指标得分合计：9.80 = 9.80 分",
                "sum of sub-indicators: 9.80 = 9.80 points",
            ),
            (
                "B1",
                2,
                "10.00",
                "9.80",
                True,
                "预算执行率 98.00%，98.00% × 10 分 = 9.80 分",
                "execution rate 98.00%: 98.00% × 10 points = 9.80 points",
            ),
            ("B2", 2, None, None, False, "不适用，不计分", "not applicable: not scored"),
            ("B3", 2, None, None, False, "下级指标均不适用，不计分", "no sub-indicator applies: not scored"),
            ("B31", 3, None, None, False, "不适用，不计分", "not applicable: not scored"),
            ("B32", 3, None, None, False, "不适用，不计分", "not applicable: not scored"),
            (
                "C",
                1,
                "50.00",
                "47.50",
                True,
                "实际值 95 ÷ 目标值 100 × 50 分 = 47.50 分",
                "actual 95 ÷ target 100 × 50 points = 47.50 points",
            ),
        ],
    ),
}


@pytest.mark.parametrize("policy", ["full", "rescale", "exclude"])
def test_every_node(policy):
    (total, maximum, percentage, grade), nodes = EXPECTED[policy]
    result = framework(policy).score(OBSERVATIONS)
    assert (str(result.total), str(result.maximum), str(result.percentage), result.grade) == (
        total,
        maximum,
        percentage,
        grade,
    )
    assert result.policy == policy
    assert result.places == 2
    seen = [
        (
            node.code,
            node.level,
            None if node.maximum is None else str(node.maximum),
            None if node.awarded is None else str(node.awarded),
            node.applicable,
            node.explanation_zh,
            node.explanation_en,
        )
        for node in result
    ]
    assert seen == nodes
    assert result.not_applicable == ("B2", "B31", "B32")
    assert [node.code for node in result.leaves] == ["A", "B1", "B2", "B31", "B32", "C"]


def test_to_dict():
    data = framework("rescale").score({**OBSERVATIONS, "A": Decimal("15.5")}).to_dict()
    assert {
        key: data[key] for key in ("framework", "total", "maximum", "percentage", "grade", "policy", "places")
    } == {
        "framework": "示例",
        "total": "92.40",
        "maximum": "100.00",
        "percentage": "92.40",
        "grade": "优",
        "policy": "rescale",
        "places": 2,
    }
    assert data["not_applicable"] == ["B2", "B31", "B32"]
    nodes = {node["code"]: node for node in data["indicators"]}
    assert nodes["A"] == {
        "code": "A",
        "name": "履职效能",
        "level": 1,
        "points": "20",
        "maximum": "20.00",
        "awarded": "15.50",
        "applicable": True,
        "is_leaf": True,
        "rule": "manual",
        "value": "15.5",
        "explanation_zh": "评定 15.5 分（满分 20 分）",
        "explanation_en": "assessed 15.5 of 20 points",
        "children": [],
    }
    assert nodes["B"]["children"] == ["B1", "B2", "B3"]
    assert nodes["B"]["rule"] is None
    assert nodes["B"]["is_leaf"] is False
    assert nodes["B2"]["value"] == "不适用"
    assert nodes["B31"]["value"] == "不适用"
    assert nodes["B3"]["maximum"] is None
    assert nodes["B3"]["awarded"] is None


def test_values_are_written_as_plain_data():
    simple = Framework(
        "f",
        (
            Indicator("Q", "定性", 10, rule=Qualitative()),
            Indicator("E", "执行率", 10, rule=ExecutionRate()),
            Indicator("M", "评分", 10, rule=Manual()),
        ),
    )
    result = simple.score({"Q": ("达成", Decimal(9)), "E": {"executed": Decimal(1), "budget": 2}, "M": 3})
    values = {node["code"]: node["value"] for node in result.to_dict()["indicators"]}
    assert values == {"Q": ["达成", "9"], "E": {"executed": "1", "budget": 2}, "M": 3}
    assert result["M"].value == 3


def test_unknown_code_in_a_result():
    result = framework("full").score(OBSERVATIONS)
    with pytest.raises(ObservationError) as caught:
        result["Z"]
    assert str(caught.value) == "Z: is not an indicator of 示例"
    with pytest.raises(ObservationError, match=r"^\[1\]: is not an indicator"):
        result[[1]]  # type: ignore[index]


@pytest.mark.parametrize(
    ("observations", "message"),
    [
        (["A"], "observations: must be a mapping of leaf codes to values, got list"),
        ({**OBSERVATIONS, 3: 1}, "3: observation keys must be indicator codes (text)"),
        ({**OBSERVATIONS, "B": 1}, "B: is a parent indicator: give observations for its leaves"),
        ({**OBSERVATIONS, "Z": 1}, "Z: is not an indicator of 示例"),
        (
            {key: value for key, value in OBSERVATIONS.items() if key != "C"},
            "C: has no observation (give NOT_APPLICABLE if it does not apply)",
        ),
        (
            dict.fromkeys(OBSERVATIONS, NOT_APPLICABLE),
            "observations: every indicator is not applicable: nothing is left to score",
        ),
    ],
)
def test_observation_refusals(observations, message):
    with pytest.raises(ObservationError) as caught:
        framework("exclude").score(observations)
    assert str(caught.value) == message


def test_all_not_applicable_under_full_scores_full_marks():
    result = framework("full").score(dict.fromkeys(OBSERVATIONS, NOT_APPLICABLE))
    assert result.total == result.maximum == Decimal(100)


@pytest.mark.parametrize(
    ("value", "marked"),
    [
        (NOT_APPLICABLE, True),
        (None, True),
        ("不适用", True),
        (" 不涉及 ", True),
        ("N/A", True),
        ("na", True),
        ("Not Applicable", True),
        ("", False),
        ("0", False),
        (0, False),
        ("n.a.", False),
    ],
)
def test_not_applicable_markers(value, marked):
    assert is_not_applicable(value) is marked


def test_not_applicable_marker_is_one_object():
    import pickle  # noqa: PLC0415 - the marker must survive pickling to worker processes

    assert repr(NOT_APPLICABLE) == "NOT_APPLICABLE"
    assert type(NOT_APPLICABLE)() is NOT_APPLICABLE
    assert pickle.loads(pickle.dumps(NOT_APPLICABLE)) is NOT_APPLICABLE


def test_places_of_the_framework_are_used_everywhere():
    # One decimal place: 8.33… becomes 8.3, the rescaled 12.5 → 12.5, the percentage 1 place.
    framework = Framework(
        "一位小数",
        (
            Indicator(
                "A",
                "产出",
                "25.5",
                children=(
                    Indicator("A1", "数量", "12.5", rule=Forward(3)),
                    Indicator("A2", "质量", 13, rule=Manual()),
                ),
            ),
            Indicator("B", "效益", "4.5", rule=Forward(3)),
        ),
        places=1,
    )
    result = framework.score({"A1": 2, "A2": NOT_APPLICABLE, "B": 1})
    # A1: 2/3 × 12.5 = 8.333…, rescaled to the whole 25.5: × 25.5 ÷ 12.5 = 17.0
    assert str(result["A1"].maximum) == "25.5"
    assert str(result["A1"].awarded) == "17.0"
    assert str(result["B"].awarded) == "1.5"
    assert (str(result.total), str(result.maximum), str(result.percentage)) == ("18.5", "30.0", "61.7")
    assert result.grade == "中"
    observations = {"A1": 2, "A2": NOT_APPLICABLE, "B": 1}
    full = attrs.evolve(framework, not_applicable="full").score(observations)
    assert (str(full["A2"].maximum), str(full["A2"].awarded), str(full.total)) == ("13.0", "13.0", "22.8")
    # exclude: 8.3 + 1.5 = 9.8 of 12.5 + 4.5 = 17.0, that is 57.647… → 57.6%.
    excluded = attrs.evolve(framework, not_applicable="exclude").score(observations)
    assert str(excluded["A"].maximum) == "12.5"
    assert (str(excluded.total), str(excluded.maximum), str(excluded.percentage)) == ("9.8", "17.0", "57.6")


def test_plain_values_and_points_without_exponents():
    framework = Framework(
        "f",
        (
            Indicator("A", "产出", "1e1", rule=Forward(1)),
            Indicator("B", "效益", 5, rule=Manual()),
        ),
        not_applicable="full",
    )
    data = framework.score({"A": 0.5, "B": NOT_APPLICABLE}).to_dict()
    nodes = {node["code"]: node for node in data["indicators"]}
    assert nodes["A"]["points"] == "10"
    assert nodes["A"]["value"] == "0.5"
    assert nodes["B"]["value"] == "不适用"
    assert nodes["B"]["awarded"] == "5.00"


def test_dropped_parent_is_described_as_a_parent():
    result = framework("rescale").score(OBSERVATIONS)
    node = result["B3"]
    assert (node.name, node.is_leaf, node.rule, node.value) == ("三公经费", False, None, None)
    assert node.children == ("B31", "B32")
    parent = result["B"]
    assert (parent.name, parent.is_leaf, parent.rule, parent.value) == ("预算管理", False, None, None)


def test_observations_nested_too_deeply_are_refused_by_code():
    deep: object = "达成"
    for _ in range(40):
        deep = [deep]
    with pytest.raises(ObservationError) as caught:
        framework("full").score({**OBSERVATIONS, "A": deep})
    assert str(caught.value) == "A: is nested deeper than 32 levels of lists or tables"


def test_rescale_with_three_places_keeps_the_exact_maximum():
    framework = Framework(
        "三位小数",
        (
            Indicator(
                "A",
                "产出",
                "5.125",
                children=(
                    Indicator("A1", "数量", "2.125", rule=Manual()),
                    Indicator("A2", "质量", 3, rule=Manual()),
                ),
            ),
            Indicator("B", "效益", 5, rule=Manual()),
        ),
        places=3,
    )
    result = framework.score({"A1": "2.125", "A2": NOT_APPLICABLE, "B": 5})
    assert str(result["A1"].maximum) == "5.125"
    assert str(result["A"].maximum) == "5.125"
    assert str(result.maximum) == "10.125"
    assert str(result.total) == "10.125"
