"""The scalar engine's compiled plan, lazy explanations, renamed attributes and notebook repr."""

from __future__ import annotations

import collections
import decimal
import pickle
import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import NOT_APPLICABLE, Framework, Indicator
from perfscore.errors import PerfscoreError
from perfscore.numbers import PLAIN_DECIMAL_TEXT, exact_arithmetic, to_decimal
from perfscore.observations import is_not_applicable
from perfscore.rules import RULES, Forward, Manual, Qualitative, Reverse, reads_numbers_only

from .test_scoring import OBSERVATIONS, sample_framework

D = Decimal
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=6),
    st.integers(min_value=-(10**32), max_value=10**32),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.tuples(st.sampled_from(["达成", "部分达成", "x"]), st.integers(-2, 12)),
    st.lists(st.sampled_from(["a", "b"]), max_size=3),
    st.dictionaries(st.sampled_from(["tier", "points", "executed", "budget"]), st.integers(-1, 12)),
)


@exact_arithmetic
def _outcome(function, *args):
    try:
        return ("value", function(*args))
    except PerfscoreError as error:
        return ("error", type(error), str(error))


@given(st.data())
def test_exact_points_agrees_with_the_explained_arithmetic(data):
    """Every rule's fast points are `score`'s, and it refuses what `score` refuses, as it does."""
    kind = data.draw(st.sampled_from(sorted(RULES)))
    points = data.draw(st.sampled_from([D(5), D("12.5"), D(10)]))
    rule = data.draw(pst.rules(kinds=[kind], points=points, ties=True))
    framework = Framework("f", (Indicator("L", "leaf", points, rule=rule),))
    valid = pst.observations(framework, not_applicable=False).map(lambda observed: observed["L"])
    value = data.draw(st.one_of(valid, JUNK))
    fast = _outcome(rule._exact_points, value, points, 2, "L")
    explained = _outcome(lambda: rule.score(value, points, places=2, field="L").exact)
    assert fast == explained


# Text of every shape the engine's plain-text path may see: plain numbers (leading zeros,
# "-0", long digit runs), and text just outside it (spaces, "+", exponents, other scripts'
# digits, units, words, not-applicable words), which must take the general path.
PLAIN = st.from_regex(r"-?[0-9]{1,22}(\.[0-9]{1,22})?", fullmatch=True)
NEAR_PLAIN = st.one_of(
    PLAIN,
    PLAIN.map(lambda text: f" {text}"),
    PLAIN.map(lambda text: f"+{text}"),
    PLAIN.map(lambda text: f"{text}e3"),
    PLAIN.map(lambda text: f"{text}%"),
    PLAIN.map(lambda text: f"{text}."),
    st.sampled_from(["１２", "٣", "1,000", "不适用", "N/A", "", ".5", "5.", "--1", "0x10"]),
)


def _edges(rule):
    """The rule's own figures (targets, thresholds, bounds) and their neighbours: where `≥`
    and `>` part, the values a fast path most easily gets wrong."""
    figures = [getattr(rule, name) for name in ("target", "threshold", "low", "high") if hasattr(rule, name)]
    figures += [band.threshold for band in getattr(rule, "bands", ())]
    figures += [figure * 2 for figure in figures]
    return sorted(
        {edge for figure in figures for edge in (figure - D("0.01"), figure, figure + D("0.01"))} | {D(0)}
    )


@given(st.data())
def test_a_rule_reading_numbers_gives_from_the_decimal_what_score_gives(data):
    """`_from_number` of the decimal `to_decimal` reads is `score`'s exact points, or its error.

    Every edge of the rule (its figures and a cent either side) is tried, then a drawn value.
    """
    kind = data.draw(st.sampled_from(sorted(kind for kind, cls in RULES.items() if reads_numbers_only(cls))))
    points = data.draw(st.sampled_from([D(5), D("12.5"), D(10)]))
    rule = data.draw(pst.rules(kinds=[kind], points=points, ties=True))
    framework = Framework("f", (Indicator("L", "leaf", points, rule=rule),))
    valid = pst.observations(framework, not_applicable=False, text=True).map(lambda observed: observed["L"])
    drawn = data.draw(
        st.one_of(valid, PLAIN, st.decimals(allow_nan=False, allow_infinity=False), st.integers(), JUNK)
    )
    for value in [*_edges(rule), *map(str, _edges(rule)), drawn]:
        number = _outcome(to_decimal, value)
        explained = _outcome(lambda value=value: rule.score(value, points, places=2, field="L").exact)
        if number[0] == "value":
            assert _outcome(rule._from_number, number[1], points, "L") == explained, value
        else:
            assert explained[0] == "error"


