"""The ``perfscore`` command (命令行).

Subcommands: ``score`` (score observations against a framework; table, JSON, CSV or the Excel
自评表), ``rate`` (one budget rate), ``frameworks`` (the built-in templates), ``demo`` (the seed
report), ``audit`` (a 部门决算 text), ``--version``. Exit codes: 0 success, 1 an audit found
problems, 2 bad input or usage (one line on stderr that names the problem, never a traceback),
141 when the reader of the output went away (a broken pipe, as in ``perfscore … | head -1``).
Every command takes ``--json``: its output is one JSON document on stdout, and so is an error
(``{"error": {...}}``, nothing on stderr), with the same exit codes. A path ``-`` reads stdin.
Rendering lives in [`perfscore.report`][perfscore.report]; this module only parses arguments and
reports errors.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, ParamSpec

from perfscore import __version__
from perfscore.audit import audit_file, render_json, render_text
from perfscore.errors import PerfscoreError
from perfscore.framework import Framework
from perfscore.numbers import parse_amount, percent
from perfscore.rates import (
    COMMON_RATES,
    budget_deviation,
    carryover_rate,
    change_rate,
    execution_rate,
    share,
    staffing_rate,
)

if TYPE_CHECKING:
    from perfscore.observations import Observations

__all__ = ["EXIT_BROKEN_PIPE", "main"]

_P = ParamSpec("_P")

# Figures of the seed, as printed in the 2023 部门决算 of 攀枝花市委办公室 (万元).
_SEED_RATES: tuple[tuple[str, str, str, str], ...] = (
    ("预算偏离度 budget deviation", "budget_deviation", "7463.89", "4283.43"),
    ("收支总计增减率 change of total", "change_rate", "7467.34", "11503.49"),
    ("财政拨款收支总计增减率 change of appropriations", "change_rate", "7463.89", "11487.27"),
    ("基本支出占比 share of basic expenditure", "share", "3802.05", "7463.89"),
    ("项目支出占比 share of project expenditure", "share", "3661.84", "7463.89"),
)


SEED: str = "seed-panzhihua-2023"
"""The built-in framework (and observations) the demo scores."""


def _demo(as_json: bool = False) -> int:
    from perfscore.frameworks import load_builtin, load_builtin_observations  # noqa: PLC0415
    from perfscore.report import render_budget, render_table  # noqa: PLC0415

    framework = load_builtin(SEED)
    observations = load_builtin_observations(SEED)
    result = framework.score(observations)
    functions = {"budget_deviation": budget_deviation, "change_rate": change_rate, "share": share}
    if as_json:
        rates = [
            {
                "label": label,
                "rate": name,
                "arguments": [first, second],
                "ratio": functions[name](first, second),
                "percent": percent(functions[name](first, second)),
            }
            for label, name, first, second in _SEED_RATES
        ]
        budget = observations.budget.to_dict() if observations.budget is not None else None
        _print_json({"result": result.to_dict(), "budget": budget, "currency": "万元", "rates": rates})
        return 0
    print("攀枝花市委办公室 2023 部门整体支出绩效自评 — the seed report's self-evaluation")
    print("(maxima ASSUMED: the report publishes the scores, not the form's maxima; see docs/seed.md)")
    print()
    print(render_table(result))
    if observations.budget is not None:
        print(render_budget(observations.budget))
    print()
    print("攀枝花市委办公室 2023 部门决算 — budget rates (万元)")
    for label, name, first, second in _SEED_RATES:
        value = percent(functions[name](first, second))
        print(f"  {label}: {name}({first}, {second}) = {value}%")
    return 0


def _audit(path: str, output: str) -> int:
    if path == _STDIN:
        from perfscore.audit import MAX_FILE_BYTES, audit_text, decode_report  # noqa: PLC0415
        from perfscore.errors import AuditError  # noqa: PLC0415

        data = _stdin_bytes(MAX_FILE_BYTES, AuditError)
        source = decode_report(data, name=_STDIN_NAME)
        report = audit_text(source.text, source=source.name, encoding=source.encoding)
    else:
        report = audit_file(path)
    print(render_json(report) if output == "json" else render_text(report))
    return 0 if report.consistent else 1


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse prints usage and exits on its own; perfscore prints one line and returns 2.
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


# ---------------------------------------------------------------------------------------------
# --json, stdin, broken pipes

_STDIN: Final = "-"
_STDIN_NAME: Final = "<stdin>"
EXIT_BROKEN_PIPE: Final = 141
"""The exit code after a broken pipe: 128 + SIGPIPE, what a shell reports for such a program."""


def _with_json_option(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Give the command and every subcommand, at any depth, the ``--json`` option.

    Done once on the finished parser, so that a new subcommand has it without a line of its own;
    the command reads it with ``_json(args)``, and ``main`` writes its errors as JSON.
    """
    # SUPPRESS: `perfscore --json score …` and `perfscore score … --json` both set it, neither unsets it.
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="write the output as one JSON document"
    )
    for action in parser._actions:  # argparse has no public walk over subcommands
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                _with_json_option(command)
    return parser


