"""Reading a 部门决算 text file: size limit and encoding (读取文本文件).

Published 部门决算 texts come as UTF-8 (with or without a byte order mark) or, often on Chinese
government sites, as GB18030/GBK. [`read_report`][perfscore.audit.reading.read_report] tries UTF-8 first, then
GB18030 (a superset of GBK and GB2312); a file that is neither, that holds NUL bytes (not text), that cannot
be read, or that is larger than [`MAX_FILE_BYTES`][perfscore.audit.reading.MAX_FILE_BYTES] raises
[`AuditError`][perfscore.errors.AuditError] naming the path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import attrs

from perfscore.errors import AuditError

__all__ = ["MAX_FILE_BYTES", "SourceText", "decode_report", "read_report"]

MAX_FILE_BYTES: Final = 10 * 1024 * 1024
"""The largest file `read_report` accepts: 10 MiB. A 部门决算 text is some 30 KB."""


@attrs.frozen
class SourceText:
    """A text and where it came from.

    Attributes:
        name: The path as given, or a name chosen by the caller.
        text: The decoded text.
        encoding: ``"utf-8"``, ``"utf-8-sig"`` (with a byte order mark) or ``"gb18030"``.
    """

    name: str
    text: str
    encoding: str


def decode_report(data: bytes, *, name: str = "text") -> SourceText:
    """Decode the bytes of a 部门决算 text: UTF-8 (with or without BOM), else GB18030.

    Args:
        data: The file's bytes.
        name: Names the source in errors and in the result.

    Returns:
        The decoded text with the encoding used.

    Raises:
        AuditError: The bytes hold NUL bytes, are neither UTF-8 nor GB18030, or hold no text
            (nothing, or only whitespace: an empty download or pipe would otherwise pass as a
            consistent report of 0 figures).

    Examples:
        >>> decode_report("收入".encode("gb18030")).encoding
        'gb18030'
    """
    if not isinstance(data, bytes):
        raise AuditError(name, f"must be bytes, got {type(data).__name__}")
    if b"\x00" in data:
        raise AuditError(name, "is not a text file (it contains NUL bytes)")
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        source = SourceText(name=name, text=data.decode(encoding), encoding=encoding)
    except UnicodeDecodeError:
        try:
            source = SourceText(name=name, text=data.decode("gb18030"), encoding="gb18030")
        except UnicodeDecodeError as error:
            raise AuditError(
                name, f"is neither UTF-8 nor GB18030/GBK text (undecodable byte at offset {error.start})"
            ) from None
    if not source.text.strip():
        raise AuditError(name, "is empty: there is no text to audit")
    return source


def read_report(path: str | os.PathLike[str]) -> SourceText:
    """Read a 部门决算 text file (读取文件).

    Args:
        path: The file.

    Returns:
        The decoded text, named by ``path`` as given.

    Raises:
        AuditError: The file does not exist, is not a regular file, cannot be read, is larger
            than [`MAX_FILE_BYTES`][perfscore.audit.reading.MAX_FILE_BYTES], is not UTF-8 or GB18030
            text, or holds no text. The message starts with the path.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise AuditError("path", f"must be a path, got {type(path).__name__}")
    name = os.fspath(path)
    file = Path(name)
    try:
        # Checked before opening: opening a FIFO or a device would block or read forever.
        if file.exists() and not file.is_file():
            raise AuditError(name, "is not a regular file")
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except AuditError:
        raise
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise AuditError(name, f"cannot be read: {reason}") from None
    except ValueError as error:  # e.g. a path with a NUL character
        raise AuditError(name, f"cannot be read: {error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise AuditError(name, f"is larger than the {MAX_FILE_BYTES:,}-byte (10 MiB) limit for an audit")
    return decode_report(data, name=name)
