"""JSON Schemas of the framework and observations files (文件格式的 JSON Schema).

``framework.schema.json`` and ``observations.schema.json`` ship with the package (read them with
`schema`) for editors and for other programs that write perfscore
files. They are generated, never edited: ``python -m perfscore.schemas`` writes them from the
loaders' own lists of keys (``perfscore.io``) and the model's fields (the attrs classes
`Indicator`, `Framework`, `Metadata`, `BudgetFigures` and every rule in
[`RULES`][perfscore.rules.RULES]), so a key added there appears in the schema. A key whose type
cannot be read from its field's annotation needs one entry in ``_KEY_TYPES``; a new section of
the observations file one entry in ``_SECTIONS``. The test suite regenerates both and compares.

The schemas describe what the loaders accept; the loaders check more (points that add up,
codes that are unique, numbers within the limits of ``docs/guarantees.md``). A number may be
a TOML or JSON number or text (``"21.5"``, and in ``[budget]`` ``"7,463.89"`` or ``"7463.89万元"``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from types import ModuleType
from typing import Any, Final

import attrs

from perfscore.errors import FileFormatError
from perfscore.framework import NOT_APPLICABLE_POLICIES, Framework, Indicator
from perfscore.grades import SCHEMES, Grade, GradeScheme
from perfscore.observations import BudgetFigures, Metadata
from perfscore.rules import KIND_ALIASES, RULES, Band

__all__ = ["NAMES", "generate", "schema"]

NAMES: Final = ("framework", "observations")
"""The schemas: ``framework.schema.json`` and ``observations.schema.json``."""

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]


def _loaders() -> ModuleType:
    """The module that holds the loaders' lists of keys: ``perfscore.io``, or its ``_files``."""
    module = importlib.import_module("perfscore.io")
    if hasattr(module, "_FRAMEWORK_KEYS"):
        return module
    return importlib.import_module("perfscore.io._files")  # io as a package with a thin face


io: Final = _loaders()

