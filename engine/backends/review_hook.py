"""Scoring on the generation worker, right after a take is written: failures are recorded, never raised."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from engine.backends.take_record import TakeMetadata, TakeRecord, sidecar_path
from engine.generation.request import GenerationRequest
from engine.review.review_config import ReviewConfig
from engine.review.take_review import Grade, TakeInputs, TakeReview, failed_review, review_take, write_review_to_sidecar

log = logging.getLogger(__name__)

# What a backend calls with each finished take; it answers the record with its scores.
AfterTake = Callable[[TakeRecord, GenerationRequest], TakeRecord]


def take_inputs(request: GenerationRequest, grade: Grade | None) -> TakeInputs:
    """The prompt as sent, the cast's reference images by member name (as the request carries them), the grade."""
    references: dict[str, list[Any]] = {}
    if request.references is not None and request.references.reference_images:
        images = request.references.reference_images
        cast = request.made_from.get("cast") if request.made_from else None
        names = [str(n) for n in cast] if isinstance(cast, list) and len(cast) == len(images) else []
        # One image per member named, in order; without names each reference stands alone.
        for number, image in enumerate(images):
            references.setdefault(names[number] if names else f"reference {number + 1}", []).append(image)
    return TakeInputs(request.prompt, references, grade)


def review_hook(config: ReviewConfig, grade_for: Callable[[GenerationRequest], Grade | None]) -> AfterTake:
    """A hook that scores each take and writes the scores into its sidecar; a failure is recorded as failed."""

    def after_take(record: TakeRecord, request: GenerationRequest) -> TakeRecord:
        try:
            review = review_take(record.clip, config, take_inputs(request, grade_for(request)))
        except Exception as exc:  # the take is written: a review that cannot run must not cost it
            log.exception("Scoring %s failed", record.clip)
            review = failed_review(str(exc), config)
        return with_review(record, review)

    return after_take


def with_review(record: TakeRecord, review: TakeReview) -> TakeRecord:
    """The record with its review in the sidecar and the metadata; a sidecar that cannot be rewritten keeps the take."""
    try:
        metadata = write_review_to_sidecar(sidecar_path(record.clip), review)
    except (OSError, ValueError):
        log.exception("The scores of %s could not be written to its sidecar", record.clip)
        metadata = {**record.metadata, "scores": review.scores, "safety": review.safety}
    return dataclasses.replace(record, metadata=TakeMetadata(**metadata))  # type: ignore[typeddict-item]
