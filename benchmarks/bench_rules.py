"""Benchmark of the batch engine per rule kind (批量评分, 各类评分规则): ratios to the memory floor.

Each case scores one C-ordered float64 array ``A`` of observations with two decimal places
(``units × leaves``, the columns are its views) and prints the ratio of ``score_batch`` to
``A.sum(axis=1)``, both timed in the same run on the same array (the least CPU time of this
thread over ``--repeat`` calls: on a shared machine it is far less disturbed than wall-clock
time). Cases:

* one framework per rule kind and option, every leaf with that rule: forward, equal (T > 0 and
  T = 0), reverse linear, reverse ratio, deduction proportional and by whole steps, bands
  (points and fractions, higher and lower is better), qualitative, checklist, manual, execution
  rate;
* the mixed framework (the kinds above in turn, 20 leaves);
* the mixed framework with 10% of the cells NaN (not applicable) under each policy (``full``,
  ``rescale``, ``exclude``);
* the mixed framework on float32 input (two-decimal values), against ``A.sum`` of the float32 array;
* 400 leaves (the same number of cells: units ÷ 20);
* one unit: ``score_batch`` of 1 unit against a plain Decimal loop over the same 20 leaves
  (``min(A/T, 1)·w`` rounded half up, summed), both best of many calls.

Every case also checks the batch totals against the scalar engine (``Framework.score``) on its
first ``--check`` units and prints how many differ (0 is the only right answer).

The last line is machine-readable: ``worst_rule_ratio=X mixed_ratio=Y na_ratio=Z one_unit_ratio=W``.

With numba installed (``perfscore[fast]``) the engine uses its compiled kernel; ``--numpy``
measures the numpy path alone.

``--threads N`` shares the kernel's chunks out among N threads (``score_batch(threads=N)``) and
times everything, the floor too, by wall clock.

Usage: ``python benchmarks/bench_rules.py [--units N] [--repeat N] [--check N] [--quick] [--numpy]
[--only NAME] [--threads N]``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from perfscore import Framework, Indicator
from perfscore.rules import (
    Bands,
    Checklist,
    Deduction,
    Equal,
    ExecutionRate,
    Forward,
    Interval,
    Manual,
    Qualitative,
    Reverse,
    Rule,
)

LEAVES = 20
POINTS = 5

#: name -> (rule, lowest cents, highest cents): observations are drawn as whole cents in range.
KINDS: dict[str, tuple[Rule, int, int]] = {
    "forward": (Forward(target="95.00"), 0, 15000),
    "equal T>0": (Equal(target="10.00"), 950, 1050),
    "equal T=0": (Equal(target=0), 0, 3),
    "reverse linear": (Reverse(target="20.00"), 0, 5000),
    "reverse ratio": (Reverse(target="20.00", method="ratio"), 0, 5000),
    "deduction proportional": (Deduction(threshold=100, per_step="0.5"), 9000, 13000),
    "deduction whole steps": (
        Deduction(threshold=100, per_step="0.5", step="2.5", whole_steps=True),
        9000,
        13000,
    ),
    "bands points higher": (Bands([(90, 5), (80, 4), (60, 3)]), 0, 10000),
    "bands points lower": (Bands([(10, 5), (20, 3), (30, 1)], higher_is_better=False), 0, 4000),
    "bands fractions higher": (Bands([(90, 1), (80, "0.8"), (60, "0.6")], fractions=True), 0, 10000),
    "bands fractions lower": (
        Bands([(10, 1), (20, "0.6"), (30, "0.2")], higher_is_better=False, fractions=True),
        0,
        4000,
    ),
    "qualitative": (Qualitative(), 0, 500),
    "checklist": (Checklist(per_item=1), 0, 700),  # whole counts: drawn as cents, rounded below
    "manual": (Manual(), 0, 500),
    "execution rate": (ExecutionRate(), 0, 120),
    "forward T=0": (Forward(target=0), -1000, 10000),  # "≥0"
    "reverse T=0": (Reverse(target=0), -10000, 1000),  # "≤0"
    "interval": (Interval(90, 100), 0, 25000),  # "90%～100%"
}


def framework_of(
    rules: list[Rule], *, name: str, na: str = "full", row_places: int | None = None
) -> Framework:
    """Groups of five leaves of 5 points (a last shorter group if needed), in form order.

    ``row_places``: every leaf's own places (`Indicator.places`), for the per-row places case.
    """
    groups = []
    for start in range(0, len(rules), 5):
        leaves = tuple(
            Indicator(
                f"C{start // 5 + 1}.{j + 1}", f"指标{start + j + 1}", POINTS, rule=rule, places=row_places
            )
            for j, rule in enumerate(rules[start : start + 5])
        )
        groups.append(
            Indicator(
                f"C{start // 5 + 1}", f"一级指标{start // 5 + 1}", POINTS * len(leaves), children=leaves
            )
        )
    return Framework(name, tuple(groups), not_applicable=na)


def data_for(kinds: list[str], units: int, rng: np.random.Generator) -> np.ndarray:
    """A C-ordered ``units × len(kinds)`` float64 array, each column drawn for its kind."""
    columns = []
    for kind in kinds:
        _, low, high = KINDS[kind]
        cents = rng.integers(low, high + 1, size=units, dtype=np.int64)
        if kind == "checklist":
            cents = cents // 100 * 100
        columns.append(cents)
    return np.ascontiguousarray(np.stack(columns, axis=1) / 100.0)


#: ``--threads``: the kernel's threads, and the clock of every timing (the floor's too). One
#: thread: this thread's CPU time, less disturbed than wall-clock time by the other processes
#: of a shared machine. More: wall-clock time, which counts the other threads' work.
THREADS = 1
CLOCK: Callable[[], float] = time.thread_time


def best(function: Callable[[], object], repeat: int) -> float:
    """The least time by `CLOCK` over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = CLOCK()
        function()
        times.append(CLOCK() - start)
    return min(times)


