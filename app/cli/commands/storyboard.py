"""`main.py storyboard FILM SCRIPT`: a language model proposes shots for a script; --apply adds them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.llm_flags import add_llm_options, chat_from_args, print_progress


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film, the script, the language model and what to do with the proposal."""
    p.add_argument("project", type=Path, help="the .reel file (its cast is offered to the model)")
    p.add_argument(
        "script", type=Path, help="plain text, Markdown, a Fountain screenplay or a short brief (UTF-8)"
    )
    add_llm_options(p)
    p.add_argument("--apply", action="store_true", help="add the proposed shots to the end of the film")
    p.add_argument("--json", action="store_true", help="print the proposal as JSON")


def run(args: argparse.Namespace) -> int:
    """Propose shots (the film untouched), print them, and add them with --apply."""
    from app.cli.film_editing import edited_film
    from app.project.reel_file import load_project
    from app.storyboard.proposal_apply import apply_proposal
    from app.storyboard.script_input import read_script
    from app.storyboard.script_to_shots import propose_shots
    from engine.progress import CancelToken

    script = read_script(args.script)
    with flags_checked():
        chat = chat_from_args(args)
    project = load_project(args.project)
    cancel = CancelToken()
    proposal = propose_shots(project, script, chat, args.language, progress=print_progress, cancel=cancel)
    if args.json:
        json.dump(proposal.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for number, shot in enumerate(proposal.shots, 1):
            cast = f" [{', '.join('@' + n for n in shot.cast)}]" if shot.cast else ""
            print(f"{number}. {shot.title} ({shot.seconds:g} s, {shot.frames} frames, {shot.camera}){cast}")
            print(f"   {shot.prompt}")
            if shot.caption:
                print(f"   “{shot.caption}”")
            if shot.unknown_cast:
                print(f"   not in the cast: {', '.join(shot.unknown_cast)}")
    if args.apply:
        with edited_film(args.project, "storyboard") as film:
            added = apply_proposal(film, proposal)
        print(f"Added {len(added)} shot(s) to {args.project}.", file=sys.stderr if args.json else sys.stdout)
    return ExitCode.OK


COMMAND = Command(
    "storyboard", "propose shots for a script with a language model (--apply adds them)", add_arguments, run
)
