"""The ``perfscore`` command: score, rate, frameworks, demo, --version, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfscore import __version__
from perfscore.cli import main
from perfscore.frameworks import available
from tests.test_excel import OBSERVATIONS, project_framework

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, *fragments):
    assert code == 2
    assert err.startswith("perfscore: ")
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def test_score_json_matches_the_library(capsys, files):
    code, out, err = run(capsys, "score", *files, "--format", "json")
    assert (code, err) == (0, "")
    expected = project_framework().score(OBSERVATIONS)
    data = json.loads(out)
    assert data["total"] == str(expected.total)
    assert data["grade"] == expected.grade
    assert [node["awarded"] for node in data["indicators"]] == [
        None if node.awarded is None else format(node.awarded, "f") for node in expected.nodes
    ]


def test_score_csv_to_a_file_has_a_bom_for_excel(capsys, files, tmp_path):
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "score", *files, "--format", "csv", "-o", target)
    assert (code, out, err) == (0, "", "")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "code"
    first_level = [D(row[5]) for row in rows[1:] if row[2] == "1"]
    assert sum(first_level) == project_framework().score(OBSERVATIONS).total


def test_score_xlsx_then_score_the_filled_form(capsys, files, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    framework_path, observations_path = files
    form = tmp_path / "自评表.xlsx"
    assert run(capsys, "score", framework_path, observations_path, "--format", "xlsx", "-o", form)[0] == 0
    workbook = openpyxl.load_workbook(form)
    sheet = workbook["自评表"]
    rows = {
        sheet.cell(row=row, column=10).value: row for row in range(1, sheet.max_row + 1)
    }  # 编码 (hidden J)
    sheet.cell(row=rows["B1.1"], column=6).value = 1000  # the unit revises one 实际完成值
    workbook.save(form)
    code, out, err = run(capsys, "score", framework_path, form, "--format", "json")
    assert (code, err) == (0, "")
    revised = project_framework().score({**OBSERVATIONS, "B1.1": 1000})
    assert json.loads(out)["total"] == str(revised.total)


def test_form_writes_the_blank_form_of_a_built_in_framework(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    form = tmp_path / "空白自评表.xlsx"
    code, out, err = run(capsys, "form", "mof-project", "-o", form, "--year", "2024", "--project", "某项目")
    assert (code, err) == (0, "")
    assert "8 indicators" in out
    sheet = openpyxl.load_workbook(form)["自评表"]
    assert (sheet["A1"].value, sheet["A2"].value, sheet["C3"].value) == (
        "项目支出绩效自评表",
        "（2024年度）",
        "某项目",
    )
    # Scoring the form before it is filled in names the first empty cell.
    code, _, err = run(capsys, "score", "mof-project", form)
    assert_one_line_error(code, err, "自评表!F13: B1.1 完成数量: 实际完成值 is empty")
    code, _, err = run(capsys, "form", "mof-project", "-o", tmp_path / "form.txt")
    assert_one_line_error(code, err, "give a FILE.xlsx")
    code, _, err = run(capsys, "form", "no-such-framework", "-o", form)
    assert code == 2


def test_xlsx_needs_an_output_file(capsys, files):
    code, out, err = run(capsys, "score", *files, "--format", "xlsx")
    assert_one_line_error(code, err, "-o FILE.xlsx")
    assert out == ""


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("budget-deviation", "7463.89", "4283.43"), ("预算偏离度", "= 74.25%", "ratio = 0.742503087478959")),
        (("execution-rate", "95.12", "100"), ("预算执行率", "= 95.12%", "ratio = 0.9512")),
        (("change-rate", "7,467.34", "11503.49"), ("增减率", "= -35.09%", "ratio = -0.35086")),
        (("share", "3802.05", "7463.89"), ("占比", "= 50.94%", "ratio = 0.5093")),
        (
            ("carryover-rate", "3.45", "--expenditure", "7463.89"),
            ("结转结余率", "expenditure=7463.89", "= 0.05%"),
        ),
        (
            ("carryover-rate", "10", "--budget", "200"),
            ("结转结余率", "budget=200", "= 5.00%", "ratio = 0.05"),
        ),
        (("staffing-rate", "129", "120"), ("在职人员控制率", "= 107.50%", "ratio = 1.075")),
        (("share", "1", "3", "--places", "4"), ("= 33.3333%",)),
    ],
)
def test_rates_print_the_percentage_and_the_ratio(capsys, argv, expected):
    """Seed figures (攀枝花市委办公室 2023 部门决算): 74.25%, −35.09%, 50.94%, 0.05%."""
    code, out, err = run(capsys, "rate", *argv)
    assert (code, err) == (0, "")
    for fragment in expected:
        assert fragment in out, out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (("rate", "share", "1", "0"), ("total: must be greater than 0",)),
        (("rate", "budget-deviation", "abc", "1"), ("actual: is not a figure",)),
        (("rate", "carryover-rate", "1"), ("--expenditure", "--budget")),
        (("rate", "carryover-rate", "1", "--expenditure", "2", "--budget", "3"), ("exactly one",)),
        (("rate", "share", "1", "3", "--places", "99"), ("places:",)),
        (("rate", "share", "1", "3", "--places", "x"), ("invalid int value",)),
        (("rate", "no-such-rate", "1", "2"), ("invalid choice",)),
        (("rate",), ("KIND",)),
        (("score",), ("required",)),
        (("score", "a.toml", "b.toml", "--format", "pdf"), ("invalid choice",)),
        (("no-such-command",), ("invalid choice",)),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(capsys, argv, fragments):
    code, out, err = run(capsys, *argv)
    assert_one_line_error(code, err, *fragments)
    assert out == ""


def test_bad_files_are_one_line_and_exit_2(capsys, files, tmp_path):
    framework_path, observations_path = files
    missing = tmp_path / "missing.toml"
    assert_one_line_error(
        *run(capsys, "score", missing, observations_path)[::2], "missing.toml", "cannot be read"
    )

    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n", encoding="utf-8")
    assert_one_line_error(*run(capsys, "score", broken, observations_path)[::2], "broken.toml", "TOML")

    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"observations": {"A": 1}}), encoding="utf-8")
    assert_one_line_error(*run(capsys, "score", framework_path, wrong)[::2], "has no observation")

    not_a_workbook = tmp_path / "form.xlsx"
    not_a_workbook.write_text("x", encoding="utf-8")
    assert_one_line_error(*run(capsys, "score", framework_path, not_a_workbook)[::2], "form.xlsx")

    into_nowhere = tmp_path / "no" / "such" / "dir" / "out.json"
    assert_one_line_error(
        *run(capsys, "score", framework_path, observations_path, "--format", "json", "-o", into_nowhere)[::2],
        "out.json",
    )


def test_a_mistyped_built_in_name_lists_the_built_ins(capsys, files, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, observations_path = files
    for command in (("score", "mof-projekt", observations_path), ("form", "mof-projekt", "-o", "f.xlsx")):
        code, _, err = run(capsys, *command)
        assert_one_line_error(code, err, "mof-projekt", "no built-in framework", "mof-project")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_one_line(capsys, files):
    framework_path, observations_path = files
    framework_path.chmod(0)
    try:
        assert_one_line_error(*run(capsys, "score", framework_path, observations_path)[::2], "framework.toml")
    finally:
        framework_path.chmod(0o644)


def test_unwritable_output_is_one_line(capsys, files, tmp_path):
    directory = tmp_path / "a-directory"
    directory.mkdir()
    framework_path, observations_path = files
    assert_one_line_error(
        *run(capsys, "score", framework_path, observations_path, "--format", "json", "-o", directory)[::2],
        "a-directory",
    )


def test_missing_openpyxl_is_one_line_naming_the_extra(capsys, files, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, _, err = run(capsys, "score", *files, "--format", "xlsx", "-o", tmp_path / "x.xlsx")
    assert_one_line_error(code, err, "openpyxl", "pip install 'perfscore[excel]'")


def test_score_table_is_the_default(capsys, files):
    code, out, err = run(capsys, "score", *files)
    assert (code, err) == (0, "")
    result = project_framework().score(OBSERVATIONS)
    assert out.endswith(f"总分 {result.total} / {result.maximum}，等级 {result.grade}\n")
    assert "B1.1 培训人次" in out


def test_frameworks_lists_the_builtins_and_score_takes_their_names(capsys):
    code, out, err = run(capsys, "frameworks")
    assert (code, err) == (0, "")
    for name in available():
        assert name in out
    assert "项目支出绩效自评表" in out
    # The seed's built-in framework, scored from the seed's observations file.
    observations = ROOT / "examples" / "seed" / "observations.toml"
    code, out, err = run(capsys, "score", "seed-panzhihua-2023", observations, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["total"] == "94.70"  # the seed report's 自评总分 94.7 (优)
    code, out, _ = run(capsys, "score", "seed-panzhihua-2023", observations)
    assert "预算偏离度 74.25%" in out  # the observations file's budget figures


def test_demo(capsys):
    code, out, err = run(capsys, "demo")
    assert (code, err) == (0, "")
    assert "74.25%" in out


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"perfscore {__version__}"


def python_m(*argv, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "perfscore", *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        check=False,
    )


def test_python_m_perfscore_rate():
    done = python_m("rate", "budget-deviation", "7463.89", "4283.43")
    assert done.returncode == 0
    assert "74.25%" in done.stdout


def test_python_m_perfscore_errors_have_no_traceback(files, tmp_path):
    for argv in (
        ("rate", "share", "1", "0"),
        ("score", tmp_path / "missing.toml", files[1]),
        ("score", *files, "--format", "xlsx"),
        ("frobnicate",),
    ):
        done = python_m(*argv)
        assert done.returncode == 2, argv
        assert done.stdout == ""
        assert done.stderr.startswith("perfscore: ")
        assert done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr
