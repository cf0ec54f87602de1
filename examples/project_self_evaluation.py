"""A project self-evaluation with the MoF template (项目支出绩效自评表, 财预〔2020〕10号).

Run: ``python examples/project_self_evaluation.py [FORM.xlsx]``.

A (fictional) county training project: the template fixes the first level — 预算执行率 10, 产出指标
50, 效益指标 30, 满意度指标 10 — and the unit sets its own 二级/三级 indicators under it. The script
scores the unit's values, prints the table, then writes the Excel 自评表 (to FORM.xlsx, or a
temporary file), reads the 实际完成值 column back as a unit would after filling it in, and checks
that the form scores the same.

Output includes ``total 91.27, grade 优`` and ``预算执行率 execution rate: 94.15%``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from perfscore import NOT_APPLICABLE, Indicator, MissingDependencyError, percent
from perfscore.rates import execution_rate
from perfscore.report import load_observations_xlsx, render_table, write_xlsx
from perfscore.rules import Bands, Equal, Forward, Qualitative, Reverse
from perfscore.templates import mof_project

FRAMEWORK = mof_project(
    name="2024 年某县农村实用人才培训项目支出绩效自评表",
    outputs=[
        Indicator(
            "B1",
            "数量指标",
            20,
            children=(
                Indicator("B1.1", "培训人次", 12, rule=Forward(1200), unit="人次"),
                Indicator("B1.2", "培训班期数", 8, rule=Forward(20), unit="期"),
            ),
        ),
        Indicator(
            "B2",
            "质量指标",
            15,
            children=(
                Indicator(
                    "B2.1",
                    "结业考核合格率",
                    15,
                    rule=Bands([(95, 15), (90, 12), (85, 9)]),
                    unit="%",
                    description="≥95% 得 15 分，≥90% 得 12 分，≥85% 得 9 分，其余 0 分",
                ),
            ),
        ),
        Indicator(
            "B3",
            "时效指标",
            5,
            children=(Indicator("B3.1", "按期完成率", 5, rule=Forward(100), unit="%"),),
        ),
        Indicator(
            "B4",
            "成本指标",
            10,
            children=(
                Indicator("B4.1", "人均培训成本", 6, rule=Reverse(850), unit="元"),
                Indicator("B4.2", "场地租赁超支次数", 4, rule=Equal(0), unit="次"),
            ),
        ),
    ],
    outcomes=[
        Indicator(
            "C1",
            "社会效益",
            20,
            children=(
                Indicator("C1.1", "学员就业创业带动", 12, rule=Qualitative()),
                Indicator("C1.2", "新技术推广应用户数", 8, rule=Forward(300), unit="户"),
            ),
        ),
        Indicator(
            "C2",
            "可持续影响",
            10,
            children=(Indicator("C2.1", "培训档案与课程资源共享", 10, rule=Qualitative()),),
        ),
    ],
    satisfaction=[
        Indicator(
            "D1",
            "服务对象满意度",
            10,
            children=(Indicator("D1.1", "参训学员满意度", 10, rule=Forward(90), unit="%"),),
        ),
    ],
)

# The unit's values (实际完成值). Amounts in 万元; the 预算执行率 from 执行数 and 全年预算数.
OBSERVATIONS: dict[str, object] = {
    "A": {"executed": "186.42", "budget": "198.00"},
    "B1.1": 1146,
    "B1.2": 20,
    "B2.1": "93.5",
    "B3.1": 100,
    "B4.1": 902,
    "B4.2": NOT_APPLICABLE,  # no venue was rented this year: 不适用, 成本指标 rescaled
    "C1.1": ("部分达成", "9"),
    "C1.2": 312,
    "C2.1": ("达成", "9"),
    "D1.1": "94.2",
}


def main(argv: list[str]) -> int:
    result = FRAMEWORK.score(OBSERVATIONS)
    print(render_table(result))
    rate = percent(execution_rate("186.42", "198.00"))
    print(f"预算执行率 execution rate: {rate}%")

    try:
        with tempfile.TemporaryDirectory() as folder:
            form = Path(argv[0]) if argv else Path(folder) / "自评表.xlsx"
            write_xlsx(result, FRAMEWORK, form)
            again = FRAMEWORK.score(load_observations_xlsx(form, FRAMEWORK))
            assert again.total == result.total, (again.total, result.total)
            print(f"Excel 自评表 written and read back: total {again.total}")
    except MissingDependencyError as error:  # the excel extra is optional
        print(f"(Excel skipped: {error})")
    print(f"total {result.total}, grade {result.grade}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
