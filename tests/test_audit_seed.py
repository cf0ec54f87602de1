"""perfscore.audit on the seed: 攀枝花市委办公室 2023 部门决算.

The seed is examples/seed/2023_panzhihua_party_office.txt.

The expected findings below were listed by reading the text line by line and redoing every sum,
share and change by hand before the parser existed. Relations that hold (and must NOT be reported)
are listed after them, so that a false positive is as visible as a miss.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.audit import AuditReport, FindingKind, audit_text, parse_report

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "examples" / "seed" / "2023_panzhihua_party_office.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")
SEED_LINES = SEED.split("\n")

# (kind, stated, expected, {(line, quoted text) of every figure involved})
EXPECTED_FINDINGS = {
    # 1. Line 132: 市委党史研究室 "国内公务接待支出0.24万元" but, in the same sentence, "共计支出0.28万元".
    #    0.24 is also its 公务接待费 (lines 110, 114, 127), so 0.28 is the odd one out.
    (
        FindingKind.SAME_FIGURE,
        Decimal("0.28"),
        Decimal("0.24"),
        frozenset({(132, "共计支出0.28万元"), (132, "市委党史研究室国内公务接待支出0.24万元")}),
    ),
    # 2. Line 226: "独立核算二级预算单位 3 个，为市委党史研究室、市公务服务中心" — three stated, two named
    #    (line 13 counts 市委办公室（本级） among the three; the appendix leaves it out of the list).
    (
        FindingKind.COUNT,
        Decimal(3),
        Decimal(2),
        frozenset({(226, "独立核算二级预算单位 3 个"), (226, "市委党史研究室、市公务服务中心")}),
    ),
    # 3. 社会保障和就业支出: 849.32 万元 in the 正文 structure (line 48, and its five 项 on lines 72–79
    #    add up to 849.32) but 849.33 in the appendix (line 233). All spending is 一般公共预算
    #    (7,463.89 = 本年支出合计), so the two structures are the same figures.
    (
        FindingKind.SAME_FIGURE,
        Decimal("849.33"),
        Decimal("849.32"),
        frozenset({(233, "社会保障和就业支出849.33万元"), (48, "社会保障和就业支出849.32万元")}),
    ),
    # 4. 住房保障支出: 225.89 on line 48 (and its one 项, line 95) but 225.88 on line 233. The two
    #    appendix slips cancel: its categories still add up to 7,463.89, and both round to the same
    #    shares (11.38%, 3.03%), so only the restatement shows them.
    (
        FindingKind.SAME_FIGURE,
        Decimal("225.88"),
        Decimal("225.89"),
        frozenset({(233, "住房保障支出225.88万元"), (48, "住房保障支出225.89万元")}),
    ),
}

# Relations that hold on the seed and must not be reported (each checked by hand):
# - 收、支总计 7,467.34 vs 本年收入合计 7,463.89: the 3.45 difference is 年初结转和结余, which the text
#   does not state; on the spending side 7,467.34 = 本年支出合计 7,463.89 + 年末结转结余 3.45 (line 234).
# - 结转结余 3.45 "全部为非财政拨款" (line 234) and "无财政拨款结转结余" (line 257) agree.
# - 公务用车 25.27, "减少6.32万元，下降20%": 6.32 / 31.59 = 20.006% → "20" at its 0 places.
# - "三公" shares against 94.23 = 27.85 + 0.24 + 66.14: 26.82, 6.17, 2.74, 0.25, 64.02.
# - Each 类's 项 add up to it (一般公共服务 6,049.03 from nine 项, …), the seven 类 to 7,463.89;
#   人员经费 3,315.98 + 公用经费 486.07 = 基本支出 3,802.05; 基本 + 项目 = 7,463.89.
# - 20 projects = 18 常年 + 2 阶段; 在职 129 = 85 + 28 + 16; vehicles 8 = 2 + 6 = 2 + 4 + 1 + 1, 5 = 1 + 4;
#   income 6,760.06 + 242.56 + 461.27 = 7,463.89; scores 15 + 21.5 + 10 + 9 + 6 + 33.2 = 94.7 (twice);
#   预算偏离度 (7,463.89 − 4,283.43) / 4,283.43 = 74.25%; every stated change and 增减率.
# - "三公" changes per unit: −6.5 = 0 − 6.32 − 0.18; +0.24 = 0 + 0 + 0.24; −37.54 = 0 + 1.3 − 38.84.


def _key(finding):
    return (
        finding.kind,
        finding.stated,
        finding.expected,
        frozenset((figure.line, figure.quote) for figure in finding.figures),
    )


def _seed_report() -> AuditReport:
    return audit_text(SEED, source="seed")


def test_seed_findings_are_exactly_the_real_inconsistencies():
    report = _seed_report()
    assert {_key(finding) for finding in report.findings} == EXPECTED_FINDINGS
    assert len(report.findings) == len(EXPECTED_FINDINGS)


def test_seed_is_checked_broadly():
    report = _seed_report()
    # Every kind of relation the issue names is exercised on the seed.
    kinds = {type(check).__name__ for check in parse_report(SEED).checks}
    assert kinds == {
        "SumCheck",
        "ShareCheck",
        "ChangeCheck",
        "DeviationCheck",
        "SameFigureCheck",
        "CountCheck",
    }
    assert report.checks_run >= 90
    assert report.missing_sections == ()


def test_seed_unplaced_is_only_the_new_assets_figure():
    # Line 244: "2023年全年新增资产共计20,245元" — a figure of the self-evaluation's prose that no
    # template relation uses.
    notes = _seed_report().unplaced
    assert [(note.line, note.figures) for note in notes] == [(244, ("20,245元",))]


def test_seed_findings_name_lines_and_quotes():
    for finding in _seed_report().findings:
        for figure in finding.figures:
            assert figure.quote in SEED_LINES[figure.line - 1]
            assert figure.line in finding.lines
        assert finding.to_dict()["kind"] == finding.kind.value


# --- variants: one figure altered at its last place --------------------------------------------
TOKEN = re.compile(
    r"(?<![0-9.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?=\s{0,2}(?:万元|元|%|个|人次|人|辆|批次|次|分|台))"
)

# Figures that no stated relation pins to the cent, each with the reason. (line, text around it)
FREE = [
    (25, "减少4,036.15万元"),  # change amounts: the previous year is not stated; one cent moves the
    (38, "减少4,023.38万元"),  # implied rate by far less than its stated 0.01%
    (44, "增加3,009.86万元"),
    (150, "减少22.06万元"),
    (150, "支出412.34万元"),  # 机关运行经费: stated once, related only to its own change
    (118, "减少6.32万元"),  # the unit's "三公" change is written "6.5" (1 place): a cent is within it
    (126, "减少0.18万元"),
    (117, "团组0次"),  # counts of trips, people and receptions: nothing to add them to
    (117, "出国（境）0人"),
    (130, "16批次"),
    (130, "105人次"),
    (132, "3批次"),
    (132, "24人次"),
    (134, "249批次"),
    (134, "6,765人次"),
    (153, "总额0万元"),  # 政府采购: stated once
    (159, "车辆0辆"),
    (161, "车辆5辆"),
    (165, "对20个"),  # projects with targets / monitored: not the 项目共计 of line 249 (that one
    (165, "选取16个"),  # excludes 涉密 projects and 人员经费)
    (241, "年初预算数为4,283.43万元"),  # a cent moves 74.25% by 0.0004%
    (244, "20,245元"),
    (251, "713.61万元"),  # project budgets and progress: nothing to add them to
    (253, "19.2万元"),
]
FREE_PATTERNS = [
    re.compile(r"完成预算\d+%"),  # no budget figure is stated beside "完成预算100%"
    re.compile(r"(?:进度为|执行率为)\d+%"),
    re.compile(r"单价\d+万元以上"),  # thresholds of the asset categories, not amounts
    re.compile(r"\d+台"),
]


def _is_free(line_number, start, end):
    line = SEED_LINES[line_number - 1]
    for number, text in FREE:
        at = line.find(text) if number == line_number else -1
        if at >= 0 and at <= start and end <= at + len(text):
            return True
    return any(m.start() <= start and end <= m.end() for p in FREE_PATTERNS for m in p.finditer(line))


CANDIDATES = [
    (number, match.start(), match.end())
    for number, line in enumerate(SEED_LINES, start=1)
    for match in TOKEN.finditer(line)
    if not re.fullmatch(r"\d{4}", match.group()) and not _is_free(number, match.start(), match.end())
]


def _perturb(text: str, step: int) -> str:
    places = len(text.split(".")[1]) if "." in text else 0
    value = Decimal(text.replace(",", "")) + step * Decimal(1).scaleb(-places)
    return f"{value:,.{places}f}" if "," in text else f"{value:.{places}f}"


def _variant(line_number, start, end, step):
    lines = list(SEED_LINES)
    line = lines[line_number - 1]
    old = line[start:end]
    if Decimal(old.replace(",", "")) == 0:
        step = 1  # amounts and counts are not negative
    new = _perturb(old, step)
    lines[line_number - 1] = line[:start] + new + line[end:]
    return "\n".join(lines), old, new


def _assert_found(line_number, start, end, step):
    text, old, new = _variant(line_number, start, end, step)
    seed = {_key(finding): finding for finding in _seed_report().findings}
    findings = {_key(finding): finding for finding in audit_text(text).findings}
    new_ones = [f for k, f in findings.items() if k not in seed]
    quoted = [f for f in new_ones if any(fig.line == line_number and new in fig.quote for fig in f.figures)]
    gone = [
        f
        for k, f in seed.items()
        if k not in findings and any(fig.line == line_number and old in fig.quote for fig in f.figures)
    ]
    assert quoted or gone, f"line {line_number}: {old} → {new} was not found"


def test_there_are_many_candidates():
    # Every figure of the seed but the FREE ones: items, shares, changes, totals, counts, scores.
    assert len(CANDIDATES) > 150


@pytest.mark.parametrize("candidate", CANDIDATES, ids=lambda c: f"L{c[0]}:{c[1]}")
def test_every_pinned_figure_altered_is_found(candidate):
    line_number, start, end = candidate
    _assert_found(line_number, start, end, 1 if (line_number + start) % 2 else -1)


@given(st.sampled_from(CANDIDATES), st.sampled_from([1, -1]))
def test_a_figure_altered_at_its_last_place_is_found(candidate, step):
    _assert_found(*candidate, step)


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        # an item (类/款/项 line)
        ("行政运行（项）：支出决算为2,163.4万元", "行政运行（项）：支出决算为2,163.5万元", FindingKind.SUM),
        # a share
        ("卫生健康支出167.26万元，占2.24%", "卫生健康支出167.26万元，占2.25%", FindingKind.SHARE),
        # a change
        ("下降36.21%", "下降36.12%", FindingKind.CHANGE),
        # a total
        ("本年支出合计7,463.89万元", "本年支出合计7,436.89万元", FindingKind.SUM),
        # a count
        ("共有在职人员129人", "共有在职人员128人", FindingKind.SUM),
        # a deviation
        ("预算偏离度74.25%", "预算偏离度74.52%", FindingKind.DEVIATION),
    ],
)
def test_named_alterations(old, new, kind):
    assert SEED.count(old) == 1
    report = audit_text(SEED.replace(old, new))
    added = {_key(f) for f in report.findings} - EXPECTED_FINDINGS
    assert any(key[0] is kind for key in added)


def test_missing_sections_are_listed():
    without = re.sub(r"(?m)^名词解释$", "", SEED)
    without = re.sub(r"(?m)^\s*八、政府性基金预算支出决算情况说明$", "", without)
    report = audit_text(without)
    assert report.missing_sections == ("政府性基金预算支出决算情况说明", "名词解释")


def test_a_fixed_seed_is_consistent():
    fixed = (
        SEED.replace("社会保障和就业支出849.33", "社会保障和就业支出849.32")
        .replace("住房保障支出225.88", "住房保障支出225.89")
        .replace("独立核算二级预算单位 3 个", "独立核算二级预算单位 2 个")
        .replace("共计支出0.28万元", "共计支出0.24万元")
    )
    report = audit_text(fixed)
    assert report.findings == ()
    assert report.consistent
