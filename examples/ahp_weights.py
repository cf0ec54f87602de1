"""AHP weights turned into a framework (层次分析法确定权重，再分配分值).

A unit's experts compare the three performance dimensions of the MoF project self-evaluation
(产出, 效益, 满意度) pairwise. perfscore derives the weights (checking their consistency), turns
them into points that add up exactly to the 90 points the dimensions share (预算执行率 keeps its
10), builds the framework and scores one project.

Run: python examples/ahp_weights.py

Output includes ``CR = 0.0032``, ``'产出': Decimal('58.3')`` and
``总分 total: 95.82 / 100.00, 等级 grade: 优``.
"""

from __future__ import annotations

from perfscore import Framework, Indicator
from perfscore.rules import ExecutionRate, Forward, Qualitative
from perfscore.weights import ahp, allocate_points

# 产出 is moderately more important than 效益 (3) and strongly more than 满意度 (5);
# 效益 slightly more than 满意度 (2).
judgements = ahp({("产出", "效益"): 3, ("产出", "满意度"): 5, ("效益", "满意度"): 2})
print(f"AHP weights: {judgements.as_dict()}")
print(
    f"λmax = {judgements.lambda_max:.4f}, CR = {judgements.consistency_ratio:.4f}, "
    f"acceptable: {judgements.acceptable}"
)

points = allocate_points(judgements.as_dict(), 90, places=1)
print(f"points (sum {sum(points.values())}): {points}")

framework = Framework(
    "项目支出绩效自评（AHP 权重）",
    (
        Indicator("R", "预算执行率", 10, rule=ExecutionRate()),
        Indicator("O", "产出指标", points["产出"], rule=Forward(target=100), unit="%"),
        Indicator("E", "效益指标", points["效益"], rule=Qualitative()),
        Indicator("S", "满意度指标", points["满意度"], rule=Forward(target=90), unit="%"),
    ),
    places=2,
)
result = framework.score(
    {
        "R": {"executed": "98.5", "budget": "100"},
        "O": "96",
        "E": {"tier": "达成", "points": "19"},
        "S": "92",
    }
)
for node in result.nodes:
    print(f"{node.code} {node.name}: {node.awarded} / {node.maximum}  {node.explanation_zh}")
print(f"总分 total: {result.total} / {result.maximum}, 等级 grade: {result.grade}")
