"""The result of an audit, and the functions that produce it (核对结果).

[`audit_text`][perfscore.audit.report.audit_text] parses a text with
[`parse_report`][perfscore.audit.parser.parse_report], runs every check the parser built, and returns an
[`AuditReport`][perfscore.audit.report.AuditReport]; [`audit_file`][perfscore.audit.report.audit_file] does
the same for a file read with [`read_report`][perfscore.audit.reading.read_report].
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from perfscore.audit.checks import run_checks
from perfscore.audit.findings import Finding, UnplacedText
from perfscore.audit.parser import parse_report
from perfscore.audit.reading import read_report
from perfscore.errors import AuditError

__all__ = ["AuditReport", "audit_file", "audit_text"]


@attrs.frozen
class AuditReport:
    """What an audit of one text found (核对报告).

    Attributes:
        source: The file or name of the text.
        encoding: The encoding the file was read with; ``None`` for a text given as a string.
        findings: The inconsistencies, in the order of the checks.
        unplaced: Figures the parser could not place: reported, not checked.
        missing_sections: Sections the template expects but the text lacks.
        checks_run: How many relations were checked.
        figures_read: How many figures were placed.
    """

    source: str
    encoding: str | None
    findings: tuple[Finding, ...]
    unplaced: tuple[UnplacedText, ...]
    missing_sections: tuple[str, ...]
    checks_run: int
    figures_read: int

    @property
    def consistent(self) -> bool:
        """Whether no check found an inconsistency (unplaced figures and missing sections aside)."""
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "source": self.source,
            "encoding": self.encoding,
            "consistent": self.consistent,
            "checks_run": self.checks_run,
            "figures_read": self.figures_read,
            "findings": [finding.to_dict() for finding in self.findings],
            "unplaced": [note.to_dict() for note in self.unplaced],
            "missing_sections": list(self.missing_sections),
        }


def audit_text(text: str, *, source: str = "<text>", encoding: str | None = None) -> AuditReport:
    """Audit a 部门决算 text for internal consistency (核对文本).

    Args:
        text: The whole text.
        source: A name for the text, shown in the report.
        encoding: The encoding it was read with, if it came from a file.

    Returns:
        The report: findings, unplaced figures, missing sections.

    Raises:
        AuditError: ``text`` is not a string.
    """
    if not isinstance(source, str):
        raise AuditError("source", f"must be a string, got {type(source).__name__}")
    parsed = parse_report(text)
    return AuditReport(
        source=source,
        encoding=encoding,
        findings=run_checks(parsed.checks),
        unplaced=parsed.unplaced,
        missing_sections=parsed.missing_sections,
        checks_run=len(parsed.checks),
        figures_read=len(parsed.figures),
    )


def audit_file(path: str | os.PathLike[str]) -> AuditReport:
    """Audit a 部门决算 text file (UTF-8 or GB18030/GBK, at most 10 MiB).

    Args:
        path: The file.

    Returns:
        The report, with the path as its source.

    Raises:
        AuditError: The file cannot be read or decoded, or is too large; the message names it.
    """
    source = read_report(path)
    return audit_text(source.text, source=source.name, encoding=source.encoding)
