"""`main.py render`: exit codes, Ctrl+C handling and errors around app.render."""

from __future__ import annotations

import argparse
import signal
import sys

from app.batch_generation import RenderFailed
from app.cli_output import EventPrinter, fail
from app.project_file import ProjectError, load_project, save_project
from app.render import render_project

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def run_render(args: argparse.Namespace, printer: EventPrinter) -> int:
    """Render a project file; returns 0 done, 1 generation failed, 2 bad input, 130 interrupted."""
    from engine.backend import LocalBackend
    from engine.model_source import ModelError
    from engine.progress import Cancelled, CancelToken
    from engine.request import ModelSpec
    from engine.video_io import VideoError

    output = args.output
    if output.suffix.lower() != ".mp4":
        return fail(f"{output}: the output must be an .mp4 file", EXIT_BAD_INPUT)
    try:
        project = load_project(args.project)
    except ProjectError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    model = ModelSpec(
        source=args.model or project.settings.model,
        revision=args.revision if args.revision else (None if args.model else project.settings.model_revision),
        device=args.device,
        dtype=args.dtype,
    )
    cancel = CancelToken()

    def on_sigint(signum, frame) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()
        print("\nStopping after this step... (Ctrl+C again to stop at once)", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_sigint)
    backends = [LocalBackend()]
    try:
        render_project(project, output.resolve(), backends, model, printer, cancel)
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
    except OSError as exc:
        _save_quietly(project)
        return fail(f"{getattr(exc, 'filename', '') or output}: {exc.strerror or exc}", EXIT_FAILED)
    finally:
        signal.signal(signal.SIGINT, previous)
    return EXIT_OK


def _save_quietly(project) -> None:
    try:
        save_project(project)
    except ProjectError as exc:
        print(f"storyreel: warning: {exc}", file=sys.stderr)
