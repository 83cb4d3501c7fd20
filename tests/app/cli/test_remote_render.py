"""The CLI's remote render against `serve` endpoints on loopback: same frames as local, shared batches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from cli_support import new_film, take_frames

from app.cli.main import run_cli
from app.project.reel_file import load_project
from app.serve.server import ServerThread, build_app
from engine.endpoint.handler import EndpointHandler
from engine.generation.request import ModelSpec
from engine.video.video_io import read_frames

TOKEN = "hf_renderSECRET_5678"


class MemoryKeyring:
    """An in-memory keyring backend, so tests never touch the system's."""

    priority = 1

    def __init__(self):
        self.store = {}

    def get_password(self, service, user):
        return self.store.get((service, user))

    def set_password(self, service, user, password):
        self.store[(service, user)] = password

    def delete_password(self, service, user):
        self.store.pop((service, user), None)


@pytest.fixture
def memory_keyring(monkeypatch):
    import keyring

    ring = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_password", ring.get_password)
    monkeypatch.setattr(keyring, "set_password", ring.set_password)
    monkeypatch.setattr(keyring, "delete_password", ring.delete_password)
    return ring


@pytest.fixture(scope="module")
def endpoints(tiny_a14b):
    """Two `serve` endpoints with the tiny model, both requiring the token."""
    handler = EndpointHandler(model=ModelSpec(str(tiny_a14b), device="cpu", dtype="float32"))
    servers = [ServerThread(build_app(handler, TOKEN)).start() for _ in range(2)]
    yield [s.url for s in servers]
    for s in servers:
        s.stop()
    handler.close()


def make_project(tmp_path: Path, model: Path) -> Path:
    shots = "prompt,seed\nA red kite,1\nA blue boat,2\nA green field,3\n"
    return new_film(tmp_path, shots, "--model", str(model), shot_list="shots.csv")


def test_remote_render_equals_local_and_shares_the_batch(
    tiny_a14b, endpoints, tmp_path, monkeypatch, memory_keyring, capsys
):
    local_dir, remote_dir = tmp_path / "local", tmp_path / "remote"
    local_dir.mkdir()
    local = make_project(local_dir, tiny_a14b)
    shutil.copytree(local_dir, remote_dir)
    remote = remote_dir / "film.reel"
    assert run_cli(["render", str(local), "-o", str(local_dir / "film.mp4"), "--device", "cpu"]) == 0
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    capsys.readouterr()
    argv = ["render", str(remote), "-o", str(remote_dir / "film.mp4"), "--backend", "remote", "--json"]
    for url in endpoints:
        argv += ["--endpoint", url]
    assert run_cli(argv) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for a, b in zip(take_frames(local), take_frames(remote), strict=True):
        assert np.array_equal(a, b)
    assert np.array_equal(read_frames(local_dir / "film.mp4"), read_frames(remote_dir / "film.mp4"))
    project = load_project(remote)
    backends = {s.active.backend for s in project.shots}
    assert backends == set(endpoints)  # both endpoints generated shots of one batch
    started = {e["backend"] for e in events if e["event"] == "shot_started"}
    assert started == {url.split("//")[1].rstrip("/") for url in endpoints}  # short names in the queue
    for path in [remote, *remote_dir.rglob("*.json")]:
        assert TOKEN not in path.read_text(encoding="utf-8")


def test_keyring_token_is_used_and_a_wrong_token_fails_clearly(
    tiny_a14b, endpoints, tmp_path, monkeypatch, memory_keyring, capsys
):
    from engine.endpoint.hub_token import find_token, store_token

    monkeypatch.delenv("HF_TOKEN", raising=False)
    store_token("hf_wrong_one_000")
    assert find_token() == ("hf_wrong_one_000", "keyring")
    path = make_project(tmp_path, tiny_a14b)
    capsys.readouterr()
    assert run_cli(["render", str(path), "-o", str(tmp_path / "f.mp4"), "--endpoint", endpoints[0]]) == 1
    err = capsys.readouterr().err
    assert "refused the token" in err and "hf_wrong_one_000" not in err
    store_token(TOKEN)
    assert run_cli(["render", str(path), "-o", str(tmp_path / "f.mp4"), "--endpoint", endpoints[0]]) == 0


def test_render_flags_are_checked(tmp_path, tiny_a14b, capsys):
    path = make_project(tmp_path, tiny_a14b)
    assert run_cli(["render", str(path), "-o", str(tmp_path / "f.mp4"), "--backend", "remote"]) == 2
    assert "No endpoint" in capsys.readouterr().err
    assert run_cli(["render", str(path), "-o", str(tmp_path / "f.mp4"), "--endpoint", "ftp://x"]) == 2
    assert (
        run_cli(
            [
                "render",
                str(path),
                "-o",
                str(tmp_path / "f.mp4"),
                "--backend",
                "local",
                "--endpoint",
                "http://127.0.0.1:1/",
            ]
        )
        == 2
    )
