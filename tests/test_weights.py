"""perfscore.weights: AHP pinned to Saaty's published examples, entropy, CRITIC, allocate_points."""

from __future__ import annotations

import contextlib
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from perfscore import InvalidNumberError, PerfscoreError, WeightsError
from perfscore.weights import RANDOM_INDEX, ahp, allocate_points, critic, entropy

from .strategies import anything, consistent_weights, data_matrices, point_weights


def _matrix(rows):
    return [[Fraction(entry) for entry in row.split()] for row in rows]


# Saaty, T. L. (1990). "How to make a decision: The analytic hierarchy process." European Journal
# of Operational Research 48(1), 9–26: choosing a house, 8 criteria (size, transportation,
# neighbourhood, age, yard, modern facilities, general condition, financing). Published: priority
# vector .173 .054 .188 .018 .031 .036 .167 .333; λmax = 9.669, CI = 0.238, CR = 0.169.
SAATY_1990_HOUSE = _matrix(
    [
        "1 5 3 7 6 6 1/3 1/4",
        "1/5 1 1/3 5 3 3 1/5 1/7",
        "1/3 3 1 6 3 4 6 1/5",
        "1/7 1/5 1/6 1 1/3 1/4 1/7 1/8",
        "1/6 1/3 1/3 3 1 1/2 1/5 1/6",
        "1/6 1/3 1/4 4 2 1 1/5 1/6",
        "3 5 1/6 7 5 5 1 1/2",
        "4 7 5 8 6 6 2 1",
    ]
)

# Saaty, T. L. & Khouja, M. W. (1976), "A measure of world influence", J. Peace Science 2, 31–48,
# as reproduced in Saaty, The Analytic Hierarchy Process (1980), the wealth of nations example
# (US, USSR, China, France, UK, Japan, West Germany). Published: .427 .230 .021 .052 .052 .123
# .094; λmax = 7.61, CR = 0.08.
SAATY_WEALTH = _matrix(
    [
        "1 4 9 6 6 5 5",
        "1/4 1 7 5 5 3 4",
        "1/9 1/7 1 1/5 1/5 1/7 1/5",
        "1/6 1/5 5 1 1 1/3 1/3",
        "1/6 1/5 5 1 1 1/3 1/3",
        "1/5 1/3 7 3 3 1 2",
        "1/5 1/4 5 3 3 1/2 1",
    ]
)


class TestAhpPublished:
    def test_saaty_1990_house(self):
        result = ahp(SAATY_1990_HOUSE)
        assert [round(float(w), 3) for w in result.weights] == [
            0.173,
            0.054,
            0.188,
            0.018,
            0.031,
            0.036,
            0.167,
            0.333,
        ]
        assert round(result.lambda_max, 3) == 9.669
        assert round(result.consistency_index, 3) == 0.238
        assert round(result.consistency_ratio, 3) == 0.169
        assert not result.acceptable

    def test_saaty_wealth_of_nations(self):
        result = ahp(SAATY_WEALTH, labels=["US", "USSR", "China", "France", "UK", "Japan", "W. Germany"])
        published = {"US": 0.427, "USSR": 0.230, "China": 0.021, "France": 0.052, "UK": 0.052}
        for label, weight in published.items():
            assert round(result.weight(label), 3) == weight
        assert round(result.lambda_max, 2) == 7.61
        assert round(result.consistency_ratio, 2) == 0.08
        assert result.acceptable

    def test_text_entries_are_read_as_fractions(self):
        text = [[str(entry) for entry in row] for row in SAATY_WEALTH]
        assert np.allclose(ahp(text).weights, ahp(SAATY_WEALTH).weights)


