"""Benchmark of the batch engine (批量评分): perfscore vs the memory floor vs the scalar engine.

1,000,000 units × 20 leaves (forward, reverse and deduction rules mixed), observations with two
decimal places in one C-ordered float64 array ``A`` (the columns are its views). In one run:

* the floor: a plain numpy pass that only reads the same data, ``A.sum(axis=1)``;
* perfscore's batch engine, ``Framework.score_batch``;
* the scalar engine, ``Framework.score``, on the first 10,000 units (and a check that the batch
  gave the same totals for them, to the cent);
* the peak memory of the batch call: the largest total of live allocations traced by
  ``tracemalloc`` (numpy reports its array buffers to it) while ``score_batch`` runs, in a separate
  call so that tracing does not slow the timed ones.

Each timing is the best of ``--repeat`` runs, wall-clock; the CPU time of the thread is printed
too, as it is less disturbed by other processes on a shared machine. The last line is
machine-readable (wall-clock): ``ratio_vs_floor=X speedup_vs_scalar=Y``.

Usage: ``python benchmarks/bench_batch.py [--units N] [--scalar-units N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import time
import tracemalloc
from decimal import Decimal

import numpy as np

from perfscore import Framework, Indicator
from perfscore.rules import Deduction, Forward, Reverse

LEAVES = 20


def benchmark_framework() -> Framework:
    """Four first-level indicators of five leaves each, 5 points a leaf, 100 in all."""
    groups = []
    for group in range(4):
        leaves = []
        for item in range(5):
            index = group * 5 + item
            kind = index % 3
            if kind == 0:
                rule: object = Forward(target="95.00")
            elif kind == 1:
                rule = Reverse(target="20.00")
            else:
                rule = Deduction(threshold=100, per_step="0.5")
            leaves.append(Indicator(f"C{group + 1}.{item + 1}", f"指标{index + 1}", 5, rule=rule))
        groups.append(Indicator(f"C{group + 1}", f"一级指标{group + 1}", 25, children=tuple(leaves)))
    return Framework("benchmark", tuple(groups))


def observations(units: int, seed: int = 2024) -> np.ndarray:
    """Values with two decimal places (cents drawn as integers, so each float is on the grid)."""
    rng = np.random.default_rng(seed)
    cents = rng.integers(0, 15000, size=(units, LEAVES), dtype=np.int64)
    return cents / 100.0


def best(function, repeat: int) -> tuple[float, float]:
    """The best wall-clock time and the best CPU time of this thread, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        function()
        cpus.append(time.thread_time() - start_cpu)
        walls.append(time.perf_counter() - start)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--scalar-units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    framework = benchmark_framework()
    codes = [leaf.code for leaf in framework.leaves()]
    data = observations(args.units)
    columns = {code: data[:, j] for j, code in enumerate(codes)}
    input_mib = data.nbytes / 2**20
    print(f"units: {args.units:,} × {LEAVES} leaves; input {input_mib:.1f} MiB (float64)")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs (timings depend on other processes)")

    floor, floor_cpu = best(lambda: data.sum(axis=1), args.repeat)
    batch_time, batch_cpu = best(lambda: framework.score_batch(columns), args.repeat)
    result = framework.score_batch(columns)

    scalar_units = min(args.scalar_units, args.units)
    rows = [dict(zip(codes, row, strict=True)) for row in data[:scalar_units].tolist()]
    start, start_cpu = time.perf_counter(), time.thread_time()
    scalar_totals = [framework.score(row).total for row in rows]
    scalar_time, scalar_cpu = time.perf_counter() - start, time.thread_time() - start_cpu
    batch_totals = result.totals_decimal()[:scalar_units].tolist()
    mismatches = sum(a != b for a, b in zip(scalar_totals, batch_totals, strict=True))

    tracemalloc.start()
    tracemalloc.reset_peak()
    baseline = tracemalloc.get_traced_memory()[0]
    traced = framework.score_batch(columns)
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    kept = sum(
        array.nbytes
        for array in (
            traced.leaf_units,
            traced.total_units,
            traced.maximum_units,
            traced.percentage_units,
            traced.grade_codes,
        )
    )
    del traced

    per_unit_batch = batch_time / args.units
    per_unit_scalar = scalar_time / scalar_units
    ratio = batch_time / floor
    speedup = per_unit_scalar / per_unit_batch
    print(f"floor  A.sum(axis=1):      {floor * 1000:9.1f} ms")
    print(f"batch  score_batch:        {batch_time * 1000:9.1f} ms  ({per_unit_batch * 1e9:.0f} ns/unit)")
    print(
        f"scalar score × {scalar_units:,}:    {scalar_time * 1000:9.1f} ms  "
        f"({per_unit_scalar * 1e6:.1f} µs/unit)"
    )
    print(
        f"CPU time (this thread; less disturbed by other processes): floor {floor_cpu * 1000:.1f} ms, "
        f"batch {batch_cpu * 1000:.1f} ms, scalar {scalar_cpu * 1000:.1f} ms → "
        f"ratio_vs_floor {batch_cpu / floor_cpu:.2f}, "
        f"speedup_vs_scalar {scalar_cpu / scalar_units / (batch_cpu / args.units):.0f}"
    )
    print(f"scalar vs batch totals on {scalar_units:,} units: {mismatches} differ")
    print(
        f"peak traced memory during score_batch: {peak / 2**20:.1f} MiB "
        f"(results kept: {kept / 2**20:.1f} MiB; input {input_mib:.1f} MiB, allocated before)"
    )
    print(f"total of all totals: {sum(result.total_units.tolist(), 0) / Decimal(100)}")
    print(f"ratio_vs_floor={ratio:.2f} speedup_vs_scalar={speedup:.0f}")


if __name__ == "__main__":
    main()
