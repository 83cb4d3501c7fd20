"""Server text is cleaned of our tokens, hf_… shapes and bearer credentials."""

from __future__ import annotations

from engine.endpoint.redaction import REDACTED, redact, remember_secret


def test_our_tokens_hf_shapes_and_bearer_credentials_are_redacted():
    remember_secret("plain-serve-token-1234")
    text = (
        "echo: Authorization: Bearer abc.def-ghi; token plain-serve-token-1234 and "
        "hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345 and the given one given-secret-99"
    )
    out = redact(text, ["given-secret-99"])
    for secret in ("abc.def-ghi", "plain-serve-token-1234", "hf_AbCdEfGhIj", "given-secret-99"):
        assert secret not in out
    assert f"Bearer {REDACTED}" in out and out.count(REDACTED) == 4


def test_ordinary_text_is_left_alone():
    text = "num_frames is 999; this endpoint takes 1 to 161 frames (hf_x, hf_transfer, Bearer)."
    assert redact(text, ["", None, "ab"]) == text  # empty and very short "secrets" are ignored
