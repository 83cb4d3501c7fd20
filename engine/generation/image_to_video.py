"""Image-to-video runs: which pipeline takes the image, and the stills as it expects them."""

from __future__ import annotations

import dataclasses
import weakref
from typing import Any

from engine.errors import StoryreelError
from engine.generation.loaded_pipeline import LoadedPipeline, ModelInfo
from engine.generation.request import FrameSource, GenerationRequest, ImageConditioning
from engine.generation.still_image import fit_still, png_bytes, read_still, still_from_frame

# TI2V-5B's image mode, made once per loaded text pipeline from its own components (no second copy).
_IMAGE_PIPES: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


class ImageModelError(StoryreelError, ValueError):
    """A request and a model disagree about images (an image-only model without one, or the reverse)."""

    hint = "Set an image model in File > Project Settings (TI2V-5B or I2V-A14B), or remove the shot's image."


def check_images(info: ModelInfo, request: GenerationRequest) -> None:
    """Raise ImageModelError if this model cannot run this request's conditioning."""
    images = request.images
    if images is None and info.needs_image:
        raise ImageModelError(
            "This is an image-to-video model (I2V-A14B): every shot it makes needs a start image.",
            "Give the shot a start image, or let a text model (T2V-A14B or TI2V-5B) make it.",
        )
    if images is not None and not info.takes_image:
        raise ImageModelError(
            f"The model ({info.arch}) makes video from text only; this shot starts from an image."
        )
    if images is not None and images.last_image is not None and info.expand_timesteps:
        raise ImageModelError(
            "TI2V-5B's image mode takes a start image only, not an end image.",
            "Remove the shot's end image, or make it with I2V-A14B (File > Project Settings > image model).",
        )


def image_pipe(loaded: LoadedPipeline) -> Any:
    """The WanImageToVideoPipeline for a loaded model: itself (I2V-A14B) or TI2V-5B's from_pipe view."""
    from diffusers import WanImageToVideoPipeline

    pipe = loaded.pipe
    if isinstance(pipe, WanImageToVideoPipeline):
        return pipe
    shared = _IMAGE_PIPES.get(pipe)
    if shared is None:
        # from_pipe hands the same modules over (boundary_ratio and expand_timesteps come from the
        # config), so both modes share one set of weights and one set of LoRA adapters.
        shared = WanImageToVideoPipeline.from_pipe(pipe)
        shared.set_progress_bar_config(disable=True)
        _IMAGE_PIPES[pipe] = shared
    return shared


def read_frame_source(source: FrameSource) -> bytes:
    """The frame as lossless PNG bytes (the last frame when source.frame is None)."""
    from engine.video.video_io import probe, read_frames

    index = source.frame
    if index is None:
        index = probe(source.clip).frame_count - 1
    return png_bytes(still_from_frame(read_frames(source.clip, index, index + 1)[0]))


def resolve_images(request: GenerationRequest) -> GenerationRequest:
    """The request with a clip's frame read into PNG bytes (done when the job runs, not when queued)."""
    images = request.images
    if images is None or not isinstance(images.image, FrameSource):
        return request
    source = images.image
    if not source.clip.is_file():
        raise ImageModelError(
            f"The shot continues from {source.clip.name}, which is not there (did the previous shot's take fail?).",
            "Generate the previous shot first, then this one.",
        )
    return dataclasses.replace(request, images=dataclasses.replace(images, image=read_frame_source(source)))


def image_kwargs(images: ImageConditioning, width: int, height: int) -> dict[str, Any]:
    """The pipeline's image (and last_image) arguments: RGB stills fitted to exactly width×height."""
    if isinstance(images.image, FrameSource):
        raise ValueError("resolve_images() first")  # a programming error, not a person's
    kwargs: dict[str, Any] = {
        "image": fit_still(read_still(images.image, "the start image")[0], width, height, images.fit)
    }
    if images.last_image is not None:
        end = read_still(images.last_image, "the end image")[0]
        kwargs["last_image"] = fit_still(end, width, height, images.fit)
    return kwargs
