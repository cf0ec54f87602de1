"""The ``format`` version key of framework and observations files, and ``perfscore.__version__``."""

from __future__ import annotations

import importlib.metadata
import json
import tomllib
from pathlib import Path

import pytest

import perfscore
from perfscore import FileFormatError, dump_framework, dump_observations, load_framework, load_observations
from perfscore.frameworks import load_builtin, load_builtin_observations
from perfscore.io import FORMAT_VERSION, loads_framework, loads_observations, observations_from_dict

FRAMEWORK = """
name = "示例"
[[indicators]]
code = "A"
name = "履职效能"
points = 100
rule = {kind = "manual"}
"""


def test_the_version_is_1():
    assert FORMAT_VERSION == 1


def test_a_file_without_format_is_version_1():
    assert loads_framework(FRAMEWORK).maximum == 100
    assert loads_observations("[observations]\nA = 1\n")["A"] == 1


def test_format_1_is_read():
    assert loads_framework("format = 1\n" + FRAMEWORK) == loads_framework(FRAMEWORK)
    assert loads_observations('{"format": 1, "observations": {"A": 1}}', format="json")["A"] == 1


@pytest.mark.parametrize("version", ["2", "0", '"1"', "true", "1.0"])
def test_another_version_is_refused_naming_format(version):
    with pytest.raises(FileFormatError, match=r"^format: must be 1 \(") as caught:
        loads_framework(f"format = {version}\n" + FRAMEWORK)
    assert caught.value.field == "format"
    with pytest.raises(FileFormatError, match=r"^format: must be 1 \("):
        loads_observations(f"format = {version}\n[observations]\nA = 1\n")


def test_observations_from_dict_checks_the_version():
    with pytest.raises(FileFormatError, match=r"^format: "):
        observations_from_dict({"format": 99, "observations": {}})


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_dump_writes_format_first(tmp_path, suffix):
    framework = load_builtin("mof-project")
    observations = load_builtin_observations("seed-panzhihua-2023")
    dump_framework(framework, tmp_path / f"f{suffix}")
    dump_observations(observations, tmp_path / f"o{suffix}")
    for name in ("f", "o"):
        text = (tmp_path / f"{name}{suffix}").read_text(encoding="utf-8")
        data = json.loads(text) if suffix == ".json" else tomllib.loads(text)
        assert next(iter(data)) == "format"
        assert data["format"] == 1
    assert load_framework(tmp_path / f"f{suffix}") == framework
    if suffix == ".toml":  # JSON carries decimals as text ("21.5"), which the rules read alike
        assert dict(load_observations(tmp_path / f"o{suffix}")) == dict(observations)


def test_version_comes_from_the_package_metadata():
    assert perfscore.__version__ == importlib.metadata.version("perfscore")


def test_version_of_an_uninstalled_source_tree_is_read_from_pyproject(monkeypatch):
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    pyproject = Path(perfscore.__file__).resolve().parents[2] / "pyproject.toml"
    expected = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert perfscore._version() == expected
