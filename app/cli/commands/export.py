"""`main.py export` (stitch existing takes in a delivery format) and the export flags `render` shares."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.command import Command
from app.cli.error_boundary import flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.output import EventPrinter, ctrl_c_cancels
from app.cli.shot_choice import parse_shot_range
from app.project.project import Project
from engine.film.export_settings import (
    FIT_POLICIES,
    FORMATS,
    FPS_CHOICES,
    PAD,
    QUALITIES,
    SUBTITLES,
    ExportSettings,
    format_for_output,
    parse_size,
    parse_transition,
)
from engine.video.motion import MOTIONS

# Flags that make `render` go through the exporter instead of the plain H.264 stitch.
EXPORT_FLAGS = (
    "format",
    "quality",
    "size",
    "fit",
    "fps",
    "motion",
    "upscale",
    "transition",
    "audio",
    "shots",
    "subtitles",
)


TAKE_QUALITIES = ("draft", "final")  # render's --quality also names the quality of the takes it makes


def add_export_options(parser: argparse.ArgumentParser, takes: bool = False) -> None:
    """The format, quality, size, fit, fps, transition, music and range flags (takes: render's too)."""
    parser.add_argument(
        "--format",
        choices=list(FORMATS),
        help="mp4 (H.264), webm (VP9), mov (ProRes 422), gif, png (a folder of frames); "
        "default: from the output's extension",
    )
    parser.add_argument(
        "--quality",
        choices=(*QUALITIES, *TAKE_QUALITIES) if takes else QUALITIES,
        action="append",
        help="the film's encoding (default: high)"
        + (
            "; draft or final: the takes this run makes (default: each shot's), may be given with one"
            if takes
            else ""
        ),
    )
    parser.add_argument("--size", help="WxH, 1080p, 720p, vertical (1080x1920) or project (default)")
    parser.add_argument(
        "--fit",
        choices=FIT_POLICIES,
        help=f"fit: the film's aspect inside the size; fill: crop to fill it; pad: black bars "
        f"(default {PAD})",
    )
    parser.add_argument(
        "--fps",
        type=int,
        help=f"frame rate, e.g. {', '.join(map(str, FPS_CHOICES))} (default: the project's)",
    )
    parser.add_argument(
        "--transition",
        help="for every shot boundary of this export, e.g. cut, crossfade:0.5, "
        "fade:1 (not saved in the project)",
    )
    parser.add_argument(
        "--motion",
        choices=MOTIONS,
        help="how takes slower than --fps fill the film: repeat frames (default), blend neighbours, or "
        "interpolate motion-compensated in-betweens (the learned --interpolator, else optical flow)",
    )
    parser.add_argument(
        "--interpolator",
        metavar="SOURCE",
        help="--motion interpolate's learned model: RIFE IFNet weights in safetensors (file, folder or Hub "
        "repo id; default: Preferences > Model > Interpolator, else optical flow)",
    )
    parser.add_argument(
        "--upscale",
        type=int,
        choices=(2, 4),
        help="make the takes 2 or 4 times larger with a super-resolution model (tiled; GPU when present)",
    )
    parser.add_argument(
        "--upscale-model",
        help="the upscaling model for --upscale: a Real-ESRGAN-class safetensors file, folder or Hub repo id",
    )
    parser.add_argument("--audio", type=Path, help="music under the film (any format FFmpeg reads)")
    parser.add_argument("--shots", help="a range of shots by position, e.g. 2-4 or 1,3,5 (default: all)")
    parser.add_argument(
        "--subtitles",
        choices=SUBTITLES,
        help="the shots' captions as FILM.srt or FILM.vtt beside the film, or burned into its frames",
    )
    parser.add_argument(
        "--allow-flagged",
        action="store_true",
        help="export takes the safety check flagged (refused by default; the log records it)",
    )


def add_project_and_output(p: argparse.ArgumentParser, output_help: str) -> None:
    """The project file and -o, the film to write (export's and render's first arguments)."""
    p.add_argument("project", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help=output_help)


def add_json_option(p: argparse.ArgumentParser) -> None:
    """--json: the events as JSON lines, for scripts."""
    p.add_argument("--json", action="store_true", help="one JSON event per line on stdout")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The project, the file or folder to write, and the export flags."""
    add_project_and_output(
        p,
        "the file to write (.mp4, .webm, .mov, .gif), a folder for a PNG sequence, or a timeline for an "
        "editor (.otio, .fcpxml, .edl)",
    )
    add_export_options(p)
    p.add_argument(
        "--media-paths",
        choices=("absolute", "relative"),
        default="absolute",
        help="a timeline's clips name their takes by absolute path or relative to it (default absolute)",
    )
    p.add_argument(
        "--collect-media",
        action="store_true",
        help="copy the takes beside the timeline (into NAME.media/) and name those copies",
    )
    add_json_option(p)


def _interpolator(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The learned interpolator and its revision: --interpolator, else the one Preferences keep; None:
    optical flow."""
    from app.settings.model_settings import load_model_settings
    from app.settings.user_settings import load_settings

    chosen: str | None = getattr(args, "interpolator", None)
    if args.motion != "interpolate" or chosen:
        return chosen, None
    kept = load_model_settings(load_settings())
    return kept.interpolator or None, kept.interpolator_revision or None


def export_settings_from_args(args: argparse.Namespace, project: Project) -> ExportSettings | None:
    """The export the flags ask for; None for a plain MP4 with none of them (render's classic output)."""
    output: Path = args.output
    inferred = format_for_output(output)
    encoding = [q for q in args.quality or () if q in QUALITIES]
    given = (
        any(getattr(args, name, None) is not None for name in EXPORT_FLAGS if name != "quality") or encoding
    )
    if not given and inferred == "mp4" and args.command == "render":
        return None
    fmt = args.format or inferred
    if fmt is None:
        raise ValueError(
            f"{output}: unknown extension; use .mp4, .webm, .mov, .gif, a folder name, or --format"
        )
    if args.format and inferred is not None and inferred != args.format:
        raise ValueError(f"{output}: the extension does not match --format {args.format}")
    if getattr(args, "interpolator", None) and args.motion != "interpolate":
        raise ValueError("--interpolator is the model of --motion interpolate; add --motion interpolate")
    interpolator, interpolator_revision = _interpolator(args)
    settings = ExportSettings(
        format=fmt,
        quality=encoding[-1] if encoding else "high",
        fit=args.fit or PAD,
        fps=args.fps,
        audio=args.audio,
        subtitles=args.subtitles,
        motion=args.motion or "repeat",
        interpolator=interpolator,
        interpolator_revision=interpolator_revision,
        upscale=args.upscale or 1,
        upscale_model=args.upscale_model,
    )
    if args.size:
        settings.size = parse_size(args.size)
    if args.transition:
        settings.transition = parse_transition(args.transition)
    if args.shots:
        settings.shots = parse_shot_range(args.shots, project)
    settings.check()
    return settings


def run(args: argparse.Namespace) -> int:
    """Export existing takes; 0 done, 1 the write failed, 2 bad input (e.g. a shot has no take), 130 stopped."""
    from app.film.film_export import export_project
    from app.film.interchange.timeline_export import is_timeline_file
    from app.project.reel_file import load_project
    from engine.progress import Cancelled, CancelToken

    printer = EventPrinter(json_lines=args.json)
    project = load_project(args.project)
    if is_timeline_file(args.output):
        return _export_timeline(args, project, printer)
    with flags_checked():
        settings = export_settings_from_args(args, project)
    assert settings is not None  # None only for render's classic stitch
    cancel = CancelToken()
    try:
        with ctrl_c_cancels(cancel, "Stopping..."), flags_checked():
            export_project(project, args.output.resolve(), settings, printer, cancel, args.allow_flagged)
    except (Cancelled, KeyboardInterrupt):
        printer({"event": "interrupted"})
        raise
    return ExitCode.OK


def _export_timeline(args: argparse.Namespace, project: Project, printer: EventPrinter) -> int:
    """Write the timeline for an editor: the active takes with trims, transitions and the music."""
    from app.film.film_export import shots_in_range
    from app.film.interchange.timeline_export import TimelineOptions, write_timeline

    with flags_checked():
        ids = parse_shot_range(args.shots, project) if args.shots else None
        options = TimelineOptions(args.media_paths, args.collect_media, args.audio)
        printer(write_timeline(project, shots_in_range(project, ids), args.output.resolve(), options))
    return ExitCode.OK


COMMAND = Command("export", "stitch the existing takes into a film (no generation)", add_arguments, run)
