"""perfscore.io: framework and observations files, their errors and their round trips."""

from __future__ import annotations

import contextlib
import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import (
    NOT_APPLICABLE,
    FileFormatError,
    Framework,
    FrameworkError,
    Indicator,
    PerfscoreError,
    dump_framework,
    dump_observations,
    load_framework,
    load_observations,
)
from perfscore.framework import MAX_DEPTH
from perfscore.io import (
    MAX_FILE_BYTES,
    framework_from_dict,
    framework_to_data,
    observations_from_dict,
    observations_to_data,
)
from perfscore.io._toml import dumps as toml_dumps
from perfscore.observations import BudgetFigures, Metadata, Observations
from perfscore.rules import Manual

from .strategies import any_frameworks, names, with_observations

D = Decimal
ROOT = Path(__file__).resolve().parent.parent


def leaf(code: str, points: object = 10, **extra: object) -> dict[str, object]:
    return {"code": code, "name": f"指标{code}", "points": points, "rule": {"kind": "manual"}, **extra}


def three_level() -> dict[str, object]:
    return {
        "name": "测试",
        "indicators": [
            leaf("A", 20),
            leaf("B", 30),
            {
                "code": "C",
                "name": "项目管理",
                "points": 50,
                "children": [leaf("C1", 25), leaf("C2", 25)],
            },
        ],
    }


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("io")


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


class TestPathsInsideTheFile:
    def test_issue_example(self):
        data = three_level()
        data["indicators"][2]["children"][0]["points"] = -5  # type: ignore[index]
        with pytest.raises(FileFormatError) as caught:
            framework_from_dict(data)
        assert str(caught.value) == "indicators[2].children[0].points: must be greater than 0, got -5"
        assert caught.value.field == "indicators[2].children[0].points"

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            (lambda d: d["indicators"][0].update(weight=1), "indicators[0].weight",
             "is not a key of an indicator"),
            (lambda d: d.update(colour="red"), "colour", "is not a key of a framework"),
            (lambda d: d["indicators"][1].pop("name"), "indicators[1].name", "is required"),
            (lambda d: d["indicators"][1].update(name=" "), "indicators[1].name", "non-empty text"),
            (lambda d: d["indicators"][1].update(points="abc"), "indicators[1].points", "not a decimal"),
            (lambda d: d["indicators"][1].update(children=[]), "indicators[1]", "both a rule and children"),
            (lambda d: d["indicators"][1].pop("rule"), "indicators[1]", "needs a rule"),
            (lambda d: d["indicators"][2].update(children=[]), "indicators[2].children", "non-empty list"),
            (lambda d: d["indicators"][2].update(points=49), "indicators[2].children", "must add up to"),
            (lambda d: d["indicators"][2]["children"][1].update(code="A"), "indicators[2].children[1].code",
             "already the code of indicators[0]"),
            (lambda d: d["indicators"][0].update(rule={"kind": "sideways"}), "indicators[0].rule.kind",
             "one of"),
            (lambda d: d["indicators"][0].update(rule={"kind": "forward"}), "indicators[0].rule.target",
             "required"),
            (lambda d: d["indicators"][0].update(rule={"kind": "bands", "bands": [[90, 25]]}),
             "indicators[0].rule.bands[0].award", "must not exceed"),
            (lambda d: d["indicators"][0].update(points="20.005"), "indicators[0].points",
             "more decimal places"),
            (lambda d: d["indicators"][0].update(unit=5), "indicators[0].unit", "non-empty text"),
            (lambda d: d.update(places=True), "places", "whole number"),
            (lambda d: d.update(not_applicable="ignore"), "not_applicable", "full, rescale, exclude"),
            (lambda d: d.update(grades="ABC"), "grades", "MOF, PART"),
            (lambda d: d.update(grades={"name": "x", "grades": [{"label": "好", "minimum": 101}]}),
             "grades.grades[0].minimum", "0 to 100"),
            (lambda d: d.update(grades={"name": "x", "grades": [{"label": "好", "minimum": 50}]}),
             "grades.grades", "start at 0"),
            (lambda d: d.update(indicators={}), "indicators", "non-empty list"),
            (lambda d: d["indicators"].append(7), "indicators[3]", "must be a table"),
        ],
    )  # fmt: skip
    def test_errors_name_the_path(self, change, field, message):
        data = three_level()
        change(data)
        with pytest.raises(FileFormatError) as caught:
            framework_from_dict(data)
        assert caught.value.field == field
        assert message in caught.value.message

    def test_depth_limit_is_checked_before_recursing(self):
        node: dict[str, object] = leaf("X0")
        for level in range(1, 10_000):  # far deeper than the stack allows recursion
            node = {"code": f"X{level}", "name": "n", "points": 10, "children": [node]}
        with pytest.raises(FileFormatError, match=rf"nests indicators deeper than {MAX_DEPTH} levels"):
            framework_from_dict({"name": "深", "indicators": [node]})

    def test_max_depth_itself_is_accepted(self):
        node: dict[str, object] = leaf("X0")
        for level in range(1, MAX_DEPTH):
            node = {"code": f"X{level}", "name": "n", "points": 10, "children": [node]}
        framework = framework_from_dict({"name": "深", "indicators": [node]})
        assert max(depth for _, depth in framework.walk()) == MAX_DEPTH


