"""perfscore.pefa, against the PEFA 2016 framework's calibration and aggregation rules.

Source: PEFA Secretariat, "Framework for assessing public financial management" (February 2016)
and the PEFA 2016 Field Guide / Handbook vol. 1 — PI-1 dimension 1.1 ("between 95% and 105% …
in at least two of the last three years"), PI-2 dimensions 2.1/2.2 ("less than 5% / 10% / 15%")
and 2.3 ("on average less than 3%"; "between 3% and 6%, inclusive"; "more than 6% but less than
10%"), PI-3 dimension 3.1 ("between 97% and 106%" / 94–112% / 92–116%), section 2.2 (M1 weakest
link, M2 averaging and its conversion table for two dimensions; "D*" aggregates as D).
"""

from __future__ import annotations

import contextlib
import decimal
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfscore import InvalidNumberError, PefaError, PerfscoreError
from perfscore.pefa import (
    Score,
    composition_variance,
    m1,
    m2,
    pi1,
    pi2,
    pi3,
    score_composition,
    score_contingency,
    score_expenditure_outturn,
    score_revenue_outturn,
)

from .strategies import amounts, anything

DIMENSION_LETTERS = ["A", "B", "C", "D", "D*"]
dimension_scores = st.lists(st.sampled_from([*DIMENSION_LETTERS, "NA"]), min_size=1, max_size=6)


class TestScore:
    def test_letters_and_order(self):
        letters = ["D", "D+", "C", "C+", "B", "B+", "A"]
        scores = [Score.parse(letter) for letter in letters]
        assert [str(score) for score in scores] == letters
        assert scores == sorted(scores)
        assert Score.parse(" b+ ") is Score.B_PLUS
        assert Score.parse("n/a") is Score.NA
        assert Score.parse("D＊") is Score.D_STAR

    def test_d_star_ranks_as_d(self):
        assert Score.D_STAR.rank == Score.D.rank
        assert Score.D_STAR <= Score.D
        assert Score.D_STAR >= Score.D
        assert not Score.D_STAR < Score.D
        assert Score.D_STAR != Score.D  # distinct values, equal rank

    def test_na_has_no_rank(self):
        with pytest.raises(PefaError, match="NA"):
            _ = Score.NA < Score.A
        with pytest.raises(PefaError):
            _ = Score.A < "B"

    @pytest.mark.parametrize("text", ["E", "A+", "", "B-", None, 3, "AA"])
    def test_parse_errors(self, text):
        with pytest.raises(PefaError) as caught:
            Score.parse(text)
        assert caught.value.field == "score"


class TestM1:
    @pytest.mark.parametrize(
        ("scores", "expected"),
        [
            (["A", "C", "B"], "C+"),
            (["B", "B", "B"], "B"),
            (["D", "A"], "D+"),
            (["D*", "A"], "D+"),
            (["D*", "D"], "D"),
            (["A"], "A"),
            (["D*"], "D"),
            (["NA", "B", "A"], "B+"),
            (["NA", "NA"], "NA"),
        ],
    )
    def test_examples(self, scores, expected):
        assert str(m1(scores)) == expected

    @given(dimension_scores)
    def test_weakest_link_property(self, letters):
        result = m1(letters)
        ranked = [Score.parse(letter).rank for letter in letters if letter != "NA"]
        if not ranked:
            assert result is Score.NA
            return
        assert "*" not in str(result)
        lowest = min(ranked)
        assert result.rank == (lowest + 1 if max(ranked) > lowest else lowest)
        # D* aggregates as D.
        assert m1([letter.replace("D*", "D") for letter in letters]) is result

    def test_indicator_scores_are_not_dimension_scores(self):
        with pytest.raises(PefaError) as caught:
            m1(["A", "B+"])
        assert caught.value.field == "scores[1]"
        with pytest.raises(PefaError):
            m1([])
        with pytest.raises(PefaError):
            m1("AB")  # type: ignore[arg-type]


class TestM2:
    # PEFA 2016 framework, section 2.2, conversion table for M2 with two dimensions.
    TABLE: ClassVar[dict[tuple[str, str], str]] = {
        ("D", "D"): "D",
        ("D", "C"): "D+",
        ("D", "B"): "C",
        ("D", "A"): "C+",
        ("C", "C"): "C",
        ("C", "B"): "C+",
        ("C", "A"): "B",
        ("B", "B"): "B",
        ("B", "A"): "B+",
        ("A", "A"): "A",
    }

    @pytest.mark.parametrize(("pair", "expected"), list(TABLE.items()))
    def test_two_dimension_table_in_either_order(self, pair, expected):
        assert str(m2(list(pair))) == expected
        assert str(m2(list(reversed(pair)))) == expected
        if "D" in pair:
            assert str(m2([letter.replace("D", "D*") for letter in pair])) == expected

    def test_one_dimension_and_na(self):
        assert m2(["B"]) is Score.B
        assert m2(["D*"]) is Score.D
        assert m2(["NA", "C"]) is Score.C
        assert m2(["NA"]) is Score.NA

    def test_more_dimensions_are_not_guessed(self):
        with pytest.raises(PefaError, match="not supported") as caught:
            m2(["A", "B", "C"])
        assert caught.value.field == "scores"

    @given(st.sampled_from(DIMENSION_LETTERS), st.sampled_from(DIMENSION_LETTERS))
    def test_average_lies_between_and_is_monotone(self, first, second):
        low, high = sorted([Score.parse(first).rank, Score.parse(second).rank])
        result = m2([first, second])
        assert low <= result.rank <= high
        # Improving a dimension never lowers the indicator score.
        better = {"D": "C", "D*": "C", "C": "B", "B": "A", "A": "A"}[first]
        assert m2([better, second]) >= result


