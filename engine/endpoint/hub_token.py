"""The Hugging Face token for endpoints: kept in the system keyring, never in files or logs."""

from __future__ import annotations

import logging
import os

from engine.errors import StoryreelError

KEYRING_SERVICE = "storyreel"
KEYRING_USER = "huggingface-token"
KEYRING = "keyring"
ENV = "HF_TOKEN"
HUB = "huggingface_hub"

log = logging.getLogger(__name__)


class TokenStoreError(StoryreelError):
    """The system keyring could not store or delete the token."""

    hint = "Unlock the system keyring, or set HF_TOKEN in the environment instead."


def _keyring_token() -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or None
    except Exception as exc:  # no keyring backend, a locked or absent Secret Service: not fatal
        log.info("No token from the system keyring (%s)", type(exc).__name__)
        return None


def _hub_token() -> str | None:
    try:
        from huggingface_hub import get_token

        return get_token() or None
    except Exception:
        return None


def find_token() -> tuple[str | None, str]:
    """(token, where it came from): the keyring, then HF_TOKEN, then huggingface_hub's saved login."""
    for where, lookup in (
        (KEYRING, _keyring_token),
        (ENV, lambda: os.environ.get(ENV) or None),
        (HUB, _hub_token),
    ):
        token = lookup()
        if token:
            return token.strip(), where
    return None, ""


def store_token(token: str) -> None:
    """Save the token in the system keyring (replacing any saved one)."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, token.strip())
    except Exception as exc:
        raise TokenStoreError(
            f"The system keyring could not save the token ({type(exc).__name__}). "
            "Set HF_TOKEN or run `hf auth login` instead."
        ) from exc


def delete_token() -> None:
    """Forget the token saved in the system keyring (nothing happens if none is saved)."""
    try:
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
        except PasswordDeleteError:
            return
    except Exception as exc:
        raise TokenStoreError(
            f"The system keyring could not delete the token ({type(exc).__name__})."
        ) from exc


def mask(token: str | None) -> str:
    """A token as it may be shown: 'hf_…wxyz', or 'none'."""
    if not token:
        return "none"
    return f"{token[:3]}…{token[-4:]}" if len(token) > 10 else "…"
