"""`main.py render`: exit codes, Ctrl+C handling and errors around app.film.generate_and_export."""

from __future__ import annotations

import argparse
import logging
import sys

from app.cli.exit_codes import ExitCode
from app.cli.export_cmd import TAKE_QUALITIES, export_settings_from_args
from app.cli.gpu_launch import with_gpus
from app.cli.model_flags import model_settings_from_args
from app.cli.output import EventPrinter, ctrl_c_cancels, fail
from app.film.generate_and_export import render_project
from app.generation.batch_generation import RenderFailed
from app.generation.take_recovery import recover_after_crash
from app.project.model import Project
from app.project.reel_file import ProjectError, load_project, save_project

log = logging.getLogger(__name__)


def run_render(args: argparse.Namespace, printer: EventPrinter) -> int:
    """Render a project file; returns an ExitCode (FAILED: a generation or the write failed)."""
    from app.cli.backend_flags import backends_from_args
    from engine.film.exporter import ExportError
    from engine.generation.model_source import ModelError
    from engine.progress import Cancelled, CancelToken
    from engine.video.video_io import VideoError

    output = args.output
    try:
        project = load_project(args.project)
        export = export_settings_from_args(args, project)  # None: the classic H.264 stitch
        backends = backends_from_args(args)  # this machine, or one RemoteBackend per --endpoint
    except (ProjectError, ValueError) as exc:
        return fail(exc, ExitCode.BAD_INPUT)
    tidied = recover_after_crash(project)  # a finished take a kill left unlisted is not generated again
    if tidied.removed or tidied.adopted:
        printer(
            {"event": "recovered", "removed": len(tidied.removed), "adopted": [p for _, p in tidied.adopted]}
        )
    if tidied.adopted:
        try:
            save_project(project)
        except ProjectError as exc:
            return fail(exc, ExitCode.BAD_INPUT)
    model = with_gpus(model_settings_from_args(args).spec_for(project), args.gpus)
    takes = [q for q in args.quality or () if q in TAKE_QUALITIES]
    cancel = CancelToken()

    try:
        with ctrl_c_cancels(cancel, "Stopping after this step..."):
            render_project(
                project,
                output.resolve(),
                backends,
                model,
                printer,
                cancel,
                export=export,
                quality=takes[-1] if takes else None,
            )
    except (Cancelled, KeyboardInterrupt):
        _save_quietly(project)
        printer({"event": "interrupted"})
        return ExitCode.INTERRUPTED
    except ModelError as exc:
        log.warning("render of %s: the model cannot be used", args.project, exc_info=True)
        _save_quietly(project)
        return fail(exc, ExitCode.BAD_INPUT)
    except RenderFailed as exc:  # each failed job's traceback is already in the log
        log.error("render of %s: %s", args.project, exc)
        lines = "\n".join(f"  {sid}: {msg}" for sid, msg in exc.failures.items())
        return fail(f"{exc}; the film was not stitched:\n{lines}", ExitCode.FAILED)
    except (ValueError, VideoError, ProjectError) as exc:
        log.warning("render of %s failed", args.project, exc_info=True)
        _save_quietly(project)
        return fail(exc, ExitCode.BAD_INPUT)
    except ExportError as exc:  # a full disk or an unwritable folder: the takes are kept
        log.error("render of %s: the film could not be written", args.project, exc_info=True)
        _save_quietly(project)
        return fail(exc, ExitCode.FAILED)
    except OSError as exc:
        log.error("render of %s failed", args.project, exc_info=True)
        _save_quietly(project)
        return fail(f"{getattr(exc, 'filename', '') or output}: {exc.strerror or exc}", ExitCode.FAILED)
    return ExitCode.OK


def _save_quietly(project: Project) -> None:
    try:
        save_project(project)
    except ProjectError as exc:
        print(f"storyreel: warning: {exc}", file=sys.stderr)
