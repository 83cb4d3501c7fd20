"""The project model: settings, shots in timeline order, and their takes. No Qt, no file reads."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.project.media_paths import UnsafePath, check_id, check_relative, contained
from app.project.row_index import RowIndex
from app.project.sound_track import AudioClip, check_clip
from engine.conditioning.control_settings import CONTROL_KINDS, LENGTH_MODES, MAX_STRENGTH, SIZE_MODES
from engine.film.title_elements import TitleElement, check_element
from engine.generation.request import DEFAULT_MODEL
from engine.jobs.states import StateEnum


class ShotState(StateEnum):
    """A shot's status, derived from its takes and settings (the value is what cards and `info` show)."""

    NO_TAKE = "no take"
    READY = "ready"
    OUTDATED = "outdated"
    FAILED = "failed"
    MISSING = "missing"


def new_id() -> str:
    """A short random identifier for shots and takes."""
    return uuid.uuid4().hex[:10]


@dataclass
class ShotImage:
    """A still that conditions a shot (its start or end frame), copied into the media folder."""

    path: str  # relative to the project's media folder, forward slashes: "images/<sha256>.png"
    sha256: str  # of the file's bytes, checked again when a take is generated from it
    fit: str = "fill"  # "fill": scale and centre-crop to cover the shot; "fit": scale to fit and pad
    source: str = "file"  # "file" (an imported image) or "take-frame" (a frame of a take)
    source_take: str | None = None  # for "take-frame": the take's id
    source_frame: int | None = None  # for "take-frame": the frame's index in that take
    name: str | None = None  # for "file": the imported file's own name, as the window labels it


@dataclass
class ShotKeyframe:
    """An image pinned at one frame of a shot (0 is the first), made on the reference model."""

    frame: int
    image: ShotImage


@dataclass
class ShotControl:
    """A clip whose motion a shot follows (through the reference model): a file in FILM.media/control-clips/
    or a take of this film, the kind of frames taken from it, and how they are conformed."""

    clip: str  # relative to the media folder: "control-clips/<sha256>.<ext>" or a take's path
    sha256: str  # of the clip's bytes, checked again when the frames are extracted
    kind: str = "video"  # pose, depth, edges or video (the clip's own frames)
    strength: float = 1.0  # VACE's conditioning_scale, 0 to MAX_STRENGTH
    length: str = "trim"  # "trim" or "loop"
    fit: str = "fill"  # "fill" (crop) or "fit" (pad) to the shot's size
    source_take: str | None = None  # for a take of this film: its id
    name: str | None = None  # the imported file's own name, as the window labels it


def checked_control(control: object) -> ShotControl | None:
    """control if it is None or a valid ShotControl; TypeError/ValueError saying what is wrong."""
    if control is None:
        return None
    if not isinstance(control, ShotControl):
        raise TypeError("control must be a ShotControl or None")
    if control.kind not in CONTROL_KINDS:
        raise ValueError(f"the control kind {control.kind!r} is not one of {', '.join(CONTROL_KINDS)}")
    if control.length not in LENGTH_MODES:
        raise ValueError(f"the control length {control.length!r} is not one of {', '.join(LENGTH_MODES)}")
    if control.fit not in SIZE_MODES:
        raise ValueError(f"the control fit {control.fit!r} is not one of {', '.join(SIZE_MODES)}")
    strength = control.strength
    if isinstance(strength, bool) or not isinstance(strength, (int, float)):
        raise TypeError("the control strength is a number")
    if not 0.0 <= strength <= MAX_STRENGTH:
        raise ValueError(f"the control strength {strength} is not between 0 and {MAX_STRENGTH}")
    return control


def checked_keyframes(keyframes: object) -> list[ShotKeyframe]:
    """The keyframes sorted by frame; TypeError/ValueError unless ShotKeyframes at distinct frames from 0."""
    if not isinstance(keyframes, (list, tuple)) or not all(isinstance(k, ShotKeyframe) for k in keyframes):
        raise TypeError("keyframes must be a list of ShotKeyframe")
    frames = [k.frame for k in keyframes]
    if not all(isinstance(f, int) and not isinstance(f, bool) and f >= 0 for f in frames):
        raise ValueError(f"a keyframe's frame is a whole number from 0, not {frames}")
    if len(set(frames)) != len(frames):
        raise ValueError(f"two keyframes pin frame {next(f for f in frames if frames.count(f) > 1)}")
    return sorted(keyframes, key=lambda k: k.frame)


