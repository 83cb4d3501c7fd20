"""How a control clip conditions a shot: its kind and strength, how it is conformed, and its models."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from engine.errors import StoryreelError

CONTROL_KINDS = ("pose", "depth", "edges", "video")
# A clip longer than the shot is trimmed either way; a shorter one holds its last frame ("trim") or
# starts again from its first ("loop").
LENGTH_MODES = ("trim", "loop")
SIZE_MODES = ("fit", "fill")  # as the film's conform: scaled inside with black bars, or cropped to cover
MAX_STRENGTH = 2.0  # VACE's conditioning_scale; past 2 the control overrides the prompt entirely


class ControlError(StoryreelError):
    """A control clip or mask cannot be used; the message names the file and the problem."""

    hint = "Use a video of at most 4,096 frames and 4K (H.264, H.265, VP9, AV1, ProRes…) as the control clip."


@dataclass(frozen=True)
class ControlSettings:
    """One shot's control: the kind, its strength, the shot's size/rate/length, and the extraction models."""

    kind: str
    width: int
    height: int
    fps: int
    frames: int
    strength: float = 1.0
    length: str = "trim"
    size: str = "fill"
    # depth: a Depth Anything / DPT model; pose: a ViTPose model, with `detector` finding the people.
    model: str = ""
    model_revision: str | None = None
    detector: str = ""
    detector_revision: str | None = None
    # edges: cv2.Canny's hysteresis thresholds (0-255 gradient magnitudes).
    low_threshold: int = 100
    high_threshold: int = 200
    # pose: the least detector score for a person and the least heatmap score for a keypoint drawn.
    person_threshold: float = 0.3
    keypoint_threshold: float = 0.3

    def check(self) -> None:
        """Raise ControlError on settings no extraction can follow."""
        problems = []
        if self.kind not in CONTROL_KINDS:
            problems.append(f"the control kind {self.kind!r} is not one of {', '.join(CONTROL_KINDS)}")
        if self.length not in LENGTH_MODES:
            problems.append(f"the length mode {self.length!r} is not one of {', '.join(LENGTH_MODES)}")
        if self.size not in SIZE_MODES:
            problems.append(f"the size mode {self.size!r} is not one of {', '.join(SIZE_MODES)}")
        if min(self.width, self.height, self.fps, self.frames) < 1:
            problems.append(
                f"the shot's size, rate and length must be positive ({self.width}×{self.height}, "
                f"{self.fps} fps, {self.frames} frames)"
            )
        if not (math.isfinite(self.strength) and 0.0 <= self.strength <= MAX_STRENGTH):
            problems.append(f"the strength {self.strength} is not between 0 and {MAX_STRENGTH}")
        if not 0 <= self.low_threshold <= self.high_threshold <= 255:
            problems.append(
                f"the edge thresholds {self.low_threshold}..{self.high_threshold} are not within 0..255"
            )
        if not (0.0 <= self.person_threshold <= 1.0 and 0.0 <= self.keypoint_threshold <= 1.0):
            problems.append("the pose thresholds must be between 0 and 1")
        if self.kind in ("depth", "pose") and not self.model.strip():
            problems.append(f"{self.kind} control needs a model (Preferences > Model)")
        if self.kind == "pose" and not self.detector.strip():
            problems.append("pose control needs a person detector model (Preferences > Model)")
        if problems:
            raise ControlError("Control settings: " + "; ".join(problems) + ".")

    def frame_fields(self) -> dict[str, Any]:
        """The settings that change the control frames (the cache key); strength is applied later."""
        fields = asdict(self)
        del fields["strength"]
        if self.kind != "edges":
            del fields["low_threshold"], fields["high_threshold"]
        if self.kind != "pose":
            del fields["detector"], fields["detector_revision"]
            del fields["person_threshold"], fields["keypoint_threshold"]
        if self.kind not in ("depth", "pose"):
            del fields["model"], fields["model_revision"]
        return fields
