"""Rendering an audit report for a person or a program (输出).

[`render_text`][perfscore.audit.render.render_text] gives a readable listing: one block per finding with every
figure's line and quoted text, then the figures the parser could not place and the sections the text lacks.
[`render_json`][perfscore.audit.render.render_json] gives
[`AuditReport.to_dict`][perfscore.audit.report.AuditReport.to_dict] as JSON (UTF-8, Chinese kept as is).
"""

from __future__ import annotations

import json

from perfscore.audit.report import AuditReport

__all__ = ["render_json", "render_text"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render_text(report: AuditReport) -> str:
    """The report as readable text (文本输出).

    Args:
        report: An audit report.

    Returns:
        Lines of text, without a trailing newline.
    """
    summary = (
        f"{report.source}: {_plural(len(report.findings), 'finding')} "
        f"({report.checks_run} checks of {report.figures_read} figures)"
    )
    lines = [summary]
    for number, finding in enumerate(report.findings, start=1):
        lines.append("")
        lines.append(f"{number}. [{finding.kind.value}] {finding.label}")
        lines.append(f"   stated {finding.stated}, expected {finding.expected}: {finding.message}")
        for figure in finding.figures:
            where = f"line {figure.line}" if figure.line > 0 else "implied"
            lines.append(f"   {where}: {figure.quote}")
    if report.unplaced:
        lines.append("")
        lines.append("Figures not placed in the template (not checked):")
        for note in report.unplaced:
            lines.append(f"   line {note.line}: {'、'.join(note.figures)} — {note.reason}")
    if report.missing_sections:
        lines.append("")
        missing = "、".join(report.missing_sections)
        lines.append(f"Sections the template expects but the text lacks: {missing}")
    return "\n".join(lines)


def render_json(report: AuditReport) -> str:
    """The report as JSON (JSON 输出): `AuditReport.to_dict`, indented, Chinese kept.

    Args:
        report: An audit report.

    Returns:
        A JSON document, without a trailing newline.
    """
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