def differences(framework: Framework, data: np.ndarray, check: int) -> int:
    """How many of the first ``check`` units' batch totals differ from the scalar engine's."""
    codes = [leaf.code for leaf in framework.leaves()]
    rows = data[:check]
    batch = framework.score_batch({code: rows[:, j] for j, code in enumerate(codes)})
    differ = 0
    for unit in range(rows.shape[0]):
        # float32 cells stay np.float32 here: the scalar engine reads them through str.
        differ += framework.score(batch.observations(unit)).total != batch.totals_decimal()[unit]
    return differ


def run_case(name: str, framework: Framework, data: np.ndarray, repeat: int, check: int) -> float:
    codes = [leaf.code for leaf in framework.leaves()]
    columns = {code: data[:, j] for j, code in enumerate(codes)}
    floor = best(lambda: data.sum(axis=1), repeat)
    batch = best(lambda: framework.score_batch(columns, threads=THREADS), repeat)
    differ = differences(framework, data, check)
    ratio = batch / floor
    print(
        f"{name:28s} {data.shape[0]:>9,} × {data.shape[1]:<3} floor {floor * 1000:8.2f} ms  "
        f"batch {batch * 1000:8.2f} ms  ratio {ratio:6.2f}  differ {differ}",
        flush=True,
    )
    return ratio


def decimal_loop(values: list[float], targets: list[Decimal], weights: list[Decimal]) -> Decimal:
    """The plain Decimal computation of one unit: ``min(A/T, 1)·w`` rounded half up, summed."""
    total = Decimal(0)
    cent = Decimal("0.01")
    for value, target, weight in zip(values, targets, weights, strict=True):
        share = min(Decimal(repr(value)) / target, Decimal(1))
        total += (share * weight).quantize(cent, rounding=ROUND_HALF_UP)
    return total


