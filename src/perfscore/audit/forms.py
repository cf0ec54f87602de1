"""Checks of a project self-evaluation form (自评表核查): reasons, stated scores, the 项目资金 block.

Three checks of a 项目支出绩效自评表 as a unit filled it in or published it. None of them raises on
what it finds: each returns a tuple of [FormFinding][perfscore.audit.forms.FormFinding] values
(empty when all is well), naming the indicator code, the kind of problem and what was stated
and computed, in Chinese and English. Bad input (an unknown code, a figure that is no number)
raises a [PerfscoreError][perfscore.errors.PerfscoreError] naming the place.

* [check_reasons][perfscore.audit.forms.check_reasons] — 偏差原因分析及改进措施: leaves that missed
  their target, or went 30% or more beyond it, without a reason; leaves scored by judgement
  (定性, 评分) with nothing describing the judgement.
* [check_stated][perfscore.audit.forms.check_stated] — stated vs computed (得分核对): every row
  whose printed 得分 differs from the rule's, every parent and total whose printed 得分 is not the
  sum of its children's printed 得分.
* [check_funds][perfscore.audit.forms.check_funds] — the printed 项目资金 block: sources that do
  not add up to 年度资金总额, and a printed 执行率 or 得分 that does not follow from the amounts.
* [check_form][perfscore.audit.forms.check_form] — reasons and stated scores of a whole
  observations file; what ``perfscore check FRAMEWORK OBSERVATIONS`` runs.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from perfscore.audit.checks import agrees
from perfscore.errors import AuditError, PerfscoreError, describe
from perfscore.funds import COLUMN_NAMES, ROW_NAMES, ProjectFunds, printed_rows, unbalanced_columns
from perfscore.numbers import (
    check_places,
    exact_arithmetic,
    exact_context,
    parse_amount,
    round_half_up,
    to_decimal,
)
from perfscore.observations import is_not_applicable

if TYPE_CHECKING:
    from perfscore.framework import Framework
    from perfscore.observations import Observations
    from perfscore.scoring import NodeResult, Result

__all__ = [
    "OVERSHOOT",
    "TOTAL_KEYS",
    "FormFinding",
    "FormFindingKind",
    "check_form",
    "check_funds",
    "check_reasons",
    "check_stated",
    "render_findings",
]

OVERSHOOT: Final = Decimal("0.3")
"""How far beyond its target a leaf may go before it needs a reason: 30% (超出目标值 30% 以上)."""
TOTAL_KEYS: Final = ("total", "总分", "合计", "自评得分")
"""Keys of ``stated`` that mean the form's total score (总分), unless a framework uses them as codes."""
JUDGED_KINDS: Final = frozenset({"qualitative", "manual"})
"""Rule kinds whose points are a judgement (定性, 评分) and so need a description."""
#: Printed cells that mean "nothing stated here" (a blank cell in a form).
_BLANK: Final = frozenset({"", "/", "-", "—", "——", "－"})


class FormFindingKind(enum.StrEnum):
    """The kind of problem a form check found (问题类型)."""

    MISSED_WITHOUT_REASON = "missed_without_reason"
    """A leaf missed its target (得分 < 分值) and no 偏差原因 is given."""
    EXCEEDED_WITHOUT_REASON = "exceeded_without_reason"
    """A leaf went 30% or more beyond its target and no 偏差原因 is given."""
    UNDESCRIBED = "judgement_without_description"
    """A leaf scored by judgement (定性, 评分) has no description of the judgement."""
    STATED_SCORE = "stated_score"
    """A printed 得分 differs from the rule's (得分与计算不符)."""
    STATED_SUM = "stated_sum"
    """A printed parent or total 得分 is not the sum of its children's printed 得分 (合计不符)."""
    FUNDS_SUM = "funds_sum"
    """The sources of the 项目资金 block do not add up to 年度资金总额."""
    FUNDS_RATE = "funds_rate"
    """A printed 执行率 does not follow from the 项目资金 amounts."""
    FUNDS_SCORE = "funds_score"
    """A printed 预算执行率 得分 does not follow from the 项目资金 amounts."""


def _text(number: Decimal) -> str:
    return format(number, "f")