def _one_year_band(ratio: Decimal, bands) -> int:
    for rank, (low, high) in bands:
        if low <= ratio <= high:
            return rank
    return 0


EXPENDITURE_BANDS = [
    (6, (Decimal("0.95"), Decimal("1.05"))),
    (4, (Decimal("0.90"), Decimal("1.10"))),
    (2, (Decimal("0.85"), Decimal("1.15"))),
]
REVENUE_BANDS = [
    (6, (Decimal("0.97"), Decimal("1.06"))),
    (4, (Decimal("0.94"), Decimal("1.12"))),
    (2, (Decimal("0.92"), Decimal("1.16"))),
]
ratios = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("1.5"), places=4)


class TestOutturnDimensions:
    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            (["0.95", "1.05", "2"], "A"),  # both bounds inclusive
            (["0.9499", "1.0501", "1"], "B"),
            (["0.90", "1.10", "0"], "B"),
            (["0.85", "1.15", "0.5"], "C"),
            (["0.8499", "1.1501", "1"], "D"),
            (["1", "0.5", "0.5"], "D"),  # one good year is not enough
        ],
    )
    def test_pi1_thresholds_are_inclusive(self, values, expected):
        assert str(score_expenditure_outturn(values)) == expected

    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            (["0.97", "1.06", "0"], "A"),
            (["0.9699", "1.0601", "1"], "B"),
            (["0.94", "1.12", "0"], "B"),
            (["0.92", "1.16", "0"], "C"),
            (["0.9199", "1.1601", "1"], "D"),
        ],
    )
    def test_pi3_revenue_thresholds_are_inclusive(self, values, expected):
        assert str(score_revenue_outturn(values)) == expected

    @given(st.lists(ratios, min_size=3, max_size=3))
    def test_two_of_three_is_the_second_best_year(self, values):
        for scorer, bands in (
            (score_expenditure_outturn, EXPENDITURE_BANDS),
            (score_revenue_outturn, REVENUE_BANDS),
        ):
            yearly = sorted((_one_year_band(value, bands) for value in values), reverse=True)
            assert scorer(values).rank == yearly[1]

    def test_pi1_from_amounts(self):
        result = pi1(["4283.43", "5000", "6000"], ["4283.43", "5250", "6630"])
        assert [str(ratio) for ratio in result.dimensions[0].values] == ["1", "1.05", "1.105"]
        assert str(result.score) == "A"
        assert str(result) == "PI-1 A (M1: 1.1 A)"

    @pytest.mark.parametrize(
        ("budgets", "outturns", "field", "error"),
        [
            ([100, 100], [100, 100], "budgets", PefaError),
            ([100, 0, 100], [100, 100, 100], "budgets[1]", PefaError),
            ([100, 100, 100], [100, -1, 100], "outturns[1]", PefaError),
            ([100, 100, 100], [100, "x", 100], "outturns[1]", InvalidNumberError),
            ("100", [100, 100, 100], "budgets", PefaError),
        ],
    )
    def test_pi1_errors(self, budgets, outturns, field, error):
        with pytest.raises(error) as caught:
            pi1(budgets, outturns)
        assert caught.value.field == field


class TestCompositionVariance:
    def test_hand_checked(self):
        # Budget 60/40 (total 100), outturn 80/40 (total 120): adjusted budget 72/48;
        # |80 − 72| + |40 − 48| = 16; 16 / 120 = 0.1333….
        variance = composition_variance([60, 40], [80, 40])
        assert abs(Fraction(variance) - Fraction(16, 120)) < Fraction(1, 10**45)
        assert str(variance).startswith("0.13333333333")
        assert composition_variance({"教育": 60, "卫生": 40}, {"卫生": 40, "教育": 80}) == variance

    def test_independent_of_the_ambient_context(self):
        budgets, outturns = ["123456789012.34", "0.01", "7463.89"], ["98765432109.87", "0.02", "4283.43"]
        expected = composition_variance(budgets, outturns)
        with decimal.localcontext() as context:
            context.prec = 5
            assert composition_variance(budgets, outturns) == expected
            assert str(score_contingency(["0.03", "0.03", "0.0300001"])) == "B"

    def test_proportional_outturn_has_no_variance(self):
        assert composition_variance(["7463.89", "100"], ["14927.78", "200"]) == 0

    @given(
        st.lists(st.tuples(amounts, amounts), min_size=1, max_size=8),
        st.permutations(range(8)),
        st.integers(2, 9),
    )
    def test_properties(self, heads, order, factor):
        budgets = [budget for budget, _ in heads]
        outturns = [outturn for _, outturn in heads]
        variance = composition_variance(budgets, outturns)
        assert 0 <= variance <= 2
        indices = [index for index in order if index < len(heads)]
        assert composition_variance([budgets[i] for i in indices], [outturns[i] for i in indices]) == variance
        # Scaling the whole budget (an aggregate deviation) does not change the composition.
        assert composition_variance([budget * factor for budget in budgets], outturns) == variance

    @pytest.mark.parametrize(
        ("budgets", "outturns", "field"),
        [
            ([1, 2], [1], "outturn_heads"),
            ([0, 0], [1, 1], "budget_heads"),
            ([1, 1], [0, 0], "outturn_heads"),
            ([1, -1], [1, 1], "budget_heads[1]"),
            ({"a": 1}, {"b": 1}, "outturn_heads"),
            ({"a": 1}, [1], "outturn_heads"),
            ([], [], "budget_heads"),
            (5, [1], "budget_heads"),
        ],
    )
    def test_errors(self, budgets, outturns, field):
        with pytest.raises(PefaError) as caught:
            composition_variance(budgets, outturns)
        assert caught.value.field == field


