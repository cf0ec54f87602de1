"""Budget rates (预算相关比率): exact ratios, never rounded, never ``inf``.

Every function returns the ratio itself (0.7425, not 74.25); [`perfscore.percent`][perfscore.numbers.percent]
turns it into the percentage a form shows, rounded half up. A zero or negative denominator raises
[`DenominatorError`][perfscore.errors.DenominatorError] naming the argument: a rate against nothing is
undefined, and the published texts say so in words ("较上年增加0.24万元", with no percentage).

| function | 中文 | formula |
| --- | --- | --- |
| `budget_deviation` | 预算偏离度 | (执行数 − 年初预算数) / 年初预算数 |
| `execution_rate` | 预算执行率 | 执行数 / 调整后预算数 |
| `change_rate` | 增减率 | (本年 − 上年) / 上年 |
| `share` | 占比 | 部分 / 合计 |
| `shares` | 各项占比 | each part / Σ parts, adding up to exactly 1 |
| `carryover_rate` | 结转结余率 | 结转结余总额 / 支出完成数 (or / 预算数, named) |
| `staffing_rate` | 在职人员控制率 | 在职人数 / 编制数 |
| `budget_adjustment_rate` | 预算调整率 | 预算调整数 / 预算数 |
| `payment_progress_rate` | 支付进度率 | 实际支付进度 / 既定支付进度 (or 已支付 / 应支付) |
| `three_public_control_rate` | "三公"经费控制率 | "三公"经费实际支出数 / 预算安排数 |
| `three_public_change_rate` | "三公"经费变动率 | (本年 − 上年) / 上年 |
| `public_expense_control_rate` | 公用经费控制率 | 实际支出公用经费总额 / 预算安排公用经费总额 |
| `procurement_execution_rate` | 政府采购执行率 | 实际政府采购金额 / 政府采购预算数 |
| `funds_arrival_rate` | 资金到位率 | 实际到位资金 / 计划投入资金 |
| `key_expenditure_rate` | 重点支出安排率 | 重点项目支出 / 项目总支出 |
| `carryover_change_rate` | 结转结余变动率 | (本年结转结余总额 − 上年) / 上年 |

The last nine are the rates of the national common indicator frameworks (财政部《预算绩效评价共性
指标体系框架》, 财预〔2013〕53号: its 部门整体支出 framework defines them under 投入/预算配置
and 过程/预算执行, and its 项目支出 framework defines 资金到位率 under 投入/资金落实), as the
provincial 部门整体支出绩效评价 forms that follow it print them. A form turns each rate into
points with a rule (a `Deduction` for "≤ 0 计满分，每超过一个百分点扣 d 分", a `Forward` or a
`Bands`…); the rate itself is never capped here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final, NamedTuple

from perfscore.errors import DenominatorError, DomainError
from perfscore.numbers import RATIO_PRECISION, divide, exact_arithmetic, exact_context, to_decimal

__all__ = [
    "COMMON_RATES",
    "NamedRate",
    "budget_adjustment_rate",
    "budget_deviation",
    "carryover_change_rate",
    "carryover_rate",
    "change_rate",
    "execution_rate",
    "funds_arrival_rate",
    "key_expenditure_rate",
    "payment_progress_rate",
    "procurement_execution_rate",
    "public_expense_control_rate",
    "share",
    "shares",
    "staffing_rate",
    "three_public_change_rate",
    "three_public_control_rate",
]


def _denominator(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number <= 0:
        raise DenominatorError(field, f"must be greater than 0, got {number}")
    return number


def _non_negative(value: object, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0:
        raise DomainError(field, f"must not be negative, got {number}")
    return number.copy_abs()  # -0 is 0: a rate of nothing is 0, never "-0.00%"


def budget_deviation(actual: object, budget: object) -> Decimal:
    """预算偏离度 (budget deviation): how far spending strayed from the original budget.

    ``(actual − budget) / budget``, signed: positive when more was spent than first budgeted.
    The denominator is the 年初预算数 (the budget approved at the start of the year), not the
    adjusted budget — that is what makes additions during the year show as deviation.

    Args:
        actual: 预算执行数, the amount spent.
        budget: 年初预算数, the originally approved budget; must be > 0.

    Returns:
        The exact signed ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        The seed (攀枝花市委办公室, 2023): 执行数 7,463.89 万元 against 年初预算数 4,283.43 万元.

        >>> from perfscore import percent
        >>> percent(budget_deviation("7463.89", "4283.43"))
        Decimal('74.25')
    """
    spent = to_decimal(actual, field="actual")
    approved = _denominator(budget, "budget")
    return divide(exact_context().subtract(spent, approved), approved)


def execution_rate(executed: object, budget: object) -> Decimal:
    """预算执行率 (budget execution rate): the share of the adjusted budget spent.

    ``executed / budget``, where ``budget`` is the 调整后预算数 (全年预算数). The MoF project
    self-evaluation form (财预〔2020〕10号) scores it out of 10 points; see
    [`perfscore.rules.ExecutionRate`][perfscore.rules.ExecutionRate] for the capped score.

    Args:
        executed: 执行数, the amount spent; must be ≥ 0.
        budget: 调整后预算数, the adjusted budget; must be > 0.

    Returns:
        The exact ratio (it may exceed 1 when spending exceeded the budget).

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``executed`` is negative.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        >>> execution_rate("7463.89", "7463.89")
        Decimal('1')
    """
    spent = _non_negative(executed, "executed")
    return divide(spent, _denominator(budget, "budget"))


def change_rate(current: object, previous: object) -> Decimal:
    """增减率 (year-on-year change): ``(current − previous) / previous``.

    Args:
        current: 本年数.
        previous: 上年数; must be > 0. A change against zero has no rate — published texts state
            only the amount ("较上年增加0.24万元").

    Returns:
        The exact signed ratio: negative for a 下降 (decrease).

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DenominatorError: ``previous`` is zero or negative.

    Examples:
        The seed: 收、支总计 7,467.34 万元, 4,036.15 万元 less than the year before.

        >>> from perfscore import percent
        >>> percent(change_rate("7467.34", "11503.49"))
        Decimal('-35.09')
    """
    now = to_decimal(current, field="current")
    before = _denominator(previous, "previous")
    return divide(exact_context().subtract(now, before), before)


def share(part: object, total: object) -> Decimal:
    """占比 (share): ``part / total``.

    Args:
        part: 部分, the amount of one item.
        total: 合计, the total; must be > 0.

    Returns:
        The exact ratio. Shares of parts that add up to the total add up to exactly 1 before
        any rounding.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DenominatorError: ``total`` is zero or negative.

    Examples:
        The seed: 基本支出 3,802.05 of 本年支出合计 7,463.89 万元.

        >>> from perfscore import percent
        >>> percent(share("3802.05", "7463.89"))
        Decimal('50.94')
    """
    amount = to_decimal(part, field="part")
    return divide(amount, _denominator(total, "total"))


@exact_arithmetic
def shares(parts: object) -> list[Decimal]:
    """占比 of every part of a whole, adding up to exactly 1 (各项占比，合计恰为 1).

    ``share(part, sum(parts))`` for each part, except that a quotient that does not terminate
    (1/3) is rounded to [`RATIO_PRECISION`][perfscore.numbers.RATIO_PRECISION] (50) decimal places so that the
    shares add up to exactly 1: the rounding remainder goes to the parts with the largest
    remainders (largest-remainder method). Each share is within ``10**-50`` of the true quotient.

    Args:
        parts: A non-empty sequence of amounts, each ≥ 0, with a sum > 0.

    Returns:
        The shares, in the order of ``parts``.

    Raises:
        InvalidNumberError: A part is not a usable number.
        DomainError: ``parts`` is not a non-empty sequence, or a part is negative.
        DenominatorError: The parts add up to zero.

    Examples:
        >>> from fractions import Fraction
        >>> thirds = shares(["1", "1", "1"])
        >>> thirds[0]
        Decimal('0.33333333333333333333333333333333333333333333333334')
        >>> sum(map(Fraction, thirds))  # exact, unlike the ambient 28-digit decimal sum
        Fraction(1, 1)
    """
    if isinstance(parts, (str, bytes)) or not isinstance(parts, Sequence) or len(parts) == 0:
        raise DomainError("parts", f"must be a non-empty sequence of amounts, got {type(parts).__name__}")
    if len(parts) > 1_000_000:
        raise DomainError("parts", f"must have at most 1,000,000 items, got {len(parts)}")
    amounts = [_non_negative(part, f"parts[{index}]") for index, part in enumerate(parts)]
    context = exact_context()
    total = sum(amounts, Decimal(0))
    if total <= 0:
        raise DenominatorError("parts", "must add up to more than 0")
    # Exact rational arithmetic on a grid of 10**-scale: floor every share onto the grid, then
    # hand the missing grid units to the largest remainders.
    scale = RATIO_PRECISION
    grid = 10**scale
    exact = [Fraction(amount) * grid / Fraction(total) for amount in amounts]
    floors = [math.floor(value) for value in exact]
    missing = grid - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda index: (floors[index] - exact[index], index))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return [
        context.multiply(Decimal(units), Decimal(1).scaleb(-scale)).normalize(context) for units in floors
    ]


def carryover_rate(carryover: object, *, expenditure: object = None, budget: object = None) -> Decimal:
    """结转结余率 (carry-over rate), with the denominator named.

    Forms disagree on the denominator, so the caller names it: ``expenditure=`` (支出完成数, the
    common definition: 结转结余总额 / 支出完成数) or ``budget=`` (预算数, used by some provincial
    forms). Exactly one must be given.

    Args:
        carryover: 结转结余总额; must be ≥ 0.
        expenditure: 支出完成数, when the form divides by spending; must be > 0.
        budget: 预算数, when the form divides by the budget; must be > 0.

    Returns:
        The exact ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``carryover`` is negative, or not exactly one denominator was given.
        DenominatorError: The denominator is zero or negative.

    Examples:
        The seed: 结转结余 3.45 万元 against 支出 7,463.89 万元.

        >>> from perfscore import percent
        >>> percent(carryover_rate("3.45", expenditure="7463.89"))
        Decimal('0.05')
    """
    if (expenditure is None) == (budget is None):
        raise DomainError(
            "expenditure/budget",
            "give exactly one denominator: expenditure= (支出完成数) or budget= (预算数)",
        )
    amount = _non_negative(carryover, "carryover")
    if expenditure is not None:
        return divide(amount, _denominator(expenditure, "expenditure"))
    return divide(amount, _denominator(budget, "budget"))


def staffing_rate(staff: object, authorized: object) -> Decimal:
    """在职人员控制率 (staffing control rate): ``staff / authorized``.

    Used by department-overall forms ("在职人员控制率 ≤ 100% 计满分"), usually scored with a
    [`perfscore.rules.Deduction`][perfscore.rules.Deduction] rule.

    Args:
        staff: 在职人数, people in post; must be ≥ 0.
        authorized: 编制数, the authorised headcount; must be > 0.

    Returns:
        The exact ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``staff`` is negative.
        DenominatorError: ``authorized`` is zero or negative.

    Examples:
        >>> staffing_rate(129, 120)
        Decimal('1.075')
    """
    people = _non_negative(staff, "staff")
    return divide(people, _denominator(authorized, "authorized"))


# -- the rates of the common indicator frameworks (财预〔2013〕53号) ----------------------------
#
# One helper for the eight ratios "amount ≥ 0 over an amount > 0" and one for the two changes
# "(this year − last year) / last year", so that each public function is its definition.


def _ratio(numerator: object, numerator_field: str, denominator: object, denominator_field: str) -> Decimal:
    amount = _non_negative(numerator, numerator_field)
    return divide(amount, _denominator(denominator, denominator_field))


def _year_on_year(current: object, previous: object) -> Decimal:
    now = _non_negative(current, "current")
    before = _denominator(previous, "previous")
    return divide(exact_context().subtract(now, before), before)


def budget_adjustment_rate(adjustment: object, budget: object) -> Decimal:
    """预算调整率 (budget adjustment rate): ``adjustment / budget``.

    财预〔2013〕53号 (部门整体支出绩效评价共性指标体系框架, 过程/预算执行): 预算调整率 =
    预算调整数 ÷ 预算数 × 100%, where 预算调整数 is the total of the year's additions, reductions
    and structural adjustments (追加、追减或结构调整的资金总和) — adjustments made to carry out
    national policy, for force majeure or for tasks assigned by the government during the year
    are left out. Pass that total; forms that measure the net change pass
    ``调整后预算数 − 年初预算数`` instead, which may be negative (a net 追减), so ``adjustment``
    may have either sign.

    Args:
        adjustment: 预算调整数 (either sign).
        budget: 预算数, the budget approved at the start of the year (年初预算数); must be > 0.

    Returns:
        The exact signed ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        The seed (攀枝花市委办公室 2023): 年初预算数 4,283.43 万元, raised during the year to the
        7,463.89 万元 that was spent (完成预算100%), a net adjustment of 3,180.46 万元:

        >>> from perfscore import percent
        >>> percent(budget_adjustment_rate("3180.46", "4283.43"))
        Decimal('74.25')
    """
    change = to_decimal(adjustment, field="adjustment")
    if change.is_zero():
        change = change.copy_abs()  # no adjustment (-0 included) is 0, never "-0.00%"
    return divide(change, _denominator(budget, "budget"))


def payment_progress_rate(actual: object, planned: object) -> Decimal:
    """支付进度率 (payment progress rate): ``actual / planned``.

    财预〔2013〕53号 (过程/预算执行): 支付进度率 = 实际支付进度 ÷ 既定支付进度 × 100%. 实际支付进度
    is the share of the year's expenditure budget paid by a date; 既定支付进度 the share the unit
    set for that date in its 整体绩效目标 (from the time-proportional schedule, the previous three
    years and comparable units). Both may be given as ratios (0.45) or percentages (45) — the
    quotient is the same — or as amounts (已支付数 and 应支付数 by the date).

    Args:
        actual: 实际支付进度 (or 已支付数); must be ≥ 0.
        planned: 既定支付进度 (or 应支付数); must be > 0.

    Returns:
        The exact ratio (above 1 when payment ran ahead of schedule).

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``actual`` is negative.
        DenominatorError: ``planned`` is zero or negative.

    Examples:
        Half-year progress 42% against a schedule of 50%:

        >>> payment_progress_rate(42, 50)
        Decimal('0.84')
    """
    return _ratio(actual, "actual", planned, "planned")


def three_public_control_rate(actual: object, budget: object) -> Decimal:
    """“三公”经费控制率 (control rate of the "three public" expenses): ``actual / budget``.

    财预〔2013〕53号 (过程/预算执行): "三公经费"控制率 = "三公经费"实际支出数 ÷ "三公经费"预算安排数
    × 100%. The "三公" expenses are 因公出国（境）费, 公务用车购置及运行费 and 公务接待费.

    Args:
        actual: "三公"经费实际支出数; must be ≥ 0.
        budget: "三公"经费预算安排数; must be > 0.

    Returns:
        The exact ratio (above 1 when the budget was overspent).

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``actual`` is negative.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        The seed: 市委办公室（本级）"三公"经费 27.85 万元, 完成预算100% (决算数与预算数持平):

        >>> from perfscore import percent
        >>> percent(three_public_control_rate("27.85", "27.85"))
        Decimal('100.00')
    """
    return _ratio(actual, "actual", budget, "budget")


def three_public_change_rate(current: object, previous: object) -> Decimal:
    """“三公”经费变动率 (change of the "three public" expenses): ``(current − previous) / previous``.

    财预〔2013〕53号 (投入/预算配置): "三公经费"变动率 = (本年度"三公经费"总额 − 上年度"三公经费"
    总额) ÷ 上年度"三公经费"总额 × 100%. Some provincial forms compare 预算数 with 预算数; pass
    whichever pair the form names. Scored by "变动率 ≤ 0 计满分，每超过一个百分点扣 d 分" (a
    `Deduction` with threshold 0) on most forms.

    Args:
        current: 本年度"三公"经费总额; must be ≥ 0.
        previous: 上年度"三公"经费总额; must be > 0 (a change against nothing has no rate).

    Returns:
        The exact signed ratio, negative for a decrease.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``current`` is negative.
        DenominatorError: ``previous`` is zero or negative.

    Examples:
        The seed: 市委办公室（本级）"三公"经费 27.85 万元, 较上年减少6.5万元，下降18.92%:

        >>> from perfscore import percent
        >>> percent(three_public_change_rate("27.85", "34.35"))
        Decimal('-18.92')
    """
    return _year_on_year(current, previous)


def public_expense_control_rate(actual: object, budget: object) -> Decimal:
    """公用经费控制率 (control rate of the public expenses): ``actual / budget``.

    财预〔2013〕53号 (过程/预算执行): 公用经费控制率 = 实际支出公用经费总额 ÷ 预算安排公用经费总额
    × 100%.

    Args:
        actual: 实际支出公用经费总额; must be ≥ 0.
        budget: 预算安排公用经费总额; must be > 0.

    Returns:
        The exact ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``actual`` is negative.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        >>> public_expense_control_rate(45, 50)
        Decimal('0.9')
    """
    return _ratio(actual, "actual", budget, "budget")


def procurement_execution_rate(actual: object, budget: object) -> Decimal:
    """政府采购执行率 (government procurement execution rate): ``actual / budget``.

    财预〔2013〕53号 (过程/预算执行): 政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%, where
    政府采购预算 is the procurement budget approved for the year.

    Args:
        actual: 实际政府采购金额; must be ≥ 0.
        budget: 政府采购预算数; must be > 0 (a unit with no procurement budget has no rate: the
            leaf is not applicable).

    Returns:
        The exact ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``actual`` is negative.
        DenominatorError: ``budget`` is zero or negative.

    Examples:
        A city's first quarter of 2013: 政府采购预算 16,368.51 万元, 实际采购金额 14,993.34 万元
        (the report prints the complement, 节约率 8.40%):

        >>> from perfscore import percent
        >>> percent(procurement_execution_rate("14993.34", "16368.51"))
        Decimal('91.60')
    """
    return _ratio(actual, "actual", budget, "budget")


def funds_arrival_rate(arrived: object, planned: object) -> Decimal:
    """资金到位率 (funds arrival rate): ``arrived / planned``.

    财预〔2013〕53号 (项目支出绩效评价共性指标体系框架, 投入/资金落实): 资金到位率 = 实际到位资金 ÷
    计划投入资金 × 100%, 实际到位资金 being the funds actually received in the period and 计划投入
    资金 the funds planned for it.

    Args:
        arrived: 实际到位资金; must be ≥ 0.
        planned: 计划投入资金; must be > 0.

    Returns:
        The exact ratio.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``arrived`` is negative.
        DenominatorError: ``planned`` is zero or negative.

    Examples:
        >>> funds_arrival_rate(90, 90)
        Decimal('1')
    """
    return _ratio(arrived, "arrived", planned, "planned")


def key_expenditure_rate(key: object, total: object) -> Decimal:
    """重点支出安排率 (share of key expenditure): ``key / total``.

    财预〔2013〕53号 (投入/预算配置): 重点支出安排率 = 重点项目支出 ÷ 项目总支出 × 100%. 重点项目支出
    is the budgeted spending on the projects closest to the unit's duties (与本部门履职和发展密切
    相关、具有明显社会和经济影响、党委政府关心或社会比较关注的项目); 项目总支出 all budgeted project
    spending. The key projects are among all projects, so ``key`` cannot exceed ``total``.

    Args:
        key: 重点项目支出; must be ≥ 0 and ≤ ``total``.
        total: 项目总支出; must be > 0.

    Returns:
        The exact ratio, from 0 to 1.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``key`` is negative or exceeds ``total``.
        DenominatorError: ``total`` is zero or negative.

    Examples:
        >>> key_expenditure_rate(300, 400)
        Decimal('0.75')
    """
    part = _non_negative(key, "key")
    whole = _denominator(total, "total")
    if part > whole:
        raise DomainError("key", f"must not exceed total ({whole}), got {part}")
    return divide(part, whole)


def carryover_change_rate(current: object, previous: object) -> Decimal:
    """结转结余变动率 (change of carry-over funds): ``(current − previous) / previous``.

    财预〔2013〕53号 (过程/预算执行): 结转结余变动率 = (本年度累计结转结余资金总额 − 上年度累计结转
    结余资金总额) ÷ 上年度累计结转结余资金总额 × 100%.

    Args:
        current: 本年度累计结转结余资金总额; must be ≥ 0.
        previous: 上年度累计结转结余资金总额; must be > 0 (no carry-over last year: no rate).

    Returns:
        The exact signed ratio, negative when carry-over shrank.

    Raises:
        InvalidNumberError: An argument is not a usable number.
        DomainError: ``current`` is negative.
        DenominatorError: ``previous`` is zero or negative.

    Examples:
        >>> carryover_change_rate("3.45", "4.6")
        Decimal('-0.25')
    """
    return _year_on_year(current, previous)


class NamedRate(NamedTuple):
    """A rate by name, for lists and the ``perfscore rate`` command (比率名录).

    Attributes:
        kind: The command-line name (``procurement-execution-rate``).
        name_zh: The Chinese name (政府采购执行率).
        name_en: The English name.
        arguments: The function's two argument names, numerator first.
        function: The function.
        arguments_zh: What each argument is, in the form's words.
    """

    kind: str
    name_zh: str
    name_en: str
    arguments: tuple[str, str]
    function: Callable[[object, object], Decimal]
    arguments_zh: tuple[str, str]


COMMON_RATES: Final[tuple[NamedRate, ...]] = (
    NamedRate(
        "key-expenditure-rate",
        "重点支出安排率",
        "key expenditure rate",
        ("key", "total"),
        key_expenditure_rate,
        ("重点项目支出", "项目总支出"),
    ),
    NamedRate(
        "three-public-change-rate",
        '"三公"经费变动率',
        '"three public" change rate',
        ("current", "previous"),
        three_public_change_rate,
        ("本年度总额", "上年度总额"),
    ),
    NamedRate(
        "budget-adjustment-rate",
        "预算调整率",
        "budget adjustment rate",
        ("adjustment", "budget"),
        budget_adjustment_rate,
        ("预算调整数", "预算数"),
    ),
    NamedRate(
        "payment-progress-rate",
        "支付进度率",
        "payment progress rate",
        ("actual", "planned"),
        payment_progress_rate,
        ("实际支付进度", "既定支付进度"),
    ),
    NamedRate(
        "carryover-change-rate",
        "结转结余变动率",
        "carry-over change rate",
        ("current", "previous"),
        carryover_change_rate,
        ("本年度累计结转结余资金总额", "上年度累计结转结余资金总额"),
    ),
    NamedRate(
        "public-expense-control-rate",
        "公用经费控制率",
        "public expense control rate",
        ("actual", "budget"),
        public_expense_control_rate,
        ("实际支出公用经费总额", "预算安排公用经费总额"),
    ),
    NamedRate(
        "three-public-control-rate",
        '"三公"经费控制率',
        '"three public" control rate',
        ("actual", "budget"),
        three_public_control_rate,
        ('"三公"经费实际支出数', '"三公"经费预算安排数'),
    ),
    NamedRate(
        "procurement-execution-rate",
        "政府采购执行率",
        "procurement execution rate",
        ("actual", "budget"),
        procurement_execution_rate,
        ("实际政府采购金额", "政府采购预算数"),
    ),
    NamedRate(
        "funds-arrival-rate",
        "资金到位率",
        "funds arrival rate",
        ("arrived", "planned"),
        funds_arrival_rate,
        ("实际到位资金", "计划投入资金"),
    ),
)
"""The rates of 财预〔2013〕53号's common indicator frameworks, in the frameworks' order."""
