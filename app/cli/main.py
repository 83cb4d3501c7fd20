"""The headless command line: new, info, render, export, demo-model, install-desktop, endpoint."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from app.cli.backend_flags import add_remote_options
from app.cli.endpoint_cmd import cmd_endpoint
from app.cli.endpoint_cmd import register as register_endpoint
from app.cli.exit_codes import ExitCode
from app.cli.export_cmd import add_export_options, run_export
from app.cli.export_cmd import register as register_export
from app.cli.farm_cmd import HANDLERS as FARM_HANDLERS
from app.cli.farm_cmd import register as register_farm
from app.cli.model_flags import add_model_options
from app.cli.output import EventPrinter, fail
from app.cli.preset_cmd import apply_preset_to_new_project, cmd_preset
from app.cli.preset_cmd import register as register_preset
from app.cli.serve_cmd import HANDLERS as SERVE_HANDLERS
from app.cli.serve_cmd import register as register_serve
from app.generation.shot_requests import resolved_settings, shot_status
from app.project.model import Project, ProjectSettings, ShotState
from app.project.reel_file import PROJECT_SUFFIX, ProjectError, load_project, new_project_file, save_project
from app.project.shot_list import ShotListError, load_shot_list
from engine.generation.frames import snap_frames
from engine.generation.request import DEFAULT_MODEL
from engine.generation.tiny_model import ARCHS as TINY_ARCHS


class _Parser(argparse.ArgumentParser):
    """argparse that exits with our bad-input code (2, as argparse already does) and a hint."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitCode.BAD_INPUT, f"storyreel: error: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be positive")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(prog="main.py", description="Storyreel: AI film-making with Wan 2.2.")
    from app import __version__

    parser.add_argument("--version", action="version", version=f"storyreel {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("new", help="create a project, optionally from a shot list")
    p.add_argument("project", type=Path, help="the .reel file to create")
    p.add_argument("--shots", type=Path, help=".txt (one prompt per line) or .csv shot list")
    p.add_argument("--name", help="project name (default: the file name)")
    p.add_argument("--width", type=_positive)
    p.add_argument("--height", type=_positive)
    p.add_argument(
        "--frames", type=_positive, help="default frames per shot (snapped to 4k+1 as Wan makes them)"
    )
    p.add_argument("--fps", type=_positive)
    p.add_argument("--steps", type=_positive)
    p.add_argument("--model", help=f"default model: Hub repo id or local folder (default {DEFAULT_MODEL})")
    p.add_argument(
        "--image-model",
        help="model for shots that start from an image (e.g. Wan-AI/Wan2.2-I2V-A14B-Diffusers); "
        "default: the model, when it takes an image (TI2V-5B)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing project file")
    p.add_argument("--preset", help="style preset from your library to use for every shot")

    p = sub.add_parser("info", help="print a project as JSON")
    p.add_argument("project", type=Path)

    p = sub.add_parser("render", help="generate missing takes and stitch the film")
    p.add_argument("project", type=Path)
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="the film to write: .mp4 (default format), .webm, .mov, .gif, or a folder of PNGs",
    )
    add_model_options(p)
    p.add_argument("--json", action="store_true", help="one JSON event per line on stdout")
    add_export_options(p, takes=True)
    add_remote_options(p)
    register_export(sub)

    p = sub.add_parser(
        "demo-model",
        help="write the tiny random-weight demo: a Wan 2.2 text model carrying an image model and a "
        "Draft LoRA pair (for tests and demos; no download)",
    )
    p.add_argument("folder", type=Path)
    p.add_argument("--arch", choices=list(TINY_ARCHS), help="write only one tiny model of this layout")
    p.add_argument("--seed", type=int, default=0)

    register_serve(sub)
    register_farm(sub)
    sub.add_parser("install-desktop", help="register the app, icon and .reel file type for this user")
    register_preset(sub)
    register_endpoint(sub)
    return parser


COMMANDS = (
    "new",
    "info",
    "render",
    "export",
    "demo-model",
    "install-desktop",
    "serve",
    "package-endpoint",
    "farm",
    "preset",
    "endpoint",
)


def cmd_new(args: argparse.Namespace) -> int:
    """Create a project file."""
    path: Path = args.project
    if path.suffix.lower() != PROJECT_SUFFIX:
        path = path.with_name(path.name + PROJECT_SUFFIX)
    if path.exists() and not args.force:
        return fail(f"{path} already exists (use --force to overwrite)", ExitCode.BAD_INPUT)
    settings = ProjectSettings(name=args.name or path.stem)
    for name in ("width", "height", "fps", "model", "image_model"):
        if getattr(args, name) is not None:
            setattr(settings, name, getattr(args, name))
    if args.frames is not None:
        settings.defaults.frames = snap_frames(args.frames)
        if settings.defaults.frames != args.frames:
            print(f"Frames {args.frames} → {settings.defaults.frames}: Wan makes 4k+1 frames.")
    if args.steps is not None:
        settings.defaults.steps = args.steps
    if notice := _small_start(args, settings):
        print(notice)
    project = new_project_file(path, settings)
    if args.preset:
        try:
            apply_preset_to_new_project(
                project, args.preset, {n for n in ("width", "height", "fps") if getattr(args, n) is not None}
            )
        except ValueError as exc:  # PresetError: unknown, damaged, or its files unusable
            return fail(exc, ExitCode.BAD_INPUT)
    if args.shots is not None:
        try:
            for shot in load_shot_list(args.shots, project):
                project.add_shot(shot)
        except ShotListError as exc:
            return fail(exc, ExitCode.BAD_INPUT)
    try:
        save_project(project)
    except ProjectError as exc:
        return fail(exc, ExitCode.BAD_INPUT)
    print(f"Created {path} with {len(project.shots)} shot(s).")
    return ExitCode.OK


