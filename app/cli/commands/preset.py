"""`main.py preset list | import FILE | export NAME FILE`, and `new --preset NAME`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import UsageError
from app.cli.exit_codes import ExitCode
from app.project.project import Project


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The list, import and export actions."""
    actions = p.add_subparsers(dest="preset_command", metavar="ACTION", parser_class=type(p))
    q = actions.add_parser("list", help="the presets in your library (and the bundled ones)")
    q.add_argument("--json", action="store_true", help="print the list as JSON")
    q = actions.add_parser("import", help="add a .reelstyle file to your library")
    q.add_argument("file", type=Path)
    q.add_argument("--name", help="import under another name")
    q.add_argument("--replace", action="store_true", help="replace a preset of the same name")
    q = actions.add_parser("export", help="write a library preset to one .reelstyle file")
    q.add_argument("name")
    q.add_argument("file", type=Path)


def run(args: argparse.Namespace) -> int:
    """Run a `preset` subcommand (a PresetError is bad input)."""
    handlers = {"list": _list, "import": _import, "export": _export}
    if args.preset_command is None:
        raise UsageError("name an action: preset list | import FILE | export NAME FILE")
    return handlers[args.preset_command](args)


def _list(args: argparse.Namespace) -> int:
    from app.presets.library import list_presets

    rows = []
    for entry in list_presets():
        preset = entry.preset
        rows.append(
            {
                "name": entry.name,
                "source": "bundled" if entry.read_only else "user",
                "description": preset.description if preset else "",
                "grade": bool(preset and preset.grade),
                "watermark": bool(preset and preset.watermark),
                "loras": len(preset.loras) if preset else 0,
                "cast": [member.name for member in preset.cast] if preset else [],
                "folder": str(entry.folder),
                "error": entry.error,
            }
        )
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    if not rows:
        print("No presets. Import one with: main.py preset import FILE.reelstyle")
    for row in rows:
        parts = [p for p, on in (("grade", row["grade"]), ("logo", row["watermark"])) if on]
        if row["loras"]:
            parts.append(f"{row['loras']} LoRA")
        if isinstance(names := row["cast"], list) and names:
            parts.append("cast " + ", ".join(names))
        tag = " (bundled)" if row["source"] == "bundled" else ""
        text = f"DAMAGED: {row['error']}" if row["error"] else row["description"]
        print(f"{row['name']}{tag} [{', '.join(parts) or 'prompt only'}]: {text}")
    return ExitCode.OK


def _import(args: argparse.Namespace) -> int:
    from app.presets.archive import import_preset

    preset = import_preset(args.file, replace=args.replace, rename=args.name)
    print(f"Imported preset {preset.name!r}.")
    return ExitCode.OK


def _export(args: argparse.Namespace) -> int:
    from app.presets.archive import export_preset

    print(f"Exported preset {args.name!r} to {export_preset(args.name, args.file)}.")
    return ExitCode.OK


def apply_preset_to_new_project(project: Project, name: str, explicit: set[str]) -> None:
    """Embed a library preset as the project's default, with its cast; its size and fps become the film's
    unless given."""
    from app.presets.embedded import embed_from_library
    from app.presets.preset_cast import add_preset_cast

    doc = embed_from_library(project, name)
    project.presets[name] = doc
    project.settings.preset = name
    if notice := add_preset_cast(project, name):
        print(notice)
    settings = doc.get("settings") or {}
    for field in ("width", "height", "fps"):
        if field not in explicit and settings.get(field) is not None:
            setattr(project.settings, field, settings[field])


COMMAND = Command("preset", "list, import and export style presets", add_arguments, run)