class TestComposedDimensions:
    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            (["0.05", "0.0499", "0.0499"], "A"),
            (["0.05", "0.05", "0.0499"], "B"),  # exactly 5% is not "less than 5%"
            (["0.10", "0.10", "0"], "C"),
            (["0.15", "0.15", "0"], "D"),
        ],
    )
    def test_composition_is_strict(self, values, expected):
        assert str(score_composition(values)) == expected

    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            (["0.0299", "0.0299", "0.0299"], "A"),
            (["0.03", "0.03", "0.03"], "B"),  # 3% inclusive in B
            (["0.06", "0.06", "0.06"], "B"),  # 6% inclusive in B
            (["0.06", "0.06", "0.0600003"], "C"),  # average 6.0000001%: more than 6%
            (["0.0999", "0.0999", "0.0999"], "C"),
            (["0.10", "0.10", "0.10"], "D"),
            (["0", "0", "0.3"], "D"),  # an average, not two of three
        ],
    )
    def test_contingency_bounds(self, values, expected):
        assert str(score_contingency(values)) == expected

    def test_pi2(self):
        good = [([50, 50], [48, 52]), ([50, 50], [45, 55]), ([50, 50], [50, 50])]
        poor = [([50, 50], [40, 60]), ([50, 50], [44, 56]), ([50, 50], [50, 50])]
        result = pi2(good, poor, [(3, 100), (6, 100), (0, 100)])
        assert [str(d.score) for d in result.dimensions] == ["A", "C", "B"]
        assert str(result.score) == "C+"
        assert result.method == "M1"
        assert result.dimensions[2].values == (Decimal("0.03"), Decimal("0.06"), Decimal(0))
        assert str(pi2(good, None, None)) == "PI-2 A (M1: 2.1 A, 2.2 NA, 2.3 NA)"

    def test_pi2_errors_name_year_and_head(self):
        years = [([50, 50], [48, 52]), ([50, 50], [45, -1]), ([50, 50], [50, 50])]
        with pytest.raises(PefaError) as caught:
            pi2(years, None, None)
        assert caught.value.field == "by_function[1].outturn_heads[1]"
        with pytest.raises(PefaError) as caught:
            pi2(None, None, [(1, 0), 0, 0])
        assert caught.value.field == "contingency[0][1]"
        with pytest.raises(PefaError):
            pi2(years[:2], None, None)

    def test_pi3_uses_m2(self):
        years = [([60, 40], [66, 34]), ([60, 40], [60, 40]), ([60, 40], [62, 38])]
        result = pi3([100, 100, 100], [101, 93, 95], years)
        assert [str(d.score) for d in result.dimensions] == ["B", "A"]
        assert str(result.score) == "B+"
        assert result.method == "M2"
        assert str(pi3([100, 100, 100], [80, 80, 80], None).score) == "D"


@given(anything)
def test_only_perfscore_errors_escape(value):
    for call in (
        lambda: pi1([value, 1, 1], [1, 1, 1]),
        lambda: pi1(value, value),
        lambda: composition_variance([value], [1]),
        lambda: pi2(value, value, value),
        lambda: pi3([1, 1, 1], [1, 1, 1], value),
        lambda: m1([value]),
        lambda: m2(value),
        lambda: Score.parse(value),
    ):
        with contextlib.suppress(PerfscoreError):
            call()


@given(st.lists(amounts, min_size=3, max_size=3), st.lists(amounts, min_size=3, max_size=3))
def test_pi1_matches_the_yearly_ratios(budgets, outturns):
    assume(all(budget > 0 for budget in budgets))
    result = pi1(budgets, outturns)
    expected = [
        Fraction(outturn) / Fraction(budget) for budget, outturn in zip(budgets, outturns, strict=True)
    ]
    for ratio, exact in zip(result.dimensions[0].values, expected, strict=True):
        assert abs(Fraction(ratio) - exact) <= exact * Fraction(1, 10**45)
