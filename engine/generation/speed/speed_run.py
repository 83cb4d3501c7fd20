"""One generation's speed plan: Draft or Final, the step cache and the guidance trap, around the call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from engine.generation.request import GenerationRequest
from engine.generation.speed.context_parallel import lead, rank
from engine.generation.speed.draft import draft_request, enter_draft, leave_draft
from engine.generation.speed.guidance import guidance_trap, honour_both_guidance, trap_notice
from engine.generation.speed.step_cache import check_step_cache, step_cache

if TYPE_CHECKING:
    from engine.generation.loaded_pipeline import LoadedPipeline, ModelInfo


def plan_speed(request: GenerationRequest, info: ModelInfo) -> tuple[GenerationRequest, list[str]]:
    """The request as it will run (Draft's steps and guidance), and notices; raises SpeedError."""
    applied, notices = draft_request(request, info)
    check_step_cache(applied)
    gs2 = applied.guidance_scale_2
    if gs2 is not None and guidance_trap(applied.guidance_scale, gs2, info.two_experts):
        notices.append(trap_notice(applied.guidance_scale, gs2))
    return applied, notices


@contextmanager
def speed_run(loaded: LoadedPipeline, applied: GenerationRequest) -> Iterator[dict[str, Any]]:
    """Switch the experts to the request's quality, then hold its cache and guidance while the call runs.

    Yields the record for the take's metadata (the load-time levers, quality, cache, guidance).
    """
    if loaded.spec.gpus > 1 and rank() == 0:
        lead(applied)  # the other ranks run the same call on their share of the sequence
    if applied.quality == "draft":
        enter_draft(loaded, applied.model.draft)
    else:
        leave_draft(loaded)
    record: dict[str, Any] = {**loaded.levers, "quality": applied.quality}
    if applied.quality == "draft":
        record["draft_loras"] = (
            f"{applied.model.draft.repo}: {applied.model.draft.high_noise}, {applied.model.draft.low_noise}"
        )
        record["flow_shift"] = applied.model.draft.flow_shift
    with ExitStack() as stack:
        record.update(stack.enter_context(step_cache(loaded.pipe, applied)))
        honoured = stack.enter_context(
            honour_both_guidance(loaded.pipe, applied.guidance_scale, applied.guidance_scale_2)
        )
        record["guidance"] = "each expert as set" if honoured else "diffusers"
        yield record
