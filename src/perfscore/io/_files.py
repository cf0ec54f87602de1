"""Framework and observations files (文件读写): TOML and JSON, chosen by the file's suffix.

* [`load_framework`][perfscore.io.load_framework] / [`dump_framework`][perfscore.io.dump_framework] — an
  indicator system (指标体系).
* [`load_observations`][perfscore.io.load_observations] /
  [`dump_observations`][perfscore.io.dump_observations] — a unit's observations (实际完成值), with optional
  metadata, budget figures, the 项目资金 block (``[funds]``) and the 偏差原因分析及改进措施 of each leaf
  (``[reasons]``).
* [`framework_from_dict`][perfscore.io.framework_from_dict] /
  [`observations_from_dict`][perfscore.io.observations_from_dict] — the same from data already in memory
  (``Framework.to_dict()`` goes the other way).

The format is documented in ``docs/file-format.md``. Numbers are read exactly: TOML and JSON
floats are parsed straight into `Decimal` (never through a binary float), and
numbers may also be given as text (``points = "21.5"``).

Every problem with a file raises [`FileFormatError`][perfscore.errors.FileFormatError]. When the problem is
inside the file, the error's field is the path to it
(``indicators[2].children[0].points: must be greater than 0, got -5``); when the file itself cannot
be used (missing, too large, not UTF-8, not valid TOML or JSON), the field is the file's path.
Files larger than [`MAX_FILE_BYTES`][perfscore.io.MAX_FILE_BYTES] and indicator trees deeper than
[`MAX_DEPTH`][perfscore.framework.MAX_DEPTH] are refused before they are parsed or built.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, NoReturn

import attrs

from perfscore.errors import FileFormatError, PerfscoreError, describe
from perfscore.framework import MAX_DEPTH, Framework, Indicator
from perfscore.funds import ProjectFunds, funds_from_dict
from perfscore.grades import SCHEMES, Grade, GradeScheme
from perfscore.io import _toml
from perfscore.numbers import parse_amount, to_decimal
from perfscore.observations import NOT_APPLICABLE, BudgetFigures, Metadata, Observations, is_not_applicable
from perfscore.rules import Band, Rule, rule_from_dict

__all__ = [
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "SUFFIXES",
    "dump_framework",
    "dump_observations",
    "framework_from_dict",
    "framework_to_data",
    "load_framework",
    "load_observations",
    "loads_framework",
    "loads_observations",
    "observations_from_dict",
    "observations_to_data",
]

MAX_FILE_BYTES: Final = 10 * 1024 * 1024
"""The largest file perfscore reads: 10 MiB, far above any real 指标体系 or 自评表."""
SUFFIXES: Final = (".toml", ".json")
"""The file formats, by suffix."""
FORMAT_VERSION: Final = 1
"""The version of the file format written in the ``format`` key of every file perfscore writes.

