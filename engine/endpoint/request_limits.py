"""How large a request an endpoint takes: the limits, set per deployment, and the refusal that names one."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from engine.errors import StoryreelError


class RequestRejected(StoryreelError, ValueError):
    """A request the handler will not run; the message says which input and the limit."""

    hint = "Change the request to fit the endpoint's limits."


def b64_length(size: int) -> int:
    """The length of size bytes in base64: what a string may hold before it is decoded."""
    return (size + 2) // 3 * 4


@dataclass(frozen=True)
class EndpointLimits:
    """The largest request a handler accepts; set per deployment with STORYREEL_MAX_* variables."""

    max_frames: int = 161
    max_side: int = 1280
    max_pixels: int = 1280 * 720
    max_steps: int = 100
    max_prompt_chars: int = 2000
    max_image_bytes: int = 16 << 20  # each still (start, end, reference, keyframe), decoded
    max_reference_images: int = 16
    # All the stills of one request together: bytes as sent, and pixels once decoded (the run holds
    # every reference at once, so their sum bounds its memory, not each one alone).
    max_request_image_bytes: int = 32 << 20
    max_request_image_pixels: int = 64_000_000
    # A control clip's frames and a repaint's masks (PNG sequences, one frame each at most), together.
    max_request_control_bytes: int = 64 << 20

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> EndpointLimits:
        """Defaults, overridden by STORYREEL_MAX_FRAMES, _SIDE, … (each field's name in capitals)."""
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            text = env.get("STORYREEL_" + f.name.upper())
            if text:
                try:
                    values[f.name] = int(text)
                except ValueError:
                    raise RequestRejected(f"STORYREEL_{f.name.upper()} must be a whole number") from None
        return cls(**values)
