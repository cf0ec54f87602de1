"""perfscore.templates and the built-in frameworks (perfscore.frameworks)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import FileFormatError, FrameworkError, Indicator, load_framework
from perfscore.frameworks import available, load_builtin, load_builtin_observations, read_builtin_text
from perfscore.io import framework_to_data, loads_framework
from perfscore.rules import Bands, Deduction, Equal, ExecutionRate, Forward, Manual, Qualitative, Reverse
from perfscore.templates import (
    budget_deviation_indicator,
    department_overall,
    execution_rate_indicator,
    mof_project,
)

D = Decimal
ROOT = Path(__file__).resolve().parent.parent


def example_department_overall():
    """The spec of the built-in ``department-overall`` (example maxima, to be replaced)."""
    return department_overall(
        name="部门整体支出绩效自评（示例）",
        description="Example built with perfscore.templates.department_overall. The maxima are an "
        "EXAMPLE: replace them with the ones your province's form sets.",
        performance=[
            Indicator("A1", "重点工作完成率", 10, rule=Forward(100), unit="%"),
            Indicator("A2", "履职目标实现", 10, rule=Qualitative()),
        ],
        budget=[
            budget_deviation_indicator(5, threshold=10, per_step="0.5"),
            execution_rate_indicator(10),
            Indicator("B3", "在职人员控制率", 5, rule=Deduction(threshold=100, per_step="0.5"), unit="%"),
        ],
        finance=[Indicator("C1", "财务管理制度", 10, rule=Manual())],
        assets=[Indicator("D1", "资产管理规范", 10, rule=Manual())],
        procurement=[Indicator("E1", "政府采购执行", 5, rule=Manual())],
        project_decision=[Indicator("F1.1", "绩效目标合理性", 10, rule=Qualitative())],
        project_execution=[
            Indicator("F2.1", "项目预算执行率", 5, rule=ExecutionRate()),
            Indicator("F2.2", "结转结余率", 5, rule=Reverse(5), unit="%"),
        ],
        project_results=[Indicator("F3.1", "项目目标完成", 15, rule=Forward(100), unit="%")],
    )


def example_mof_project():
    """The spec of the built-in ``mof-project``: one placeholder per 二级指标."""
    return mof_project(
        name="项目支出绩效自评表（财预〔2020〕10号）",
        description="Template built with perfscore.templates.mof_project: replace the placeholder "
        "indicators (their targets and points) with the project's own.",
        outputs=[
            Indicator("B1", "数量指标", 15, children=(Indicator("B1.1", "完成数量", 15, rule=Forward(100)),)),
            Indicator(
                "B2", "质量指标", 15, children=(Indicator("B2.1", "验收合格率", 15, rule=Forward(100)),)
            ),
            Indicator(
                "B3", "时效指标", 10, children=(Indicator("B3.1", "按时完成", 10, rule=Qualitative()),)
            ),
            Indicator("B4", "成本指标", 10, children=(Indicator("B4.1", "成本控制", 10, rule=Reverse(100)),)),
        ],
        outcomes=[
            Indicator(
                "C1", "社会效益指标", 15, children=(Indicator("C1.1", "社会效益", 15, rule=Qualitative()),)
            ),
            Indicator(
                "C2",
                "可持续影响指标",
                15,
                children=(Indicator("C2.1", "可持续影响", 15, rule=Qualitative()),),
            ),
        ],
        satisfaction=[
            Indicator(
                "D1",
                "服务对象满意度指标",
                10,
                children=(Indicator("D1.1", "服务对象满意度", 10, rule=Forward(90)),),
            ),
        ],
    )


def example_seed():
    """The seed's department self-evaluation; maxima ASSUMED (see examples/seed/framework.toml)."""
    return department_overall(
        name="攀枝花市委办公室 2023 部门整体支出绩效自评",
        description="Seed report (2023 部门决算, 附件1). Maxima ASSUMED: 15, 25, 10, 10, 6, 34 "
        "(the report does not print them).",
        performance=15,
        budget=25,
        finance=10,
        assets=10,
        procurement=6,
        projects=34,
    )


