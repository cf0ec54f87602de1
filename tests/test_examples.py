"""Every script in examples/ runs and prints the figures its docstring promises.

Each example's module docstring names what its output must include, as ``Output includes
``text`` and ``more text``.``; a new example is covered as soon as it is added.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def promised(script: Path) -> list[str]:
    docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    match = re.search(r"Output includes (.+?)\.\s*$", docstring, re.S | re.M)
    return re.findall(r"``(.+?)``", match.group(1)) if match else []


def test_there_are_examples():
    assert {path.name for path in EXAMPLES} >= {"project_self_evaluation.py", "seed_evaluation.py"}


@pytest.mark.parametrize("script", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs_and_prints_its_figures(script, tmp_path):
    figures = promised(script)
    assert figures, f"{script.name}: its docstring must say 'Output includes ``…``.'"
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=tmp_path,  # examples must not depend on the working directory
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for figure in figures:
        assert figure in done.stdout, f"{script.name} did not print {figure!r}:\n{done.stdout}"
