"""The 项目资金 block: ProjectFunds, its rows, its file sections and the 预算执行率 leaf it feeds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore.testing as pst
from perfscore import Framework, Indicator, ObservationError
from perfscore.errors import DenominatorError, FileFormatError
from perfscore.funds import COLUMNS, FundsRow, ProjectFunds, funds_from_dict
from perfscore.io import loads_observations, observations_from_dict, observations_to_data
from perfscore.observations import Metadata, Observations
from perfscore.rules import ExecutionRate, Manual


def project_funds() -> st.SearchStrategy[ProjectFunds]:
    """A valid block: sources, with or without the total they add up to."""
    return pst.project_funds()


def _project(points: int = 10) -> Framework:
    return Framework(
        "项目",
        [
            Indicator("A", "预算执行率", points, rule=ExecutionRate()),
            Indicator("B", "产出指标", 100 - points, rule=Manual()),
        ],
    )


# ---------------------------------------------------------------------------------------------
# Rows and the block


def test_a_row_reads_amounts_as_printed() -> None:
    row = FundsRow(initial="72,890", annual=Decimal("1.5"), executed=0)
    assert row.to_dict() == {"initial": Decimal(72890), "annual": Decimal("1.5"), "executed": Decimal(0)}


@pytest.mark.parametrize("column", COLUMNS)
def test_a_negative_amount_is_refused_by_field(column: str) -> None:
    with pytest.raises(ObservationError, match=rf"^funds\.fiscal\.{column}: must not be negative"):
        ProjectFunds(fiscal={column: -1})


def test_a_bad_amount_names_the_field() -> None:
    with pytest.raises(ObservationError, match=r"^funds\.other\.annual: "):
        ProjectFunds(other={"annual": "many"})
    with pytest.raises(ObservationError, match=r"^funds\.total\.executed: "):
        ProjectFunds(total={"executed": float("nan")})


def test_a_block_needs_a_row() -> None:
    with pytest.raises(ObservationError, match=r"^funds: needs 年度资金总额"):
        ProjectFunds()
    with pytest.raises(ObservationError, match=r"^funds: "):
        ProjectFunds(fiscal={})  # a blank row is no row


def test_sources_that_do_not_add_up_are_refused_with_the_sum() -> None:
    with pytest.raises(ObservationError) as caught:
        ProjectFunds(total=[100, 100, 90], fiscal=[80, 80, 70], carryover=[20, 20, 10])
    assert caught.value.field == "funds.total.executed"
    assert "本年财政拨款 70 + 上年结转资金 10 = 80, but 年度资金总额 is 90" in caught.value.message


def test_a_blank_source_cell_counts_as_zero() -> None:
    funds = ProjectFunds(total=[100, 100, 90], fiscal=[100, 100, 90], other={"executed": 0})
    assert funds.execution() == Decimal("0.9")


def test_only_sources_give_the_total() -> None:
    funds = ProjectFunds(fiscal=[80, 80, 70], carryover={"annual": 20, "executed": 10})
    assert funds.total == FundsRow(initial=80, annual=100, executed=80)


def test_a_row_as_a_list_needs_three_amounts() -> None:
    with pytest.raises(ObservationError, match=r"^funds\.total: as a list must hold 3 amounts"):
        ProjectFunds(total=[1, 2])


def test_unknown_rows_and_columns_are_named() -> None:
    with pytest.raises(ObservationError, match=r"^funds\.special: is not a row"):
        funds_from_dict({"special": [1, 1, 1]})
    with pytest.raises(ObservationError, match=r"^funds\.total\.spent: is not a column"):
        funds_from_dict({"total": {"spent": 1}})
    with pytest.raises(ObservationError, match=r"^funds\.currency: must be one of"):
        funds_from_dict({"total": [1, 1, 1], "currency": "dollars"})


def test_chinese_names_are_read() -> None:
    funds = funds_from_dict(
        {"年度资金总额": {"年初预算数": 10, "全年预算数": 12, "全年执行数": 11}, "财政拨款": [10, 12, 11]}
    )
    assert funds.fiscal == FundsRow(10, 12, 11)


# ---------------------------------------------------------------------------------------------
# 执行率, 偏离度, 0/0


def test_execution_against_the_annual_budget() -> None:
    funds = ProjectFunds(total=[100, 80, 60])
    assert funds.execution() == funds.execution("annual") == Decimal("0.75")
    assert funds.execution("initial") == Decimal("0.6")


def test_the_initial_only_variant() -> None:
    funds = ProjectFunds(total={"initial": 80, "executed": 60})
    assert funds.execution() == Decimal("0.75")
    with pytest.raises(ObservationError, match=r"^funds\.total\.annual: is needed"):
        funds.execution("annual")


def test_nothing_budgeted_nothing_spent_is_an_error() -> None:
    with pytest.raises(DenominatorError, match=r"^funds\.total\.annual: is 0: nothing was budgeted"):
        ProjectFunds(total=[0, 0, 0]).execution()
    with pytest.raises(DenominatorError, match=r"spending against 0"):
        ProjectFunds(total=[0, 0, 5]).execution()


def test_deviation_against_the_initial_budget() -> None:
    assert ProjectFunds(total=[100, 120, 110]).deviation() == Decimal("0.1")
    with pytest.raises(ObservationError, match=r"^funds\.total\.initial: is needed for 预算偏离度"):
        ProjectFunds(total={"annual": 1, "executed": 1}).deviation()
    with pytest.raises(DenominatorError, match=r"^funds\.total\.initial: "):
        ProjectFunds(total=[0, 1, 1]).deviation()


def test_an_unknown_denominator_is_refused() -> None:
    with pytest.raises(ObservationError, match=r"^denominator: "):
        ProjectFunds(total=[1, 1, 1]).execution("budget")  # type: ignore[arg-type]


@given(project_funds())
def test_sources_add_up_to_the_total(funds: ProjectFunds) -> None:
    for column in COLUMNS:
        parts = [getattr(row, column) for row in (funds.fiscal, funds.carryover, funds.other) if row]
        given_parts = [part for part in parts if part is not None]
        if given_parts:
            assert getattr(funds.overall, column) == sum(given_parts, Decimal(0))


@given(project_funds(), st.sampled_from(["auto", "annual", "initial"]))
def test_execution_is_a_ratio_from_zero_up_and_points_stay_in_bounds(funds: ProjectFunds, how: str) -> None:
    try:
        rate = funds.execution(how)  # type: ignore[arg-type]
    except (ObservationError, DenominatorError):  # a blank amount or a zero budget: no rate
        return
    assert rate >= 0
    executed, budget, _, _ = funds.execution_terms(how)  # type: ignore[arg-type]
    assert rate * budget == executed or abs(rate * budget - executed) < Decimal("1e-40") * budget
    if how == "auto":
        award = ExecutionRate().score(funds, 10)
        assert Decimal(0) <= award.points <= 10
        assert award.points == 10 or rate < 1


@given(project_funds())
def test_funds_round_trip_through_plain_data(funds: ProjectFunds) -> None:
    assert funds_from_dict(funds.to_dict()) == funds


# ---------------------------------------------------------------------------------------------
# The 预算执行率 leaf


def test_the_rule_explains_the_block() -> None:
    award = ExecutionRate().score(ProjectFunds(total=[100, 90, 81]), 10)
    assert award.points == Decimal("9.00")
    assert award.explanation_zh == "全年执行数 81 ÷ 全年预算数 90 = 90.00%，90.00% × 10 分 = 9.00 分"
    assert award.explanation_en == "executed 81 ÷ annual budget 90 = 90.00%: 90.00% × 10 points = 9.00 points"
    initial = ExecutionRate().score(ProjectFunds(total={"initial": 90, "executed": 81}), 10)
    assert initial.explanation_zh.startswith("全年执行数 81 ÷ 年初预算数 90 = 90.00%")


def test_the_rule_names_the_leaf_and_the_field() -> None:
    with pytest.raises(ObservationError, match=r"^A\.funds\.total\.annual: is 0"):
        ExecutionRate().score(ProjectFunds(total=[0, 0, 0]), 10, field="A")


def test_for_scoring_feeds_the_execution_leaf() -> None:
    framework = _project()
    observations = Observations({"B": 80}, funds=ProjectFunds(fiscal=[100, 100, 95]))
    result = framework.score(observations.for_scoring(framework))
    assert result["A"].awarded == Decimal("9.50")
    assert result.total == Decimal("89.50")


def test_score_feeds_the_block_itself_and_for_scoring_is_idempotent() -> None:
    framework = _project()
    observations = Observations({"B": 80}, funds=ProjectFunds(fiscal=[100, 100, 95]))
    fed = observations.for_scoring(framework)
    assert fed.for_scoring(framework) == fed
    assert framework.score(observations) == framework.score(fed)
    assert framework.score(observations)["A"].awarded == Decimal("9.50")


def test_for_scoring_refuses_the_amounts_twice() -> None:
    framework = _project()
    observations = Observations({"A": 1, "B": 80}, funds=ProjectFunds(total=[1, 1, 1]))
    with pytest.raises(ObservationError, match=r"^A: has an observation and the 项目资金 block"):
        observations.for_scoring(framework)


def test_for_scoring_without_funds_is_the_same() -> None:
    observations = Observations({"A": 1, "B": 80})
    assert observations.for_scoring(_project()) is observations


def test_for_scoring_checks_the_reasons_codes() -> None:
    observations = Observations({"A": 1, "B": 80}, reasons={"Z": "原因"})
    with pytest.raises(ObservationError, match=r"^Z: is not an indicator"):
        observations.for_scoring(_project())


# ---------------------------------------------------------------------------------------------
# Files


_FILE = """
[meta]
project = "委托业务项目"
department = "池州市贵池区棠溪镇人民政府"
implementer = "池州市贵池区棠溪镇人民政府"
goal = "完成委托业务"
outcome = "已完成"

