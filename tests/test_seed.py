"""The seed, end to end: text → framework → 94.70 优, 预算偏离度 74.25% (examples/, `perfscore demo`)."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from perfscore import load_framework, load_observations, percent
from perfscore.cli import main
from perfscore.report import display_width, render_budget, render_table
from perfscore.templates import department_overall

from .strategies import any_frameworks, with_observations

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed"
# The six self-scores of 附件1 三、部门预算绩效分析 (履职效能 … 项目管理), as printed.
PUBLISHED = {"A": "15", "B": "21.5", "C": "10", "D": "9", "E": "6", "F": "33.2"}


def test_seed_text_is_the_shared_seed_byte_for_byte():
    text = (SEED / "2023_panzhihua_party_office.txt").read_text(encoding="utf-8")
    for figure in ("自评得分15分", "自评得分21.5分", "项目管理得分33.2分", "94.7分", "预算偏离度74.25%"):
        assert figure in text


def test_seed_files_score_94_7_excellent():
    framework = load_framework(SEED / "framework.toml")
    observations = load_observations(SEED / "observations.toml")
    assert {code: str(value) for code, value in observations.items()} == PUBLISHED
    result = framework.score(observations)
    assert result.total == D("94.70")
    assert result.grade == "优"
    assert [node.awarded for node in result] == [D(score).quantize(D("0.01")) for score in PUBLISHED.values()]
    assert observations.budget is not None
    assert percent(observations.budget.deviation()) == D("74.25")


@given(st.data())
def test_total_and_grade_do_not_depend_on_the_assumed_maxima(data):
    # Any maxima at least the published scores and adding up to 100 give the same 94.70 and 优.
    slack = D(100) - sum(D(score) for score in PUBLISHED.values())  # 5.3
    cuts = sorted(data.draw(st.lists(st.decimals(0, slack, places=1), min_size=5, max_size=5)))
    extra = [b - a for a, b in zip([D(0), *cuts], [*cuts, slack], strict=True)]
    maxima = [D(score) + more for score, more in zip(PUBLISHED.values(), extra, strict=True)]
    framework = department_overall(
        performance=maxima[0],
        budget=maxima[1],
        finance=maxima[2],
        assets=maxima[3],
        procurement=maxima[4],
        projects=maxima[5],
    )
    result = framework.score(PUBLISHED)
    assert (result.total, result.grade) == (D("94.70"), "优")


def test_example_script_prints_the_seed_figures():
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    output = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "seed_evaluation.py")],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=ROOT.parent,  # not the repository root: the script must find its files itself
    ).stdout
    assert "总分 94.70 / 100.00，等级 优" in output
    assert "预算偏离度 74.25%" in output
    assert "total 94.70, grade 优" in output


def test_demo_prints_table_total_grade_and_deviation(capsys):
    assert main(["demo"]) == 0
    output = capsys.readouterr().out
    assert "B 预算管理" in output
    assert "总分 94.70 / 100.00，等级 优" in output
    assert "预算偏离度 74.25% = (执行数 7,463.89 − 年初预算数 4,283.43)" in output
    assert "ASSUMED" in output


@given(with_observations(any_frameworks(max_children=3)))
def test_table_columns_line_up_by_display_width(pair):
    framework, observations = pair
    result = framework.score(observations)
    lines = render_table(result).splitlines()
    rows = lines[3:-1]
    assert len(rows) == len(result.nodes)
    # The 说明 column starts at the same display column on every row, whatever the CJK names.
    starts = {display_width(lines[1][: -len("说明")])}
    for row, node in zip(rows, result.nodes, strict=True):
        explanation = " ".join(node.explanation_zh.split())
        assert row.endswith(explanation)
        starts.add(display_width(row[: len(row) - len(explanation)]))
    assert len(starts) == 1


def test_budget_lines_give_both_rates():
    from perfscore.observations import BudgetFigures  # noqa: PLC0415

    text = render_budget(BudgetFigures(executed="95.12", initial="90", adjusted="100", currency="元"))
    assert text.splitlines() == [
        "预算偏离度 5.69% = (执行数 95.12 − 年初预算数 90) ÷ 90（元）",
        "预算执行率 95.12% = 执行数 95.12 ÷ 调整后预算数 100（元）",
    ]
    assert render_budget(BudgetFigures(executed=1)) == ""
