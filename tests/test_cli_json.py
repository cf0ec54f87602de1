"""``--json`` on every command, ``-`` for stdin, and a broken pipe that ends quietly."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfscore import dump_framework
from perfscore.cli import EXIT_BROKEN_PIPE, _json, _parser, _with_json_option
from perfscore.frameworks import available, load_builtin
from perfscore.io import MAX_FILE_BYTES
from tests.test_cli import run
from tests.test_excel import OBSERVATIONS, project_framework

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "examples" / "seed" / "2023_panzhihua_party_office.txt"


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv)
    assert err == ""
    return code, json.loads(out)


def stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# --json


def test_score_json_is_the_json_format(capsys, files):
    code, data = run_json(capsys, "score", *files, "--json")
    assert code == 0
    _, out, _ = run(capsys, "score", *files, "--format", "json")
    assert data == json.loads(out)
    assert data["total"] == str(project_framework().score(OBSERVATIONS).total)


def test_json_may_come_before_the_command(capsys, files):
    assert run_json(capsys, "--json", "score", *files) == run_json(capsys, "score", *files, "--json")


def test_score_json_with_another_format_is_a_usage_error(capsys, files):
    code, data = run_json(capsys, "score", *files, "--json", "--format", "csv")
    assert code == 2
    assert data["error"]["type"] == "UsageError"
    assert "--format csv" in data["error"]["message"]


def test_rate_json(capsys):
    code, data = run_json(capsys, "rate", "budget-deviation", "7,463.89", "4,283.43", "--json")
    assert code == 0
    assert data == {
        "rate": "budget-deviation",
        "name_zh": "预算偏离度",
        "name_en": "budget deviation",
        "arguments": {"actual": "7463.89", "budget": "4283.43"},
        "ratio": "0.74250308747895961881015914815930224142801446504320",
        "percent": "74.25",
        "places": 2,
    }


def test_carryover_rate_json_names_its_denominator(capsys):
    code, data = run_json(
        capsys, "rate", "carryover-rate", "3.45", "--budget", "100", "--json", "--places", "1"
    )
    assert code == 0
    assert data["arguments"] == {"carryover": "3.45", "budget": "100"}
    assert (data["ratio"], data["percent"], data["places"]) == ("0.0345", "3.5", 1)


def test_rate_text_is_unchanged(capsys):
    code, out, _ = run(capsys, "rate", "carryover-rate", "3.45", "--expenditure", "7463.89", "--places", "4")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "结转结余率 (carry-over rate) carryover-rate(3.45, expenditure=7463.89) = 0.0462%"
    )


def test_frameworks_json(capsys):
    code, data = run_json(capsys, "frameworks", "--json")
    assert code == 0
    assert [item["name"] for item in data["frameworks"]] == list(available())
    first = data["frameworks"][0]
    framework = load_builtin(first["name"])
    assert first["title"] == framework.name
    assert Decimal(first["maximum"]) == framework.maximum


def test_demo_json(capsys):
    code, data = run_json(capsys, "demo", "--json")
    assert code == 0
    # The seed report's published figures: 预算偏离度 74.25%, total self-score 94.7.
    assert data["rates"][0]["percent"] == "74.25"
    assert data["budget"]["executed"] == "7463.89"
    assert Decimal(data["result"]["total"]) == Decimal("94.7")


def test_audit_json_keeps_exit_code(capsys):
    code, out, err = run(capsys, "audit", SEED_TEXT, "--json")
    assert err == ""
    assert code in (0, 1)
    data = json.loads(out)
    _, same, _ = run(capsys, "audit", SEED_TEXT, "--format", "json")
    assert data == json.loads(same)
    assert code == (0 if not data["findings"] else 1)


@pytest.mark.parametrize(
    ("argv", "kind", "field"),
    [
        (["rate", "change-rate", "0.24", "0", "--json"], "DenominatorError", "previous"),
        (["score", "missing.toml", "o.toml", "--json"], "FileFormatError", "missing.toml"),
        (["--json", "rate", "nope"], "UsageError", None),
        (["--json"], "UsageError", None),
        (["score", "--json"], "UsageError", None),
    ],
)
def test_an_error_with_json_is_a_json_object_on_stdout(capsys, argv, kind, field):
    code, out, err = run(capsys, *argv)
    assert (code, err) == (2, "")
    data = json.loads(out)
    assert data["exit_code"] == 2
    assert data["error"]["type"] == kind
    assert data["error"]["field"] == field
    assert data["error"]["message"]
    assert "\n" not in data["error"]["text"]


def test_an_error_without_json_is_still_one_line_on_stderr(capsys):
    code, out, err = run(capsys, "rate", "change-rate", "0.24", "0")
    assert (code, out) == (2, "")
    assert err == "perfscore: previous: must be greater than 0, got 0\n"


# --------------------------------------------------------------------------------------------
# stdin


def test_observations_from_stdin(capsys, monkeypatch, files):
    framework, observations = files
    stdin(monkeypatch, observations.read_bytes())
    code, out, _ = run(capsys, "score", framework, "-", "--json")
    assert code == 0
    assert json.loads(out)["total"] == str(project_framework().score(OBSERVATIONS).total)


def test_framework_from_stdin_toml(capsys, monkeypatch, files):
    framework, observations = files
    stdin(monkeypatch, framework.read_bytes())
    code, out, _ = run(capsys, "score", "-", observations)
    assert code == 0
    assert "总分" in out


def test_framework_from_stdin_json(capsys, monkeypatch, tmp_path, files):
    _, observations = files
    dump_framework(project_framework(), tmp_path / "f.json")
    stdin(monkeypatch, (tmp_path / "f.json").read_bytes())
    assert run(capsys, "score", "-", observations)[0] == 0


def test_only_one_file_from_stdin(capsys, monkeypatch):
    stdin(monkeypatch, b"")
    code, _, err = run(capsys, "score", "-", "-")
    assert code == 2
    assert "stdin" in err


def test_bad_stdin_is_named(capsys, monkeypatch, files):
    framework, _ = files
    stdin(monkeypatch, b"observations = [")
    code, _, err = run(capsys, "score", framework, "-")
    assert code == 2
    assert err.startswith("perfscore: <stdin>: is not valid TOML")
    stdin(monkeypatch, b"\xff\xfe")
    code, _, err = run(capsys, "score", framework, "-")
    assert err.startswith("perfscore: <stdin>: is not UTF-8 text")


def test_an_error_inside_stdin_names_the_field(capsys, monkeypatch, files):
    framework, _ = files
    stdin(monkeypatch, b"[observations]\nA = true\n")
    code, _, err = run(capsys, "score", framework, "-")
    assert code == 2
    assert err.startswith("perfscore: observations.A: ")


def test_audit_from_stdin(capsys, monkeypatch):
    stdin(monkeypatch, SEED_TEXT.read_bytes())
    code, out, _ = run(capsys, "audit", "-", "--json")
    _, same, _ = run(capsys, "audit", SEED_TEXT, "--json")
    data, expected = json.loads(out), json.loads(same)
    assert data["source"] == "<stdin>"
    assert {**data, "source": None} == {**expected, "source": None}
    assert code in (0, 1)


def test_audit_of_an_empty_stdin_is_refused(capsys, monkeypatch):
    # An empty pipe (a failed download, a wrong command before it) is not a consistent report.
    for data in (b"", b"\n  \n"):
        stdin(monkeypatch, data)
        code, out, err = run(capsys, "audit", "-")
        assert (code, out) == (2, "")
        assert err == "perfscore: <stdin>: is empty: there is no text to audit\n"


def test_audit_from_stdin_in_gb18030(capsys, monkeypatch):
    stdin(monkeypatch, SEED_TEXT.read_text(encoding="utf-8").encode("gb18030"))
    code, out, _ = run(capsys, "audit", "-", "--json")
    assert json.loads(out)["encoding"] == "gb18030"
    assert code in (0, 1)


def test_stdin_over_the_size_limit_is_refused(capsys, monkeypatch, files):
    framework, _ = files
    stdin(monkeypatch, b"#" * (MAX_FILE_BYTES + 1))
    code, _, err = run(capsys, "score", framework, "-")
    assert code == 2
    assert err.startswith("perfscore: <stdin>: is larger than 10 MiB")


# --------------------------------------------------------------------------------------------
# broken pipe, in a real process


@pytest.mark.parametrize("argv", [["demo"], ["frameworks", "--json"], ["rate", "share", "1", "3"]])
def test_a_broken_pipe_exits_quietly(argv):
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the first write fails with EPIPE
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "perfscore", *argv],
            stdout=writer,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            check=False,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert finished.stderr.decode() == ""
    assert finished.returncode == EXIT_BROKEN_PIPE == 141


def test_every_subcommand_gets_the_option_even_a_new_one():
    parser = _parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    commands.add_parser("brand-new").add_argument("framework")  # as a later branch adds one
    parser = _with_json_option(parser)
    for argv in (
        ["brand-new", "x", "--json"],
        ["--json", "brand-new", "x"],
        ["demo", "--json"],
        ["rate", "share", "1", "2", "--json"],
    ):
        assert _json(parser.parse_args(argv)), argv
    assert not _json(parser.parse_args(["brand-new", "x"]))


FORMS = ROOT / "examples" / "forms"


def test_check_json_and_stdin(capsys, monkeypatch):
    framework = FORMS / "chizhou_2022_commission_framework.toml"
    observations = FORMS / "chizhou_2022_commission.toml"
    code, out, err = run(capsys, "check", framework, observations, "--json")
    assert err == ""
    findings = json.loads(out)
    assert code == (1 if findings else 0)
    _, same, _ = run(capsys, "check", framework, observations, "--format", "json")
    assert findings == json.loads(same)
    stdin(monkeypatch, observations.read_bytes())
    assert run(capsys, "check", framework, "-", "--json")[1] == out


def test_form_json(capsys, tmp_path):
    pytest.importorskip("openpyxl")
    target = tmp_path / "form.xlsx"
    code, data = run_json(capsys, "form", "mof-project", "-o", target, "--json")
    assert code == 0
    assert target.exists()
    assert data == {
        "written": str(target),
        "framework": load_builtin("mof-project").name,
        "indicators": sum(1 for _ in load_builtin("mof-project").leaves()),
    }