def _check_cast_images(images: object) -> None:
    if not isinstance(images, list) or not all(isinstance(i, ShotImage) for i in images):
        raise TypeError("a cast member's images are a list of ShotImage")
    if len(images) > MAX_CAST_IMAGES:
        raise ValueError(f"a cast member has at most {MAX_CAST_IMAGES} reference images, not {len(images)}")


_SAYS_SHOT = re.compile(r"shot\b", re.IGNORECASE)  # a title that names itself: "Shot 3", "shot a"
CAST_KINDS = ("character", "product", "place", "style")
MAX_CAST_IMAGES = 4


@dataclass
class CastMember:
    """A character, product, place or style that looks the same in every shot that names it (@Name)."""

    name: str  # unique in the film; a prompt names it as @name
    kind: str = "character"  # one of CAST_KINDS
    description: str = ""  # what the prompt sent says in place of @name
    images: list[ShotImage] = field(default_factory=list)  # 1-4 references, in FILM.media/cast/<sha256>.<ext>
    id: str = field(default_factory=new_id)


IMAGE_FITS = ("fill", "fit")
IMAGE_SOURCES = ("file", "take-frame")


@dataclass
class GenerationDefaults:
    """Project-wide generation settings that a shot inherits unless it overrides them."""

    frames: int = 81
    steps: int = 40
    guidance_scale: float = 4.0
    guidance_scale_2: float | None = 3.0
    negative_prompt: str = ""


@dataclass
class ProjectSettings:
    """Project-level settings: output size and rate, default model and generation settings."""

    name: str = "Untitled"
    width: int = 1280
    height: int = 720
    fps: int = 16
    model: str = DEFAULT_MODEL
    model_revision: str | None = None
    # The model for shots with a start image; None: the text model, when it can take one (TI2V-5B).
    image_model: str | None = None
    image_model_revision: str | None = None
    # The reference (VACE) model for shots that name cast members or pin keyframes; None: not set.
    vace_model: str | None = None
    vace_model_revision: str | None = None
    defaults: GenerationDefaults = field(default_factory=GenerationDefaults)
    preset: str | None = None  # the project-wide style preset (a key of Project.presets)
    fade_in: float = 0.0  # seconds of fade from black at the start of the film
    fade_out: float = 0.0  # seconds of fade to black at the end of the film
    quality: str = "final"  # the film's default: "draft" (fast 4-step) or "final"


@dataclass
class Take:
    """One generated (or imported) clip of a shot, with everything needed to reproduce it."""

    id: str
    path: str  # relative to the project's media folder, with forward slashes
    prompt: str = ""
    negative_prompt: str = ""
    seed: int | None = None
    width: int = 0
    height: int = 0
    frames: int = 0
    fps: int = 0
    steps: int = 0
    guidance_scale: float = 0.0
    guidance_scale_2: float | None = None
    model: str = ""
    model_revision: str | None = None
    backend: str = "local"
    device: str = ""
    dtype: str = ""
    versions: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    created: str = ""
    imported: bool = False
    preset: str | None = None  # the style preset it was generated with
    preset_hash: str = ""  # content hash of the generation-relevant part of that preset
    request_key: str = ""  # fingerprint of the shot's settings it was made from (see shot_requests)
    quality: str = "final"  # "draft" (Lightning 4-step) or "final"
    speed: dict[str, Any] = field(default_factory=dict)  # the speed levers it was made with
    # The image(s) it was generated from ({} = text only): {"kind": "file" | "take-frame" | "continue",
    # "image": {"path", "sha256", "fit"}, "last_image": {...} | None, "from_shot", "from_take", "from_frame"}.
    conditioning: dict[str, Any] = field(default_factory=dict)
    segments: dict[str, Any] | None = None  # a long shot's {"count", "length", "overlap"}; None: one run
    # Settings the backend did not report, and where the record took them from ("clip" or "request").
    settings_not_reported: dict[str, str] = field(default_factory=dict)
    # Its review (engine/review): score name -> {"value", "model", "revision", "frames", "status", ...}.
    scores: dict[str, Any] = field(default_factory=dict)
    # The safety verdict: {} not checked; {"verdict": "flagged" | "clear" | "failed" | "off", ...}.
    safety: dict[str, Any] = field(default_factory=dict)


