"""The reference (VACE) model's inputs: which requests it takes, its reference images and pinned frames."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from engine.conditioning.keyframes import check_keyframe_frames
from engine.errors import StoryreelError
from engine.generation.image_to_video import ImageModelError, read_frame_source
from engine.generation.loaded_pipeline import ModelInfo
from engine.generation.request import FrameSource, GenerationRequest, Keyframe, ReferenceConditioning
from engine.generation.still_image import fit_still, read_still

if TYPE_CHECKING:
    from PIL import Image


class ReferenceModelError(StoryreelError, ValueError):
    """A shot with cast references or keyframes met a model that cannot take them."""

    hint = (
        "Set a reference model in File > Project Settings > Reference model "
        "(a Wan 2.2 VACE '-Diffusers' model, e.g. linoyts/Wan2.2-VACE-Fun-14B-diffusers)."
    )


def check_references(info: ModelInfo, request: GenerationRequest) -> None:
    """Raise ReferenceModelError if the request has references and the model is not a reference model."""
    if request.references is not None and not info.takes_references:
        raise ReferenceModelError(
            f"This shot has cast references or keyframes, which only a reference (VACE) model takes; "
            f"the model it was sent to is a {info.arch} model."
        )


def check_reference_count(request: GenerationRequest, temporal_factor: int) -> None:
    """Raise ReferenceModelError if the shot has more reference images than latent frames, which
    WanVACEPipeline's mask cannot pad for (its prepare_masks pads by slicing the shot's own frames)."""
    count = 0 if request.references is None else len(request.references.reference_images)
    room = (request.num_frames - 1) // temporal_factor + 1
    if count > room:
        raise ReferenceModelError(
            f"This shot gives {count} reference images, but a shot of {request.num_frames} frames takes at most "
            f"{room} (one per {temporal_factor} frames, and one).",
            "Name fewer cast members in the prompt, give them fewer images, or lengthen the shot.",
        )


def resolve_references(request: GenerationRequest) -> GenerationRequest:
    """The request with each keyframe taken from a clip read into PNG bytes (when the job runs)."""
    refs = request.references
    if refs is None or not any(isinstance(k.image, FrameSource) for k in refs.keyframes):
        return request
    keyframes = []
    for keyframe in refs.keyframes:
        source = keyframe.image
        if isinstance(source, FrameSource):
            if not source.clip.is_file():
                raise ImageModelError(
                    f"The keyframe at frame {keyframe.frame} comes from {source.clip.name}, which is not there.",
                    "Generate the shot it is taken from first, or pin another image.",
                )
            keyframe = Keyframe(keyframe.frame, read_frame_source(source))
        keyframes.append(keyframe)
    return dataclasses.replace(request, references=dataclasses.replace(refs, keyframes=tuple(keyframes)))


def reference_stills(refs: ReferenceConditioning | None) -> list[Image.Image]:
    """The reference images decoded to RGB, in the order given (the pipeline fits each into the frame)."""
    if refs is None:
        return []
    count = len(refs.reference_images)
    return [
        read_still(data, f"reference image {i + 1} of {count}")[0]
        for i, data in enumerate(refs.reference_images)
    ]


def pinned_stills(request: GenerationRequest) -> list[tuple[int, Image.Image]]:
    """Every image pinned at a frame, fitted to the shot's size, by frame: the start (and end) image at
    the first (and last) frame, then the keyframes, which win where both pin the same frame."""
    width, height, last = request.width, request.height, request.num_frames - 1
    pinned: dict[int, Image.Image] = {}
    images = request.images
    if images is not None:
        if isinstance(images.image, FrameSource):
            raise ValueError("resolve_images() first")  # a programming error, not a person's
        pinned[0] = fit_still(read_still(images.image, "the start image")[0], width, height, images.fit)
        if images.last_image is not None:
            end = read_still(images.last_image, "the end image")[0]
            pinned[last] = fit_still(end, width, height, images.fit)
    refs = request.references
    if refs is not None:
        check_keyframe_frames([k.frame for k in refs.keyframes], request.num_frames)
        for keyframe in refs.keyframes:
            if isinstance(keyframe.image, FrameSource):
                raise ValueError("resolve_references() first")
            still = read_still(keyframe.image, f"the keyframe at frame {keyframe.frame}")[0]
            pinned[keyframe.frame] = fit_still(still, width, height, refs.fit)
    return sorted(pinned.items(), key=lambda item: item[0])


def segment_references(
    refs: ReferenceConditioning | None, start: int, frames: int
) -> ReferenceConditioning | None:
    """A long shot's references for the segment that begins at frame `start`: the same reference images,
    and the keyframes that fall inside it, counted from its first frame."""
    if refs is None:
        return None
    inside = tuple(
        Keyframe(k.frame - start, k.image) for k in refs.keyframes if start <= k.frame < start + frames
    )
    return dataclasses.replace(refs, keyframes=inside)