class TestAhpBehaviour:
    def test_pairs_mapping(self):
        result = ahp({("产出", "效益"): 3, ("产出", "满意度"): 5, ("效益", "满意度"): "2"})
        assert result.labels == ("产出", "效益", "满意度")
        assert list(result.as_dict()) == ["产出", "效益", "满意度"]
        assert result.weight("产出") > result.weight("效益") > result.weight("满意度")
        reordered = ahp(
            {("效益", "产出"): "1/3", ("满意度", "产出"): 0.2, ("效益", "满意度"): 2},
            labels=["产出", "效益", "满意度"],
        )
        assert np.allclose(reordered.weights, result.weights)

    def test_n_le_2_has_zero_cr(self):
        assert ahp([[1]]).consistency_ratio == 0
        result = ahp([[1, 7], [Fraction(1, 7), 1]])
        assert result.consistency_ratio == 0
        assert result.consistency_index == 0
        assert result.lambda_max == 2
        assert np.allclose(result.weights, [7 / 8, 1 / 8])

    def test_geometric_mean_hand_checked(self):
        # Row geometric means of [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]]: 15^(1/3) = 2.46621,
        # (2/3)^(1/3) = 0.87358, (1/10)^(1/3) = 0.46416; sum 3.80395 → 0.64833, 0.22965, 0.12202.
        matrix = [[1, 3, 5], ["1/3", 1, 2], ["1/5", "1/2", 1]]
        geo = ahp(matrix, method="geometric_mean")
        means = np.array([15 ** (1 / 3), (2 / 3) ** (1 / 3), 0.1 ** (1 / 3)])
        assert np.allclose(geo.weights, means / means.sum())
        assert [round(float(w), 5) for w in geo.weights] == [0.64833, 0.22965, 0.12202]
        product = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]) @ geo.weights
        assert geo.lambda_max == pytest.approx(float(np.mean(product / geo.weights)))
        assert geo.consistency_ratio == pytest.approx((geo.lambda_max - 3) / 2 / 0.58)
        assert geo.method == "geometric_mean"

    def test_threshold_is_configurable(self):
        assert ahp(SAATY_1990_HOUSE, threshold=0.2).acceptable
        assert not ahp(SAATY_WEALTH, threshold=0.05).acceptable

    def test_weights_are_read_only(self):
        result = ahp(SAATY_WEALTH)
        with pytest.raises(ValueError, match="read-only"):
            result.weights[0] = 1

    @pytest.mark.parametrize(
        ("matrix", "field", "text"),
        [
            ([[1, 2, 3], [0.5, 1, 2]], "matrix", "square"),
            ([[1, 2], [0.4, 1]], "matrix[1][0]", "reciprocal"),
            ([[1, -2], [-0.5, 1]], "matrix[0][1]", "greater than 0"),
            ([[2, 1], [1, 1]], "matrix[0][0]", "itself must be 1"),
            ([[1, float("nan")], [1, 1]], "matrix[0][1]", "finite"),
            ([[1, True], [1, 1]], "matrix[0][1]", "boolean"),
            ([[1, "x"], [1, 1]], "matrix[0][1]", "not a number"),
            ([[1, 3], [0.33, 1]], "matrix[1][0]", "1/3"),
            ([[1, 2], [1]], "matrix", "rectangular"),
            ([], "matrix", "2-dimensional"),
            (np.ones((16, 16)), "matrix", "15"),
            ({("a", "b"): 2, ("a", "c"): 3}, "pairs", "'b' with 'c'"),
            ({("a", "b"): 2, ("b", "a"): 2}, "matrix[1][0]", "reciprocal"),
            ({"ab": 2}, "pairs['ab']", "pairs of criterion names"),
        ],
    )
    def test_bad_matrices_name_the_entry(self, matrix, field, text):
        with pytest.raises(WeightsError) as caught:
            ahp(matrix)
        assert caught.value.field == field
        assert text in str(caught.value)

    def test_bad_options(self):
        with pytest.raises(WeightsError, match="method"):
            ahp([[1]], method="power")  # type: ignore[arg-type]
        with pytest.raises(WeightsError, match="threshold"):
            ahp([[1]], threshold=float("nan"))
        with pytest.raises(WeightsError, match="labels"):
            ahp([[1, 2], [0.5, 1]], labels=["a"])
        with pytest.raises(WeightsError, match="labels"):
            ahp([[1, 2], [0.5, 1]]).weight("a")
        with pytest.raises(WeightsError, match="not one of"):
            ahp([[1, 2], [0.5, 1]], labels=["a", "b"]).weight("c")


