"""What a review runs: which scorers, on which models, on how many frames, and the prompt word list."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.errors import StoryreelError

# The scorers, in the order a report lists them; each can be turned off.
SCORERS = ("prompt", "likeness", "look", "motion", "flicker", "aesthetics", "safety")
# Aesthetics is off until turned on: its model is a second, larger CLIP (ViT-L/14, about 1.2 GB).
DEFAULT_SCORERS = tuple(s for s in SCORERS if s != "aesthetics")
DEFAULT_CLIP_MODEL = "openai/clip-vit-base-patch32"
DEFAULT_DINO_MODEL = "facebook/dinov2-small"
DEFAULT_SAFETY_MODEL = "Falconsai/nsfw_image_detection"
DEFAULT_AESTHETICS_MODEL = "shunk031/aesthetics-predictor-v2-sac-logos-ava1-l14-linearMSE"
# Frames the model scorers look at: spread evenly over the take, first and last included.
DEFAULT_SAMPLE_FRAMES = 8
MAX_SAMPLE_FRAMES = 64
# Mean optical-flow magnitude (pixels per frame at 256 px wide) below which a take is flagged as still.
STILL_MOTION = 0.15
# Labels a safety classifier uses for content a client must not see (Falconsai: "nsfw").
UNSAFE_LABELS = ("nsfw", "porn", "hentai", "sexy", "unsafe", "explicit")
DEFAULT_SAFETY_THRESHOLD = 0.5


class ReviewError(StoryreelError):
    """A take cannot be reviewed (unreadable clip, unusable model); the take itself is kept."""

    hint = "Check the take's file and the models in Preferences > Review, then score it again."


@dataclass(frozen=True)
class ModelRef:
    """A review model: a Hub repo id or a local folder, at an optional revision."""

    source: str
    revision: str | None = None


@dataclass(frozen=True)
class ReviewConfig:
    """The review of every take: models, the scorers turned on, the frames sampled, the word list."""

    clip_model: ModelRef = ModelRef(DEFAULT_CLIP_MODEL)
    dino_model: ModelRef = ModelRef(DEFAULT_DINO_MODEL)
    safety_model: ModelRef = ModelRef(DEFAULT_SAFETY_MODEL)
    aesthetics_model: ModelRef = ModelRef(DEFAULT_AESTHETICS_MODEL)
    enabled: frozenset[str] = frozenset(DEFAULT_SCORERS)
    sample_frames: int = DEFAULT_SAMPLE_FRAMES
    safety_threshold: float = DEFAULT_SAFETY_THRESHOLD
    blocked_words: tuple[str, ...] = field(default_factory=tuple)

    def on(self, scorer: str) -> bool:
        """Whether a scorer runs."""
        return scorer in self.enabled
