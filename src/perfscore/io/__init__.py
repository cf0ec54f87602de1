"""Framework and observations files (文件读写): TOML and JSON, chosen by the file's suffix.

The public face of the file formats; the code is in private modules: `_files` (reading,
writing and checking framework and observations files) and `_toml` (perfscore's own small TOML
writer). See `docs/file-format.md`.
"""

from __future__ import annotations

from perfscore.io._files import (
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    SUFFIXES,
    dump_framework,
    dump_observations,
    framework_from_dict,
    framework_to_data,
    load_framework,
    load_observations,
    loads_framework,
    loads_observations,
    observations_from_dict,
    observations_to_data,
)

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
