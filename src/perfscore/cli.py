"""The ``perfscore`` command (命令行).

Exit codes: 0 success, 1 an audit found problems, 2 bad input or usage (one line on stderr that
names the problem, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from perfscore import __version__
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


#: The built-in framework (and observations) the demo scores.
SEED: str = "seed-panzhihua-2023"


def _demo() -> int:
    from perfscore.frameworks import load_builtin, load_builtin_observations  # noqa: PLC0415
    from perfscore.report import render_budget, render_table  # noqa: PLC0415

    framework = load_builtin(SEED)
    observations = load_builtin_observations(SEED)
    result = framework.score(observations)
    print("攀枝花市委办公室 2023 部门整体支出绩效自评 — the seed report's self-evaluation")
    print("(maxima ASSUMED: the report publishes the scores, not the form's maxima; see docs/seed.md)")
    print()
    print(render_table(result))
    if observations.budget is not None:
        print(render_budget(observations.budget))
    print()
    functions = {"budget_deviation": budget_deviation, "change_rate": change_rate, "share": share}
    print("攀枝花市委办公室 2023 部门决算 — budget rates (万元)")
    for label, name, first, second in _SEED_RATES:
        value = percent(functions[name](first, second))
        print(f"  {label}: {name}({first}, {second}) = {value}%")
    return 0


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
