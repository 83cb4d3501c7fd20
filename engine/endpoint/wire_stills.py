"""Stills on the wire: start and end images, cast references and keyframes, base64 bounded before decoding."""

from __future__ import annotations

import base64
import binascii
import io
from typing import Any

from engine.endpoint.redaction import shown
from engine.endpoint.request_limits import EndpointLimits, RequestRejected, b64_length
from engine.generation.request import (
    FrameSource,
    GenerationRequest,
    ImageConditioning,
    Keyframe,
    ReferenceConditioning,
)
from engine.values import is_json_int

FITS = ("fill", "fit")
# A shot on the reference (VACE) model: subject images in the order the prompt names them, and
# frames pinned in place ([{"frame": n, "image": base64}]), conformed to the size by keyframe_fit.
REFERENCE_PARAMETERS = ("reference_images", "keyframes", "keyframe_fit")


def encode_still(data: bytes) -> str:
    """A still's bytes as the wire carries them."""
    return base64.b64encode(data).decode("ascii")


def reference_parameters(request: GenerationRequest) -> dict[str, Any]:
    """The references and keyframes as base64 (a keyframe from a clip is read now, when the job runs)."""
    references = request.references
    if references is None:
        return {}
    return {
        "reference_images": [encode_still(data) for data in references.reference_images],
        "keyframes": [
            {"frame": key.frame, "image": encode_still(_keyframe_bytes(key))} for key in references.keyframes
        ],
        "keyframe_fit": references.fit,
    }


def references_used(references: ReferenceConditioning | None) -> dict[str, Any] | None:
    """What an answer reports of the references it ran with (their count, the keyframes' frames), so a
    client can tell a take made with them from one made by a handler that ignored them."""
    if references is None:
        return None
    return {
        "reference_images": len(references.reference_images),
        "keyframes": [key.frame for key in references.keyframes],
    }


def _keyframe_bytes(key: Keyframe) -> bytes:
    from engine.generation.image_to_video import ImageModelError, read_frame_source

    if not isinstance(key.image, FrameSource):
        return key.image
    if not key.image.clip.is_file():
        raise ImageModelError(
            f"The keyframe at frame {key.frame} comes from {key.image.clip.name}, which is not there.",
            "Generate the shot it comes from first, or pin another image.",
        )
    return read_frame_source(key.image)


def parse_stills(
    params: dict[str, Any], num_frames: int, limits: EndpointLimits
) -> tuple[ImageConditioning | None, ReferenceConditioning | None]:
    """The start images and the references of a checked body; RequestRejected names the field at fault.

    Counts, frames and every base64 length (each, and all together) are checked before a byte is
    decoded; then each still is decoded in turn and checked as a shot image is.
    """
    for name in ("keyframe_fit", "image_fit"):
        if params.get(name, "fill") not in FITS:
            raise RequestRejected(f'"{name}" must be "fill" or "fit".')
    sent = [(name, params.get(name)) for name in ("image", "last_image") if params.get(name) is not None]
    references = listed_parameter(params, "reference_images", limits.max_reference_images, "reference images")
    sent += [(f"reference_images[{i}]", value) for i, value in enumerate(references or ())]
    keyframes = _keyframe_frames(params, num_frames)
    sent += [(f"keyframes[{i}].image", item["image"]) for i, item in enumerate(params.get("keyframes") or ())]
    decoded = dict(zip((name for name, _ in sent), decode_stills(sent, limits), strict=True))
    images = _images(params, decoded)
    if references is None and keyframes is None:
        if "keyframe_fit" in params:
            raise RequestRejected('"keyframe_fit" needs "keyframes" (or "reference_images") too.')
        return images, None
    pinned = sorted(
        (Keyframe(frame, decoded[f"keyframes[{i}].image"]) for i, frame in enumerate(keyframes or ())),
        key=lambda key: key.frame,
    )
    return images, ReferenceConditioning(
        tuple(decoded[f"reference_images[{i}]"] for i in range(len(references or ()))),
        tuple(pinned),
        params.get("keyframe_fit", "fill"),
    )