def _json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def _json_default(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")  # exact, as text: no JSON reader turns it into a binary float
    raise TypeError(f"{type(value).__name__} is not JSON")  # pragma: no cover - a bug, not input


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _print_json(data: object) -> None:
    sys.stdout.write(_json_text(data))


def _stdin_bytes(limit: int, error: Callable[[str, str], Exception]) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    # No buffer: a text stream put in place of stdin (by an embedding program, a test).
    data = sys.stdin.read(limit + 1).encode("utf-8") if stream is None else stream.read(limit + 1)
    if len(data) > limit:
        raise error(_STDIN_NAME, f"is larger than {limit // (1024 * 1024)} MiB")
    return data


def _stdin_document(loads: Callable[..., Any]) -> Any:
    """A framework or observations document from stdin: JSON if it starts with ``{``, else TOML."""
    from perfscore.errors import FileFormatError  # noqa: PLC0415
    from perfscore.io import MAX_FILE_BYTES  # noqa: PLC0415

    data = _stdin_bytes(MAX_FILE_BYTES, FileFormatError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileFormatError(
            _STDIN_NAME, f"is not UTF-8 text (byte {error.start} cannot be decoded)"
        ) from None
    try:
        return loads(text, format="json" if text.lstrip().startswith("{") else "toml")
    except FileFormatError as error:
        if error.field == "text":  # the document as a whole: name it as the user did
            raise FileFormatError(_STDIN_NAME, error.message) from None
        raise


def _quiet_on_broken_pipe(run: Callable[_P, int]) -> Callable[_P, int]:
    """Exit with 141 and no traceback when stdout's reader has gone (``perfscore … | head -1``)."""

    @functools.wraps(run)
    def main(*args: _P.args, **kwargs: _P.kwargs) -> int:
        try:
            code = run(*args, **kwargs)
            sys.stdout.flush()  # inside the try: a closed pipe shows here, not at interpreter exit
        except BrokenPipeError:
            try:  # the interpreter flushes stdout again on exit; let that write go nowhere
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):  # stdout replaced by an object without a file
                pass
            return EXIT_BROKEN_PIPE
        return code

    return main


#: The rates of ``perfscore rate``: (kind, Chinese name, English name, argument names, function).
_RATES: Final[tuple[tuple[str, str, str, tuple[str, str], Callable[[Decimal, Decimal], Decimal]], ...]] = (
    ("budget-deviation", "预算偏离度", "budget deviation", ("actual", "budget"), budget_deviation),
    ("execution-rate", "预算执行率", "execution rate", ("executed", "budget"), execution_rate),
    ("change-rate", "增减率", "change rate", ("current", "previous"), change_rate),
    ("share", "占比", "share", ("part", "total"), share),
    ("staffing-rate", "在职人员控制率", "staffing rate", ("staff", "authorized"), staffing_rate),
    *((rate.kind, rate.name_zh, rate.name_en, rate.arguments, rate.function) for rate in COMMON_RATES),
)
_RATE_HELP: Final = {
    "actual": "预算执行数 (amount spent)",
    "budget": "年初预算数 for budget-deviation, 调整后预算数 for execution-rate",
    "executed": "执行数 (amount spent)",
    "current": "本年数",
    "previous": "上年数",
    "part": "部分",
    "total": "合计",
    "staff": "在职人数",
    "authorized": "编制数",
    "adjustment": "预算调整数",
    "planned": "既定支付进度 (payment-progress-rate) or 计划投入资金 (funds-arrival-rate)",
    "arrived": "实际到位资金",
    "key": "重点项目支出",
}
_FORMATS: Final = ("table", "json", "csv", "xlsx")


def _amount(text: str, field: str) -> Decimal:
    # Figures as documents print them: "7,463.89", "7463.89万元", full-width digits.
    return parse_amount(text, field=field)


def _print_rate(
    kind: str,
    name_zh: str,
    name_en: str,
    *,
    arguments: Mapping[str, Decimal],
    ratio: Decimal,
    places: int,
    as_json: bool = False,
) -> None:
    if as_json:
        shown: dict[str, object] = {"rate": kind, "name_zh": name_zh, "name_en": name_en}
        shown |= {"arguments": dict(arguments), "ratio": ratio, "percent": percent(ratio, places)}
        _print_json(shown | {"places": places})
        return
    # Positional arguments as given; a named denominator (carryover-rate) as name=value.
    values = list(arguments.items())
    text = ", ".join(
        format(value, "f") if index < 1 or kind != "carryover-rate" else f"{name}={format(value, 'f')}"
        for index, (name, value) in enumerate(values)
    )
    print(f"{name_zh} ({name_en}) {kind}({text}) = {percent(ratio, places)}%")
    print(f"ratio = {format(ratio, 'f')}")


def _rate(args: argparse.Namespace) -> int:
    places: int = args.places
    if args.kind == "carryover-rate":
        carryover = _amount(args.carryover, "carryover")
        if (args.expenditure is None) == (args.budget is None):
            raise _UsageError(
                "carryover-rate needs exactly one of --expenditure (支出完成数) or --budget (预算数)"
            )
        if args.expenditure is not None:
            denominator, label = _amount(args.expenditure, "expenditure"), "expenditure"
            ratio = carryover_rate(carryover, expenditure=denominator)
        else:
            denominator, label = _amount(args.budget, "budget"), "budget"
            ratio = carryover_rate(carryover, budget=denominator)
        shown = {"carryover": carryover, label: denominator}
        _print_rate(
            args.kind,
            "结转结余率",
            "carry-over rate",
            arguments=shown,
            ratio=ratio,
            places=places,
            as_json=_json(args),
        )
        return 0
    for kind, name_zh, name_en, names, function in _RATES:
        if kind == args.kind:
            first, second = (_amount(getattr(args, name), name) for name in names)
            ratio = function(first, second)
            shown = dict(zip(names, (first, second), strict=True))
            _print_rate(
                kind, name_zh, name_en, arguments=shown, ratio=ratio, places=places, as_json=_json(args)
            )
            return 0
    raise _UsageError(f"unknown rate {args.kind!r}")  # pragma: no cover - argparse checks choices


def _write_text(text: str, output: str | None, *, encoding: str = "utf-8") -> None:
    if output is None:
        sys.stdout.write(text)
        return
    Path(output).write_text(text, encoding=encoding, newline="")


def _score(args: argparse.Namespace) -> int:
    from perfscore import report  # noqa: PLC0415 - loaded with perfscore already; named where used
    from perfscore.io import load_framework, load_observations  # noqa: PLC0415

    if _json(args):
        if args.format not in ("table", "json"):
            raise _UsageError(f"--json writes JSON: drop --format {args.format}")
        args.format = "json"
    if args.format == "xlsx" and args.output is None:
        raise _UsageError("--format xlsx writes a file: give -o FILE.xlsx")
    if args.framework == _STDIN and args.observations == _STDIN:
        raise _UsageError("only one of FRAMEWORK and OBSERVATIONS can be read from stdin (-)")
    framework = _framework(args.framework, load_framework)
    observations = _observations(args.observations, load_observations, framework)
    budget = observations.budget
    result = framework.score(observations)  # its [funds] block feeds 预算执行率 (for_scoring)
    if args.format == "xlsx":
        report.write_xlsx(result, framework, args.output, observations=observations)
    elif args.format == "json":
        _write_text(report.render_json(result), args.output)
    elif args.format == "csv":
        # A BOM lets Excel and WPS open a UTF-8 CSV file with its Chinese intact.
        _write_text(report.render_csv(result), args.output, encoding="utf-8-sig")
    else:
        text = report.render_table(result)
        if budget is not None:  # the observations file's budget figures: 预算偏离度, 预算执行率
            text += "\n" + report.render_budget(budget)
        _write_text(text + "\n", args.output)
    return 0


def _check(args: argparse.Namespace) -> int:
    from perfscore.audit.forms import check_form, render_findings  # noqa: PLC0415
    from perfscore.io import load_framework, load_observations  # noqa: PLC0415

    if args.framework == _STDIN and args.observations == _STDIN:
        raise _UsageError("only one of FRAMEWORK and OBSERVATIONS can be read from stdin (-)")
    framework = _framework(args.framework, load_framework)
    findings = check_form(framework, _observations(args.observations, load_observations, framework))
    if args.format == "json" or _json(args):
        _print_json([finding.to_dict() for finding in findings])
    else:
        sys.stdout.write(render_findings(findings))
    return 1 if findings else 0


def _observations(
    argument: str, load_observations: Callable[[str], Observations], framework: Framework
) -> Observations:
    """An observations file, stdin (``-``), or a filled 自评表 (``.xlsx``, read for ``framework``)."""
    if argument != _STDIN and Path(argument).suffix.lower() == ".xlsx":
        from perfscore import report  # noqa: PLC0415 - loaded with perfscore already; named where used

        return report.load_observations_xlsx(argument, framework)
    if argument == _STDIN:
        from perfscore.io import loads_observations  # noqa: PLC0415

        observations: Observations = _stdin_document(loads_observations)
        return observations
    return load_observations(argument)


def _framework(argument: str, load_framework: Callable[[str], Framework]) -> Framework:
    from perfscore.frameworks import available, load_builtin  # noqa: PLC0415

    if argument == _STDIN:
        from perfscore.io import loads_framework  # noqa: PLC0415

        framework: Framework = _stdin_document(loads_framework)
        return framework
    # A built-in name (`perfscore frameworks`) unless a file of that name exists.
    if argument in available() and not Path(argument).exists():
        return load_builtin(argument)
    if not Path(argument).exists() and not Path(argument).suffix:
        # A mistyped built-in name: the loader would only ask for a *.toml or *.json name.
        from perfscore.errors import FileFormatError  # noqa: PLC0415

        names = ", ".join(available())
        raise FileFormatError(argument, f"is no built-in framework ({names}) and no file")
    return load_framework(argument)


def _form(args: argparse.Namespace) -> int:
    """``perfscore form NAME -o f.xlsx``: the blank 项目支出绩效自评表 of a framework, to hand out."""
    from perfscore import report  # noqa: PLC0415 - keeps `perfscore --version` fast
    from perfscore.io import load_framework  # noqa: PLC0415
    from perfscore.observations import Metadata  # noqa: PLC0415

    if Path(args.output).suffix.lower() != ".xlsx":
        raise _UsageError(f"-o {args.output}: the form is an Excel workbook: give a FILE.xlsx")
    framework = _framework(args.framework, load_framework)
    meta = Metadata(
        project=args.project, department=args.department, implementer=args.implementer, year=args.year
    )
    report.write_blank_xlsx(framework, args.output, meta=meta)
    indicators = sum(1 for _ in framework.leaves())
    if _json(args):
        _print_json({"written": args.output, "framework": framework.name, "indicators": indicators})
    else:
        print(f"{args.output}: blank {framework.name} ({indicators} indicators)")
    return 0


def _frameworks(as_json: bool = False) -> int:
    from perfscore.frameworks import available, load_builtin  # noqa: PLC0415
    from perfscore.report import display_width  # noqa: PLC0415

    rows = []
    listed = []
    for name in available():
        framework = load_builtin(name)
        levels = max(level for _, level in framework.walk())
        listed.append({"name": name, "title": framework.name, "maximum": framework.maximum, "levels": levels})
        rows.append((name, framework.name, f"{format(framework.maximum, 'f')} 分", f"{levels} 级"))
    if as_json:
        _print_json({"frameworks": listed})
        return 0
    widths = [max(display_width(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        cells = [text + " " * (width - display_width(text)) for text, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[3]]))
    print("Use a name as FRAMEWORK: perfscore score NAME OBSERVATIONS")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="perfscore", description="Exact budget performance self-evaluation (预算绩效自评).")
    parser.add_argument("--version", action="version", version=f"perfscore {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    score = commands.add_parser("score", help="score observations against a framework (评分)")
    score.add_argument(
        "framework",
        metavar="FRAMEWORK",
        help="framework file (.toml or .json), a built-in name, or - (stdin)",
    )
    score.add_argument(
        "observations",
        metavar="OBSERVATIONS",
        help="observations file (.toml, .json, or a filled-in .xlsx 自评表), or - (stdin)",
    )
    score.add_argument("--format", choices=_FORMATS, default="table", help="output format (default: table)")
    score.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the screen")

    rate = commands.add_parser("rate", help="compute one budget rate (预算比率)")
    rate.add_argument("--places", type=int, default=2, help="decimal places of the percentage (default: 2)")
    kinds = rate.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, name_zh, name_en, names, _ in _RATES:
        sub = kinds.add_parser(kind, help=f"{name_zh} ({name_en})")
        for name in names:
            sub.add_argument(name, metavar=name.upper(), help=_RATE_HELP[name])
        sub.add_argument("--places", type=int, default=argparse.SUPPRESS, help="decimal places (default: 2)")
    carryover = kinds.add_parser("carryover-rate", help="结转结余率 (carry-over rate)")
    carryover.add_argument("carryover", metavar="CARRYOVER", help="结转结余总额")
    carryover.add_argument("--expenditure", help="支出完成数, the usual denominator")
    carryover.add_argument("--budget", help="预算数, the denominator of some provincial forms")
    carryover.add_argument(
        "--places", type=int, default=argparse.SUPPRESS, help="decimal places (default: 2)"
    )

    form = commands.add_parser(
        "form", help="write the blank Excel 自评表 of a framework, to fill in (空白自评表)"
    )
    form.add_argument(
        "framework", metavar="FRAMEWORK", help="framework file (.toml or .json), or a built-in name"
    )
    form.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="the workbook to write")
    form.add_argument("--project", help="项目名称 to print in the header")
    form.add_argument("--department", help="主管部门 to print in the header")
    form.add_argument("--implementer", help="实施单位 to print in the header")
    form.add_argument("--year", type=int, help="年度 to print under the title")

    commands.add_parser("frameworks", help="list the built-in frameworks (内置指标体系)")
    commands.add_parser("demo", help="score the seed report (攀枝花市委办公室 2023) and print it")
    audit = commands.add_parser("audit", help="check a 部门决算 text for internal consistency")
    audit.add_argument("file", metavar="FILE", help="the text (UTF-8 or GB18030/GBK, at most 10 MiB), or -")
    audit.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check = commands.add_parser("check", help="check a filled-in 自评表: 偏差原因 and the stated 得分")
    check.add_argument("framework", metavar="FRAMEWORK", help="framework file, or a built-in name")
    check.add_argument(
        "observations",
        metavar="OBSERVATIONS",
        help="observations file (.toml, .json) or a filled .xlsx 自评表",
    )
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    return parser


@_quiet_on_broken_pipe
def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``perfscore`` command.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        The exit code: 0 success, 1 problems found by an audit, 2 bad input or usage, 141 a
        broken pipe (the output's reader went away).
    """
    parser = _with_json_option(_parser())
    # Known before parsing, so that a usage error is JSON too.
    as_json = "--json" in (sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(argv)
        if args.command == "demo":
            return _demo(_json(args))
        if args.command == "audit":
            return _audit(args.file, "json" if _json(args) else args.format)
        if args.command == "score":
            return _score(args)
        if args.command == "check":
            return _check(args)
        if args.command == "rate":
            return _rate(args)
        if args.command == "frameworks":
            return _frameworks(_json(args))
        if args.command == "form":
            return _form(args)
        if as_json:
            raise _UsageError("a command is required (perfscore --help lists them)")
        parser.print_help()
        return 2
    except (_UsageError, PerfscoreError) as error:
        return _fail(str(error), error, as_json=as_json)
    except BrokenPipeError:
        raise  # not a file problem: _quiet_on_broken_pipe ends quietly
    except OSError as error:  # a file perfscore writes, or one a loader did not wrap
        where = error.filename if error.filename is not None else ""
        text = f"{where}: {error.strerror or error}" if where else str(error.strerror or error)
        return _fail(text, error, as_json=as_json)


def _fail(message: str, error: BaseException, *, as_json: bool) -> int:
    # One line, whatever the message holds (a framework's name may contain a line break).
    text = " ".join(message.split())
    if as_json:
        kind = "UsageError" if isinstance(error, _UsageError) else type(error).__name__
        field = error.field if isinstance(error, PerfscoreError) else None
        detail = error.message if isinstance(error, PerfscoreError) else text
        _print_json(
            {"error": {"type": kind, "field": field, "message": detail, "text": text}, "exit_code": 2}
        )
    else:
        print(f"perfscore: {text}", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
