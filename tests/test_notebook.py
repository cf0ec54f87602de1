"""Notebook views: Result.to_frame (pandas), Result._repr_html_, JSON and CSV renderings."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import NOT_APPLICABLE, Framework, Indicator, MissingDependencyError
from perfscore.report import CSV_COLUMNS, FRAME_COLUMNS, render_csv, render_json, to_html
from perfscore.rules import Forward, Manual
from tests.strategies import any_frameworks, indicator_names, with_observations, written_observations

D = Decimal


def tricky_framework() -> Framework:
    return Framework(
        "A&B <部门> 自评",
        (
            Indicator(
                "A",
                "预算<管理> & 执行",
                40,
                children=(
                    Indicator("A1", "x<y", 25, rule=Forward(100)),
                    Indicator("A2", "\"引号\" 'q'", 15, rule=Manual()),
                ),
            ),
            Indicator("B", "产出 & 效益", 60, rule=Manual()),
        ),
        not_applicable="exclude",
    )


def test_frame_has_one_row_per_indicator_with_exact_points():
    pandas = pytest.importorskip("pandas")
    result = tricky_framework().score({"A1": "95", "A2": NOT_APPLICABLE, "B": "54.5"})
    frame = result.to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert list(frame["code"]) == ["A", "A1", "A2", "B"]
    assert list(frame["level"]) == [1, 2, 2, 1]
    assert list(frame["parent"]) == [None, "A", "A", None]
    assert frame.loc[1, "awarded"] == D("23.75")
    assert isinstance(frame.loc[1, "awarded"], Decimal)
    assert frame.loc[2, "awarded"] is None
    assert frame.loc[2, "maximum"] is None
    first_level = frame[frame["level"] == 1]
    assert sum(first_level["awarded"], D(0)) == result.total
    assert frame.loc[0, "explanation"] == result["A"].explanation_zh


@given(with_observations(pst.frameworks(names=indicator_names), pst.observations))
def test_frame_matches_result(case):
    pytest.importorskip("pandas")
    framework, observations = case
    result = framework.score(observations)
    frame = result.to_frame()
    assert list(frame["code"]) == [node.code for node in result.nodes]
    assert list(frame["awarded"]) == [node.awarded for node in result.nodes]
    assert (
        sum((value for value in frame[frame["level"] == 1]["awarded"] if value is not None), D(0))
        == result.total
    )


def test_missing_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    result = tricky_framework().score({"A1": "95", "A2": 10, "B": 50})
    with pytest.raises(MissingDependencyError, match=r"^pandas: .*perfscore\[pandas\]"):
        result.to_frame()


def test_html_escapes_names_and_shows_every_row():
    result = tricky_framework().score({"A1": "95", "A2": NOT_APPLICABLE, "B": "54.5"})
    page = result._repr_html_()
    assert page == to_html(result)
    assert "预算&lt;管理&gt; &amp; 执行" in page
    assert "A&amp;B &lt;部门&gt; 自评" in page
    assert "x&lt;y" in page
    assert "&quot;引号&quot; &#x27;q&#x27;" in page
    assert "<部门>" not in page
    assert "x<y" not in page
    assert page.count("<tr>") == 1 + len(result.nodes) + 1  # header, indicators, total
    assert "不适用" in page
    assert f"<strong>{result.total}</strong>" in page


@given(with_observations(pst.frameworks(names=indicator_names), pst.observations))
def test_html_text_round_trips(case):
    """Every cell's text, unescaped, is the node's text: nothing lost, nothing injected."""
    framework, observations = case
    result = framework.score(observations)
    page = to_html(result)
    cells = [html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", page)]
    names = [re.sub(r"</?strong>", "", cell) for cell in cells[1::7]]
    assert names[: len(result.nodes)] == [node.name for node in result.nodes]
    # Only perfscore's own tags appear: any "<" from a name is escaped.
    tags = set(re.findall(r"</?([a-z]+)", page))
    assert tags <= {"table", "caption", "thead", "tbody", "tr", "th", "td", "strong"}


@given(st.data())
def test_html_and_csv_take_any_names(data):
    """Names with any characters (control characters, line breaks, quotes) stay inside their cell."""
    framework = data.draw(any_frameworks())
    result = framework.score(data.draw(written_observations(framework)))
    page = to_html(result)
    assert page.count("<tr>") == len(result.nodes) + 2
    cells = [html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)]
    assert [re.sub(r"</?strong>", "", cell) for cell in cells[1::7]][: len(result.nodes)] == [
        node.name for node in result.nodes
    ]
    rows = list(csv.reader(io.StringIO(render_csv(result))))
    assert [row[1] for row in rows[1:]] == [node.name for node in result.nodes]


def test_csv_keeps_line_breaks_and_quotes_inside_a_field():
    framework = Framework("f", (Indicator("A", 'a\r\nb\rc\nd,"e"', 1, rule=Manual()),))
    rows = list(csv.reader(io.StringIO(render_csv(framework.score({"A": 1})))))
    assert len(rows) == 2
    assert rows[1][1] == 'a\r\nb\rc\nd,"e"'


def test_json_and_csv():
    result = tricky_framework().score({"A1": "95", "A2": NOT_APPLICABLE, "B": "54.5"})
    data = json.loads(render_json(result))
    assert data == result.to_dict()
    assert "预算<管理>" in render_json(result)  # Chinese kept as is
    rows = list(csv.reader(io.StringIO(render_csv(result))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == ["A", "A1", "A2", "B"]
    a2 = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert a2["awarded"] == ""
    assert a2["value"] == "不适用"
    assert a2["applicable"] == "false"
    assert sum(D(row[5]) for row in rows[1:] if row[2] == "1") == result.total
