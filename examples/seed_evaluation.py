"""Score the seed report's department self-evaluation (攀枝花市委办公室 2023) from its files.

Run from the repository root (or anywhere): ``python examples/seed_evaluation.py``.
It loads ``examples/seed/framework.toml`` and ``examples/seed/observations.toml``, scores them and
prints the table, the total (94.70, 优) and the budget deviation (预算偏离度 74.25%).
The framework's maxima are ASSUMED — see the comments in framework.toml and docs/seed.md.

Output includes ``total 94.70, grade 优`` and ``预算偏离度 budget deviation: 74.25%``.
"""

from __future__ import annotations

from pathlib import Path

from perfscore import load_framework, load_observations, percent
from perfscore.report import render_budget, render_table

HERE = Path(__file__).resolve().parent / "seed"


def main() -> None:
    framework = load_framework(HERE / "framework.toml")
    observations = load_observations(HERE / "observations.toml")
    result = framework.score(observations)
    print(render_table(result))
    if observations.budget is not None:
        print(render_budget(observations.budget))
        print(f"预算偏离度 budget deviation: {percent(observations.budget.deviation())}%")
    print(f"total {result.total}, grade {result.grade}")


if __name__ == "__main__":
    main()
