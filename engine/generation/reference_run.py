"""The reference run: one GenerationRequest through a loaded WanVACEPipeline, in numbered steps as
diffusers' `__call__`: cast reference images, and keyframes as the pipeline's `video` and `mask`.

shot_run.py calls it, instead of wan_run.py, for every shot on a reference (VACE) model.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any

from engine.conditioning.keyframes import keyframe_video
from engine.generation.direction_inputs import control_video, joined_take, keep_outside_mask
from engine.generation.image_to_video import resolve_images
from engine.generation.loaded_pipeline import LoadedPipeline
from engine.generation.reference_inputs import (
    ReferenceModelError,
    check_reference_count,
    check_references,
    pinned_stills,
    reference_stills,
    resolve_references,
)
from engine.generation.request import GenerationRequest, GenerationResult
from engine.generation.speed.speed_run import plan_speed
from engine.generation.wan_run import (
    apply_model_rules,
    denoise,
    make_generator,
    pipeline_kwargs,
    run_result,
    step_callback,
)
from engine.progress import GENERATING, CancelToken, Progress, ProgressCallback, ignore_progress

if TYPE_CHECKING:
    from PIL import Image

# FirstBlockCache skips whole blocks by replaying their last residual, and VACE adds its hints between
# those blocks, so a skipped step would add them twice.
STEP_CACHE_NOTICE = (
    "The reference model runs without the step cache: it skips blocks, between which VACE adds its hints."
)


def reference_kwargs(
    references: list[Image.Image], pinned: list[tuple[int, Image.Image]], request: GenerationRequest
) -> dict[str, Any]:
    """The WanVACEPipeline's conditioning arguments: `reference_images`, and `video`/`mask` when frames are
    pinned or given (a control clip, known frames, a take to repaint; with `conditioning_scale`)."""
    kwargs: dict[str, Any] = {}
    if references:
        kwargs["reference_images"] = references
    control = request.control
    if control is not None:
        if pinned and control.mode != "known":
            raise ReferenceModelError(
                "This shot pins keyframes or a start image and is also given frames (a control clip, a take "
                "to repaint or extend); the reference model takes one of them.",
                "Remove the keyframes, or the control clip.",
            )
        video, mask = control_video(control, request.num_frames, request.width, request.height)
        if pinned:  # known frames and keyframes are both kept as given: one video, one mask
            pinned_video, pinned_mask = keyframe_video(
                pinned, request.num_frames, request.width, request.height
            )
            for frame, _ in pinned:
                video[frame], mask[frame] = pinned_video[frame], pinned_mask[frame]
        kwargs.update(video=video, mask=mask, conditioning_scale=control.strength)
    elif pinned:
        video, mask = keyframe_video(pinned, request.num_frames, request.width, request.height)
        kwargs.update(video=video, mask=mask)
    return kwargs


def run_reference(
    loaded: LoadedPipeline,
    request: GenerationRequest,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> GenerationResult:
    """Generate the request's frames on the reference model in one call; raises Cancelled before any decode."""
    info = loaded.info
    if not info.takes_references:
        raise ReferenceModelError(
            f"The reference run needs a reference (VACE) model, not a {info.arch} model."
        )
    start = time.perf_counter()
    # 1. Check inputs: the model's rules (size, frames, guidance), the clips' frames read, the speed plan.
    applied, notices = apply_model_rules(resolve_references(resolve_images(request)), info)
    check_references(info, applied)
    check_reference_count(applied, info.temporal_factor)
    applied, speed_notices = plan_speed(applied, info)  # Draft's steps and guidance; the guidance trap
    notices += speed_notices
    if applied.step_cache != "none":
        applied = dataclasses.replace(applied, step_cache="none")
        notices.append(STEP_CACHE_NOTICE)
    for notice in notices:
        on_progress(Progress(GENERATING, total=applied.num_inference_steps, message=notice))
    if cancel is not None:
        cancel.check()

    # 2. Prepare the conditioning: reference images in the order given, pinned frames as video and mask.
    references, pinned = reference_stills(applied.references), pinned_stills(applied)
    conditioning = reference_kwargs(references, pinned, applied)

    # 3. Prepare the step callback: progress per step and expert, and cancellation.
    on_step_end = step_callback(info, on_progress, cancel)

    # 4. Prepare the seeded generator on the pipeline's device.
    generator = make_generator(loaded.device, applied.seed)

    # 5. Denoise and decode, inside the speed run and with this request's LoRA adapters.
    kwargs = {**pipeline_kwargs(applied, generator), **conditioning}
    output, speed = denoise(loaded, loaded.pipe, applied, kwargs, on_step_end)

    # 6. Post-process: float frames to uint8, with what conditioned the run in the take's record.
    speed["conditioning"] = {"reference_images": len(references), "pinned_frames": [f for f, _ in pinned]}
    result = run_result(loaded, applied, output, start, notices, speed)
    return given_frames_kept(result, conditioning)


def given_frames_kept(result: GenerationResult, conditioning: dict[str, Any]) -> GenerationResult:
    """A repaint with the take's pixels put back outside its mask; an extension joined to its take."""
    control = result.applied.control
    if control is None:
        return result
    frames: Any = result.frames
    if control.mode == "repaint":
        frames = keep_outside_mask(frames, conditioning["video"], conditioning["mask"])
    elif control.mode == "known" and control.extends is not None:
        given = sum(1 for m in conditioning["mask"] if m.getextrema() == (0, 0))
        frames = joined_take(frames, control, given)
    else:
        return result
    applied = dataclasses.replace(result.applied, num_frames=len(frames))
    return dataclasses.replace(result, frames=frames, applied=applied)