_NUMBER: Final[Schema] = {
    "description": "A number, or text of one (exact: never read through a binary float).",
    "type": ["number", "string"],
}
_TEXT: Final[Schema] = {"type": "string"}
# Field annotations (as attrs records them, text under `from __future__ import annotations`).
_ANNOTATIONS: Final[dict[str, Schema]] = {
    "Decimal": {"$ref": "#/$defs/number"},
    "str": _TEXT,
    "int": {"type": "integer"},
    "bool": {"type": "boolean"},
    "tuple[str, ...]": {"type": "array", "items": _TEXT},
    "tuple[Band, ...]": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/band"}},
    "NotApplicablePolicy": {"enum": list(NOT_APPLICABLE_POLICIES)},
}
# Keys whose schema is not their field's annotation: (what, key) -> schema.
_KEY_TYPES: Final[dict[tuple[str, str], Schema]] = {
    ("file", "format"): {
        "description": "The file format version; a file without it is version 1.",
        "type": "integer",
        "const": io.FORMAT_VERSION,
    },
    ("framework", "indicators"): {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/indicator"}},
    ("framework", "grades"): {
        "description": "A built-in grade scheme by name, or a scheme of your own.",
        "anyOf": [{"enum": list(SCHEMES)}, {"$ref": "#/$defs/grade_scheme"}],
    },
    ("framework", "places"): {"type": "integer", "minimum": 0},
    # The file's not_applicable is the model's na_policy.
    ("framework", "not_applicable"): {"enum": list(NOT_APPLICABLE_POLICIES)},
    ("indicator", "rule"): {"$ref": "#/$defs/rule"},
    ("indicator", "children"): {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/indicator"}},
    ("grade_scheme", "grades"): {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/grade"}},
}
_SCALAR: Final[Schema] = {"type": ["number", "string"]}
_OBSERVATION: Final[Schema] = {
    "description": "A leaf's observation: a number, text (a number as printed, a tier, 不适用), "
    "a table or a list of numbers or texts; JSON null is not applicable.",
    "anyOf": [
        {"type": ["number", "string", "null"]},
        {"type": "object", "additionalProperties": _SCALAR},
        {"type": "array", "items": _SCALAR},
    ],
}


def _fields(cls: type) -> dict[str, Any]:
    return {field.name: field for field in attrs.fields(cls)}


def _annotation(annotation: object, where: str) -> Schema:
    # "X | None" is an optional key (files have no null); "X | Y" either type.
    parts = [part.strip() for part in str(annotation).split("|") if part.strip() != "None"]
    if not parts or any(part not in _ANNOTATIONS for part in parts):
        raise FileFormatError(
            where, f"has a type the schema generator does not know: {annotation} (_KEY_TYPES)"
        )
    if len(parts) == 1:
        return dict(_ANNOTATIONS[parts[0]])
    return {"anyOf": [dict(_ANNOTATIONS[part]) for part in parts]}


def _object(
    what: str,
    keys: Iterable[str],
    model: type | None,
    *,
    required: Iterable[str] = (),
    description: str | None = None,
) -> Schema:
    """A table of ``keys`` (the loader's list), each typed by its field of ``model`` or _KEY_TYPES."""
    fields = _fields(model) if model is not None else {}
    properties: Schema = {}
    for key in keys:
        if (what, key) in _KEY_TYPES:
            properties[key] = dict(_KEY_TYPES[(what, key)])
        elif ("file", key) in _KEY_TYPES:
            properties[key] = dict(_KEY_TYPES[("file", key)])
        elif key in fields:
            properties[key] = _annotation(fields[key].type, f"{what}.{key}")
        else:
            raise FileFormatError(f"{what}.{key}", "has no field in the model and no entry in _KEY_TYPES")
    schema: Schema = {"type": "object"}
    if description:
        schema["description"] = description
    schema |= {"properties": properties, "additionalProperties": False}
    needed = list(required)
    if needed:
        schema["required"] = needed
    return schema


def _rule(kind: str, cls: type) -> Schema:
    names = [kind, *sorted(alias for alias, target in KIND_ALIASES.items() if target == kind)]
    fields = _fields(cls)
    schema = _object("rule", fields, cls, required=["kind", *_no_default(fields)])
    schema["properties"] = {"kind": {"enum": names}, **schema["properties"]}
    schema["title"] = kind
    return schema


def _no_default(fields: Mapping[str, Any]) -> list[str]:
    return [name for name, field in fields.items() if field.default is attrs.NOTHING]


def _document(title: str, root: Schema, definitions: Schema) -> Schema:
    return {
        "$schema": _DIALECT,
        "title": title,
        **root,
        "$defs": {"number": _NUMBER, **definitions},
    }


def _framework() -> Schema:
    root = _object(
        "framework",
        io._FRAMEWORK_KEYS,
        Framework,
        required=["name", "indicators"],
        description="A perfscore framework file (指标体系): see docs/file-format.md.",
    )
    indicator = _object(
        "indicator",
        io._INDICATOR_KEYS,
        Indicator,
        required=["code", "name", "points"],
        description="An indicator: a leaf has a rule, a parent children (not both).",
    )
    # A leaf may be given its printed target alone where the loader derives the rule from it.
    leaf_or_parent = [
        {"required": [key]} for key in ("rule", "children", "target") if key in io._INDICATOR_KEYS
    ]
    indicator["anyOf"] = leaf_or_parent
    indicator["not"] = {"required": ["rule", "children"]}
    definitions: Schema = {
        "indicator": indicator,
        "rule": {
            "description": "A scoring rule (评分规则), chosen by its kind (English or Chinese name).",
            "type": "object",
            "required": ["kind"],
            "oneOf": [_rule(kind, cls) for kind, cls in RULES.items()],
        },
        "band": {
            "description": "A band of the bands rule: a table, or a [threshold, award] pair.",
            "anyOf": [
                _object("band", _fields(Band), Band, required=_no_default(_fields(Band))),
                {"type": "array", "prefixItems": [_NUMBER, _NUMBER], "minItems": 2, "maxItems": 2},
            ],
        },
        "grade_scheme": _object("grade_scheme", io._SCHEME_KEYS, GradeScheme, required=["name", "grades"]),
        "grade": _object("grade", io._GRADE_KEYS, Grade, required=["label", "minimum"]),
    }
    return _document("perfscore framework file", root, definitions)


def _funds_row() -> Schema:
    # A row of the 项目资金 block: a table of its columns (in English or as printed), or a list.
    funds = importlib.import_module("perfscore.funds")
    columns = [*funds.COLUMNS, *getattr(funds, "_COLUMN_ALIASES", {})]
    return {
        "description": "年初预算数, 全年预算数, 全年执行数: a table, or a list in that order.",
        "anyOf": [
            {"type": "object", "properties": dict.fromkeys(columns, _SCALAR), "additionalProperties": False},
            {
                "type": "array",
                "items": _SCALAR,
                "minItems": len(funds.COLUMNS),
                "maxItems": len(funds.COLUMNS),
            },
        ],
    }


def _funds() -> Schema:
    # The 项目资金 block, from perfscore.funds (its rows in English or as printed).
    funds = importlib.import_module("perfscore.funds")
    rows = [*funds.ROWS, *getattr(funds, "_ROW_ALIASES", {})]
    return {
        "description": "The project's 项目资金 block: 年初预算数, 全年预算数, 全年执行数 by source.",
        "type": "object",
        "properties": {**{row: {"$ref": "#/$defs/funds_row"} for row in rows}, "currency": _TEXT},
        "additionalProperties": False,
    }


# The sections of an observations file, by key: how to build each one's schema (a section is
# used when the loader lists it).
_SECTIONS: Final[dict[str, Callable[[], Schema]]] = {
    "format": lambda: dict(_KEY_TYPES[("file", "format")]),
    "meta": lambda: _object("meta", io._META_KEYS, Metadata, description="Who, when, from where."),
    "budget": lambda: _object(
        "budget",
        io._BUDGET_KEYS,
        BudgetFigures,
        required=["executed"],
        description="Budget figures: 执行数, 年初预算数, 调整后预算数 (amounts as printed may be text).",
    ),
    "observations": lambda: {
        "description": "Leaf code → observation (实际完成值).",
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/observation"},
    },
    "funds": _funds,
    "reasons": lambda: {
        "description": "Leaf code → 偏差原因分析及改进措施.",
        "type": "object",
        "additionalProperties": {"type": "string", "minLength": 1},
    },
    "stated": lambda: {
        "description": "Code → the 得分 the form prints.",
        "type": "object",
        "additionalProperties": _SCALAR,
    },
}


def _observations() -> Schema:
    properties: Schema = {}
    for key in io._OBSERVATION_SECTIONS:
        if key not in _SECTIONS:
            raise FileFormatError(key, "is a section of the observations file without a schema (_SECTIONS)")
        properties[key] = _SECTIONS[key]()
    root: Schema = {
        "description": "A perfscore observations file (实际完成值): see docs/file-format.md.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "required": ["observations"],
    }
    definitions: Schema = {"observation": _OBSERVATION}
    if "funds" in properties:
        definitions["funds_row"] = _funds_row()
    return _document("perfscore observations file", root, definitions)


_BUILDERS: Final[dict[str, Callable[[], Schema]]] = {"framework": _framework, "observations": _observations}


def generate(name: str) -> str:
    """The text of a schema, generated from the loaders and the model.

    Args:
        name: ``"framework"`` or ``"observations"``.

    Returns:
        The JSON Schema (draft 2020-12) as the shipped file holds it.

    Raises:
        FileFormatError: ``name`` is not one of `NAMES`.
    """
    if name not in _BUILDERS:
        raise FileFormatError("name", f"must be one of {', '.join(NAMES)}, got {name!r}")
    return json.dumps(_BUILDERS[name](), ensure_ascii=False, indent=2) + "\n"


def schema(name: str) -> dict[str, Any]:
    """A shipped schema, as data (for a validator such as jsonschema).

    Args:
        name: ``"framework"`` or ``"observations"``.

    Returns:
        The JSON Schema.

    Raises:
        FileFormatError: ``name`` is not one of `NAMES`.

    Examples:
        >>> schema("framework")["required"]
        ['name', 'indicators']
    """
    if name not in NAMES:
        raise FileFormatError("name", f"must be one of {', '.join(NAMES)}, got {name!r}")
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
