"""The shipped JSON Schemas: generated (never stale), valid, accepting every file shipped or written."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfscore import FileFormatError, dump_framework, dump_observations
from perfscore.frameworks import available, load_builtin
from perfscore.schemas import NAMES, _annotation, _loaders, generate, schema
from perfscore.schemas.__main__ import main as write_schemas
from perfscore.testing import frameworks, observations

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

ROOT = Path(__file__).resolve().parent.parent
perfscore_io = _loaders()  # the loaders and their lists of keys
PACKAGE = ROOT / "src" / "perfscore"


def _validator(name: str) -> jsonschema.protocols.Validator:
    document = schema(name)
    cls = jsonschema.validators.validator_for(document)
    cls.check_schema(document)
    return cls(document)


FRAMEWORK = _validator("framework")
OBSERVATIONS = _validator("observations")


def _data(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else tomllib.loads(text)


def _errors(validator: jsonschema.protocols.Validator, data: object) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)
    ]


def _shipped() -> list[Path]:
    files = [*PACKAGE.joinpath("frameworks").glob("*.toml"), *PACKAGE.joinpath("frameworks").glob("*.json")]
    files += [path for path in ROOT.joinpath("examples").rglob("*") if path.suffix in (".toml", ".json")]
    return sorted(files)


@pytest.mark.parametrize("name", NAMES)
def test_the_shipped_schema_is_the_generated_one(name):
    shipped = PACKAGE.joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    assert shipped == generate(name), "stale: run `python -m perfscore.schemas` and commit the result"


def test_the_writer_reports_nothing_stale(capsys):
    assert write_schemas(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_shipped_files_are_found():
    names = {path.name for path in _shipped()}
    assert {"mof-project.toml", "seed-panzhihua-2023.observations.toml", "framework.toml"} <= names


@pytest.mark.parametrize("path", _shipped(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_shipped_file_is_valid(path):
    data = _data(path)
    # An observations file has an [observations] table; a framework file has indicators.
    validator = OBSERVATIONS if isinstance(data, dict) and "observations" in data else FRAMEWORK
    assert _errors(validator, data) == []


def test_the_schemas_follow_the_loaders_keys():
    # One source of truth: the loaders' lists of keys are the schemas' properties.
    framework = schema("framework")
    assert list(framework["properties"]) == list(perfscore_io._FRAMEWORK_KEYS)
    assert list(framework["$defs"]["indicator"]["properties"]) == list(perfscore_io._INDICATOR_KEYS)
    observations_schema = schema("observations")
    assert list(observations_schema["properties"]) == list(perfscore_io._OBSERVATION_SECTIONS)
    assert list(observations_schema["properties"]["meta"]["properties"]) == list(perfscore_io._META_KEYS)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), suffix=st.sampled_from([".toml", ".json"]))
def test_written_files_are_valid(tmp_path, data, suffix):
    framework = data.draw(frameworks(details=True, max_leaves=6))
    observed = data.draw(observations(framework))
    dump_framework(framework, tmp_path / f"framework{suffix}")
    dump_observations(observed, tmp_path / f"observations{suffix}")
    assert _errors(FRAMEWORK, _data(tmp_path / f"framework{suffix}")) == []
    assert _errors(OBSERVATIONS, _data(tmp_path / f"observations{suffix}")) == []


def test_to_dict_is_valid():
    for name in available():
        assert _errors(FRAMEWORK, load_builtin(name).to_dict()) == []


_LEAF = {"code": "A", "name": "a", "points": 1}


@pytest.mark.parametrize(
    "document",
    [
        {"format": 2, "name": "x", "indicators": [{**_LEAF, "rule": {"kind": "manual"}}]},
        {"name": "x", "indicators": [_LEAF]},  # neither rule nor children
        {"name": "x", "indicators": [{**_LEAF, "rule": {"kind": "nope"}}]},
        {"name": "x", "colour": "red", "indicators": [{**_LEAF, "rule": {"kind": "manual"}}]},
        {"name": "x", "indicators": []},
    ],
)
def test_invalid_frameworks_are_refused_by_schema_and_loader(document):
    assert _errors(FRAMEWORK, document)
    with pytest.raises(FileFormatError):
        perfscore_io.framework_from_dict(document)


@pytest.mark.parametrize(
    "document",
    [
        {"format": "1", "observations": {}},
        {"meta": {"colour": "red"}, "observations": {}},
        {"budget": {"initial": 1}, "observations": {}},  # executed is required
        {"observations": {"A": True}},
        {},
    ],
)
def test_invalid_observations_are_refused_by_schema_and_loader(document):
    assert _errors(OBSERVATIONS, document)
    with pytest.raises(FileFormatError):
        perfscore_io.observations_from_dict(document)


def test_a_rule_is_checked_by_its_kind():
    leaf = {"code": "A", "name": "a", "points": 10}
    good = {"name": "x", "indicators": [{**leaf, "rule": {"kind": "正向", "target": "95"}}]}
    assert _errors(FRAMEWORK, good) == []
    missing = {"name": "x", "indicators": [{**leaf, "rule": {"kind": "forward"}}]}
    assert _errors(FRAMEWORK, missing)
    unknown = {"name": "x", "indicators": [{**leaf, "rule": {"kind": "forward", "target": 1, "x": 1}}]}
    assert _errors(FRAMEWORK, unknown)


def test_unknown_schema_name():
    with pytest.raises(FileFormatError, match=r"^name: "):
        schema("report")
    with pytest.raises(FileFormatError, match=r"^name: "):
        generate("report")


def test_types_are_read_from_annotations():
    assert _annotation("int | None", "x") == {"type": "integer"}
    assert _annotation("Decimal | str", "x") == {"anyOf": [{"$ref": "#/$defs/number"}, {"type": "string"}]}
    with pytest.raises(FileFormatError, match=r"^x: has a type the schema generator does not know"):
        _annotation("frozenset[int]", "x")


def test_a_new_key_without_a_type_stops_the_generator(monkeypatch):
    # What the integrator sees when a loader learns a key the generator cannot type.
    monkeypatch.setattr(
        perfscore_io, "_OBSERVATION_SECTIONS", (*perfscore_io._OBSERVATION_SECTIONS, "colour")
    )
    with pytest.raises(
        FileFormatError, match=r"^colour: is a section of the observations file without a schema"
    ):
        generate("observations")
    monkeypatch.setattr(perfscore_io, "_INDICATOR_KEYS", (*perfscore_io._INDICATOR_KEYS, "weight"))
    with pytest.raises(FileFormatError, match=r"^indicator\.weight: has no field in the model"):
        generate("framework")
