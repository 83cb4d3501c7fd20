"""The shot run, for every shot: one Wan run (or reference run, on a VACE model), or segments of the
native length blended into one clip."""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any, cast

from engine.conditioning.colour_match import match_colour
from engine.conditioning.control_settings import ControlError
from engine.conditioning.keyframes import check_keyframe_frames
from engine.generation.direction_inputs import MIN_CONTEXT, control_slice
from engine.generation.frames import snap_frames
from engine.generation.image_to_video import ImageModelError, resolve_images
from engine.generation.loaded_pipeline import LoadedPipeline
from engine.generation.reference_inputs import check_references, resolve_references, segment_references
from engine.generation.reference_run import run_reference
from engine.generation.request import (
    ControlConditioning,
    GenerationRequest,
    GenerationResult,
    ImageConditioning,
    Segments,
)
from engine.generation.still_image import png_bytes, still_from_frame
from engine.generation.wan_run import run_wan
from engine.progress import CancelToken, Progress, ProgressCallback, ignore_progress

if TYPE_CHECKING:
    import numpy as np

MAX_SEED = 2**32 - 1


def plan_segments(total: int, length: int, overlap: int, temporal: int = 4) -> list[int]:
    """Each segment's frame count (every one temporal*k+1) so that joined they give at least total.

    A segment after the first starts at frame length-1-overlap of the one before: its first frame
    is dropped (it is that frame again) and its next `overlap` frames are blended with the earlier
    segment's last ones, so each adds length-1-overlap new frames. The last is cut to what is left.
    """
    if total <= length:
        return [total]
    if length < overlap + 2 or length < 2:
        raise ValueError(f"a segment of {length} frames cannot overlap the one before by {overlap}")
    lengths = [length]
    made = length
    while made < total:
        left = total - made
        piece = min(length, snap_frames(left + 1 + overlap, temporal))
        while piece - 1 - overlap < left and piece < length:  # snapping rounded down: one step more
            piece += temporal
        lengths.append(min(piece, length))
        made += lengths[-1] - 1 - overlap
    return lengths


def join_segments(pieces: list[np.ndarray], overlap: int) -> np.ndarray:
    """One clip from segments: each later one's first frame dropped, its next `overlap` frames
    cross-faded (linearly) into the previous one's last `overlap` frames."""
    import numpy as np

    clip = pieces[0]
    for piece in pieces[1:]:
        if overlap:
            weights = (np.arange(1, overlap + 1, dtype=np.float32) / (overlap + 1))[:, None, None, None]
            old, new = clip[-overlap:].astype(np.float32), piece[1 : overlap + 1].astype(np.float32)
            blend = np.rint(old * (1 - weights) + new * weights).astype(np.uint8)
            clip = np.concatenate([clip[:-overlap], blend, piece[overlap + 1 :]])
        else:
            clip = np.concatenate([clip, piece[1:]])
    return clip


def segment_control(
    control: ControlConditioning | None, known: ControlConditioning | None, start: int, frames: int
) -> ControlConditioning | None:
    """A segment's given frames: a controlled shot's slice of its control (after the frames it goes on
    from, as context), else the frames it goes on from (None for the first segment of a plain shot)."""
    if control is None:
        return known
    part = control_slice(control, start, frames)
    return part if known is None else dataclasses.replace(part, context=cast(tuple[bytes, ...], known.frames))


def anchor_index(length: int, overlap: int) -> int:
    """Where in a segment the next one starts from: its last frame before the overlap."""
    return length - 1 - overlap