class TestAhpProperties:
    @given(consistent_weights, st.sampled_from(["eigenvector", "geometric_mean"]))
    def test_consistent_matrix_returns_its_weights_with_cr_zero(self, weights, method):
        matrix = np.outer(weights, 1 / weights)
        result = ahp(matrix, method=method)
        assert np.allclose(result.weights, weights / weights.sum(), rtol=1e-9, atol=1e-12)
        assert result.consistency_ratio == pytest.approx(0, abs=1e-9)
        assert result.acceptable

    @given(consistent_weights, st.data())
    def test_relabelling_permutes_weights(self, weights, data):
        noise = data.draw(st.lists(st.sampled_from([1, 2, 3, 1 / 2, 1 / 3]), min_size=len(weights) ** 2))
        size = len(weights)
        matrix = np.outer(weights, 1 / weights)
        for row in range(size):  # perturb the upper triangle, keep it reciprocal
            for column in range(row + 1, size):
                matrix[row, column] *= noise[row * size + column]
                matrix[column, row] = 1 / matrix[row, column]
        assume(np.all((matrix >= 1e-6) & (matrix <= 1e6)))
        permutation = data.draw(st.permutations(range(size)))
        permuted = matrix[np.ix_(permutation, permutation)]
        original, shuffled = ahp(matrix), ahp(permuted)
        assert np.allclose(shuffled.weights, original.weights[permutation], rtol=1e-7, atol=1e-10)
        assert shuffled.consistency_ratio == pytest.approx(original.consistency_ratio, abs=1e-9)
        assert math.isclose(float(original.weights.sum()), 1.0, rel_tol=1e-12)
        assert np.all(original.weights > 0)

    @given(anything)
    def test_only_perfscore_errors_escape(self, value):
        for matrix in ([[1, value], [1, 1]], {("a", "b"): value}, value):
            with contextlib.suppress(PerfscoreError):
                ahp(matrix)


def test_random_index_is_saatys_table():
    assert RANDOM_INDEX[2:5] == (0.58, 0.90, 1.12)
    assert len(RANDOM_INDEX) == 15


class TestEntropy:
    def test_hand_checked_example(self):
        # Columns normalised by min-max: (0, 1/2, 1) and (0, 0, 1); shares (0, 1/3, 2/3) and (0, 0, 1).
        # e1 = −(1/ln 3)(1/3·ln 1/3 + 2/3·ln 2/3) = (ln 3 − 2/3·ln 2)/ln 3 = 0.579380…, e2 = 0.
        # d = (0.420620…, 1); w1 = 0.420620/1.420620 = 0.29608…, w2 = 0.70392….
        result = entropy([[1, 10], [2, 10], [3, 40]])
        e1 = (math.log(3) - 2 / 3 * math.log(2)) / math.log(3)
        assert result.entropy[0] == pytest.approx(e1)
        assert result.entropy[1] == pytest.approx(0)
        assert result.weights[0] == pytest.approx((1 - e1) / (2 - e1))
        assert round(float(result.weights[0]), 5) == 0.29608

    def test_ratio_normalization_hand_checked(self):
        # Shares of the raw values: column 1 (1/6, 2/6, 3/6), column 2 constant → e = 1, weight 0.
        result = entropy([[1, 5], [2, 5], [3, 5]], normalization="ratio")
        shares = np.array([1, 2, 3]) / 6
        e1 = float(-(shares * np.log(shares)).sum() / math.log(3))
        assert result.entropy[0] == pytest.approx(e1)
        assert list(result.weights) == [1.0, 0.0]

    def test_cost_column_mirrors_benefit(self):
        benefit = entropy([[1, 4], [2, 1], [4, 2]])
        cost = entropy([[1, -4], [2, -1], [4, -2]], cost=[1])
        assert np.allclose(benefit.weights, cost.weights)
        ratio_cost = entropy([[1, 4], [2, 1], [4, 2]], cost=[1], normalization="ratio")
        assert np.allclose(ratio_cost.weights.sum(), 1)

    def test_zero_and_constant_columns_get_zero_weight(self):
        result = entropy([[0, 3, 1], [0, 3, 5], [0, 3, 2]])
        assert list(result.weights) == [0.0, 0.0, 1.0]
        assert list(result.entropy[:2]) == [1.0, 1.0]
        with pytest.raises(WeightsError, match="every column is constant"):
            entropy([[1, 0], [1, 0]])

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"matrix": [[1, 2]]}, "matrix"),
            ({"matrix": [[1, -2], [2, 3]], "normalization": "ratio"}, "matrix[0][1]"),
            ({"matrix": [[1, 0], [2, 3]], "normalization": "ratio", "cost": [1]}, "matrix[0][1]"),
            ({"matrix": [[1, 2], [2, 3]], "cost": [2]}, "cost[0]"),
            ({"matrix": [[1, 2], [2, 3]], "cost": [True]}, "cost[0]"),
            ({"matrix": [[1, 2], [2, 3]], "normalization": "zscore"}, "normalization"),
            ({"matrix": [[1e308, 2], [1e308, 3], [-1e308, 1]]}, "matrix"),
        ],
    )
    def test_errors(self, kwargs, field):
        with pytest.raises(WeightsError) as caught:
            entropy(**kwargs)
        assert caught.value.field == field

    @given(data_matrices, st.data())
    def test_weights_sum_to_one_and_scaling_a_column_changes_nothing(self, matrix, data):
        try:
            result = entropy(matrix)
        except WeightsError:
            assume(False)
            raise
        assert math.isclose(float(result.weights.sum()), 1.0, rel_tol=1e-9)
        assert np.all(result.weights >= 0)
        column = data.draw(st.integers(0, matrix.shape[1] - 1))
        factor = data.draw(st.sampled_from([0.001, 0.5, 3.0, 1000.0]))
        scaled = matrix.copy()
        scaled[:, column] *= factor
        assert np.allclose(entropy(scaled).weights, result.weights, rtol=1e-6, atol=1e-9)
        try:
            ratio = entropy(np.abs(matrix), normalization="ratio")
        except WeightsError:
            return
        scaled_abs = np.abs(matrix)
        scaled_abs[:, column] *= factor
        assert np.allclose(entropy(scaled_abs, normalization="ratio").weights, ratio.weights, atol=1e-9)

    @given(data_matrices, st.data())
    def test_permuting_columns_permutes_weights_and_constant_columns_change_nothing(self, matrix, data):
        try:
            result = entropy(matrix)
        except WeightsError:
            assume(False)
            raise
        permutation = data.draw(st.permutations(range(matrix.shape[1])))
        assert np.allclose(entropy(matrix[:, permutation]).weights, result.weights[permutation], atol=1e-12)
        widened = np.column_stack([matrix, np.full(matrix.shape[0], 7.0)])
        assert np.allclose(entropy(widened).weights[:-1], result.weights, atol=1e-12)