@attrs.frozen
class FormFinding:
    """One problem in a self-evaluation form (自评表问题).

    Attributes:
        code: The indicator code (``"C1.2"``), ``"total"`` for the form's 总分, or the place in
            the 项目资金 block (``"funds.total.executed"``, ``"funds.rate"``).
        kind: What kind of problem.
        message_zh: One sentence in Chinese.
        message_en: The same in English.
        stated: The figure the form states, when the finding compares figures; ``None`` for a
            not-applicable (不适用) mark.
        computed: What follows from the rule or from the other figures.
        difference: ``stated − computed``.
        within_rounding: Whether ``stated`` equals ``computed`` rounded half up to the places
            ``stated`` is printed with (a whole-point form printing 9 for 9.47).
    """

    code: str
    kind: FormFindingKind
    message_zh: str
    message_en: str
    stated: Decimal | None = None
    computed: Decimal | None = None
    difference: Decimal | None = None
    within_rounding: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: decimals as text, the kind as its name."""

        def plain(value: Decimal | None) -> str | None:
            return None if value is None else _text(value)

        return {
            "code": self.code,
            "kind": self.kind.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "stated": plain(self.stated),
            "computed": plain(self.computed),
            "difference": plain(self.difference),
            "within_rounding": self.within_rounding,
        }


def _compared(  # noqa: PLR0917 - a finding's six fields, in order
    code: str, kind: FormFindingKind, stated: Decimal | None, computed: Decimal | None, zh: str, en: str
) -> FormFinding:
    difference = None
    within = False
    if stated is not None and computed is not None:
        difference = exact_context().subtract(stated, computed)
        within = agrees(stated, computed)
    return FormFinding(code, kind, zh, en, stated, computed, difference, within)


# ---------------------------------------------------------------------------------------------
# 偏差原因


def _reason_texts(reasons: object, result: Result) -> dict[str, str]:
    from perfscore.observations import Observations  # noqa: PLC0415 - audit reads the model lazily

    if isinstance(reasons, Observations):
        reasons = reasons.reasons
    if not isinstance(reasons, Mapping):
        raise AuditError("reasons", f"must be a mapping of indicator code → text, got {describe(reasons)}")
    texts: dict[str, str] = {}
    for code, text in reasons.items():
        if not isinstance(code, str):
            raise AuditError(describe(code), "reason keys must be indicator codes (text)")
        if not code.strip():
            raise AuditError("reasons", f"a key is blank ({code!r}): keys are indicator codes")
        result[code]  # an unknown code is an error naming it
        if text is not None and not isinstance(text, str):
            raise AuditError(f"reasons.{code}", f"must be text, got {describe(text)}")
        if text and text.strip():
            texts[code] = text.strip()
    return texts


def _number(value: object) -> Decimal | None:
    """The observation as a plain number, or None (a table, words, text with a unit it kept)."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        return None
    try:
        return to_decimal(value, field="value")
    except PerfscoreError:
        return None


def _beyond(
    node: NodeResult, framework: Framework | None, overshoot: Decimal
) -> tuple[Decimal, Decimal] | None:
    """(actual, target) when the leaf went ``overshoot`` or more beyond its target, else None."""
    if framework is None or node.code not in framework:
        return None
    leaf = framework[node.code]
    target = getattr(leaf.rule, "target", None)
    actual = _number(leaf.observe(node.value))  # as the scoring read it: "130%" for a % leaf is 130
    if not isinstance(target, Decimal) or target <= 0 or actual is None:
        return None
    context = exact_context()
    if node.rule == "reverse":  # less is better: far below the ceiling is the overshoot
        limit = context.multiply(target, context.subtract(Decimal(1), overshoot))
        return (actual, target) if actual <= limit else None
    limit = context.multiply(target, context.add(Decimal(1), overshoot))
    return (actual, target) if actual >= limit else None


