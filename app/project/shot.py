"""A shot and its takes: the prompt and settings of one shot, the clips made of it, and their checks."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from app.project.media_paths import UnsafePath, check_id, check_relative
from app.project.shot_inputs import ShotControl, ShotImage, ShotKeyframe
from engine.film.title_elements import TitleElement, check_element
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


_SAYS_SHOT = re.compile(r"shot\b", re.IGNORECASE)  # a title that names itself: "Shot 3", "shot a"


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
