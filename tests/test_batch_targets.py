"""The batch engine on the rules of printed targets: ≥0 / ≤0, 区间值, execution rates, per-row places.

Each case is pinned against the scalar engine (``Framework.score``), whose rules are documented
in perfscore.rules; the per-row places case reproduces a published form's printed scores.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import NOT_APPLICABLE, Framework, Indicator, ObservationError
from perfscore.batch._engine import compiled_plan
from perfscore.rules import ExecutionRate, Forward, Interval, Qualitative, Reverse
from tests.test_batch import assert_unit_matches, single

D = Decimal


def agrees(framework: Framework, column: list[object]) -> np.ndarray:
    """Score one leaf's column by both engines; the batch's leaf points (framework units)."""
    code = framework.leaves()[0].code
    batch = framework.score_batch({code: np.array(column, dtype=float)})
    for unit, value in enumerate(column):
        assert_unit_matches(framework, batch, unit, {code: value})
    return batch.leaf_units[:, 0]


class TestZeroTargets:
    def test_forward_zero_gives_full_points_from_zero(self):
        # "≥0" (Forward(0)): A ≥ 0 → w, below 0 → 0; no ratio A/0 is formed.
        points = agrees(single(Forward(0), points=5), [0, 0.01, 37, -0.01, -5, 1e9])
        assert points.tolist() == [500, 500, 500, 0, 0, 500]

    @pytest.mark.parametrize("method", ["linear", "ratio"])
    def test_reverse_zero_gives_full_points_up_to_zero(self, method):
        # "≤0" (Reverse(0)): A ≤ 0 → w, any A > 0 → 0 with either method.
        points = agrees(single(Reverse(0, method=method), points=5), [0, -3, 0.01, 12])
        assert points.tolist() == [500, 500, 0, 0]

    def test_zero_targets_take_the_fast_path(self):
        for rule in (Forward(0), Reverse(0), Reverse(0, method="ratio")):
            assert compiled_plan(single(rule)).plans[0].family == "affine"


class TestInterval:
    def test_the_rule_docs_examples(self):
        # Interval(90, 100) at 10 points: 95 inside → 10; 81 → 81 ÷ 90 × 10 = 9.00; 105 →
        # (1 − 5/100) × 10 = 9.50; from 200 (2H) on → 0; 0 and below → 0.
        points = agrees(single(Interval(90, 100)), [95, 90, 100, 81, 105, 199.99, 200, 0, -1])
        assert points.tolist() == [1000, 1000, 1000, 900, 950, 0, 0, 0, 0]

    def test_a_tie_is_rounded_half_up(self):
        # 0.01 ÷ 0.8 × 10 = 0.125 below the range 0.8～2: 0.13, which float64 would round to 0.12.
        assert agrees(single(Interval("0.8", 2)), [0.01]).tolist() == [13]

    @pytest.mark.parametrize(
        ("low", "high", "column", "expected"),
        [
            (-5, 3, [-6, -5, 0, 3, 4.5, 6], [0, 1000, 1000, 1000, 500, 0]),  # L ≤ 0: 0 below it
            (-10, -2, [-11, -10, -2, -1.99, 0], [0, 1000, 1000, 0, 0]),  # H ≤ 0: 0 above it
            (-3, 0, [-3.01, -3, 0, 0.01], [0, 1000, 1000, 0]),
            (0, 5, [-0.01, 0, 5, 7.5], [0, 1000, 1000, 500]),
        ],
    )
    def test_bounds_at_or_below_zero(self, low, high, column, expected):
        assert agrees(single(Interval(low, high)), column).tolist() == expected

    def test_printed_range_target(self):
        framework = Framework("示例", [Indicator("A1", "满意度", 10, target="90%～100%")])
        assert framework.score_batch({"A1": [95, 85, 120]}).totals_decimal().tolist() == [
            D(10),
            D("9.44"),  # 85 ÷ 90 × 10 = 9.444…
            D(8),  # (1 − 20/100) × 10
        ]

    def test_interval_takes_the_fast_path(self):
        assert compiled_plan(single(Interval(90, 100))).plans[0].family == "interval"

    def test_not_applicable_rescaled_interval_agrees(self):
        framework = Framework(
            "示例",
            [
                Indicator("A1", "满意度", 7, rule=Interval(90, 100)),
                Indicator("A2", "数量", 3, rule=Forward(8)),
            ],
            not_applicable="rescale",
        )
        # With A2 not applicable, A1's maximum is 10: 81 → 9.00.
        batch = framework.score_batch({"A1": [81, 105, 81], "A2": [np.nan, np.nan, 4]})
        for unit, (a1, a2) in enumerate([(81, NOT_APPLICABLE), (105, NOT_APPLICABLE), (81, 4)]):
            assert_unit_matches(framework, batch, unit, {"A1": a1, "A2": a2})
        assert batch.totals_decimal().tolist() == [D(9), D("9.50"), D("7.80")]


@given(
    st.data(),
    st.sampled_from(["interval", "forward", "reverse", "equal"]),
    pst.rules(kinds=["interval"], ties=True),
)
def test_interval_and_zero_targets_agree_with_the_scalar_rule(data, kind, interval):
    rule = interval if kind == "interval" else data.draw(pst.rules(kinds=[kind], ties=True))
    framework = single(rule, points=data.draw(st.sampled_from([5, 10, D("12.5")])))
    values = data.draw(st.lists(pst.observations(framework, not_applicable=False, numeric=True), max_size=20))
    column = [float(value["X"]) for value in values]
    if column:
        agrees(framework, column)


class TestExecutionRateTypedAsPercent:
    def test_a_ratio_above_two_is_refused_with_code_and_row(self):
        framework = single(ExecutionRate())
        with pytest.raises(ObservationError) as error:
            framework.score_batch({"X": [0.95, 1.2, 86, 3]})
        assert error.value.field == "X"
        assert "row 2" in str(error.value)
        assert "percentage" in str(error.value)

    def test_two_itself_is_accepted(self):
        # 200% (MAX_EXECUTION_RATIO) is the last ratio taken: full points, like the scalar rule.
        assert agrees(single(ExecutionRate()), [2, 1.5, 0.5]).tolist() == [1000, 1000, 500]

    def test_a_percentage_as_text_is_read(self):
        batch = single(ExecutionRate()).score_batch({"X": np.array(["86%", "95.12%"], dtype=object)})
        assert batch.totals_decimal().tolist() == [D("8.60"), D("9.51")]


class TestRowPlaces:
    # 廊坊市食品工程学校 项目支出绩效自评表（2019年度）, 办公宿舍楼、食堂及餐厅暖通改造经费, a form printing
    # whole points: "指标1工程资金金额 | 43.2 | 37.24 | 10 | 9" and eight rows "… | 100 | 100 | 10 | 10";
    # 预算执行率 37.24 ÷ 43.2 (86%), 分值 10, 得分 9. The same rows as tests/test_targets.py's
    # TestWholePointForm. http://www.lfsp.cn/newsinfo/1158053.html
    def framework(self) -> Framework:
        return Framework(
            "暖通改造经费",
            [
                Indicator("A", "预算执行率", 10, rule=ExecutionRate(), places=0),
                Indicator("B", "工程资金金额", 10, rule=Forward("43.2"), places=0),
                *(Indicator(f"C{index}", "指标", 10, rule=Forward(100), places=0) for index in range(8)),
            ],
            not_applicable="full",
        )

    def test_printed_scores(self):
        framework = self.framework()
        columns: dict[str, object] = {"A": [float(D("37.24") / D("43.2"))], "B": [37.24]}
        columns.update({f"C{index}": [100.0] for index in range(8)})
        batch = framework.score_batch(columns)
        assert batch.leaf_units[0].tolist() == [900, 900, *[1000] * 8]  # 9, 9, 10 … at 2 places
        assert batch.totals_decimal().tolist() == [D(98)]
        assert batch.result(0)["B"].explanation_zh == "实际值 37.24 ÷ 目标值 43.2 × 10 分 ≈ 8.6204 → 9 分"

    def test_printed_scores_for_many_units_as_a_dataframe_in_threads(self):
        # The same printed form for 2,000 units, as a DataFrame (read as one matrix where numba
        # is installed) shared out among two threads: every unit's row scores and total as printed.
        pd = pytest.importorskip("pandas")
        framework = self.framework()
        columns: dict[str, object] = {"A": float(D("37.24") / D("43.2")), "B": 37.24}
        columns.update({f"C{index}": 100.0 for index in range(8)})
        frame = pd.DataFrame({code: np.full(2000, value) for code, value in columns.items()})
        batch = framework.score_batch(frame, chunk_size=500, threads=2)
        assert (batch.leaf_units == [900, 900, *[1000] * 8]).all()
        assert set(batch.totals_decimal().tolist()) == {D(98)}

    def test_mixed_places_agree(self):
        framework = Framework(
            "示例",
            [
                Indicator("A1", "数量", 10, rule=Forward(29), places=0),
                Indicator("A2", "质量", "12.5", rule=Forward(95), places=1),
                Indicator("A3", "定性", 5, rule=Qualitative(bounds="rounded"), places=0),
                Indicator("A4", "成本", "2.5", rule=Reverse(10, method="ratio")),
            ],
            not_applicable="exclude",
        )
        codes = [leaf.code for leaf in framework.leaves()]
        rows = [(25, 92, 4, 11), (29, 95, 3, 13), (3, 1, 1, 10), (np.nan, 50, np.nan, 40)]
        batch = framework.score_batch({code: [row[i] for row in rows] for i, code in enumerate(codes)})
        for unit, row in enumerate(rows):
            observations: dict[str, object] = {}
            for code, value in zip(codes, row, strict=True):
                if np.isnan(value):
                    observations[code] = NOT_APPLICABLE
                elif code == "A3":
                    observations[code] = batch.observations(unit)[code]
                else:
                    observations[code] = value
            assert_unit_matches(framework, batch, unit, observations)

    def test_fill_value_at_the_rows_places(self):
        # "full": a not-applicable row earns its points, stored in the framework's units.
        framework = Framework(
            "示例",
            [
                Indicator("A1", "数量", 10, rule=Forward(29), places=0),
                Indicator("A2", "质量", "12.5", rule=Forward(95)),
            ],
            not_applicable="full",
        )
        batch = framework.score_batch({"A1": [np.nan, 25], "A2": [95, np.nan]})
        assert batch.leaf_units.tolist() == [[1000, 1250], [900, 1250]]
        assert batch.totals_decimal().tolist() == [D("22.50"), D("21.50")]


@pytest.mark.parametrize(
    "rule",
    [
        Interval("1e12", "3e12"),  # integers beyond 2**53 on the grid: the scalar rule scores them
        Interval("0.000001", "0.000003"),
        Interval("0.0000001", 1),  # finer than the finest grid
        Interval(-1e13, 1e13),
    ],
)
def test_interval_bounds_far_from_the_grid_agree(rule):
    column = [0.5e12, 1.5e12, 4e12, 5e12, 1e-6, 2e-6, 3.5e-6, -5e12, 1e20, -1e20, 0.0, 1e-7, 0.1234567]
    agrees(single(rule), column)
