"""What the remote and provider backend tests share: one small request, one lossless clip, and a
stand-in for an endpoint with replicas."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from engine.endpoint.protocol import applied_parameters
from engine.generation.request import GenerationRequest, ModelSpec
from engine.video.video_io import write_clip

REQUEST = GenerationRequest(
    prompt="a lighthouse",
    negative_prompt="blur",
    seed=7,
    num_frames=5,
    width=32,
    height=32,
    fps=16,
    num_inference_steps=2,
    guidance_scale=4.0,
    guidance_scale_2=3.0,
    model=ModelSpec("tiny"),
)


def make_clip(folder: Path) -> tuple[bytes, np.ndarray]:
    """A small lossless MP4 (as bytes) and the frames it holds."""
    frames = np.random.default_rng(0).integers(0, 255, (5, 32, 32, 3), dtype=np.uint8)
    path = folder / "c.mp4"
    write_clip(frames, 16, path)
    return path.read_bytes(), frames


class Replicas:
    """One URL backed by `workers` stand-in replicas that 'generate' for `latency` s without CPU.

    Answers with `clip` as made by `applied` (with the request's seed); records how many requests
    ran at once, when each arrived, and which ones the client dropped while they were generating.
    """

    def __init__(
        self,
        clip: bytes,
        workers: int,
        latency: float,
        script: list | None = None,
        applied: GenerationRequest = REQUEST,
    ) -> None:
        # The answer's bytes are joined, not json.dumps'ed: the stand-in shares the test's process
        # (and its GIL), and must not stall the loop the test measures.
        self.video = base64.b64encode(clip)
        self.workers, self.latency, self.script = workers, latency, list(script or [])
        self.applied = applied
        self.active = self.most = 0
        self.arrivals: list[tuple[float, int]] = []  # (monotonic time, status answered)
        self.dropped: list[int] = []  # seeds of requests whose client left mid-generation
        self.lock = threading.Lock()
        self.app = Starlette(
            routes=[Route("/", self.predict, methods=["POST"]), Route("/stats", self.stats, methods=["GET"])]
        )
        self._replicas: asyncio.Semaphore | None = None

    async def stats(self, request: Request):
        with self.lock:
            return JSONResponse({"active": self.active, "most": self.most, "dropped": self.dropped})

    async def predict(self, request: Request):
        body = await request.json()
        with self.lock:
            step = self.script.pop(0) if self.script else 200
            self.arrivals.append((time.monotonic(), step))
        if step != 200:
            return JSONResponse({"error": "busy"}, step, headers={"Retry-After": "1"})
        seed = body["parameters"]["seed"]
        self._replicas = self._replicas or asyncio.Semaphore(self.workers)
        async with self._replicas:
            with self.lock:
                self.active += 1
                self.most = max(self.most, self.active)
            try:
                end = time.monotonic() + self.latency
                while (left := end - time.monotonic()) > 0:
                    if await request.is_disconnected():  # as a real handler stops generating
                        with self.lock:
                            self.dropped.append(seed)
                        return Response(status_code=499)
                    await asyncio.sleep(min(0.05, left))
            finally:
                with self.lock:
                    self.active -= 1
        applied = dataclasses.replace(self.applied, seed=seed)
        facts = {"content_type": "video/mp4", "seed": seed, "parameters": applied_parameters(applied)}
        params = body["parameters"]
        if "reference_images" in params or "keyframes" in params:  # reported as Storyreel's handler does
            facts["references"] = {
                "reference_images": len(params.get("reference_images") or ()),
                "keyframes": [key["frame"] for key in params.get("keyframes") or ()],
            }
        body = b"".join([json.dumps(facts)[:-1].encode(), b', "video": "', self.video, b'"}'])
        return Response(body, media_type="application/json")


class ReplicasProcess:
    """Replicas in a process of their own, as a remote endpoint is: a test that measures its own
    process's responsiveness must not share its GIL with the stand-in. `stats()` reads its counts."""

    def __init__(self, clip_path: Path, workers: int, latency: float, applied: GenerationRequest) -> None:
        self.args = [str(clip_path), str(workers), str(latency), json.dumps(dataclasses.asdict(applied))]
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> ReplicasProcess:
        root = Path(__file__).resolve().parent
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root.parent), str(root)])}
        code = "import remote_support; remote_support.serve_replicas()"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, *self.args], stdout=subprocess.PIPE, text=True, env=env
        )
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http"):
            self.__exit__()
            raise RuntimeError("the stand-in endpoint did not start")
        return self

    def stats(self) -> dict:
        import httpx2

        return httpx2.get(self.url + "stats", timeout=5).json()

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)


def serve_replicas() -> None:
    """ReplicasProcess's child: serve Replicas from argv until terminated; print the URL first."""
    from app.serve.server import ServerThread

    clip, workers, latency, applied = sys.argv[1:5]
    fields = json.loads(applied)
    fields["model"] = ModelSpec(**fields["model"])
    replicas = Replicas(
        Path(clip).read_bytes(), int(workers), float(latency), applied=GenerationRequest(**fields)
    )
    server = ServerThread(replicas.app).start()
    print(server.url, flush=True)
    threading.Event().wait()
