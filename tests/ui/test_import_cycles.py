"""The board's modules import each other in one direction only.

Screens move on through ``app.route`` instead of importing the screens they
lead to, so no module of ``game.ui`` imports, at the top or inside a function,
one that imports it back. Imports under ``if TYPE_CHECKING:`` only name types
and never run, so they are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import game

ROOT = Path(game.__file__).parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(tree: ast.AST):
    """Every ``import``/``from ... import`` that can run, outside ``if TYPE_CHECKING:`` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for stmt in node.orelse for n in [stmt] + list(runtime_imports(stmt)))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from runtime_imports(node)


def import_graph(package: str) -> dict[str, set[str]]:
    modules = {module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if not (name == package or name.startswith(package + ".")):
            continue
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
                continue
            base = node.module or ""
            if node.level:
                up = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            targets.add(base)
            targets.update(f"{base}.{a.name}" for a in node.names)  # from . import text: the module text
        graph[name] = {t for t in targets if t in modules and t != name and t.startswith(package)}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path that ends where it starts, or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return path[path.index(node) :] + [node]
        if node in done:
            return None
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            found = visit(nxt)
            if found:
                return found
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        found = visit(start)
        if found:
            return found
    return None


def test_the_board_has_no_import_cycle():
    graph = import_graph("game.ui")
    assert "game.ui.screens.route" in graph and graph["game.ui.screens.route"], "the walk sees the route's imports"
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_only_the_top_knows_every_screen():
    graph = import_graph("game.ui")
    importers = {name for name, targets in graph.items() if "game.ui.screens.route" in targets}
    assert importers == {"game.ui.run"}, "screens reach the route through app.route, never by import"


def test_the_walk_finds_a_cycle_hidden_in_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    tree = ast.parse("if TYPE_CHECKING:\n    from .x import A\ndef f():\n    from .y import B\n")
    assert [n.module for n in runtime_imports(tree)] == ["y"]
