"""How long a shot runs on the timeline, and the film; frame counts snap by the engine's rule."""

from __future__ import annotations

from app.generation.planned_frames import planned_frames
from app.project.project import Project
from app.project.shot import Shot
from engine.film.film_timing import FilmTiming, Transition, time_film
from engine.generation.frames import snap_frames as snap_frames  # the window's forms use it from here
from engine.video.conform import conformed_frame_count

MAX_FRAMES = 1001  # the longest shot the inspector offers (4k+1, so snapping keeps it)


def seconds_to_frames(seconds: float, fps: int) -> int:
    """The frame count generated for a duration in seconds (at most MAX_FRAMES)."""
    return snap_frames(min(round(seconds * max(fps, 1)), MAX_FRAMES))


def shot_frames(project: Project, shot: Shot) -> int:
    """Frames the shot shows: the trimmed active take, else the frames it will be generated with."""
    take = shot.active
    if take is not None and take.frames > 0:
        end = shot.trim_out if shot.trim_out is not None else take.frames
        return max(1, min(end, take.frames) - max(0, shot.trim_in))
    return snap_frames(planned_frames(project, shot))  # as it will be generated


def shot_fps(project: Project, shot: Shot) -> int:
    """The frame rate of what the shot shows (an imported take keeps its own)."""
    take = shot.active
    if take is not None and take.fps > 0:
        return take.fps
    return max(1, project.settings.fps)


def shot_seconds(project: Project, shot: Shot) -> float:
    """Duration of the shot on the timeline, in seconds."""
    return shot_frames(project, shot) / shot_fps(project, shot)


def shot_transitions(shots: list[Shot], override: tuple[str, float] | None = None) -> list[Transition]:
    """The transition into each shot; the first shot starts the film, so its own is not used."""
    out = [Transition()]
    for shot in shots[1:]:
        kind, seconds = override if override is not None else (shot.transition, shot.transition_duration)
        out.append(Transition(kind, seconds))
    return out


def film_timing(project: Project) -> FilmTiming | None:
    """The whole film timed as the exporter will write it, without opening a clip (None: no shots)."""
    if not project.shots:
        return None
    fps = max(1, project.settings.fps)
    counts = [
        conformed_frame_count(shot_frames(project, s), shot_fps(project, s), fps) for s in project.shots
    ]
    s = project.settings
    return time_film(counts, shot_transitions(project.shots), fps, s.fade_in, s.fade_out)


def film_seconds(project: Project) -> float:
    """The film's length as exported: every shot at the film's rate, less the crossfades' overlaps."""
    timing = film_timing(project)
    return timing.duration if timing is not None else 0.0


def frames_label(frames: int, fps: int) -> str:
    """'81 frames = 5.06 s'."""
    return f"{frames} frames = {frames / max(fps, 1):.2f} s"
