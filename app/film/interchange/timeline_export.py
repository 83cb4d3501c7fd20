"""The film's timeline written through OpenTimelineIO: .otio, FCPXML (Final Cut Pro X) or CMX 3600 EDL."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.film.film_export import export_spans
from app.film.interchange.generation_record import METADATA_KEY, generation_record
from app.film.interchange.title_track import LAYERED, title_tracks
from app.project.project import Project
from app.project.shot import Shot, Take
from engine.errors import StoryreelError

if TYPE_CHECKING:
    import opentimelineio as otio

log = logging.getLogger(__name__)

# The interchange formats by the output's extension, with the OTIO adapter that writes each.
TIMELINE_ADAPTERS = {".otio": "otio_json", ".fcpxml": "fcpx_xml", ".edl": "cmx_3600"}
MEDIA_PATHS = ("absolute", "relative")
# Final Cut Pro X sequences and SMPTE timecode (EDL) have only broadcast rates: a film at another
# rate (Wan's 16 fps) is timed at one of theirs. FCPXML counts rational seconds, so 24 stays exact;
# an EDL counts whole frames, so 48 (3 frames per 16 fps frame) keeps every trim exact.
BROADCAST_RATES = {
    "fcpx_xml": ((23.98, 24, 25, 29.97, 30, 50, 59.94, 60), 24.0),
    "cmx_3600": ((23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60), 48.0),
}


def timeline_rate(adapter: str, fps: float) -> float | None:
    """The rate the adapter's format times the film at, where its own is not one it has; else None."""
    rates, fallback = BROADCAST_RATES.get(adapter, ((fps,), fps))
    return None if fps in rates else fallback


class TimelineExportError(StoryreelError):
    """The timeline could not be written in the chosen format; nothing was written."""

    hint = "Try .otio, which keeps everything, or check the shots' takes."


def is_timeline_file(path: Path) -> bool:
    """Whether an output's extension names an interchange format (.otio, .fcpxml, .edl)."""
    return path.suffix.lower() in TIMELINE_ADAPTERS


@dataclass(frozen=True)
class TimelineOptions:
    """How media are referenced: relative to the file or absolute; collect: copied beside it first."""

    media_paths: str = "absolute"
    collect: bool = False
    audio: Path | None = None


def collect_folder(output: Path) -> Path:
    """Where "collect media" copies the takes: FILM.media beside FILM.otio."""
    return output.with_name(output.stem + ".media")


def media_url(path: Path, output: Path, relative: bool) -> str:
    """The reference a clip carries: a file:// URL, or a path relative to the output's folder."""
    if relative:
        return Path(os.path.relpath(path.resolve(), output.parent.resolve())).as_posix()
    return path.resolve().as_uri()


def _collected(path: Path, take: Take, folder: Path) -> Path:
    """The take copied into the collect folder (once; its name carries the take's id)."""
    from engine.storage.atomic_file import copy_file_atomic

    dest = folder / f"{take.id}{path.suffix.lower()}"
    if not dest.exists():
        copy_file_atomic(path, dest)
    return dest


def _clip(project: Project, shot: Shot, path: Path, url: str, rate: float | None) -> otio.schema.Clip:
    """One shot's active take as a clip: its trims as the source range (at rate, default the take's
    own), its record as metadata."""
    import opentimelineio as otio

    take = shot.active
    assert take is not None  # export_spans refused shots without a take
    own = float(max(1, take.fps))
    end = min(shot.trim_out if shot.trim_out is not None else take.frames, take.frames)
    rate = rate or own

    def at(frames: int) -> otio.opentime.RationalTime:
        return otio.opentime.RationalTime(frames, own).rescaled_to(rate)

    available = otio.opentime.TimeRange(at(0), at(take.frames))
    reference = otio.schema.ExternalReference(target_url=url, available_range=available)
    reference.name = path.name
    source = otio.opentime.TimeRange(at(shot.trim_in), at(max(1, end - shot.trim_in)))
    title = shot.display_title(project.shots.index(shot))
    clip = otio.schema.Clip(name=title, media_reference=reference, source_range=source)
    clip.metadata[METADATA_KEY] = generation_record(project, shot, take)
    return clip


