"""Every `path/file.py`, `path/file.py:name` and `path/module.name` that the code docs cite exists."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ["docs/architecture.md", "CONTRIBUTING.md", "docs/storyboard.md"]
TOP = r"(?:engine|app|ui|tests|bench|docs|resources)"
# `engine/jobs/job_queue.py:JobQueue.submit`, `engine/errors.py`, and in the diagram
# engine/video/video_io.write_clip (a module path, then the name in it).
FILE_REF = re.compile(rf"`({TOP}/[\w/.-]+?\.py)(?::([\w.]+))?`")
DOTTED_REF = re.compile(rf"(?<![\w/])({TOP}/[\w/]+)\.([A-Za-z_]\w*(?:\.\w+)*)")


def references(text: str) -> list[tuple[int, str, str | None]]:
    """(line, file, name or None) for every code reference in a Markdown text."""
    found: list[tuple[int, str, str | None]] = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in FILE_REF.finditer(line):
            found.append((number, match.group(1), match.group(2)))
        for match in DOTTED_REF.finditer(line):
            if match.group(2) in {"py", "md", "json", "toml", "reel", "txt"} or match.group(2).startswith(
                "py"
            ):
                continue  # a file name's suffix, not a module and a name
            found.append((number, match.group(1) + ".py", match.group(2)))
    return found


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _names(body: list[ast.stmt]) -> dict[str, ast.stmt]:
    names: dict[str, ast.stmt] = {}
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            names.update((t.id, node) for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    return names


def missing(file: str, name: str | None) -> str | None:
    """Why the reference does not resolve, or None when it does."""
    path = ROOT / file
    if not path.is_file():
        return f"{file} does not exist"
    if name is None:
        return None
    body: list[ast.stmt] = _tree(path).body
    for part in name.split("."):
        node = _names(body).get(part)
        if node is None:
            return f"{file} has no {name}"
        body = node.body if isinstance(node, ast.ClassDef) else []
    return None


@pytest.mark.parametrize("doc", DOCS)
def test_every_code_reference_in_the_docs_exists(doc):
    refs = references((ROOT / doc).read_text(encoding="utf-8"))
    assert refs, f"{doc} cites no code: the pattern no longer matches its references"
    broken = [f"{doc}:{line}: {why}" for line, file, name in refs if (why := missing(file, name))]
    assert not broken, "\n".join(broken)


def test_the_checker_tells_a_stale_reference(tmp_path):
    text = (
        "`engine/errors.py:StoryreelError`, `ui/widgets/dialogs.py:Dialogs.save_changes`,\n"
        "engine/video/video_io.write_clip, `engine/nowhere.py`, `ui/widgets/dialogs.py:Dialogs.ask_nothing`,\n"
        "app/film/film_export.no_such_function"
    )
    refs = references(text)
    assert [missing(file, name) for _, file, name in refs] == [
        None,
        None,
        "engine/nowhere.py does not exist",
        "ui/widgets/dialogs.py has no Dialogs.ask_nothing",
        None,
        "app/film/film_export.py has no no_such_function",
    ]