class TestFiles:
    def test_toml_numbers_are_exact(self, workdir):
        path = write(
            workdir,
            "exact.toml",
            'name = "x"\n[[indicators]]\ncode = "A"\nname = "a"\npoints = 0.1\n'
            'rule = {kind = "forward", target = 0.3}\n'
            '[[indicators]]\ncode = "B"\nname = "b"\npoints = "99.9"\nrule = {kind = "manual"}\n',
        )
        framework = load_framework(path)
        assert framework["A"].points == D("0.1")
        assert framework.maximum == D("100.0")
        assert (
            framework["A"].rule
            == framework_from_dict(
                {"name": "x", "indicators": [leaf("A", "0.1", rule={"kind": "forward", "target": "0.3"})]}
            )["A"].rule
        )

    def test_json_with_numbers_or_text(self, workdir):
        data = three_level()
        data["indicators"][0]["points"] = 20.0  # type: ignore[index]
        path = write(workdir, "f.json", json.dumps(data))
        assert load_framework(path).maximum == D(100)

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("a.toml", 'name = "x"\nname = "y"\n', "is not valid TOML"),
            ("a.json", '{"name": ', "is not valid JSON"),
            ("a.json", "[1, 2]", "must hold a table"),
            ("a.json", '{"name": NaN}', "cannot read"),
            ("a.toml", "名称 = '测试'".encode("gbk"), "is not UTF-8"),
            ("a.json", "[" * 200_000 + "]" * 200_000, "too deeply"),
            ("a.toml", "a = " + "[" * 200_000 + "]" * 200_000, "too deeply"),
            ("a.yaml", "name: x", "unknown format"),
        ],
    )
    def test_unusable_files_name_the_file(self, workdir, name, content, message):
        path = write(workdir, name, content)
        with pytest.raises(FileFormatError) as caught:
            load_framework(path)
        assert caught.value.field == str(path)
        assert message in caught.value.message

    def test_missing_file_and_directory(self, workdir):
        with pytest.raises(FileFormatError, match="cannot be read"):
            load_framework(workdir / "missing.toml")
        directory = workdir / "dir.toml"
        directory.mkdir()
        with pytest.raises(FileFormatError, match="is a directory"):
            load_framework(directory)
        with pytest.raises(FileFormatError, match=r"^path: must be a file path"):
            load_framework(42)  # type: ignore[arg-type]
        with pytest.raises(FileFormatError, match="embedded null byte"):
            load_observations(workdir / "a\0.toml")
        with pytest.raises(FileFormatError, match="embedded null byte"):
            dump_observations({}, workdir / "a\0.json")

    def test_files_over_the_limit_are_refused_unread(self, workdir):
        path = workdir / "huge.json"
        with path.open("wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no need to write 10 MiB
        with pytest.raises(FileFormatError, match="larger than 10 MiB"):
            load_framework(path)

    def test_byte_order_mark_is_accepted(self, workdir):
        path = write(workdir, "bom.json", b"\xef\xbb\xbf" + json.dumps(three_level()).encode())
        assert load_framework(path).name == "测试"

    def test_dump_refuses_unknown_suffix_and_unwritable_place(self, workdir):
        framework = framework_from_dict(three_level())
        with pytest.raises(FileFormatError, match="unknown format"):
            dump_framework(framework, workdir / "f.xml")
        with pytest.raises(FileFormatError, match="cannot be written"):
            dump_framework(framework, workdir / "no" / "such" / "f.toml")
        with pytest.raises(FileFormatError, match="must be a Framework"):
            dump_framework("x", workdir / "f.toml")  # type: ignore[arg-type]


@given(st.binary(max_size=300), st.sampled_from([".toml", ".json"]))
def test_any_bytes_load_or_raise_file_format_error(data, suffix):
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"f{suffix}"
        path.write_bytes(data)
        for loader in (load_framework, load_observations):
            with contextlib.suppress(FileFormatError):
                loader(path)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5), st.decimals(allow_nan=False)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