[funds.fiscal]
initial = 90
annual = "89.974"
executed = "89.974"

[reasons]
B = "部分任务未完成，下一步加强管理"

[observations]
B = 80
"""


def test_a_file_with_funds_reasons_and_the_new_meta() -> None:
    observations = loads_observations(_FILE)
    assert observations.meta.project == "委托业务项目"
    assert observations.meta.outcome == "已完成"
    assert observations.funds is not None
    assert observations.funds.total == FundsRow(90, "89.974", "89.974")
    assert observations.reasons == {"B": "部分任务未完成，下一步加强管理"}
    result = _project().score(observations.for_scoring(_project()))
    assert result["A"].awarded == Decimal("10.00")


def test_file_errors_name_the_path() -> None:
    with pytest.raises(FileFormatError, match=r"^funds\.fiscal\.executed: must not be negative"):
        loads_observations("[observations]\n[funds.fiscal]\nexecuted = -1\n")
    with pytest.raises(FileFormatError, match=r"^funds\.total\.initial: the sources must add up"):
        loads_observations(
            '[observations]\n[funds]\n"年度资金总额" = [0, 0, 0]\n"本年财政拨款" = [90, 1, 1]\n'
        )
    with pytest.raises(FileFormatError, match=r"^reasons\.B: must be a non-empty text"):
        loads_observations("[observations]\n[reasons]\nB = 3\n")
    with pytest.raises(FileFormatError, match=r"^reasons: must be a table"):
        loads_observations('observations = {}\nreasons = "x"\n')
    with pytest.raises(FileFormatError, match=r"^funds: must be a table"):
        loads_observations('observations = {}\nfunds = "x"\n')


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda text: bool(text.strip()))


@given(
    project_funds(),
    st.dictionaries(st.sampled_from(["A", "B"]), _TEXT.map(str.strip), max_size=2),
    st.one_of(st.none(), _TEXT.map(str.strip)),
    st.booleans(),
)
def test_funds_and_reasons_round_trip_through_files(
    funds: ProjectFunds, reasons: dict[str, str], project: str | None, as_text: bool
) -> None:
    observations = Observations(
        {"B": 80}, meta=Metadata(project=project, goal=project), funds=funds, reasons=reasons
    )
    data = observations_to_data(observations, decimals_as_text=as_text)
    assert observations_from_dict(data) == observations
    text = loads_observations(
        __import__("json").dumps(
            observations_to_data(observations, decimals_as_text=True), ensure_ascii=False
        ),
        format="json",
    )
    assert text == observations


@given(project_funds(), st.sampled_from([".toml", ".json"]))
def test_funds_round_trip_through_dump_and_load(funds: ProjectFunds, suffix: str) -> None:
    import tempfile  # noqa: PLC0415 - a fresh file per example (tmp_path is per test)
    from pathlib import Path  # noqa: PLC0415

    from perfscore.io import dump_observations, load_observations  # noqa: PLC0415

    observations = Observations({"B": 80}, funds=funds, reasons={"B": "原因"})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"observations{suffix}"
        dump_observations(observations, path)
        assert load_observations(path) == observations


def test_the_documented_funds_file_loads() -> None:
    """The [funds]/[reasons]/[stated] example of docs/file-format.md is a valid file."""
    import re  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    page = (Path(__file__).resolve().parent.parent / "docs" / "file-format.md").read_text(encoding="utf-8")
    block = next(
        text for text in re.findall(r"```toml\n(.*?)```", page, flags=re.DOTALL) if "[funds]" in text
    )
    observations = loads_observations(block)
    assert observations.funds is not None
    assert observations.funds.total == FundsRow(90, "89.974", "89.974")
    assert observations.meta.implementer == "池州市贵池区棠溪镇人民政府"
    assert observations.stated["total"] == 58


def test_from_dict_and_repr() -> None:
    funds = ProjectFunds.from_dict({"other": [1, 2, 2]})
    assert funds == ProjectFunds(other=[1, 2, 2])
    assert str(funds) == "项目资金（万元）：年初预算数 1，全年预算数 2，全年执行数 2"
    with pytest.raises(ObservationError, match=r"^project\.other\.initial: "):
        ProjectFunds.from_dict({"other": [-1, 2, 2]}, field="project")
    observations = Observations({"A": 1}, funds=funds, reasons={"A": "说明"})
    assert "funds=ProjectFunds(" in repr(observations)
    assert "reasons={'A': '说明'}" in repr(observations)
    assert observations != Observations({"A": 1}, funds=funds)
    assert observations == {"A": 1}  # against a plain mapping only the values count


def test_the_ambient_decimal_context_does_not_round_the_sums() -> None:
    import decimal  # noqa: PLC0415

    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        funds = ProjectFunds(fiscal=["1234.56", "1234.56", "1000.01"], other=["0.01", "0.01", "0.01"])
        assert funds.overall == FundsRow("1234.57", "1234.57", "1000.02")
        assert ProjectFunds(total=funds.total, fiscal=funds.fiscal, other=funds.other) == funds
        from perfscore.audit import check_funds  # noqa: PLC0415

        assert check_funds({"total": ["1234.57"] * 3, "fiscal": ["1234.56"] * 3, "other": ["0.01"] * 3}) == ()


@given(project_funds(), st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**6), places=3))
def test_spending_more_never_lowers_the_rate_or_the_points(funds: ProjectFunds, more: Decimal) -> None:
    """Monotonic in 全年执行数: more executed, from the 其他资金 row, never scores less."""
    try:
        before = funds.execution()
    except (ObservationError, DenominatorError):
        return
    other = funds.other or FundsRow()
    richer = ProjectFunds(
        fiscal=funds.fiscal,
        carryover=funds.carryover,
        other=FundsRow(other.initial, other.annual, (other.executed or 0) + more),
    )
    if funds.fiscal is None and funds.carryover is None and funds.other is None:
        richer = ProjectFunds(
            total=FundsRow(funds.overall.initial, funds.overall.annual, funds.overall.executed + more)
        )
    assert richer.execution() > before
    assert ExecutionRate().score(richer, 10).points >= ExecutionRate().score(funds, 10).points


@given(project_funds())
def test_auto_is_annual_when_given_else_initial(funds: ProjectFunds) -> None:
    """The documented ``denominator="auto"``: 全年预算数 when the total row gives it, else 年初预算数."""
    chosen = "annual" if funds.overall.annual is not None else "initial"
    try:
        expected = funds.execution(chosen)  # type: ignore[arg-type]
    except (ObservationError, DenominatorError) as error:
        with pytest.raises(type(error), match=f"^{error.field}: "):
            funds.execution("auto")
        return
    assert funds.execution("auto") == expected


@pytest.mark.parametrize(
    "text", ["72,890元", "7.289万元", "1亿元", "5 千元", "90%", "90％", "８９．９７４万元"]
)
def test_an_amount_with_a_unit_is_refused(text: str) -> None:
    """ "72,890元" in a 万元 block was read as 72,890 万元 (and "1亿元" as 1 万元): the unit was dropped."""
    with pytest.raises(ObservationError, match=r"^funds\.total\.initial: give the amount without a unit"):
        ProjectFunds(total={"initial": text, "annual": 1, "executed": 1}, currency="元")


@pytest.mark.parametrize(
    ("cells", "currency", "expected"),
    [
        (["150万", "150万元", "125.25万"], "万元", ("150", "150", "125.25")),
        (["72,890元", "1,000千元", "1亿元"], "万元", ("7.2890", "100.0", "10000")),
        (["7.289万元", "72,890元", "1千元"], "元", ("72890.000", "72890", "1000")),
    ],
)
def test_a_block_as_data_converts_printed_units_into_its_currency(cells, currency, expected) -> None:
    funds = funds_from_dict({"fiscal": cells, "currency": currency})
    assert (funds.total.initial, funds.total.annual, funds.total.executed) == tuple(map(Decimal, expected))


def test_a_block_names_an_unknown_currency_before_its_rows() -> None:
    with pytest.raises(ObservationError, match=r"^funds\.currency: must be one of"):
        funds_from_dict({"fiscal": ["150万", 1, 1], "currency": "美元"})


@pytest.mark.parametrize("text", ["NaN万", "1e999999万", "Infinity元"])
def test_a_unit_on_no_number_is_refused_by_row(text) -> None:
    with pytest.raises(ObservationError, match=r"^funds\.fiscal: cannot read the amount"):
        funds_from_dict({"fiscal": [text, 1, 1]})
