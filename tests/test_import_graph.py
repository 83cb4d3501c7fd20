"""engine/ and app/ import each other in one direction only: no cycle, file by file or package by package.

The graph is read from the source with `ast`, so imports inside functions (the lazy ones that
import-linter's contracts also see, but a reader easily misses) count as much as those at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "app")


def module_name(path: Path, root: Path = ROOT) -> str:
    """The dotted name of a source file under root (a package's __init__ is the package)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, module: str) -> set[str]:
    """Every module (or module.attribute) that a file imports, at any depth, relative ones resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from a import b` imports a.b when b is a module, and a otherwise.
            names.update(f"{base}.{alias.name}" for alias in node.names)
            names.add(base)
    return names


def module_graph(packages: tuple[str, ...] = PACKAGES, root: Path = ROOT) -> nx.DiGraph:
    """Which first-party module imports which, read from the source files."""
    files = {module_name(p, root): p for pkg in packages for p in sorted((root / pkg).rglob("*.py"))}
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for module, path in files.items():
        for name in imported_names(path, module):
            # The longest known module the name starts with: `engine.x.f` is the module engine.x.
            while name and name not in files:
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(name + "."):
                graph.add_edge(module, name)  # a package's own __init__ is no edge back to itself
    return graph


def package_graph(graph: nx.DiGraph, depth: int) -> nx.DiGraph:
    """The module graph folded to packages `depth` names deep (engine.jobs at 2), between siblings only."""
    folded = nx.DiGraph()
    for a, b in graph.edges:
        pa, pb = ".".join(a.split(".")[:depth]), ".".join(b.split(".")[:depth])
        if pa != pb and pa.rpartition(".")[0] == pb.rpartition(".")[0]:
            folded.add_edge(pa, pb)
    return folded


def cycles(graph: nx.DiGraph) -> list[list[str]]:
    """The modules of each tangle: every strongly connected part larger than one node, sorted."""
    return sorted(sorted(part) for part in nx.strongly_connected_components(graph) if len(part) > 1)


def describe(graph: nx.DiGraph, found: list[list[str]]) -> str:
    """Each tangle's modules, and one cycle through them to start untangling from."""
    lines = []
    for part in found:
        loop = [a for a, _ in nx.find_cycle(graph.subgraph(part))]
        lines.append(f"{len(part)} modules: {', '.join(part)}\n  e.g. {' -> '.join([*loop, loop[0]])}")
    return "\n".join(lines)


def test_no_module_imports_itself_around_a_cycle() -> None:
    graph = module_graph()
    found = cycles(graph)
    assert not found, "import cycles between modules:\n" + describe(graph, found)


@pytest.mark.parametrize(
    "root, depth",
    [("engine", 2), ("engine", 3), ("app", 2), ("app", 3)],
)
def test_no_package_imports_itself_around_a_cycle(root: str, depth: int) -> None:
    graph = package_graph(module_graph((root,)), depth)
    found = cycles(graph)
    assert not found, f"import cycles between packages ({depth} names deep):\n" + describe(graph, found)


def test_the_graph_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    """The checker itself: a cycle closed only by a lazy, relative import is found."""
    pkg = tmp_path / "engine" / "sub"
    pkg.mkdir(parents=True)
    (tmp_path / "engine" / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from engine.sub import b\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n    from .a import x\n")
    found = cycles(module_graph(("engine",), tmp_path))
    assert found == [["engine.sub.a", "engine.sub.b"]]
