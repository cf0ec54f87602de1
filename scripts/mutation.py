"""Measure the mutation score of perfscore's core modules with mutmut (not run in CI: it is slow).

Each module is mutated on its own, in a scratch copy of the working tree under
``build/mutation/<module>/``, and only the test files listed for it in :data:`MODULES` run
against its mutants (mutmut narrows further to the tests that reach the mutated function).
Hypothesis runs with the ``mutation`` profile from ``tests/conftest.py``: the quick example count,
derandomized and without an example database, so that the figure is reproducible.

Usage (from the repository root; ``scripts/mutation.sh`` creates a virtual environment first)::

    python scripts/mutation.py                   # every module in MODULES
    python scripts/mutation.py numbers rules     # some of them
    python scripts/mutation.py --jobs 1 rates    # one worker process
    python scripts/mutation.py --survivors rules # also list the surviving mutants

It prints killed / survived / total and the percentage killed, per module and overall, and
exits 1 when a module is below ``--minimum`` (90% by default).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Module (under src/perfscore) -> the test files (globs, relative to the root) run against its
#: mutants. Add a module here to measure it. The hostile-input tests are left out: they check what
#: escapes, not values, and are slow per mutant.
MODULES: dict[str, list[str]] = {
    "numbers": ["tests/test_numbers*.py"],
    "rates": ["tests/test_rates*.py"],
    "rules": ["tests/test_rules*.py"],
    "scoring": ["tests/test_scoring*.py"],
    "framework": ["tests/test_framework*.py", "tests/test_scoring.py"],
    "grades": ["tests/test_grades*.py", "tests/test_framework*.py", "tests/test_scoring.py"],
    "allocation": ["tests/test_allocation*.py", "tests/test_scoring.py"],
    # The batch engine and its integer kernels: every batch test compares with the scalar engine.
    "batch/_engine": ["tests/test_batch*.py"],
    "batch/_kernels": ["tests/test_batch*.py"],
}

#: Tests that run a script in a subprocess: the child imports perfscore from the checked-out tree,
#: not the mutants, so they cannot kill a mutant and only cost time.
DESELECTED = [
    "tests/test_batch_frames.py::test_benchmark_script_runs_small",
    "tests/test_batch_frames.py::test_rule_benchmark_script_runs_quick",
]

# mutmut's mutant exit statuses that count as killed: a failing test, a timeout, a crash.
_KILLED = ("killed", "timeout", "segfault")


def _tracked_files() -> list[Path]:
    """Files of the working tree that git would commit (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]


def _test_files(patterns: list[str]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        found.extend(sorted(str(path.relative_to(ROOT)) for path in ROOT.glob(pattern)))
    return sorted(set(found))


def _prepare(module: str, workdir: Path) -> list[str]:
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    for path in _tracked_files():
        if path.parts[0] in ("src", "tests") or str(path) == "pyproject.toml":
            target = workdir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / path, target)
    tests = _test_files(MODULES[module])
    if not tests:
        raise SystemExit(f"{module}: no test file matches {MODULES[module]}")
    quoted = ", ".join(json.dumps(test) for test in tests)
    deselected = ", ".join(f'"--deselect", {json.dumps(test)}' for test in DESELECTED)
    config = (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f'only_mutate = ["src/perfscore/{module}.py"]\n'
        f"pytest_add_cli_args_test_selection = [{quoted}]\n"
        # No doctest collection of the mutated tree, no cache; the rest of the pytest config stays.
        "pytest_add_cli_args = "
        f'["-p", "no:cacheprovider", "-o", "addopts=--import-mode=importlib", "-q", {deselected}]\n'
        "use_git_change_detection = false\n"
    )
    with (workdir / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write(config)
    return tests


def _mutmut(workdir: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["HYPOTHESIS_PROFILE"] = "mutation"
    command = [sys.executable, "-m", "mutmut", *args]
    if log is None:
        return subprocess.run(command, cwd=workdir, env=env, check=False, capture_output=True, text=True)
    with log.open("w", encoding="utf-8") as output:
        return subprocess.run(
            command, cwd=workdir, env=env, check=False, stdout=output, stderr=output, text=True
        )


def _statuses(workdir: Path) -> dict[str, str]:
    listed = _mutmut(workdir, "results", "--all", "true").stdout
    statuses: dict[str, str] = {}
    for line in listed.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            statuses[name] = status
    return statuses


def _changes(mutated: Path) -> dict[str, list[str]]:
    """Each mutant function's changed lines against the original, from mutmut's mutated file."""
    source = mutated.read_text(encoding="utf-8")
    lines = source.splitlines()  # sliced by line numbers: get_source_segment re-splits per call
    bodies = {
        node.name: lines[node.lineno : node.end_lineno]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name
    }
    changes: dict[str, list[str]] = {}
    for name, body in bodies.items():
        original = bodies.get(name.rpartition("__mutmut_")[0] + "__mutmut_orig", [])
        changes[name] = [
            line.strip()
            for line in difflib.unified_diff(original, body, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
    return changes


def measure(module: str, jobs: int, survivors: bool) -> tuple[int, int, int]:
    """Mutate one module and run its tests against every mutant.

    Returns:
        (killed, survived, total), where survived counts every mutant not killed.
    """
    workdir = ROOT / "build" / "mutation" / module
    tests = _prepare(module, workdir)
    started = time.monotonic()
    print(f"== {module}: mutating src/perfscore/{module}.py; tests: {' '.join(tests)}", flush=True)
    log = workdir / "mutmut.log"
    run = _mutmut(workdir, "run", "--max-children", str(jobs), log=log)
    statuses = _statuses(workdir)
    if run.returncode != 0 or not statuses:
        raise SystemExit(f"{module}: mutmut failed (exit {run.returncode}); see {log}")
    killed = sum(status in _KILLED for status in statuses.values())
    total = len(statuses)
    others = sorted(name for name, status in statuses.items() if status not in _KILLED)
    elapsed = time.monotonic() - started
    print(
        f"{module}: killed {killed}, survived {total - killed}, total {total}, "
        f"{100 * killed / total:.1f}% ({elapsed:.0f} s)",
        flush=True,
    )
    if survivors:
        changes = _changes(workdir / "mutants" / "src" / "perfscore" / f"{module}.py")
        for name in others:
            print(f"    {name}: {statuses[name]}", flush=True)
            for line in changes.get(name.rpartition(".")[2], []):
                print(f"        {line}", flush=True)
    return killed, total - killed, total


def main(argv: list[str] | None = None) -> int:
    """Run the measurement; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), help="modules to mutate")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--minimum", type=float, default=90.0, help="percentage each module must reach")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants with their diff")
    options = parser.parse_args(argv)
    unknown = [module for module in options.modules if module not in MODULES]
    if unknown:
        parser.error(f"unknown module {unknown[0]!r}; known: {', '.join(MODULES)}")
    figures = {module: measure(module, options.jobs, options.survivors) for module in options.modules}
    killed = sum(figure[0] for figure in figures.values())
    total = sum(figure[2] for figure in figures.values())
    print("\nmodule        killed  survived  total  score")
    for module, (k, s, t) in figures.items():
        print(f"{module:<12} {k:>7} {s:>9} {t:>6} {100 * k / t:>5.1f}%")
    print(f"{'all':<12} {killed:>7} {total - killed:>9} {total:>6} {100 * killed / total:>5.1f}%")
    below = [module for module, (k, _, t) in figures.items() if 100 * k / t < options.minimum]
    if below:
        print(f"below {options.minimum}%: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