class TestCritic:
    def test_hand_checked_example(self):
        # Normalised columns (0, .5, 1), (1, 0, .5), (0, 0, 1); σ = √(1/6), √(1/6), √2/3;
        # r12 = −1/2, r13 = √3/2, r23 = 0. C1 = √(1/6)·(1.5 + 1 − √3/2), C2 = √(1/6)·(1.5 + 1),
        # C3 = √2/3·(1 − √3/2 + 1).
        result = critic([[1, 3, 2], [2, 1, 2], [3, 2, 5]])
        root = math.sqrt(1 / 6)
        information = [root * (2.5 - math.sqrt(3) / 2), root * 2.5, math.sqrt(2) / 3 * (2 - math.sqrt(3) / 2)]
        assert np.allclose(result.information, information)
        assert np.allclose(result.weights, np.array(information) / sum(information))

    def test_constant_columns_and_cost(self):
        base = critic([[1, 3, 2], [2, 1, 2], [3, 2, 5]])
        widened = critic([[1, 3, 4, 2], [2, 1, 4, 2], [3, 2, 4, 5]])
        assert np.allclose(widened.weights[[0, 1, 3]], base.weights)
        assert widened.weights[2] == 0
        mirrored = critic([[1, -3, 2], [2, -1, 2], [3, -2, 5]], cost=[1])
        assert np.allclose(mirrored.weights, base.weights)

    def test_needs_two_informative_columns(self):
        with pytest.raises(WeightsError, match="at least two columns"):
            critic([[1, 5], [2, 5], [3, 5]])
        with pytest.raises(WeightsError, match="perfectly correlated"):
            critic([[1, 2], [2, 4], [3, 6]])

    @given(data_matrices, st.data())
    def test_properties(self, matrix, data):
        try:
            result = critic(matrix)
        except WeightsError:
            assume(False)
            raise
        assert math.isclose(float(result.weights.sum()), 1.0, rel_tol=1e-9)
        assert np.all(result.weights >= 0)
        permutation = data.draw(st.permutations(range(matrix.shape[1])))
        assert np.allclose(critic(matrix[:, permutation]).weights, result.weights[permutation], atol=1e-9)
        column = data.draw(st.integers(0, matrix.shape[1] - 1))
        scaled = matrix.copy()
        scaled[:, column] *= 250.0
        assert np.allclose(critic(scaled).weights, result.weights, atol=1e-7)


