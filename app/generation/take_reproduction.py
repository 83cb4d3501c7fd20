"""A take's request rebuilt from its metadata alone: same prompt, seed, settings, model and images."""

from __future__ import annotations

from app.generation.shot_conditioning import ConditioningError
from app.project.media_paths import UnsafePath
from app.project.model import IMAGE_FITS, Project, ShotImage, Take
from app.project.shot_images import shot_image_bytes
from engine.generation.request import (
    DEFAULT_OVERLAP,
    FrameSource,
    GenerationRequest,
    ImageConditioning,
    ModelSpec,
)
from engine.values import is_json_int


def _image(project: Project, entry: object, which: str) -> bytes | None:
    if entry is None:
        return None
    if not isinstance(entry, dict):
        raise ConditioningError(f"the take's {which} record is not an image entry")
    image = ShotImage(path=str(entry.get("path")), sha256=str(entry.get("sha256")))
    return shot_image_bytes(project, image)


def _continued(project: Project, record: dict) -> FrameSource:
    """The frame of the take a continued take started from."""
    try:
        before = project.shot(str(record.get("from_shot")))
    except KeyError:
        raise ConditioningError(f"the shot it continued ({record.get('from_shot')}) is gone") from None
    take = before.take(str(record.get("from_take")))
    if take is None:
        raise ConditioningError(f"the take it continued ({record.get('from_take')}) is gone")
    frame = record.get("from_frame")
    try:
        clip = project.take_path(take)
    except UnsafePath as exc:
        raise ConditioningError(str(exc)) from None
    if clip is None:
        raise ConditioningError("save the project first: takes live beside the project file")
    return FrameSource(clip, frame if is_json_int(frame) else None)


def conditioning_of(project: Project, take: Take) -> ImageConditioning | None:
    """The stills a take was generated from, read back from the media folder (None: text only)."""
    record = take.conditioning or {}
    if not record:
        return None
    fit = record.get("image", {}).get("fit") if isinstance(record.get("image"), dict) else None
    last = _image(project, record.get("last_image"), "end image")
    if record.get("kind") == "continue":  # a continued start is filled to the shot's size (shot_conditioning)
        return ImageConditioning(_continued(project, record), last, "fill")
    start = _image(project, record.get("image"), "start image")
    if start is None:
        raise ConditioningError("the take's record names no start image")
    return ImageConditioning(start, last, fit if fit in IMAGE_FITS else "fill")


def request_from_take(project: Project, take: Take, model: ModelSpec | None = None) -> GenerationRequest:
    """The request that makes this take again (on `model`, default the take's own model and placement)."""
    spec = model or ModelSpec(
        take.model, take.model_revision, device=take.device or None, dtype=take.dtype or None
    )
    segments = take.segments or {}
    return GenerationRequest(
        prompt=take.prompt,
        negative_prompt=take.negative_prompt,
        seed=int(take.seed or 0),
        num_frames=take.frames,
        width=take.width,
        height=take.height,
        fps=take.fps,
        num_inference_steps=take.steps,
        guidance_scale=take.guidance_scale,
        guidance_scale_2=take.guidance_scale_2,
        model=spec,
        images=conditioning_of(project, take),
        segment_frames=segments.get("length") or None,
        segment_overlap=int(segments.get("overlap", DEFAULT_OVERLAP)),
    )
