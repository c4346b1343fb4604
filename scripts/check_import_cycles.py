#!/usr/bin/env python3
"""Fails when modules of src/blogdesk import each other in a circle, directly or through others.

Every import counts: at the top, inside functions and under `if TYPE_CHECKING:`, because each of
them ties the two files together for a reader as much as for the interpreter. Run by `make test`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    found = {module_name(path): path for path in (SRC / "blogdesk").rglob("*.py")}
    found["blogdesk.resources"] = ROOT / "resources" / "__init__.py"
    return found


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
            # `from pkg import module` ties to the module; `from module import name` to the module
            names = [n for n in names[:-1] if n in modules] or [node.module]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("blogdesk"):
                targets.add(name)
    return targets


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def main() -> int:
    modules = project_modules()
    graph = {
        name: {t for t in imports_of(path, modules) if t != name} for name, path in modules.items()
    }
    found = cycles(graph)
    for component in found:
        print("import circle: " + " <-> ".join(component), file=sys.stderr)
    if found:
        print(f"{len(found)} import circle(s) in src/blogdesk. FAILED.", file=sys.stderr)
        return 1
    print(f"No import circle among {len(modules)} modules.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
