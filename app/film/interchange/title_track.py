"""The title track for an editor: each element rendered to a clip with alpha, on video tracks above the shots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from app.film.film_titles import film_titles, title_style
from app.film.interchange.generation_record import METADATA_KEY
from app.project.project import Project
from app.project.shot import Shot

if TYPE_CHECKING:
    import opentimelineio as otio

# The adapters whose formats hold more than one video track (an EDL has one: its titles are left out).
LAYERED = ("otio_json", "fcpx_xml")


def title_tracks(
    project: Project,
    shots: list[Shot],
    folder: Path,
    url: Callable[[Path], str],
    fps: int,
) -> list[otio.schema.Track]:
    """The film's title track as clips rendered into folder (FILM.media/titles), placed on the film's
    clock at fps; elements that overlap go on a track above. url names a rendered clip in the file."""
    import opentimelineio as otio

    from engine.film.title_clips import title_frames, write_title_clip

    elements = sorted(film_titles(project, shots), key=lambda e: e.start)
    if not elements:
        return []
    style = title_style(project)
    size = (project.settings.width, project.settings.height)
    tracks: list[otio.schema.Track] = []
    ends: list[int] = []  # where each track's last clip ends, in frames

    def at(frames: int) -> otio.opentime.RationalTime:
        return otio.opentime.RationalTime(frames, fps)

    for number, element in enumerate(elements, 1):
        start, length = round(element.start * fps), title_frames(element, fps)
        path = folder / f"title-{number:02d}-{element.kind}.mov"
        write_title_clip(element, path, size, fps, style)
        lane = next((i for i, end in enumerate(ends) if end <= start), None)
        if lane is None:
            lane = len(tracks)
            name = "Titles" if lane == 0 else f"Titles {lane + 1}"
            tracks.append(otio.schema.Track(name=name, kind=otio.schema.TrackKind.Video))
            ends.append(0)
        if start > ends[lane]:
            tracks[lane].append(
                otio.schema.Gap(source_range=otio.opentime.TimeRange(at(0), at(start - ends[lane])))
            )
        whole = otio.opentime.TimeRange(at(0), at(length))
        reference = otio.schema.ExternalReference(target_url=url(path), available_range=whole)
        reference.name = path.name
        words = " ".join(element.text.split())[:40] or element.kind
        clip = otio.schema.Clip(
            name=f"{element.kind}: {words}", media_reference=reference, source_range=whole
        )
        clip.metadata[METADATA_KEY] = {"title": asdict(element)}
        tracks[lane].append(clip)
        ends[lane] = start + length
    return tracks
