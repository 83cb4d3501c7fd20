"""The wire format between Storyreel and a text-to-video endpoint: the body, the limits, the answer."""

from __future__ import annotations

import base64
import binascii
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from engine.endpoint.redaction import shown
from engine.endpoint.request_limits import EndpointLimits, RequestRejected
from engine.endpoint.wire_control import CONTROL_PARAMETERS, control_parameters, parse_control
from engine.endpoint.wire_stills import REFERENCE_PARAMETERS, encode_still, parse_stills, reference_parameters
from engine.errors import StoryreelError
from engine.generation.request import DEFAULT_OVERLAP, GenerationRequest
from engine.values import is_json_int, is_json_number

VIDEO_CONTENT_TYPE = "video/mp4"
# The text-to-video task's own names, then the extras this handler also takes.
TASK_PARAMETERS = ("negative_prompt", "num_frames", "num_inference_steps", "guidance_scale", "seed")
EXTRA_PARAMETERS = ("height", "width", "fps", "guidance_scale_2")
# Image-to-video: base64 PNG/JPEG/WebP stills, how they fit the size, and a long shot's segments.
IMAGE_PARAMETERS = ("image", "last_image", "image_fit", "segment_frames", "segment_overlap")
_INTS = (
    "num_frames",
    "num_inference_steps",
    "seed",
    "height",
    "width",
    "fps",
    "segment_frames",
    "segment_overlap",
)
_FLOATS = ("guidance_scale", "guidance_scale_2")
DEFAULTS = {"num_frames": 81, "num_inference_steps": 40, "guidance_scale": 4.0, "width": 1280, "height": 720}
# The project schema's bounds (resources/project.schema.json: $defs seed and guidance).
MAX_SEED = 2**32 - 1
MIN_GUIDANCE, MAX_GUIDANCE = 0.0, 50.0


class MalformedAnswer(StoryreelError, ValueError):
    """An endpoint's answer is not the JSON this protocol describes."""

    hint = "Check that the endpoint runs Storyreel's handler (main.py package-endpoint)."


def request_body(request: GenerationRequest) -> dict[str, Any]:
    """The JSON body that asks an endpoint for this request's take."""
    parameters: dict[str, Any] = {
        "num_frames": request.num_frames,
        "num_inference_steps": request.num_inference_steps,
        "guidance_scale": request.guidance_scale,
        "seed": request.seed,
        "height": request.height,
        "width": request.width,
        "fps": request.fps,
    }
    if request.negative_prompt:
        parameters["negative_prompt"] = [request.negative_prompt]  # the task spec's form: a list
    if request.guidance_scale_2 is not None:
        parameters["guidance_scale_2"] = request.guidance_scale_2
    parameters.update(image_parameters(request))
    parameters.update(reference_parameters(request))
    parameters.update(control_parameters(request))
    return {"inputs": request.prompt, "parameters": parameters}


def image_parameters(request: GenerationRequest) -> dict[str, Any]:
    """The stills as base64 (a continued shot's frame read now, when the job runs) and the segments."""
    from engine.generation.image_to_video import resolve_images

    extra: dict[str, Any] = {}
    images = resolve_images(request).images
    if images is not None:
        extra["image"] = encode_still(cast(bytes, images.image))  # a frame is read by now
        extra["image_fit"] = images.fit
        if images.last_image is not None:
            extra["last_image"] = encode_still(images.last_image)
    if request.segment_frames is not None:
        extra["segment_frames"] = request.segment_frames
    if request.segment_overlap != DEFAULT_OVERLAP:
        extra["segment_overlap"] = request.segment_overlap
    return extra


