"""Result.plot_radar: first-level scores against their maxima, Chinese labels or a clear fallback."""

from __future__ import annotations

import io
import sys

import pytest

from perfscore import DomainError, Framework, Indicator, MissingDependencyError
from perfscore.report import CJK_FONTS, cjk_font
from perfscore.rules import Manual
from tests.test_excel import OBSERVATIONS, project_framework

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pyplot = pytest.importorskip("matplotlib.pyplot")
font_manager = pytest.importorskip("matplotlib.font_manager")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    pyplot.close("all")


def test_draws_without_missing_glyph_warnings():
    """Whatever fonts the machine has, drawing raises no warning (pytest turns them into errors)."""
    result = project_framework().score(OBSERVATIONS)
    ax = result.plot_radar()
    ax.figure.savefig(io.BytesIO(), format="png")
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert len(labels) == 4
    if cjk_font(tuple(labels)) is None:
        assert [label.split("\n")[0] for label in labels] == ["A", "B", "C", "D"]
    else:
        assert labels[0].startswith("预算执行率")
    assert labels[1].endswith("44.50/50.00")  # 产出指标 awarded/maximum, exact as text


def test_radii_are_percentages_of_each_maximum():
    result = project_framework().score(OBSERVATIONS)
    ax = result.plot_radar()
    full, scored = ax.get_lines()[:2]
    assert list(full.get_ydata()) == [100.0] * 5
    expected = [float(node.awarded / node.maximum * 100) for node in result.nodes if node.level == 1]
    assert list(scored.get_ydata()) == pytest.approx([*expected, expected[0]])


def test_chinese_labels_with_a_cjk_font(monkeypatch):
    """With a CJK font the labels are the names and the font family is set on them."""
    monkeypatch.setattr("perfscore.report._radar.cjk_font", lambda texts: "DejaVu Sans")
    ax = project_framework().score(OBSERVATIONS).plot_radar()
    label = ax.get_xticklabels()[2]
    assert label.get_text() == "效益指标\n25.00/30.00"
    assert label.get_fontfamily()[0] == "DejaVu Sans"
    assert ax.get_title().endswith("一级指标得分率")  # not drawn: DejaVu lacks the glyphs


def test_codes_that_cannot_be_drawn_fall_back_to_numbers(monkeypatch):
    monkeypatch.setattr("perfscore.report._radar.cjk_font", lambda texts: None)
    framework = Framework(
        "f",
        tuple(Indicator(code, code, 10, rule=Manual()) for code in ("甲", "乙", "丙")),
    )
    ax = framework.score({"甲": 5, "乙": 7, "丙": 10}).plot_radar()
    ax.figure.savefig(io.BytesIO(), format="png")
    assert [label.get_text() for label in ax.get_xticklabels()] == [
        "1\n5.00/10.00",
        "2\n7.00/10.00",
        "3\n10.00/10.00",
    ]


def test_font_search_checks_glyph_coverage(monkeypatch):
    """A font that only claims a CJK family name is not used unless it covers the characters."""
    dejavu = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
    impostor = font_manager.FontEntry(fname=dejavu, name=CJK_FONTS[0])
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [impostor])
    assert cjk_font(("预算",)) is None
    assert cjk_font(("ABC",)) == CJK_FONTS[0]


def test_draws_on_a_given_polar_axes_only():
    result = project_framework().score(OBSERVATIONS)
    figure = pyplot.figure()
    polar = figure.add_subplot(1, 2, 1, projection="polar")
    assert result.plot_radar(polar) is polar
    flat = figure.add_subplot(1, 2, 2)
    with pytest.raises(DomainError, match=r"^ax: must be a polar Axes"):
        result.plot_radar(flat)


def test_needs_three_first_level_indicators():
    framework = Framework(
        "f", (Indicator("A", "a", 50, rule=Manual()), Indicator("B", "b", 50, rule=Manual()))
    )
    with pytest.raises(DomainError, match=r"^result: a radar chart needs at least 3"):
        framework.score({"A": 1, "B": 2}).plot_radar()


def test_missing_matplotlib_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.font_manager", None)
    with pytest.raises(MissingDependencyError, match=r"perfscore\[plot\]"):
        project_framework().score(OBSERVATIONS).plot_radar()
