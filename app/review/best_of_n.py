"""Generate N takes of a shot, rank them by the combined score, and make the best one active."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from app.generation.take_generation import plan_take, take_from_record
from app.project.project import Project
from app.project.shot import Shot, Take
from app.review.ranking import best_take, combined_score
from app.review.take_scoring import score_takes
from app.settings.review_settings import MAX_BEST_OF, ReviewSettings
from engine.backends.local import Backend
from engine.generation.request import ModelSpec
from engine.progress import CancelToken, ProgressCallback, ignore_progress
from engine.review.prompt_check import check_prompt

MAX_TAKES = MAX_BEST_OF


@dataclass(frozen=True)
class BestOfN:
    """A shot's N new takes, ranked best first, and the one made active (None: none scored or all flagged)."""

    shot_id: str
    takes: list[Take]
    best: Take | None


def generate_best_of(
    project: Project,
    shot_id: str,
    count: int,
    backend: Backend,
    settings: ReviewSettings,
    model: ModelSpec | None = None,
    quality: str = "draft",
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> BestOfN:
    """Make count takes (Draft by default, each its own seed) on a scoring backend; the best becomes active.

    The prompt check runs first, so a refused prompt costs no generation. The ranking's weights are
    recorded in each new take's scores as "combined".
    """
    if not 1 <= count <= MAX_TAKES:
        raise ValueError(f"best-of-N makes 1 to {MAX_TAKES} takes, not {count}")
    shot = project.shot(shot_id)
    first_seed = shot.seed if shot.seed is not None else random.randrange(2**31)
    made: list[Take] = []
    for number in range(count):
        plan = plan_take(project, shot, model, seed=(first_seed + number) % 2**32, quality=quality)
        if number == 0:  # the prompt as it will be sent (@Name expanded), before any generation
            check_prompt(
                plan.request.prompt, settings.blocked_words, shot.display_title(project.index_of(shot_id))
            )
        record = backend.run(plan.request, plan.clip, on_progress, cancel or CancelToken())
        take = take_from_record(plan, record, project)
        project.add_take(shot_id, take, make_active=False)
        if not take.scores:  # a backend without the scoring hook (a remote endpoint): score it here
            score_takes(project, settings, [shot_id], only=take.id)
        made.append(take)
    best = record_combined(project, shot_id, made, settings.weights)
    if best is not None:
        project.update_shot(shot_id, active_take=best.id, trim_in=0, trim_out=None)
    ranked = sorted(made, key=lambda t: -(combined_score(t, settings.weights).value or -1.0))
    return BestOfN(shot_id, ranked, best)


def record_combined(
    project: Project, shot_id: str, made: list[Take], weights: dict[str, float]
) -> Take | None:
    """Record each new take's combined score (with its weights) as "combined"; the best of them, if any."""
    for take in made:
        combined = combined_score(take, weights)
        entry: dict[str, Any] = {
            "value": combined.value,
            "model": "weights",
            "revision": None,
            "frames": [],
            "status": "ok",
        }
        scores = {
            **take.scores,
            "combined": {**entry, "details": {"weights": combined.weights, "parts": combined.parts}},
        }
        project.set_take_review(shot_id, take.id, scores, take.safety)
    among = Shot(takes=made)  # rank the new takes only: older ones were chosen (or not) before
    return best_take(among, weights)
