"""Control frames and repaint masks on the wire: bounded base64 PNG sequences, every count and length
checked before a byte is decoded, and each frame's size against the shot's."""

from __future__ import annotations

from typing import Any

from engine.conditioning.control_settings import MAX_STRENGTH
from engine.endpoint.redaction import shown
from engine.endpoint.request_limits import EndpointLimits, RequestRejected
from engine.endpoint.wire_stills import decode_stills, encode_still, listed_parameter
from engine.generation.request import CONTROL_MODES, ControlConditioning, GenerationRequest
from engine.values import is_json_int, is_json_number

CONTROL_PARAMETERS = ("control_mode", "control_frames", "control_masks", "control_strength", "control_offset")


def control_parameters(request: GenerationRequest) -> dict[str, Any]:
    """The request's given frames and masks as base64 PNGs (a folder of frames is read now)."""
    from engine.generation.direction_inputs import given_pngs

    control = request.control
    if control is None:
        return {}
    # An extension is sent as its known frames at their offset; the take it extends is joined here
    # (engine/backends/remote.py: write_joined_clip), never sent.
    return {
        "control_mode": control.mode,
        "control_frames": [encode_still(data) for data in given_pngs(control)],
        "control_masks": [encode_still(data) for data in control.masks],
        "control_strength": control.strength,
        "control_offset": control.offset,
    }


def parse_control(
    params: dict[str, Any], num_frames: int, width: int, height: int, limits: EndpointLimits
) -> ControlConditioning | None:
    """The given frames and masks of a checked body; RequestRejected names the field at fault."""
    mode = params.get("control_mode")
    if mode is None:
        extra = [name for name in CONTROL_PARAMETERS if name in params]
        if extra:
            raise RequestRejected(f'"{extra[0]}" needs "control_mode" too.')
        return None
    if mode not in CONTROL_MODES:
        raise RequestRejected(f'"control_mode" must be one of {", ".join(CONTROL_MODES)}, not {shown(mode)}.')
    strength = params.get("control_strength", 1.0)
    if not is_json_number(strength) or not 0.0 <= strength <= MAX_STRENGTH:
        raise RequestRejected(
            f'"control_strength" must be a number from 0 to {MAX_STRENGTH:g}, not {shown(strength)}.'
        )
    offset = params.get("control_offset", 0)
    if not is_json_int(offset) or not 0 <= offset < num_frames:
        raise RequestRejected(
            f'"control_offset" must be a frame of the shot (0 to {num_frames - 1}), not {shown(offset)}.'
        )
    frames = listed_parameter(params, "control_frames", num_frames, "control frames (one a frame)") or []
    masks = listed_parameter(params, "control_masks", num_frames, "masks (one a frame)") or []
    if not frames:
        raise RequestRejected('"control_frames" must hold at least one base64 PNG frame.')
    if mode == "repaint" and len(masks) not in (1, len(frames)):
        raise RequestRejected(
            f'"control_masks" must hold one mask or one per frame ({len(frames)}), not {len(masks)}.'
        )
    sent = [(f"control_frames[{i}]", v) for i, v in enumerate(frames)]
    sent += [(f"control_masks[{i}]", v) for i, v in enumerate(masks)]
    _check_sizes(sent, width, height)
    pixels = len(sent) * width * height
    decoded = decode_stills(sent, limits, limits.max_request_control_bytes, pixels)
    return ControlConditioning(
        mode, tuple(decoded[: len(frames)]), float(strength), tuple(decoded[len(frames) :]), offset
    )


def _check_sizes(sent: list[tuple[str, Any]], width: int, height: int) -> None:
    """Each PNG's header declares the shot's size: read from the base64's first bytes, before decoding."""
    import base64
    import binascii
    import struct

    for name, value in sent:
        if not isinstance(value, str) or len(value) < 32:
            raise RequestRejected(f'"{name}" must be a base64-encoded PNG frame.')
        try:
            head = base64.b64decode(value[:32], validate=True)
        except (binascii.Error, ValueError):
            raise RequestRejected(f'"{name}" is not valid base64.') from None
        if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
            raise RequestRejected(f'"{name}" must be a PNG frame.')
        declared = struct.unpack(">II", head[16:24])
        if declared != (width, height):
            raise RequestRejected(f'"{name}" is {declared[0]}×{declared[1]}; the shot is {width}×{height}.')
