"""The radar chart of a result's first-level indicators (一级指标得分雷达图).

Public through [`perfscore.report`][perfscore.report] and
[`perfscore.Result.plot_radar`][perfscore.scoring.Result.plot_radar]. matplotlib is imported lazily (the
``plot`` extra).

Chinese reports show each first-level indicator's score against its maximum on a radar. Since
the maxima differ (履职效能 20, 预算管理 25 …), each axis is the score as a percentage of that
indicator's maximum (得分率): the outer polygon is full marks (100%), the filled one the score,
and every label reads ``name`` and ``awarded/maximum``.

Chinese labels need a font with CJK glyphs. The chart looks for one among the fonts matplotlib
knows ([`CJK_FONTS`][perfscore.report._radar.CJK_FONTS], checking that it really covers every character
drawn); without one it falls back to the indicator codes and English captions — and to the numbers 1, 2, 3…
when the codes themselves cannot be drawn — so that matplotlib never draws a missing glyph.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

from perfscore._optional import require
from perfscore.errors import DomainError
from perfscore.numbers import divide, exact_context
from perfscore.scoring import Result

__all__ = ["CJK_FONTS", "cjk_font", "plot_radar"]

CJK_FONTS: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Sarasa Gothic SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
)
"""Font families tried for Chinese labels, in order."""


@lru_cache(maxsize=64)
def _charmap(path: str) -> frozenset[int]:
    ft2font = require("matplotlib.ft2font", "plot")
    try:
        return frozenset(ft2font.FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def _covers(path: str, texts: tuple[str, ...]) -> bool:
    charmap = _charmap(path)
    return all(ord(char) in charmap for text in texts for char in text if not char.isspace())


def cjk_font(texts: tuple[str, ...] = ("得分率满分",)) -> str | None:
    """The family of an installed font that can draw every character of ``texts``.

    Args:
        texts: The texts to draw.

    Returns:
        A family name from [`CJK_FONTS`][perfscore.report._radar.CJK_FONTS] known to matplotlib, or ``None``
        when none covers the texts.

    Raises:
        MissingDependencyError: matplotlib is not installed (``pip install 'perfscore[plot]'``).
    """
    font_manager = require("matplotlib.font_manager", "plot")
    paths: dict[str, list[str]] = {}
    for entry in font_manager.fontManager.ttflist:
        paths.setdefault(entry.name, []).append(entry.fname)
    for family in CJK_FONTS:
        for path in paths.get(family, ()):
            if _covers(path, texts):
                return family
    return None


def _text(number: Decimal | None) -> str:
    return "—" if number is None else format(number, "f")


def _default_font_path(font_manager: Any) -> str:
    properties = font_manager.FontProperties()
    return str(font_manager.findfont(properties, fallback_to_default=True))


def plot_radar(result: Result, ax: Any = None) -> Any:
    """Draw the first-level indicators' scores against their maxima on a radar chart.

    Args:
        result: The scored result; at least three first-level indicators must be scored
            (indicators dropped as not applicable are left out).
        ax: A polar ``matplotlib`` Axes to draw on; a new figure's when ``None``.

    Returns:
        The Axes.

    Raises:
        MissingDependencyError: matplotlib is not installed (``pip install 'perfscore[plot]'``).
        DomainError: Fewer than three first-level indicators to show, or ``ax`` is not polar.
    """
    font_manager = require("matplotlib.font_manager", "plot")
    top = [node for node in result.nodes if node.level == 1 and node.maximum is not None]
    if len(top) < 3:
        raise DomainError(
            "result", f"a radar chart needs at least 3 scored first-level indicators, got {len(top)}"
        )
    if ax is None:
        pyplot = require("matplotlib.pyplot", "plot")
        figure = pyplot.figure(figsize=(6.4, 6.4))
        ax = figure.add_subplot(projection="polar")
    elif getattr(ax, "name", None) != "polar":
        raise DomainError("ax", "must be a polar Axes (projection='polar')")

    ratios: list[float] = []
    for node in top:
        assert node.maximum is not None
        awarded = node.awarded if node.awarded is not None else Decimal(0)
        # The angle and radius are drawing coordinates; the labels carry the exact figures.
        ratios.append(float(divide(exact_context().multiply(awarded, Decimal(100)), node.maximum)))
    figures = [f"{_text(node.awarded)}/{_text(node.maximum)}" for node in top]
    chinese = (
        *(f"{node.name}\n{shown}" for node, shown in zip(top, figures, strict=True)),
        f"{result.framework_name} 一级指标得分率",
        "满分 full marks",
        "得分 score",
        "0%50%100%",
    )
    family = cjk_font(chinese)
    if family is not None:
        labels = list(chinese[: len(top)])
        title, full, scored = chinese[len(top)], "满分", "得分"
        properties = {"family": [family, "DejaVu Sans"]}
    else:
        default = _default_font_path(font_manager)
        codes = tuple(f"{node.code}\n{shown}" for node, shown in zip(top, figures, strict=True))
        if _covers(default, codes):
            labels = list(codes)
        else:
            labels = [f"{index}\n{shown}" for index, shown in enumerate(figures, start=1)]
        title, full, scored = "score as % of maximum (first-level indicators)", "full marks", "score"
        properties = {}

    count = len(top)
    angles = [2 * math.pi * index / count for index in range(count)]
    ax.set_theta_offset(math.pi / 2)  # the first indicator at the top, the others clockwise
    ax.set_theta_direction(-1)
    closed = [*angles, angles[0]]
    ax.plot(closed, [100.0] * (count + 1), color="0.55", linewidth=1, linestyle="--", label=full)
    ax.plot(closed, [*ratios, ratios[0]], color="tab:red", linewidth=2, label=scored)
    ax.fill(closed, [*ratios, ratios[0]], color="tab:red", alpha=0.25)
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=9, **properties)
    ax.tick_params(axis="x", pad=10)
    ax.set_ylim(0, 105)
    ax.set_yticks([50, 100])
    ax.set_yticklabels(["50%", "100%"], fontsize=8)
    ax.set_title(title, pad=24, **properties)
    ax.legend(loc="upper right", bbox_to_anchor=(1.18, 1.12), prop=properties or None)
    return ax