BUILTINS = {
    "department-overall": example_department_overall,
    "mof-project": example_mof_project,
    "seed-panzhihua-2023": example_seed,
}


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_builtin_files_are_what_the_builders_give(name):
    assert load_builtin(name) == BUILTINS[name]()


def test_available_lists_frameworks_only():
    assert available() == tuple(sorted(BUILTINS))
    with pytest.raises(FileFormatError, match=r"^name: must be one of"):
        load_builtin("beijing-2030")
    with pytest.raises(FileFormatError, match=r"^name: no built-in observations"):
        load_builtin_observations("mof-project")
    with pytest.raises(FileFormatError, match=r"^name: is not a built-in file"):
        read_builtin_text("../pyproject.toml")


def test_seed_example_files_match_the_package_data():
    # examples/seed/ is what a reader opens; the package ships the same bytes for `perfscore demo`.
    for example, packaged in [("framework.toml", "seed-panzhihua-2023.toml"),
                              ("observations.toml", "seed-panzhihua-2023.observations.toml")]:  # fmt: skip
        assert (ROOT / "examples" / "seed" / example).read_text(encoding="utf-8") == read_builtin_text(
            packaged
        )
    assert load_framework(ROOT / "examples" / "seed" / "framework.toml") == example_seed()


class TestDepartmentOverall:
    def test_seed_first_level_and_project_parts(self):
        framework = example_department_overall()
        assert [(i.code, i.name) for i in framework.indicators] == [
            ("A", "履职效能"),
            ("B", "预算管理"),
            ("C", "财务管理"),
            ("D", "资产管理"),
            ("E", "采购管理"),
            ("F", "项目管理"),
        ]
        assert [(i.code, i.name) for i in framework["F"].children] == [
            ("F1", "项目决策"),
            ("F2", "项目执行"),
            ("F3", "目标实现"),
        ]
        assert framework.maximum == D(100)

    def test_numbers_make_manual_leaves(self):
        framework = example_seed()
        assert all(isinstance(leaf.rule, Manual) for leaf in framework.leaves())
        assert [leaf.points for leaf in framework.leaves()] == [D(15), D(25), D(10), D(10), D(6), D(34)]

    def test_project_management_given_one_way(self):
        parts = {"performance": 20, "budget": 20, "finance": 10, "assets": 10, "procurement": 10}
        with pytest.raises(FrameworkError, match=r"^project_decision: give 项目管理 either"):
            department_overall(**parts, projects=30, project_decision=10)
        with pytest.raises(FrameworkError, match=r"^project_decision: 项目管理 needs"):
            department_overall(**parts)
        with pytest.raises(FrameworkError, match=r"^project_results: 项目管理 needs"):
            department_overall(**parts, project_decision=10, project_execution=10)
        framework = department_overall(**parts, project_decision=10, project_execution=10, project_results=10)
        assert framework["F"].points == D(30)

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"budget": -5}, "budget", "greater than 0"),
            ({"budget": "abc"}, "budget", "not a decimal"),
            ({"budget": []}, "budget", "non-empty list"),
            ({"budget": ["x"]}, "budget[0]", "must be an Indicator"),
            ({"budget": Indicator("B1", "x", 20, rule=Manual())}, "budget", "not one Indicator"),
            ({"budget": 25}, "maximum", "must add up to 100, but 履职效能 20 + 预算管理 25"),
        ],
    )
    def test_errors_name_the_argument(self, change, field, message):
        parts = {
            "performance": 20,
            "budget": 20,
            "finance": 10,
            "assets": 10,
            "procurement": 10,
            "projects": 30,
        }
        with pytest.raises(FrameworkError) as caught:
            department_overall(**{**parts, **change})
        assert caught.value.field == field
        assert message in caught.value.message

    def test_maximum_can_be_other_or_unchecked(self):
        parts = {
            "performance": 20,
            "budget": 20,
            "finance": 10,
            "assets": 10,
            "procurement": 10,
            "projects": 30,
        }
        assert department_overall(**parts, maximum=None).maximum == D(100)
        with pytest.raises(FrameworkError, match="add up to 120"):
            department_overall(**parts, maximum=120)