A file without ``format`` is read as version 1; a file of another version is refused.
"""

_FRAMEWORK_KEYS: Final = ("format", "name", "description", "not_applicable", "places", "grades", "indicators")
_INDICATOR_KEYS: Final = (
    "code",
    "name",
    "points",
    "target",
    "unit",
    "description",
    "places",
    "rule",
    "children",
)
_SCHEME_KEYS: Final = ("name", "grades", "not_demonstrated")
_GRADE_KEYS: Final = ("label", "minimum", "label_en")
_OBSERVATION_SECTIONS: Final = ("format", "meta", "observations", "budget", "funds", "reasons", "stated")
_META_KEYS: Final = tuple(field.name for field in attrs.fields(Metadata))
_BUDGET_KEYS: Final = ("executed", "initial", "adjusted", "currency")
#: Written for a not-applicable leaf (TOML has no null).
_NOT_APPLICABLE_TEXT: Final = "不适用"

PathLike = str | os.PathLike[str]


# ---------------------------------------------------------------------------------------------
# Reading and writing files


def _path(path: object) -> Path:
    if isinstance(path, Path):
        return path
    if isinstance(path, (str, os.PathLike)):
        return Path(path)
    raise FileFormatError("path", f"must be a file path, got {type(path).__name__}")


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FileFormatError(str(path), "has an unknown format: name it *.toml or *.json")
    return suffix


def _kind(value: object) -> str:
    names = {dict: "a table", list: "a list", str: "text", bool: "a boolean", int: "a number"}
    for cls, name in names.items():
        if isinstance(value, cls):
            return name
    return "a number" if isinstance(value, Decimal) else type(value).__name__


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number perfscore accepts")


def _read(path: object) -> dict[str, Any]:
    """The top-level table of a TOML or JSON file, numbers as ``int`` or ``Decimal``."""
    file = _path(path)
    name = str(file)
    suffix = _suffix(file)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise FileFormatError(name, "is a directory, not a file")
        if size > MAX_FILE_BYTES:
            raise FileFormatError(
                name, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB ({size} bytes)"
            )
        with file.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FileFormatError(name, f"cannot be read: {error.strerror or error}") from None
    except ValueError as error:  # a NUL byte in the path
        raise FileFormatError(name, f"cannot be read: {error}") from None
    if len(raw) > MAX_FILE_BYTES:  # a file that grew, or a device without a size
        raise FileFormatError(name, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileFormatError(name, f"is not UTF-8 text (byte {error.start} cannot be decoded)") from None
    return _parse(text, suffix, name)


def _parse(text: str, suffix: str, name: str) -> dict[str, Any]:
    """The top-level table of TOML (``.toml``) or JSON (``.json``) text; ``name`` for errors."""
    if len(text) > MAX_FILE_BYTES:
        raise FileFormatError(name, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        if suffix == ".toml":
            data: object = tomllib.loads(text, parse_float=Decimal)
        else:
            data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except tomllib.TOMLDecodeError as error:
        raise FileFormatError(name, f"is not valid TOML: {error}") from None
    except json.JSONDecodeError as error:
        raise FileFormatError(
            name, f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        # The parsers recurse once per nested array or table; no valid file nests this deep.
        raise FileFormatError(name, "nests arrays or tables too deeply to be a perfscore file") from None
    except ValueError as error:  # NaN/Infinity in JSON, integers with thousands of digits
        raise FileFormatError(name, f"holds a value perfscore cannot read: {error}") from None
    if not isinstance(data, dict):
        raise FileFormatError(name, f"must hold a table (a JSON object) at the top, got {_kind(data)}")
    return data


def _check_version(table: Mapping[str, Any]) -> None:
    """Refuse a file of a format version this perfscore does not know (none given: version 1)."""
    version = table.get("format", FORMAT_VERSION)
    if type(version) is not int or version != FORMAT_VERSION:
        raise FileFormatError(
            "format", f"must be {FORMAT_VERSION} (the format version this perfscore reads), got {version!r}"
        )


def _versioned(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"format": FORMAT_VERSION, **data}


def _format(value: object) -> str:
    if value not in ("toml", "json"):
        raise FileFormatError("format", f"must be 'toml' or 'json', got {value!r}")
    return f".{value}"


def loads_framework(text: str, *, format: str = "toml") -> Framework:
    """Read a framework from TOML or JSON text (as `load_framework` reads a file).

    Args:
        text: The document.
        format: ``"toml"`` or ``"json"``.

    Returns:
        The framework.

    Raises:
        FileFormatError: The text is not valid or does not describe a valid framework.
    """
    if not isinstance(text, str):
        raise FileFormatError("text", f"must be text, got {type(text).__name__}")
    return framework_from_dict(_parse(text, _format(format), "text"))


def loads_observations(text: str, *, format: str = "toml") -> Observations:
    """Read observations from TOML or JSON text (as `load_observations` reads a file).

    Args:
        text: The document.
        format: ``"toml"`` or ``"json"``.

    Returns:
        The observations.

    Raises:
        FileFormatError: The text is not valid or not in the documented form.
    """
    if not isinstance(text, str):
        raise FileFormatError("text", f"must be text, got {type(text).__name__}")
    return observations_from_dict(_parse(text, _format(format), "text"))


def _write(path: object, render: Callable[[str], str]) -> None:
    file = _path(path)
    suffix = _suffix(file)
    text = render(suffix)
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        raise FileFormatError(str(file), "holds text that UTF-8 cannot encode (a lone surrogate)") from None
    try:
        file.write_bytes(encoded)
    except OSError as error:
        raise FileFormatError(str(file), f"cannot be written: {error.strerror or error}") from None
    except ValueError as error:  # a NUL byte in the path
        raise FileFormatError(str(file), f"cannot be written: {error}") from None


def _toml_text(data: Mapping[str, object], header: str) -> str:
    try:
        return _toml.dumps(data, header=header)
    except _toml.TomlWriteError as error:
        raise FileFormatError(error.where, error.message) from None


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Frameworks


def _table(value: object, where: str, known: Sequence[str], what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FileFormatError(where, f"must be a table, got {_kind(value)}")
    unknown = [key for key in value if key not in known]
    if unknown:
        field = f"{where}.{unknown[0]}" if where else str(unknown[0])
        raise FileFormatError(field, f"is not a key of {what} (known keys: {', '.join(known)})")
    return value


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _required(table: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise FileFormatError(_at(where, key), "is required")
    return table[key]


def _text(table: Mapping[str, Any], key: str, where: str, *, required: bool) -> str | None:
    if key not in table:
        if required:
            raise FileFormatError(_at(where, key), "is required")
        return None
    value = table[key]
    if not isinstance(value, str) or (required and not value.strip()):
        raise FileFormatError(_at(where, key), f"must be a non-empty text, got {_kind(value)} {value!r}")
    return value  # optional text left blank is absent, as in the model


def _relocate(error: PerfscoreError, where: str, locals_: Mapping[str, str]) -> NoReturn:
    """Re-raise a model error as a FileFormatError whose field is a path in the file."""
    field = error.field
    for prefix, path in sorted(locals_.items(), key=lambda item: -len(item[0])):
        if field == prefix or field.startswith(prefix + "."):
            raise FileFormatError(path + field[len(prefix) :], error.message) from None
    raise FileFormatError(_at(where, field) if field else where, error.message) from None


class _Builder:
    """Builds indicators from file data, keeping the path of every code for error messages."""

    def __init__(self) -> None:
        self.paths: dict[str, str] = {}

    def indicator(self, data: object, where: str, depth: int) -> Indicator:
        table = _table(data, where, _INDICATOR_KEYS, "an indicator")
        code = _text(table, "code", where, required=True)
        assert code is not None
        code = code.strip()
        if code in self.paths:
            raise FileFormatError(f"{where}.code", f"{code!r} is already the code of {self.paths[code]}")
        self.paths[code] = where
        name = _text(table, "name", where, required=True)
        points = _required(table, "points", where)
        texts = {key: _text(table, key, where, required=False) for key in ("target", "unit", "description")}
        has_rule, has_children = "rule" in table, "children" in table
        if has_rule and has_children:
            raise FileFormatError(where, "has both a rule and children: a leaf has a rule, a parent children")
        if not has_rule and not has_children and texts["target"] is None:
            # A leaf may give its printed target instead ("≥95%"): the rule is derived from it.
            raise FileFormatError(where, "needs a rule or a target (a leaf) or children (a parent)")
        rule: Rule | None = None
        children: list[Indicator] = []
        if has_rule:
            try:
                rule = rule_from_dict(table["rule"], field=f"{where}.rule")
            except PerfscoreError as error:
                raise FileFormatError(error.field, error.message) from None
        elif has_children:
            kids = table["children"]
            if not isinstance(kids, list) or not kids:
                raise FileFormatError(f"{where}.children", f"must be a non-empty list, got {_kind(kids)}")
            if depth >= MAX_DEPTH:  # checked before going down, so no file can exhaust the stack
                raise FileFormatError(f"{where}.children", f"nests indicators deeper than {MAX_DEPTH} levels")
            children = [
                self.indicator(kid, f"{where}.children[{index}]", depth + 1) for index, kid in enumerate(kids)
            ]
        fields = {"code": f"{where}.code", "name": f"{where}.name", "points": f"{where}.points"}
        options = {"places": table["places"]} if "places" in table else {}
        try:
            return Indicator(code, name, points, rule=rule, children=tuple(children), **texts, **options)
        except PerfscoreError as error:
            _relocate(error, where, {code: where, **fields})


def _grades(value: object) -> GradeScheme:
    if isinstance(value, str):
        if value not in SCHEMES:
            raise FileFormatError("grades", f"must be one of {', '.join(SCHEMES)} or a table, got {value!r}")
        return SCHEMES[value]
    table = _table(value, "grades", _SCHEME_KEYS, "a grade scheme")
    name = _text(table, "name", "grades", required=True)
    listed = _required(table, "grades", "grades")
    if not isinstance(listed, list) or not listed:
        raise FileFormatError("grades.grades", f"must be a non-empty list of grades, got {_kind(listed)}")
    grades = []
    for index, item in enumerate(listed):
        where = f"grades.grades[{index}]"
        grade = _table(item, where, _GRADE_KEYS, "a grade")
        label_en = grade.get("label_en", "")
        if not isinstance(label_en, str):
            raise FileFormatError(f"{where}.label_en", f"must be text, got {_kind(label_en)}")
        try:
            grades.append(
                Grade(_required(grade, "label", where), _required(grade, "minimum", where), label_en)
            )
        except PerfscoreError as error:
            _relocate(error, where, {})
    not_demonstrated = _text(table, "not_demonstrated", "grades", required=False)
    try:
        return GradeScheme(name, grades, not_demonstrated)
    except PerfscoreError as error:
        _relocate(error, "grades", {})


def framework_from_dict(data: object) -> Framework:
    """Build a framework from plain data, as read from a framework file.

    Args:
        data: A mapping with ``name``, ``indicators`` and optionally ``description``,
            ``not_applicable``, ``places`` and ``grades`` (see ``docs/file-format.md``).
            ``Framework.to_dict()`` gives such data.

    Returns:
        The framework.

    Raises:
        FileFormatError: The data does not describe a valid framework; the field is the path
            to the problem (``indicators[2].children[0].points``).

    Examples:
        >>> framework = framework_from_dict({
        ...     "name": "示例",
        ...     "indicators": [{"code": "A", "name": "履职效能", "points": 100, "rule": {"kind": "评分"}}],
        ... })
        >>> framework.maximum
        Decimal('100')
        >>> framework_from_dict({"name": "示例", "indicators": [
        ...     {"code": "A", "name": "履职效能", "points": -5, "rule": {"kind": "manual"}}]})
        Traceback (most recent call last):
        ...
        perfscore.errors.FileFormatError: indicators[0].points: must be greater than 0, got -5
    """
    table = _table(data, "", _FRAMEWORK_KEYS, "a framework")
    _check_version(table)
    name = _text(table, "name", "", required=True)
    listed = _required(table, "indicators", "")
    if not isinstance(listed, list) or not listed:
        raise FileFormatError("indicators", f"must be a non-empty list of indicators, got {_kind(listed)}")
    builder = _Builder()
    indicators = [builder.indicator(item, f"indicators[{index}]", 1) for index, item in enumerate(listed)]
    options: dict[str, Any] = {}
    if "grades" in table:
        options["grades"] = _grades(table["grades"])
    for key in ("not_applicable", "places"):
        if key in table:
            options[key] = table[key]
    try:
        return Framework(
            name,
            indicators,
            description=_text(table, "description", "", required=False),
            **options,
        )
    except PerfscoreError as error:
        _relocate(error, "", builder.paths)


def _rule_data(rule: Rule) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": rule.kind}
    for field in attrs.fields(type(rule)):  # type: ignore[arg-type]
        value = getattr(rule, field.name)
        if field.metadata.get("omit_default") and value == field.default:
            continue  # an option added later (Qualitative.bounds): files stay as they were
        if isinstance(value, tuple):
            value = [
                {"threshold": item.threshold, "award": item.award} if isinstance(item, Band) else item
                for item in value
            ]
        data[field.name] = value
    return data


def _indicator_data(indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {"code": indicator.code, "name": indicator.name, "points": indicator.points}
    for key in ("target", "unit", "description", "places"):
        if getattr(indicator, key) is not None:
            data[key] = getattr(indicator, key)
    if indicator.rule is not None:
        data["rule"] = _rule_data(indicator.rule)
    else:
        data["children"] = [_indicator_data(child) for child in indicator.children]
    return data


def framework_to_data(framework: Framework) -> dict[str, Any]:
    """The framework as plain data with numbers kept as `Decimal` (for TOML).

    [`Framework.to_dict`][perfscore.framework.Framework.to_dict] gives the same with numbers as text (for
    JSON).

    Args:
        framework: The framework.

    Returns:
        Plain data that [`framework_from_dict`][perfscore.io.framework_from_dict] reads back into an equal
        framework.
    """
    data = framework.to_dict()
    if isinstance(data["grades"], dict):
        data["grades"] = {
            **data["grades"],
            "grades": [
                {"label": grade.label, "minimum": grade.minimum, "label_en": grade.label_en}
                for grade in framework.grades.grades
            ],
        }
    data["indicators"] = [_indicator_data(indicator) for indicator in framework.indicators]
    return data


def load_framework(path: PathLike) -> Framework:
    """Read a framework file (读取指标体系), TOML or JSON by its suffix.

    Args:
        path: A ``*.toml`` or ``*.json`` file in the format of ``docs/file-format.md``.

    Returns:
        The framework.

    Raises:
        FileFormatError: The file cannot be read or does not describe a valid framework; the
            field is the file's path, or the path inside the file
            (``indicators[2].children[0].points``).
    """
    return framework_from_dict(_read(path))


def dump_framework(framework: Framework, path: PathLike) -> None:
    """Write a framework file (保存指标体系), TOML or JSON by the path's suffix.

    TOML files carry numbers as TOML numbers (read back exactly); JSON files carry them as text
    (as [`Framework.to_dict`][perfscore.framework.Framework.to_dict] gives them), so that no JSON reader turns
    them into binary floats. [`load_framework`][perfscore.io.load_framework] reads either back into an equal
    framework.

    Args:
        framework: The framework.
        path: Where to write; an existing file is replaced.

    Raises:
        FileFormatError: The suffix is not ``.toml`` or ``.json``, or the file cannot be written.
    """
    if not isinstance(framework, Framework):
        raise FileFormatError("framework", f"must be a Framework, got {type(framework).__name__}")

    def render(suffix: str) -> str:
        if suffix == ".json":
            return _json_text(_versioned(framework.to_dict()))
        return _toml_text(
            _versioned(framework_to_data(framework)), "perfscore framework file (format: docs/file-format.md)"
        )

    _write(path, render)


# ---------------------------------------------------------------------------------------------
# Observations


def _scalar(value: object, where: str) -> object:
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise FileFormatError(where, f"must be a number or text, got {_kind(value)}")
    return value


def _observation(value: object, where: str) -> object:
    if is_not_applicable(value):
        return NOT_APPLICABLE
    if isinstance(value, dict):
        return {str(key): _scalar(item, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_scalar(item, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise FileFormatError(
            where, f"must be a number, text, 不适用, a table or a list, got {_kind(value)} {value!r}"
        )
    return value


def _section(table: Mapping[str, Any], key: str, known: Sequence[str], what: str) -> Mapping[str, Any]:
    return _table(table.get(key, {}), key, known, what)


def observations_from_dict(data: object) -> Observations:
    """Build observations from plain data, as read from an observations file.

    Args:
        data: A mapping with an ``observations`` table (leaf code → value) and optionally
            ``meta``, ``budget``, ``funds`` (the 项目资金 block), ``reasons`` (leaf code →
            偏差原因分析及改进措施) and ``stated`` (code → the 得分 a form prints) tables (see
            ``docs/file-format.md``).

    Returns:
        The observations; not-applicable markers (不适用, 不涉及, N/A, JSON ``null``) become
        [`NOT_APPLICABLE`][perfscore.scoring.NOT_APPLICABLE].

    Raises:
        FileFormatError: The data is not in the documented form; the field is the path.
    """
    table = _table(data, "", _OBSERVATION_SECTIONS, "an observations file")
    _check_version(table)
    values = _required(table, "observations", "")
    if not isinstance(values, Mapping):
        raise FileFormatError("observations", f"must be a table of leaf code → value, got {_kind(values)}")
    observed = {str(code): _observation(value, f"observations.{code}") for code, value in values.items()}
    meta_table = _section(table, "meta", _META_KEYS, "the meta section")
    try:
        meta = Metadata(**meta_table)
    except PerfscoreError as error:
        _relocate(error, "meta", {})
    budget: BudgetFigures | None = None
    if "budget" in table:
        budget_table = _section(table, "budget", _BUDGET_KEYS, "the budget section")
        amounts: dict[str, Any] = {}
        for key, value in budget_table.items():
            amounts[key] = value
            if key != "currency" and isinstance(value, str):
                try:
                    amounts[key] = parse_amount(value, field=key)  # "7,463.89" as a document prints it
                except PerfscoreError as error:
                    _relocate(error, "budget", {})
        _required(budget_table, "executed", "budget")
        try:
            budget = BudgetFigures(**amounts)
        except PerfscoreError as error:
            _relocate(error, "budget", {})
    funds: ProjectFunds | None = None
    if "funds" in table:
        try:
            funds = funds_from_dict(table["funds"], field="funds")
        except PerfscoreError as error:
            raise FileFormatError(error.field, error.message) from None
    reasons = table.get("reasons", {})
    if not isinstance(reasons, Mapping):
        raise FileFormatError("reasons", f"must be a table of leaf code → text, got {_kind(reasons)}")
    for code, text in reasons.items():
        if not isinstance(text, str) or not text.strip():
            raise FileFormatError(f"reasons.{code}", f"must be a non-empty text, got {describe(text)}")
    stated = table.get("stated", {})
    if not isinstance(stated, Mapping):
        raise FileFormatError("stated", f"must be a table of code → 得分, got {_kind(stated)}")
    for code, score in stated.items():
        _scalar(score, f"stated.{code}")
    return Observations(observed, meta=meta, budget=budget, funds=funds, reasons=reasons, stated=stated)


def _plain_observation(value: object, where: str, *, decimals_as_text: bool) -> object:
    if is_not_applicable(value):
        return _NOT_APPLICABLE_TEXT
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {
            str(key): _plain_observation(item, f"{where}.{key}", decimals_as_text=decimals_as_text)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        items = [
            _plain_observation(item, f"{where}[{index}]", decimals_as_text=decimals_as_text)
            for index, item in enumerate(value)
        ]
        if any(isinstance(item, (dict, list)) for item in items):
            raise FileFormatError(where, "nested lists or tables cannot be observations")
        return items
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        number = to_decimal(value, field=where)
    except PerfscoreError as error:
        raise FileFormatError(where, f"cannot be written: {error.message}") from None
    return format(number, "f") if decimals_as_text else number


def observations_to_data(
    observations: Mapping[str, object], *, decimals_as_text: bool = False
) -> dict[str, Any]:
    """Observations as plain data in the file layout (``meta``, ``budget``, ``funds``, ...).

    The sections are ``meta``, ``budget``, ``funds``, ``reasons``, ``stated`` and ``observations``.

    Args:
        observations: An [`Observations`][perfscore.observations.Observations] or any mapping of leaf
            code → value.
        decimals_as_text: Write decimals as text (for JSON) instead of ``Decimal`` values.

    Returns:
        Plain data that [`observations_from_dict`][perfscore.io.observations_from_dict] reads back.

    Raises:
        FileFormatError: A value cannot be written (an object that is no observation).
    """
    if not isinstance(observations, Mapping):
        raise FileFormatError("observations", f"must be a mapping, got {type(observations).__name__}")
    data: dict[str, Any] = {}
    if isinstance(observations, Observations):
        meta = observations.meta.to_dict()
        if meta:
            data["meta"] = meta
        if observations.budget is not None:
            budget = observations.budget.to_dict()
            data["budget"] = {
                key: format(value, "f") if decimals_as_text and isinstance(value, Decimal) else value
                for key, value in budget.items()
            }
        if observations.funds is not None:
            data["funds"] = {
                name: {
                    column: format(amount, "f") if decimals_as_text else amount
                    for column, amount in row.items()
                }
                if isinstance(row, dict)
                else row
                for name, row in observations.funds.to_dict().items()
            }
        if observations.reasons:
            data["reasons"] = dict(observations.reasons)
        if observations.stated:
            data["stated"] = {
                code: _plain_observation(score, f"stated.{code}", decimals_as_text=decimals_as_text)
                for code, score in observations.stated.items()
            }
    values: dict[str, object] = {}
    for code, value in observations.items():
        if not isinstance(code, str):
            raise FileFormatError("observations", f"keys must be indicator codes (text), got {code!r}")
        values[code] = _plain_observation(value, f"observations.{code}", decimals_as_text=decimals_as_text)
    data["observations"] = values
    return data


def load_observations(path: PathLike) -> Observations:
    """Read an observations file (读取实际完成值), TOML or JSON by its suffix.

    Args:
        path: A ``*.toml`` or ``*.json`` file in the format of ``docs/file-format.md``.

    Returns:
        The observations, a mapping ready for
        [`perfscore.Framework.score`][perfscore.framework.Framework.score], with the file's ``meta`` and
        ``budget`` sections.

    Raises:
        FileFormatError: The file cannot be read or is not in the documented form.
    """
    return observations_from_dict(_read(path))


def dump_observations(observations: Mapping[str, object], path: PathLike) -> None:
    """Write an observations file, TOML or JSON by the path's suffix.

    Not-applicable leaves are written as ``"不适用"``; in JSON, decimals are written as text.

    Args:
        observations: An [`Observations`][perfscore.observations.Observations] or a plain mapping.
        path: Where to write; an existing file is replaced.

    Raises:
        FileFormatError: The suffix is unknown, a value cannot be written, or the file cannot
            be written.
    """

    def render(suffix: str) -> str:
        if suffix == ".json":
            return _json_text(_versioned(observations_to_data(observations, decimals_as_text=True)))
        data = _versioned(observations_to_data(observations))
        return _toml_text(data, "perfscore observations file (format: docs/file-format.md)")

    _write(path, render)