def parse_body(data: object, limits: EndpointLimits, default_fps: int) -> dict[str, Any]:
    """Checked GenerationRequest fields (all but model) from a request body; RequestRejected if bad."""
    if not isinstance(data, dict) or "inputs" not in data:
        raise RequestRejected('The body must be a JSON object with "inputs" (the prompt).')
    prompt = data["inputs"]
    if not isinstance(prompt, str) or not prompt.strip():
        raise RequestRejected('"inputs" must be the prompt, a non-empty string.')
    if len(prompt) > limits.max_prompt_chars:
        raise RequestRejected(
            f"The prompt has {len(prompt)} characters; this endpoint takes at most {limits.max_prompt_chars}."
        )
    params = data.get("parameters") or {}
    if not isinstance(params, dict):
        raise RequestRejected('"parameters" must be a JSON object.')
    known = TASK_PARAMETERS + EXTRA_PARAMETERS + IMAGE_PARAMETERS + REFERENCE_PARAMETERS + CONTROL_PARAMETERS
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise RequestRejected(
            f"Unknown parameter(s) {', '.join(unknown)}; this endpoint takes {', '.join(known)}."
        )
    values = {**DEFAULTS, "fps": default_fps, **{k: v for k, v in params.items() if v is not None}}
    for name in _INTS:
        if name in values and not is_json_int(values[name]):
            raise RequestRejected(f'"{name}" must be a whole number, not {shown(values[name])}.')
    for name in _FLOATS:
        if name in values and not is_json_number(values[name]):
            raise RequestRejected(f'"{name}" must be a number, not {shown(values[name])}.')
        if name in values and not MIN_GUIDANCE <= values[name] <= MAX_GUIDANCE:  # NaN fails this too
            raise RequestRejected(
                f'"{name}" is {values[name]}; this endpoint takes a finite {MIN_GUIDANCE:g} to {MAX_GUIDANCE:g}.'
            )
    _check_limits(values, limits)
    images, references = parse_stills(params, values["num_frames"], limits)
    control = parse_control(params, values["num_frames"], values["width"], values["height"], limits)
    seed = values.get("seed")
    return {
        "prompt": prompt,
        "negative_prompt": _negative_prompt(values.get("negative_prompt", "")),
        "seed": random.randint(0, 2**32 - 1) if seed is None else seed,
        "num_frames": values["num_frames"],
        "width": values["width"],
        "height": values["height"],
        "fps": values["fps"],
        "num_inference_steps": values["num_inference_steps"],
        "guidance_scale": float(values["guidance_scale"]),
        "guidance_scale_2": None
        if values.get("guidance_scale_2") is None
        else float(values["guidance_scale_2"]),
        "images": images,
        "references": references,
        "control": control,
        "segment_frames": values.get("segment_frames"),
        "segment_overlap": values.get("segment_overlap", DEFAULT_OVERLAP),
    }


def _negative_prompt(value: object) -> str:
    """The task spec sends a list of strings; a plain string is accepted too."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v for v in value if v)
    raise RequestRejected('"negative_prompt" must be a string or a list of strings.')


def _check_limits(values: dict[str, Any], limits: EndpointLimits) -> None:
    """Refuse sizes, lengths and step counts beyond what this deployment allows."""
    checks = (
        ("num_frames", 1, limits.max_frames, "frames"),
        ("num_inference_steps", 1, limits.max_steps, "steps"),
        ("width", 16, limits.max_side, "pixels wide"),
        ("height", 16, limits.max_side, "pixels high"),
        ("fps", 1, 120, "frames per second"),
        ("seed", 0, MAX_SEED, "as a seed"),
        ("segment_frames", 5, limits.max_frames, "frames a segment"),
        ("segment_overlap", 0, 32, "frames of overlap"),
    )
    for name, low, high, unit in checks:
        value = values.get(name)
        if value is not None and not low <= value <= high:
            raise RequestRejected(f'"{name}" is {value}; this endpoint takes {low} to {high} {unit}.')
    if values["width"] * values["height"] > limits.max_pixels:
        raise RequestRejected(
            f"{values['width']}×{values['height']} is more than this endpoint's "
            f"{limits.max_pixels} pixels a frame."
        )


def response_body(mp4: bytes, applied: GenerationRequest, **extra: object) -> dict[str, Any]:
    """The handler's JSON answer: the clip base64-encoded, its type, the seed and settings applied."""
    return {
        "video": base64.b64encode(mp4).decode("ascii"),
        "content_type": VIDEO_CONTENT_TYPE,
        "seed": applied.seed,
        "parameters": applied_parameters(applied),
        **extra,
    }


