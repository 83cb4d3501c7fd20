"""Export a project's film: shots in range become spans with their looks and transitions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.film.film_sound import with_sound_track
from app.film.film_titles import caption_cues, film_titles, subtitle_path, title_style
from app.film.shot_looks import look_for_shot
from app.film.shot_timing import shot_fps, shot_frames, shot_transitions
from app.project.project import Project
from app.project.project_copy import FrozenProject
from app.project.shot import Shot
from engine.errors import StoryreelError
from engine.film.export_settings import ExportSettings
from engine.film.exporter import ExportProgress, ExportResult, export_film
from engine.film.subtitles import FORMATS, write_subtitles
from engine.progress import CancelToken
from engine.storage.stale_temp import remove_stale_partials
from engine.video.conform import ClipSpan

log = logging.getLogger(__name__)


class FlaggedTakes(StoryreelError):
    """The film would show takes the safety check flagged; nothing was written."""

    hint = "Choose other takes for these shots, or allow flagged takes (--allow-flagged) if they are fine."


def flagged_shots(project: Project, shots: list[Shot]) -> list[str]:
    """The titles of the shots whose active take the safety check flagged."""
    return [
        shot.display_title(project.shots.index(shot))
        for shot in shots
        if shot.active is not None and shot.active.safety.get("verdict") == "flagged"
    ]


# An event is a plain dict with an "event" key, ready for --json output.
EventCallback = Callable[[dict[str, Any]], None]


def project_snapshot(project: Project) -> Project:
    """A detached copy of the project (no listeners) that a worker thread can read while the user edits."""
    return FrozenProject(project).thaw()


def shots_in_range(project: Project, shot_ids: list[str] | None) -> list[Shot]:
    """The shots to export in timeline order: all of them, or those whose ids are given."""
    if shot_ids is None:
        return list(project.shots)
    wanted = set(shot_ids)
    unknown = wanted - {s.id for s in project.shots}
    if unknown:
        raise ValueError(f"No shot with id {', '.join(sorted(unknown))} in this project")
    return [s for s in project.shots if s.id in wanted]


def export_spans(
    project: Project, shots: list[Shot], grade: bool = True, logo: bool = True
) -> list[ClipSpan]:
    """Each shot's active take with its trims and look (grade and logo unless left out); ValueError
    naming a shot with no usable take."""
    spans = []
    for shot in shots:
        take = shot.active
        path = project.take_path(take) if take else None
        if path is None or not path.exists():
            title = shot.display_title(project.shots.index(shot))
            reason = "has no take" if take is None else f"has lost its take file ({path})"
            raise ValueError(f"{title} {reason}: generate it first (main.py render) or pick another take")
        spans.append(
            ClipSpan(path, shot.trim_in, shot.trim_out, look=look_for_shot(project, shot, grade, logo))
        )
    return spans


def check_motion(project: Project, shots: list[Shot], settings: ExportSettings) -> None:
    """ValueError where in-between frames cannot be made: a one-frame shot, or no shot slower than the film."""
    if settings.motion == "repeat":
        return
    fps = settings.fps or project.settings.fps
    for shot in shots:
        if shot_frames(project, shot) < 2:
            title = shot.display_title(project.shots.index(shot))
            raise ValueError(f"{title} shows one frame: there is nothing to {settings.motion} between")
    if all(shot_fps(project, shot) >= fps for shot in shots):
        rates = sorted({shot_fps(project, shot) for shot in shots})
        raise ValueError(
            f"The takes are already at {', '.join(map(str, rates))} fps and the film at {fps} fps: "
            f"{settings.motion} needs a higher rate than the takes' (e.g. --fps {2 * rates[0]})"
        )


def check_upscale(project: Project, shots: list[Shot], settings: ExportSettings) -> None:
    """UpscaleError before anything is loaded or written where a take would grow past the largest frame."""
    if settings.upscale == 1:
        return
    from engine.film.upscaling import upscaled_size

    for shot in shots:
        take = shot.active
        if take is not None and take.width and take.height:
            upscaled_size(take.width, take.height, settings.upscale)


def export_project(
    project: Project,
    output: Path,
    settings: ExportSettings,
    on_event: EventCallback,
    cancel: CancelToken | None = None,
    allow_flagged: bool = False,
) -> ExportResult:
    """Export the film (or its selected shots) to output with settings; events say how it goes.

    Active takes the safety check flagged are refused (FlaggedTakes naming the shots) unless allow_flagged,
    which the log records.
    """
    shots = shots_in_range(project, settings.shots)
    if not shots:
        raise ValueError("There are no shots to export")
    if flagged := flagged_shots(project, shots):
        if not allow_flagged:
            raise FlaggedTakes(
                f"The safety check flagged the takes of {', '.join(flagged)}; the film was not exported."
            )
        log.warning("Exporting flagged takes, as the person allowed: %s", ", ".join(flagged))
    spans = export_spans(project, shots, settings.grade, settings.logo)
    check_motion(project, shots, settings)
    check_upscale(project, shots, settings)
    titles = film_titles(project, shots, settings.titles, settings.subtitles == "burn")
    s = project.settings
    whole = settings.shots is None or len(shots) == len(project.shots)

    def forward(p: ExportProgress) -> None:
        on_event({"event": "progress", **p.to_dict()})

    # Partial outputs of exports to this name that were killed; a live export keeps its own.
    remove_stale_partials(Path(output))
    on_event(
        {"event": "export_started", "output": str(output), "format": settings.format, "shots": len(shots)}
    )
    with with_sound_track(project, shots, settings) as settings:
        result = export_film(
            spans,
            Path(output),
            settings,
            film_size=(s.width, s.height),
            film_fps=s.fps,
            transitions=shot_transitions(shots, settings.transition),
            # The film's fades belong to its start and end: a range of shots from the middle has none.
            fade_in=s.fade_in if whole or shots[0] is project.shots[0] else 0.0,
            fade_out=s.fade_out if whole or shots[-1] is project.shots[-1] else 0.0,
            on_progress=forward,
            cancel=cancel,
            titles=titles,
            title_style=title_style(project) if titles else None,
        )
    if settings.subtitles in FORMATS:
        # Beside the film, named after it; written after the film so a failed export leaves neither.
        side = subtitle_path(result.path, settings.subtitles)
        write_subtitles(side, caption_cues(project, shots), settings.subtitles)
        on_event({"event": "subtitles", "output": str(side), "format": settings.subtitles})
    on_event(
        {
            "event": "done",
            "output": str(result.path),
            "frames": result.frames,
            "duration": round(result.duration, 3),
            "format": result.format,
            "size": [result.width, result.height],
            "fps": result.fps,
        }
    )
    return result
