"""`main.py package-endpoint`: a folder to push as a model repo that Inference Endpoints can serve."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

from app.paths.resources import resource_path
from engine.endpoint.handler import CONFIG_FILE
from engine.errors import StoryreelError
from engine.generation.request import DEFAULT_MODEL

ENGINE_DIR = Path(__file__).resolve().parents[2] / "engine"
VENDOR_PACKAGE = "storyreel_engine"  # not "engine": a generic name could clash inside the container
ENTRY_MODULE = "endpoint.handler"
_IMPORT = re.compile(r"^(\s*)(from|import) engine(?=[.\s])")


class PackageError(StoryreelError):
    """The package folder cannot be written."""

    hint = "Choose an empty folder, or pass --force to write into this one."


def module_path(module: str) -> Path:
    """The source file of an engine module given relative to engine/ ("endpoint.handler")."""
    return ENGINE_DIR.joinpath(*module.split(".")).with_suffix(".py")


def engine_imports(module: str) -> set[str]:
    """Engine modules (relative to engine/) that one engine module imports, at any level."""
    tree = ast.parse(module_path(module).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from engine.generation import request" names a module; "from engine.generation.request import X" a name.
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found.update(n.removeprefix("engine.") for n in names if n.startswith("engine."))
    return {name for name in found if module_path(name).is_file()}


def vendored_modules(entry: str = ENTRY_MODULE) -> list[str]:
    """The engine modules the handler needs, following imports from entry."""
    todo, seen = [entry], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(engine_imports(name) - seen)
    return sorted(seen)


def rewrite_imports(source: str) -> str:
    """Point `engine.` imports at the vendored package."""
    return "\n".join(_IMPORT.sub(rf"\1\2 {VENDOR_PACKAGE}", line) for line in source.split("\n"))


def _vendor(vendor: Path, module: str) -> list[Path]:
    """Copy one engine module into the vendored package, with the sub-package __init__ files it needs."""
    written = []
    parts = module.split(".")
    for depth in range(1, len(parts)):
        init = vendor.joinpath(*parts[:depth], "__init__.py")
        if not init.exists():
            init.parent.mkdir(parents=True, exist_ok=True)
            source = ENGINE_DIR.joinpath(*parts[:depth], "__init__.py")
            init.write_text(rewrite_imports(source.read_text(encoding="utf-8")), encoding="utf-8")
            written.append(init)
    dest = vendor.joinpath(*parts).with_suffix(".py")
    dest.write_text(rewrite_imports(module_path(module).read_text(encoding="utf-8")), encoding="utf-8")
    return written + [dest]


def write_endpoint_package(
    folder: Path, model: str | None = None, revision: str | None = None, force: bool = False
) -> list[Path]:
    """Write handler.py, storyreel_engine/, requirements.txt, README.md and the model config."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PackageError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise PackageError(f"{folder} is not empty (use --force to write into it)")
    model = model or DEFAULT_MODEL
    written: list[Path] = []
    try:
        vendor = folder / VENDOR_PACKAGE
        if vendor.exists():
            shutil.rmtree(vendor)
        vendor.mkdir(parents=True)
        init = vendor / "__init__.py"
        init.write_text(
            '"""Storyreel engine modules vendored for the endpoint handler."""\n', encoding="utf-8"
        )
        written.append(init)
        for name in vendored_modules():
            written += _vendor(vendor, name)
        for name in ("handler.py", "requirements.txt"):
            shutil.copyfile(resource_path("endpoint", name), folder / name)
            written.append(folder / name)
        note = f" (revision {revision})" if revision else ""
        readme = resource_path("endpoint", "README.md").read_text(encoding="utf-8")
        (folder / "README.md").write_text(readme.format(model=model, revision_note=note), encoding="utf-8")
        config = {"model": model, "revision": revision}
        (folder / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        written += [folder / "README.md", folder / CONFIG_FILE]
    except OSError as exc:
        raise PackageError(f"Cannot write {folder}: {exc.strerror or exc}") from exc
    return written
