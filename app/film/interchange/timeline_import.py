"""An edited .otio brought back: the order and trims of the shots it knows; the rest left as they are."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from app.film.interchange.generation_record import METADATA_KEY
from app.project.project import Project
from app.project.shot import Shot
from engine.errors import StoryreelError

if TYPE_CHECKING:
    import opentimelineio as otio

log = logging.getLogger(__name__)

MAX_TIMELINE_BYTES = 50 * 1024 * 1024  # an edit of thousands of clips is a few MB


class TimelineImportError(StoryreelError):
    """The edited timeline cannot be brought back; the project was left as it was."""

    hint = (
        "Import an .otio that Storyreel exported from this film (main.py export -o FILM.otio), then edited."
    )


@dataclass(frozen=True)
class EditedShot:
    """A shot the edit knows: its place in the edit and its new trims."""

    shot_id: str
    trim_in: int
    trim_out: int | None


@dataclass
class TimelineEdit:
    """What importing changed, with the previous order and trims (for undo)."""

    shots: list[EditedShot]
    previous_order: list[str]
    previous_trims: dict[str, tuple[int, int | None]]
    skipped: list[str] = field(default_factory=list)  # clips of the edit that name no shot of this film

    def summary(self) -> dict[str, Any]:
        """The outcome as an event for the CLI."""
        return {"event": "timeline_imported", "shots": len(self.shots), "skipped": self.skipped}


def read_timeline(path: Path) -> otio.schema.Timeline:
    """An .otio file read with OpenTimelineIO (bounded in size); TimelineImportError if it is not one."""
    import opentimelineio as otio

    try:
        size = path.stat().st_size
        if size > MAX_TIMELINE_BYTES:
            raise TimelineImportError(f"{path}: {size} bytes is too large for an edited timeline")
        timeline = otio.adapters.read_from_file(str(path), adapter_name="otio_json")
    except (OSError, ValueError, otio.exceptions.OTIOError) as exc:
        raise TimelineImportError(f"{path}: not an OpenTimelineIO file Storyreel can read ({exc})") from None
    if not isinstance(timeline, otio.schema.Timeline):
        raise TimelineImportError(f"{path}: holds no timeline")
    return timeline


def _media_path(clip: otio.schema.Clip, base: Path) -> Path | None:
    """The file a clip's media reference names (a file:// URL or a path relative to the .otio)."""
    url = getattr(clip.media_reference, "target_url", None)
    if not isinstance(url, str) or not url:
        return None
    parsed = urlparse(url)
    raw = unquote(parsed.path) if parsed.scheme == "file" else url
    return (base / raw).resolve()


def _shown_range(track: otio.schema.Track, clip: otio.schema.Clip) -> otio.opentime.TimeRange:
    """The frames of its media a clip shows, with the handles the dissolves on either side use
    (Storyreel's crossfade overlaps the shots; export gave half of it to each side as a handle)."""
    import opentimelineio as otio

    shown = clip.source_range or clip.available_range()
    before, after = track.neighbors_of(clip)
    head = before.in_offset if isinstance(before, otio.schema.Transition) else None
    tail = after.out_offset if isinstance(after, otio.schema.Transition) else None
    start, duration = shown.start_time, shown.duration
    if head is not None:
        start, duration = start - head, duration + head
    if tail is not None:
        duration = duration + tail
    return otio.opentime.TimeRange(start, duration)


def _edited_shot(shot: Shot, clip: otio.schema.Clip, shown: otio.opentime.TimeRange) -> EditedShot:
    """The shot's trims as the clip's shown range gives them, in frames of its active take."""
    take = shot.active
    if take is None:
        raise TimelineImportError(f"the clip {clip.name!r} names a shot without a take")
    rate = float(max(1, take.fps))
    start = round(shown.start_time.value_rescaled_to(rate))
    length = round(shown.duration.value_rescaled_to(rate))
    end = start + length
    if start < 0 or length < 1 or end > take.frames:
        raise TimelineImportError(
            f"the clip {clip.name!r} uses frames {start}-{end} of a take of {take.frames} frames"
        )
    return EditedShot(shot.id, start, None if end == take.frames else end)


def plan_edit(project: Project, timeline: otio.schema.Timeline, base: Path) -> TimelineEdit:
    """What the edit changes, checked whole before anything changes (TimelineImportError otherwise)."""
    import opentimelineio as otio

    tracks = timeline.video_tracks()
    if not tracks:
        raise TimelineImportError("the timeline has no video track")
    media = project.media_dir
    known: list[EditedShot] = []
    skipped: list[str] = []
    outside: list[str] = []
    for clip in tracks[0].find_clips(shallow_search=True):
        record = clip.metadata.get(METADATA_KEY)
        shot_id = record.get("shot_id") if isinstance(record, Mapping) else None
        shot = next((s for s in project.shots if s.id == shot_id), None)
        if shot is not None:
            if any(e.shot_id == shot.id for e in known):
                raise TimelineImportError(f"the edit uses the shot {clip.name!r} twice")
            try:
                known.append(_edited_shot(shot, clip, _shown_range(tracks[0], clip)))
            except (ValueError, otio.exceptions.OTIOError) as exc:  # a clip with no range to read
                raise TimelineImportError(f"the clip {clip.name!r} cannot be read ({exc})") from None
            continue
        path = _media_path(clip, base)
        if path is not None and (media is None or not path.is_relative_to(media.resolve())):
            outside.append(f"{clip.name} ({path})")
        skipped.append(clip.name)
    if outside:
        raise TimelineImportError(
            "the edit names media outside this film, which Storyreel cannot bring back: "
            + "; ".join(outside[:5])
            + ("..." if len(outside) > 5 else "")
        )
    if not known:
        raise TimelineImportError("the edit names none of this film's shots")
    return TimelineEdit(
        known,
        [s.id for s in project.shots],
        {s.id: (s.trim_in, s.trim_out) for s in project.shots},
        skipped,
    )


def apply_edit(project: Project, edit: TimelineEdit) -> None:
    """The known shots take the edit's order among the places they hold, and its trims."""
    edited = iter(edit.shots)
    ids = {e.shot_id for e in edit.shots}
    order = [next(edited).shot_id if s.id in ids else s.id for s in project.shots]
    for index, shot_id in enumerate(order):
        project.move_shot(shot_id, index)
    for e in edit.shots:
        project.update_shot(e.shot_id, trim_in=e.trim_in, trim_out=e.trim_out)


def import_timeline(project: Project, path: Path) -> TimelineEdit:
    """Bring back an edited .otio's order and trims into the project; the edit made (for undo)."""
    edit = plan_edit(project, read_timeline(path), path.resolve().parent)
    apply_edit(project, edit)
    log.info("Imported the edit %s: %d shots", path, len(edit.shots))
    return edit
