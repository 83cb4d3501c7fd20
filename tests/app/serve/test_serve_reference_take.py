"""A take on the reference (VACE) model over loopback `serve` equals the local one, bit for bit."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from image_support import still

from app.serve.server import ServerThread, build_app
from engine.backends.remote import RemoteBackend
from engine.endpoint.handler import EndpointHandler
from engine.endpoint.request_limits import EndpointLimits
from engine.generation.request import (
    FrameSource,
    GenerationRequest,
    Keyframe,
    ReferenceConditioning,
)
from engine.generation.shot_run import run_shot
from engine.progress import CancelToken
from engine.video.video_io import read_frames, write_clip

LIMITS = EndpointLimits(
    max_frames=33, max_side=128, max_pixels=128 * 96, max_steps=4, max_image_bytes=64 << 10
)
TOKEN = "t0k-vace"


@pytest.fixture(scope="module")
def served(tiny_vace, loaded_vace):
    handler = EndpointHandler(model=loaded_vace.spec, limits=LIMITS)
    server = ServerThread(build_app(handler, TOKEN)).start()
    yield server
    server.stop()
    handler.close()


def cast_request(loaded, references: ReferenceConditioning) -> GenerationRequest:
    return GenerationRequest(
        prompt="a girl in a red hanfu pours tea from a celadon teapot",
        negative_prompt="blurry",
        seed=11,
        num_frames=9,
        width=32,
        height=32,
        fps=16,
        num_inference_steps=2,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
        model=loaded.spec,
        references=references,
        made_from={"cast": ["Mei", "Teapot"]},
    )


def test_a_remote_take_with_references_and_keyframes_equals_the_local_one(served, loaded_vace, tmp_path):
    # The first keyframe is a frame of a clip on disk (a previous take): read when the job runs, then sent.
    earlier = np.stack([np.full((32, 32, 3), 50 * i, np.uint8) for i in range(4)])
    earlier[-1, ::3] = 255
    write_clip(earlier, 16, tmp_path / "before.mp4")
    references = ReferenceConditioning(
        (still(1), still(2)),
        (Keyframe(0, FrameSource(tmp_path / "before.mp4")), Keyframe(8, still(3))),
        fit="fit",
    )
    request = cast_request(loaded_vace, references)
    record = RemoteBackend(served.url, token=TOKEN).run(
        request, tmp_path / "take.mp4", lambda p: None, CancelToken()
    )
    local = run_shot(loaded_vace, request)
    remote = read_frames(record.clip)
    assert remote.shape == local.frames.shape and np.array_equal(remote, local.frames)
    assert record.metadata["made_from"] == {"cast": ["Mei", "Teapot"]}  # as a local take keeps it
    # The handler reported running with both references and both keyframes (else no take was kept);
    # the keyframes reached the model over the wire: without them the same seed makes other frames.
    unpinned = cast_request(loaded_vace, dataclasses.replace(references, keyframes=()))
    plain = RemoteBackend(served.url, token=TOKEN).run(
        unpinned, tmp_path / "plain.mp4", lambda p: None, CancelToken()
    )
    assert np.array_equal(read_frames(plain.clip), run_shot(loaded_vace, unpinned).frames)
    assert not np.array_equal(read_frames(plain.clip), remote)