_SMALL_REASONS = {"demo": "the demo model makes small test clips", "no-gpu": "this machine has no GPU"}


def _small_start(args: argparse.Namespace, settings: ProjectSettings) -> str | None:
    """Start a film small for the demo model or a machine without a GPU; the line saying so."""
    from app.project.starting_size import SMALL_START, small_start_reason, start_small

    given = frozenset(name for name in SMALL_START if getattr(args, name) is not None)
    if given & {"width", "height"}:
        given |= {"width", "height"}  # a size given in part is not mixed with the small one
    reason = None if len(given) == len(SMALL_START) else small_start_reason(settings.model)
    if reason is None:
        return None
    size = start_small(settings, keep=given)
    return (
        f"Starting small ({size}): {_SMALL_REASONS[reason]}. "
        "Pass --width, --height, --frames and --steps for a bigger film."
    )


def project_summary(project: Project) -> dict:
    """The project as `info` prints it."""
    shots = []
    for index, shot in enumerate(project.shots):
        eff = resolved_settings(project, shot)
        active = shot.active
        status = shot_status(project, shot)
        shots.append(
            {
                "id": shot.id,
                "title": shot.display_title(index),
                "prompt": shot.prompt,
                "seed": shot.seed,
                "frames": snap_frames(eff["num_frames"]),  # what will be generated
                "size": [eff["width"], eff["height"]],
                "takes": len(shot.takes),
                "active_take": str(project.take_path(active))
                if active and status != ShotState.MISSING
                else None,
                "status": status,
                "start_image": shot.start_image.path if shot.start_image else None,
                "end_image": shot.end_image.path if shot.end_image else None,
                "continue_previous": shot.continue_previous,
            }
        )
    import dataclasses

    return {"file": str(project.path), "settings": dataclasses.asdict(project.settings), "shots": shots}


def cmd_info(args: argparse.Namespace) -> int:
    """Print a project as JSON."""
    try:
        project = load_project(args.project)
    except ProjectError as exc:
        return fail(exc, ExitCode.BAD_INPUT)
    json.dump(project_summary(project), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return ExitCode.OK


def cmd_demo_model(args: argparse.Namespace) -> int:
    """Write the tiny model."""
    from engine.generation.demo_model import write_demo_model
    from engine.generation.tiny_model import write_tiny_model

    if args.arch is not None:
        folder = write_tiny_model(args.folder, arch=args.arch, seed=args.seed)
        print(f"Wrote a tiny {args.arch} model to {folder}")
        return ExitCode.OK
    folder = write_demo_model(args.folder, seed=args.seed)
    print(f"Wrote the demo model to {folder}: text, a start-image model and a Draft LoRA pair inside it")
    return ExitCode.OK


def cmd_install_desktop(_: argparse.Namespace) -> int:
    """Register the desktop entry and MIME type."""
    from app.settings.desktop_integration import install

    try:
        print(install())
    except Exception as exc:  # a missing XDG tool or unwritable folder: say what happened
        return fail(f"could not install the desktop entry: {exc}", ExitCode.FAILED)
    return ExitCode.OK


def cmd_render(args: argparse.Namespace) -> int:
    """Generate missing takes and stitch."""
    from app.cli.gpu_launch import run_over_gpus
    from app.cli.model_flags import model_settings_from_args
    from app.cli.render_cmd import run_render

    try:  # the followers of a --gpus run load the same model as rank 0: the project's, unless --model
        project: Project | None = load_project(args.project) if args.gpus > 1 else None
    except ProjectError:
        project = None  # rank 0 says what is wrong with it
    spec = model_settings_from_args(args).spec_for(project)
    return run_over_gpus(args, args.argv, lambda: run_render(args, EventPrinter(json_lines=args.json)), spec)


def run_cli(argv: list[str]) -> int:
    """Parse and run one command; returns the exit code."""
    from app.diagnostics.log_file import setup_logging

    setup_logging()  # failed jobs and exports are logged with their tracebacks
    args = build_parser().parse_args(argv)
    args.argv = list(argv)  # --gpus relaunches the same command under torchrun
    handlers = {
        "new": cmd_new,
        "info": cmd_info,
        "render": cmd_render,
        "export": run_export,
        "demo-model": cmd_demo_model,
        "install-desktop": cmd_install_desktop,
        "preset": cmd_preset,
        "endpoint": cmd_endpoint,
        **SERVE_HANDLERS,
        **FARM_HANDLERS,
    }
    if args.command is None:
        build_parser().print_help()
        return ExitCode.BAD_INPUT
    return handlers[args.command](args)


def main() -> int:
    """Console entry point (storyreel-cli)."""
    from app.diagnostics.log_file import log_faults

    log_faults()  # segfaults and aborts leave their stacks in the log too
    return run_cli(sys.argv[1:])