@exact_arithmetic
def check_reasons(
    result: Result,
    reasons: Mapping[str, str] | object,
    framework: Framework | None = None,
    *,
    overshoot: object = OVERSHOOT,
) -> tuple[FormFinding, ...]:
    """Leaves that need 偏差原因分析及改进措施 and have none (偏差原因核查).

    A leaf needs a reason when it is applicable and

    * **missed** its target: its 得分 is below its 分值 (``awarded < maximum``); or
    * went **far beyond** it (needs ``framework``, for the rule's target ``T``): for a rule with
      a target (正向 ``Forward``, 等于 ``Equal``: ``A ≥ (1 + overshoot)·T``; 反向 ``Reverse``,
      less is better: ``A ≤ (1 − overshoot)·T``), the actual value read as the scoring reads it
      ([Indicator.observe][perfscore.framework.Indicator.observe]: ``"130%"`` for a ``%`` leaf
      is 130); a value that is no number (a table, words) is not compared. A target beaten by
      30% usually means it was set too low, which reviewers ask to explain.

    A leaf scored by judgement (rule ``qualitative`` 定性 or ``manual`` 评分) also needs a
    **description**: its reason text, or, with ``framework``, the indicator's ``description``
    (指标解释/评分标准). One finding per leaf: a judged leaf that missed and has no reason is
    reported as missed.

    Args:
        result: The scored form.
        reasons: Leaf code → 偏差原因分析及改进措施 text, or an
            [Observations][perfscore.observations.Observations] (its ``reasons``). A blank
            text counts as none.
        framework: The framework scored, for targets and descriptions; without it only misses
            and undescribed judged leaves (by reason text) are found.
        overshoot: How far beyond the target needs a reason, as a ratio (0.3 for 30%).

    Returns:
        The findings, in form order.

    Raises:
        ObservationError: A reason names no indicator of the result.
        AuditError: ``reasons`` is not a mapping of code → text, or ``overshoot`` is not a ratio ≥ 0.

    Examples:
        >>> from perfscore import Framework, Indicator
        >>> from perfscore.rules import Forward
        >>> framework = Framework("项目", [
        ...     Indicator("A", "完成数量", 50, rule=Forward(target=50)),
        ...     Indicator("B", "合格率", 50, rule=Forward(target="0.95")),
        ... ])
        >>> result = framework.score({"A": 40, "B": "0.99"})
        >>> [(f.code, f.kind.value) for f in check_reasons(result, {}, framework)]
        [('A', 'missed_without_reason')]
        >>> check_reasons(result, {"A": "两个项目延至次年实施"}, framework)
        ()
    """
    try:
        margin = to_decimal(overshoot, field="overshoot")
    except PerfscoreError as error:
        raise AuditError("overshoot", error.message) from None
    if margin < 0:
        raise AuditError("overshoot", f"must be a ratio ≥ 0 (0.3 for 30%), got {_text(margin)}")
    texts = _reason_texts(reasons, result)
    findings: list[FormFinding] = []
    for node in result.leaves:
        if not node.applicable or node.code in texts or node.awarded is None or node.maximum is None:
            continue
        code, a, m = node.code, _text(node.awarded), _text(node.maximum)
        if node.awarded < node.maximum:
            findings.append(
                _compared(
                    code,
                    FormFindingKind.MISSED_WITHOUT_REASON,
                    node.awarded,
                    node.maximum,
                    f"{code} {node.name}：得分 {a} 低于分值 {m}，未完成目标，但未说明偏差原因及改进措施",
                    f"{code} {node.name}: {a} of {m} points (target missed) but no reason is given",
                )
            )
            continue
        beyond = _beyond(node, framework, margin)
        if beyond is not None:
            actual, target = beyond
            pct = _text(round_half_up(margin * 100, 2).normalize())
            way_zh, way_en = ("低于", "below") if node.rule == "reverse" else ("超出", "beyond")
            findings.append(
                FormFinding(
                    code,
                    FormFindingKind.EXCEEDED_WITHOUT_REASON,
                    f"{code} {node.name}：实际完成值 {_text(actual)} {way_zh}年度指标值 {_text(target)} "
                    f"{pct}% 以上，但未说明偏差原因",
                    f"{code} {node.name}: actual {_text(actual)} is {pct}% or more {way_en} the target "
                    f"{_text(target)} but no reason is given",
                    actual,
                    target,
                    exact_context().subtract(actual, target),
                )
            )
            continue
        if node.rule in JUDGED_KINDS:
            described = framework is not None and code in framework and framework[code].description
            if not described:
                findings.append(
                    FormFinding(
                        code,
                        FormFindingKind.UNDESCRIBED,
                        f"{code} {node.name}：定性评价（评定 {a} 分），"
                        "但未说明评价依据（无偏差原因或指标解释）",
                        f"{code} {node.name}: scored by judgement ({a} points) with no description "
                        "(no reason text, no indicator description)",
                    )
                )
    return tuple(findings)


