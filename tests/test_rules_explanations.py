"""Every rule's explanation, branch by branch, in Chinese and English (评分说明).

The explanation is what a reviewer reads on the 自评表: it must state the arithmetic that gave
the points. Each row pins one branch of one formula (its boundary included, where the text
changes) against the forms' wording: 正向/反向 from fasp2 pmkpi, 扣分 from the Sichuan
部门整体支出绩效 form, 预算执行率 from 财预〔2020〕10号.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfscore.rules import (
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Manual,
    Qualitative,
    Reverse,
)

CASES = [
    (
        Forward(100),
        "100",
        "10",
        "10.00",
        "实际值 100 ≥ 目标值 100，得满分 10 分",
        "actual 100 ≥ target 100: full 10 points",
    ),
    (
        Forward(100),
        "120",
        "10",
        "10.00",
        "实际值 120 ≥ 目标值 100，得满分 10 分",
        "actual 120 ≥ target 100: full 10 points",
    ),
    (Forward(100), "0", "10", "0.00", "实际值 0 ≤ 0，得 0 分", "actual 0 ≤ 0: 0 points"),
    (Forward(100), "-5", "10", "0.00", "实际值 -5 ≤ 0，得 0 分", "actual -5 ≤ 0: 0 points"),
    (
        Forward(100),
        "95",
        "10",
        "9.50",
        "实际值 95 ÷ 目标值 100 × 10 分 = 9.50 分",
        "actual 95 ÷ target 100 × 10 points = 9.50 points",
    ),
    (
        Equal(0),
        "0",
        "5",
        "5.00",
        "目标值 0，实际值 0 ≤ 0，得满分 5 分",
        "target 0, actual 0 ≤ 0: full 5 points",
    ),
    (
        Equal(0),
        "-1",
        "5",
        "5.00",
        "目标值 0，实际值 -1 ≤ 0，得满分 5 分",
        "target 0, actual -1 ≤ 0: full 5 points",
    ),
    (
        Equal(0),
        "0.01",
        "5",
        "0.00",
        "目标值 0，实际值 0.01 > 0，得 0 分",
        "target 0, actual 0.01 > 0: 0 points",
    ),
    (
        Equal(50),
        "25",
        "5",
        "2.50",
        "实际值 25 ÷ 目标值 50 × 5 分 = 2.50 分",
        "actual 25 ÷ target 50 × 5 points = 2.50 points",
    ),
    (
        Equal(50),
        "50",
        "5",
        "5.00",
        "实际值 50 ≥ 目标值 50，得满分 5 分",
        "actual 50 ≥ target 50: full 5 points",
    ),
    (
        Reverse(100),
        "100",
        "10",
        "10.00",
        "实际值 100 ≤ 目标值 100，得满分 10 分",
        "actual 100 ≤ target 100: full 10 points",
    ),
    (
        Reverse(100),
        "80",
        "10",
        "10.00",
        "实际值 80 ≤ 目标值 100，得满分 10 分",
        "actual 80 ≤ target 100: full 10 points",
    ),
    (
        Reverse(100),
        "120",
        "10",
        "8.00",
        "实际值 120 > 目标值 100，(1 − (120 − 100) ÷ 100) × 10 分 = 8.00 分",
        "actual 120 > target 100: (1 − (120 − 100) ÷ 100) × 10 points = 8.00 points",
    ),
    (
        Reverse(100),
        "200",
        "10",
        "0.00",
        "实际值 200 ≥ 目标值的 2 倍 200，得 0 分",
        "actual 200 ≥ twice the target 200: 0 points",
    ),
    (
        Reverse(100),
        "250",
        "10",
        "0.00",
        "实际值 250 ≥ 目标值的 2 倍 200，得 0 分",
        "actual 250 ≥ twice the target 200: 0 points",
    ),
    (
        Reverse(100, method="ratio"),
        "100",
        "10",
        "10.00",
        "实际值 100 ≤ 目标值 100，得满分 10 分",
        "actual 100 ≤ target 100: full 10 points",
    ),
    (
        Reverse(100, method="ratio"),
        "125",
        "10",
        "8.00",
        "目标值 100 ÷ 实际值 125 × 10 分 = 8.00 分",
        "target 100 ÷ actual 125 × 10 points = 8.00 points",
    ),
    (
        Deduction(100, "0.5"),
        "100",
        "5",
        "5.00",
        "实际值 100 ≤ 100，得满分 5 分",
        "actual 100 ≤ 100: full 5 points",
    ),
    (
        Deduction(100, "0.5"),
        "107.5",
        "5",
        "1.25",
        "实际值 107.5 超过 100 共 7.5，每 1 扣 0.5 分，5 分 − 7.5 × 0.5 分 = 1.25 分",
        "actual 107.5 exceeds 100 by 7.5, 0.5 points off per 1: 5 − 7.5 × 0.5 points = 1.25 points",
    ),
    (
        Deduction(100, "0.5", whole_steps=True),
        "107.5",
        "5",
        "1.00",
        "实际值 107.5 超过 100 共 7.5，每 1 扣 0.5 分（不足 1 按 1 计，计 8 个），"
        "5 分 − 8 × 0.5 分 = 1.00 分",
        "actual 107.5 exceeds 100 by 7.5, 0.5 points off per 1 (a started step counts whole: 8 steps): "
        "5 − 8 × 0.5 points = 1.00 points",
    ),
    (
        Deduction(100, "0.5"),
        "110",
        "5",
        "0.00",
        "实际值 110 超过 100 共 10，每 1 扣 0.5 分，扣完为止，得 0 分",
        "actual 110 exceeds 100 by 10, 0.5 points off per 1, nothing left: 0 points",
    ),
    (
        Deduction(100, "0.5"),
        "120",
        "5",
        "0.00",
        "实际值 120 超过 100 共 20，每 1 扣 0.5 分，扣完为止，得 0 分",
        "actual 120 exceeds 100 by 20, 0.5 points off per 1, nothing left: 0 points",
    ),
    (
        Deduction(0, 1, step=5, whole_steps=True),
        "12",
        "3",
        "0.00",
        "实际值 12 超过 0 共 12，每 5 扣 1 分（不足 5 按 5 计，计 3 个），扣完为止，得 0 分",
        "actual 12 exceeds 0 by 12, 1 points off per 5 (a started step counts whole: 3 steps), "
        "nothing left: 0 points",
    ),
    (
        Bands([(95, 10), (90, 8)]),
        "95",
        "10",
        "10.00",
        "实际值 95 ≥ 95，该区间得 10 分",
        "actual 95 ≥ 95: that band earns 10 points",
    ),
    (
        Bands([(95, 10), (90, 8)]),
        "92.5",
        "10",
        "8.00",
        "实际值 92.5 ≥ 90，该区间得 8 分",
        "actual 92.5 ≥ 90: that band earns 8 points",
    ),
    (
        Bands([(95, 10), (90, 8)]),
        "80",
        "10",
        "0.00",
        "实际值 80 未达到任何区间，得 0 分",
        "actual 80 reaches no band: 0 points",
    ),
    (
        Bands([(5, 5), (10, 3)], higher_is_better=False),
        "5",
        "5",
        "5.00",
        "实际值 5 ≤ 5，该区间得 5 分",
        "actual 5 ≤ 5: that band earns 5 points",
    ),
    (
        Bands([(5, 5), (10, 3)], higher_is_better=False),
        "7",
        "5",
        "3.00",
        "实际值 7 ≤ 10，该区间得 3 分",
        "actual 7 ≤ 10: that band earns 3 points",
    ),
    (
        Bands([(5, 5), (10, 3)], higher_is_better=False),
        "12",
        "5",
        "0.00",
        "实际值 12 未达到任何区间，得 0 分",
        "actual 12 reaches no band: 0 points",
    ),
    (
        Bands([(90, 1), (60, "0.6")], fractions=True),
        "75",
        "7.5",
        "4.50",
        "实际值 75 ≥ 60，该区间得分值的 0.6，0.6 × 7.5 分 = 4.50 分",
        "actual 75 ≥ 60: that band earns 0.6 of the points, 0.6 × 7.5 points = 4.50 points",
    ),
    (
        Qualitative(),
        {"tier": "达成", "points": "9"},
        "10",
        "9.00",
        "定性评价 达成（8 ≤ 得分 ≤ 10），评定 9 分",
        "qualitative: achieved (8 ≤ points ≤ 10), assessed 9 points",
    ),
    (
        Qualitative(),
        ("partial", 7),
        "10",
        "7.00",
        "定性评价 部分达成（6 ≤ 得分 < 8），评定 7 分",
        "qualitative: partially achieved (6 ≤ points < 8), assessed 7 points",
    ),
    (
        Qualitative(),
        {"tier": " 未达成 ", "points": 0},
        "10",
        "0.00",
        "定性评价 未达成（0 ≤ 得分 < 6），评定 0 分",
        "qualitative: not achieved (0 ≤ points < 6), assessed 0 points",
    ),
    (
        Checklist(1, items=("制度健全", "执行有效", "档案完整")),
        ["档案完整"],
        "3",
        "2.00",
        "缺 1 项（档案完整），每项扣 1 分，3 分 − 1 × 1 分 = 2.00 分",
        "1 missing (档案完整), 1 points off each: 3 − 1 × 1 points = 2.00 points",
    ),
    (
        Checklist(1, items=("制度健全", "执行有效", "档案完整")),
        [],
        "3",
        "3.00",
        "无缺项，得满分 3 分",
        "nothing missing: full 3 points",
    ),
    (Checklist(1), 0, "3", "3.00", "无缺项，得满分 3 分", "nothing missing: full 3 points"),
    (
        Checklist("0.5"),
        2,
        "3",
        "2.00",
        "缺 2 项，每项扣 0.5 分，3 分 − 2 × 0.5 分 = 2.00 分",
        "2 missing, 0.5 points off each: 3 − 2 × 0.5 points = 2.00 points",
    ),
    (
        Checklist(2),
        2,
        "3",
        "0.00",
        "缺 2 项，每项扣 2 分，扣完为止，得 0 分",
        "2 missing, 2 points off each, nothing left: 0 points",
    ),
    (
        Checklist(1, items=("甲", "乙")),
        ("甲", "乙"),
        "2",
        "0.00",
        "缺 2 项（甲、乙），每项扣 1 分，扣完为止，得 0 分",
        "2 missing (甲, 乙), 1 points off each, nothing left: 0 points",
    ),
    (Manual(), "21.5", "25", "21.50", "评定 21.5 分（满分 25 分）", "assessed 21.5 of 25 points"),
    (
        ExecutionRate(),
        {"executed": "95.12", "budget": "100"},
        "10",
        "9.51",
        "执行数 95.12 ÷ 预算数 100 = 95.12%，95.12% × 10 分 = 9.51 分",
        "executed 95.12 ÷ budget 100 = 95.12%: 95.12% × 10 points = 9.51 points",
    ),
    (
        ExecutionRate(),
        {"executed": "120", "budget": "100"},
        "10",
        "10.00",
        "执行数 120 ÷ 预算数 100 = 120.00% ≥ 100%，得满分 10 分",
        "executed 120 ÷ budget 100 = 120.00% ≥ 100%: full 10 points",
    ),
    (
        ExecutionRate(),
        "0.9512",
        "10",
        "9.51",
        "预算执行率 95.12%，95.12% × 10 分 = 9.51 分",
        "execution rate 95.12%: 95.12% × 10 points = 9.51 points",
    ),
    (
        ExecutionRate(),
        "1",
        "10",
        "10.00",
        "预算执行率 100.00% ≥ 100%，得满分 10 分",
        "execution rate 100.00% ≥ 100%: full 10 points",
    ),
]


@pytest.mark.parametrize(("rule", "value", "points", "awarded", "zh", "en"), CASES)
def test_explanation(rule, value, points, awarded, zh, en):
    award = rule.score(value, points)
    assert award.points == Decimal(awarded)
    assert award.explanation_zh == zh
    assert award.explanation_en == en


def test_exact_points_are_kept_before_rounding():
    award = Forward(3).score(1, 10)
    assert award.points == Decimal("3.33")
    assert str(award.exact).startswith("3.33333333333333333333333")
    assert Forward(3).score(1, 10, places=4).points == Decimal("3.3333")
