"""A loopback OpenAI-compatible chat server (the /v1/chat/completions route TGI, vLLM and the router
serve), streaming its answers as server-sent events, with the faults a hosted model can have."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from app.serve.server import ServerThread

TOKEN = "hf_chatSECRETtoken4321"
HUGE_CHUNKS = 30_000


def _chunk(text: str) -> str:
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "stand-in",
        "system_fingerprint": "x",
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}],
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


class ChatStandIn:
    """Answers each call with the next of `answers` (the last repeats), or with a fault."""

    def __init__(self, answers: list[str], fault: str | None = None) -> None:
        self.answers = answers
        self.fault = fault
        self.requests: list[dict[str, object]] = []
        self.headers: list[dict[str, str]] = []
        self.chunks_sent = 0
        self.app = Starlette(routes=[Route("/v1/chat/completions", self.handle, methods=["POST"])])

    async def handle(self, request: Request) -> Response:
        self.requests.append(await request.json())
        self.headers.append(dict(request.headers))
        if self.fault == "401":  # a proxy that echoes the credential it refused
            said = f"invalid credential: {request.headers.get('authorization')}"
            return JSONResponse({"error": said}, status_code=401)
        if self.fault == "429":
            return JSONResponse({"error": "rate limit reached"}, status_code=429)
        if self.fault == "slow":
            await asyncio.sleep(5)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        return StreamingResponse(self._stream(answer), media_type="text/event-stream")

    async def _stream(self, answer: str) -> AsyncIterator[str]:
        if self.fault == "huge":  # a runaway model: 1 kB chunks far past any bound (30 MB)
            for _ in range(HUGE_CHUNKS):
                self.chunks_sent += 1
                yield _chunk("x" * 1000)
                await asyncio.sleep(0)  # lets the server see the client leave
        for start in range(0, len(answer), 16):
            self.chunks_sent += 1
            yield _chunk(answer[start : start + 16])
        yield "data: [DONE]\n\n"


@pytest.fixture
def chat_server(monkeypatch):
    """start(answers, fault) -> (stand-in, base URL ending in /v1); stopped after the test."""
    from huggingface_hub import constants

    servers: list[ServerThread] = []
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # conftest keeps the suite offline
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    monkeypatch.setattr("engine.endpoint.hub_token._keyring_token", lambda: None)

    def start(answers: list[str], fault: str | None = None) -> tuple[ChatStandIn, str]:
        stand_in = ChatStandIn(answers, fault)
        server = ServerThread(stand_in.app).start()
        servers.append(server)
        return stand_in, server.url.rstrip("/") + "/v1"

    yield start
    for server in servers:
        server.stop()