# ---------------------------------------------------------------------------------------------
# Stated vs computed


class _NotApplicable:
    """A printed 不适用 in the 得分 column."""


_NOT_APPLICABLE: Final = _NotApplicable()
_Stated = Decimal | _NotApplicable


def _stated_value(value: object, field: str) -> _Stated | None:
    """A printed 得分: a Decimal, ``_NOT_APPLICABLE`` for 不适用, ``None`` for a blank cell."""
    if isinstance(value, str):
        text = value.strip()
        if text in _BLANK:
            return None
        if is_not_applicable(text):
            return _NOT_APPLICABLE
        value = text.removesuffix("分").strip()
    elif value is None:
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal, float)):
            raise AuditError(field, f"must be a number or printed text, got {describe(value)}")
        return _figure(value, field)
    except AuditError:
        raise
    except PerfscoreError as error:
        raise AuditError(field, error.message) from None


@exact_arithmetic
def check_stated(
    result: Result, stated: Mapping[str, object], *, tolerate_rounding: bool = False
) -> tuple[FormFinding, ...]:
    """Compare the 得分 a form states with the scores computed by the rules (得分核对).

    Finds, in form order:

    * every indicator whose stated 得分 differs from the computed one
      ([STATED_SCORE][perfscore.audit.forms.FormFindingKind]), the total included;
    * every parent, and the total, whose stated 得分 is not the sum of its children's stated
      得分 ([STATED_SUM][perfscore.audit.forms.FormFindingKind]). A parent whose own 得分 is not
      printed counts as the sum of its children's, when all of theirs are known; a parent with
      a child whose 得分 is not known (not printed, 不适用) is not summed.

    Args:
        result: The scored form.
        stated: Indicator code → the 得分 as printed: a number or text (``"8"``, ``"8.00"``,
            ``"8分"``, ``"不适用"``; a blank cell, ``"/"`` or ``"—"`` counts as not printed).
            The key ``total`` (or 总分, 合计, 自评得分) gives the form's total, unless the
            framework uses it as a code.
        tolerate_rounding: Do not report a row whose stated 得分 equals the computed one rounded
            half up to the places it is printed with (a form printing whole points).

    Returns:
        The findings. None when ``stated`` is exactly the computed scores.

    Raises:
        ObservationError: A key names no indicator of the result.
        AuditError: ``stated`` is not a mapping, a value is not a number or printed text, or
            two keys give the same row (``" A"`` and ``"A"``; ``total`` and ``总分``).

    Examples:
        >>> from perfscore import Framework, Indicator
        >>> from perfscore.rules import Manual
        >>> framework = Framework("项目", [Indicator("A", "产出", 60, children=[
        ...     Indicator("A1", "数量", 30, rule=Manual()), Indicator("A2", "质量", 30, rule=Manual())])])
        >>> result = framework.score({"A1": 30, "A2": 25})
        >>> for finding in check_stated(result, {"A1": 30, "A2": 28, "A": 55}):
        ...     print(finding.message_en)
        A: stated 55, but its parts' stated scores add up to 58
        A2: stated 28, computed 25.00 (difference 3.00)
    """
    if not isinstance(stated, Mapping):
        raise AuditError("stated", f"must be a mapping of indicator code → 得分, got {describe(stated)}")
    values: dict[str, _Stated] = {}
    total: _Stated | None = None
    seen: dict[str, str] = {}  # code (or "total") → the key that gave it
    codes = {node.code for node in result}
    for key, value in stated.items():
        if not isinstance(key, str):
            raise AuditError(describe(key), "stated keys must be indicator codes (text)")
        code = key.strip()
        if not code:
            raise AuditError("stated", f"a key is blank ({key!r}): keys are indicator codes or total")
        is_total = code in TOTAL_KEYS and code not in codes
        slot = "total" if is_total else code
        if slot in seen:  # " A" and "A", or total and 总分: one of them would be dropped silently
            raise AuditError(f"stated.{key}", f"gives {slot} a second time (also as {seen[slot]!r})")
        seen[slot] = key
        if is_total:
            total = _stated_value(value, f"stated.{key}")
            continue
        result[code]  # an unknown code is an error naming it
        read = _stated_value(value, f"stated.{key}")
        if read is not None:
            values[code] = read

    findings: list[FormFinding] = []

    def score_finding(code: str, name: str, given: _Stated, computed: Decimal | None) -> None:
        number = given if isinstance(given, Decimal) else None
        shown = "不适用" if number is None else _text(number)
        if number == computed:
            return
        if tolerate_rounding and number is not None and computed is not None and agrees(number, computed):
            return
        c = "不计分" if computed is None else _text(computed)
        c_en = "not scored" if computed is None else _text(computed)
        label = f"{code} {name}".strip()
        if number is not None and computed is not None:
            d = _text(exact_context().subtract(number, computed))
            zh = f"{label}：填报得分 {shown}，按规则计算为 {c}（相差 {d}）"
            en = f"{code}: stated {shown}, computed {c_en} (difference {d})"
        else:
            zh = f"{label}：填报得分 {shown}，按规则计算为 {c}"
            en = f"{code}: stated {'not applicable' if number is None else shown}, computed {c_en}"
        findings.append(_compared(code, FormFindingKind.STATED_SCORE, number, computed, zh, en))

    # Known stated score of every node: printed, or the sum of its children's when all are known.
    known: dict[str, Decimal | None] = {}
    for node in reversed(result.nodes):  # children before parents
        printed = values.get(node.code)
        if isinstance(printed, Decimal):
            known[node.code] = printed
        else:  # not printed: the sum of its children's, when all are known; 不适用: unknown
            known[node.code] = _added([known[child] for child in node.children]) if printed is None else None
    sum_findings: dict[str, FormFinding] = {}
    for node in result.nodes:
        printed = values.get(node.code)
        if printed is None:
            continue
        if not isinstance(printed, Decimal):  # 不适用: right when the rule found it not applicable
            if node.applicable:
                score_finding(node.code, node.name, printed, node.awarded)
            continue
        score_finding(node.code, node.name, printed, node.awarded)
        added = _added([known[child] for child in node.children])
        if added is not None and added != printed:
            sum_findings[node.code] = _sum_finding(node.code, node.name, printed, added)
    if total is not None:
        score_finding("total", "总分", total, result.total)
        added = _added([known[node.code] for node in result.nodes if node.level == 1])
        if isinstance(total, Decimal) and added is not None and added != total:
            sum_findings["total"] = _sum_finding("total", "总分", total, added)
    order = {node.code: index for index, node in enumerate(result.nodes)}
    ordered = findings + list(sum_findings.values())
    ordered.sort(key=lambda finding: order.get(finding.code, len(order)))  # stable: score before sum
    return tuple(ordered)


