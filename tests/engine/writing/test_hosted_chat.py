"""The hosted language model against a loopback OpenAI-compatible server: real HTTP, real client."""

from __future__ import annotations

import json
import logging

import pytest
from chat_support import HUGE_CHUNKS, TOKEN

from engine.endpoint.urls import EndpointUrlError
from engine.progress import Cancelled, CancelToken
from engine.writing.chat_json import MAX_ANSWER_CHARS, AnswerTooLong, BadAnswer, WritingError
from engine.writing.hosted_chat import HostedChat

SCHEMA = {
    "type": "object",
    "required": ["prompt"],
    "additionalProperties": False,
    "properties": {"prompt": {"type": "string", "minLength": 1}},
}
ASK = [{"role": "user", "content": "a cat"}]


def test_a_valid_answer_is_returned_and_the_request_asks_for_the_schema(chat_server):
    server, url = chat_server([json.dumps({"prompt": "A grey cat walks along a wall at dusk."})])
    answer = HostedChat(url, model="some/model").chat_json(ASK, SCHEMA)
    assert answer == {"prompt": "A grey cat walks along a wall at dusk."}
    sent = server.requests[0]
    # huggingface_hub sends a base URL TGI's grammar form of the same request: the schema goes along.
    assert sent["response_format"] == {"type": "json_object", "value": SCHEMA}
    assert sent["stream"] is True and sent["model"] == "some/model" and sent["messages"] == ASK
    assert server.headers[0]["authorization"] == f"Bearer {TOKEN}"


def test_invalid_json_is_retried_once_and_a_good_second_answer_is_used(chat_server):
    server, url = chat_server(["{not json", json.dumps({"prompt": "ok"})])
    assert HostedChat(url).chat_json(ASK, SCHEMA) == {"prompt": "ok"}
    assert len(server.requests) == 2
    retry = server.requests[1]["messages"]
    assert retry[-2] == {"role": "assistant", "content": "{not json"} and "not JSON" in retry[-1]["content"]


@pytest.mark.parametrize(
    "bad", ["{not json", json.dumps({"prompt": ""}), json.dumps({"title": "x"}), "[1, 2]"]
)
def test_a_bad_answer_twice_is_a_clear_error(chat_server, bad):
    server, url = chat_server([bad])
    with pytest.raises(BadAnswer, match="did not answer in the expected form, twice") as caught:
        HostedChat(url).chat_json(ASK, SCHEMA)
    assert len(server.requests) == 2 and "Nothing was changed" in str(caught.value)


def test_a_timeout_is_a_clear_error(chat_server):
    _, url = chat_server(["{}"], fault="slow")
    with pytest.raises(WritingError, match="did not answer within 1 s"):
        HostedChat(url, timeout=1).chat_json(ASK, SCHEMA)


def test_429_says_wait(chat_server):
    _, url = chat_server(["{}"], fault="429")
    with pytest.raises(WritingError, match="rate limiting") as caught:
        HostedChat(url).chat_json(ASK, SCHEMA)
    assert "Wait" in caught.value.hint


def test_401_says_token_and_never_shows_the_echoed_token(chat_server, caplog):
    _, url = chat_server(["{}"], fault="401")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(WritingError, match="refused the token") as caught:
        HostedChat(url).chat_json(ASK, SCHEMA)
    assert "token" in caught.value.hint.lower()
    assert TOKEN not in str(caught.value) and TOKEN not in caught.value.hint and TOKEN not in caplog.text
    assert "[redacted]" in str(caught.value)  # the server's words are kept, without the credential


def test_a_huge_answer_is_refused_without_reading_it_all(chat_server):
    server, url = chat_server(["{}"], fault="huge")
    with pytest.raises(AnswerTooLong, match="more than"):
        HostedChat(url).chat_json(ASK, SCHEMA)
    # The endless stream was closed once past the bound (what the server sent beyond it sat in
    # socket buffers, never in the answer).
    assert MAX_ANSWER_CHARS // 1000 < server.chunks_sent < HUGE_CHUNKS // 5


def test_cancel_closes_the_call(chat_server):
    server, url = chat_server([json.dumps({"prompt": "x" * 5000})])
    cancel = CancelToken()

    def on_progress(_):
        cancel.cancel()

    with pytest.raises(Cancelled):
        HostedChat(url).chat_json(ASK, SCHEMA, progress=on_progress, cancel=cancel)
    assert len(server.requests) == 1


def test_a_token_never_goes_over_plain_http_to_a_public_host(chat_server):
    with pytest.raises(EndpointUrlError, match="plain http"):
        HostedChat("http://example.com/v1").chat_json(ASK, SCHEMA)
