"""``python -m perfscore.schemas [--check]``: write (or check) the shipped JSON Schemas."""

from __future__ import annotations

import sys
from pathlib import Path

from perfscore.schemas import NAMES, generate


def main(argv: list[str]) -> int:
    """Write ``framework.schema.json`` and ``observations.schema.json`` next to this module.

    Args:
        argv: ``["--check"]`` to only report stale files (exit 1), or nothing.

    Returns:
        The exit code.
    """
    check = argv == ["--check"]
    stale = []
    for name in NAMES:
        path = Path(__file__).with_name(f"{name}.schema.json")
        text = generate(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path.name)
            if not check:
                path.write_text(text, encoding="utf-8")
    verb = "stale" if check else "written"
    for name in stale:
        print(f"{name}: {verb}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