def _transition(
    shot: Shot, before: otio.schema.Clip, after: otio.schema.Clip
) -> otio.schema.Transition | None:
    """The dissolve into a shot (a fade through black is a dissolve too, named so); None for a cut.

    Storyreel's crossfade overlaps the two shots, so the film is shorter by its length: each clip gives
    half of it to the dissolve as a handle (the previous its tail, the next its head), and the clips'
    ranges in the file are shorter by that half.
    """
    import opentimelineio as otio

    if shot.transition == "cut" or shot.transition_duration <= 0:
        return None
    a, b = before.source_range, after.source_range
    rate = a.duration.rate
    half = min(round(shot.transition_duration * rate / 2), a.duration.value - 1, b.duration.value - 1)
    if half < 1:
        return None
    half_time = otio.opentime.RationalTime(half, rate)
    before.source_range = otio.opentime.TimeRange(a.start_time, a.duration - half_time)
    after.source_range = otio.opentime.TimeRange(b.start_time + half_time, b.duration - half_time)
    transition = otio.schema.Transition(
        name=shot.transition,
        transition_type=otio.schema.TransitionTypes.SMPTE_Dissolve,
        in_offset=half_time,
        out_offset=half_time,
    )
    transition.metadata[METADATA_KEY] = {"kind": shot.transition, "seconds": shot.transition_duration}
    return transition


def _audio_track(audio: Path, output: Path, relative: bool, fps: float) -> otio.schema.Track:
    """The music under the film as an audio track of one clip."""
    import av
    import opentimelineio as otio

    try:
        with av.open(str(audio)) as container:
            seconds = (container.duration or 0) / av.time_base
    except (OSError, av.error.FFmpegError) as exc:
        raise TimelineExportError(f"{audio}: not audio Storyreel can read ({exc})") from None
    length = otio.opentime.RationalTime(round(seconds * fps), fps)
    reference = otio.schema.ExternalReference(
        target_url=media_url(audio, output, relative),
        available_range=otio.opentime.TimeRange(otio.opentime.RationalTime(0, fps), length),
    )
    clip = otio.schema.Clip(
        name=audio.stem,
        media_reference=reference,
        source_range=otio.opentime.TimeRange(otio.opentime.RationalTime(0, fps), length),
    )
    return otio.schema.Track(name="Music", kind=otio.schema.TrackKind.Audio, children=[clip])


def build_timeline(
    project: Project, shots: list[Shot], output: Path, options: TimelineOptions, adapter: str = "otio_json"
) -> otio.schema.Timeline:
    """The shots' active takes in order with trims and transitions, the title track as clips with alpha
    (where the format has more than one video track) and the music, as an OTIO timeline (timed at a
    rate the adapter's format has)."""
    import opentimelineio as otio

    spans = export_spans(project, shots, grade=False, logo=False)  # refuses shots without a take
    fps = float(max(1, project.settings.fps))
    rate = timeline_rate(adapter, fps)
    fps = rate or fps
    relative = options.media_paths == "relative"
    track = otio.schema.Track(name="Shots", kind=otio.schema.TrackKind.Video)
    previous: otio.schema.Clip | None = None
    for shot, span in zip(shots, spans, strict=True):
        path = Path(span.path)
        if options.collect:
            assert shot.active is not None
            path = _collected(path, shot.active, collect_folder(output))
        clip = _clip(project, shot, path, media_url(path, output, relative), rate)
        transition = _transition(shot, previous, clip) if previous is not None else None
        if transition is not None:
            track.append(transition)
        track.append(clip)
        previous = clip
    timeline = otio.schema.Timeline(name=project.settings.name)
    timeline.global_start_time = otio.opentime.RationalTime(0, fps)
    timeline.tracks.append(track)
    if adapter in LAYERED:
        titles = collect_folder(output) / "titles"
        timeline.tracks.extend(
            title_tracks(project, shots, titles, lambda path: media_url(path, output, relative), round(fps))
        )
    if options.audio is not None:
        timeline.tracks.append(_audio_track(options.audio, output, relative, fps))
    timeline.metadata[METADATA_KEY] = {"film": project.settings.name, "fps": project.settings.fps}
    return timeline


def write_timeline(
    project: Project, shots: list[Shot], output: Path, options: TimelineOptions
) -> dict[str, Any]:
    """Write the timeline to output (its format from the extension), whole or not at all; a summary."""
    import opentimelineio as otio

    from engine.storage.atomic_file import atomic_path

    adapter = TIMELINE_ADAPTERS.get(output.suffix.lower())
    if adapter is None:
        raise TimelineExportError(f"{output}: use .otio, .fcpxml or .edl for a timeline")
    if options.media_paths not in MEDIA_PATHS:
        raise TimelineExportError(f"media paths must be one of {', '.join(MEDIA_PATHS)}")
    timeline = build_timeline(project, shots, output, options, adapter)
    try:
        with atomic_path(output) as tmp:
            otio.adapters.write_to_file(timeline, str(tmp), adapter_name=adapter)
    except otio.exceptions.OTIOError as exc:
        log.exception("Writing the timeline %s failed", output)
        raise TimelineExportError(f"{output}: the {adapter} adapter refused the timeline ({exc})") from None
    titles = sum(len(track.find_clips(shallow_search=True)) for track in timeline.video_tracks()[1:])
    summary = {"event": "timeline_written", "output": str(output), "format": adapter, "shots": len(shots)}
    return summary | {"titles": titles}
