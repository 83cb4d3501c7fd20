"""A batch of shots on 1, 2 and 4 endpoints, and on one endpoint with 4 replicas: how linear?

Three measurements, printed one after another:

1. Real `main.py serve` endpoints with the tiny model, one process per endpoint, each limited to
   --threads torch threads. These are CPU-bound: on a machine with C cores, K endpoints cannot go
   faster than about min(K, C / threads) times one, whatever the client does.
2. Stand-ins for remote GPUs: each endpoint answers a pre-encoded clip after a fixed generation
   latency (--latency), one request at a time like a real replica. They use no CPU while
   "generating", so this measures the client's dispatch: one job in flight per endpoint, waits,
   decoding, writing takes. The target is within 15% of linear.
3. One stand-in URL backed by 4 workers (an endpoint with 4 replicas), with 1, 2 and 4 requests
   in flight on it (Preferences > Remote `URL x4`, or --in-flight 4). The target is within 10%.

Each figure is against the fewest (one endpoint, in 3 one request in flight) in the same run: after
a warm-up batch, --pairs batches on the fewest and on K, one after the other; the seconds are the
medians of the batches, the speed-up the median of the pairs' ratios, so one outlier on a loaded
machine decides nothing.

Requests run as asyncio tasks (engine/jobs/async_dispatch.py): here on the queue's own thread
with `asyncio.run`, as in the CLI; in the window on its qasync loop. N in flight are N tasks on
one thread, and the output says how many threads the process had at the most.

Usage: python bench/remote_parallel.py [--shots N] [--endpoints 1,2,4] [--latency S] [--threads T]
                                       [--pairs N] [--skip-real]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from app.serve.server import ServerThread  # noqa: E402
from app.settings.remote_settings import remote_backends  # noqa: E402
from engine.endpoint.protocol import applied_parameters  # noqa: E402
from engine.generation.request import GenerationRequest, ModelSpec  # noqa: E402
from engine.generation.tiny_model import write_tiny_model  # noqa: E402
from engine.jobs.job_queue import JobQueue  # noqa: E402
from engine.jobs.states import JobState  # noqa: E402
from engine.video.video_io import write_clip  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZE, FRAMES, FPS = (64, 48), 9, 16


def shot_requests(n: int, steps: int) -> list[GenerationRequest]:
    """n shots with fixed seeds."""
    return [
        GenerationRequest(
            prompt=f"A lighthouse at dawn, shot {i}",
            negative_prompt="",
            seed=100 + i,
            num_frames=FRAMES,
            width=SIZE[0],
            height=SIZE[1],
            fps=FPS,
            num_inference_steps=steps,
            guidance_scale=4.0,
            guidance_scale_2=3.0,
            model=ModelSpec("bench"),
        )
        for i in range(n)
    ]


MOST_THREADS = [threading.active_count()]
BATCHES = itertools.count()  # each batch writes its takes into a folder of its own


def run_batch(urls: list[str], requests: list[GenerationRequest], out: Path, in_flight: int = 1) -> float:
    """Seconds to generate every request on the endpoints (in_flight requests on each)."""
    jobs = JobQueue(remote_backends(urls, token=None, in_flight={u: in_flight for u in urls}))
    try:
        started = time.perf_counter()
        submitted = [jobs.submit(r, out / f"take-{i:03d}.mp4") for i, r in enumerate(requests)]
        while not jobs.wait_idle(timeout=0.1):
            MOST_THREADS[0] = max(MOST_THREADS[0], threading.active_count())
            if time.perf_counter() - started > 1800:
                break
        seconds = time.perf_counter() - started
        failed = [j.error for j in submitted if j.state != JobState.DONE]
        if failed:
            raise SystemExit(f"{len(failed)} job(s) failed: {failed[0]}")
        return seconds
    finally:
        jobs.shutdown()


def paired_with_fewest(
    counts: list[int], batch: Callable[[int], float], pairs: int
) -> dict[int, list[tuple[float, float]]]:
    """(seconds on the fewest, seconds on k) of `pairs` batches run one after the other, for each count k.

    The fewest's own entry pairs each of its batches with itself (ratio 1), for its median seconds.
    """
    fewest = min(counts)
    paired = {}
    for k in counts:
        if k != fewest:
            paired[k] = []
            for _ in range(pairs):
                reference = batch(fewest)
                paired[k].append((reference, batch(k)))
    references = [ref for runs in paired.values() for ref, _ in runs] or [batch(fewest) for _ in range(pairs)]
    return {fewest: [(ref, ref) for ref in references], **paired}


# -- 1. real serve processes ---------------------------------------------------------------
def start_serve(model: Path, threads: int) -> tuple[subprocess.Popen, str]:
    """`main.py serve` on a free port; returns the process and its URL once it listens."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "OMP_NUM_THREADS": str(threads)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "serve",
            "--model",
            str(model),
            "--port",
            "0",
            "--device",
            "cpu",
            "--threads",
            str(threads),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("Serving"):
            return proc, line.split(" on ")[1].split(" ")[0]
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("a serve process did not start")