def _added(parts: list[Decimal | None]) -> Decimal | None:
    """The sum of the parts, or None when there are none or one is unknown."""
    if not parts:
        return None
    total = Decimal(0)
    context = exact_context()
    for part in parts:
        if part is None:
            return None
        total = context.add(total, part)
    return total


def _sum_finding(code: str, name: str, printed: Decimal, added: Decimal) -> FormFinding:
    label = f"{code} {name}".strip()
    p, s = _text(printed), _text(added)
    return _compared(
        code,
        FormFindingKind.STATED_SUM,
        printed,
        added,
        f"{label}：填报得分 {p}，但下级指标填报得分合计为 {s}",
        f"{code}: stated {p}, but its parts' stated scores add up to {s}",
    )


# ---------------------------------------------------------------------------------------------
# The printed 项目资金 block


@exact_arithmetic
def check_funds(
    block: Mapping[str, object],
    *,
    rate: object = None,
    score: object = None,
    points: object = 10,
    places: int = 2,
) -> tuple[FormFinding, ...]:
    """Check a printed 项目资金 block: its sums, its 执行率 and its 得分 (项目资金核查).

    Unlike [ProjectFunds][perfscore.funds.ProjectFunds], which refuses a block whose sources do
    not add up, this reads the block as printed and reports what does not add up:

    * each column where the sources (本年财政拨款, 上年结转资金, 其他资金) do not add up to
      年度资金总额 (``funds.total.<column>``);
    * the printed 执行率 (``rate``) against 全年执行数 ÷ 全年预算数 (÷ 年初预算数 when the form has
      no 全年预算数), compared at its printed precision (``funds.rate``);
    * the printed 得分 (``score``) against [ExecutionRate][perfscore.rules.ExecutionRate] out of
      ``points`` (``funds.score``).

    When the total row contradicts its sources, the rate and score are computed from the sources
    (the detailed rows); a block with only a total row is computed from it.

    Args:
        block: The rows as printed, as for [funds_from_dict][perfscore.funds.funds_from_dict].
        rate: The printed 执行率 in percent: text such as ``"99.97%"``, or a number (99.97).
        score: The printed 得分.
        points: The 分值 of 预算执行率 (10 on the MoF form).
        places: Decimal places of the computed 得分 (0 to 30).

    Returns:
        The findings.

    Raises:
        ObservationError: An amount is not a number ≥ 0, or a row or column is unknown.
        AuditError: ``rate`` or ``score`` is not a number, or ``places`` is not a whole number
            from 0 to 30.

    Examples:
        The 2022 委托业务项目 of 池州市贵池区棠溪镇 prints 年度资金总额 0 0 0 with 执行率 0 and
        得分 0 above 本年财政拨款 90 / 89.974 / 89.974:

        >>> findings = check_funds(
        ...     {"total": [0, 0, 0], "fiscal": [90, "89.974", "89.974"]}, rate=0, score=0)
        >>> [finding.code for finding in findings]
        ['funds.total.initial', 'funds.total.annual', 'funds.total.executed', 'funds.rate', 'funds.score']
        >>> findings[-1].message_en
        'funds.score: stated 0, computed 10.00 (executed 89.974 ÷ annual budget 89.974)'
    """
    from perfscore.rules import ExecutionRate  # noqa: PLC0415 - audit reads the model lazily

    if not isinstance(block, Mapping):
        raise AuditError("funds", f"must be a table of 项目资金 rows, got {describe(block)}")
    try:
        places = check_places(places)
    except PerfscoreError as error:
        raise AuditError("places", error.message) from None
    rows, currency = printed_rows(block)
    findings: list[FormFinding] = []
    sources = {name: row for name, row in rows.items() if name != "total"}
    total = rows.get("total")
    if total is not None:
        for column, stated, added, given in unbalanced_columns(total, sources):
            shown = " + ".join(f"{ROW_NAMES[name]} {_text(amount)}" for name, amount in given)
            findings.append(
                _compared(
                    f"funds.total.{column}",
                    FormFindingKind.FUNDS_SUM,
                    stated,
                    added,
                    f"年度资金总额（{COLUMN_NAMES[column]}）填报 {_text(stated)}，"
                    f"但 {shown} = {_text(added)}",
                    f"年度资金总额 ({column}) is stated {_text(stated)}, but its sources add up to "
                    f"{_text(added)}",
                )
            )
    funds = ProjectFunds(currency=currency, **sources) if sources else ProjectFunds(total=total)
    if rate is None and score is None:
        return tuple(findings)
    executed, budget, name_zh, name_en = funds.execution_terms()
    how_zh = f"全年执行数 {_text(executed)} ÷ {name_zh} {_text(budget)}"
    how_en = f"executed {_text(executed)} ÷ {name_en} {_text(budget)}"
    computed_rate = funds.execution() if budget > 0 else None
    # No rate: nothing budgeted and nothing spent (0 ÷ 0), or spending against a zero budget.
    none_zh = "无法计算（0 ÷ 0）" if executed == 0 else "无法计算（预算数为 0）"
    none_en = "undefined (0 ÷ 0)" if executed == 0 else "undefined (a zero budget)"
    if rate is not None:
        stated_rate = _percent(rate, "rate")
        pct = None if computed_rate is None else exact_context().multiply(computed_rate, Decimal(100))
        if pct is None or not agrees(stated_rate, pct):
            c = none_zh if pct is None else f"{_text(round_half_up(pct, 2))}%"
            c_en = none_en if pct is None else f"{_text(round_half_up(pct, 2))}%"
            findings.append(
                _compared(
                    "funds.rate",
                    FormFindingKind.FUNDS_RATE,
                    stated_rate,
                    None if pct is None else round_half_up(pct, max(2, places)),
                    f"执行率填报 {_text(stated_rate)}%，按 {how_zh} 计算为 {c}",
                    f"funds.rate: stated {_text(stated_rate)}%, computed {c_en} ({how_en})",
                )
            )
    if score is not None:
        stated_score = _stated_value(score, "score")
        if not isinstance(stated_score, Decimal):
            raise AuditError("score", f"must be the printed 得分, got {describe(score)}")
        computed_score = None
        if computed_rate is not None:
            computed_score = ExecutionRate().score(funds, points, places=places, field="funds").points
        if stated_score != computed_score:
            c = none_zh if computed_score is None else _text(computed_score)
            c_en = none_en if computed_score is None else _text(computed_score)
            findings.append(
                _compared(
                    "funds.score",
                    FormFindingKind.FUNDS_SCORE,
                    stated_score,
                    computed_score,
                    f"预算执行率得分填报 {_text(stated_score)}，按 {how_zh} 计算为 {c}",
                    f"funds.score: stated {_text(stated_score)}, computed {c_en} ({how_en})",
                )
            )
    return tuple(findings)


