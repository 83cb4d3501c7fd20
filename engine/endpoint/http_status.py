"""One table from an HTTP status to what it means for a person: what happened, and what to try.

Endpoints, Inference Providers and the Hub's endpoint management all answer 401, 403, 429 and the
like; each caller names who answered and what was asked for, and the words come from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

TOKEN_HINT = "Set a Hugging Face token in Preferences > Remote, set HF_TOKEN, or run `hf auth login`."


@dataclass(frozen=True)
class StatusText:
    """A status's sentence ({who} answered about {what}; {said} is their words), hint and short label."""

    message: str
    hint: str
    label: str


STATUS_TEXTS: dict[int, StatusText] = {
    401: StatusText(
        "{who} refused the token (HTTP 401){said}.", "Check the token. " + TOKEN_HINT, "token refused"
    ),
    402: StatusText(
        "No credits left for this token at {who} (HTTP 402){said}.",
        "Add credits or a payment method at https://huggingface.co/settings/billing, "
        "or generate locally or on an endpoint.",
        "no credits left",
    ),
    403: StatusText(
        "The token has no access to {what} (HTTP 403){said}.",
        "Use a token with access to it (managing endpoints needs write access and a payment method "
        "on the account). " + TOKEN_HINT,
        "token has no access",
    ),
    404: StatusText("{What} was not found (HTTP 404){said}.", "Check the name or the address.", "not found"),
    409: StatusText(
        "{What} already exists (HTTP 409){said}.", "Pick another name, or resume the existing one.", "exists"
    ),
    429: StatusText(
        "{who} is rate limiting this token or its quota is used up (HTTP 429){said}.",
        "Wait a few minutes, then retry.",
        "rate limited",
    ),
}


def status_text(
    status: int | None, who: str, what: str, said: str = "", hints: Mapping[int, str] | None = None
) -> tuple[str, str] | None:
    """(message, hint) for a status in the table, else None; `hints` are the caller's own, where it knows better."""
    if status is None or status not in STATUS_TEXTS:
        return None
    text = STATUS_TEXTS[status]
    detail = f": {said}" if said else ""
    what_cap = what[:1].upper() + what[1:]
    hint = (hints or {}).get(status, text.hint)
    return text.message.format(who=who, what=what, What=what_cap, said=detail), hint


def status_label(status: int) -> str:
    """A few words for a status, as a health check shows it."""
    text = STATUS_TEXTS.get(status)
    return text.label if text is not None else f"HTTP {status}"
