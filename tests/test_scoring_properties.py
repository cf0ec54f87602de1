"""Scoring invariants over every framework perfscore.testing can generate."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import NOT_APPLICABLE, round_half_up
from perfscore.scoring import applicable_maxima

# Drawing whole frameworks is slow: these tests run at most 100 examples even under the ci profile.
capped = settings(max_examples=min(settings.default.max_examples, 100))


@capped
@given(st.data())
def test_parents_are_the_sum_of_their_children(data):
    framework = data.draw(pst.frameworks())
    result = framework.score(data.draw(pst.observations(framework)))
    for node in result:
        if node.is_leaf or node.awarded is None:
            continue
        counted = [result[code].awarded for code in node.children if result[code].awarded is not None]
        assert node.awarded == sum(counted, Decimal(0))
    top = [result[indicator.code] for indicator in framework.indicators]
    assert result.total == sum((node.awarded for node in top if node.awarded is not None), Decimal(0))


@capped
@given(st.data())
def test_every_leaf_within_its_maximum(data):
    framework = data.draw(pst.frameworks())
    result = framework.score(data.draw(pst.observations(framework)))
    for leaf in result.leaves:
        if leaf.awarded is not None:
            assert 0 <= leaf.awarded <= leaf.maximum
    assert 0 <= result.percentage <= 100
    assert result.percentage == round_half_up(result.total * 100 / result.maximum, framework.places)


@capped
@given(st.data())
def test_maxima_add_up_under_rescale(data):
    framework = data.draw(pst.frameworks(max_depth=4, policies=["rescale"]))
    observations = data.draw(pst.observations(framework))
    dropped = frozenset(code for code, value in observations.items() if value is NOT_APPLICABLE)
    maxima = applicable_maxima(framework, dropped)
    for indicator, _ in framework.walk():
        if indicator.children and maxima[indicator.code] is not None:
            kept = [maxima[child.code] for child in indicator.children if maxima[child.code] is not None]
            assert sum(kept) == maxima[indicator.code]
    assert framework.score(observations).maximum == framework.maximum


@capped
@given(st.data())
def test_order_of_observations_is_irrelevant(data):
    framework = data.draw(pst.frameworks())
    observations = data.draw(pst.observations(framework))
    shuffled = dict(data.draw(st.permutations(list(observations.items()))))
    assert framework.score(shuffled) == framework.score(observations)


@capped
@given(st.data())
def test_full_policy_never_shrinks_the_maximum(data):
    framework = data.draw(pst.frameworks(policies=["full"]))
    result = framework.score(data.draw(pst.observations(framework)))
    assert result.maximum == framework.maximum
    for code in result.not_applicable:
        assert result[code].awarded == result[code].points
