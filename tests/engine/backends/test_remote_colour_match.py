"""Colour matching at joins runs locally only: the remote backends refuse it before anything is sent."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from remote_support import REQUEST

from engine.backends.provider import ProviderBackend, ProviderError
from engine.backends.take_record import refuse_local_only
from engine.endpoint.http_call import EndpointError
from engine.progress import CancelToken


def test_colour_matching_is_refused_for_an_endpoint_in_words() -> None:
    refuse_local_only(REQUEST, "this endpoint")  # without it, nothing to refuse
    with pytest.raises(EndpointError, match="Colour matching .* this endpoint cannot do it"):
        refuse_local_only(dataclasses.replace(REQUEST, colour_match=True), "this endpoint")


def test_colour_matching_is_refused_by_inference_providers(tmp_path: Path) -> None:
    matched = dataclasses.replace(REQUEST, colour_match=True)
    with pytest.raises(ProviderError, match="Colour matching"):
        ProviderBackend(token="hf_test_token_0000").run(
            matched, tmp_path / "t.mp4", lambda p: None, CancelToken()
        )
    assert not (tmp_path / "t.mp4").exists()
