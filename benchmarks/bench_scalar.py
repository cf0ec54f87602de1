"""Benchmark of the scalar engine (评分): ``Framework.score`` of one department vs a plain loop.

One framework of 20 leaves (four first-level indicators of five leaves; forward, reverse and
deduction rules mixed, as in ``bench_batch.py``), one set of observations with two decimal
places. In one run:

* the floor: a plain Python loop over the same 20 leaves with ``Decimal`` — each leaf's
  ``actual ÷ target × points`` (capped at the points) rounded half up with ``quantize``, then
  summed. No explanation, no checks: what any exact scorer has to do at least;
* ``Framework.score`` on the same observations (the plan is compiled by the first call, as in
  a real program that scores many units with one framework);
* ``Framework.score`` and reading every explanation (the explanations are built on first
  access).

Each timing is the best of ``--repeat`` rounds of ``--number`` calls, in µs per call, the
rounds of the three interleaved; wall-clock and the CPU time of the thread (less disturbed by
other processes on a shared machine). The last line is machine-readable (wall-clock ratio, then
the CPU-time ratio): ``score_us=X floor_us=Y ratio=Z cpu_ratio=W``.

Usage: ``python benchmarks/bench_scalar.py [--number N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

# The same framework as the batch benchmark (run as a script, this folder is on sys.path).
from bench_batch import LEAVES, benchmark_framework

from perfscore import Framework


def observations() -> dict[str, str]:
    """Two-decimal values that reach each rule's partial-points branch for some leaves."""
    values = ["90.50", "25.30", "104.20", "99.00", "12.00"]
    return {f"C{group + 1}.{item + 1}": values[(group + item) % 5] for group in range(4) for item in range(5)}


def plain_loop(framework: Framework) -> Callable[[dict[str, str]], Decimal]:
    """The floor: ``min(A ÷ T, 1) × w`` per leaf with ``Decimal``, rounded half up, summed."""
    cent = Decimal("0.01")
    leaves = [(leaf.code, Decimal(95), leaf.points) for leaf in framework.leaves()]

    def score(values: dict[str, str]) -> Decimal:
        total = Decimal(0)
        for code, target, points in leaves:
            actual = Decimal(values[code])
            exact = points if actual >= target else actual / target * points
            total += exact.quantize(cent, rounding=ROUND_HALF_UP)
        return total

    return score


def best_us(
    functions: dict[str, Callable[[], object]], number: int, repeat: int
) -> dict[str, tuple[float, float]]:
    """Best wall-clock and best thread CPU time of one call, in µs, for each function.

    The rounds of the functions are interleaved, so that a busy spell of a shared machine
    slows all of them alike; the CPU time of the thread is less disturbed by other processes.
    """
    walls: dict[str, list[float]] = {name: [] for name in functions}
    cpus: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start, start_cpu = time.perf_counter(), time.thread_time()
            for _ in range(number):
                function()
            cpus[name].append((time.thread_time() - start_cpu) / number)
            walls[name].append((time.perf_counter() - start) / number)
    return {name: (min(walls[name]) * 1e6, min(cpus[name]) * 1e6) for name in functions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    framework = benchmark_framework()
    values = observations()
    floor = plain_loop(framework)
    framework.score(values)  # compile the plan once, as a program scoring many units would

    def explained() -> None:
        for node in framework.score(values):
            _ = node.explanation_zh, node.explanation_en

    times = best_us(
        {
            "plain Decimal loop": lambda: floor(values),
            "Framework.score": lambda: framework.score(values),
            "Framework.score + explanations": explained,
        },
        args.number,
        args.repeat,
    )
    floor_wall, floor_cpu = times["plain Decimal loop"]
    print(f"leaves: {LEAVES}, best of {args.repeat} rounds of {args.number} calls; µs per call")
    print(f"{'':32} {'wall':>8} {'cpu':>8}  ratio (wall, cpu)")
    for name, (wall, cpu) in times.items():
        print(f"{name:32} {wall:8.1f} {cpu:8.1f}  {wall / floor_wall:5.1f}× {cpu / floor_cpu:5.1f}×")
    score_wall, score_cpu = times["Framework.score"]
    print(
        f"score_us={score_wall:.1f} floor_us={floor_wall:.1f} ratio={score_wall / floor_wall:.2f} "
        f"cpu_ratio={score_cpu / floor_cpu:.2f}"
    )


if __name__ == "__main__":
    main()
