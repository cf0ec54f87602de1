"""The ``perfscore`` command (命令行).

Exit codes: 0 success, 1 an audit found problems, 2 bad input or usage (one line on stderr that
names the problem, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from perfscore import __version__
from perfscore.audit import audit_file, render_json, render_text
from perfscore.errors import PerfscoreError
from perfscore.numbers import percent
from perfscore.rates import budget_deviation, change_rate, share

__all__ = ["main"]

# Figures of the seed, as printed in the 2023 部门决算 of 攀枝花市委办公室 (万元).
_SEED_RATES: tuple[tuple[str, str, str, str], ...] = (
    ("预算偏离度 budget deviation", "budget_deviation", "7463.89", "4283.43"),
    ("收支总计增减率 change of total", "change_rate", "7467.34", "11503.49"),
    ("财政拨款收支总计增减率 change of appropriations", "change_rate", "7463.89", "11487.27"),
    ("基本支出占比 share of basic expenditure", "share", "3802.05", "7463.89"),
    ("项目支出占比 share of project expenditure", "share", "3661.84", "7463.89"),
)


def _demo() -> int:
    functions = {"budget_deviation": budget_deviation, "change_rate": change_rate, "share": share}
    print("攀枝花市委办公室 2023 部门决算 — budget rates (万元)")
    for label, name, first, second in _SEED_RATES:
        value = percent(functions[name](first, second))
        print(f"  {label}: {name}({first}, {second}) = {value}%")
    return 0


def _audit(path: str, output: str) -> int:
    report = audit_file(path)
    print(render_json(report) if output == "json" else render_text(report))
    return 0 if report.consistent else 1


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse prints usage and exits on its own; perfscore prints one line and returns 2.
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="perfscore", description="Exact budget performance self-evaluation (预算绩效自评).")
    parser.add_argument("--version", action="version", version=f"perfscore {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="score the seed report (攀枝花市委办公室 2023) and print it")
    audit = commands.add_parser("audit", help="check a 部门决算 text for internal consistency")
    audit.add_argument("file", metavar="FILE", help="the text (UTF-8 or GB18030/GBK, at most 10 MiB)")
    audit.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``perfscore`` command.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        The exit code: 0 success, 1 problems found by an audit, 2 bad input or usage.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "demo":
            return _demo()
        if args.command == "audit":
            return _audit(args.file, args.format)
        parser.print_help()
        return 2
    except _UsageError as error:
        print(f"perfscore: {error}", file=sys.stderr)
        return 2
    except PerfscoreError as error:
        print(f"perfscore: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
