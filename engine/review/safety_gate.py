"""The safety check a server enforces on its side: the prompt before generating, the frames before answering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.errors import StoryreelError
from engine.review.model_scores import safety_score
from engine.review.prompt_check import blocked_words_in
from engine.review.review_config import ModelRef, ReviewConfig
from engine.review.sampled_clip import read_sampled

# The HTTP status a refused request gets: well-formed, but not something this server will make or send.
REFUSED_STATUS = 422


class SafetyRefused(StoryreelError):
    """A request or its result failed the safety check; the message gives the reason."""

    hint = "Change the prompt; the server's operator chose this check (serve --safety-model)."


class SafetyGate:
    """The server's check: the word list on the prompt, and the classifier on sampled frames of the take."""

    def __init__(self, config: ReviewConfig) -> None:
        self.config = config

    def to_dict(self) -> dict[str, Any]:
        """What a farm replica needs to build the same gate (JSON, sent through Ray)."""
        c = self.config
        return {
            "model": c.safety_model.source,
            "revision": c.safety_model.revision,
            "threshold": c.safety_threshold,
            "sample_frames": c.sample_frames,
            "blocked_words": list(c.blocked_words),
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> SafetyGate:
        """The gate to_dict describes."""
        return cls(
            ReviewConfig(
                safety_model=ModelRef(str(doc["model"]), doc.get("revision")),
                safety_threshold=float(doc["threshold"]),
                sample_frames=int(doc["sample_frames"]),
                blocked_words=tuple(str(w) for w in doc["blocked_words"]),
            )
        )

    def check_prompt(self, prompt: str) -> None:
        """Refuse a prompt naming a blocked word, before any generation."""
        if found := blocked_words_in(prompt, self.config.blocked_words):
            raise SafetyRefused(
                f"The prompt contains blocked words ({', '.join(found)}); nothing was generated."
            )

    def check_clip(self, clip: Path) -> None:
        """Refuse a take the classifier flags (its file is never sent)."""
        sampled = read_sampled(clip, self.config.sample_frames)
        score = safety_score(
            sampled.frames, sampled.indices, self.config.safety_model, self.config.safety_threshold
        )
        if score.details.get("flagged"):
            raise SafetyRefused(
                f"The safety check ({score.model}) flagged the take: unsafe probability {score.value:.2f} "
                f"at or above {self.config.safety_threshold:.2f}; it was not sent."
            )
