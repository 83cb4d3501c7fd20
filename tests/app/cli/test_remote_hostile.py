"""`main.py render` in its own process against a loopback endpoint that answers badly (issue 21).

Out-of-range values, a video-only answer, a clip of another size, a huge body and an echoed token:
each shot fails with a clear message (or is recorded honestly), the film still opens, and no token
reaches the .reel, its backup, the sidecars, storyreel.log or the console.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from remote_support import make_clip
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from app.cli.main import run_cli
from app.project.reel_file import load_project
from app.serve.server import ServerThread
from app.settings.user_settings import UserSettings, save_settings

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "ours-not-hf-shaped-7731"  # as a `serve` token may be: known as ours only by its value
STRANGER = "hf_someoneELSEtoken98765"  # not ours: redacted by its shape
Answer = Callable[[dict, bytes], Response]


def good(params: dict, clip: bytes) -> dict:
    """What Storyreel's handler answers for these parameters (the clip holds 5 frames of 32×32 at 16)."""
    names = ("num_frames", "num_inference_steps", "guidance_scale", "guidance_scale_2", "seed")
    applied = {k: params.get(k) for k in names}
    applied.update(width=params["width"], height=params["height"], fps=params["fps"], negative_prompt="")
    return {
        "video": base64.b64encode(clip).decode(),
        "content_type": "video/mp4",
        "seed": params["seed"],
        "parameters": applied,
        "model": "tiny",
        "model_revision": "abc123",
    }


def changed(where: str, name: str, value: object) -> Answer:
    """A good answer with one value replaced (at the top level or in its parameters)."""

    def answer(params: dict, clip: bytes) -> Response:
        doc = good(params, clip)
        (doc if where == "top" else doc["parameters"])[name] = value
        return JSONResponse(doc)

    return answer


def video_only(params: dict, clip: bytes) -> Response:
    return JSONResponse({"video": base64.b64encode(clip).decode(), "content_type": "video/mp4"})


def huge(params: dict, clip: bytes) -> Response:
    """3 MB of answer, streamed without a length (so only counting what arrives can stop it)."""

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"video": "'
        for _ in range(48):
            yield b"A" * 65536
        yield b'", "content_type": "video/mp4"}'

    return StreamingResponse(chunks(), media_type="application/json")


def echo(params: dict, clip: bytes, header: str = "") -> Response:
    return JSONResponse({"error": f"refused the request with {header} (token {TOKEN}, not {STRANGER})"}, 500)


class Endpoint:
    """A loopback endpoint whose answer the test picks; it echoes the Authorization it got."""

    def __init__(self, clip: bytes) -> None:
        self.clip, self.answer = clip, video_only

        async def predict(request: Request) -> Response:
            params = (await request.json())["parameters"]
            if self.answer is echo:
                return echo(params, self.clip, request.headers.get("authorization", ""))
            return self.answer(params, self.clip)

        self.app = Starlette(routes=[Route("/", predict, methods=["POST"])])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    stand_in = Endpoint(make_clip(tmp_path_factory.mktemp("clip"))[0])
    with ServerThread(stand_in.app) as server:
        yield stand_in, server.url


def film(folder: Path, model: Path) -> Path:
    shots = folder / "shots.csv"
    shots.write_text("prompt,seed\nA red kite,1\n", encoding="utf-8")
    path = folder / "film.reel"
    size = ["--width", "32", "--height", "32", "--frames", "5", "--fps", "16", "--steps", "2"]
    assert run_cli(["new", str(path), "--shots", str(shots), "--model", str(model), *size]) == 0
    return path


