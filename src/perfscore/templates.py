"""Framework templates (模板): builders into which a unit puts its own indicators and points.

Nothing here is a particular province's form: the builders fix only the structure that the
national practice shares, and the user supplies the maxima the province's form sets and the
sub-indicators the unit chose.

* [`department_overall`][perfscore.templates.department_overall] — 部门整体支出绩效自评: 履职效能, 预算管理,
  财务管理, 资产管理, 采购管理, 项目管理 (the first level of the seed report's
  《市级部门整体支出绩效自评表》), with 项目决策, 项目执行, 目标实现 under 项目管理.
* [`budget_deviation_indicator`][perfscore.templates.budget_deviation_indicator] and
  [`execution_rate_indicator`][perfscore.templates.execution_rate_indicator] — ready leaves for 预算管理
  (预算偏离度, 预算执行率).
* [`mof_project`][perfscore.templates.mof_project] — 项目支出绩效自评表 (财预〔2020〕10号): 预算执行率 10,
  产出指标 50, 效益指标 30, 满意度指标 10 by default; any other parts and points, and any rule for 预算执行率.
* `department_common_framework` — 部门整体支出绩效评价 on the national common framework
  (财预〔2013〕53号): 投入 (目标设定, 预算配置), 过程 (预算执行, 预算管理, 资产管理), 产出
  (职责履行), 效果 (履职效益).

A dimension given as a number becomes a leaf scored by the assessor ([`Manual`][perfscore.rules.Manual]),
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
from perfscore.rules import Bands, Deduction, ExecutionRate, Manual, Rule

__all__ = [
    "DEPARTMENT_COMMON_INDICATORS",
    "DEPARTMENT_COMMON_PARTS",
    "DEPARTMENT_DIMENSIONS",
    "EXECUTION_RATE_STANDARD",
    "MOF_PROJECT_PARTS",
    "PROJECT_MANAGEMENT_PARTS",
    "Part",
    "budget_deviation_indicator",
    "department_common_framework",
    "department_overall",
    "execution_rate_indicator",
    "mof_project",
]

Part = int | str | Decimal | Sequence[Indicator]
"""What a dimension may be: its points (a leaf the assessor scores) or its sub-indicators."""

DEPARTMENT_DIMENSIONS: Final = (
    ("A", "履职效能", "performance"),
    ("B", "预算管理", "budget"),
    ("C", "财务管理", "finance"),
    ("D", "资产管理", "assets"),
    ("E", "采购管理", "procurement"),
    ("F", "项目管理", "projects"),
)
"""The first level of 部门整体支出绩效自评 (code, name, builder argument), as in the seed."""
PROJECT_MANAGEMENT_PARTS: Final = (
    ("F1", "项目决策", "project_decision"),
    ("F2", "项目执行", "project_execution"),
    ("F3", "目标实现", "project_results"),
)
"""The parts of 项目管理 in the seed (code, name, builder argument)."""
MOF_PROJECT_PARTS: Final = (
    ("A", "预算执行率", Decimal(10), None),
    ("B", "产出指标", Decimal(50), "outputs"),
    ("C", "效益指标", Decimal(30), "outcomes"),
    ("D", "满意度指标", Decimal(10), "satisfaction"),
)
"""The MoF project self-evaluation form (财预〔2020〕10号): code, name, points, builder argument."""
DEPARTMENT_COMMON_PARTS: Final = (
    ("A", "投入", (("A1", "目标设定", "goal_setting"), ("A2", "预算配置", "budget_allocation"))),
    (
        "B",
        "过程",
        (
            ("B1", "预算执行", "budget_execution"),
            ("B2", "预算管理", "budget_management"),
            ("B3", "资产管理", "asset_management"),
        ),
    ),
    ("C", "产出", (("C1", "职责履行", "duties"),)),
    ("D", "效果", (("D1", "履职效益", "benefits"),)),
)
"""部门整体支出绩效评价共性指标体系框架 (财预〔2013〕53号): each 一级指标 (code, name) with its
二级指标 (code, name, builder argument).
"""
DEPARTMENT_COMMON_INDICATORS: Final = {
    "goal_setting": ("绩效目标合理性", "绩效指标明确性"),
    "budget_allocation": ("在职人员控制率", "“三公经费”变动率", "重点支出安排率"),
    "budget_execution": (
        "预算完成率",
        "预算调整率",
        "支付进度率",
        "结转结余率",
        "结转结余变动率",
        "公用经费控制率",
        "“三公经费”控制率",
        "政府采购执行率",
    ),
    "budget_management": ("管理制度健全性", "资金使用合规性", "预决算信息公开性", "基础信息完善性"),
    "asset_management": ("管理制度健全性", "资产管理安全性", "固定资产利用率"),
    "duties": ("实际完成率", "完成及时率", "质量达标率", "重点工作办结率"),
    "benefits": ("经济效益", "社会效益", "生态效益", "社会公众或服务对象满意度"),
}
"""The 三级指标 the national framework lists under each 二级指标 (by builder argument); the
framework sets no points for them: provinces and units do.
"""


def _points_text(value: Decimal) -> str:
    return format(value, "f")


def _points_sum(indicators: Sequence[Indicator]) -> Decimal:
    """The indicators' points added exactly, whatever the caller's decimal context."""
    context = exact_context()
    total = Decimal(0)
    for indicator in indicators:
        total = context.add(total, indicator.points)
    return total


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
        total = _points_sum(children)
        return Indicator(code, name, total, children=children)
    except PerfscoreError as error:
        if error.field.startswith(argument):
            raise
        raise FrameworkError(argument, error.message) from None


def _check_total(indicators: Sequence[Indicator], maximum: object, argument: str = "maximum") -> None:
    if maximum is None:
        return
    expected = to_decimal(maximum, field=argument)
    total = _points_sum(indicators)
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
        budget: 预算管理 — e.g. with
            [`budget_deviation_indicator`][perfscore.templates.budget_deviation_indicator] and
            [`execution_rate_indicator`][perfscore.templates.execution_rate_indicator] among its indicators.
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
        total = _points_sum(children)
        indicators.append(Indicator("F", "项目管理", total, children=children))
    _check_total(indicators, maximum)
    return Framework(
        name, indicators, grades=grades, not_applicable=not_applicable, places=places, description=description
    )


def department_common_framework(
    *,
    goal_setting: Part | None,
    budget_allocation: Part | None,
    budget_execution: Part | None,
    budget_management: Part | None,
    asset_management: Part | None,
    duties: Part | None,
    benefits: Part | None,
    name: str = "部门整体支出绩效评价（共性指标体系框架）",
    description: str | None = None,
    maximum: object = 100,
    grades: GradeScheme = MOF_GRADES,
    not_applicable: NotApplicablePolicy = "rescale",
    places: int = 2,
) -> Framework:
    """部门整体支出绩效评价 on the national common indicator framework (财预〔2013〕53号).

    The structure is the one of 财政部《预算绩效评价共性指标体系框架》 (财预〔2013〕53号), 附件
    "部门整体支出绩效评价共性指标体系框架", which provincial 部门整体支出绩效评价 forms follow:

    * A 投入: A1 目标设定 (``goal_setting``: 绩效目标合理性, 绩效指标明确性); A2 预算配置
      (``budget_allocation``: 在职人员控制率, "三公经费"变动率, 重点支出安排率).
    * B 过程: B1 预算执行 (``budget_execution``: 预算完成率, 预算调整率, 支付进度率, 结转结余率,
      结转结余变动率, 公用经费控制率, "三公经费"控制率, 政府采购执行率); B2 预算管理
      (``budget_management``: 管理制度健全性, 资金使用合规性, 预决算信息公开性, 基础信息完善性);
      B3 资产管理 (``asset_management``: 管理制度健全性, 资产管理安全性, 固定资产利用率).
    * C 产出: C1 职责履行 (``duties``: 实际完成率, 完成及时率, 质量达标率, 重点工作办结率).
    * D 效果: D1 履职效益 (``benefits``: 经济效益, 社会效益, 生态效益, 社会公众或服务对象满意度).

    The national framework sets the indicators and their formulas (see `perfscore.rates`), not
    their points: the province's form does, and the unit supplies them. Each 二级 part is its
    points (one leaf the assessor scores, `Manual`) or the unit's 三级 indicators (their codes
    must differ from A–D and A1–D1); ``None`` leaves a part out where the province's form has
    none (a 一级指标 needs at least one part). `DEPARTMENT_COMMON_INDICATORS` lists the 三级
    names by argument.

    Args:
        goal_setting: 目标设定 (投入).
        budget_allocation: 预算配置 (投入).
        budget_execution: 预算执行 (过程).
        budget_management: 预算管理 (过程).
        asset_management: 资产管理 (过程).
        duties: 职责履行 (产出).
        benefits: 履职效益 (效果).
        name: The framework's name.
        description: Free text (province, year, source of the points).
        maximum: The total the points must add up to (100 by default); ``None`` not to check.
        grades: The grade scheme.
        not_applicable: The not-applicable policy.
        places: Decimal places of the points.

    Returns:
        The framework.

    Raises:
        FrameworkError: A part is invalid, a 一级指标 has no part, or the points do not add up to
            ``maximum``; the message names the argument.

    Examples:
        One leaf per 二级指标; the 投入 points (目标设定 5, 预算配置 10) are a provincial form's
        (see docs/frameworks.md), the others ASSUMED:

        >>> framework = department_common_framework(
        ...     goal_setting=5, budget_allocation=10, budget_execution=20, budget_management=9,
        ...     asset_management=6, duties=25, benefits=25,
        ... )
        >>> [f"{i.name} {i.points}" for i in framework.indicators]
        ['投入 15', '过程 35', '产出 25', '效果 25']
    """
    given = {
        "goal_setting": goal_setting,
        "budget_allocation": budget_allocation,
        "budget_execution": budget_execution,
        "budget_management": budget_management,
        "asset_management": asset_management,
        "duties": duties,
        "benefits": benefits,
    }
    indicators: list[Indicator] = []
    for code, label, second_level in DEPARTMENT_COMMON_PARTS:
        children = tuple(
            _part(child_code, child_label, given[argument], argument)
            for child_code, child_label, argument in second_level
            if given[argument] is not None
        )
        if not children:
            raise FrameworkError(
                second_level[0][2],
                f"{label} needs at least one of {', '.join(item[2] for item in second_level)}",
            )
        total = _points_sum(children)
        indicators.append(Indicator(code, label, total, children=children))
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


EXECUTION_RATE_STANDARD: Final = "预算执行率 = 执行数 ÷ 调整后预算数，得分 = 执行率 × 分值，最高为满分"
"""The scoring standard of the proportional 预算执行率 rule, in the form's words."""


