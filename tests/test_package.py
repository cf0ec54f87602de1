"""The package itself: light import, typing marker, command line demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import perfscore
from perfscore.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_import_is_light():
    code = (
        "import sys, perfscore;"
        "heavy = {'pandas', 'hypothesis', 'matplotlib', 'openpyxl', 'scipy', 'dask'};"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))"
    )
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert output.stdout.strip() == "[]"


def test_typed_marker_ships():
    assert (Path(perfscore.__file__).parent / "py.typed").exists()


def test_public_names_are_exported():
    for name in perfscore.__all__:
        assert hasattr(perfscore, name), name


def test_demo_prints_seed_budget_deviation(capsys):
    assert main(["demo"]) == 0
    assert "74.25%" in capsys.readouterr().out


def test_usage_error_is_one_line_and_exit_2(capsys):
    assert main(["no-such-command"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("perfscore: ")
    assert error.count("\n") == 1
    assert "Traceback" not in error


def test_readme_gives_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in setup.splitlines() if line.startswith("python -m pip install")]
    assert commands == [
        "python -m pip install . && perfscore demo",
        'python -m pip install -e ".[test,docs]" && python -m pytest',
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
