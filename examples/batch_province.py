"""Batch scoring of a synthetic province (全省批量评分，合成数据).

Twenty thousand units of a province fill in the same department-overall self-evaluation: the
seed's six dimensions, with 预算管理 scored from 预算偏离度 and 预算执行率 and 项目管理 from a
forward indicator. The data are synthetic (a seeded random generator), written with two decimal
places as real forms are; about one unit in ten has no projects (项目管理 不涉及), which the
framework's ``rescale`` policy handles as the scalar engine does.

The batch engine scores every unit at once, exactly; then a sample of units is scored again with
the scalar engine, which must give the same totals to the cent.

Run: python examples/batch_province.py

Output includes ``units scored: 20000`` and ``scalar engine agrees on 200 of 200 sampled units``.
"""

from __future__ import annotations

import numpy as np

from perfscore import Indicator
from perfscore.rules import Deduction, Forward
from perfscore.templates import budget_deviation_indicator, department_overall, execution_rate_indicator

UNITS = 20_000

framework = department_overall(
    performance=[Indicator("A1", "履职目标完成率", 20, rule=Forward(target=100), unit="%")],
    budget=[
        budget_deviation_indicator(10, threshold=5, per_step="0.5"),
        execution_rate_indicator(10),
        Indicator("B3", "在职人员控制率", 5, rule=Deduction(threshold=100, per_step=1), unit="%"),
    ],
    finance=10,
    assets=10,
    procurement=5,
    projects=[Indicator("F9", "项目目标完成率", 30, rule=Forward(target=100), unit="%")],
)

rng = np.random.default_rng(2023)


def two_places(values: np.ndarray) -> np.ndarray:
    """Round to cents as a form would print them (the engine checks they are on the grid)."""
    return np.round(values, 2)


columns = {
    "A1": two_places(rng.uniform(70, 105, UNITS)),
    "B1": two_places(np.abs(rng.normal(0, 12, UNITS))),  # 预算偏离度, % in absolute value
    "B2": two_places(rng.uniform(0.8, 1.0, UNITS)),  # 预算执行率 as a ratio
    "B3": two_places(rng.uniform(90, 110, UNITS)),
    "C": two_places(rng.uniform(6, 10, UNITS)),  # 财务管理, the assessor's points
    "D": two_places(rng.uniform(6, 10, UNITS)),
    "E": two_places(rng.uniform(3, 5, UNITS)),
    "F9": two_places(rng.uniform(60, 100, UNITS)),
}
columns["F9"][rng.random(UNITS) < 0.1] = np.nan  # no projects: 项目管理 不涉及

batch = framework.score_batch(columns)
print(f"units scored: {len(batch)}")
labels, counts = np.unique(batch.grades, return_counts=True)
print("grades:", ", ".join(f"{label} {count}" for label, count in zip(labels, counts, strict=True)))
totals = batch.totals
print(f"mean total: {totals.mean():.2f}, lowest {totals.min():.2f}, highest {totals.max():.2f}")

sample = rng.choice(UNITS, size=200, replace=False)
exact_totals = batch.totals_decimal()  # Decimal objects, to compare with the scalar engine's
agree = sum(batch.result(int(unit)).total == exact_totals[unit] for unit in sample)
print(f"scalar engine agrees on {agree} of {len(sample)} sampled units")
first = batch.result(int(sample[0]))
print(f"unit {sample[0]}: total {first.total}, grade {first.grade}; {first['B1'].explanation_zh}")
