"""Given frames over loopback `serve`: a remote controlled take and a remote repaint equal the local ones."""

from __future__ import annotations

import numpy as np
import pytest
from control_support import moving_frames
from PIL import Image

from app.serve.server import ServerThread, build_app
from engine.backends.remote import RemoteBackend
from engine.endpoint.handler import EndpointHandler
from engine.endpoint.request_limits import EndpointLimits
from engine.generation.request import ControlConditioning, GenerationRequest
from engine.generation.shot_run import run_shot
from engine.generation.still_image import png_bytes
from engine.progress import CancelToken
from engine.video.video_io import read_frames

LIMITS = EndpointLimits(
    max_frames=33, max_side=128, max_pixels=128 * 96, max_steps=4, max_image_bytes=64 << 10
)
TOKEN = "t0k-control"


@pytest.fixture(scope="module")
def served(loaded_vace):
    handler = EndpointHandler(model=loaded_vace.spec, limits=LIMITS)
    server = ServerThread(build_app(handler, TOKEN)).start()
    yield server
    server.stop()
    handler.close()


def given(loaded, control: ControlConditioning) -> GenerationRequest:
    return GenerationRequest(
        prompt="a red square slides",
        negative_prompt="",
        seed=7,
        num_frames=9,
        width=32,
        height=32,
        fps=16,
        num_inference_steps=2,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
        model=loaded.spec,
        control=control,
    )


@pytest.mark.slow
def test_remote_controlled_and_repainted_takes_equal_the_local_ones(served, loaded_vace, tmp_path):
    frames = tuple(png_bytes(Image.fromarray(f)) for f in moving_frames(9))
    mask = np.zeros((32, 32), np.uint8)
    mask[8:24, 8:24] = 255
    for number, control in enumerate(
        (
            ControlConditioning("control", frames[:6], 0.6),
            ControlConditioning("repaint", frames, 1.0, (png_bytes(Image.fromarray(mask, "L")),)),
        )
    ):
        request = given(loaded_vace, control)
        record = RemoteBackend(served.url, token=TOKEN).run(
            request, tmp_path / f"take{number}.mp4", lambda p: None, CancelToken()
        )
        local = run_shot(loaded_vace, request).frames
        assert np.array_equal(read_frames(record.clip), local), control.mode


@pytest.mark.slow
def test_a_remote_extension_is_joined_here_and_equals_the_local_one(served, loaded_vace, tmp_path):
    """The endpoint makes the known frames and the new ones; the take is joined on this machine."""
    import dataclasses

    from engine.video.video_io import write_clip

    take = tmp_path / "take-001.mp4"
    old = moving_frames(9)
    write_clip(old, 16, take)
    context, new = 8, 5
    for before in (False, True):
        start = 0 if before else len(old) - context
        known = tuple(png_bytes(Image.fromarray(f)) for f in old[start : start + context])
        control = ControlConditioning("known", known, 1.0, (), new if before else 0, take, before)
        request = dataclasses.replace(given(loaded_vace, control), num_frames=context + new)
        clip = tmp_path / f"take-{2 + before:03d}.mp4"
        record = RemoteBackend(served.url, token=TOKEN).run(request, clip, lambda p: None, CancelToken())
        remote, local = read_frames(record.clip), run_shot(loaded_vace, request).frames
        assert len(remote) == len(old) + new and record.metadata["frames"] == len(old) + new
        assert np.array_equal(remote, local), before
        assert np.array_equal(remote[new:] if before else remote[: len(old)], old)
        assert [p.name for p in tmp_path.iterdir() if ".received" in p.name] == []
