"""The modules form one-way layers: model < engines < outputs < the package face < cli.

Every module under src/perfscore is parsed with `ast`; its imports of perfscore modules are
collected at module level and inside functions (lazy imports count: they run), but not inside
``if TYPE_CHECKING:`` blocks (they never run). No import may go to a higher layer, and the
import graph must have no cycle. A new module is in the model layer unless `LAYERS` says
otherwise, which is the strictest choice: it may import only the model.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "perfscore"

MODEL, ENGINES, OUTPUTS, FACE, CLI = range(5)
LAYER_NAMES = {MODEL: "model", ENGINES: "engines", OUTPUTS: "outputs", FACE: "face", CLI: "cli"}

#: Layers by module name or package prefix (the longest match wins); everything else is model:
#: numbers, rates, rules, framework, observations, grades, io, templates, frameworks, weights, ...
LAYERS = {
    "perfscore.scoring": ENGINES,
    "perfscore.batch": ENGINES,
    "perfscore._engines": ENGINES,
    "perfscore.audit": ENGINES,
    "perfscore.report": OUTPUTS,
    "perfscore.testing": OUTPUTS,
    "perfscore": FACE,
    "perfscore.cli": CLI,
    "perfscore.__main__": CLI,
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    if module in LAYERS:
        return LAYERS[module]
    prefixes = [name for name in LAYERS if name != "perfscore" and module.startswith(name + ".")]
    return LAYERS[max(prefixes, key=len)] if prefixes else MODEL


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """The perfscore modules a module imports, at any depth, outside TYPE_CHECKING blocks."""

    def __init__(self, module: str, is_package: bool, modules: set[str]) -> None:
        self.package = module if is_package else module.rpartition(".")[0]
        self.modules = modules
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] == "perfscore":
                self.found.add(self._known(alias.name))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")[: len(self.package.split(".")) - node.level + 1]
            source = ".".join([*base, *([node.module] if node.module else [])])
        else:
            source = node.module or ""
        if source.split(".")[0] != "perfscore":
            return
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            self.found.add(submodule if submodule in self.modules else self._known(source))

    def _known(self, name: str) -> str:
        while name not in self.modules and "." in name:
            name = name.rpartition(".")[0]
        return name


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the perfscore modules it imports (itself excluded)."""
    paths = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    modules = set(paths)
    graph = {}
    for module, path in paths.items():
        visitor = _Imports(module, path.name == "__init__.py", modules)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        graph[module] = visitor.found - {module}
    return graph


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} ({LAYER_NAMES[layer(module)]}) imports {target} ({LAYER_NAMES[layer(target)]})"
        for module, targets in graph.items()
        for target in targets
        if layer(target) > layer(module)
    )


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first = last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)) is not None:
            return cycle
    return None


def test_no_import_goes_up_a_layer():
    assert upward_imports(import_graph(SOURCE)) == []


def test_the_import_graph_has_no_cycle():
    assert find_cycle(import_graph(SOURCE)) is None


def test_the_graph_sees_lazy_imports_and_skips_type_checking(tmp_path):
    package = tmp_path / "perfscore"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "scoring.py").write_text("from perfscore import framework\n")
    (package / "framework.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from perfscore.report import Result\n"
        "def score():\n    from perfscore.scoring import score\n"
    )
    (package / "report.py").write_text("from . import scoring\n")
    graph = import_graph(package)
    assert graph["perfscore.framework"] == {"perfscore.scoring"}
    assert graph["perfscore.report"] == {"perfscore.scoring"}
    assert upward_imports(graph) == ["perfscore.framework (model) imports perfscore.scoring (engines)"]
    assert find_cycle(graph) == ["perfscore.framework", "perfscore.scoring", "perfscore.framework"]


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("perfscore.rules", MODEL),
        ("perfscore.io._files", MODEL),
        ("perfscore.targets", MODEL),
        ("perfscore.batch._kernels", ENGINES),
        ("perfscore.report._excel", OUTPUTS),
        ("perfscore", FACE),
        ("perfscore.cli", CLI),
    ],
)
def test_layers_by_name(module, expected):
    assert layer(module) == expected
