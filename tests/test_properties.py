"""Invariants of the scalar engine over random frameworks (perfscore.testing.frameworks)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import MOF_GRADES, PART_GRADES, Framework, Indicator, ObservationError, round_half_up
from perfscore.rules import TIERS, Equal, Forward, Qualitative, Reverse
from perfscore.scoring import applicable_maxima, is_not_applicable

from .strategies import any_frameworks, observed, targets, written_observations

D = Decimal
scored = any_frameworks(max_children=3).flatmap(
    lambda f: st.tuples(st.just(f), written_observations(f), st.randoms())
)


@given(scored)
def test_score_invariants(case):
    framework, observations, rng = case
    result = framework.score(observations)
    unit = D(1).scaleb(-framework.places)
    for node in result:
        indicator = framework[node.code]
        if node.awarded is None:
            assert node.maximum is None
            assert framework.not_applicable != "full"
            continue
        assert node.maximum is not None
        # 0 ≤ points ≤ the indicator's maximum (its own points unless rescaled), on the grid.
        assert 0 <= node.awarded <= node.maximum
        assert node.awarded == node.awarded.quantize(unit)
        if framework.not_applicable == "full" or (framework.not_applicable == "exclude" and node.is_leaf):
            assert node.maximum == indicator.points
        if not node.is_leaf:
            kids = [result[child.code] for child in indicator.children]
            assert node.awarded == sum((kid.awarded for kid in kids if kid.awarded is not None), D(0))
            # A parent's maximum is its applicable children's: under rescale it keeps its points
            # exactly; under exclude it shrinks by the dropped ones.
            assert node.maximum == sum((kid.maximum for kid in kids if kid.maximum is not None), D(0))
    assert 0 <= result.total <= result.maximum
    assert result.total == sum((result[top.code].awarded or D(0) for top in framework.indicators), D(0))
    if framework.not_applicable in ("full", "rescale"):
        assert result.maximum == framework.maximum
    else:
        dropped = sum(
            (leaf.points for leaf in framework.leaves() if is_not_applicable(observations[leaf.code])), D(0)
        )
        assert result.maximum == framework.maximum - dropped
    assert result.percentage == round_half_up(result.total * 100 / result.maximum, framework.places)
    assert result.grade == framework.grades.grade(
        result.percentage, measures_missing=any(is_not_applicable(value) for value in observations.values())
    )
    # Scoring ignores the order of the observations.
    shuffled = list(observations.items())
    rng.shuffle(shuffled)
    assert framework.score(dict(shuffled)) == result


@given(any_frameworks(policies=["rescale"]), st.data())
def test_rescale_maxima_add_up_for_every_pattern(framework, data):
    leaves = [leaf.code for leaf in framework.leaves()]
    dropped = frozenset(data.draw(st.lists(st.sampled_from(leaves), unique=True, max_size=len(leaves) - 1)))
    maxima = applicable_maxima(framework, dropped)
    for indicator, _ in framework.walk():
        if indicator.children and maxima[indicator.code] is not None:
            kept = [maxima[child.code] for child in indicator.children if maxima[child.code] is not None]
            assert sum(kept, D(0)) == maxima[indicator.code]
    assert sum((maxima[top.code] or D(0) for top in framework.indicators), D(0)) == framework.maximum


@st.composite
def _with_extra_leaf(draw, rule):
    """A random framework plus a first-level leaf ``M`` scored by ``rule``, and observations."""
    base = draw(any_frameworks(max_children=3))
    points = draw(st.decimals(min_value=1, max_value=50, places=base.places))
    extra = Indicator("M", "加测指标", points, rule=rule)
    framework = attrs.evolve(base, indicators=(extra, *base.indicators))
    observations = draw(written_observations(framework))
    return framework, observations, extra


def _monotone_case(rule_strategy):
    @st.composite
    def build(draw):
        framework, observations, extra = draw(_with_extra_leaf(draw(rule_strategy)))
        low, high = sorted([draw(observed), draw(observed)])
        return framework, observations, extra, low, high

    return build()


@given(_monotone_case(st.builds(Forward, targets)))
def test_total_is_monotone_in_a_forward_leaf(case):
    framework, observations, leaf, low, high = case
    at_low = framework.score({**observations, leaf.code: low})
    at_high = framework.score({**observations, leaf.code: high})
    assert at_low[leaf.code].awarded <= at_high[leaf.code].awarded
    assert at_low.total <= at_high.total


@given(_monotone_case(st.builds(Reverse, targets, st.sampled_from(["linear", "ratio"]))))
def test_total_is_antitone_in_a_reverse_leaf(case):
    framework, observations, leaf, low, high = case
    at_low = framework.score({**observations, leaf.code: low})
    at_high = framework.score({**observations, leaf.code: high})
    assert at_low[leaf.code].awarded >= at_high[leaf.code].awarded
    assert at_low.total >= at_high.total


@given(
    _with_extra_leaf(Qualitative()), st.sampled_from(TIERS), st.decimals(min_value=0, max_value=1, places=4)
)
def test_qualitative_points_outside_the_tier_are_rejected(case, tier, fraction):
    framework, observations, leaf = case
    given_points = round_half_up(leaf.points * fraction, framework.places)
    observations[leaf.code] = {"tier": tier.name_zh, "points": given_points}
    if tier.admits(given_points, leaf.points):
        node = framework.score(observations)[leaf.code]
        if node.maximum == leaf.points:  # not rescaled
            assert node.awarded == given_points
        return
    with pytest.raises(ObservationError) as caught:
        framework.score(observations)
    assert caught.value.field == f"{leaf.code}.points"
    assert "outside the tier" in caught.value.message


def test_equal_zero_target_is_a_reverse_indicator():
    # 等于 0 ("安全事故 = 0"): any occurrence loses the points, at the framework level too.
    framework = Framework("f", (Indicator("A", "安全事故", 100, rule=Equal(0)),))
    assert framework.score({"A": 0}).total == D(100)
    assert framework.score({"A": 1}).total == D(0)


percentages = st.decimals(min_value=0, max_value=100, places=2)


@given(st.one_of(st.just(MOF_GRADES), st.just(PART_GRADES), pst.grade_schemes()), percentages, percentages)
def test_every_percentage_has_exactly_one_grade_and_grades_are_monotone(scheme, first, second):
    labels = [grade.label for grade in scheme.grades]  # best first
    for value in (first, second):
        reached = [grade for grade in scheme.grades if value >= grade.minimum]
        assert reached  # the lowest grade starts at 0
        assert scheme.grade(value) == reached[0].label
        assert labels.count(scheme.grade(value)) == 1
    low, high = sorted([first, second])
    assert labels.index(scheme.grade(low)) >= labels.index(scheme.grade(high))


@pytest.mark.parametrize(
    ("percentage", "mof", "part"),
    [
        ("100", "优", "Effective"),
        ("90.00", "优", "Effective"),
        ("89.99", "良", "Effective"),
        ("85", "良", "Effective"),
        ("84.99", "良", "Moderately Effective"),
        ("80", "良", "Moderately Effective"),
        ("79.99", "中", "Moderately Effective"),
        ("70", "中", "Moderately Effective"),
        ("69.99", "中", "Adequate"),
        ("60", "中", "Adequate"),
        ("59.99", "差", "Adequate"),
        ("50", "差", "Adequate"),
        ("49.99", "差", "Ineffective"),
        ("0", "差", "Ineffective"),
    ],
)
def test_grade_boundaries(percentage, mof, part):
    # 财预〔2020〕10号: 优 90–100, 良 80–<90, 中 60–<80, 差 <60. OMB PART: Effective 85–100,
    # Moderately Effective 70–84, Adequate 50–69, Ineffective 0–49.
    assert MOF_GRADES.grade(D(percentage)) == mof
    assert PART_GRADES.grade(D(percentage)) == part
    assert PART_GRADES.grade(D(percentage), measures_missing=True) == "Results Not Demonstrated"
    assert MOF_GRADES.grade(D(percentage), measures_missing=True) == mof
