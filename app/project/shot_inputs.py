"""A shot's image and clip inputs: start and end stills, keyframes and a control clip, with their checks."""

from __future__ import annotations

from dataclasses import dataclass

from engine.conditioning.control_settings import CONTROL_KINDS, LENGTH_MODES, MAX_STRENGTH, SIZE_MODES

IMAGE_FITS = ("fill", "fit")
IMAGE_SOURCES = ("file", "take-frame")


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