class TestReadyLeaves:
    def test_budget_deviation_deduction_and_bands(self):
        deduction = budget_deviation_indicator(10, threshold=5, per_step=1, whole_steps=True)
        assert isinstance(deduction.rule, Deduction)
        assert deduction.description == "预算偏离度 ≤ 5% 计满分，每超过 1 个百分点扣 1 分，扣完为止"
        # The seed's 74.25% is far beyond any such threshold: nothing is left.
        assert deduction.rule.score("74.25", deduction.points).points == D(0)
        bands = budget_deviation_indicator(10, bands=[(5, 10), (10, 6)], code="B9")
        assert bands.rule == Bands([(5, 10), (10, 6)], higher_is_better=False)
        assert bands.rule.score("7", bands.points).points == D(6)

    @pytest.mark.parametrize(
        "kwargs",
        [{}, {"threshold": 5}, {"threshold": 5, "per_step": 1, "bands": [(5, 10)]}],
    )
    def test_budget_deviation_needs_one_way(self, kwargs):
        with pytest.raises(FrameworkError, match=r"^B1: "):
            budget_deviation_indicator(10, **kwargs)

    def test_execution_rate_leaf(self):
        leaf = execution_rate_indicator(10)
        assert isinstance(leaf.rule, ExecutionRate)
        assert leaf.rule.score({"executed": "95.12", "budget": "100"}, 10).points == D("9.51")


class TestMofProject:
    def test_parts_and_points(self):
        framework = example_mof_project()
        assert [(i.code, i.name, i.points) for i in framework.indicators] == [
            ("A", "预算执行率", D(10)),
            ("B", "产出指标", D(50)),
            ("C", "效益指标", D(30)),
            ("D", "满意度指标", D(10)),
        ]
        assert isinstance(framework["A"].rule, ExecutionRate)

    def test_parts_must_add_up(self):
        with pytest.raises(FrameworkError, match=r"^outputs: the points must add up to 50, but 数量 40 = 40"):
            mof_project(
                outputs=[Indicator("B1", "数量", 40, rule=Forward(1))],
                outcomes=[Indicator("C1", "效益", 30, rule=Qualitative())],
                satisfaction=[Indicator("D1", "满意度", 10, rule=Forward(90))],
            )
        with pytest.raises(FrameworkError, match=r"^outputs: must be a non-empty list of indicators"):
            mof_project(outputs=[], outcomes=[], satisfaction=[])

    def test_other_weights(self):
        # Sichuan's 部门预算项目支出绩效自评表 (2023): 预算执行情况 10, 绩效指标 90 (产出 60, 效益 30).
        framework = mof_project(
            outputs=[Indicator("B1", "发放覆盖率", 60, rule=Equal(100))],
            outcomes=[Indicator("C1", "足额保障率", 25, rule=Equal(100))],
            satisfaction=[Indicator("D1", "满意度", 5, rule=Forward(90))],
            points=(10, 60, 25, 5),
        )
        assert framework.maximum == D(100)
        with pytest.raises(FrameworkError, match=r"^points: must be the four"):
            mof_project(outputs=[], outcomes=[], satisfaction=[], points=(10, 90))


@given(st.sampled_from(sorted(BUILTINS)))
def test_builtins_survive_a_text_round_trip(name):
    from perfscore.io._toml import dumps  # noqa: PLC0415

    framework = load_builtin(name)
    assert loads_framework(dumps(framework_to_data(framework))) == framework