def one_unit(rng: np.random.Generator, calls: int) -> float:
    kinds = ["forward", "reverse linear", "deduction proportional"]
    rules = [KINDS[kinds[j % 3]][0] for j in range(LEAVES)]
    framework = framework_of(rules, name="one unit")
    codes = [leaf.code for leaf in framework.leaves()]
    data = data_for([kinds[j % 3] for j in range(LEAVES)], 1, rng)
    columns = {code: data[:, j] for j, code in enumerate(codes)}
    values = data[0].tolist()
    targets = [Decimal("95.00")] * LEAVES
    weights = [Decimal(POINTS)] * LEAVES

    def batch_calls() -> None:
        for _ in range(calls):
            framework.score_batch(columns)

    def loop_calls() -> None:
        for _ in range(calls):
            decimal_loop(values, targets, weights)

    framework.score_batch(columns)  # the first call compiles the plan
    batch = best(batch_calls, 5) / calls
    loop = best(loop_calls, 5) / calls
    differ = differences(framework, data, 1)
    ratio = batch / loop
    print(
        f"{'one unit':28s} {1:>9,} × {LEAVES:<3} loop  {loop * 1e6:8.1f} µs  "
        f"batch {batch * 1e6:8.1f} µs  ratio {ratio:6.2f}  differ {differ}",
        flush=True,
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", type=int, default=100, help="units checked against Framework.score")
    parser.add_argument("--quick", action="store_true", help="20,000 units, 3 repeats, 20 checked")
    parser.add_argument("--only", action="append", default=[], help="run only cases whose name contains this")
    parser.add_argument("--numpy", action="store_true", help="the numpy path only, even with numba installed")
    parser.add_argument("--threads", type=int, default=1, help="the kernel's threads (timed by wall clock)")
    args = parser.parse_args()
    if args.threads < 1:
        parser.error(f"--threads: must be a whole number ≥ 1, got {args.threads}")
    global THREADS, CLOCK  # set once, from the command line
    if args.threads > 1:
        THREADS, CLOCK = args.threads, time.perf_counter
    if args.numpy:
        import perfscore.batch._engine as engine  # noqa: PLC0415 - only for this switch

        engine._USE_KERNEL = False
    if args.quick:
        args.units, args.repeat, args.check = (
            min(args.units, 20_000),
            min(args.repeat, 3),
            min(args.check, 20),
        )
    units, repeat, check = args.units, args.repeat, args.check

    try:  # (the engine of before the kernel has no _compiled: the same script measures both)
        from perfscore.batch import _compiled  # noqa: PLC0415 - after the switch above
    except ImportError:
        compiled = False
    else:
        compiled = _compiled.kernel() is not None and not args.numpy
    kernel = "numba kernel" if compiled else "numpy path only"
    clock = "this thread's CPU time" if THREADS == 1 else f"{THREADS} threads, wall-clock time"
    print(f"{kernel}; {units:,} units, best of {repeat}; {clock}")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs (timings depend on other processes)")
    rng = np.random.default_rng(2024)

    def wanted(name: str) -> bool:
        return not args.only or any(part in name for part in args.only)

    rule_ratios: list[float] = []
    for name, (rule, _, _) in KINDS.items():
        if wanted(name):
            framework = framework_of([rule] * LEAVES, name=name)
            rule_ratios.append(
                run_case(name, framework, data_for([name] * LEAVES, units, rng), repeat, check)
            )

    if wanted("row places"):  # forward leaves rounding to whole points (Indicator.places = 0)
        framework = framework_of([KINDS["forward"][0]] * LEAVES, name="row places", row_places=0)
        rule_ratios.append(
            run_case("row places 0", framework, data_for(["forward"] * LEAVES, units, rng), repeat, check)
        )

    mixed_kinds = [list(KINDS)[j % len(KINDS)] for j in range(LEAVES)]
    mixed_rules = [KINDS[kind][0] for kind in mixed_kinds]
    mixed_data = data_for(mixed_kinds, units, rng)
    mixed = na_worst = float("nan")
    if wanted("mixed"):
        mixed = run_case("mixed", framework_of(mixed_rules, name="mixed"), mixed_data, repeat, check)
    holes = mixed_data.copy()
    holes[rng.random(holes.shape) < 0.1] = np.nan
    na_ratios = []
    for policy in ("full", "rescale", "exclude"):
        name = f"mixed 10% NaN {policy}"
        if wanted(name):
            framework = framework_of(mixed_rules, name=name, na=policy)
            na_ratios.append(run_case(name, framework, holes, repeat, check))
    if na_ratios:
        na_worst = max(na_ratios)
    if wanted("float32"):
        run_case(
            "mixed float32",
            framework_of(mixed_rules, name="float32"),
            mixed_data.astype(np.float32),
            repeat,
            check,
        )
    if wanted("400 leaves"):
        wide_kinds = [list(KINDS)[j % len(KINDS)] for j in range(400)]
        wide = framework_of([KINDS[kind][0] for kind in wide_kinds], name="400 leaves")
        run_case("400 leaves", wide, data_for(wide_kinds, max(1, units // 20), rng), repeat, min(check, 10))
    one = one_unit(rng, 200 if args.quick else 1000) if wanted("one unit") else float("nan")
    worst = max(rule_ratios) if rule_ratios else float("nan")
    print(f"worst_rule_ratio={worst:.2f} mixed_ratio={mixed:.2f} ", end="")
    print(f"na_ratio={na_worst:.2f} one_unit_ratio={one:.2f}")


if __name__ == "__main__":
    main()