def execution_rate_indicator(
    points: object,
    *,
    code: str = "B2",
    name: str = "预算执行率",
    description: str | None = None,
    rule: Rule | None = None,
) -> Indicator:
    """A ready 预算执行率 leaf: ``min(执行数 ÷ 调整后预算数, 1) × points`` unless ``rule`` says otherwise.

    With the default rule the observation is ``{"executed": ..., "budget": ...}`` (amounts) or the
    rate as a ratio. Forms that score the rate in bands or by deduction ("执行率 ≥ 90% 计满分",
    "每低于一个百分点扣 0.5 分") give that rule instead; its observation is then what that rule
    reads (for `Bands` and `Forward`, the rate in percent as the form prints it).

    Args:
        points: The leaf's points.
        code: The leaf's code.
        name: The leaf's name.
        description: The scoring standard in words, for reports (the proportional rule's by
            default; none for another rule unless given).
        rule: The scoring rule; `ExecutionRate` (proportional, capped at full points) when
            ``None``.

    Returns:
        The leaf indicator.

    Raises:
        FrameworkError: ``rule`` is not a rule, or does not fit ``points``.

    Examples:
        >>> leaf = execution_rate_indicator(10)
        >>> leaf.rule.score({"executed": "89.974", "budget": "90"}, leaf.points).points
        Decimal('10.00')

        Full points from 90% on, 8 points from 80%, else nothing:

        >>> leaf = execution_rate_indicator(10, rule=Bands([(90, 10), (80, 8)]))
        >>> leaf.rule.score("85.3", leaf.points).points
        Decimal('8.00')
    """
    if rule is not None and not isinstance(rule, Rule):
        raise FrameworkError(f"{code}.rule", f"must be a scoring rule, got {type(rule).__name__}")
    chosen = ExecutionRate() if rule is None else rule
    if not description and isinstance(chosen, ExecutionRate):
        description = EXECUTION_RATE_STANDARD
    return Indicator(code, name, points, rule=chosen, unit="%", description=description)