framework_like = st.fixed_dictionaries(
    {"name": st.one_of(names, json_values)},
    optional={
        "indicators": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "code": st.one_of(st.sampled_from(["A", "B"]), json_values),
                    "name": st.one_of(names, json_values),
                    "points": st.one_of(st.integers(-5, 50), json_values),
                    "rule": st.one_of(st.just({"kind": "manual"}), json_values),
                    "children": json_values,
                },
            ),
            max_size=3,
        ),
        "places": json_values,
        "grades": st.one_of(st.sampled_from(["MOF", "PART"]), json_values),
    },
)


@given(st.one_of(framework_like, json_values))
def test_any_data_builds_or_raises_file_format_error(data):
    try:
        framework = framework_from_dict(data)
    except FileFormatError:
        return
    assert isinstance(framework, Framework)


@given(
    st.one_of(json_values, st.dictionaries(st.sampled_from(["meta", "budget", "observations"]), json_values))
)
def test_any_data_reads_as_observations_or_raises_file_format_error(data):
    with contextlib.suppress(FileFormatError):
        observations_from_dict(data)


class TestRoundTrip:
    @given(any_frameworks())
    def test_to_dict_and_back(self, framework):
        assert framework_from_dict(framework.to_dict()) == framework
        assert framework_from_dict(framework_to_data(framework)) == framework
        text = toml_dumps(framework_to_data(framework))  # the writer's output is what tomllib reads
        assert framework_from_dict(tomllib.loads(text, parse_float=Decimal)) == framework

    @given(any_frameworks(max_children=3), st.sampled_from([".toml", ".json"]))
    def test_dump_then_load_gives_an_equal_framework(self, workdir, framework, suffix):
        path = workdir / f"round{suffix}"
        dump_framework(framework, path)
        assert load_framework(path) == framework

    @given(
        with_observations(any_frameworks(max_children=3)),
        st.sampled_from([".toml", ".json"]),
    )
    def test_observations_round_trip_scores_the_same(self, workdir, pair, suffix):
        framework, observations = pair
        path = workdir / f"observations{suffix}"
        meta = Metadata(unit="单位", year=2023)
        dump_observations(Observations(observations, meta=meta), path)
        loaded = load_observations(path)
        assert loaded.meta == meta
        assert set(loaded) == set(observations)
        before, after = framework.score(observations), framework.score(loaded)
        assert before.total == after.total
        assert before.grade == after.grade
        assert [(node.code, node.awarded, node.maximum) for node in before] == [
            (node.code, node.awarded, node.maximum) for node in after
        ]


class TestObservationFiles:
    def test_sections_and_values(self, workdir):
        path = write(
            workdir,
            "obs.toml",
            """
[meta]
unit = "中共攀枝花市委办公室"
year = 2023

[budget]
executed = "7,463.89"
initial = 4283.43

[observations]
A = 15
"B.1" = "0.95"
C1 = "不适用"
C2 = {tier = "达成", points = 9}
C3 = {executed = 95.12, budget = 100}
C4 = ["档案完整"]
""",
        )
        observations = load_observations(path)
        assert observations.meta == Metadata(unit="中共攀枝花市委办公室", year=2023)
        assert observations.budget == BudgetFigures(executed="7463.89", initial="4283.43")
        assert observations["A"] == 15
        assert observations["B.1"] == "0.95"
        assert observations["C1"] is NOT_APPLICABLE
        assert observations["C2"] == {"tier": "达成", "points": D(9)}
        assert observations["C3"] == {"executed": D("95.12"), "budget": D(100)}
        assert observations["C4"] == ["档案完整"]

    def test_json_null_is_not_applicable(self, workdir):
        path = write(workdir, "obs.json", '{"observations": {"A": null, "B": 1.50}}')
        observations = load_observations(path)
        assert observations["A"] is NOT_APPLICABLE
        assert observations["B"] == D("1.50")

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({}, "observations", "is required"),
            ({"observations": [1]}, "observations", "table of leaf code"),
            ({"observations": {"A": True}}, "observations.A", "got a boolean"),
            ({"observations": {"A": {"tier": [1]}}}, "observations.A.tier", "number or text"),
            ({"observations": {"A": [[1]]}}, "observations.A[0]", "number or text"),
            ({"observations": {}, "extra": {}}, "extra", "not a key of an observations file"),
            ({"observations": {}, "meta": {"year": "2023"}}, "meta.year", "a year"),
            ({"observations": {}, "meta": {"author": "x"}}, "meta.author", "not a key"),
            ({"observations": {}, "budget": {"initial": 1}}, "budget.executed", "is required"),
            ({"observations": {}, "budget": {"executed": "七千"}}, "budget.executed", "not a figure"),
            (
                {"observations": {}, "budget": {"executed": 1, "currency": "美元"}},
                "budget.currency",
                "one of",
            ),
        ],
    )
    def test_errors_name_the_path(self, data, field, message):
        with pytest.raises(FileFormatError) as caught:
            observations_from_dict(data)
        assert caught.value.field == field
        assert message in caught.value.message

    def test_dump_plain_mapping_and_refuse_unwritable(self, workdir):
        path = workdir / "plain.toml"
        dump_observations({"A": 0.95, "B": None, "C": ("达成", D("8.5"))}, path)
        text = path.read_text(encoding="utf-8")
        assert "A = 0.95" in text
        assert 'B = "不适用"' in text
        assert load_observations(path)["C"] == ["达成", D("8.5")]
        with pytest.raises(FileFormatError, match=r"^observations\.A: cannot be written"):
            dump_observations({"A": object()}, workdir / "bad.toml")
        with pytest.raises(FileFormatError, match=r"^observations\.A: nested"):
            dump_observations({"A": [[1]]}, workdir / "bad.json")

    def test_to_data_keeps_budget_and_meta(self):
        observations = Observations({"A": 1}, meta=Metadata(year=2023), budget=BudgetFigures(executed=1))
        data = observations_to_data(observations, decimals_as_text=True)
        assert data == {
            "meta": {"year": 2023},
            "budget": {"executed": "1", "currency": "万元"},
            "observations": {"A": 1},
        }
        assert observations_from_dict(data) == observations