@given(PLAIN)
def test_plain_text_is_what_observe_keeps_and_to_decimal_reads_as_it_is(text):
    """What lets the engine skip `Indicator.observe` and read plain text with `Decimal(text)`."""
    if PLAIN_DECIMAL_TEXT.fullmatch(text) is None:
        return
    for indicator in (
        Indicator("L", "leaf", 5, rule=Forward(target=95)),
        Indicator("L", "leaf", 5, rule=Forward(target=95), unit="%"),
        Indicator("L", "leaf", 5, target="≤20万元"),
    ):
        assert indicator.observe(text) is text
    assert not is_not_applicable(text)
    # The general path (the text with spaces around it) reads the same digits, exponent and sign.
    assert to_decimal(text).as_tuple() == to_decimal(f" {text} ").as_tuple() == Decimal(text).as_tuple()


@given(st.data())
def test_the_engine_scores_every_value_as_the_rule_does_after_observe(data):
    """Framework.score, every fast path included, gives `Rule.score`'s points and errors."""
    kind = data.draw(st.sampled_from(sorted(RULES)))
    points = data.draw(st.sampled_from([D(5), D("12.5"), D(10)]))
    rule = data.draw(pst.rules(kinds=[kind], points=points, ties=True))
    unit = data.draw(st.sampled_from([None, "%", "万元"]))
    leaf = Indicator("L", "leaf", points, rule=rule, unit=unit)
    framework = Framework("f", (leaf, Indicator("M", "other", 10, rule=Manual())))
    valid = pst.observations(framework, not_applicable=False, text=True).map(lambda observed: observed["L"])
    value = data.draw(st.one_of(valid, st.sampled_from(_edges(rule)).map(str), NEAR_PLAIN, JUNK))

    @exact_arithmetic
    def by_the_rule():
        if is_not_applicable(value):
            return "n/a"
        award = rule.score(leaf.observe(value), points, places=2, field="L")
        return award.points, award.explanation_zh, award.explanation_en

    @exact_arithmetic
    def by_the_engine():
        node = framework.score({"L": value, "M": 1})["L"]
        if not node.applicable:
            return "n/a"
        return node.awarded, node.explanation_zh, node.explanation_en

    assert _outcome(by_the_engine) == _outcome(by_the_rule)


def test_a_subclass_with_its_own_arithmetic_is_not_read_by_its_parents_fast_path():
    class Doubled(Forward):
        def _exact(self, value, points, field):
            working = super()._exact(value, points, field)
            return working._replace(exact=working.exact / 2)

    assert reads_numbers_only(Forward)
    assert not reads_numbers_only(Doubled)
    framework = Framework("f", (Indicator("L", "leaf", 10, rule=Doubled(target=100)),))
    assert framework.score({"L": "50"})["L"].awarded == D("2.50")  # Doubled's, not Forward's 5


@given(st.data())
def test_lazy_explanations_match_the_rules_own(data):
    framework = data.draw(pst.frameworks(policies=["full"]))
    observations = data.draw(pst.observations(framework, not_applicable=False, text=True))
    result = framework.score(observations)
    for leaf in framework.leaves():
        node = result[leaf.code]
        value, places = observations[leaf.code], framework.places
        award = leaf.rule.score(value, leaf.points, places=places, field=leaf.code)
        assert (node.awarded, node.explanation_zh, node.explanation_en) == (
            award.points,
            award.explanation_zh,
            award.explanation_en,
        )


def test_the_plan_is_compiled_once_and_not_shared_with_a_changed_framework():
    framework = sample_framework()
    framework.score(OBSERVATIONS)
    plan = framework._plans["scoring"]
    framework.score({**OBSERVATIONS, "B2": NOT_APPLICABLE})
    assert framework._plans["scoring"] is plan
    assert len(plan.maxima) == 2  # one per pattern of not-applicable leaves
    changed = attrs.evolve(framework, places=1)
    assert "scoring" not in changed._plans
    assert changed.score(OBSERVATIONS).places == 1
    assert framework == sample_framework()  # the plan takes no part in equality


def test_explanations_read_later_under_a_hostile_context_are_unchanged():
    framework = sample_framework()
    eager = [(node.explanation_zh, node.explanation_en) for node in framework.score(OBSERVATIONS)]
    result = framework.score(OBSERVATIONS)
    hostile = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded])
    with decimal.localcontext(hostile):
        assert [(node.explanation_zh, node.explanation_en) for node in result] == eager


def test_results_and_frameworks_pickle_with_their_plan_and_explanations():
    framework = sample_framework()
    result = framework.score(OBSERVATIONS)
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert [node.explanation_zh for node in copy] == [node.explanation_zh for node in result]
    again = pickle.loads(pickle.dumps(framework))
    assert again == framework
    assert again.score(OBSERVATIONS) == result


