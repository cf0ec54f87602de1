"""perfscore.batch with pandas and Dask: DataFrames in and out, partition by partition."""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from perfscore import Framework, Indicator
from perfscore.batch import frame_meta, score_dask, score_frame
from perfscore.rules import Bands, Deduction, Forward, Qualitative, Reverse

pd = pytest.importorskip("pandas")


def framework(policy: str = "rescale") -> Framework:
    return Framework(
        "frames",
        (
            Indicator(
                "A",
                "产出",
                60,
                children=(
                    Indicator("A1", "数量", 30, rule=Forward(target="0.8")),
                    Indicator("A2", "成本", 30, rule=Reverse(target=100, method="ratio")),
                ),
            ),
            Indicator(
                "B",
                "效益",
                40,
                children=(
                    Indicator(
                        "B1", "控制率", 15, rule=Deduction(threshold=100, per_step="0.5", whole_steps=True)
                    ),
                    Indicator("B2", "满意度", 15, rule=Bands([(95, 15), (90, 12), (80, 8)])),
                    Indicator("B3", "定性", 10, rule=Qualitative()),
                ),
            ),
        ),
        not_applicable=policy,
    )


def observations(units: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = {
        "A1": rng.integers(0, 120, units) / 100,
        "A2": rng.integers(5000, 30000, units) / 100,
        "B1": rng.integers(9000, 12000, units) / 100,
        "B2": rng.integers(7000, 10000, units) / 100,
        "B3": rng.integers(0, 1001, units) / 100,
    }
    frame = pd.DataFrame(data, index=pd.RangeIndex(1000, 1000 + units, name="unit"))
    frame.loc[frame.index[::7], "A2"] = math.nan  # some units have no cost indicator (不涉及)
    return frame


def test_dataframe_in_and_out_keeps_the_index():
    frame = observations(50)
    batch = framework().score_batch(frame)
    out = batch.to_frame()
    assert list(out.columns) == ["A1", "A2", "B1", "B2", "B3", "total", "maximum", "percentage", "grade"]
    assert out.index.equals(frame.index)
    assert out["total"].tolist() == batch.totals.tolist()
    exact = batch.to_frame(exact=True)
    assert exact["total"].tolist() == batch.totals_decimal().tolist()
    assert all(isinstance(value, Decimal) for value in exact["A1"])
    for position in (0, 7, 49):
        assert batch.result(position).total == exact["total"].iloc[position]


def test_series_columns_are_accepted():
    frame = observations(10)
    batch = framework().score_batch({code: frame[code] for code in frame.columns})
    assert batch.index.equals(frame.index)
    assert batch.total_units.tolist() == framework().score_batch(frame).total_units.tolist()


def test_frame_meta_matches_the_result_frame():
    frame = observations(5)
    out = score_frame(frame, framework())
    meta = frame_meta(framework())
    assert list(meta.columns) == list(out.columns)
    assert list(meta.dtypes) == list(out.dtypes)


@pytest.mark.parametrize("policy", ["rescale", "exclude", "full"])
def test_dask_partitions_equal_one_in_memory_call(policy):
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    frame = observations(400)
    scored = framework(policy)
    in_memory = scored.score_batch(frame).to_frame(exact=True)
    lazy = score_dask(scored, dd.from_pandas(frame, npartitions=4), exact=True)
    with dask.config.set(scheduler="synchronous"):
        partitioned = lazy.compute()
    assert partitioned.index.equals(in_memory.index)
    assert partitioned["total"].tolist() == in_memory["total"].tolist()
    pd.testing.assert_frame_equal(partitioned, in_memory)


def test_benchmark_script_runs_small():
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_batch.py"
    output = subprocess.run(
        [sys.executable, str(script), "--units", "3000", "--scalar-units", "30", "--repeat", "1"],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = output.stdout.strip().splitlines()
    assert "on 30 units: 0 differ" in output.stdout
    assert lines[-1].startswith("ratio_vs_floor=")
    assert " speedup_vs_scalar=" in lines[-1]


def test_rule_benchmark_script_runs_quick():
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_rules.py"
    output = subprocess.run(
        [
            sys.executable,
            str(script),
            "--quick",
            "--units",
            "300",
            "--repeat",
            "1",
            "--check",
            "3",
            "--numpy",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = output.stdout.strip().splitlines()
    assert all(line.endswith("differ 0") for line in lines if " ratio " in line)
    assert sum(" ratio " in line for line in lines) == 26  # every case ran (≥0, ≤0, 区间值, row places)
    assert lines[-1].startswith("worst_rule_ratio=")


def test_rule_benchmark_script_runs_with_threads():
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_rules.py"
    command = [sys.executable, str(script), "--units", "3000", "--repeat", "1", "--check", "3"]
    output = subprocess.run(
        [*command, "--threads", "2", "--only", "mixed"], check=True, capture_output=True, text=True
    )
    lines = output.stdout.strip().splitlines()
    assert lines[0].endswith("; 2 threads, wall-clock time")
    cases = [line for line in lines if " ratio " in line]
    assert len(cases) == 4  # mixed and its three NaN policies
    assert all(line.endswith("differ 0") for line in cases)