class TestAllocatePoints:
    def test_examples(self):
        assert allocate_points([1, 1, 1], 10) == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]
        assert allocate_points([0.5, 0.5], 1, places=0) == [Decimal(1), Decimal(0)]  # tie: earlier first
        assert allocate_points([1, 0, 3], 50) == [Decimal("12.50"), Decimal("0.00"), Decimal("37.50")]
        assert allocate_points([2, 1], 0) == [Decimal("0.00"), Decimal("0.00")]

    def test_ahp_result_populates_points(self):
        result = ahp({("产出", "效益"): 3, ("产出", "满意度"): 5, ("效益", "满意度"): 2})
        points = allocate_points(result.as_dict(), 90)
        assert list(points) == ["产出", "效益", "满意度"]
        assert sum(points.values()) == Decimal(90)
        assert allocate_points(result.weights, 90) == list(points.values())

    def test_floats_are_read_as_typed(self):
        # 0.1 and 0.2 in binary are not exactly 1:2, but the typed decimals are.
        assert allocate_points([0.1, 0.2], "0.03") == [Decimal("0.01"), Decimal("0.02")]
        assert allocate_points(np.array([0.1, 0.2]), "0.03") == [Decimal("0.01"), Decimal("0.02")]

    @pytest.mark.parametrize(
        ("weights", "total", "places", "error", "field"),
        [
            ([], 10, 2, WeightsError, "weights"),
            ([0, 0], 10, 2, WeightsError, "weights"),
            ([1, -1], 10, 2, WeightsError, "weights[1]"),
            ([1, float("inf")], 10, 2, InvalidNumberError, "weights[1]"),
            ({"a": float("nan")}, 10, 2, InvalidNumberError, "weights['a']"),
            ([1, True], 10, 2, InvalidNumberError, "weights[1]"),
            ([1, 2], "10.005", 2, WeightsError, "total"),
            ([1, 2], -5, 2, WeightsError, "total"),
            ([1, 2], 10, -1, InvalidNumberError, "places"),
            ("12", 10, 2, WeightsError, "weights"),
            (np.ones((2, 2)), 10, 2, WeightsError, "weights"),
            ({1: 2}, 10, 2, WeightsError, "weights"),
        ],
    )
    def test_errors(self, weights, total, places, error, field):
        with pytest.raises(error) as caught:
            allocate_points(weights, total, places)
        assert caught.value.field == field

    @given(point_weights, st.integers(0, 10**6), st.integers(0, 4))
    def test_sums_exactly_and_each_within_one_unit(self, weights, units, places):
        assume(any(weight > 0 for weight in weights))
        unit = Decimal(1).scaleb(-places)
        total = Decimal(units) * unit
        points = allocate_points(weights, total, places)
        assert sum(points, Decimal(0)) == total
        weight_sum = sum(Fraction(weight) for weight in weights)
        for weight, point in zip(weights, points, strict=True):
            assert point.as_tuple().exponent == -places
            exact = Fraction(total) * Fraction(weight) / weight_sum
            assert abs(Fraction(point) - exact) < Fraction(unit)
            if weight == 0:
                assert point == 0

    @given(point_weights, st.integers(1, 10**6), st.data())
    def test_mapping_and_order_and_scaling(self, weights, units, data):
        assume(any(weight > 0 for weight in weights))
        total = Decimal(units).scaleb(-2)
        points = allocate_points(weights, total)
        named = allocate_points({f"k{index}": weight for index, weight in enumerate(weights)}, total)
        assert list(named.values()) == points
        # Scaling every weight by the same factor changes nothing.
        assert allocate_points([weight * 3 for weight in weights], total) == points
        # A larger weight never gets fewer points.
        for first, second in zip(range(len(weights)), range(1, len(weights)), strict=False):
            if weights[first] > weights[second]:
                assert points[first] >= points[second]

    @given(anything)
    def test_only_perfscore_errors_escape(self, value):
        with contextlib.suppress(PerfscoreError):
            allocate_points([1, value], 10)