def mof_project(
    *,
    outputs: Sequence[Indicator] | None = None,
    outcomes: Sequence[Indicator] | None = None,
    satisfaction: Sequence[Indicator] | None = None,
    parts: Sequence[tuple[str, Part]] | None = None,
    name: str = "项目支出绩效自评表",
    description: str | None = None,
    points: object = None,
    execution: Rule | None = None,
    execution_description: str | None = None,
    maximum: object = 100,
    grades: GradeScheme = MOF_GRADES,
    not_applicable: NotApplicablePolicy = "rescale",
    places: int = 2,
) -> Framework:
    """The MoF project self-evaluation form (项目支出绩效自评表, 财预〔2020〕10号), or a province's.

    First level: 预算执行率 (A), then the form's parts — by default 产出指标, 效益指标 and
    满意度指标 worth 10, 50, 30 and 10 points. The unit fills in its own 二级/三级 indicators
    under each part; their points must add up to the part's points.

    Forms differ, and every difference is a parameter:

    * Leave out a part (``satisfaction=None``: "10 + 90" forms whose 产出 and 效益 share the 90
      points) and give ``points`` for 预算执行率 and each part given, in order.
    * Or name the parts yourself: ``parts=[("绩效指标", [...])]`` with ``points=(10, 90)``; a part
      given as a number is one leaf scored by the assessor (`Manual`).
    * Other points: ``points=(20, 40, 30, 10)``.
    * Another 预算执行率 rule: ``execution=Bands([(90, 10), (80, 8)])`` for "≥ 90% 计满分" forms,
      or a `Deduction`; the proportional `ExecutionRate` by default.

    The parts get the codes B, C, D … in order.

    Args:
        outputs: 产出指标 — e.g. 数量指标, 质量指标, 时效指标, 成本指标 with their 三级 indicators;
            ``None`` when the form has no such part.
        outcomes: 效益指标 — e.g. 经济效益, 社会效益, 生态效益, 可持续影响; ``None`` if absent.
        satisfaction: 满意度指标 — e.g. 服务对象满意度; ``None`` if absent.
        parts: The parts as ``(name, indicators or points)`` pairs, instead of ``outputs``,
            ``outcomes`` and ``satisfaction``.
        name: The framework's name.
        description: Free text (project, year).
        points: The points of 预算执行率 and of each part given, in order; a part's ``None``
            stands for the sum of its indicators' points. ``None``: the MoF form's 10, 50, 30, 10
            when the three standard parts are given; otherwise required.
        execution: The 预算执行率 rule; `ExecutionRate` when ``None``.
        execution_description: The 预算执行率 scoring standard in words (the proportional rule's
            by default).
        maximum: The total the points must add up to (100); ``None`` not to check.
        grades: The grade scheme.
        not_applicable: The not-applicable policy.
        places: Decimal places of the points.

    Returns:
        The framework.

    Raises:
        FrameworkError: A part's indicators do not add up to its points, ``points`` does not fit
            the parts, the parts are given both ways or not at all, or the points do not add up
            to ``maximum``; the message names the argument (``outputs: the points must add up to
            50, …``).

    Examples:
        >>> from perfscore.rules import Forward, Qualitative
        >>> form = mof_project(
        ...     outputs=[Indicator("B1", "培训人次", 50, rule=Forward(500))],
        ...     outcomes=[Indicator("C1", "社会效益", 30, rule=Qualitative())],
        ...     satisfaction=[Indicator("D1", "服务对象满意度", 10, rule=Forward(90))],
        ... )
        >>> [f"{indicator.name} {indicator.points}" for indicator in form.indicators]
        ['预算执行率 10', '产出指标 50', '效益指标 30', '满意度指标 10']

        A "10 + 90" form with no 满意度 part, full 预算执行率 points from 90%:

        >>> form = mof_project(
        ...     outputs=[Indicator("B1", "发放覆盖率", 60, rule=Forward(100))],
        ...     outcomes=[Indicator("C1", "社会效益", 30, rule=Qualitative())],
        ...     points=(10, 60, 30),
        ...     execution=Bands([(90, 10), (80, 8)]),
        ... )
        >>> [f"{indicator.code} {indicator.name} {indicator.points}" for indicator in form.indicators]
        ['A 预算执行率 10', 'B 产出指标 60', 'C 效益指标 30']
    """
    standard = {"outputs": outputs, "outcomes": outcomes, "satisfaction": satisfaction}
    if parts is not None:
        given = [argument for argument, value in standard.items() if value is not None]
        if given:
            raise FrameworkError(
                given[0], "give the parts either as parts or as outputs/outcomes/satisfaction"
            )
        named = _named_parts(parts)
    else:
        named = [
            (label, argument, value)
            for (_, label, _, argument), value in zip(MOF_PROJECT_PARTS[1:], standard.values(), strict=True)
            if value is not None
        ]
        if not named:
            raise FrameworkError(
                "outputs", "give the form's parts: outputs, outcomes, satisfaction (or parts)"
            )
    weights = _project_points(points, len(named), all(value is not None for value in standard.values()))
    codes = [chr(ord("B") + index) for index in range(len(named))]
    label = MOF_PROJECT_PARTS[0][1]
    try:
        first = execution_rate_indicator(
            weights[0], code="A", name=label, rule=execution, description=execution_description
        )
    except PerfscoreError as error:
        raise FrameworkError("points[0]" if error.field == "points" else "execution", error.message) from None
    indicators = [first]
    for index, (code, (part_name, argument, value)) in enumerate(zip(codes, named, strict=True), start=1):
        if parts is None:
            children = _children(value, argument, "a non-empty list of indicators")
            _check_total(children, weights[index], argument)
            total = weights[index]
            if total is None:
                total = _points_sum(children)
            try:
                indicators.append(Indicator(code, part_name, total, children=children))
            except PerfscoreError as error:
                raise FrameworkError(f"points[{index}]", error.message) from None
        else:
            part = _part(code, part_name, value, argument)
            if weights[index] is not None:
                _check_total([part], weights[index], f"points[{index}]")
            indicators.append(part)
    _check_total(indicators, maximum)
    return Framework(
        name, indicators, grades=grades, not_applicable=not_applicable, places=places, description=description
    )


