"""A Draft request is refused by the remote backends (they run Final only) before anything is sent."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from remote_support import REQUEST
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.serve.server import ServerThread
from engine.backends.provider import ProviderBackend, ProviderError
from engine.backends.remote import RemoteBackend
from engine.endpoint.http_call import EndpointError
from engine.progress import CancelToken


def test_a_draft_is_refused_by_an_endpoint_which_is_never_called(tmp_path: Path) -> None:
    seen: list[dict] = []

    async def anything(request: Request) -> JSONResponse:
        seen.append(json.loads(await request.body() or b"{}"))
        return JSONResponse({"error": "should not be called"}, status_code=500)

    app = Starlette(routes=[Route("/{path:path}", anything, methods=["GET", "POST"])])
    server = ServerThread(app).start()
    try:
        draft = dataclasses.replace(REQUEST, quality="draft")
        with pytest.raises(EndpointError, match="Final only"):
            RemoteBackend(server.url).run(draft, tmp_path / "t.mp4", lambda p: None, CancelToken())
    finally:
        server.stop()
    assert not [body for body in seen if body.get("inputs")]  # no generation was asked for
    assert not (tmp_path / "t.mp4").exists()


def test_a_draft_is_refused_by_inference_providers(tmp_path: Path) -> None:
    draft = dataclasses.replace(REQUEST, quality="draft")
    with pytest.raises(ProviderError, match="Final only"):
        ProviderBackend(token="hf_test_token_0000").run(
            draft, tmp_path / "t.mp4", lambda p: None, CancelToken()
        )
