"""Framework templates (模板): builders into which a unit puts its own indicators and points.

Nothing here is a particular province's form: the builders fix only the structure that the
national practice shares, and the user supplies the maxima the province's form sets and the
sub-indicators the unit chose.

* :func:`department_overall` — 部门整体支出绩效自评: 履职效能, 预算管理, 财务管理, 资产管理,
  采购管理, 项目管理 (the first level of the seed report's 《市级部门整体支出绩效自评表》), with
  项目决策, 项目执行, 目标实现 under 项目管理.
* :func:`budget_deviation_indicator` and :func:`execution_rate_indicator` — ready leaves for
  预算管理 (预算偏离度, 预算执行率).
* :func:`mof_project` — 项目支出绩效自评表 (财预〔2020〕10号): 预算执行率 10, 产出指标 50,
  效益指标 30, 满意度指标 10.

A dimension given as a number becomes a leaf scored by the assessor (:class:`~perfscore.rules.Manual`),
as in the seed, which publishes only each dimension's score; given as a list of indicators it
becomes a parent whose points are theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from perfscore.errors import FrameworkError, PerfscoreError
from perfscore.framework import Framework, Indicator, NotApplicablePolicy
from perfscore.grades import MOF_GRADES, GradeScheme
from perfscore.numbers import exact_context, to_decimal
from perfscore.rules import Bands, Deduction, ExecutionRate, Manual

__all__ = [
    "DEPARTMENT_DIMENSIONS",
    "MOF_PROJECT_PARTS",
    "PROJECT_MANAGEMENT_PARTS",
    "Part",
    "budget_deviation_indicator",
    "department_overall",
    "execution_rate_indicator",
    "mof_project",
]

#: What a dimension may be: its points (a leaf the assessor scores) or its sub-indicators.
Part = int | str | Decimal | Sequence[Indicator]

#: The first level of 部门整体支出绩效自评 (code, name, builder argument), as in the seed.
DEPARTMENT_DIMENSIONS: Final = (
    ("A", "履职效能", "performance"),
    ("B", "预算管理", "budget"),
    ("C", "财务管理", "finance"),
    ("D", "资产管理", "assets"),
    ("E", "采购管理", "procurement"),
    ("F", "项目管理", "projects"),
)
#: The parts of 项目管理 in the seed (code, name, builder argument).
PROJECT_MANAGEMENT_PARTS: Final = (
    ("F1", "项目决策", "project_decision"),
    ("F2", "项目执行", "project_execution"),
    ("F3", "目标实现", "project_results"),
)
#: The MoF project self-evaluation form (财预〔2020〕10号): code, name, points, builder argument.
MOF_PROJECT_PARTS: Final = (
    ("A", "预算执行率", Decimal(10), None),
    ("B", "产出指标", Decimal(50), "outputs"),
    ("C", "效益指标", Decimal(30), "outcomes"),
    ("D", "满意度指标", Decimal(10), "satisfaction"),
)


def _points_text(value: Decimal) -> str:
    return format(value, "f")


def _children(value: object, argument: str, expected: str) -> tuple[Indicator, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
        raise FrameworkError(argument, f"must be {expected}")
    for index, child in enumerate(value):
        if not isinstance(child, Indicator):
            raise FrameworkError(f"{argument}[{index}]", f"must be an Indicator, got {type(child).__name__}")
    return tuple(value)


def _part(code: str, name: str, spec: object, argument: str) -> Indicator:
    """A dimension: a Manual leaf worth ``spec`` points, or a parent of the indicators in ``spec``."""
    if isinstance(spec, Indicator):
        raise FrameworkError(argument, "must be its points or a list of indicators, not one Indicator")
    try:
        if isinstance(spec, (int, str, Decimal, float)) and not isinstance(spec, bool):
            return Indicator(code, name, spec, rule=Manual())
        children = _children(spec, argument, "its points or a non-empty list of indicators")
        total = exact_context().add(Decimal(0), sum((child.points for child in children), Decimal(0)))
        return Indicator(code, name, total, children=children)
    except PerfscoreError as error:
        if error.field.startswith(argument):
            raise
        raise FrameworkError(argument, error.message) from None


def _check_total(indicators: Sequence[Indicator], maximum: object, argument: str = "maximum") -> None:
    if maximum is None:
        return
    expected = to_decimal(maximum, field=argument)
    total = sum((indicator.points for indicator in indicators), Decimal(0))
    if total != expected:
        parts = " + ".join(f"{indicator.name} {_points_text(indicator.points)}" for indicator in indicators)
        raise FrameworkError(
            argument,
            f"the points must add up to {_points_text(expected)}, but {parts} = {_points_text(total)}",
        )


def department_overall(
    *,
    performance: Part,
    budget: Part,
    finance: Part,
    assets: Part,
    procurement: Part,
    projects: Part | None = None,
    project_decision: Part | None = None,
    project_execution: Part | None = None,
    project_results: Part | None = None,
    name: str = "部门整体支出绩效自评",
    description: str | None = None,
    maximum: object = 100,
    grades: GradeScheme = MOF_GRADES,
    not_applicable: NotApplicablePolicy = "rescale",
    places: int = 2,
) -> Framework:
    """The department-overall self-evaluation (部门整体支出绩效自评).

    The first level is the seed's: 履职效能 (A), 预算管理 (B), 财务管理 (C), 资产管理 (D),
    采购管理 (E), 项目管理 (F); 项目管理 is either one part (``projects``) or the seed's three —
    项目决策 (F1), 项目执行 (F2), 目标实现 (F3). Each part is its points (a leaf the assessor
    scores) or the unit's own sub-indicators (their codes must differ from A–F and F1–F3).

    Args:
        performance: 履职效能.
        budget: 预算管理 — e.g. with :func:`budget_deviation_indicator` and
            :func:`execution_rate_indicator` among its indicators.
        finance: 财务管理.
        assets: 资产管理.
        procurement: 采购管理.
        projects: 项目管理 as one part; or leave it out and give the next three.
        project_decision: 项目决策 (under 项目管理).
        project_execution: 项目执行 (under 项目管理).
        project_results: 目标实现 (under 项目管理).
        name: The framework's name.
        description: Free text (province, year, source of the maxima).
        maximum: The total the form's maxima add up to (100 by default); ``None`` not to check.
        grades: The grade scheme.
        not_applicable: The not-applicable policy.
        places: Decimal places of the points.

    Returns:
        The framework.

    Raises:
        FrameworkError: A part is missing or invalid, 项目管理 is given both ways or neither, or
            the maxima do not add up to ``maximum``; the message names the argument.

    Examples:
        The seed's six dimensions, with maxima that are ASSUMED (the report does not print them):

        >>> framework = department_overall(
        ...     performance=15, budget=25, finance=10, assets=10, procurement=6, projects=34
        ... )
        >>> [indicator.name for indicator in framework.indicators]
        ['履职效能', '预算管理', '财务管理', '资产管理', '采购管理', '项目管理']
    """
    given = {
        "performance": performance,
        "budget": budget,
        "finance": finance,
        "assets": assets,
        "procurement": procurement,
    }
    indicators = [
        _part(code, label, given[argument], argument) for code, label, argument in DEPARTMENT_DIMENSIONS[:5]
    ]
    parts = {
        "project_decision": project_decision,
        "project_execution": project_execution,
        "project_results": project_results,
    }
    if projects is not None:
        extra = [argument for argument, value in parts.items() if value is not None]
        if extra:
            raise FrameworkError(extra[0], "give 项目管理 either as projects or as its three parts, not both")
        indicators.append(_part("F", "项目管理", projects, "projects"))
    else:
        missing = [argument for argument, value in parts.items() if value is None]
        if missing:
            raise FrameworkError(
                missing[0],
                "项目管理 needs projects, or all of project_decision, project_execution, project_results",
            )
        children = tuple(
            _part(code, label, parts[argument], argument)
            for code, label, argument in PROJECT_MANAGEMENT_PARTS
        )
        total = sum((child.points for child in children), Decimal(0))
        indicators.append(Indicator("F", "项目管理", total, children=children))
    _check_total(indicators, maximum)
    return Framework(
        name, indicators, grades=grades, not_applicable=not_applicable, places=places, description=description
    )


def budget_deviation_indicator(
    points: object,
    *,
    threshold: object = None,
    per_step: object = None,
    step: object = 1,
    whole_steps: bool = False,
    bands: Sequence[tuple[object, object]] | None = None,
    code: str = "B1",
    name: str = "预算偏离度",
    description: str | None = None,
) -> Indicator:
    """A ready 预算偏离度 leaf for 预算管理, scored by deduction or by bands.

    The observation is the deviation's size in percent as the form prints it:
    ``|执行数 − 年初预算数| ÷ 年初预算数 × 100`` (74.25 for the seed). Give either the deduction
    parameters ("偏离度 ≤ X% 计满分，每超过 s 个百分点扣 d 分，扣完为止") or ``bands``
    (``[(5, 10), (10, 6)]``: ≤ 5% → 10 分, ≤ 10% → 6 分, above → 0), as the province's form says.

    Args:
        points: The leaf's points (the form sets them).
        threshold: ``X`` in percent, for the deduction form.
        per_step: ``d``, points deducted per step.
        step: ``s``, percentage points per step (1 by default).
        whole_steps: Whether a started step counts whole.
        bands: ``(threshold %, points)`` pairs, lower deviation better, instead of a deduction.
        code: The leaf's code.
        name: The leaf's name.
        description: The scoring standard in words, for reports.

    Returns:
        The leaf indicator.

    Raises:
        FrameworkError: Neither or both ways are given, or a parameter is invalid.

    Examples:
        >>> leaf = budget_deviation_indicator(10, threshold=10, per_step="0.5")
        >>> leaf.rule.score("12.5", leaf.points).points
        Decimal('8.75')
    """
    if (bands is None) == (threshold is None and per_step is None):
        raise FrameworkError(
            code, "give either threshold and per_step (a deduction) or bands, not both or neither"
        )
    if bands is not None:
        return Indicator(
            code, name, points, rule=Bands(bands, higher_is_better=False), unit="%", description=description
        )
    if threshold is None or per_step is None:
        raise FrameworkError(code, "a deduction needs both threshold and per_step")
    rule = Deduction(threshold=threshold, per_step=per_step, step=step, whole_steps=whole_steps)
    default = (
        f"预算偏离度 ≤ {rule.threshold}% 计满分，每超过 {rule.step} 个百分点扣 {rule.per_step} 分，扣完为止"
    )
    return Indicator(code, name, points, rule=rule, unit="%", description=description or default)


def execution_rate_indicator(
    points: object, *, code: str = "B2", name: str = "预算执行率", description: str | None = None
) -> Indicator:
    """A ready 预算执行率 leaf: ``min(执行数 ÷ 调整后预算数, 1) × points``.

    The observation is ``{"executed": ..., "budget": ...}`` (amounts) or the rate as a ratio.

    Args:
        points: The leaf's points.
        code: The leaf's code.
        name: The leaf's name.
        description: The scoring standard in words, for reports.

    Returns:
        The leaf indicator.

    Examples:
        >>> leaf = execution_rate_indicator(10)
        >>> leaf.rule.score({"executed": "89.974", "budget": "90"}, leaf.points).points
        Decimal('10.00')
    """
    return Indicator(
        code,
        name,
        points,
        rule=ExecutionRate(),
        unit="%",
        description=description or "预算执行率 = 执行数 ÷ 调整后预算数，得分 = 执行率 × 分值，最高为满分",
    )


def mof_project(
    *,
    outputs: Sequence[Indicator],
    outcomes: Sequence[Indicator],
    satisfaction: Sequence[Indicator],
    name: str = "项目支出绩效自评表",
    description: str | None = None,
    points: object = (10, 50, 30, 10),
    grades: GradeScheme = MOF_GRADES,
    not_applicable: NotApplicablePolicy = "rescale",
    places: int = 2,
) -> Framework:
    """The MoF project self-evaluation form (项目支出绩效自评表, 财预〔2020〕10号).

    First level: 预算执行率 (A, scored by :class:`~perfscore.rules.ExecutionRate`), 产出指标 (B),
    效益指标 (C), 满意度指标 (D) worth 10, 50, 30 and 10 points. The unit fills in its own
    二级/三级 indicators under B, C and D; their points must add up to the part's points.

    Args:
        outputs: 产出指标 — e.g. 数量指标, 质量指标, 时效指标, 成本指标 with their 三级 indicators.
        outcomes: 效益指标 — e.g. 经济效益, 社会效益, 生态效益, 可持续影响.
        satisfaction: 满意度指标 — e.g. 服务对象满意度.
        name: The framework's name.
        description: Free text (project, year).
        points: The four parts' points; the MoF form's 10, 50, 30, 10 by default (some provinces
            weigh them differently).
        grades: The grade scheme.
        not_applicable: The not-applicable policy.
        places: Decimal places of the points.

    Returns:
        The framework.

    Raises:
        FrameworkError: A part's indicators do not add up to its points; the message names the
            argument (``outputs: the points must add up to 50, …``).

    Examples:
        >>> from perfscore.rules import Forward, Qualitative
        >>> form = mof_project(
        ...     outputs=[Indicator("B1", "培训人次", 50, rule=Forward(500))],
        ...     outcomes=[Indicator("C1", "社会效益", 30, rule=Qualitative())],
        ...     satisfaction=[Indicator("D1", "服务对象满意度", 10, rule=Forward(90))],
        ... )
        >>> [f"{indicator.name} {indicator.points}" for indicator in form.indicators]
        ['预算执行率 10', '产出指标 50', '效益指标 30', '满意度指标 10']
    """
    if isinstance(points, (str, bytes)) or not isinstance(points, Sequence) or len(points) != 4:
        raise FrameworkError("points", "must be the four parts' points (预算执行率, 产出, 效益, 满意度)")
    given = {"outputs": outputs, "outcomes": outcomes, "satisfaction": satisfaction}
    indicators: list[Indicator] = []
    for (code, label, _, argument), value in zip(MOF_PROJECT_PARTS, points, strict=True):
        if argument is None:
            try:
                indicators.append(execution_rate_indicator(value, code=code, name=label))
            except PerfscoreError as error:
                raise FrameworkError("points[0]", error.message) from None
            continue
        children = _children(given[argument], argument, "a non-empty list of indicators")
        _check_total(children, value, argument)
        indicators.append(Indicator(code, label, value, children=children))
    return Framework(
        name, indicators, grades=grades, not_applicable=not_applicable, places=places, description=description
    )