def _named_parts(parts: object) -> list[tuple[str, str, object]]:
    """``parts`` as (name, argument for errors, indicators or points), checked."""
    if isinstance(parts, (str, bytes)) or not isinstance(parts, Sequence) or not parts:
        raise FrameworkError("parts", "must be a non-empty list of (name, indicators or points) pairs")
    named: list[tuple[str, str, object]] = []
    for index, item in enumerate(parts):
        if (
            not isinstance(item, tuple)
            or len(item) != 2
            or not isinstance(item[0], str)
            or not item[0].strip()
        ):
            raise FrameworkError(f"parts[{index}]", "must be a (name, indicators or points) pair")
        named.append((item[0], f"parts[{index}]", item[1]))
    return named


def _project_points(points: object, count: int, standard: bool) -> list[object]:
    """The points of 预算执行率 and of ``count`` parts (``None`` for a part: its indicators' sum)."""
    if points is None:
        if standard:
            return [value for _, _, value, _ in MOF_PROJECT_PARTS]
        if count == 0:  # pragma: no cover - the callers refuse a form without parts
            raise FrameworkError("points", "the form has no parts")
        raise FrameworkError(
            "points",
            f"give the points of 预算执行率 and of each of the {count} parts given "
            "(the MoF form's 10, 50, 30, 10 are for its four parts)",
        )
    if isinstance(points, (str, bytes)) or not isinstance(points, Sequence) or len(points) != count + 1:
        if standard:
            raise FrameworkError("points", "must be the four parts' points (预算执行率, 产出, 效益, 满意度)")
        raise FrameworkError(
            "points",
            f"must be {count + 1} numbers: the points of 预算执行率 and of each of the {count} parts",
        )
    return list(points)
