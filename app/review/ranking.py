"""The combined score of a take (weights from Preferences > Review) and the ranking of a shot's takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.project.shot import Shot, Take

# Each score mapped to 0-1, higher is better: CLIPScore is 0-100; DINOv2 cosine counts above 0; a look
# 50 Lab units off its grade (about black against mid grey) and a flicker of 10 luma levels count 0.
LOOK_WORST = 50.0
FLICKER_WORST = 10.0
AESTHETICS_WORST, AESTHETICS_BEST = 1.0, 10.0


def _normalised(name: str, score: dict[str, Any]) -> float | None:
    value = score.get("value")
    if score.get("status") != "ok" or not isinstance(value, (int, float)):
        return None
    if name == "prompt":
        return min(max(value / 100.0, 0.0), 1.0)
    if name == "likeness":
        return min(max(float(value), 0.0), 1.0)
    if name == "look":
        return 1.0 - min(value / LOOK_WORST, 1.0)
    if name == "flicker":
        return 1.0 - min(value / FLICKER_WORST, 1.0)
    if name == "aesthetics":  # LAION's rating scale, 1 (worst) to 10
        return min(max((value - AESTHETICS_WORST) / (AESTHETICS_BEST - AESTHETICS_WORST), 0.0), 1.0)
    if name == "motion":
        return 0.0 if score.get("details", {}).get("still") else 1.0
    return None


@dataclass(frozen=True)
class Combined:
    """A take's combined score (None: nothing scored), with the weights and parts it was made of."""

    value: float | None
    weights: dict[str, float]
    parts: dict[str, float]


def combined_score(take: Take, weights: dict[str, float]) -> Combined:
    """The weighted mean of the take's normalised scores that succeeded; weights recorded beside it."""
    parts = {
        name: norm
        for name, score in take.scores.items()
        if weights.get(name, 0) > 0
        and isinstance(score, dict)
        and (norm := _normalised(name, score)) is not None
    }
    total = sum(weights[name] for name in parts)
    value = sum(weights[name] * parts[name] for name in parts) / total if total else None
    return Combined(value, dict(weights), parts)


def ranked_takes(shot: Shot, weights: dict[str, float]) -> list[tuple[Take, Combined]]:
    """A shot's takes, best first; unscored takes last, flagged takes after every unflagged one."""

    def key(item: tuple[Take, Combined]) -> tuple[bool, bool, float]:
        take, combined = item
        flagged = take.safety.get("verdict") == "flagged"
        return (flagged, combined.value is None, -(combined.value or 0.0))

    return sorted(((take, combined_score(take, weights)) for take in shot.takes), key=key)


def best_take(shot: Shot, weights: dict[str, float]) -> Take | None:
    """The take ranked first, or None if the shot has no scored, unflagged take."""
    ranked = ranked_takes(shot, weights)
    if not ranked:
        return None
    take, combined = ranked[0]
    return None if combined.value is None or take.safety.get("verdict") == "flagged" else take
