"""The Ray Serve farm for real: a local cluster on the CPUs, 2 replicas of the tiny model, the CLI.

One farm for the module (a cluster start and two model loads are the expensive part); the tests run
in file order and the last one stops it.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ray.serve")

from cli_support import new_film, take_frames  # noqa: E402

from app.cli.main import run_cli  # noqa: E402
from app.farm.cluster import free_port  # noqa: E402
from app.project.reel_file import load_project  # noqa: E402
from engine.video.video_io import read_frames  # noqa: E402

pytestmark = [pytest.mark.farm, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "farm_SECRET_4242"
STEPS = 48  # long enough (about 2 s a shot here) to kill a replica in the middle of one, even on a loaded CI


class Farm:
    """The farm's addresses and a way to run `main.py` against it in a fresh process."""

    def __init__(self, home: Path, ray_port: int, port: int) -> None:
        self.home, self.ray_port, self.port = home, ray_port, port
        self.url = f"http://127.0.0.1:{port}/"
        self.address = f"127.0.0.1:{ray_port}"
        self.env = {**os.environ, "STORYREEL_HOME": str(home), "HF_HUB_OFFLINE": "1", "HF_TOKEN": TOKEN}

    def main(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "main.py", *argv],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def state(self) -> dict:
        return json.loads((self.home / "state" / "farm.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def farm(tiny_a14b, tmp_path_factory):
    farm = Farm(tmp_path_factory.mktemp("farm-home"), free_port(), free_port())
    start = [
        "farm",
        "start",
        "--model",
        str(tiny_a14b),
        "--device",
        "cpu",
        "--dtype",
        "float32",
        "--replicas",
        "2",
        "--port",
        str(farm.port),
        "--ray-port",
        str(farm.ray_port),
        "--num-cpus",
        "2",
        "--object-store-mb",
        "150",
        "--token",
        TOKEN,
    ]
    done = farm.main(*start, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Farm ready at {farm.url}" in done.stdout
    yield farm
    _disconnect()
    if (farm.home / "state" / "farm.json").exists():  # a failed test left it running
        farm.main("farm", "stop")


def _disconnect() -> None:
    import ray

    ray.shutdown()


def _connect(farm: Farm) -> None:
    import ray

    if not ray.is_initialized():
        ray.init(address=farm.address, log_to_driver=False, logging_level="ERROR")


def _generator_replicas() -> list:
    """The Generator replicas' actor handles (Serve names them SERVE_REPLICA::app#Generator#id)."""
    import ray

    names = [a for a in ray.util.list_named_actors(all_namespaces=True) if "#Generator#" in a["name"]]
    return [ray.get_actor(a["name"], namespace=a["namespace"]) for a in names]


def _pid(actor) -> int:
    import ray

    return ray.get(actor.__ray_call__.remote(lambda self: os.getpid()), timeout=30)


def _live_pids() -> set[int]:
    """The process ids of the Generator replicas that answer now."""
    import ray

    pids = set()
    for actor in _generator_replicas():
        try:
            pids.add(_pid(actor))
        except ray.exceptions.RayError:  # one that died and is not yet unlisted
            pass
    return pids


def _ongoing(actor) -> int:
    import ray

    try:
        return ray.get(actor.get_num_ongoing_requests.remote(), timeout=10)
    except ray.exceptions.RayError:
        return 0


def _stats() -> dict:
    from ray import serve

    return serve.get_deployment_handle("Ingress", "storyreel").stats.remote().result(timeout_s=30)


def make_project(folder: Path, model: Path) -> Path:
    folder.mkdir()
    shots = "prompt,seed\nA red kite,11\nA blue boat,12\nA green field,13\nA grey cat,14\n"
    return new_film(folder, shots, "--steps", str(STEPS), "--model", str(model), shot_list="shots.csv")


def test_status_from_another_process_finds_the_farm(farm):
    done = farm.main("farm", "status", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["status"] == "RUNNING" and doc["url"] == farm.url and doc["local_cluster"]
    assert doc["deployments"]["Generator"]["replicas"] == {"RUNNING": 2}
    assert doc["config"]["replicas"] == 2 and TOKEN not in done.stdout
    assert TOKEN not in (farm.home / "state" / "farm.json").read_text(encoding="utf-8")
    text = farm.main("farm", "status")
    assert "Generator: healthy, replicas: 2 running" in text.stdout


def test_the_farm_speaks_the_endpoint_protocol(farm):
    import httpx2

    assert httpx2.get(farm.url + "health", timeout=30).text == "Ok"  # no token: a probe sees it up
    body = {"inputs": "a kite", "parameters": {"num_frames": 9, "width": 64, "height": 48, "seed": 1}}
    refused = httpx2.post(farm.url, json=body, timeout=60)
    assert refused.status_code == 401
    headers = {"Authorization": f"Bearer {TOKEN}"}
    bad = httpx2.post(
        farm.url, json={**body, "parameters": {"num_frames": 10**9}}, headers=headers, timeout=60
    )
    assert bad.status_code == 400 and "num_frames" in bad.json()["error"]
    assert "Traceback" not in bad.text and "ray::" not in bad.text  # the handler's words, not Ray's
    # References and keyframes reach the replica's handler, which checks them as `serve`'s does.
    pinned = {**body["parameters"], "keyframes": [{"frame": 9, "image": "x"}], "reference_images": []}
    bad = httpx2.post(farm.url, json={**body, "parameters": pinned}, headers=headers, timeout=60)
    assert bad.status_code == 400 and '"keyframes[0].frame" is 9' in bad.json()["error"]
    # Good ones on a farm of a text model: its replica says which model they need, and makes nothing.
    from image_support import still

    cast = {**body["parameters"], "reference_images": [base64.b64encode(still()).decode()]}
    wrong = httpx2.post(farm.url, json={**body, "parameters": cast}, headers=headers, timeout=60)
    assert wrong.status_code == 400 and "only a reference (VACE) model takes" in wrong.json()["error"]
    nan = httpx2.post(
        farm.url,
        content=b'{"inputs": "x", "parameters": {"guidance_scale": NaN}}',
        headers={**headers, "Content-Type": "application/json"},
        timeout=60,
    )
    assert nan.status_code == 400


def test_a_second_start_is_refused(farm, tiny_a14b):
    done = farm.main("farm", "start", "--model", str(tiny_a14b), "--port", str(free_port()))
    assert done.returncode == 1 and "already running" in done.stderr
    assert "Traceback" not in done.stderr


def test_render_through_the_farm_equals_local_and_survives_a_killed_replica(farm, tiny_a14b, tmp_path):
    local = make_project(tmp_path / "local", tiny_a14b)
    shutil.copytree(tmp_path / "local", tmp_path / "remote")
    remote = tmp_path / "remote" / "film.reel"
    assert run_cli(["render", str(local), "-o", str(tmp_path / "local.mp4"), "--device", "cpu"]) == 0

    _connect(farm)
    before = _stats()
    replicas = _generator_replicas()
    assert len(replicas) == 2
    pids = {_pid(a) for a in replicas}
    argv = ["render", str(remote), "-o", str(tmp_path / "remote.mp4"), "--endpoint", farm.url]
    render = subprocess.Popen(
        [sys.executable, "main.py", *argv, "--in-flight", "2", "--json"],
        cwd=ROOT,
        env=farm.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        busy, idle = None, set()
        while busy is None and time.monotonic() < deadline and render.poll() is None:
            # A replica seen idle and then generating has just started its shot: killed now, it dies
            # in the middle of it (one seen busy at once may be a moment from done, and lose nothing).
            for index, actor in enumerate(replicas):
                if _ongoing(actor) == 0:
                    idle.add(index)
                elif index in idle:
                    busy = actor
                    break
            time.sleep(0.02)
        assert busy is not None, "no replica was ever seen starting a shot"
        killed = _pid(busy)
        os.kill(killed, signal.SIGKILL)  # the replica's process, in the middle of its shot
        out, err = render.communicate(timeout=240)
    finally:
        if render.poll() is None:
            render.kill()
    assert render.returncode == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert sum(e["event"] == "take" for e in events) == 4 and not [e for e in events if "fail" in e["event"]]

    for a, b in zip(take_frames(local), take_frames(remote), strict=True):
        assert np.array_equal(a, b)  # each take equals the local one, frame for frame
    assert np.array_equal(read_frames(tmp_path / "local.mp4"), read_frames(tmp_path / "remote.mp4"))
    assert {s.active.backend for s in load_project(remote).shots} == {farm.url}

    after = _stats()
    received, sent, lost = (after[k] - before[k] for k in ("received", "sent", "replicas_lost"))
    # The client sent each shot once; the farm sent again only the one the dead replica took.
    assert (received, lost, sent) == (4, 1, 5)

    deadline = time.monotonic() + 120  # Serve replaces the dead replica, model loaded again
    while time.monotonic() < deadline:
        now = _live_pids()
        status = json.loads(farm.main("farm", "status", "--json").stdout)
        # Serve may call the new replica RUNNING before its actor answers: wait for both.
        running = status["deployments"]["Generator"]["replicas"] == {"RUNNING": 2}
        if running and killed not in now and len(now) == 2:
            break
        time.sleep(2)
    else:
        pytest.fail(f"the killed replica was not replaced: {status}")
    assert len(now) == 2 and killed in pids and len(now - pids) == 1  # one new process, one kept


def test_stop_takes_the_local_cluster_down(farm):
    import psutil

    _disconnect()
    head = farm.state()["head_pid"]
    children = [p.pid for p in psutil.Process(head).children(recursive=True)]
    done = farm.main("farm", "stop")
    assert done.returncode == 0, done.stderr
    assert "local Ray cluster shut down" in done.stdout
    assert not (farm.home / "state" / "farm.json").exists()
    assert not psutil.pid_exists(head) or psutil.Process(head).status() == psutil.STATUS_ZOMBIE
    alive = [
        p for p in children if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
    ]
    assert not alive, "the cluster's processes outlived farm stop"
    again = farm.main("farm", "status")
    assert again.returncode == 1 and "No farm is running" in again.stderr
