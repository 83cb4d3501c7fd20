"""Fixtures of the provider backend tests: the clip fal's stand-in serves, and the stand-in itself."""

from __future__ import annotations

import httpx2
import numpy as np
import pytest
from huggingface_hub import constants, set_client_factory
from huggingface_hub.inference._providers._common import _fetch_inference_provider_mapping
from huggingface_hub.utils import _http
from provider_support import FalStandIn, LoopbackTransport
from remote_support import make_clip

from app.serve.server import ServerThread


@pytest.fixture(scope="module")
def fal_clip(tmp_path_factory) -> tuple[bytes, np.ndarray]:
    """A small lossless MP4 and its frames."""
    return make_clip(tmp_path_factory.mktemp("clip"))


@pytest.fixture
def provider(fal_clip, monkeypatch):
    """start(fault) -> the stand-in, with huggingface_hub's shared client routed to it."""
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # tests/conftest.py sets offline mode
    previous = _http._GLOBAL_CLIENT_FACTORY
    _fetch_inference_provider_mapping.cache_clear()
    servers = []

    def start(fault: str | None = None) -> FalStandIn:
        stand_in = FalStandIn(fal_clip[0], fault)
        server = ServerThread(stand_in.app).start()
        servers.append(server)
        set_client_factory(
            lambda: httpx2.Client(
                event_hooks={"request": [_http.hf_request_event_hook]},
                follow_redirects=True,
                timeout=None,
                transport=LoopbackTransport(server.port),
            )
        )
        return stand_in

    yield start
    set_client_factory(previous)  # closes the test client
    _fetch_inference_provider_mapping.cache_clear()
    for server in servers:
        server.stop()
