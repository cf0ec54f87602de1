"""perfscore.audit.checks: the generic checks, as properties and on published figures."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfscore import InvalidNumberError, change_rate, percent, round_half_up, share
from perfscore.audit import (
    ChangeCheck,
    CountCheck,
    DeviationCheck,
    Figure,
    FindingKind,
    SameFigureCheck,
    ShareCheck,
    SumCheck,
    agrees,
    places_of,
    run_checks,
)

from .strategies import amounts, amounts_or_zero


def fig(value, label="x", line=1):
    return Figure(label=label, value=Decimal(value), line=line, quote=f"{label}{value}")


# --- precision -----------------------------------------------------------------------------------
def test_precision_examples_from_the_issue():
    assert agrees(Decimal(20), Decimal("20.01"))
    assert agrees(Decimal(20), Decimal("20.006"))  # 公务用车 6.32 / 31.59, the seed, line 118
    assert not agrees(Decimal("849.33"), Decimal("849.32"))
    assert agrees(Decimal("13.2"), Decimal("13.2"))
    assert not agrees(Decimal("20"), Decimal("20.5"))  # half up: 21


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=4), st.integers(0, 4))
def test_a_figure_agrees_with_its_own_rounding(computed, places):
    stated = round_half_up(computed, places)
    assert agrees(stated, computed)
    step = Decimal(1).scaleb(-places)
    assert not agrees(stated + step, computed)
    assert not agrees(stated - step, computed)


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=3))
def test_places_of_counts_written_places(value):
    assert places_of(value) == max(0, -value.as_tuple().exponent)


# --- sums ------------------------------------------------------------------------------------------
@given(st.lists(amounts_or_zero, min_size=1, max_size=12))
def test_sum_passes_on_parts_that_add_up(parts):
    figures = tuple(fig(p) for p in parts)
    assert SumCheck("t", figures, fig(sum(parts, Decimal(0)))).run() is None


@given(st.lists(amounts, min_size=1, max_size=12), st.data(), st.sampled_from([1, -1]))
def test_sum_fails_when_one_part_changes_at_its_last_place(parts, data, step):
    index = data.draw(st.integers(0, len(parts) - 1))
    total = fig(sum(parts, Decimal(0)))
    changed = list(parts)
    changed[index] += step * Decimal(1).scaleb(-places_of(parts[index]))
    finding = SumCheck("t", tuple(fig(p) for p in changed), total).run()
    assert finding is not None
    assert finding.kind is FindingKind.SUM
    assert finding.stated == total.value
    assert finding.expected == sum(changed, Decimal(0))


@given(st.lists(amounts, min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_sum_does_not_depend_on_the_order_of_parts(parts, random):
    total = fig(sum(parts, Decimal(0)) + Decimal("0.01"))
    shuffled = list(parts)
    random.shuffle(shuffled)
    first = SumCheck("t", tuple(fig(p) for p in parts), total).run()
    second = SumCheck("t", tuple(fig(p) for p in shuffled), total).run()
    assert first is not None
    assert second is not None
    assert first.expected == second.expected


# --- shares ----------------------------------------------------------------------------------------
@given(amounts_or_zero, amounts, st.integers(0, 3))
def test_share_passes_at_the_stated_precision(part, total, places):
    stated = percent(share(part, total), places)
    assert ShareCheck("s", fig(part), (fig(total),), fig(stated)).run() is None
    wrong = stated + Decimal(1).scaleb(-places)
    finding = ShareCheck("s", fig(part), (fig(total),), fig(wrong)).run()
    assert finding is not None
    assert finding.kind is FindingKind.SHARE
    assert finding.expected == stated


def test_share_of_a_whole_given_as_parts():
    # The seed, line 114: 市公务服务中心公务接待费 60.33 of 27.85 + 0.24 + 66.14 = 94.23 → 64.02%.
    whole = (fig("27.85"), fig("0.24"), fig("66.14"))
    assert ShareCheck("s", fig("60.33"), whole, fig("64.02")).run() is None
    assert ShareCheck("s", fig("60.33"), whole, fig("64.03")).run() is not None


def test_share_of_nothing():
    assert ShareCheck("s", fig(0), (fig(0),), fig(0)).run() is None
    finding = ShareCheck("s", fig(1), (fig(0),), fig(5)).run()
    assert finding is not None
    assert "whole of 0" in finding.message


# --- changes ---------------------------------------------------------------------------------------
@given(amounts, amounts, st.integers(0, 2))
def test_change_passes_when_stated_from_both_years(current, previous, places):
    rate = percent(change_rate(current, previous), places)
    amount = current - previous
    check = ChangeCheck("c", fig(current), previous=fig(previous), amount=fig(amount), rate=fig(rate))
    assert check.run() is None
    # Only the amount and the rate stated: the previous year is implied.
    assert ChangeCheck("c", fig(current), amount=fig(amount), rate=fig(rate)).run() is None


@given(amounts, amounts, st.sampled_from([1, -1]))
def test_change_fails_when_the_rate_moves_at_its_last_place(current, previous, step):
    rate = percent(change_rate(current, previous), 2) + step * Decimal("0.01")
    finding = ChangeCheck("c", fig(current), previous=fig(previous), rate=fig(rate)).run()
    assert finding is not None
    assert finding.kind is FindingKind.CHANGE


@given(amounts, amounts, st.sampled_from([1, -1]))
def test_change_fails_when_the_amount_disagrees_with_both_years(current, previous, step):
    amount = current - previous + step * Decimal("0.01")
    finding = ChangeCheck("c", fig(current), previous=fig(previous), amount=fig(amount)).run()
    assert finding is not None
    assert finding.stated == amount


@pytest.mark.parametrize(
    ("current", "amount", "rate"),
    [  # the seed's stated changes (lines 25, 38, 44, 109, 111, 118, 122, 126, 129, 150)
        ("7467.34", "-4036.15", "-35.09"),
        ("7463.89", "-4023.38", "-35.02"),
        ("7463.89", "3009.86", "67.58"),
        ("27.85", "-6.5", "-18.92"),
        ("66.14", "-37.54", "-36.21"),
        ("25.27", "-6.32", "-20"),
        ("5.81", "1.3", "28.82"),
        ("2.58", "-0.18", "-6.52"),
        ("60.33", "-38.84", "-39.17"),
        ("412.34", "-22.06", "-5.08"),
    ],
)
def test_seed_changes_hold(current, amount, rate):
    assert ChangeCheck("c", fig(current), amount=fig(amount), rate=fig(rate)).run() is None
    # and the opposite direction word would not
    assert ChangeCheck("c", fig(current), amount=fig(amount), rate=fig(-Decimal(rate))).run() is not None


def test_change_rate_against_zero_is_a_finding_only_when_a_rate_is_stated():
    # The seed, line 110: 0.24 万元, "较上年增加0.24万元" — no rate, rightly.
    assert ChangeCheck("c", fig("0.24"), amount=fig("0.24")).run() is None
    finding = ChangeCheck("c", fig("0.24"), amount=fig("0.24"), rate=fig("100")).run()
    assert finding is not None
    assert "not positive" in finding.message


# --- deviation, same figure, counts ----------------------------------------------------------------
def test_deviation_of_the_seed():
    # 附件1 line 241: 执行数 7,463.89, 年初预算数 4,283.43, 预算偏离度 74.25%.
    assert DeviationCheck("d", fig("7463.89"), fig("4283.43"), fig("74.25")).run() is None
    finding = DeviationCheck("d", fig("7463.89"), fig("4283.43"), fig("74.24")).run()
    assert finding is not None
    assert finding.expected == Decimal("74.25")
    # A stated size of an underspend agrees with the signed deviation.
    assert DeviationCheck("d", fig("90"), fig("100"), fig("10")).run() is None
    assert DeviationCheck("d", fig("90"), fig("100"), fig("-10")).run() is None
    assert DeviationCheck("d", fig("90"), fig("0"), fig("10")).run() is not None


@given(amounts, st.integers(0, 2))
def test_same_figure_compares_at_the_coarser_precision(value, places):
    coarse = round_half_up(value, places)
    assert SameFigureCheck("f", fig(value), fig(coarse)).run() is None
    assert SameFigureCheck("f", fig(coarse), fig(value)).run() is None
    off = coarse + Decimal(1).scaleb(-places)
    assume(round_half_up(value, places) != off)
    assert SameFigureCheck("f", fig(value), fig(off)).run() is not None


def test_same_figure_849():
    finding = SameFigureCheck("社会保障和就业支出", fig("849.32", line=48), fig("849.33", line=233)).run()
    assert finding is not None
    assert (finding.stated, finding.expected, finding.lines) == (
        Decimal("849.33"),
        Decimal("849.32"),
        (48, 233),
    )


@given(st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=4), max_size=6), st.integers(0, 8))
def test_count_matches_only_its_list(names, count):
    listing = fig(len(names), "列举")
    finding = CountCheck("单位", fig(count), listing, tuple(names)).run()
    assert (finding is None) == (count == len(names))


# --- values ----------------------------------------------------------------------------------------
def test_findings_are_json_data():
    findings = run_checks([SumCheck("t", (fig("1.1"), fig("2.2")), fig("3.4"))])
    data = json.loads(json.dumps([f.to_dict() for f in findings]))
    assert data[0]["kind"] == "sum"
    assert data[0]["stated"] == "3.4"
    assert data[0]["expected"] == "3.3"


@pytest.mark.parametrize(
    "value", [None, True, float("nan"), "abc", Decimal("1E-31"), Decimal("1." + "0" * 31)]
)
def test_figure_refuses_what_is_not_a_figure(value):
    with pytest.raises(InvalidNumberError, match=r"^value: "):
        Figure(label="x", value=value, line=1, quote="")


def test_figure_reads_text_keeping_places():
    assert Figure(label="x", value="13.20", line=1, quote="").value.as_tuple().exponent == -2