def run_shot(
    loaded: LoadedPipeline,
    request: GenerationRequest,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> GenerationResult:
    """Generate a shot: in one run, or in segments when it is longer than the model's native length.

    A cancel raises Cancelled within one step, and nothing of the segments made so far is kept.
    """
    info = loaded.info
    check_references(info, request)
    request = resolve_references(resolve_images(request))
    # Every shot on a reference (VACE) model goes through its own run, references or not.
    run = run_reference if info.takes_references else run_wan
    length = snap_frames(request.segment_frames or info.native_frames, info.temporal_factor)
    total = snap_frames(request.num_frames, info.temporal_factor)
    # On the reference model each later segment is given the last MIN_CONTEXT frames of the one before as
    # known frames (VACE), so the motion goes on with its direction and speed: it re-makes them all. A
    # controlled shot's segments each follow their slice of the control, after those frames.
    controlled = request.control is not None and request.control.mode == "control"
    context = info.takes_references and (request.control is None or controlled)
    wanted = max(request.segment_overlap, MIN_CONTEXT - 1) if context else request.segment_overlap
    # At most half a segment blends, so every segment adds frames of its own.
    overlap = max(0, min(wanted, (length - 1) // 2))
    if total <= length:
        return run(loaded, request, on_progress, cancel)
    if request.control is not None and not controlled:
        raise ControlError(
            f"A take to repaint or extend is made in one run of at most {length} frames on this model, and "
            f"this one would need {total}.",
            "Repaint a shorter take, or extend by fewer frames (extend again for more).",
        )
    if request.images is None and not info.takes_image:
        raise ImageModelError(
            f"A shot of {total} frames is made in segments of {length}, each from the last frame of the one "
            f"before, and this model ({info.arch}) cannot start from an image.",
            "Use TI2V-5B, or give the shot a start image and an image model (File > Project Settings).",
        )
    if request.references is not None:  # one segment's run sees only its own part of the shot
        check_keyframe_frames([k.frame for k in request.references.keyframes], total)
    start = time.perf_counter()
    lengths = plan_segments(total, length, overlap, info.temporal_factor)
    pieces: list[np.ndarray] = []
    results: list[GenerationResult] = []
    matches: list[dict[str, Any]] = []
    images = request.images
    end_image = None if request.images is None else request.images.last_image
    first_frame = 0  # where the segment starts in the shot
    known: ControlConditioning | None = (
        None  # the frames a later segment continues from, on the reference model
    )
    for index, frames in enumerate(lengths):
        last = index == len(lengths) - 1
        if images is not None:
            # The shot's end image belongs to its last frame, so only the last segment aims at it.
            images = dataclasses.replace(images, last_image=end_image if last else None)
        part = dataclasses.replace(
            request,
            num_frames=frames,
            seed=(request.seed + index) % (MAX_SEED + 1),
            images=images,
            # Every segment sees the cast; a keyframe goes to the segments whose frames hold it.
            references=segment_references(request.references, first_frame, frames),
            control=segment_control(request.control, known, first_frame, frames),
        )

        def report(p: Progress, number: int = index + 1) -> None:
            on_progress(dataclasses.replace(p, segment=number, segments=len(lengths)))

        result = run(loaded, part, report, cancel)
        piece = cast("np.ndarray", result.frames)
        if pieces and request.colour_match:
            # The new segment's first overlap+1 frames re-make the last ones of the one before (its
            # anchor, then the blended frames): their colours are what drifted.
            piece, match = match_colour(piece, piece[: overlap + 1], pieces[-1][-(overlap + 1) :])
            matches.append(match.to_dict())
        pieces.append(piece)
        results.append(result)
        if not last:
            # A fresh seed per segment: the same noise again is what makes motion repeat every window.
            anchor = piece[anchor_index(len(piece), overlap)]
            first_frame += anchor_index(len(piece), overlap)
            if context:
                tail = piece[anchor_index(len(piece), overlap) :]  # the frames the next segment re-makes
                known = ControlConditioning("known", tuple(png_bytes(still_from_frame(f)) for f in tail))
                images = None
            else:
                images = ImageConditioning(png_bytes(still_from_frame(anchor)), None, "fill")
    first = results[0]
    clip = join_segments(pieces, overlap)[:total]
    applied = dataclasses.replace(
        first.applied,
        num_frames=int(clip.shape[0]),
        seed=request.seed,
        images=request.images,
        references=request.references,
        control=request.control,
    )
    notices = tuple(dict.fromkeys(n for r in results for n in r.notices))
    segments = Segments(count=len(lengths), length=length, overlap=overlap)
    if context:
        segments["context"] = overlap + 1
    if request.colour_match:
        segments["colour_match"] = matches
    return dataclasses.replace(
        first,
        frames=clip,
        applied=applied,
        seconds=time.perf_counter() - start,
        notices=notices,
        segments=segments,
    )
