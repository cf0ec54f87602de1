"""perfscore.audit on odd input: arbitrary and mangled text, files, encodings, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import AuditError
from perfscore.audit import MAX_FILE_BYTES, audit_file, audit_text, decode_report, parse_report, read_report
from perfscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "examples" / "seed" / "2023_panzhihua_party_office.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")
SEED_LINES = SEED.split("\n")

# Characters the template's sentences are made of, so that generated text gets near the patterns.
TEMPLATE_ALPHABET = (
    "0123456789,.．０９%％万元个人辆分，。；：、（）()“”其中占增加减少增长下降为共计支出合计总计类款项三公"
)


def _audit_or_audit_error(text):
    try:
        report = audit_text(text)
    except AuditError:
        return None
    for note in report.unplaced:
        assert note.line >= 1
    json.dumps(report.to_dict(), ensure_ascii=False)
    return report


@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text):
    _audit_or_audit_error(text)


@given(st.text(alphabet=TEMPLATE_ALPHABET, max_size=300))
def test_template_like_text_never_crashes(text):
    _audit_or_audit_error(text)


@given(
    st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=25),
    st.lists(st.tuples(st.integers(0, 400), st.text(alphabet=TEMPLATE_ALPHABET, max_size=8)), max_size=6),
)
def test_mangled_seed_lines_never_crash(lines, edits):
    text = "\n".join(lines)
    for position, insert in edits:
        cut = position % (len(text) + 1)
        text = text[:cut] + insert + text[cut + len(insert) // 2 :]
    _audit_or_audit_error(text)


@pytest.mark.parametrize(
    "text",
    [
        "收、支总计均为" + "9" * 40 + "万元",  # too large to read
        "本年支出合计1.0000000000000000000000000000001万元，其中：基本支出1万元，占100%；项目支出0万元",
        "一般公共预算财政拨款支出0万元，占本年支出合计的100%。本年支出合计0万元",
        "市委办公室“三公”经费财政拨款支出决算为0万元，较上年增加5万元，增长10%。",
        "预算执行数为1万元，年初预算数为0万元，预算偏离度10%",
        "\n" * 1000,
        "",
    ],
)
def test_edge_texts_are_reported_not_raised(text):
    report = audit_text(text)
    assert report.checks_run >= 0


@pytest.mark.parametrize(("digits", "reason"), [(16, "out of range"), (40, "not in a sentence")])
def test_unreadable_figure_is_reported_as_unplaced(digits, reason):
    report = audit_text("\n收、支总计均为" + "9" * digits + "万元")
    assert [(note.line, note.figures) for note in report.unplaced] == [(2, ("9" * digits + "万元",))]
    assert reason in report.unplaced[0].reason


def test_text_must_be_a_string():
    with pytest.raises(AuditError, match=r"^text: must be text"):
        parse_report(b"bytes")  # type: ignore[arg-type]


# --- files -----------------------------------------------------------------------------------------
def test_utf8_bom_and_gb18030_read_alike(tmp_path):
    plain = audit_file(SEED_PATH)
    for encoding, data in [
        ("utf-8-sig", b"\xef\xbb\xbf" + SEED.encode("utf-8")),
        ("gb18030", SEED.encode("gb18030")),
    ]:
        path = tmp_path / f"seed-{encoding}.txt"
        path.write_bytes(data)
        report = audit_file(path)
        assert report.encoding == encoding
        assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in plain.findings]


def test_gbk_is_read_as_gb18030():
    assert decode_report("部门决算".encode("gbk")).text == "部门决算"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01binary", "NUL bytes"),
        (b"\xff\xff\xff\xfe", "neither UTF-8 nor GB18030"),
        (b"", "is empty: there is no text to audit"),
        (" \r\n\t\u3000\n".encode(), "is empty"),  # whitespace only, 全角空格 too
        ("\ufeff\n".encode(), "is empty"),  # a BOM and a line break
        ("\u3000".encode("gb18030"), "is empty"),
    ],
)
def test_unreadable_or_empty_files_name_the_path(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(AuditError, match=message) as caught:
        read_report(path)
    assert str(caught.value).startswith(str(path))


def test_too_large_file_is_refused(tmp_path):
    path = tmp_path / "large.txt"
    path.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    with pytest.raises(AuditError, match="10 MiB"):
        read_report(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(AuditError, match="cannot be read"):
        read_report(tmp_path / "missing.txt")
    with pytest.raises(AuditError, match="not a regular file"):
        read_report(tmp_path)
    with pytest.raises(AuditError, match=r"^path: "):
        read_report(42)  # type: ignore[arg-type]


# --- the command ---------------------------------------------------------------------------------
def test_cli_audit_seed_exits_1_and_prints_findings(capsys):
    assert main(["audit", str(SEED_PATH)]) == 1
    out = capsys.readouterr().out
    assert "4 findings" in out
    assert "line 233: 社会保障和就业支出849.33万元" in out


def test_cli_audit_json(capsys):
    assert main(["audit", str(SEED_PATH), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["consistent"] is False
    assert {f["kind"] for f in data["findings"]} == {"same_figure", "count"}


def test_cli_audit_consistent_text_exits_0(tmp_path, capsys):
    path = tmp_path / "ok.txt"
    path.write_text(
        "本年支出合计10万元，其中：基本支出6万元，占60%；项目支出4万元，占40%。", encoding="gb18030"
    )
    assert main(["audit", str(path)]) == 0
    assert "0 findings" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["audit", "/no/such/file.txt"], ["audit"], ["audit", "x", "--format", "xml"]]
)
def test_cli_audit_bad_input_exits_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("perfscore: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
