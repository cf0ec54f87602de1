"""Built-in frameworks (内置指标体系), shipped as TOML data with the package.

* ``department-common`` — an example 部门整体支出绩效评价 on the national common framework
  (财预〔2013〕53号) built with `perfscore.templates.department_common_framework`: 投入 (目标设定,
  预算配置), 过程 (预算执行, 预算管理, 资产管理), 产出 (职责履行), 效果 (履职效益) with the
  framework's 三级 indicators. The 投入 points are a provincial form's; all other points and the
  scoring standards are ASSUMED: replace them with your province's.
* ``department-overall`` — an example 部门整体支出绩效自评 built with
  [`perfscore.templates.department_overall`][perfscore.templates.department_overall]: the seed's first level,
  预算偏离度 and 预算执行率 under 预算管理, 项目决策/项目执行/目标实现 under 项目管理. Its maxima are an
  EXAMPLE: replace them with the ones your province's form sets.
* ``mof-project`` — the MoF 项目支出绩效自评表 (财预〔2020〕10号) built with
  [`perfscore.templates.mof_project`][perfscore.templates.mof_project]: 预算执行率 10, 产出指标 50, 效益指标
  30, 满意度指标 10, with one placeholder indicator per 二级指标 for the unit to replace.
* ``seed-panzhihua-2023`` — the seed report's department self-evaluation (攀枝花市委办公室 2023):
  six dimensions scored by the assessor, maxima ASSUMED (the report does not print them). It comes
  with observations ([`load_builtin_observations`][perfscore.frameworks.load_builtin_observations]).

Examples:
    >>> from perfscore.frameworks import available, load_builtin
    >>> available()
    ('department-common', 'department-overall', 'mof-project', 'seed-panzhihua-2023')
    >>> load_builtin("mof-project").maximum
    Decimal('100')
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from perfscore.errors import FileFormatError
from perfscore.framework import Framework
from perfscore.io import loads_framework, loads_observations
from perfscore.observations import Observations

__all__ = [
    "OBSERVATIONS_SUFFIX",
    "available",
    "load_builtin",
    "load_builtin_observations",
    "read_builtin_text",
]

OBSERVATIONS_SUFFIX: Final = ".observations.toml"
"""The suffix of a built-in framework's observations file."""


def _files() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(".toml"):
            names[entry.name] = entry.name
    return names


def available() -> tuple[str, ...]:
    """The names of the built-in frameworks, sorted."""
    return tuple(
        sorted(name.removesuffix(".toml") for name in _files() if not name.endswith(OBSERVATIONS_SUFFIX))
    )


def read_builtin_text(filename: str) -> str:
    """The text of one of the package's data files (``mof-project.toml``).

    Raises:
        FileFormatError: There is no such file.
    """
    if filename not in _files():
        raise FileFormatError("name", f"is not a built-in file: {filename!r}")
    return resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")


def _text(filename: str) -> str:
    return resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")


def load_builtin(name: object) -> Framework:
    """Load a built-in framework by name (see [`available`][perfscore.frameworks.available]).

    Raises:
        FileFormatError: No built-in framework has this name.
    """
    if not isinstance(name, str) or name not in available():
        raise FileFormatError("name", f"must be one of {', '.join(available())}, got {name!r}")
    return loads_framework(_text(f"{name}.toml"))


def load_builtin_observations(name: object) -> Observations:
    """Load the observations shipped with a built-in framework (only the seed has some).

    Raises:
        FileFormatError: The framework has no observations.
    """
    filename = f"{name}{OBSERVATIONS_SUFFIX}"
    if not isinstance(name, str) or filename not in _files():
        raise FileFormatError("name", f"no built-in observations for {name!r}")
    return loads_observations(_text(filename))
