"""perfscore.testing: the public strategies generate what they promise."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import NOT_APPLICABLE, Framework, parse_amount
from perfscore.framework import MAX_DEPTH
from perfscore.rules import RULES, Rule

# Drawing whole frameworks is slow: these tests run at most 100 examples even under the ci profile.
capped = settings(max_examples=min(settings.default.max_examples, 100))


@capped
@given(pst.amounts())
def test_amounts_have_two_places(amount):
    assert amount.as_tuple().exponent == -2
    assert 0 <= amount <= Decimal("1e12")


@capped
@given(pst.amount_texts())
def test_amount_texts_read_back(pair):
    text, value = pair
    assert isinstance(text, str)
    assert parse_amount(text) == value


@capped
@given(pst.ratios(), pst.rates())
def test_ratios_and_rates(ratio, rate):
    assert 0 <= ratio <= 1
    assert -1 <= rate <= 10
    assert ratio.as_tuple().exponent >= -4


@capped
@given(st.data(), st.sampled_from(sorted(RULES)))
def test_rules_of_one_kind_fit_the_points(data, kind):
    rule = data.draw(pst.rules(kinds=[kind], points="7.5"))
    assert isinstance(rule, Rule)
    assert rule.kind == kind
    rule.check_points(Decimal("7.5"), field="points")


@capped
@given(pst.frameworks(max_depth=5, max_leaves=10))
def test_frameworks_are_valid_and_add_up(framework):
    assert isinstance(framework, Framework)
    assert 1 <= len(framework.leaves()) <= 10
    for indicator, depth in framework.walk():
        assert depth <= 5
        assert indicator.points > 0
        if indicator.children:
            assert sum(child.points for child in indicator.children) == indicator.points


def test_frameworks_reach_the_deepest_level():
    depths: set[int] = set()

    @capped
    @given(pst.frameworks(max_depth=4, max_leaves=8))
    def collect(framework):
        depths.add(max(depth for _, depth in framework.walk()))

    collect()
    assert depths >= {1, 4}


@capped
@given(pst.frameworks(rules=["manual", "bands"], policies=["exclude"], places=1))
def test_frameworks_honour_rules_policies_and_places(framework):
    assert framework.not_applicable == "exclude"
    assert framework.places == 1
    assert {leaf.rule.kind for leaf in framework.leaves()} <= {"manual", "bands"}
    assert all(leaf.points.as_tuple().exponent >= -1 for leaf in framework.leaves())


@capped
@given(st.data())
def test_observations_fit_their_framework(data):
    framework = data.draw(pst.frameworks())
    observations = data.draw(pst.observations(framework))
    assert set(observations) == {leaf.code for leaf in framework.leaves()}
    assert any(value is not NOT_APPLICABLE for value in observations.values())
    result = framework.score(observations)
    assert 0 <= result.total <= result.maximum


@capped
@given(st.data())
def test_observations_without_not_applicable(data):
    framework = data.draw(pst.frameworks())
    observations = data.draw(pst.observations(framework, not_applicable=False))
    assert NOT_APPLICABLE not in observations.values()
    assert framework.score(observations).not_applicable == ()


@capped
@given(pst.results(pst.frameworks(max_depth=2), not_applicable=False))
def test_results(result):
    assert result.nodes
    assert result.grade


@pytest.mark.parametrize(
    "call",
    [
        lambda: pst.frameworks(max_depth=0),
        lambda: pst.frameworks(max_depth=MAX_DEPTH + 1),
        lambda: pst.frameworks(max_children=0),
        lambda: pst.frameworks(places=7),
        lambda: pst.frameworks(policies=["sometimes"]),
        lambda: pst.frameworks(rules=["sideways"]),
        lambda: pst.frameworks(rules=[]),
    ],
)
def test_mistakes_in_a_test_are_reported_at_once(call):
    with pytest.raises(ValueError, match="must"):
        call()


def test_hypothesis_is_imported_only_with_perfscore_testing():
    code = (
        "import sys, perfscore; assert 'hypothesis' not in sys.modules;"
        "import perfscore.testing; assert 'hypothesis' in sys.modules; print('ok')"
    )
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert output.stdout.strip() == "ok"
