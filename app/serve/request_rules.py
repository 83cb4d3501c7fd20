"""What `serve` accepts, as strictly as the Inference Toolkit, and a body read that stays bounded."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

from engine.endpoint.request_limits import EndpointLimits, b64_length
from engine.errors import StoryreelError

# A prompt, its settings and the keyframes' frames, plus every still of the request in base64 (start
# and end images, references, keyframes: 32 MB together by default, each bounded further by the
# handler); anything larger is refused before it is read.
# A control clip's frames and a repaint's masks have a bound of their own beside the stills'.
MAX_BODY = (1 << 20) + b64_length(
    EndpointLimits().max_request_image_bytes + EndpointLimits().max_request_control_bytes
)
BODY_TIMEOUT = 30.0  # seconds for the whole body once the headers are in
# The toolkit's content_type_mapping for JSON: exact strings, compared as sent.
JSON_TYPES = ("application/json", "application/json; charset=UTF-8")
# Media bodies the toolkit accepts for other tasks; a text-to-video handler takes JSON only.
MEDIA_PREFIXES = ("image/", "audio/")


class BodyProblem(StoryreelError):
    """A request body that is refused; status is the HTTP answer (400, 408 or 413)."""

    hint = "Send a smaller JSON body, in full, within the server's time limit."

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def content_type_problem(content_type: str | None) -> str | None:
    """Why a request's Content-Type is refused, or None when it is one the toolkit reads as JSON."""
    if not content_type:
        return "No content type provided. Send Content-Type: application/json."
    if content_type in JSON_TYPES:
        return None
    if content_type.lower().startswith(MEDIA_PREFIXES):
        return (
            f'Content type "{content_type}" carries media; text-to-video takes a JSON body '
            '{"inputs": prompt, "parameters": {...}}.'
        )
    return (
        f'Content type "{content_type}" not supported. Supported content types are: '
        f"{', '.join(JSON_TYPES)} (exactly as written), image/*, audio/*."
    )


def accept_problem(accept: str | None) -> str | None:
    """Why the Accept header cannot be met, or None: missing, */* or exactly a JSON type, as in the toolkit."""
    if accept is None or accept == "*/*" or accept in JSON_TYPES:
        return None
    return (
        f'Accept type "{accept}" not supported: answers are {" or ".join(JSON_TYPES)} '
        "(the video is base64 inside)."
    )


def query_parameters(query: Mapping[str, str]) -> dict[str, Any]:
    """Query parameters as the toolkit converts them: digits to int, "true"/"false" to bool, else text."""
    out: dict[str, Any] = {}
    for key, value in query.items():
        if value.isnumeric():
            out[key] = int(value)
        elif value in ("true", "false"):
            out[key] = value == "true"
        else:
            out[key] = value
    return out


async def read_body(
    headers: Mapping[str, str],
    chunks: AsyncIterator[bytes],
    limit: int = MAX_BODY,
    timeout: float = BODY_TIMEOUT,
) -> bytes:
    """The body, counted as it streams: over limit is refused at once (by Content-Length, or as it arrives)."""
    declared = headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise BodyProblem(f"Content-Length {declared!r} is not a byte count.")
        if int(declared) > limit:
            raise BodyProblem(f"The request body is {declared} bytes; at most {limit} are accepted.", 413)

    async def collect() -> bytes:
        body = bytearray()
        async for chunk in chunks:
            body += chunk
            if len(body) > limit:
                raise BodyProblem(
                    f"The request body is over {limit} bytes; at most {limit} are accepted.", 413
                )
        return bytes(body)

    try:
        return await asyncio.wait_for(collect(), timeout)
    except asyncio.TimeoutError:
        raise BodyProblem(f"The request body did not arrive within {timeout:.0f} s.", 408) from None


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def loads_strict(body: bytes) -> object:
    """Standard JSON only: NaN, Infinity and -Infinity (which Python's json takes) are refused."""
    try:
        return json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:  # RecursionError: nesting deeper than Python's stack
        raise BodyProblem(f"The body is not valid JSON: {exc}") from None


def dumps_standard(doc: object) -> str:
    """JSON any client can parse: ValueError for NaN or Infinity rather than writing them."""
    return json.dumps(doc, ensure_ascii=False, allow_nan=False)