def listed_parameter(params: dict[str, Any], name: str, most: int, what: str) -> list[Any] | None:
    """A list parameter, refused by its length before any item is looked at."""
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, list):
        raise RequestRejected(f'"{name}" must be a list.')
    if len(value) > most:
        raise RequestRejected(f'"{name}" has {len(value)} items; this endpoint takes at most {most} {what}.')
    return value


def _keyframe_frames(params: dict[str, Any], num_frames: int) -> list[int] | None:
    """The keyframes' frames: whole numbers inside the shot, at most one image per frame."""
    items = listed_parameter(params, "keyframes", num_frames, "keyframes (one a frame)")
    if items is None:
        return None
    frames: list[int] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or set(item) != {"frame", "image"}:
            raise RequestRejected(f'"keyframes[{i}]" must be {{"frame": n, "image": base64}}.')
        frame = item["frame"]
        if not is_json_int(frame):
            raise RequestRejected(f'"keyframes[{i}].frame" must be a whole number, not {shown(frame)}.')
        if not 0 <= frame < num_frames:
            raise RequestRejected(
                f'"keyframes[{i}].frame" is {frame}; a shot of {num_frames} frames has frames 0 to {num_frames - 1}.'
            )
        if frame in frames:
            raise RequestRejected(f'"keyframes[{i}].frame" is {frame} again; one keyframe a frame.')
        frames.append(frame)
    return frames


def decode_stills(
    sent: list[tuple[str, Any]],
    limits: EndpointLimits,
    together_bytes: int | None = None,
    together_pixels: int | None = None,
) -> list[bytes]:
    """Each named base64 still decoded and checked, once every length has passed its limit (all of them
    together_bytes and together_pixels at most: the request's images' limits by default)."""
    from engine.generation.still_image import MAX_IMAGE_PIXELS, ImageError, read_still

    together_bytes = limits.max_request_image_bytes if together_bytes is None else together_bytes
    most_pixels = limits.max_request_image_pixels if together_pixels is None else together_pixels
    each, together = b64_length(limits.max_image_bytes), b64_length(together_bytes)
    total = 0
    for name, value in sent:
        if not isinstance(value, str) or not value:
            raise RequestRejected(f'"{name}" must be a base64-encoded PNG, JPEG or WebP image.')
        if len(value) > each:
            raise RequestRejected(
                f'"{name}" is over {_megabytes(limits.max_image_bytes)}; this endpoint takes smaller images.'
            )
        total += len(value)
        if total > together:
            raise RequestRejected(
                f'"{name}" brings the request\'s images over {_megabytes(together_bytes)} '
                "together; send fewer or smaller images."
            )
    out: list[bytes] = []
    pixels = 0
    for name, value in sent:
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise RequestRejected(f'"{name}" is not valid base64.') from None
        declared = _declared_pixels(data)
        pixels += declared
        # One image too large by itself is read_still's to refuse, with its own message.
        if pixels > most_pixels and declared <= MAX_IMAGE_PIXELS:
            raise RequestRejected(
                f'"{name}" brings the request\'s images over {most_pixels:,} pixels '
                "together; send fewer or smaller images."
            )
        try:
            read_still(data, f'"{name}"')
        except ImageError as exc:
            raise RequestRejected(str(exc)) from None
        out.append(data)
    return out


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.3g} MB"


def _declared_pixels(data: bytes) -> int:
    """The pixels an image's header declares, read before decoding (0 for what is no image: read_still says)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return int(image.width) * int(image.height)
    except Exception:  # any parse failure: read_still refuses it with the message for people
        return 0


def _images(params: dict[str, Any], decoded: dict[str, bytes]) -> ImageConditioning | None:
    image, last = decoded.get("image"), decoded.get("last_image")
    if image is None:
        if last is not None:
            raise RequestRejected('"last_image" needs an "image" (the first frame) too.')
        return None
    return ImageConditioning(image, last, params.get("image_fit", "fill"))
