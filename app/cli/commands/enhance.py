"""`main.py enhance FILM`: shots' prompts rewritten in Wan's detailed style; --apply keeps the originals."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.llm_flags import add_llm_options, chat_from_args, print_progress
from app.cli.shot_choice import add_shots_option, chosen_shots


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The film, which shots, the language models, and whether to apply."""
    from engine.writing.llm_source import DEFAULT_VL_LLM

    p.add_argument("project", type=Path, help="the .reel file")
    add_shots_option(p)
    add_llm_options(p)
    p.add_argument(
        "--vl-llm",
        metavar="SOURCE",
        help=f"for shots with a start image: a vision-language model (default: {DEFAULT_VL_LLM}, "
        "or the --llm chat URL)",
    )
    p.add_argument(
        "--apply", action="store_true", help="replace the prompts; each original is kept beside it"
    )
    p.add_argument("--json", action="store_true", help="print the prompts as JSON")


def run(args: argparse.Namespace) -> int:
    """Enhance the prompts (the film untouched), print both versions, and apply with --apply."""
    from app.cli.film_editing import edited_film
    from app.project.reel_file import load_project
    from app.storyboard.prompt_enhance import apply_enhancements, enhance_prompts
    from engine.writing.llm_source import DEFAULT_VL_LLM, is_url

    project = load_project(args.project)
    with flags_checked():
        shot_ids = chosen_shots(args, project)
        chat = chat_from_args(args)
        needs_vision = any(project.shot(i).start_image is not None for i in shot_ids)
        vision = None
        if needs_vision:
            vl_source = args.vl_llm or (args.llm if args.llm and is_url(args.llm) else DEFAULT_VL_LLM)
            vision = chat_from_args(args, vl_source)
    results = enhance_prompts(project, shot_ids, chat, vision, args.language, progress=print_progress)
    if args.json:
        rows = [
            {"shot": r.shot_id, "original": r.original, "enhanced": r.enhanced, "image": r.with_image}
            for r in results
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for item in results:
            number = project.index_of(item.shot_id) + 1
            print(f"{number}. was: {item.original}\n   now: {item.enhanced}")
    if args.apply and results:
        with edited_film(args.project, "enhance") as film:
            apply_enhancements(film, results)
        print(
            f"Enhanced {len(results)} prompt(s) in {args.project}; the originals are kept.", file=sys.stderr
        )
    return ExitCode.OK


COMMAND = Command(
    "enhance", "rewrite shots' prompts in Wan's detailed style with a language model", add_arguments, run
)
