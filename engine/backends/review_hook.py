"""Scoring on the generation worker, right after a take is written: failures are recorded, never raised."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engine.backends.take_record import TakeMetadata, TakeRecord, sidecar_path
from engine.generation.request import GenerationRequest
from engine.review.review_config import ReviewConfig
from engine.review.take_review import (
    TakeInputs,
    TakeReview,
    failed_review,
    review_take,
    write_review_to_sidecar,
)

log = logging.getLogger(__name__)

# What a backend calls with each finished take; it answers the record with its scores.
AfterTake = Callable[[TakeRecord, GenerationRequest], TakeRecord]


def prompt_only(request: GenerationRequest) -> TakeInputs:
    """What the request alone tells a review: the prompt as sent (no cast names, no grade)."""
    return TakeInputs(request.prompt)


def review_hook(
    config: ReviewConfig, inputs_for: Callable[[GenerationRequest], TakeInputs] = prompt_only
) -> AfterTake:
    """A hook that scores each take and writes the scores into its sidecar; a failure is recorded as failed.

    inputs_for gives what the app knows beside the request: the cast's images by name, the preset's grade.
    """

    def after_take(record: TakeRecord, request: GenerationRequest) -> TakeRecord:
        return reviewed(record, config, lambda: inputs_for(request))

    return after_take


def reviewed(record: TakeRecord, config: ReviewConfig, inputs: Callable[[], TakeInputs]) -> TakeRecord:
    """The record scored and its scores in its sidecar; a review that cannot run is recorded as failed."""
    try:
        review = review_take(record.clip, config, inputs())
    except Exception as exc:  # the take is written: a review that cannot run must not cost it
        log.exception("Scoring %s failed", record.clip)
        review = failed_review(str(exc), config)
    return with_review(record, review)


@dataclass(frozen=True)
class ReviewPlan:
    """What one queued take is scored with, captured when it was queued: the review and its inputs.

    inputs runs on the worker (a preset's grade is loaded there), from what was captured, never the film.
    """

    config: ReviewConfig
    inputs: Callable[[], TakeInputs]


class QueuedReviews:
    """A hook that scores each take with the plan captured when its job was queued (by clip path).

    The window's film changes while its takes are made; a take queued with scoring off is not scored.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # plans are added on the GUI thread, taken on the workers
        self._plans: dict[Path, ReviewPlan] = {}

    def expect(self, clip: Path, plan: ReviewPlan | None) -> None:
        """Score the take written to clip with plan (None: leave it unscored)."""
        with self._lock:
            if plan is None:
                self._plans.pop(clip, None)
            else:
                self._plans[clip] = plan

    def __len__(self) -> int:
        """How many queued takes wait with a plan."""
        with self._lock:
            return len(self._plans)

    def __call__(self, record: TakeRecord, request: GenerationRequest) -> TakeRecord:
        with self._lock:
            plan = self._plans.pop(record.clip, None)
        return record if plan is None else reviewed(record, plan.config, plan.inputs)


def with_review(record: TakeRecord, review: TakeReview) -> TakeRecord:
    """The record with its review in the sidecar and the metadata; a sidecar that cannot be rewritten keeps the take."""
    try:
        metadata = write_review_to_sidecar(sidecar_path(record.clip), review)
    except (OSError, ValueError):
        log.exception("The scores of %s could not be written to its sidecar", record.clip)
        metadata = {**record.metadata, "scores": review.scores, "safety": review.safety}
    return dataclasses.replace(record, metadata=TakeMetadata(**metadata))  # type: ignore[typeddict-item]