def _figure(value: object, field: str) -> Decimal:
    """A printed 得分 or 执行率: a figure with no unit left (``"8万元"`` or ``"85%"`` is no 得分)."""
    number = parse_amount(value, field=field)
    if isinstance(value, str) and unicodedata.normalize("NFKC", value).strip().endswith(("元", "%")):
        raise AuditError(field, f"must be a plain figure, got {describe(value)}")
    return number


def _percent(value: object, field: str) -> Decimal:
    try:
        if isinstance(value, str):
            return _figure(value.strip().removesuffix("%").removesuffix("％"), field)
        return to_decimal(value, field=field)
    except PerfscoreError as error:
        raise AuditError(field, error.message) from None


# ---------------------------------------------------------------------------------------------
# A whole form


def check_form(
    framework: Framework, observations: Observations | Mapping[str, object]
) -> tuple[FormFinding, ...]:
    """Every check of a filled-in form (自评表核查): what ``perfscore check`` runs.

    Scores ``observations`` against ``framework`` (the 项目资金 block feeding 预算执行率, through
    [Observations.for_scoring][perfscore.observations.Observations.for_scoring]), then runs
    [check_reasons][perfscore.audit.forms.check_reasons] with the observations' reasons and,
    when the observations carry the printed 得分 (``stated``, the ``[stated]`` section of a file),
    [check_stated][perfscore.audit.forms.check_stated].

    Args:
        framework: The framework the form follows.
        observations: The observations, with ``reasons`` and optionally ``stated``.

    Returns:
        The findings: reasons first, then stated scores.

    Raises:
        ObservationError: The observations cannot be scored (as ``Framework.score``).
        AuditError: A stated 得分 is not a number or printed text.
    """
    from perfscore.observations import Observations  # noqa: PLC0415 - audit reads the model lazily

    if not isinstance(observations, Observations):
        observations = Observations(observations)  # a plain mapping: no reasons, nothing stated
    result = framework.score(observations)  # which feeds the 项目资金 block (for_scoring)
    findings = check_reasons(result, observations.reasons, framework)
    if observations.stated:
        findings += check_stated(result, observations.stated)
    return findings


def render_findings(findings: tuple[FormFinding, ...]) -> str:
    """The findings as text, one line each in Chinese (``[kind] message``), or a line saying none.

    Args:
        findings: What a check returned.

    Returns:
        The text, ending with a newline.

    Examples:
        >>> print(render_findings(()), end="")
        未发现问题 (no findings)
    """
    if not findings:
        return "未发现问题 (no findings)\n"
    lines = [f"[{finding.kind.value}] {finding.message_zh}" for finding in findings]
    lines.append(f"共 {len(findings)} 个问题 ({len(findings)} findings)")
    return "\n".join(lines) + "\n"