@dataclass
class Shot:
    """One shot of the film: its prompt and settings (None means the project default), and takes."""

    id: str = field(default_factory=new_id)
    title: str = ""
    prompt: str = ""
    # The prompt as the person wrote it, kept when an enhanced one replaced it (None: never enhanced).
    prompt_original: str | None = None
    negative_prompt: str = ""
    seed: int | None = None  # None: a random seed per generation
    frames: int | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    guidance_scale: float | None = None
    guidance_scale_2: float | None = None
    takes: list[Take] = field(default_factory=list)
    active_take: str | None = None
    trim_in: int = 0  # first frame shown
    trim_out: int | None = None  # one past the last frame shown; None: to the end
    error: str | None = None  # the last generation's failure, cleared by a success
    preset: str | None = None  # overrides the project's preset for this shot
    transition: str = "cut"  # into this shot from the previous one: cut, crossfade or fade (via black)
    transition_duration: float = 0.5  # seconds, for crossfade and fade
    quality: str | None = None  # "draft" or "final"; None: the project's
    start_image: ShotImage | None = None  # the first frame's image
    end_image: ShotImage | None = None  # the last frame's image (first-last-frame), where the model takes one
    # Start from the last frame of the previous shot's active take, taken at generation time.
    continue_previous: bool = False
    keyframes: list[ShotKeyframe] = field(
        default_factory=list
    )  # sorted by frame; made on the reference model
    control: ShotControl | None = None  # motion from a clip, made on the reference model
    caption: str = ""  # shown under the shot (burned in or as subtitles), spoken by a voice-over
    # The keyframe sketch kept for Animate From Keyframe: "keyframes/<shot id>-NNN.png" in the media folder.
    kept_keyframe: str | None = None

    def take(self, take_id: str | None) -> Take | None:
        """The take with this id, if any."""
        return next((t for t in self.takes if t.id == take_id), None)

    @property
    def active(self) -> Take | None:
        """The take used in the film."""
        return self.take(self.active_take)

    def display_title(self, index: int) -> str:
        """The title, or 'Shot N' when it has none."""
        return self.title or f"Shot {index + 1}"

    def named(self) -> str:
        """How a message names the shot: 'Shot <title>', or the title alone when it starts with
        'Shot' (no 'Shot Shot 3'); 'Shot <id>' without a title."""
        name = self.title or self.id
        return name if _SAYS_SHOT.match(name) else f"Shot {name}"


def checked_caption(caption: object) -> str:
    """The caption stripped; TypeError unless text, ValueError if longer than a title may be."""
    if not isinstance(caption, str):
        raise TypeError("a caption must be text")
    return check_element(TitleElement(kind="caption", text=caption.strip())).text


KEYFRAME_FOLDER = "keyframes"  # keyframe sketches: FILM.media/keyframes/<shot id>-NNN.png
_SKETCH_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}-[0-9]{3}\.png$")


def checked_kept_keyframe(shot_id: str, path: object) -> str | None:
    """path if it names one of this shot's sketches (keyframes/<shot id>-NNN.png); UnsafePath otherwise."""
    if path is None:
        return None
    parts = check_relative(path)
    name = parts[-1]
    if len(parts) != 2 or parts[0] != KEYFRAME_FOLDER or not _SKETCH_NAME.match(name):
        raise UnsafePath(
            f"kept keyframe {str(path)[:80]!r}: sketches live in the media folder's {KEYFRAME_FOLDER}/"
        )
    if name[: -len("-000.png")] != check_id(shot_id):
        raise UnsafePath(f"kept keyframe {name!r} is a sketch of another shot")
    return str(path)


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
        _check_cast_images(member.images)
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
            _check_cast_images(fields["images"])
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