def applied_parameters(applied: GenerationRequest) -> dict[str, Any]:
    """The settings a take was generated with, under the request's parameter names."""
    return {
        "negative_prompt": applied.negative_prompt,
        "num_frames": applied.num_frames,
        "num_inference_steps": applied.num_inference_steps,
        "guidance_scale": applied.guidance_scale,
        "guidance_scale_2": applied.guidance_scale_2,
        "seed": applied.seed,
        "height": applied.height,
        "width": applied.width,
        "fps": applied.fps,
    }


# What an answer must report for a take to be recorded; missing ones come from the request.
ANSWER_SETTINGS = ("num_frames", "width", "height", "fps", "num_inference_steps", "guidance_scale")


@dataclass(frozen=True)
class EndpointAnswer:
    """A decoded answer: the MP4 bytes, the settings applied, and which of them the endpoint left out."""

    video: bytes
    seed: int
    parameters: dict[str, Any]
    extra: dict[str, Any]
    unreported: tuple[str, ...] = ()  # names taken from the request, not from the answer


def parse_answer(doc: object, requested: Mapping[str, Any] | None = None) -> EndpointAnswer:
    """Check and decode an answer that carries a base64 MP4; MalformedAnswer says what is wrong.

    Another text-to-video handler may answer with the video and its type only: each setting (and
    the seed) it does not report is taken from requested (the request's parameters) and named in
    `unreported`.
    """
    if not isinstance(doc, dict):
        raise MalformedAnswer(f"the answer is a JSON {type(doc).__name__}, not an object")
    if "error" in doc and "video" not in doc:
        raise MalformedAnswer(f"the endpoint reported an error: {doc['error']}")
    video, kind = doc.get("video"), doc.get("content_type", VIDEO_CONTENT_TYPE)
    if not isinstance(video, str) or not video:
        raise MalformedAnswer('the answer has no "video" (base64 MP4)')
    if kind != VIDEO_CONTENT_TYPE:
        raise MalformedAnswer(f'the answer\'s content_type is {kind!r}, not "{VIDEO_CONTENT_TYPE}"')
    try:
        data = b64decode_in_chunks(video)
    except (binascii.Error, ValueError) as exc:
        raise MalformedAnswer(f'the answer\'s "video" is not valid base64 ({exc})') from exc
    reported = doc.get("parameters")
    params = dict(reported) if isinstance(reported, dict) else {}
    requested = requested or {}
    unreported: list[str] = []
    for name in ANSWER_SETTINGS:
        if params.get(name) is not None and not _is_number(params[name]):  # sent, but not a number
            raise MalformedAnswer(f'the answer\'s "{name}" is {shown(params[name])}, not a finite number')
        if params.get(name) is None:
            if not _is_number(requested.get(name)):
                raise MalformedAnswer(f'the answer\'s parameters lack "{name}", and the request had none')
            params[name], unreported = requested[name], unreported + [name]
    seed = doc.get("seed", params.get("seed"))
    if seed is not None and not is_json_int(seed):
        raise MalformedAnswer(f'the answer\'s "seed" is {shown(seed)}, not a whole number')
    if seed is None:
        seed = requested.get("seed")
        if not isinstance(seed, int):
            raise MalformedAnswer('the answer lacks "seed", and the request had none')
        unreported.append("seed")
    for name in ("negative_prompt", "guidance_scale_2"):
        if name not in params and name in requested:
            value = requested[name]
            params[name] = ", ".join(value) if isinstance(value, list) else value  # the task spec's list
            unreported.append(name)
    extra = {k: v for k, v in doc.items() if k not in ("video", "content_type", "seed", "parameters")}
    return EndpointAnswer(data, seed, params, extra, tuple(unreported))


def _is_number(value: object) -> bool:
    return is_json_number(value) and math.isfinite(value)


B64_CHUNK = 1 << 18  # characters (a multiple of 4): each decode call holds the GIL under 1 ms


def b64decode_in_chunks(text: str) -> bytes:
    """Strict base64 decoding in short calls, so a large clip never holds the GIL for long."""
    return b"".join(
        base64.b64decode(text[i : i + B64_CHUNK], validate=True) for i in range(0, len(text), B64_CHUNK)
    )
