"""`main.py render`: exit codes, Ctrl+C handling and errors around app.film.generate_and_export."""

from __future__ import annotations

import argparse
import sys

from app.cli.export_cmd import export_settings_from_args
from app.cli.output import EventPrinter, ctrl_c_cancels, fail
from app.film.generate_and_export import render_project
from app.generation.batch_generation import RenderFailed
from app.generation.take_recovery import recover_after_crash
from app.project.model import Project
from app.project.reel_file import ProjectError, load_project, save_project

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def run_render(args: argparse.Namespace, printer: EventPrinter) -> int:
    """Render a project file; returns 0 done, 1 generation failed, 2 bad input, 130 interrupted."""
    from app.cli.backend_flags import backends_from_args
    from engine.film.exporter import ExportError
    from engine.generation.model_source import ModelError
    from engine.generation.request import ModelSpec
    from engine.jobs.progress import Cancelled, CancelToken
    from engine.video.video_io import VideoError

    output = args.output
    try:
        project = load_project(args.project)
        export = export_settings_from_args(args, project)  # None: the classic H.264 stitch
        backends = backends_from_args(args)  # this machine, or one RemoteBackend per --endpoint
    except (ProjectError, ValueError) as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    tidied = recover_after_crash(project)  # a finished take a kill left unlisted is not generated again
    if tidied.removed or tidied.adopted:
        printer(
            {"event": "recovered", "removed": len(tidied.removed), "adopted": [p for _, p in tidied.adopted]}
        )
    if tidied.adopted:
        try:
            save_project(project)
        except ProjectError as exc:
            return fail(str(exc), EXIT_BAD_INPUT)
    model = ModelSpec(
        source=args.model or project.settings.model,
        revision=args.revision
        if args.revision
        else (None if args.model else project.settings.model_revision),
        device=args.device,
        dtype=args.dtype,
    )
    cancel = CancelToken()

    try:
        with ctrl_c_cancels(cancel, "Stopping after this step..."):
            render_project(project, output.resolve(), backends, model, printer, cancel, export=export)
    except (Cancelled, KeyboardInterrupt):
        _save_quietly(project)
        printer({"event": "interrupted"})
        return EXIT_INTERRUPTED
    except ModelError as exc:
        _save_quietly(project)
        return fail(str(exc), EXIT_BAD_INPUT)
    except RenderFailed as exc:
        lines = "\n".join(f"  {sid}: {msg}" for sid, msg in exc.failures.items())
        return fail(f"{exc}; the film was not stitched:\n{lines}", EXIT_FAILED)
    except (ValueError, VideoError, ProjectError) as exc:
        _save_quietly(project)
        return fail(str(exc), EXIT_BAD_INPUT)
    except ExportError as exc:  # a full disk or an unwritable folder: the takes are kept
        _save_quietly(project)
        return fail(str(exc), EXIT_FAILED)
    except OSError as exc:
        _save_quietly(project)
        return fail(f"{getattr(exc, 'filename', '') or output}: {exc.strerror or exc}", EXIT_FAILED)
    return EXIT_OK


def _save_quietly(project: Project) -> None:
    try:
        save_project(project)
    except ProjectError as exc:
        print(f"storyreel: warning: {exc}", file=sys.stderr)
