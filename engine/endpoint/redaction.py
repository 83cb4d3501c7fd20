"""Text from a server, cleaned of credentials before it is shown, logged or saved.

An endpoint (or a proxy in front of it) may echo the request's `Authorization` header in an error
body; that text becomes a shot's error in the .reel, a log line and a console message. Every text
that comes from a server passes through `redact` where it enters (the HTTP call, the answer's
checks, the provider's errors), with the tokens this process sends.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from engine.values import shorten

REDACTED = "[redacted]"
# Hugging Face tokens (hf_ + 34 random letters and digits; api_org_ for old organisation tokens;
# a capital or a digit in it, so names like hf_transfer stay), and whatever follows "Bearer" (any
# scheme's credential, ours or one we do not know).
_SHAPES = re.compile(
    r"\b(?:hf|api_org)_(?=[\w-]*[A-Z0-9])[A-Za-z0-9_-]{8,}|(?P<scheme>(?i:\bbearer)\s+)[^\s\"',;}]+"
)
MIN_SECRET = 6  # a shorter "token" would blank ordinary words

_lock = threading.Lock()
_ours: set[str] = set()


def remember_secret(secret: str | None) -> None:
    """Add a token this process sends (to endpoints, providers), so server text never repeats it."""
    if secret and len(secret) >= MIN_SECRET:
        with _lock:
            _ours.add(secret)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """text with our tokens (remembered and secrets), hf_… shapes and bearer credentials replaced."""
    with _lock:
        ours = set(_ours)
    ours.update(s for s in secrets if s and len(s) >= MIN_SECRET)
    for secret in sorted(ours, key=len, reverse=True):  # a token that contains another goes first
        text = text.replace(secret, REDACTED)
    # "Bearer x" keeps its word, so the message still says what was echoed.
    return _SHAPES.sub(lambda m: (m.group("scheme") or "") + REDACTED, text)


def shown(value: object, limit: int = 80) -> str:
    """A value someone sent, as quoted in a message: redacted, then cut (it can be any size)."""
    return shorten(redact(repr(value)), limit)  # redacted before it is cut, or half a token would stay
