"""Every refusal of perfscore.rules, with its exact message: the field first, then what is wrong.

A framework file or a 自评 form with a mistake must be fixable from the message alone, so each
row pins the class of the error and the whole text.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfscore import FrameworkError, InvalidNumberError, ObservationError
from perfscore.rules import (
    Band,
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Manual,
    Qualitative,
    Reverse,
    rule_from_dict,
)

KINDS = "forward, equal, reverse, deduction, bands, qualitative, checklist, manual, execution_rate, interval"


def deep_table(levels: int) -> dict[str, object]:
    table: dict[str, object] = {"kind": "forward", "target": 1}
    for _ in range(levels):
        table = {"kind": table}
    return table


CASES = [
    (lambda: Forward(1).score("x", 1), ObservationError, "value: is not a decimal number: 'x'"),
    (lambda: Deduction(0, "x"), FrameworkError, "per_step: is not a decimal number: 'x'"),
    (lambda: Deduction(0, 1, step="x"), FrameworkError, "step: is not a decimal number: 'x'"),
    (lambda: Checklist(1).score(None, 3, field="C1"), ObservationError, "C1: must be a number, got None"),
    (
        lambda: rule_from_dict(deep_table(40), field="indicators[2].rule"),
        FrameworkError,
        "indicators[2].rule: is nested deeper than 32 levels of lists or tables",
    ),
    (
        lambda: rule_from_dict({"kind": "forward", "target": 1, 3: 1, "b": 2}),
        FrameworkError,
        "rule.3: is not a parameter of the forward rule",
    ),
    (lambda: Forward("x"), FrameworkError, "target: is not a decimal number: 'x'"),
    (lambda: Forward(-1), FrameworkError, "target: must not be negative, got -1"),
    (lambda: Equal(-1), FrameworkError, "target: must not be negative, got -1"),
    (
        lambda: Reverse(1, method="quadratic"),
        FrameworkError,
        "method: must be 'linear' or 'ratio', got 'quadratic'",
    ),
    (lambda: Reverse(-1), FrameworkError, "target: must not be negative, got -1"),
    (lambda: Deduction("x", 1), FrameworkError, "threshold: is not a decimal number: 'x'"),
    (lambda: Deduction(0, 0), FrameworkError, "per_step: must be greater than 0, got 0"),
    (lambda: Deduction(0, 1, step=0), FrameworkError, "step: must be greater than 0, got 0"),
    (lambda: Deduction(0, 1, whole_steps=1), FrameworkError, "whole_steps: must be true or false, got 1"),
    (lambda: Band("x", 1), FrameworkError, "threshold: is not a decimal number: 'x'"),
    (lambda: Band(1, -1), FrameworkError, "award: must not be negative, got -1"),
    (lambda: Band(1, "y"), FrameworkError, "award: is not a decimal number: 'y'"),
    (lambda: Bands([]), FrameworkError, "bands: must be a non-empty list of {threshold, award}"),
    (lambda: Bands("abc"), FrameworkError, "bands: must be a non-empty list of {threshold, award}"),
    (lambda: Bands(5), FrameworkError, "bands: must be a non-empty list of {threshold, award}"),
    (
        lambda: Bands([{"threshold": 1}]),
        FrameworkError,
        "bands[0]: must have exactly the keys threshold and award",
    ),
    (
        lambda: Bands([{"threshold": 1, "award": 2, "x": 3}]),
        FrameworkError,
        "bands[0]: must have exactly the keys threshold and award",
    ),
    (
        lambda: Bands([(1, 2, 3)]),
        FrameworkError,
        "bands[0]: must be {threshold, award} or a (threshold, award) pair",
    ),
    (
        lambda: Bands(["ab"]),
        FrameworkError,
        "bands[0]: must be {threshold, award} or a (threshold, award) pair",
    ),
    (lambda: Bands([("x", 1)]), FrameworkError, "bands[0].threshold: is not a decimal number: 'x'"),
    (
        lambda: Bands([{"threshold": 1, "award": -1}]),
        FrameworkError,
        "bands[0].award: must not be negative, got -1",
    ),
    (lambda: Bands([(1, 2), (1, 3)]), FrameworkError, "bands: thresholds must be distinct"),
    (
        lambda: Bands([(90, 5), (95, 3)]),
        FrameworkError,
        "bands: awards must not rise as the value gets worse: 90 earns 5, more than 3 at 95",
    ),
    (
        lambda: Bands([(5, 3), (10, 5)], higher_is_better=False),
        FrameworkError,
        "bands: awards must not rise as the value gets worse: 10 earns 5, more than 3 at 5",
    ),
    (
        lambda: Bands([(1, 2)], fractions=True),
        FrameworkError,
        "bands[0].award: must be a fraction ≤ 1, got 2",
    ),
    (
        lambda: Bands([(1, "0.5")], higher_is_better="yes"),
        FrameworkError,
        "higher_is_better: must be true or false, got 'yes'",
    ),
    (lambda: Bands([(1, "0.5")], fractions=1), FrameworkError, "fractions: must be true or false, got 1"),
    (lambda: Checklist(0), FrameworkError, "per_item: must be greater than 0, got 0"),
    (lambda: Checklist("x"), FrameworkError, "per_item: is not a decimal number: 'x'"),
    (lambda: Checklist(1, items="abc"), FrameworkError, "items: must be a list of item names"),
    (lambda: Checklist(1, items=5), FrameworkError, "items: must be a list of item names"),
    (lambda: Checklist(1, items=["a", ""]), FrameworkError, "items[1]: must be a non-empty name, got ''"),
    (lambda: Checklist(1, items=["a", 3]), FrameworkError, "items[1]: must be a non-empty name, got 3"),
    (lambda: Checklist(1, items=["a", "a"]), FrameworkError, "items: names must be distinct"),
    (lambda: Forward(1).score(1, 0), FrameworkError, "points: must be greater than 0, got 0"),
    (lambda: Forward(1).score(1, "x"), InvalidNumberError, "points: is not a decimal number: 'x'"),
    (lambda: Forward(1).score(1, "1.005"), FrameworkError, "points: has more than 2 decimal places: 1.005"),
    (
        lambda: Forward(1).score(1, "1.5", places=0),
        FrameworkError,
        "points: has more than 0 decimal places: 1.5",
    ),
    (
        lambda: Forward(1).score(1, 1, places=31),
        FrameworkError,
        "places: must be a whole number from 0 to 30, got 31",
    ),
    (
        lambda: Forward(1).score(1, 1, places=True),
        FrameworkError,
        "places: must be a whole number from 0 to 30, got True",
    ),
    (
        lambda: Bands([(95, 12)]).score(96, 10),
        FrameworkError,
        "bands[0].award: must not exceed the indicator's 10 points, got 12",
    ),
    (
        lambda: Bands([(95, 12)]).check_points(Decimal(10), field="C1"),
        FrameworkError,
        "C1.rule.bands[0].award: must not exceed the indicator's 10 points, got 12",
    ),
    (lambda: Forward(1).score("x", 1, field="C1"), ObservationError, "C1: is not a decimal number: 'x'"),
    (lambda: Forward(1).score(None, 1, field="C1"), ObservationError, "C1: must be a number, got None"),
    (
        lambda: Qualitative().score(5, 10, field="C1"),
        ObservationError,
        "C1: must be {tier, points} for a qualitative indicator",
    ),
    (
        lambda: Qualitative().score({"tier": "达成"}, 10, field="C1"),
        ObservationError,
        "C1: must be {tier, points} for a qualitative indicator",
    ),
    (
        lambda: Qualitative().score({"tier": "达成", "points": 9, "x": 1}, 10, field="C1"),
        ObservationError,
        "C1: must be {tier, points} for a qualitative indicator",
    ),
    (
        lambda: Qualitative().score(("好", 9), 10, field="C1"),
        ObservationError,
        "C1.tier: must be 达成, 部分达成 or 未达成, got '好'",
    ),
    (
        lambda: Qualitative().score((3, 9), 10, field="C1"),
        ObservationError,
        "C1.tier: must be 达成, 部分达成 or 未达成, got 3",
    ),
    (
        lambda: Qualitative().score(("达成", 7), 10, field="C1"),
        ObservationError,
        "C1.points: 7 is outside the tier 达成 (8 ≤ points ≤ 10)",
    ),
    (
        lambda: Qualitative().score(("部分达成", 8), 10, field="C1"),
        ObservationError,
        "C1.points: 8 is outside the tier 部分达成 (6 ≤ points < 8)",
    ),
    (
        lambda: Qualitative().score(("达成", 11), 10, field="C1"),
        ObservationError,
        "C1.points: points must be between 0 and 10, got 11",
    ),
    (
        lambda: Qualitative().score(("达成", -1), 10, field="C1"),
        ObservationError,
        "C1.points: points must be between 0 and 10, got -1",
    ),
    (
        lambda: Qualitative().score(("达成", "x"), 10, field="C1"),
        ObservationError,
        "C1.points: is not a decimal number: 'x'",
    ),
    (
        lambda: Qualitative().score("ab", 10, field="C1"),
        ObservationError,
        "C1: must be {tier, points} for a qualitative indicator",
    ),
    (
        lambda: Checklist(1, items=("甲",)).score(["乙"], 3, field="C1"),
        ObservationError,
        "C1[0]: is not an item of the checklist: '乙'",
    ),
    (
        lambda: Checklist(1).score([3], 3, field="C1"),
        ObservationError,
        "C1[0]: is not an item of the checklist: 3",
    ),
    (
        lambda: Checklist(1).score(["a", "a"], 3, field="C1"),
        ObservationError,
        "C1: lists a missing item twice",
    ),
    (
        lambda: Checklist(1).score(-1, 3, field="C1"),
        ObservationError,
        "C1: must be a whole number of missing items ≥ 0, got -1",
    ),
    (
        lambda: Checklist(1).score("1.5", 3, field="C1"),
        ObservationError,
        "C1: must be a whole number of missing items ≥ 0, got 1.5",
    ),
    (
        lambda: Checklist(1, items=("甲",)).score(2, 3, field="C1"),
        ObservationError,
        "C1: cannot miss 2 of 1 items",
    ),
    (
        lambda: Checklist(1, items=("甲",)).score(["甲", "甲"], 3, field="C1"),
        ObservationError,
        "C1: lists a missing item twice",
    ),
    (
        lambda: Manual().score("-0.01", 25, field="C1"),
        ObservationError,
        "C1: points must be between 0 and 25, got -0.01",
    ),
    (
        lambda: Manual().score("25.01", 25, field="C1"),
        ObservationError,
        "C1: points must be between 0 and 25, got 25.01",
    ),
    (
        lambda: ExecutionRate().score({"executed": 1}, 10, field="C1"),
        ObservationError,
        "C1: must be {executed, budget} or a ratio",
    ),
    (
        lambda: ExecutionRate().score({"executed": "x", "budget": 1}, 10, field="C1"),
        ObservationError,
        "C1.executed: is not a decimal number: 'x'",
    ),
    (
        lambda: ExecutionRate().score({"executed": 1, "budget": "y"}, 10, field="C1"),
        ObservationError,
        "C1.budget: is not a decimal number: 'y'",
    ),
    (
        lambda: ExecutionRate().score({"executed": -1, "budget": 1}, 10, field="C1"),
        ObservationError,
        "C1.executed: must not be negative, got -1",
    ),
    (
        lambda: ExecutionRate().score({"executed": 1, "budget": 0}, 10, field="C1"),
        ObservationError,
        "C1.budget: must be greater than 0, got 0",
    ),
    (
        lambda: ExecutionRate().score("-0.1", 10, field="C1"),
        ObservationError,
        "C1: an execution rate must not be negative, got -0.1",
    ),
    (
        lambda: ExecutionRate().score("x", 10, field="C1"),
        ObservationError,
        "C1: is not a decimal number: 'x'",
    ),
    (lambda: rule_from_dict([]), FrameworkError, "rule: must be a table with a kind, got list"),
    (lambda: rule_from_dict({"kind": 3}), FrameworkError, f"rule.kind: must be one of {KINDS}, got 3"),
    (lambda: rule_from_dict({}), FrameworkError, f"rule.kind: must be one of {KINDS}, got None"),
    (
        lambda: rule_from_dict({"kind": "sideways"}),
        FrameworkError,
        f"rule.kind: must be one of {KINDS}, got 'sideways'",
    ),
    (lambda: rule_from_dict({"kind": " 正向 "}), FrameworkError, "rule.target: is required"),
    (lambda: rule_from_dict({"kind": "forward"}), FrameworkError, "rule.target: is required"),
    (
        lambda: rule_from_dict({"kind": "forward", "target": 1, "b": 1, "a": 2}),
        FrameworkError,
        "rule.a: is not a parameter of the forward rule",
    ),
    (
        lambda: rule_from_dict({"kind": "forward", "target": 1, 3: 2}),
        FrameworkError,
        "rule.3: is not a parameter of the forward rule",
    ),
    (
        lambda: rule_from_dict({"kind": "forward", "target": "x"}, field="indicators[0].rule"),
        FrameworkError,
        "indicators[0].rule.target: is not a decimal number: 'x'",
    ),
    (
        lambda: rule_from_dict({"kind": "bands", "bands": [{"threshold": 1}]}),
        FrameworkError,
        "rule.bands[0]: must have exactly the keys threshold and award",
    ),
    (
        lambda: rule_from_dict({"kind": "deduction", "per_step": 1}),
        FrameworkError,
        "rule.threshold: is required",
    ),
    (lambda: rule_from_dict({"kind": "deduction"}), FrameworkError, "rule.per_step: is required"),
    (
        lambda: rule_from_dict({"kind": "bands", "bands": [[1, 2]], "fractions": True}),
        FrameworkError,
        "rule.bands[0].award: must be a fraction ≤ 1, got 2",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), CASES)
def test_refusal_message(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    assert str(caught.value) == message


def test_chinese_kind_with_spaces_and_parameters():
    assert rule_from_dict({"kind": " 正向 ", "target": 5}) == Forward(5)
    assert rule_from_dict({"kind": "扣分", "threshold": 100, "per_step": "0.5"}) == Deduction(100, "0.5")


def test_to_dict_writes_decimals_and_bands_as_text():
    assert Bands([(95, 10), (90, "8.5")]).to_dict() == {
        "kind": "bands",
        "bands": [{"threshold": "95", "award": "10"}, {"threshold": "90", "award": "8.5"}],
        "higher_is_better": True,
        "fractions": False,
    }
    assert Checklist(1, items=("甲", "乙")).to_dict() == {
        "kind": "checklist",
        "per_item": "1",
        "items": ["甲", "乙"],
    }
    assert Deduction(100, "0.5").to_dict() == {
        "kind": "deduction",
        "threshold": "100",
        "per_step": "0.5",
        "step": "1",
        "whole_steps": False,
    }
    assert Forward(Decimal("1E+3")).to_dict() == {"kind": "forward", "target": "1000"}
    assert Manual().to_dict() == {"kind": "manual"}


def test_band_values_are_kept():
    band = Band("95.5", "10")
    assert (band.threshold, band.award) == (Decimal("95.5"), Decimal(10))
    assert Bands([{"threshold": 1, "award": 2}]).bands == (Band(1, 2),)
    assert Bands([Band(1, 2)]).bands == (Band(1, 2),)


def test_places_from_0_to_30():
    assert Forward(3).score(1, 1, places=30).points == Decimal("0." + "3" * 30)
    assert Forward(3).score(1, 1, places=0).points == Decimal(0)


def test_zero_execution_rate_earns_nothing():
    award = ExecutionRate().score(0, 10)
    assert award.points == Decimal("0.00")
    assert award.explanation_zh == "预算执行率 0.00%，0.00% × 10 分 = 0.00 分"


def test_nesting_at_the_limit_is_read():
    assert rule_from_dict(deep_table(0)) == Forward(1)
    with pytest.raises(FrameworkError, match=r"^rule\.kind: must be one of"):
        rule_from_dict(deep_table(31))
