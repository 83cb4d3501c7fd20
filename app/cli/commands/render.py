"""`main.py render FILM.reel -o FILM.mp4`: generate the missing takes and stitch the film."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.backend_flags import add_remote_options
from app.cli.command import Command
from app.cli.commands.export import (
    TAKE_QUALITIES,
    add_export_options,
    add_json_option,
    add_project_and_output,
    export_settings_from_args,
)
from app.cli.error_boundary import CommandFailed, UsageError, flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.model_flags import add_model_options, model_settings_from_args
from app.cli.output import EventPrinter, ctrl_c_cancels
from app.project.project import Project

if TYPE_CHECKING:
    from app.settings.review_settings import ReviewSettings
    from engine.backends.local import Backend
    from engine.generation.request import ModelSpec
    from engine.progress import CancelToken


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The project, the film to write, the model, the export and the backend flags."""
    add_project_and_output(
        p, "the film to write: .mp4 (default format), .webm, .mov, .gif, or a folder of PNGs"
    )
    add_model_options(p)
    add_json_option(p)
    p.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="if another Storyreel has the film, wait this long for it (default: refuse at once, exit 3)",
    )
    add_export_options(p, takes=True)
    p.add_argument(
        "--takes",
        type=int,
        default=1,
        help="takes to make of each shot that needs one (1-16, default 1); with --pick best, Draft unless --quality final",
    )
    p.add_argument(
        "--pick",
        choices=("best",),
        help="best: rank the takes by their combined score (Preferences > Review weights) and keep the best",
    )
    add_remote_options(p)


def run(args: argparse.Namespace) -> int:
    """Generate missing takes and stitch, on one GPU or (--gpus) over several."""
    from app.cli.gpu_launch import run_over_gpus
    from app.project.reel_file import ProjectError, load_project

    try:  # the followers of a --gpus run load the same model as rank 0: the project's, unless --model
        project: Project | None = load_project(args.project) if args.gpus > 1 else None
    except ProjectError:
        project = None  # rank 0 says what is wrong with it
    spec = model_settings_from_args(args).spec_for(project)
    return run_over_gpus(args, args.argv, lambda: run_render(args, EventPrinter(json_lines=args.json)), spec)


def run_render(args: argparse.Namespace, printer: EventPrinter) -> int:
    """Render a project file holding its lock (FilmLocked: another Storyreel has it, exit 3)."""
    from app.project.film_lock import FilmLock

    if not Path(args.project).is_file():
        return _render(args, printer)  # which says what is wrong with the path
    lock = FilmLock(args.project, "render")
    try:
        lock.acquire(wait=max(0.0, args.wait))
    except OSError as exc:  # the folder cannot hold a lock file: read-only, or gone
        raise CommandFailed(f"{args.project}: cannot lock the film ({exc.strerror or exc})") from exc
    with lock:
        return _render(args, printer)


def _best_of(
    args: argparse.Namespace,
    project: Project,
    backends: list[Backend],
    model: ModelSpec,
    printer: EventPrinter,
    quality: str,
    cancel: CancelToken,
    settings: ReviewSettings,
) -> None:
    """--takes N --pick best: N takes of each shot that needs one, the best made active, saved after each shot."""
    from app.generation.batch_generation import shots_to_generate
    from app.project.reel_file import save_project
    from app.review.best_of_n import MAX_TAKES, generate_best_of

    if args.pick != "best" or not 1 <= args.takes <= MAX_TAKES:
        raise UsageError(f"--takes N (1-{MAX_TAKES}) goes with --pick best")
    for shot in shots_to_generate(project):
        result = generate_best_of(
            project, shot.id, args.takes, backends[0], settings, model, quality, cancel=cancel
        )
        best = result.best.path if result.best else None
        printer({"event": "best_of", "shot": shot.id, "takes": [t.path for t in result.takes], "best": best})
        save_project(project)


def _render(args: argparse.Namespace, printer: EventPrinter) -> int:
    """Render a project file; a failure keeps the finished takes and saves the project."""
    from app.cli.backend_flags import backends_from_args
    from app.cli.gpu_launch import with_gpus
    from app.film.generate_and_export import render_project
    from app.generation.batch_generation import RenderFailed
    from app.generation.take_recovery import recover_after_crash
    from app.project.reel_file import load_project, save_project
    from app.review.take_scoring import SCORING_BACKENDS, scoring_hook
    from app.settings.review_settings import load_review_settings
    from app.settings.user_settings import load_settings
    from engine.progress import Cancelled, CancelToken

    output = args.output
    project = load_project(args.project)
    with flags_checked():
        export = export_settings_from_args(args, project)  # None: the classic H.264 stitch
        backends = backends_from_args(args)  # this machine, or one RemoteBackend per --endpoint
    tidied = recover_after_crash(project)  # a finished take a kill left unlisted is not generated again
    if tidied.removed or tidied.adopted:
        printer(
            {"event": "recovered", "removed": len(tidied.removed), "adopted": [p for _, p in tidied.adopted]}
        )
    if tidied.adopted:
        save_project(project)
    review = load_review_settings(load_settings())
    for backend in backends:  # every take is scored as it is written, here or remote (Preferences > Review)
        if isinstance(backend, SCORING_BACKENDS) and backend.after_take is None:
            backend.after_take = scoring_hook(project, review)
    model = with_gpus(model_settings_from_args(args).spec_for(project), args.gpus)
    takes = [q for q in args.quality or () if q in TAKE_QUALITIES]
    cancel = CancelToken()
    try:
        with ctrl_c_cancels(cancel, "Stopping after this step..."), flags_checked():
            if args.takes > 1 or args.pick:
                _best_of(
                    args, project, backends, model, printer, takes[-1] if takes else "draft", cancel, review
                )
            render_project(
                project,
                output.resolve(),
                backends,
                model,
                printer,
                cancel,
                export=export,
                quality=takes[-1] if takes else None,
                allow_flagged=args.allow_flagged,
                blocked_words=tuple(review.blocked_words),
            )
    except RenderFailed as exc:  # each failed job's traceback is already in the log
        lines = "\n".join(f"  {sid}: {msg}" for sid, msg in exc.failures.items())
        raise CommandFailed(f"{exc}; the film was not stitched:\n{lines}") from exc
    except (Cancelled, KeyboardInterrupt):
        _save_quietly(project)
        printer({"event": "interrupted"})
        raise
    except OSError as exc:
        _save_quietly(project)
        raise CommandFailed(f"{getattr(exc, 'filename', '') or output}: {exc.strerror or exc}") from exc
    except Exception:  # a model that cannot be used, a take that cannot be read: the finished takes stay
        _save_quietly(project)
        raise
    return ExitCode.OK


def _save_quietly(project: Project) -> None:
    from app.project.reel_file import ProjectError, save_project

    try:
        save_project(project)
    except ProjectError as exc:
        print(f"storyreel: warning: {exc}", file=sys.stderr)


COMMAND = Command("render", "generate missing takes and stitch the film", add_arguments, run)
