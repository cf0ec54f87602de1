"""Audit of published 部门决算 figures for internal consistency (部门决算数据一致性核对).

A 部门决算 disclosure restates its figures many times: items add up to categories and totals,
shares and year-on-year changes are stated beside their amounts, the same figure appears in
several sections. This package checks those relations straight from the text.

* `perfscore.audit.findings` — [`Figure`][perfscore.audit.findings.Figure] (a stated figure with its line and
  quote), [`Finding`][perfscore.audit.findings.Finding] (a broken relation),
  [`UnplacedText`][perfscore.audit.findings.UnplacedText].
* `perfscore.audit.checks` — the generic checks ([`SumCheck`][perfscore.audit.checks.SumCheck],
  [`ShareCheck`][perfscore.audit.checks.ShareCheck], [`ChangeCheck`][perfscore.audit.checks.ChangeCheck],
  [`DeviationCheck`][perfscore.audit.checks.DeviationCheck],
  [`SameFigureCheck`][perfscore.audit.checks.SameFigureCheck],
  [`CountCheck`][perfscore.audit.checks.CountCheck]), each comparing a stated figure at its own precision
  ([`agrees`][perfscore.audit.checks.agrees]).
* `perfscore.audit.parser` — [`parse_report`][perfscore.audit.parser.parse_report], the parser of the national
  部门决算情况说明 template, which builds the checks from the template's relationships.
* `perfscore.audit.reading` — [`read_report`][perfscore.audit.reading.read_report] (UTF-8 or GB18030, at most
  10 MiB).
* `perfscore.audit.report` — [`audit_text`][perfscore.audit.report.audit_text],
  [`audit_file`][perfscore.audit.report.audit_file] and [`AuditReport`][perfscore.audit.report.AuditReport].
* `perfscore.audit.render` — [`render_text`][perfscore.audit.render.render_text],
  [`render_json`][perfscore.audit.render.render_json].
* `perfscore.audit.forms` — checks of a project self-evaluation form (自评表): `check_reasons`
  (偏差原因), `check_stated` (stated vs computed 得分), `check_funds` (the printed 项目资金 block),
  each returning `FormFinding` values.
"""

from __future__ import annotations

from perfscore.audit.checks import (
    ChangeCheck,
    Check,
    CountCheck,
    DeviationCheck,
    SameFigureCheck,
    ShareCheck,
    SumCheck,
    agrees,
    at_precision_of,
    run_checks,
)
from perfscore.audit.findings import Figure, Finding, FindingKind, UnplacedText, places_of
from perfscore.audit.forms import (
    FormFinding,
    FormFindingKind,
    check_form,
    check_funds,
    check_reasons,
    check_stated,
    render_findings,
)
from perfscore.audit.parser import EXPECTED_SECTIONS, ParsedReport, parse_report
from perfscore.audit.reading import MAX_FILE_BYTES, SourceText, decode_report, read_report
from perfscore.audit.render import render_json, render_text
from perfscore.audit.report import AuditReport, audit_file, audit_text

__all__ = [
    "EXPECTED_SECTIONS",
    "MAX_FILE_BYTES",
    "AuditReport",
    "ChangeCheck",
    "Check",
    "CountCheck",
    "DeviationCheck",
    "Figure",
    "Finding",
    "FindingKind",
    "FormFinding",
    "FormFindingKind",
    "ParsedReport",
    "SameFigureCheck",
    "ShareCheck",
    "SourceText",
    "SumCheck",
    "UnplacedText",
    "agrees",
    "at_precision_of",
    "audit_file",
    "audit_text",
    "check_form",
    "check_funds",
    "check_reasons",
    "check_stated",
    "decode_report",
    "parse_report",
    "places_of",
    "read_report",
    "render_findings",
    "render_json",
    "render_text",
    "run_checks",
]