def stop_serve(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def bench_real(
    counts: list[int], shots: int, steps: int, threads: int, tmp: Path, pairs: int
) -> dict[int, list[tuple[float, float]]]:
    model = write_tiny_model(tmp / "tiny")
    procs_urls = [start_serve(model, threads) for _ in range(max(counts))]
    procs, urls = [p for p, _ in procs_urls], [u for _, u in procs_urls]
    try:
        run_batch(urls, shot_requests(len(urls), steps), tmp / "warm")  # first-call warm-up on each
        return paired_with_fewest(
            counts,
            lambda k: run_batch(urls[:k], shot_requests(shots, steps), tmp / f"real-{next(BATCHES)}"),
            pairs,
        )
    finally:
        stop_serve(procs)


# -- 2. fixed-latency stand-ins for remote GPUs --------------------------------------------
def stand_in_app(clip: bytes, latency: float, workers: int = 1):
    """An endpoint that 'generates' for `latency` seconds (no CPU) on `workers` replicas behind one URL."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route

    replicas = asyncio.Semaphore(workers)
    video = base64.b64encode(clip).decode("ascii")

    async def predict(request: Request):
        body = await request.json()
        params = body["parameters"]
        async with replicas:
            await asyncio.sleep(latency)
        applied = GenerationRequest(
            body["inputs"],
            "",
            params["seed"],
            FRAMES,
            SIZE[0],
            SIZE[1],
            FPS,
            params["num_inference_steps"],
            params["guidance_scale"],
            params.get("guidance_scale_2"),
        )
        return JSONResponse(
            {
                "video": video,
                "content_type": "video/mp4",
                "seed": params["seed"],
                "parameters": applied_parameters(applied),
                "device": "stand-in",
            }
        )

    async def health(request: Request):
        return PlainTextResponse("Ok")

    return Starlette(routes=[Route("/", predict, methods=["POST"]), Route("/health", health)])


def bench_stand_in(
    counts: list[int], shots: int, latency: float, tmp: Path, pairs: int
) -> dict[int, list[tuple[float, float]]]:
    frames = np.random.default_rng(0).integers(0, 255, (FRAMES, SIZE[1], SIZE[0], 3), dtype=np.uint8)
    write_clip(frames, FPS, tmp / "clip.mp4")
    clip = (tmp / "clip.mp4").read_bytes()
    servers = [ServerThread(stand_in_app(clip, latency)).start() for _ in range(max(counts))]
    try:
        urls = [s.url for s in servers]
        run_batch(urls, shot_requests(len(urls), 1), tmp / "stand-in-warm")  # first requests on each
        return paired_with_fewest(
            counts,
            lambda k: run_batch(urls[:k], shot_requests(shots, 1), tmp / f"stand-in-{next(BATCHES)}"),
            pairs,
        )
    finally:
        for s in servers:
            s.stop()


def bench_replicas(
    counts: list[int], shots: int, latency: float, tmp: Path, pairs: int
) -> dict[int, list[tuple[float, float]]]:
    """One URL backed by max(counts) workers, with 1..N requests in flight on it."""
    write_clip(
        np.random.default_rng(0).integers(0, 255, (FRAMES, SIZE[1], SIZE[0], 3), dtype=np.uint8),
        FPS,
        tmp / "clip.mp4",
    )
    clip = (tmp / "clip.mp4").read_bytes()
    with ServerThread(stand_in_app(clip, latency, workers=max(counts))) as server:
        most = max(counts)
        run_batch([server.url], shot_requests(most, 1), tmp / "replicas-warm", in_flight=most)  # warm-up

        def batch(n: int) -> float:
            return run_batch(
                [server.url], shot_requests(shots, 1), tmp / f"replicas-{next(BATCHES)}", in_flight=n
            )

        return paired_with_fewest(counts, batch, pairs)


def report(
    title: str,
    paired: dict[int, list[tuple[float, float]]],
    shots: int,
    note: str,
    target: float = 0.85,
    unit: str = "endpoints",
) -> None:
    fewest = min(paired)
    pairs = len(paired[max(paired)])
    print(f"\n{title}\n  {note}")
    print(f"  medians of {pairs} pair(s) (the fewest, K) after a warm-up; the fewest is {fewest}")
    print(f"  {unit:>9} {'seconds':>8} {'speed-up':>9} {'ideal':>6} {'of linear':>10}")
    for k, runs in paired.items():
        seconds = statistics.median(t for _, t in runs)
        speedup = statistics.median(ref / t for ref, t in runs)
        ideal = k / fewest
        verdict = "ok" if speedup >= target * ideal else f"below {target:.0%}"
        print(f"  {k:>9} {seconds:>8.2f} {speedup:>8.2f}x {ideal:>5.0f}x {speedup / ideal:>9.0%}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=int, default=8)
    parser.add_argument("--endpoints", default="1,2,4", help="endpoint counts to compare")
    parser.add_argument("--latency", type=float, default=1.0, help="stand-in generation seconds")
    parser.add_argument("--steps", type=int, default=4, help="denoising steps on the real endpoints")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per real endpoint")
    parser.add_argument("--pairs", type=int, default=3, help="timed pairs against one endpoint per count")
    parser.add_argument("--skip-real", action="store_true", help="only the stand-in measurement")
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    counts = sorted({int(k) for k in args.endpoints.split(",")})
    cores = os.cpu_count() or 1
    print(f"{args.shots} shots of {FRAMES} frames at {SIZE[0]}x{SIZE[1]}; {cores} CPU core(s) here")
    with tempfile.TemporaryDirectory(prefix="storyreel-bench-") as name:
        tmp = Path(name)
        replicas = bench_replicas(counts, args.shots, args.latency, tmp, args.pairs)
        report(
            f"One URL with {max(counts)} replicas (stand-ins, {args.latency:.2f} s latency)",
            replicas,
            args.shots,
            "requests in flight on the one endpoint; target within 10% of linear",
            target=0.9,
            unit="in flight",
        )
        stand_in = bench_stand_in(counts, args.shots, args.latency, tmp, args.pairs)
        report(
            f"Stand-in remote GPUs ({args.latency:.2f} s fixed generation latency, no CPU used)",
            stand_in,
            args.shots,
            f"ideal time with K endpoints: {args.shots} / K x {args.latency:.2f} s "
            "(client dispatch scaling; target within 15% of linear)",
        )
        print(f"\n  threads in this process at the most: {MOST_THREADS[0]} (servers included)")
        if not args.skip_real:
            real = bench_real(counts, args.shots, args.steps, args.threads, tmp, args.pairs)
            report(
                f"Real `main.py serve` endpoints (tiny model, {args.steps} steps, {args.threads} torch "
                "thread(s) each)",
                real,
                args.shots,
                f"CPU-bound: with {cores} core(s), expect at most about {cores // args.threads}x "
                "whatever the number of endpoints",
            )


if __name__ == "__main__":
    main()
