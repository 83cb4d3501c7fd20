"""The Hub's and huggingface_hub's failures, turned into one message a person can act on."""

from __future__ import annotations

import json

from engine.endpoint.http_status import status_text
from engine.errors import StoryreelError
from engine.values import shorten

TOKEN_HINT = "Paste a token with write access in Preferences > Remote, set HF_TOKEN, or run `hf auth login`."


class EndpointAdminError(StoryreelError):
    """Managing an Inference Endpoint failed; `status` is the Hub's HTTP status when there was one."""

    hint = "Try again in a moment; the details are in the log."

    def __init__(self, message: str, hint: str | None = None, status: int | None = None) -> None:
        super().__init__(message, hint)
        self.status = status


class EndpointInputError(EndpointAdminError):
    """A name, namespace or setting refused before anything is sent to the Hub."""

    hint = "Check the value named above."


def _server_text(exc: BaseException) -> str:
    """What the Hub said, in one line and bounded (a hostile or broken answer can be any size)."""
    text = getattr(exc, "server_message", None) or ""
    text = " ".join(str(text).split())
    return shorten(text)


# Where managing endpoints knows a better next step than the table's.
ADMIN_HINTS = {404: "Check the name and namespace: `main.py endpoint status NAME --namespace ORG`."}


def http_error(exc: BaseException, what: str) -> EndpointAdminError:
    """An HfHubHTTPError as a readable error; `what` names the thing acted on ("endpoint 'wan'")."""
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    said = _server_text(exc)
    detail = f": {said}" if said else ""
    known = status_text(status, "The Hub", what, said, hints=ADMIN_HINTS)
    if known is not None:
        return EndpointAdminError(*known, status)
    if status is not None and status >= 500:
        return EndpointAdminError(f"The Hub had trouble with {what} (HTTP {status}){detail}.", status=status)
    return EndpointAdminError(
        f"The Hub refused to act on {what} (HTTP {status}){detail}.",
        "Check the settings given; the Hub's words are above.",
        status,
    )


def describe(exc: BaseException, what: str) -> EndpointAdminError:
    """Any failure of a Hub call as an EndpointAdminError (ours pass through)."""
    from huggingface_hub.errors import (
        HfHubHTTPError,
        InferenceEndpointError,
        InferenceEndpointTimeoutError,
        OfflineModeIsEnabled,
    )

    if isinstance(exc, EndpointAdminError):
        return exc
    if isinstance(exc, HfHubHTTPError):
        return http_error(exc, what)
    if isinstance(exc, InferenceEndpointTimeoutError):
        return EndpointAdminError(
            f"{what[0].upper()}{what[1:]} was not running before the time ran out.",
            "It may still start: check with `main.py endpoint status NAME` or Refresh.",
        )
    if isinstance(exc, InferenceEndpointError):
        return EndpointAdminError(
            f"{what[0].upper()}{what[1:]} failed: {exc}",
            "Open the endpoint's page on endpoints.huggingface.co for its logs.",
        )
    if isinstance(exc, OfflineModeIsEnabled):
        return EndpointAdminError("The Hub is off: HF_HUB_OFFLINE is set.", "Unset HF_HUB_OFFLINE.")
    import httpx2

    if isinstance(exc, httpx2.TransportError):
        return EndpointAdminError(
            f"Cannot reach the Hub ({type(exc).__name__}: {exc}).",
            "Check the internet connection (and HF_ENDPOINT if set).",
        )
    if isinstance(exc, (KeyError, TypeError, AttributeError, json.JSONDecodeError)):
        return EndpointAdminError(
            f"The Hub's answer about {what} could not be read ({type(exc).__name__}: {exc}).",
            "Try again later; if it persists, the details are in the log.",
        )
    if isinstance(exc, ValueError):  # huggingface_hub's own checks: bad repo ids, no user namespace
        return EndpointAdminError(f"Cannot act on {what}: {exc}", "Check the name and namespace given.")
    return EndpointAdminError(f"Acting on {what} failed unexpectedly ({type(exc).__name__}: {exc}).")
