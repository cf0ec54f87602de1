"""perfscore.framework and perfscore.scoring: the scalar engine."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import (
    NOT_APPLICABLE,
    PART_GRADES,
    Framework,
    FrameworkError,
    Indicator,
    ObservationError,
)
from perfscore.rules import Bands, ExecutionRate, Forward, Manual, Qualitative, Reverse
from perfscore.scoring import applicable_maxima

D = Decimal


def sample_framework(policy: str = "rescale") -> Framework:
    return Framework(
        "示例",
        (
            Indicator("A", "履职效能", 20, rule=Manual()),
            Indicator(
                "B",
                "预算管理",
                25,
                children=(
                    Indicator("B1", "预算执行率", 10, rule=ExecutionRate()),
                    Indicator("B2", "预算偏离度", 10, rule=Bands([(5, 10), (10, 6)], higher_is_better=False)),
                    Indicator("B3", "结转结余率", 5, rule=Reverse(1)),
                ),
            ),
            Indicator(
                "C",
                "产出",
                55,
                children=(
                    Indicator("C1", "数量", 30, rule=Forward(100)),
                    Indicator("C2", "质量", 25, rule=Qualitative()),
                ),
            ),
        ),
        not_applicable=policy,  # type: ignore[arg-type]
    )


OBSERVATIONS = {"A": "15", "B1": "0.98", "B2": "7", "B3": "0.5", "C1": "95", "C2": ("达成", "23")}


def test_scores_and_sums():
    result = sample_framework().score(OBSERVATIONS)
    assert result["B1"].awarded == D("9.80")
    assert result["B2"].awarded == D("6")
    assert result["B"].awarded == D("20.80")
    assert result.total == D("15") + D("20.80") + D("28.50") + D("23")
    assert result.maximum == D(100)
    assert result.grade == "良"


def test_order_of_observations_is_irrelevant():
    framework = sample_framework()
    forward = framework.score(OBSERVATIONS)
    backward = framework.score(dict(reversed(list(OBSERVATIONS.items()))))
    assert forward == backward


@pytest.mark.parametrize("policy", ["full", "rescale", "exclude"])
def test_not_applicable_policies(policy):
    result = sample_framework(policy).score({**OBSERVATIONS, "B3": NOT_APPLICABLE})
    if policy == "full":
        assert result["B3"].awarded == D(5)
        assert result.maximum == D(100)
    elif policy == "rescale":
        assert result["B"].maximum == D(25)
        assert result["B1"].maximum + result["B2"].maximum == D(25)
        assert result.maximum == D(100)
    else:
        assert result.maximum == D(95)
        assert result.percentage == (result.total * 100 / D(95)).quantize(D("0.01"))


def test_missing_and_unknown_observations():
    framework = sample_framework()
    with pytest.raises(ObservationError, match=r"^B2: has no observation"):
        framework.score({key: value for key, value in OBSERVATIONS.items() if key != "B2"})
    with pytest.raises(ObservationError, match=r"^Z9: is not an indicator"):
        framework.score({**OBSERVATIONS, "Z9": 1})
    with pytest.raises(ObservationError, match=r"^B: is a parent"):
        framework.score({**OBSERVATIONS, "B": 1})
    with pytest.raises(ObservationError, match=r"^C1: "):
        framework.score({**OBSERVATIONS, "C1": "abc"})


def test_children_must_add_up():
    with pytest.raises(FrameworkError, match=r"^P\.children: points must add up to the parent's 10"):
        Indicator("P", "父", 10, children=(Indicator("a", "子", 4, rule=Manual()),))


def test_codes_unique_and_points_places():
    leaf = Indicator("X", "x", 5, rule=Manual())
    with pytest.raises(FrameworkError, match=r"^X: code is used"):
        Framework("f", (leaf, leaf))
    with pytest.raises(FrameworkError, match=r"^Y\.points: has more decimal places"):
        Framework("f", (Indicator("Y", "y", "2.5", rule=Manual()),), places=0)


def test_part_results_not_demonstrated():
    framework = attrs.evolve(sample_framework(), grades=PART_GRADES)
    assert framework.score(OBSERVATIONS).grade == "Effective"  # 87.30
    assert framework.score({**OBSERVATIONS, "C1": None}).grade == "Results Not Demonstrated"


@given(st.sets(st.sampled_from(["A", "B1", "B2", "B3", "C1", "C2"]), max_size=5))
def test_rescale_keeps_every_parent_exact(dropped):
    framework = sample_framework()
    maxima = applicable_maxima(framework, frozenset(dropped))
    for indicator, _ in framework.walk():
        if indicator.children and maxima[indicator.code] is not None:
            kids = [maxima[child.code] for child in indicator.children if maxima[child.code] is not None]
            assert sum(kids) == maxima[indicator.code]
    assert sum(maxima[top.code] or 0 for top in framework.indicators) == framework.maximum


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("B", "B: is a parent indicator: give {what} for its leaves"),
        ("Z9", "Z9: is not an indicator of 示例"),
    ],
)
def test_both_engines_refuse_the_same_keys(key, message):
    framework = sample_framework()
    with pytest.raises(ObservationError) as scalar:
        framework.score({**OBSERVATIONS, key: 1})
    assert str(scalar.value) == message.format(what="observations")
    columns = {code: [1] for code in OBSERVATIONS}
    with pytest.raises(ObservationError) as batch:
        framework.score_batch({**columns, key: [1]})
    assert str(batch.value) == message.format(what="columns")
