"""Preferences > Review: the review's models, the scorers turned on, the word list and the ranking weights."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.settings.user_settings import UserSettings
from engine.review.review_config import (
    DEFAULT_AESTHETICS_MODEL,
    DEFAULT_CLIP_MODEL,
    DEFAULT_DINO_MODEL,
    DEFAULT_SAFETY_MODEL,
    DEFAULT_SAFETY_THRESHOLD,
    DEFAULT_SCORERS,
    MAX_SAMPLE_FRAMES,
    SCORERS,
    ModelRef,
    ReviewConfig,
)

SETTINGS_KEY = "review"
# How much each score counts in the combined score (app/review/ranking); recorded with each ranking.
MAX_BEST_OF = 16  # takes one best-of-N run makes at most (app/review/best_of_n)
DEFAULT_WEIGHTS = {
    "prompt": 1.0,
    "likeness": 1.0,
    "look": 0.5,
    "motion": 0.25,
    "flicker": 0.25,
    "aesthetics": 0.5,  # counts only where the aesthetics score is turned on
}


@dataclass
class ReviewSettings:
    """What the person chose for reviewing takes; stored in the user settings under "review"."""

    clip_model: str = DEFAULT_CLIP_MODEL
    dino_model: str = DEFAULT_DINO_MODEL
    safety_model: str = DEFAULT_SAFETY_MODEL
    aesthetics_model: str = DEFAULT_AESTHETICS_MODEL
    enabled: list[str] = field(default_factory=lambda: list(DEFAULT_SCORERS))
    sample_frames: int = 8
    safety_threshold: float = DEFAULT_SAFETY_THRESHOLD
    blocked_words: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    score_after_generation: bool = True
    best_of: int = 3  # "Generate N Takes and Keep the Best": the N offered first

    def config(self) -> ReviewConfig:
        """The engine's review configuration."""
        return ReviewConfig(
            clip_model=ModelRef(self.clip_model),
            dino_model=ModelRef(self.dino_model),
            safety_model=ModelRef(self.safety_model),
            aesthetics_model=ModelRef(self.aesthetics_model),
            enabled=frozenset(s for s in self.enabled if s in SCORERS),
            sample_frames=self.sample_frames,
            safety_threshold=self.safety_threshold,
            blocked_words=tuple(self.blocked_words),
        )

    def with_models(self, clip: str | None = None, safety: str | None = None) -> ReviewSettings:
        """A copy with the CLI's --clip-model / --safety-model put in."""
        return replace(self, clip_model=clip or self.clip_model, safety_model=safety or self.safety_model)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, doc: object) -> ReviewSettings:
        """Settings from JSON; a value of the wrong kind keeps its default (never an error at start-up)."""
        settings = cls()
        if not isinstance(doc, dict):
            return settings
        for name in ("clip_model", "dino_model", "safety_model", "aesthetics_model"):
            if isinstance(doc.get(name), str):
                setattr(settings, name, doc[name])
        if isinstance(doc.get("enabled"), list):
            settings.enabled = [s for s in doc["enabled"] if s in SCORERS]
        frames = doc.get("sample_frames")
        if isinstance(frames, int) and not isinstance(frames, bool) and 1 <= frames <= MAX_SAMPLE_FRAMES:
            settings.sample_frames = frames
        threshold = doc.get("safety_threshold")
        if isinstance(threshold, (int, float)) and not isinstance(threshold, bool) and 0 < threshold <= 1:
            settings.safety_threshold = float(threshold)
        if isinstance(doc.get("blocked_words"), list):
            settings.blocked_words = [w for w in doc["blocked_words"] if isinstance(w, str) and w.strip()]
        weights = doc.get("weights")
        if isinstance(weights, dict):
            settings.weights = {
                k: float(v)
                for k, v in weights.items()
                if k in DEFAULT_WEIGHTS and isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0
            }
        best_of = doc.get("best_of")
        if isinstance(best_of, int) and not isinstance(best_of, bool) and 1 <= best_of <= MAX_BEST_OF:
            settings.best_of = best_of
        if isinstance(doc.get("score_after_generation"), bool):
            settings.score_after_generation = doc["score_after_generation"]
        return settings


def load_review_settings(settings: UserSettings) -> ReviewSettings:
    """The review settings held in the user settings (defaults when absent)."""
    return ReviewSettings.from_dict(settings.extra.get(SETTINGS_KEY))


def store_review_settings(settings: UserSettings, review: ReviewSettings) -> None:
    """Put review settings into the user settings (saved with them)."""
    settings.extra[SETTINGS_KEY] = review.to_dict()
