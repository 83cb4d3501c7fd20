"""ProviderBackend's takes through the real InferenceClient: what it sends and writes, cancelling, timeouts."""

from __future__ import annotations

import json
import logging
import threading
import time

import numpy as np
import pytest
from provider_support import FAL_APP, MODEL, TOKEN, run, wait_for_workers_to_end
from remote_support import REQUEST

from engine.backends.provider import ProviderBackend, ProviderTimeout, provider_extras
from engine.generation.request import GenerationRequest
from engine.progress import Cancelled, CancelToken
from engine.video.video_io import read_frames


def test_success_writes_a_playable_clip_and_sidecar_without_the_token(fal_clip, provider, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    stand_in = provider()
    backend = ProviderBackend(token=TOKEN)
    messages: list = []
    record = run(backend, tmp_path / "take.mp4", messages)

    assert np.array_equal(read_frames(record.clip), fal_clip[1])
    assert (tmp_path / "take.mp4").read_bytes() == fal_clip[0]  # as it came, no re-encode
    meta = record.metadata
    assert meta["backend"] == "provider:fal-ai" and meta["model"] == MODEL and meta["seed"] == 7
    assert (meta["frames"], meta["width"], meta["height"], meta["fps"]) == (5, 32, 32, 16)
    assert meta["steps"] == 2 and meta["guidance_scale"] == 4.0
    sidecar = (tmp_path / "take.json").read_text(encoding="utf-8")
    assert json.loads(sidecar) == meta
    assert any(m.stage == "generating" and m.message.startswith("Generating on fal-ai (") for m in messages)

    # What the real client sent: the provider mapping from the Hub, then fal's queue via the router.
    submit = next(s for s in stand_in.calls("router.huggingface.co") if s["method"] == "POST")
    assert submit["path"] == f"/fal-ai/{FAL_APP}"
    assert submit["body"] == {
        "prompt": "a lighthouse",
        "negative_prompt": "blur",
        "num_frames": 5,
        "num_inference_steps": 2,
        "guidance_scale": 4.0,
        "seed": 7,
        **provider_extras("fal-ai", REQUEST),
    }
    assert all(
        s["headers"]["authorization"] == f"Bearer {TOKEN}" for s in stand_in.calls("router.huggingface.co")
    )
    assert len([s for s in stand_in.seen if s["path"].endswith("/status")]) == 2
    [download] = stand_in.calls("v3.fal.media")
    assert "authorization" not in download["headers"]  # the token never goes to the media host
    assert stand_in.calls("huggingface.co")[0]["query"]["expand"] == "inferenceProviderMapping"
    texts = [sidecar, repr(backend), caplog.text, *(m.message for m in messages)]
    assert not any(TOKEN in text for text in texts)
    assert wait_for_workers_to_end()


def test_a_different_clip_than_asked_is_recorded_as_made(provider, tmp_path):
    import dataclasses

    provider()
    messages: list = []
    asked = dataclasses.replace(REQUEST, width=48, num_frames=9)
    record = ProviderBackend(token=TOKEN).run(asked, tmp_path / "t.mp4", messages.append, CancelToken())
    assert (record.metadata["width"], record.metadata["frames"]) == (32, 5)  # what the file holds
    assert any(
        "made 32×32, 5 frames" in m.message and "asked for 48×32, 9 frames" in m.message for m in messages
    )


def test_cancel_while_waiting_stops_promptly_writes_nothing_and_stops_polling(provider, tmp_path):
    stand_in = provider("hang")
    cancel = CancelToken()
    threading.Timer(0.8, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4", cancel=cancel)
    assert time.monotonic() - started < 1.3 and not list(tmp_path.iterdir())
    assert wait_for_workers_to_end()  # the worker's next poll is refused, so it ends
    polls = len(stand_in.seen)
    time.sleep(0.7)
    assert len(stand_in.seen) == polls


def test_timeout_stops_waiting(provider, tmp_path):
    provider("hang")
    started = time.monotonic()
    with pytest.raises(ProviderTimeout, match="did not finish within"):
        run(ProviderBackend(token=TOKEN, timeout=0.6), tmp_path / "t.mp4")
    assert time.monotonic() - started < 1.5 and not list(tmp_path.iterdir())
    assert wait_for_workers_to_end()


def test_fal_extras_pick_the_nearest_preset():
    wide = GenerationRequest(
        prompt="x",
        negative_prompt="",
        seed=1,
        num_frames=81,
        width=1280,
        height=720,
        fps=16,
        num_inference_steps=40,
        guidance_scale=4.0,
        guidance_scale_2=None,
    )
    assert provider_extras("fal-ai", wide) == {
        "frames_per_second": 16,
        "resolution": "720p",
        "aspect_ratio": "16:9",
    }
    tall = GenerationRequest(
        prompt="x",
        negative_prompt="",
        seed=1,
        num_frames=81,
        width=480,
        height=832,
        fps=16,
        num_inference_steps=40,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
    )
    assert provider_extras("fal-ai", tall)["aspect_ratio"] == "9:16"
    assert provider_extras("fal-ai", tall)["resolution"] == "480p"
    assert provider_extras("replicate", tall) == {}


def test_a_provider_take_is_scored_once_written_when_the_backend_has_a_hook(provider, tmp_path):
    from engine.backends.review_hook import review_hook
    from engine.review.review_config import ReviewConfig

    provider()
    backend = ProviderBackend(token=TOKEN)
    backend.after_take = review_hook(ReviewConfig(enabled=frozenset({"motion", "flicker"})))
    record = run(backend, tmp_path / "take.mp4")
    assert record.metadata["scores"]["flicker"]["status"] == "ok"
    assert record.metadata["safety"] == {"verdict": "off"}
    sidecar = json.loads((tmp_path / "take.json").read_text(encoding="utf-8"))
    assert sidecar["scores"] == record.metadata["scores"]
    assert wait_for_workers_to_end()
