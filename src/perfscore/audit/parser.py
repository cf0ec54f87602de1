"""Parser of the national 部门决算情况说明 template (部门决算文本解析).

[`parse_report`][perfscore.audit.parser.parse_report] reads the text of a 部门决算 disclosure — line by line,
with the sentences the national template uses — and returns every figure it placed (with its line and quoted
text), the checks that the template's relationships imply, the figures it could not place, and the template
sections the text lacks. It never raises on odd text: what it cannot read is reported.

Relationships built into checks (each only when all its figures are stated):

* 收、支总计, 财政拨款收、支总计, 一般公共预算财政拨款支出, "三公" per unit and per item, 机关运行经费:
  the stated 增加/减少 amount and 增长/下降 percentage against the current year.
* 收、支总计 = 本年支出合计 + 年末结转结余; 财政拨款收、支总计 = 一般公共预算 + 政府性基金 + 国有资本经营
  财政拨款支出 when the text says there is no 财政拨款结转结余; 财政拨款预算执行数 = the same sum.
* Every "X N，其中：A n₁，占 p₁%；B n₂，占 p₂% …" (amounts, 个, 人, 辆): parts add up to X when two or
  more are listed; each stated share against X.
* The 类/款/项 lines of each 类 add up to that 类 in the expenditure structure.
* "三公": the per-item shares against the whole; each unit's total = 因公出国（境）费 + 公务用车购置及
  运行维护费 + 公务接待费, and likewise for their changes; 公务用车购置及运行维护费 = 购置 + 运行维护;
  公务接待费 = 国内 + 外事; 国内公务接待支出 = its "共计支出".
* The same figure stated more than once (totals, the 一般公共预算财政拨款支出, each category of the
  expenditure structure when all spending is 一般公共预算, the appendix's 收入总计 and 支出合计, "三公"
  items, the self-evaluation total).
* The self-evaluation: dimension scores add up to the total; 预算偏离度 from 执行数 and 年初预算数;
  projects: 常年 + 阶段 = 共计.
* A count beside a list of names ("单位 3 个，为 A、B") and before a numbered list.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Final

import attrs

from perfscore.audit import _patterns as pat
from perfscore.audit.checks import (
    ChangeCheck,
    Check,
    CountCheck,
    DeviationCheck,
    SameFigureCheck,
    ShareCheck,
    SumCheck,
    agrees,
)
from perfscore.audit.findings import Figure, UnplacedText, places_of
from perfscore.errors import AuditError, InvalidNumberError
from perfscore.numbers import parse_amount

__all__ = ["EXPECTED_SECTIONS", "MAX_FIGURE", "MAX_FIGURE_PLACES", "ParsedReport", "parse_report"]

EXPECTED_SECTIONS: Final[tuple[str, ...]] = (
    "部门职责",
    "机构设置",
    "收入支出决算总体情况说明",
    "收入决算情况说明",
    "支出决算情况说明",
    "财政拨款收入支出决算总体情况说明",
    "一般公共预算财政拨款支出决算情况说明",
    "一般公共预算财政拨款基本支出决算情况说明",
    "财政拨款三公经费支出决算情况说明",
    "政府性基金预算支出决算情况说明",
    "国有资本经营预算支出决算情况说明",
    "其他重要事项的情况说明",
    "名词解释",
)
"""The sections of the national template's 第一部分 and 第二部分, in order. A text that lacks one
has it listed in `ParsedReport.missing_sections`.
"""
MAX_FIGURE: Final = Decimal(10) ** 15
"""A figure at or above this magnitude is not read (no department states ``10**15`` 万元)."""
MAX_FIGURE_PLACES: Final = 6
"""A figure with more decimal places than this is not read."""

_DELIMITERS = "，。；：:,;、"
_DIGIT = re.compile(r"[0-9０-９]")
_CLAUSE_MARKS = "，。；：:,;"
_UNIT_AFTER = re.compile(r"\s{0,2}(?:万元|亿元|千元|元|[%％]|个|人次|人|辆|批次|次|分|台)")
_LEADING_DATE = re.compile(
    r"^.{0,20}?[0-9０-９]{4}\s{0,2}年(?:度|末|底)?(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日)?"
)
_LEADING_NUMBER = re.compile(r"^\s{0,4}[0-9０-９]{1,3}[.．、]\s{0,2}")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
_FUNDS = ("一般公共预算财政拨款支出", "政府性基金预算财政拨款支出", "国有资本经营预算财政拨款支出")
_FUNDS_SUM = "一般公共预算 + 政府性基金 + 国有资本经营财政拨款支出"
_NOT_CATEGORIES = frozenset({"基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"})

#: "三公" items: the words of the text → a short key → the name shown.
_SANGONG_ITEMS: Final[dict[str, str]] = {
    "出国": "因公出国（境）费",
    "用车": "公务用车购置及运行维护费",
    "接待": "公务接待费",
    "购置": "公务用车购置费",
    "运行": "公务用车运行维护费",
    "国内": "国内公务接待支出",
    "外事": "外事接待支出",
}


def _sangong_key(words: str) -> str:
    if words.startswith("因公出国"):
        return "出国"
    if words.startswith("公务用车购置及"):
        return "用车"
    if words.startswith("公务用车购置"):
        return "购置"
    if words.startswith("公务用车运行"):
        return "运行"
    if words.startswith("国内"):
        return "国内"
    if words.startswith("外事"):
        return "外事"
    return "接待"


@attrs.frozen
class ParsedReport:
    """What [`parse_report`][perfscore.audit.parser.parse_report] read from a text.

    Attributes:
        figures: Every figure placed, in the order read.
        checks: The checks the template's relationships imply for these figures.
        unplaced: Figures the parser found but could not place (or could not read), by line.
        missing_sections: Sections of [`EXPECTED_SECTIONS`][perfscore.audit.parser.EXPECTED_SECTIONS] that the
            text lacks.
    """

    figures: tuple[Figure, ...]
    checks: tuple[Check, ...]
    unplaced: tuple[UnplacedText, ...]
    missing_sections: tuple[str, ...]


@attrs.frozen
class _Breakdown:
    label: str
    head: Figure
    unit: str
    line: int
    items: tuple[tuple[str, Figure, Figure | None], ...]

    @property
    def is_structure(self) -> bool:
        # A 功能分类 structure: categories named "…支出" that are not the 基本/项目 split.
        names = [name for name, _, _ in self.items]
        return bool(names) and all(n.endswith("支出") and n not in _NOT_CATEGORIES for n in names)


def _clause_before(
    line: str, end: int, *, start: int = 0, marks: str = _CLAUSE_MARKS, limit: int = 60
) -> str:
    """The text before ``end`` back to the nearest mark (or ``start``, at most ``limit`` chars)."""
    begin = max(start, end - limit)
    cut = max(line.rfind(mark, begin, end) for mark in marks)
    return line[max(begin, cut + 1) : end]


def _name_before(line: str, end: int, start: int) -> str:
    """A listed name before a figure: the clause, without digits (they belong to the figure before)."""
    text = _clause_before(line, end, start=start, marks=_DELIMITERS)
    return re.split(r"[0-9０-９]", text)[-1].strip()


def _category(name: str) -> str:
    return re.sub(r"\s", "", name).removesuffix("支出")


def _clean_label(text: str) -> str:
    label = re.sub(r"\s", "", text)
    label = _LEADING_NUMBER.sub("", label)
    if (close := label.find("）")) >= 0 and "（" not in label[:close]:
        label = label[close + 1 :]
    label = _LEADING_DATE.sub("", label).lstrip("，,")
    return label.replace("共有", "").translate(_QUOTES)


def _units(text: str) -> list[str]:
    names = _LEADING_NUMBER.sub("", text.strip())
    names = _LEADING_DATE.sub("", names).strip("，, ")
    return [name.strip() for name in names.split("、") if name.strip()]


def _common_suffix(first: str, second: str) -> int:
    size = 0
    while size < min(len(first), len(second)) and first[-1 - size] == second[-1 - size]:
        size += 1
    return size


class _Reader:
    """One pass over one text; collects figures, checks and what it could not place."""

    def __init__(self, text: str) -> None:
        self.lines = re.split(r"\r\n|\r|\n", text)
        self.numbered = [index for index, line in enumerate(self.lines) if _DIGIT.search(line)]
        self.placed: dict[int, list[tuple[int, int]]] = defaultdict(list)
        self.unreadable: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.cache: dict[tuple[int, int], Figure] = {}
        self.checks: list[Check] = []
        self.statements: dict[str, list[Figure]] = defaultdict(list)
        self.appendix = len(self.lines)
        self.breakdowns: list[_Breakdown] = []
        self.counts: list[tuple[int, str, Figure]] = []

    # --- reading figures ---------------------------------------------------------------------------
    def quote(self, index: int, start: int, end: int) -> str:
        line = self.lines[index]
        left = max(line.rfind(mark, max(0, start - 40), start) for mark in _DELIMITERS) + 1
        left = max(left, start - 40)
        unit = _UNIT_AFTER.match(line, end)
        right = unit.end() if unit else end
        return line[left:right].strip()

    def figure(
        self, index: int, match: re.Match[str], group: str, label: str, *, negative: bool = False
    ) -> Figure | None:
        start, end = match.span(group)
        if start < 0:
            return None
        self.placed[index].append((start, end))
        cached = self.cache.get((index, start))
        if cached is not None:
            return cached
        raw = match.group(group)
        unit = _UNIT_AFTER.match(self.lines[index], end)
        written = self.lines[index][start : unit.end() if unit else end].strip()
        try:
            value = parse_amount(raw, field=label)
        except InvalidNumberError as error:
            self.unreadable[index].append((written, f"cannot be read: {error.message}"))
            return None
        if abs(value) >= MAX_FIGURE or places_of(value) > MAX_FIGURE_PLACES:
            self.unreadable[index].append(
                (written, f"out of range for an audit (below 10**15, at most {MAX_FIGURE_PLACES} places)")
            )
            return None
        if negative:
            value = value.copy_negate()
        figure = Figure(label=label, value=value, line=index + 1, quote=self.quote(index, start, end))
        self.cache[(index, start)] = figure
        return figure

    def consume(self, index: int, match: re.Match[str], *groups: str, label: str = "") -> None:
        for group in groups:
            self.figure(index, match, group, f"{label} {group}".strip())

    def change(
        self, index: int, match: re.Match[str] | None, label: str
    ) -> tuple[Figure | None, Figure | None, bool]:
        """The amount and rate of a change phrase, and whether it says 持平 (no change)."""
        if match is None:
            return None, None, False
        if match["flat"]:
            zero = Figure(
                label=f"{label} 增减额", value=Decimal("0.00"), line=index + 1, quote=match.group(0)
            )
            return zero, None, True
        amount = self.figure(index, match, "amt", f"{label} 增减额", negative=match["aw"] == "减少")
        rate = None
        if match["rate"] is not None:
            rate = self.figure(index, match, "rate", f"{label} 增减率", negative=match["rw"] == "下降")
        return amount, rate, False

    def each(self, pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
        # Every pattern passed here needs a digit: lines without one are skipped.
        return [(index, match) for index in self.numbered for match in pattern.finditer(self.lines[index])]

    def state(self, key: str, figure: Figure | None) -> None:
        if figure is not None and all(figure is not known for known in self.statements[key]):
            self.statements[key].append(figure)

    def first(self, key: str) -> Figure | None:
        known = self.statements.get(key)
        return known[0] if known else None

    # --- the template --------------------------------------------------------------------------------
    def parse(self) -> ParsedReport:
        for index, line in enumerate(self.lines):
            if pat.APPENDIX.fullmatch(line.strip()):
                self.appendix = index
                break
        self.totals()
        self.general_budget()
        self.items_and_breakdowns()
        self.sangong()
        self.running_costs()
        self.performance()
        self.lists()
        self.unchecked()
        self.cross_checks()
        figures = sorted(self.cache.values(), key=lambda figure: figure.line)
        return ParsedReport(
            figures=tuple(figures),
            checks=tuple(self.checks),
            unplaced=self.unplaced(),
            missing_sections=self.missing_sections(),
        )

    def totals(self) -> None:
        for index, match in self.each(pat.TOTAL):
            key = "财政拨款收、支总计" if match["fin"] else "收、支总计"
            self.state(key, self.figure(index, match, "cur", key))
        for index, match in self.each(pat.TOTAL_CHANGE):
            key = "财政拨款收、支总计" if match["fin"] else "收、支总计"
            amount = self.figure(index, match, "amt", f"{key} 增减额", negative=match["aw"] == "减少")
            rate = self.figure(index, match, "rate", f"{key} 增减率", negative=match["rw"] == "下降")
            current = self.first(key)
            if current is not None:
                self.checks.append(ChangeCheck(f"{key} 增减", current, amount=amount, rate=rate))
        for pattern, key in (
            (pat.INCOME, "本年收入合计"),
            (pat.EXPENDITURE, "本年支出合计"),
            (pat.YEAR_END_CARRYOVER, "年末结转结余"),
            (pat.GOV_FUND, "政府性基金预算财政拨款支出"),
            (pat.STATE_CAPITAL, "国有资本经营预算财政拨款支出"),
        ):
            for index, match in self.each(pattern):
                self.state(key, self.figure(index, match, "cur", key))

    def general_budget(self) -> None:
        key = "一般公共预算财政拨款支出"
        by_line: dict[int, Figure] = {}
        for pattern in (pat.GPB, pat.GPB_FINAL):
            for index, match in self.each(pattern):
                figure = self.figure(index, match, "cur", key)
                self.state(key, figure)
                if figure is not None:
                    by_line.setdefault(index, figure)
        for index, match in self.each(pat.GPB_SHARE):
            stated = self.figure(index, match, "share", f"{key} 占本年支出合计")
            part, whole = by_line.get(index), self.first("本年支出合计")
            if stated is not None and part is not None and whole is not None:
                self.checks.append(ShareCheck(f"{key} 占本年支出合计", part, (whole,), stated))
        for index, match in self.each(pat.GPB_CHANGE):
            amount = self.figure(index, match, "amt", f"{key} 增减额", negative=match["aw"] == "减少")
            rate = self.figure(index, match, "rate", f"{key} 增减率", negative=match["rw"] == "下降")
            current = by_line.get(index) or self.first(key)
            if current is not None:
                self.checks.append(ChangeCheck(f"{key} 增减", current, amount=amount, rate=rate))

    def items_and_breakdowns(self) -> None:
        for index, line in enumerate(self.lines):
            heads = list(pat.BREAKDOWN_HEAD.finditer(line))
            for number, head in enumerate(heads):
                stop = heads[number + 1].start() if number + 1 < len(heads) else len(line)
                period = line.find("。", head.end(), stop)
                self.breakdown(index, head, period if period >= 0 else stop)
        groups: dict[str, list[Figure]] = defaultdict(list)
        names: dict[str, str] = {}
        for index, match in self.each(pat.ITEM):
            lei = re.sub(r"\s", "", match["lei"])
            label = f"{lei}（类）{match['kuan']}（款）{match['xiang']}（项）"
            figure = self.figure(index, match, "amt", label)
            if figure is not None:
                groups[_category(lei)].append(figure)
                names[_category(lei)] = lei
        structures = [b for b in self.breakdowns if b.is_structure]
        main = next((b for b in structures if b.label.endswith("一般公共预算财政拨款支出")), None)
        if main is None and structures:
            main = structures[0]
        if main is None:
            total = self.first("一般公共预算财政拨款支出")
            every = tuple(figure for group in groups.values() for figure in group)
            if total is not None and every:
                self.checks.append(SumCheck("一般公共预算财政拨款支出 = Σ 类/款/项", every, total))
            return
        categories = {_category(name): figure for name, figure, _ in main.items}
        for category, members in groups.items():
            if category in categories:
                self.checks.append(
                    SumCheck(f"{names[category]}（类）= Σ 款/项", tuple(members), categories[category])
                )

    def breakdown(self, index: int, head: re.Match[str], stop: int) -> None:
        unit = head["unit"]
        label = _clean_label(re.sub(r"(?:为|是)?\s*$", "", _clause_before(self.lines[index], head.start())))
        if not label:
            return
        total = self.figure(index, head, "total", label)
        if total is None:
            return
        items: list[tuple[str, Figure, Figure | None]] = []
        line = self.lines[index]
        matches = [
            m
            for m in pat.BREAKDOWN_ITEM.finditer(line, head.end(), stop)
            if m["unit"] == unit and _name_before(line, m.start(), head.end())
        ]
        if not matches and not line[head.end() : stop].strip():
            # "其中：" closes the line: the parts open the lines that follow (人员经费…, 公用经费…).
            for following in range(index + 1, min(index + 21, len(self.lines))):
                text = self.lines[following]
                if not text.strip():
                    continue
                match = pat.BREAKDOWN_ITEM.search(text)
                if (
                    match is None
                    or match["unit"] != unit
                    or _clause_before(text, match.start(), marks=_DELIMITERS) != text[: match.start()]
                    or not _name_before(text, match.start(), 0)
                ):
                    break
                item = self.item(following, match, label)
                if item is not None:
                    items.append(item)
        for match in matches:
            item = self.item(index, match, label)
            if item is not None:
                items.append(item)
        if unit == "个":
            self.counts.append((index, label, total))
        breakdown = _Breakdown(label=label, head=total, unit=unit, line=index + 1, items=tuple(items))
        self.breakdowns.append(breakdown)
        if len(items) >= 2:
            self.checks.append(SumCheck(f"{label} = Σ 其中", tuple(f for _, f, _ in items), total))
        for name, figure, stated in items:
            if stated is not None:
                self.checks.append(ShareCheck(f"{name} 占{label}", figure, (total,), stated))

    def item(self, index: int, match: re.Match[str], head: str) -> tuple[str, Figure, Figure | None] | None:
        line = self.lines[index]
        name = _clean_label(_name_before(line, match.start(), 0))
        figure = self.figure(index, match, "value", name)
        if figure is None:
            return None
        share = self.figure(index, match, "share", f"{name} 占{head}") if match["share"] else None
        return name, figure, share

    def sangong(self) -> None:
        totals: dict[str, Figure] = {}
        total_changes: dict[str, Figure] = {}
        for index, line in enumerate(self.lines):
            matches = list(pat.SANGONG_TOTAL.finditer(line))
            for number, match in enumerate(matches):
                unit = "、".join(_units(_clause_before(line, match.start(), marks=_CLAUSE_MARKS)))
                label = f"{unit}“三公”经费"
                current = self.figure(index, match, "cur", label)
                stop = matches[number + 1].start() if number + 1 < len(matches) else len(line)
                amount, rate, _ = self.change(index, pat.CHANGE_AFTER.search(line, match.end(), stop), label)
                if current is None:
                    continue
                totals.setdefault(unit, current)
                if amount is not None:
                    total_changes.setdefault(unit, amount)
                if amount is not None or rate is not None:
                    self.checks.append(ChangeCheck(f"{label} 增减", current, amount=amount, rate=rate))
        parts: dict[tuple[str, str], list[Figure]] = defaultdict(list)
        changes: dict[tuple[str, str], Figure] = {}
        listed: list[tuple[list[str], str, Figure, Figure]] = []
        domestic: list[tuple[int, int, str, Figure]] = []
        for index, line in enumerate(self.lines):
            matches = list(pat.SANGONG_PART.finditer(line))
            for number, match in enumerate(matches):
                units = _units(_clause_before(line, match.start(), marks=_CLAUSE_MARKS, limit=80)) or [""]
                key = _sangong_key(match["comp"])
                label = f"{'、'.join(units)}{_SANGONG_ITEMS[key]}"
                amount = self.figure(index, match, "amt", label)
                stop = matches[number + 1].start() if number + 1 < len(matches) else len(line)
                change, rate, _ = self.change(index, pat.CHANGE_AFTER.search(line, match.end(), stop), label)
                share = None
                if match["share"]:
                    share = self.figure(index, match, "share", f"{label} 占“三公”经费")
                if amount is None:
                    continue
                if share is not None:
                    listed.append((units, key, amount, share))
                if key == "国内":
                    domestic.append((index, match.start(), units[0], amount))
                if change is not None or rate is not None:
                    self.checks.append(ChangeCheck(f"{label} 增减", amount, amount=change, rate=rate))
                for unit in units:
                    parts[(unit, key)].append(amount)
                    if change is not None:
                        changes.setdefault((unit, key), change)
        self.sangong_checks(totals, total_changes, parts, changes, listed)
        for index, match in self.each(pat.DOMESTIC_RECEPTION):
            self.consume(index, match, "batches", "people", label="国内公务接待")
            before = [d for d in domestic if d[0] == index and d[1] < match.start()]
            spent = self.figure(index, match, "amt", "国内公务接待 共计支出")
            if before and spent is not None:
                _, _, unit, stated = before[-1]
                self.checks.append(SameFigureCheck(f"{unit}国内公务接待支出 = 共计支出", stated, spent))
        for index, match in self.each(pat.DELEGATIONS):
            self.consume(index, match, "groups", "people", label="因公出国（境）")

    def sangong_checks(
        self,
        totals: dict[str, Figure],
        total_changes: dict[str, Figure],
        parts: dict[tuple[str, str], list[Figure]],
        changes: dict[tuple[str, str], Figure],
        listed: list[tuple[list[str], str, Figure, Figure]],
    ) -> None:
        compared: set[tuple[int, int]] = set()
        for (unit, key), stated in parts.items():
            for other in stated[1:]:
                if (id(stated[0]), id(other)) not in compared:
                    compared.add((id(stated[0]), id(other)))
                    self.checks.append(SameFigureCheck(f"{unit}{_SANGONG_ITEMS[key]}", stated[0], other))
        if listed:
            listed_units = {unit for units, _, _, _ in listed for unit in units}
            whole: tuple[Figure, ...]
            if totals and listed_units <= totals.keys():
                whole = tuple(totals.values())
            else:
                whole = tuple(amount for units, _, amount, _ in listed for _ in units)
            for units, key, amount, share in listed:
                label = f"{'、'.join(units)}{_SANGONG_ITEMS[key]} 占“三公”经费"
                self.checks.append(ShareCheck(label, amount, whole, share))
        for unit, total in totals.items():
            items = [parts.get((unit, key)) for key in ("出国", "用车", "接待")]
            if all(items):
                self.checks.append(
                    SumCheck(
                        f"{unit}“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
                        tuple(found[0] for found in items if found),
                        total,
                    )
                )
            moves = [changes.get((unit, key)) for key in ("出国", "用车", "接待")]
            if unit in total_changes and all(move is not None for move in moves):
                self.checks.append(
                    SumCheck(
                        f"{unit}“三公”经费增减额 = Σ 各项增减额",
                        tuple(move for move in moves if move is not None),
                        total_changes[unit],
                    )
                )
        named = {unit for unit, _ in parts}
        for unit in sorted(named):
            for whole_key, part_keys in (("用车", ("购置", "运行")), ("接待", ("国内", "外事"))):
                found = [parts.get((unit, key)) for key in (whole_key, *part_keys)]
                if all(found):
                    first, *rest = (figures[0] for figures in found if figures)
                    self.checks.append(
                        SumCheck(
                            f"{unit}{_SANGONG_ITEMS[whole_key]} = "
                            + " + ".join(_SANGONG_ITEMS[key] for key in part_keys),
                            tuple(rest),
                            first,
                        )
                    )

    def running_costs(self) -> None:
        for index, line in enumerate(self.lines):
            matches = list(pat.RUNNING_COSTS.finditer(line))
            for number, match in enumerate(matches):
                label = "机关运行经费"
                current = self.figure(index, match, "cur", label)
                stop = matches[number + 1].start() if number + 1 < len(matches) else len(line)
                amount, rate, _ = self.change(index, pat.CHANGE_AFTER.search(line, match.end(), stop), label)
                if current is not None and (amount is not None or rate is not None):
                    self.checks.append(ChangeCheck(f"{label} 增减", current, amount=amount, rate=rate))

    def performance(self) -> None:
        for index, match in self.each(pat.TOTAL_SCORE):
            self.state("自评总分", self.figure(index, match, "score", "绩效自评总分"))
        dimensions = [
            figure
            for index, match in self.each(pat.DIMENSION_SCORE)
            if (figure := self.figure(index, match, "score", f"{match['dim']} 得分")) is not None
        ]
        total = self.first("自评总分")
        if len(dimensions) >= 2 and total is not None:
            self.checks.append(SumCheck("绩效自评总分 = Σ 各维度得分", tuple(dimensions), total))
        for pattern, key in (
            (pat.EXECUTED, "财政拨款预算执行数"),
            (pat.INITIAL_BUDGET, "年初预算数"),
        ):
            for index, match in self.each(pattern):
                self.state(key, self.figure(index, match, "cur", key))
        for index, match in self.each(pat.DEVIATION):
            stated = self.figure(index, match, "rate", "预算偏离度", negative=bool(match["sign"]))
            self.state("预算偏离度", stated)
        actual, budget, deviation = (
            self.first(key) for key in ("财政拨款预算执行数", "年初预算数", "预算偏离度")
        )
        if actual is not None and budget is not None and deviation is not None:
            self.checks.append(DeviationCheck("预算偏离度", actual, budget, deviation))
        for pattern, key in (
            (pat.PROJECTS, "项目共计"),
            (pat.RECURRENT_PROJECTS, "常年项目"),
            (pat.ONE_OFF_PROJECTS, "阶段（一次性）项目"),
        ):
            for index, match in self.each(pattern):
                self.state(key, self.figure(index, match, "count", key))
        projects = [self.first(key) for key in ("项目共计", "常年项目", "阶段（一次性）项目")]
        total, recurrent, one_off = projects
        if total is not None and recurrent is not None and one_off is not None:
            label = "项目共计 = 常年项目 + 阶段（一次性）项目"
            self.checks.append(SumCheck(label, (recurrent, one_off), total))

    def lists(self) -> None:
        for index, match in self.each(pat.COUNT_LIST):
            label = _clean_label(_clause_before(self.lines[index], match.start()))
            if not label:
                continue
            count = self.figure(index, match, "count", label)
            names = tuple(name.strip() for name in re.split(r"[、，,]", match["names"]) if name.strip())
            if count is None or not names or names[-1].endswith("等"):
                continue
            self.counts.append((index, label, count))
            listing = Figure(
                label=f"{label} 列举", value=len(names), line=index + 1, quote=match["names"].strip()[:120]
            )
            self.checks.append(CountCheck(label, count, listing, names))
        for index, line in enumerate(self.lines):
            intro = pat.LIST_INTRO.search(line)
            if intro is None:
                continue
            names_found: list[str] = []
            last = index
            for following in range(index + 1, min(index + 201, len(self.lines))):
                text = self.lines[following]
                if not text.strip():
                    continue
                entry = pat.LIST_ENTRY.match(text)
                if entry is None:
                    break
                names_found.append(entry["name"].strip())
                last = following
            label = _clean_label(_clause_before(line, intro.start()))
            candidates = [
                (_common_suffix(label, known), number, known, count)
                for number, known, count in self.counts
                if number <= index
            ]
            best = max(candidates, default=None, key=lambda c: (c[0], c[1]))
            if names_found and best is not None and best[0] >= 4:
                _, _, known, count = best
                listing = Figure(
                    label=f"{label} 列举",
                    value=len(names_found),
                    line=index + 1,
                    quote=f"{line.strip()[:60]} … (lines {index + 2}–{last + 1})",
                )
                self.checks.append(CountCheck(known, count, listing, tuple(names_found)))

    def unchecked(self) -> None:
        # Figures the template states without anything to check them against: placed, not checked.
        for pattern, groups, label in (
            (pat.PROCUREMENT, ("cur",), "政府采购支出总额"),
            (pat.VEHICLES, ("count",), "车辆"),
            (pat.EQUIPMENT, ("threshold", "count"), "单价以上设备"),
            (pat.TARGETS, ("count",), "编制绩效目标的项目"),
            (pat.MONITORED, ("count",), "开展绩效监控的项目"),
            (pat.PROJECT_BUDGET, ("cur",), "项目预算总金额"),
            (pat.BARE_RATES, ("rate",), "完成预算/执行进度"),
        ):
            for index, match in self.each(pattern):
                self.consume(index, match, *groups, label=label)

    def cross_checks(self) -> None:
        for key, stated in self.statements.items():
            self.checks.extend(SameFigureCheck(key, stated[0], other) for other in stated[1:])
        total, spent, carried = (self.first(k) for k in ("收、支总计", "本年支出合计", "年末结转结余"))
        if total is not None and spent is not None and carried is not None:
            self.checks.append(SumCheck("收、支总计 = 本年支出合计 + 年末结转结余", (spent, carried), total))
        funds = [self.first(key) for key in _FUNDS]
        parts = tuple(f for f in funds if f is not None)
        if len(parts) == 3:
            no_carryover = any(pat.NO_FISCAL_CARRYOVER.search(line) for line in self.lines)
            fiscal_total = self.first("财政拨款收、支总计")
            if no_carryover and fiscal_total is not None:
                self.checks.append(SumCheck(f"财政拨款收、支总计 = {_FUNDS_SUM}", parts, fiscal_total))
            executed = self.first("财政拨款预算执行数")
            if executed is not None:
                self.checks.append(SumCheck(f"财政拨款预算执行数 = {_FUNDS_SUM}", parts, executed))
        self.restated_breakdowns()

    def restated_breakdowns(self) -> None:
        spent, income = self.first("本年支出合计"), self.first("本年收入合计")
        structures = [b for b in self.breakdowns if b.is_structure]
        main = next((b for b in structures if b.label.endswith("一般公共预算财政拨款支出")), None)
        for other in self.breakdowns:
            names = [name for name, _, _ in other.items]
            if (
                other.line > self.appendix
                and income is not None
                and other.head is not income
                and other.label.endswith(("收入总计", "收入合计"))
                and not any("结转" in name for name in names)
            ):
                self.checks.append(SameFigureCheck(f"本年收入合计 = {other.label}", income, other.head))
            if other is main or not other.is_structure:
                continue
            if spent is not None and other.head is not spent and other.label.endswith("支出合计"):
                self.checks.append(SameFigureCheck(f"本年支出合计 = {other.label}", spent, other.head))
            if main is None:
                continue
            # Only when all spending is 一般公共预算 are the two structures the same figures.
            reference = spent if spent is not None else other.head
            if not agrees(main.head.value, reference.value) or not agrees(reference.value, main.head.value):
                continue
            categories = {_category(name): figure for name, figure, _ in main.items}
            for name, figure, _ in other.items:
                if _category(name) in categories:
                    label = f"{name}: {main.label} = {other.label}"
                    self.checks.append(SameFigureCheck(label, categories[_category(name)], figure))

    # --- what is left ----------------------------------------------------------------------------
    def unplaced(self) -> tuple[UnplacedText, ...]:
        notes: list[UnplacedText] = []
        for index, line in enumerate(self.lines):
            spans = self.placed.get(index, [])
            loose = [
                token.group(0).strip()
                for token in pat.FIGURE_TOKEN.finditer(line)
                if not any(start <= token.start("number") < end for start, end in spans)
            ]
            shortened = line.strip()[:120]
            if loose:
                notes.append(
                    UnplacedText(
                        line=index + 1,
                        figures=tuple(loose),
                        text=shortened,
                        reason="not in a sentence of the 部门决算 template that perfscore reads",
                    )
                )
            for raw, reason in self.unreadable.get(index, []):
                notes.append(UnplacedText(line=index + 1, figures=(raw,), text=shortened, reason=reason))
        return tuple(notes)

    def missing_sections(self) -> tuple[str, ...]:
        present: set[str] = set()
        for line in self.lines:
            heading = re.sub(r"\s", "", line)
            if not heading or len(heading) > 40:
                continue
            for _ in range(2):
                heading = pat.HEADING_NUMBER.sub("", heading)
            heading = re.sub(r"^[0-9０-９]{4}年度?", "", heading.translate(_QUOTES))
            present.update({heading, heading.removeprefix("部门")})
        return tuple(section for section in EXPECTED_SECTIONS if section not in present)


def parse_report(text: str) -> ParsedReport:
    """Read a 部门决算情况说明 text: its figures, the checks they imply, what was left (解析).

    Args:
        text: The whole text, as read from the file (see
            [`perfscore.audit.read_report`][perfscore.audit.reading.read_report]).

    Returns:
        The figures placed, the checks built from the template's relationships, the figures that
        could not be placed, and the template sections the text lacks.

    Raises:
        AuditError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise AuditError("text", f"must be text (str), got {type(text).__name__}")
    return _Reader(text).parse()