def render(path: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process, with the token in HF_TOKEN (as a user's shell has it)."""
    argv = [sys.executable, "main.py", "render", str(path), "-o", str(path.with_suffix(".mp4"))]
    env = {**os.environ, "HF_TOKEN": TOKEN}
    return subprocess.run(
        [*argv, "--endpoint", url, *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def still_opens(path: Path) -> None:
    """The film and its backup (where there is one) load."""
    load_project(path)
    backup = path.with_name(path.name + ".bak")
    if backup.exists():
        load_project(backup)


BAD_VALUES = [
    ("top", "seed", -1, '"seed": -1'),
    ("top", "seed", 10**45, '"seed": 1000000000000000000000000000000000000000000000'),
    ("parameters", "num_inference_steps", 10**6, '"num_inference_steps": 1000000'),
    ("parameters", "width", 100001, '"width": 100001'),
    ("top", "model_revision", 123, '"model_revision": 123'),
]


@pytest.mark.parametrize(("where", "name", "value", "said"), BAD_VALUES, ids=[b[1] for b in BAD_VALUES])
def test_an_out_of_range_value_fails_the_shot_and_the_film_still_opens(
    endpoint, tiny_a14b, tmp_path, where, name, value, said
):
    stand_in, url = endpoint
    path = film(tmp_path, tiny_a14b)
    stand_in.answer = changed(where, name, value)
    done = render(path, url)
    assert done.returncode == 1, done.stdout + done.stderr
    assert said in done.stderr and "which a take cannot hold" in done.stderr
    still_opens(path)
    shot = load_project(path).shots[0]
    assert shot.takes == [] and said in (shot.error or "")
    assert not list(path.with_suffix(".media").rglob("*.mp4"))  # nothing half-kept


def test_a_video_only_answer_is_a_take_that_says_what_was_not_reported(endpoint, tiny_a14b, tmp_path):
    stand_in, url = endpoint
    path = film(tmp_path, tiny_a14b)
    stand_in.answer = video_only
    done = render(path, url)
    assert done.returncode == 0, done.stdout + done.stderr
    take = load_project(path).shots[0].active
    assert take is not None and (take.width, take.height, take.frames, take.fps) == (32, 32, 5, 16)
    assert take.settings_not_reported["width"] == "clip"
    assert take.settings_not_reported["num_inference_steps"] == "request"
    sidecar = json.loads(path.with_suffix(".media").joinpath(take.path).with_suffix(".json").read_text())
    assert sidecar["settings_not_reported"] == take.settings_not_reported


def test_a_clip_of_another_size_than_reported_fails_the_shot(endpoint, tiny_a14b, tmp_path):
    stand_in, url = endpoint
    path = film(tmp_path, tiny_a14b)
    stand_in.answer = changed("parameters", "width", 64)  # the clip is 32 wide
    done = render(path, url)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "reported width 64, but the clip it sent has width 32" in done.stderr
    still_opens(path)
    assert load_project(path).shots[0].takes == []


def test_an_answer_over_the_limit_is_refused_unread(endpoint, tiny_a14b, tmp_path):
    stand_in, url = endpoint
    path = film(tmp_path, tiny_a14b)
    stand_in.answer = huge
    save_settings(UserSettings(max_answer_mb=1))  # the limit is a user setting (and --max-answer-mb)
    done = render(path, url)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "over the 1 MB limit for an answer; it was not read" in done.stderr
    still_opens(path)


def test_an_echoed_token_is_redacted_everywhere(endpoint, tiny_a14b, tmp_path, isolated_user_dirs):
    stand_in, url = endpoint
    path = film(tmp_path, tiny_a14b)
    stand_in.answer = echo
    assert render(path, url).returncode == 1  # twice: the backup then holds a failed render's save too
    done = render(path, url)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "refused the request with Bearer [redacted]" in done.stderr
    still_opens(path)
    assert "[redacted]" in (load_project(path).shots[0].error or "")
    logs = list(Path(isolated_user_dirs).rglob("storyreel.log"))
    assert logs, "the CLI writes storyreel.log"
    texts = [done.stdout, done.stderr, *(p.read_text(encoding="utf-8") for p in logs)]
    texts += [
        p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.suffix in (".reel", ".bak", ".json")
    ]
    for text in texts:
        assert TOKEN not in text and STRANGER not in text
