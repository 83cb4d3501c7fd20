"""Draft with its LoRA pair neither cached nor reachable fails at once, in one readable line."""

from __future__ import annotations

import time

import pytest

from engine.errors import hint_of
from engine.generation.request import DraftLoras
from engine.generation.speed.draft import fetch_draft_loras
from engine.generation.speed.levers import SpeedError


@pytest.mark.parametrize("offline_flag", [True, False])
def test_draft_offline_fails_at_once_in_one_line(monkeypatch, offline_flag) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", offline_flag)
    # Without the flag: a Hub that refuses at once (nothing listens on the discard port).
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")
    started = time.monotonic()
    with pytest.raises(SpeedError) as info:
        fetch_draft_loras(DraftLoras())
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert "\n" not in message and len(message) < 160, message
    assert "not downloaded" in message and "lightx2v/Wan2.2-Lightning" in message
    assert "--draft-loras" in (hint_of(info.value) or "")