class TestTomlWriter:
    def test_keys_and_text_are_quoted(self):
        text = toml_dumps({"observations": {"B2.1": 'a"b\\c\n\x01\x7f', "预算": 1, "ok-key_1": True}})
        assert tomllib.loads(text) == {
            "observations": {"B2.1": 'a"b\\c\n\x01\x7f', "预算": 1, "ok-key_1": True}
        }

    def test_huge_integers_stay_exact(self):
        text = toml_dumps({"a": 2**70, "b": D("1e25")})
        assert tomllib.loads(text, parse_float=D) == {"a": D(2**70), "b": D("1e25")}

    def test_refuses_what_toml_cannot_spell(self):
        from perfscore.io._toml import TomlWriteError  # noqa: PLC0415

        for bad in ({"a": None}, {"a": D("NaN")}, {"a": "\ud800"}, {"a": object()}, {1: 1}):
            with pytest.raises(TomlWriteError):
                toml_dumps(bad)  # type: ignore[arg-type]


def test_documented_example_loads_and_scores():
    page = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", page, flags=re.DOTALL)
    assert len(blocks) >= 2, "docs/file-format.md shows an example framework and observations file"
    framework = framework_from_dict(tomllib.loads(blocks[0], parse_float=Decimal))
    observations = observations_from_dict(tomllib.loads(blocks[1], parse_float=Decimal))
    result = framework.score(observations)
    assert result.maximum == D(100)
    assert 0 <= result.total <= result.maximum


def test_errors_are_perfscore_errors_and_value_errors():
    with pytest.raises(PerfscoreError):
        framework_from_dict([])
    with pytest.raises(ValueError, match="must be a table"):
        framework_from_dict("x")


def test_indicator_with_leaf_and_manual_rule_round_trips_through_dict():
    framework = Framework("f", (Indicator("A", "a", 100, rule=Manual(), target="≥ 95%", unit="%"),))
    assert framework_from_dict(framework.to_dict()) == framework


def test_blank_optional_text_is_absent_and_round_trips(tmp_path):
    # Fixed in perfscore.framework: Indicator(unit="") used to keep "" (a file could not hold it:
    # the loader refuses empty text) and errors on these fields said "text" instead of the field.
    indicator = Indicator("A", "a", 100, rule=Manual(), unit=" ", target="", description="  说明 ")
    assert (indicator.unit, indicator.target, indicator.description) == (None, None, "说明")
    framework = Framework("f", (indicator,), description="")
    assert framework.description is None
    dump_framework(framework, tmp_path / "f.toml")
    assert load_framework(tmp_path / "f.toml") == framework
    with pytest.raises(FrameworkError, match=r"^unit: must be a non-empty text, got 5"):
        Indicator("A", "a", 100, rule=Manual(), unit=5)  # type: ignore[arg-type]
