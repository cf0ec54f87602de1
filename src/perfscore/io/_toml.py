"""A small TOML writer for perfscore's own files (frameworks and observations).

perfscore reads TOML with the standard library's `tomllib`, which cannot write. The data
perfscore writes is plain — tables, arrays, text, whole numbers, booleans and decimals — so this
module writes it without a third-party dependency. Decimals are written as TOML numbers exactly as
``format(value, "f")`` shows them; perfscore reads floats back with ``parse_float=Decimal``, so a
round trip loses nothing. Arrays of tables that hold further tables are written with
``[[path]]`` headers (readable forms), everything else inline.

Only what perfscore produces is supported: keys are text; values are ``str``, ``bool``,
``int``, finite ``Decimal``, lists and dicts of those. ``None`` has no TOML spelling and is
refused, as are lone surrogates in text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

__all__ = ["TomlWriteError", "dumps"]

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES: Final = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_INT64: Final = 2**63


class TomlWriteError(ValueError):
    """A value has no TOML spelling; ``where`` is its dotted path."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


def _string(text: str, where: str) -> str:
    parts = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            parts.append(_ESCAPES[char])
        elif 0xD800 <= code <= 0xDFFF:
            raise TomlWriteError(where, "text holds a lone surrogate, which UTF-8 cannot encode")
        elif code < 0x20 or code == 0x7F:
            parts.append(f"\\u{code:04X}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)


def _key(key: object, where: str) -> str:
    if not isinstance(key, str):
        raise TomlWriteError(where, f"keys must be text, got {type(key).__name__}")
    return key if _BARE_KEY.fullmatch(key) else _string(key, where)


def _number(value: Decimal, where: str) -> str:
    if not value.is_finite():
        raise TomlWriteError(where, f"{value} has no TOML spelling")
    text = format(value, "f")
    if "." not in text and abs(value) >= _INT64:
        text += ".0"  # beyond TOML's 64-bit integers: written as a float, read back exactly
    return text


def _is_block_array(value: object) -> bool:
    """Whether an array is written as ``[[path]]`` tables: all tables, some holding a container."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
        return False
    if not all(isinstance(item, Mapping) for item in value):
        return False
    return any(isinstance(inner, (Mapping, list, tuple)) for item in value for inner in item.values())


def _is_block_table(value: object, *, top: bool) -> bool:
    """Whether a table is written under a ``[path]`` header rather than inline."""
    if not isinstance(value, Mapping):
        return False
    if top and value:
        return True  # top-level sections ([meta], [observations], [grades]) read better as headers
    return any(_is_block_array(inner) or _is_block_table(inner, top=False) for inner in value.values())


def _inline(value: object, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) >= _INT64:
            return f"{value}.0"
        return str(value)
    if isinstance(value, Decimal):
        return _number(value, where)
    if isinstance(value, str):
        return _string(value, where)
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{_key(key, where)} = {_inline(item, f'{where}.{key}')}" for key, item in value.items()
        )
        return "{" + inner + "}" if inner else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inline(item, f"{where}[{index}]") for index, item in enumerate(value)) + "]"
    if value is None:
        raise TomlWriteError(where, "None has no TOML spelling")
    raise TomlWriteError(where, f"cannot write a {type(value).__name__}")


def _table(path: list[str], table: Mapping[str, object], lines: list[str], where: str) -> None:
    # Inline values first: after a header, every key = value belongs to that header's table.
    nested: list[tuple[str, object]] = []
    for key, value in table.items():
        here = f"{where}.{key}" if where else str(key)
        if _is_block_table(value, top=not path) or _is_block_array(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key, here)} = {_inline(value, here)}")
    for key, value in nested:
        here = f"{where}.{key}" if where else key
        header = [*path, _key(key, here)]
        if isinstance(value, Mapping):
            lines.extend(["", f"[{'.'.join(header)}]"])
            _table(header, value, lines, here)
        else:
            assert isinstance(value, Sequence)
            for index, item in enumerate(value):
                lines.extend(["", f"[[{'.'.join(header)}]]"])
                _table(header, item, lines, f"{here}[{index}]")


def dumps(data: Mapping[str, object], *, header: str = "") -> str:
    """TOML text for ``data``.

    Args:
        data: The document: a mapping of text keys to writable values.
        header: Comment lines to put first (each prefixed with ``# ``).

    Returns:
        The TOML document, ending with a newline.

    Raises:
        TomlWriteError: A value has no TOML spelling.
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    _table([], data, lines, "")
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines) + "\n"
