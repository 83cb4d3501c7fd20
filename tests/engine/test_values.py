"""The one JSON-integer check and the one text trim that engine/ and app/ share."""

from __future__ import annotations

import pytest

from engine.endpoint.http_status import STATUS_TEXTS, status_label, status_text
from engine.values import MAX_TEXT, is_json_int, is_json_number, shorten


@pytest.mark.parametrize(
    "value, whole", [(3, True), (0, True), (True, False), (False, False), (3.0, False), ("3", False)]
)
def test_a_json_int_is_never_a_bool(value: object, whole: bool) -> None:
    assert is_json_int(value) is whole


def test_a_json_number_is_an_int_or_float_but_not_a_bool() -> None:
    assert is_json_number(2.5) and is_json_number(2) and not is_json_number(True) and not is_json_number(None)


def test_shorten_cuts_at_the_limit_and_says_so() -> None:
    assert shorten("x" * MAX_TEXT) == "x" * MAX_TEXT
    assert shorten("x" * (MAX_TEXT + 1)) == "x" * MAX_TEXT + "…"
    assert shorten("abcdef", 3) == "abc…"


def test_one_status_table_words_each_status_for_whoever_answered() -> None:
    message, hint = status_text(401, "fal-ai", "the job", "Invalid credentials") or ("", "")
    assert message == "fal-ai refused the token (HTTP 401): Invalid credentials." and "hf auth login" in hint
    message, _ = status_text(404, "The Hub", "endpoint 'wan'") or ("", "")
    assert message == "Endpoint 'wan' was not found (HTTP 404)."
    assert status_text(500, "x", "y") is None and status_text(None, "x", "y") is None
    assert status_label(403) == "token has no access" and status_label(418) == "HTTP 418"
    assert {401, 402, 403, 404, 409, 429} <= set(STATUS_TEXTS)
