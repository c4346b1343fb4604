"""No module in blogdesk.core imports itself back through others (TYPE_CHECKING imports count:
they are the same dependency, only deferred)."""

from __future__ import annotations

import ast
from pathlib import Path

import blogdesk.core

CORE = Path(blogdesk.core.__file__).parent
SRC = CORE.parent.parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, name: str, known: set[str], *, package: bool = False) -> set[str]:
    """The `known` modules that module `name` imports, wherever the import statement stands."""
    found: set[str] = set()
    package_name = name if package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package_name.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from pkg import module` depends on the module, `from module import name` on it
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    paths = {_module_name(path): path for path in CORE.rglob("*.py")}
    known = set(paths)
    return {
        name: imports(
            path.read_text(encoding="utf-8"), name, known, package=path.name == "__init__.py"
        )
        for name, path in paths.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm; recursion
    is fine for a few dozen modules)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in graph[module]:
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            component: list[str] = []
            while not component or component[-1] != module:
                component.append(stack.pop())
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_the_cycle_finder_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_are_seen_in_every_form() -> None:
    source = """
from typing import TYPE_CHECKING
import p.a
from p import b
from .c import thing
if TYPE_CHECKING:
    from p.d import Type
def late():
    from . import e
"""
    known = {"p", "p.a", "p.b", "p.c", "p.d", "p.e", "p.x"}
    assert imports(source, "p.x", known) == {"p.a", "p.b", "p.c", "p.d", "p.e"}


def test_the_graph_covers_the_core_package() -> None:
    graph = import_graph()
    assert "blogdesk.core.index.build" in graph["blogdesk.core.index.index"]
    assert "blogdesk.core.post.yaml_lists" in graph["blogdesk.core.post.yaml_edit"]


def test_core_has_no_import_cycles() -> None:
    assert cycles(import_graph()) == []