def test_results_differ_when_their_rules_do():
    def scored(target):
        return Framework("f", (Indicator("L", "leaf", 10, rule=Forward(target=target)),)).score({"L": 200})

    assert scored(100) != scored(150)  # both full points; the explanations differ
    assert scored(100) == scored(100)


def test_renamed_attributes_keep_their_old_names_as_aliases():
    framework = sample_framework("exclude")
    assert framework.na_policy == framework.not_applicable == "exclude"
    assert framework.to_dict()["not_applicable"] == "exclude"
    result = framework.score({**OBSERVATIONS, "B2": "不适用"})
    assert result.framework_name == result.framework == "示例"
    assert result.na_policy == result.policy == "exclude"
    assert result.not_applicable_codes == result.not_applicable == ("B2",)
    assert result["A"].rule_kind == result["A"].rule
    assert result["B"].rule_kind is None
    data = result.to_dict()
    assert (data["framework"], data["policy"], data["not_applicable"]) == ("示例", "exclude", ["B2"])
    assert data["indicators"][0]["rule"] == result.nodes[0].rule_kind


def test_a_leaf_missing_or_unknown_keys_are_refused_as_before():
    framework = Framework("f", (Indicator("A", "a", 5, rule=Manual()), Indicator("B", "b", 5, rule=Manual())))
    for observations, message in [
        ({"A": 1}, "B: has no observation"),
        ({"A": 1, "C": 2}, "C: is not an indicator of f"),
        ({"A": 1, "B": 2, "C": 3}, "C: is not an indicator of f"),
        ({"A": 1, 7: 2}, "7: observation keys must be indicator codes (text)"),
    ]:
        with pytest.raises(PerfscoreError, match="^" + re.escape(message)):
            framework.score(observations)


def test_a_defaultdict_is_checked_like_any_mapping_and_left_unchanged():
    framework = Framework("f", (Indicator("A", "a", 5, rule=Manual()), Indicator("B", "b", 5, rule=Manual())))
    observations = collections.defaultdict(lambda: "1", {"A": "2", "C": "3"})
    with pytest.raises(PerfscoreError, match=r"^C: is not an indicator of f"):
        framework.score(observations)
    assert dict(observations) == {"A": "2", "C": "3"}


def test_framework_repr_html_shows_the_tree_escaped():
    framework = Framework(
        "<部门> & co",
        (
            Indicator(
                "A",
                "产出<b>",
                10,
                children=(
                    Indicator("A1", "数量", 6, rule=Forward(target=95), unit="%"),
                    Indicator("A2", "成本", 4, rule=Reverse(target=20), target="≤20万元"),
                ),
            ),
        ),
    )
    html = framework._repr_html_()
    assert html.startswith('<table class="perfscore-framework">')
    assert "&lt;部门&gt; &amp; co：满分 10 分，2 个末级指标" in html
    assert "<strong>产出&lt;b&gt;</strong>" in html
    for shown in ("<td>A1</td>", "≥95%", "正向 forward", "≤20万元", "反向 reverse"):
        assert shown in html
    assert "<b>" not in html


@given(st.data())
def test_a_rule_prints_the_target_the_excel_form_shows(data):
    """`Rule.printed_target` holds what `report.target_text` derives, for every rule kind."""
    from perfscore.report import target_text  # noqa: PLC0415 - the output layer, only here

    points = D(10)
    rule = data.draw(pst.rules(points=points))
    unit = data.draw(st.sampled_from(["", "%", "万元"]))
    indicator = Indicator("L", "leaf", points, rule=rule, unit=unit or None)
    assert rule.printed_target(unit) == target_text(indicator)


@given(st.data())
def test_lazy_explanations_of_rows_with_their_own_places_match_the_rules_own(data):
    """The explanation skips `Rule.score`'s checks only: same words, rounding step included."""
    kind = data.draw(st.sampled_from(sorted(RULES)))
    places = data.draw(st.sampled_from([0, 1, 2]))
    points = data.draw(st.sampled_from([D(5), D(8), D(10)]))
    rule = data.draw(pst.rules(kinds=[kind], points=points, places=places, ties=True))
    if kind == "qualitative":
        rule = data.draw(st.sampled_from([rule, Qualitative(bounds="rounded")]))
    leaf = Indicator("L", "leaf", points, rule=rule, places=places)
    framework = Framework("f", (leaf,), not_applicable="full")
    value = data.draw(pst.observations(framework, not_applicable=False, text=True))["L"]
    try:
        award = rule.score(leaf.observe(value), points, places=places, field="L", show_rounding=True)
    except PerfscoreError:
        return
    node = framework.score({"L": value})["L"]
    assert (node.awarded, node.explanation_zh, node.explanation_en) == (
        award.points,
        award.explanation_zh,
        award.explanation_en,
    )
