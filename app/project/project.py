"""The project model: a film's shots, cast, titles and sound, with change events. No Qt, no file reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.project.cast_member import CAST_KINDS, CastMember, check_cast_images
from app.project.media_paths import contained
from app.project.project_settings import ProjectSettings
from app.project.row_index import RowIndex
from app.project.shot import Shot, Take, checked_caption, checked_kept_keyframe
from app.project.shot_inputs import ShotImage, checked_control, checked_keyframes
from app.project.sound_track import AudioClip, check_clip
from engine.film.title_elements import TitleElement, check_element

# "Leave this field as it is" for set_shot_images, where None means "clear".
KEEP = object()

# A change listener gets the event name and details, e.g. ("shot_moved", {"from": 0, "to": 2}).
Listener = Callable[[str, dict[str, Any]], None]


class Project:
    """A film: settings plus shots in timeline order, with a change-notification hook."""

    def __init__(
        self,
        settings: ProjectSettings | None = None,
        shots: list[Shot] | None = None,
        presets: dict[str, dict[str, Any]] | None = None,
        cast: list[CastMember] | None = None,
        titles: list[TitleElement] | None = None,
        audio: list[AudioClip] | None = None,
    ) -> None:
        self.settings = settings or ProjectSettings()
        self.shots: list[Shot] = shots or []
        # The film's cast, in the order the Cast dock shows it; shots name members as @Name in prompts.
        self.cast: list[CastMember] = cast or []
        # The title track: cards, lower thirds and the end card on the film's clock (captions live on shots).
        self.titles: list[TitleElement] = titles or []
        # The sound track's clips (music, voice, effects); the exporter mixes them under the film.
        self.audio: list[AudioClip] = audio or []
        # Embedded copies of the style presets the project uses, by name (see app/presets/preset.py), so the
        # film renders the same on a machine whose preset library is empty.
        self.presets: dict[str, dict[str, Any]] = presets or {}
        # Generations queued when the project was last saved ({"shot", "seed", "model", ...}); see
        # app/generation/take_queue.py. Kept outside the undo history, like the takes they become.
        self.pending_jobs: list[dict[str, Any]] = []
        self.path: Path | None = None
        # The file as it was when last read or written (inode, mtime, size): a save checks it is unchanged.
        self.disk_stamp: tuple[int, int, int] | None = None
        # Shots whose kept keyframe the file named outside their sketches: dropped on opening, marked in the grid.
        self.dropped_kept_keyframes: set[str] = set()
        self._listeners: list[Listener] = []
        # Shots by id in O(1): a 2,000-shot timeline looks shots up thousands of times per layout.
        self._rows: RowIndex[Shot] = RowIndex(lambda shot: shot.id)

    # -- notification -------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call listener(event, details) after every change made through this API."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop notifying listener."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: str, **details: object) -> None:
        for listener in list(self._listeners):
            listener(event, details)

    # -- lookups ------------------------------------------------------------------------
    @property
    def media_dir(self) -> Path | None:
        """The folder beside the project file that holds its takes: FILM.media for FILM.reel."""
        if self.path is None:
            return None
        return self.path.with_name(self.path.stem + ".media")

    def take_path(self, take: Take) -> Path | None:
        """Absolute path of a take's clip (None for an unsaved project); UnsafePath if it would leave
        the media folder."""
        media = self.media_dir
        return None if media is None else contained(media, take.path)

    def shot(self, shot_id: str) -> Shot:
        """The shot with this id (KeyError if none)."""
        return self.shots[self.index_of(shot_id)]

    def index_of(self, shot_id: str) -> int:
        """Timeline position of a shot (KeyError if none)."""
        row = self._rows.find(self.shots, shot_id)
        if row is None:
            raise KeyError(shot_id)
        return row

    # -- shots --------------------------------------------------------------------------
    def insert_shot(self, index: int, shot: Shot) -> Shot:
        """Insert a shot at a timeline position."""
        index = max(0, min(index, len(self.shots)))
        self.shots.insert(index, shot)
        if index == len(self.shots) - 1:
            self._rows.appended(self.shots)
        else:
            self._rows.invalidate()
        self._emit("shot_added", index=index, shot_id=shot.id)
        return shot

    def add_shot(self, shot: Shot) -> Shot:
        """Append a shot at the end of the timeline."""
        return self.insert_shot(len(self.shots), shot)

    def remove_shot(self, shot_id: str) -> tuple[int, Shot]:
        """Remove a shot; returns where it was and the shot, so it can be put back."""
        index = self.index_of(shot_id)
        shot = self.shots.pop(index)
        self._rows.invalidate()
        self._emit("shot_removed", index=index, shot_id=shot_id)
        return index, shot

    def move_shot(self, shot_id: str, to_index: int) -> None:
        """Move a shot to a new timeline position."""
        src = self.index_of(shot_id)
        to_index = max(0, min(to_index, len(self.shots) - 1))
        if src == to_index:
            return
        shot = self.shots.pop(src)
        self.shots.insert(to_index, shot)
        self._rows.invalidate()
        self._emit("shot_moved", shot_id=shot_id, **{"from": src, "to": to_index})

    def update_shot(self, shot_id: str, **fields: object) -> dict[str, object]:
        """Set fields of a shot; returns their previous values. Keyframes are checked (ShotKeyframes at
        distinct frames from 0) and kept sorted by frame; a control is checked (kind, length, fit, strength)."""
        shot = self.shot(shot_id)
        if "keyframes" in fields:
            fields["keyframes"] = checked_keyframes(fields["keyframes"])
        if "control" in fields:
            fields["control"] = checked_control(fields["control"])
        if "caption" in fields:
            fields["caption"] = checked_caption(fields["caption"])
        if "kept_keyframe" in fields:
            fields["kept_keyframe"] = checked_kept_keyframe(shot_id, fields["kept_keyframe"])
        old: dict[str, object] = {}
        for name, value in fields.items():
            if not hasattr(shot, name) or name in ("id", "takes"):
                raise AttributeError(f"a shot has no editable field {name!r}")
            old[name] = getattr(shot, name)
            setattr(shot, name, value)
        self._emit("shot_changed", shot_id=shot_id, fields=list(fields))
        return old

    # -- takes --------------------------------------------------------------------------
    def add_take(self, shot_id: str, take: Take, make_active: bool = True) -> None:
        """Attach a take at the end of a shot's takes (and make it the active one)."""
        self.insert_take(shot_id, len(self.shot(shot_id).takes), take, make_active)

    def insert_take(self, shot_id: str, index: int, take: Take, make_active: bool = True) -> None:
        """Attach a take at a position in a shot's takes (and make it the active one)."""
        shot = self.shot(shot_id)
        shot.takes.insert(max(0, min(index, len(shot.takes))), take)
        if make_active or shot.active_take is None:
            shot.active_take = take.id
            shot.trim_in, shot.trim_out = 0, None
        shot.error = None
        self._emit("take_added", shot_id=shot_id, take_id=take.id)

    def set_take_review(
        self, shot_id: str, take_id: str, scores: dict[str, Any], safety: dict[str, Any]
    ) -> None:
        """Record a take's scores and safety verdict (app/review); event "take_reviewed"."""
        take = self.shot(shot_id).take(take_id)
        if take is None:
            raise KeyError(take_id)
        take.scores, take.safety = scores, safety
        self._emit("take_reviewed", shot_id=shot_id, take_id=take_id)

    def remove_take(self, shot_id: str, take_id: str) -> tuple[int, Take]:
        """Detach a take from its shot (the file stays); returns its position and the take."""
        shot = self.shot(shot_id)
        take = shot.take(take_id)
        if take is None:
            raise KeyError(take_id)
        index = shot.takes.index(take)
        shot.takes.pop(index)
        if shot.active_take == take_id:
            # Trims were frames of the removed take; the next take starts whole.
            shot.active_take = shot.takes[-1].id if shot.takes else None
            shot.trim_in, shot.trim_out = 0, None
        self._emit("take_removed", shot_id=shot_id, take_id=take_id)
        return index, take

    def set_shot_images(
        self,
        shot_id: str,
        start: ShotImage | None | object = KEEP,
        end: ShotImage | None | object = KEEP,
        continue_previous: bool | None = None,
    ) -> dict[str, object]:
        """Set a shot's start/end image and continue flag (KEEP/None leaves one as it is); returns the
        previous values, for undo through update_shot. A start image and continuing exclude each other:
        setting one clears the other."""
        self.shot(shot_id)  # KeyError before anything changes
        fields: dict[str, object] = {}
        if start is not KEEP:
            fields["start_image"] = start
            if start is not None and continue_previous is None:
                fields["continue_previous"] = False
        if end is not KEEP:
            fields["end_image"] = end
        if continue_previous is not None:
            fields["continue_previous"] = continue_previous
            if continue_previous:
                if fields.get("start_image") is not None:
                    raise ValueError("a shot cannot both continue the previous shot and have a start image")
                fields["start_image"] = None
        for name in ("start_image", "end_image"):
            value = fields.get(name)
            if value is not None and not isinstance(value, ShotImage):
                raise TypeError(f"{name} must be a ShotImage or None")
        if not fields:
            return {}
        return self.update_shot(shot_id, **fields)

    def set_error(self, shot_id: str, message: str | None) -> None:
        """Record (or clear) a shot's last generation failure."""
        self.shot(shot_id).error = message
        self._emit("shot_changed", shot_id=shot_id, fields=["error"])

    # -- cast ---------------------------------------------------------------------------
    def cast_member(self, name: str) -> CastMember | None:
        """The member with this name (names compare without case), if any."""
        folded = name.casefold()
        return next((m for m in self.cast if m.name.casefold() == folded), None)

    def cast_member_by_id(self, member_id: str) -> CastMember:
        """The member with this id; KeyError if none."""
        for member in self.cast:
            if member.id == member_id:
                return member
        raise KeyError(member_id)

    def add_cast_member(self, member: CastMember, index: int | None = None) -> None:
        """Add a member (at the end, or at index); ValueError if the name is taken or not one of CAST_KINDS."""
        if self.cast_member(member.name) is not None:
            raise ValueError(f"the film already has a cast member named {member.name!r}")
        if member.kind not in CAST_KINDS:
            raise ValueError(f"a cast member is a {', '.join(CAST_KINDS)}, not {member.kind!r}")
        check_cast_images(member.images)
        self.cast.insert(len(self.cast) if index is None else max(0, min(index, len(self.cast))), member)
        self._emit("cast_changed", member_id=member.id)

    def remove_cast_member(self, member_id: str) -> tuple[int, CastMember]:
        """Take a member out of the cast (its images stay); returns its position and the member, for undo."""
        member = self.cast_member_by_id(member_id)
        index = self.cast.index(member)
        self.cast.pop(index)
        self._emit("cast_changed", member_id=member_id)
        return index, member

    def update_cast_member(self, member_id: str, **fields: object) -> dict[str, object]:
        """Set fields of a member (name, kind, description, images); returns their previous values.
        Renaming here does not touch prompts: app/project/cast_mentions.rename_in_prompts does that."""
        member = self.cast_member_by_id(member_id)
        name = fields.get("name")
        if isinstance(name, str):
            other = self.cast_member(name)
            if other is not None and other.id != member_id:
                raise ValueError(f"the film already has a cast member named {name!r}")
        if "kind" in fields and fields["kind"] not in CAST_KINDS:
            raise ValueError(f"a cast member is a {', '.join(CAST_KINDS)}, not {fields['kind']!r}")
        if "images" in fields:
            check_cast_images(fields["images"])
        old: dict[str, object] = {}
        for key, value in fields.items():
            if key not in ("name", "kind", "description", "images"):
                raise AttributeError(f"a cast member has no editable field {key!r}")
            old[key] = getattr(member, key)
            setattr(member, key, value)
        self._emit("cast_changed", member_id=member_id, fields=list(fields))
        return old

    # -- presets ------------------------------------------------------------------------
    def set_preset_document(self, name: str, doc: dict[str, Any] | None) -> dict[str, Any] | None:
        """Embed (or with None, drop) a preset document; returns the previous one."""
        old = self.presets.pop(name, None)
        if doc is not None:
            self.presets[name] = doc
        self._emit("presets_changed", name=name)
        return old

    # -- settings -----------------------------------------------------------------------
    def update_settings(self, **fields: object) -> dict[str, object]:
        """Set project settings; returns their previous values."""
        old: dict[str, object] = {}
        for name, value in fields.items():
            if not hasattr(self.settings, name):
                raise AttributeError(f"project settings have no field {name!r}")
            old[name] = getattr(self.settings, name)
            setattr(self.settings, name, value)
        self._emit("settings_changed", fields=list(fields))
        return old

    # -- titles -------------------------------------------------------------------------
    def set_titles(self, titles: list[TitleElement]) -> list[TitleElement]:
        """Replace the title track (each element checked first); returns the old one, for undo."""
        checked = [check_element(element) for element in titles]
        old, self.titles = self.titles, checked
        self._emit("titles_changed", count=len(checked))
        return old

    # -- sound ---------------------------------------------------------------------------
    def add_audio_clip(self, clip: AudioClip, index: int | None = None) -> AudioClip:
        """Add a clip to the sound track (checked first), at the end or at index (undoing a removal)."""
        self.audio.insert(len(self.audio) if index is None else index, check_clip(clip))
        self._emit("audio_changed", clip_id=clip.id)
        return clip

    def update_audio_clip(self, clip_id: str, **fields: object) -> dict[str, object]:
        """Set a clip's fields (checked first, KeyError if none); returns the old values, for undo."""
        clip = next((c for c in self.audio if c.id == clip_id), None)
        if clip is None:
            raise KeyError(clip_id)
        check_clip(dataclasses.replace(clip, **fields))  # type: ignore[arg-type]
        old = {name: getattr(clip, name) for name in fields}
        for name, value in fields.items():
            setattr(clip, name, value)
        self._emit("audio_changed", clip_id=clip_id)
        return old

    def remove_audio_clip(self, clip_id: str) -> tuple[int, AudioClip]:
        """Remove a clip; returns where it was and the clip, for undo (KeyError if none)."""
        index = next((i for i, c in enumerate(self.audio) if c.id == clip_id), None)
        if index is None:
            raise KeyError(clip_id)
        clip = self.audio.pop(index)
        self._emit("audio_changed", clip_id=clip_id)
        return index, clip
