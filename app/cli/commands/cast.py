"""`main.py cast add | list | remove | rename`: the film's cast members, named in prompts as @Name."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.command import Command
from app.cli.error_boundary import UsageError, flags_checked
from app.cli.exit_codes import ExitCode

if TYPE_CHECKING:
    from app.project.cast_member import CastMember
    from app.project.project import Project


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The add, list, remove and rename actions."""
    from app.project.cast_member import CAST_KINDS, MAX_CAST_IMAGES

    actions = p.add_subparsers(dest="cast_command", metavar="ACTION", parser_class=type(p))
    q = actions.add_parser("add", help="add a character, product, place or style with its reference images")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("name", help="how prompts name it, as @NAME: letters (any script), digits, '_' or '-'")
    q.add_argument(
        "--image",
        type=Path,
        action="append",
        required=True,
        help=f"a reference image (PNG, JPEG or WebP); give 1 to {MAX_CAST_IMAGES}",
    )
    q.add_argument("--description", default="", help="what the prompt sent says in place of @NAME")
    q.add_argument("--kind", choices=CAST_KINDS, default="character", help="default character")
    q = actions.add_parser("list", help="the film's cast members")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("--json", action="store_true", help="print the list as JSON")
    q = actions.add_parser("remove", help="take a member out of the cast (prompts naming it then fail)")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("name")
    q = actions.add_parser("rename", help="rename a member and every @OLD in the prompts")
    q.add_argument("project", type=Path, help="the .reel file")
    q.add_argument("old")
    q.add_argument("new")


def run(args: argparse.Namespace) -> int:
    """Run a `cast` subcommand."""
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "add": _add,
        "list": _list,
        "remove": _remove,
        "rename": _rename,
    }
    if args.cast_command is None:
        raise UsageError("name an action: cast add | list | remove | rename")
    return handlers[args.cast_command](args)


def _edited(film: Path) -> AbstractContextManager[Project]:
    """The film loaded under its lock, saved if the edit succeeds."""
    from app.cli.film_editing import edited_film

    return edited_film(film, "cast")


def _member(project: Project, name: str) -> CastMember:
    member = project.cast_member(name)
    if member is None:
        known = ", ".join(m.name for m in project.cast) or "none"
        raise UsageError(f"the film has no cast member named {name!r} (its cast: {known})")
    return member


def _add(args: argparse.Namespace) -> int:
    from app.project.cast_images import import_cast_images
    from app.project.cast_member import CastMember
    from app.project.cast_mentions import check_cast_name, check_description

    with flags_checked():
        name = check_cast_name(args.name)
        description = check_description(args.description)
    with _edited(args.project) as project:
        if project.cast_member(name) is not None:
            raise UsageError(f"the film already has a cast member named {name!r} (names ignore case)")
        images = import_cast_images(project, args.image)
        with flags_checked():
            project.add_cast_member(CastMember(name, args.kind, description, images))
    print(f"Added {args.kind} @{name} with {len(images)} image(s) to {args.project}.")
    return ExitCode.OK


def _list(args: argparse.Namespace) -> int:
    from app.project.cast_mentions import mentioned_members
    from app.project.reel_file import load_project

    project = load_project(args.project)
    rows = [
        {
            "name": m.name,
            "kind": m.kind,
            "description": m.description,
            "images": [image.path for image in m.images],
            "shots": [s.id for s in project.shots if m in mentioned_members(s.prompt, project.cast)],
        }
        for m in project.cast
    ]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    if not rows:
        print(f"No cast. Add one with: main.py cast add {args.project} NAME --image IMAGE")
    for row in rows:
        text = row["description"] or "(no description: the prompt says its name)"
        print(
            f"@{row['name']} ({row['kind']}, {len(row['images'])} image(s), {len(row['shots'])} shot(s)): {text}"
        )
    return ExitCode.OK


def _remove(args: argparse.Namespace) -> int:
    from app.project.cast_mentions import mentioned_members

    with _edited(args.project) as project:
        member = _member(project, args.name)
        naming = [s.id for s in project.shots if member in mentioned_members(s.prompt, project.cast)]
        project.remove_cast_member(member.id)
    print(f"Removed @{member.name} from the cast; its images stay in the media folder.")
    if naming:
        print(f"{len(naming)} shot(s) still name @{member.name} and will not generate: {', '.join(naming)}")
    return ExitCode.OK


def _rename(args: argparse.Namespace) -> int:
    from app.project.cast_mentions import check_cast_name, rename_in_prompts

    with flags_checked():
        new = check_cast_name(args.new)
    with _edited(args.project) as project:
        member = _member(project, args.old)
        with flags_checked():  # the new name taken by another member
            project.update_cast_member(member.id, name=new)
        changed = rename_in_prompts(project, args.old, new)
    print(f"Renamed @{args.old} to @{new}; {len(changed)} prompt(s) updated.")
    return ExitCode.OK


COMMAND = Command(
    "cast", "add, list, remove and rename the film's cast (@Name in prompts)", add_arguments, run
)
