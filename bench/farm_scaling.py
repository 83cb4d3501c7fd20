"""A 4-shot film through the Ray Serve farm on 1 and on 2 replicas: the render's time, and the ratio.

Starts a local Ray cluster per farm (`farm start`'s own code, the tiny model unless --model), renders
the same film with as many requests in flight as replicas, and stops the farm. Only renders are
timed, not the start. Each replica holds one CPU (its torch threads follow), so on a 2-core machine
the ratio is modest and other load shows in it: a measurement, not an assertion.

The pairs are in order, not interleaved: starting a farm (its Ray cluster, its replicas loading the
model) takes about half a minute with the tiny model and far longer with a real one, against seconds
for a render, so each farm starts once. On it, a warm-up render (not timed), then --pairs timed renders,
each of a fresh copy of the film; the i-th render on 1 replica is paired with the i-th on 2, and the
speed-up printed is the median of the pairs' ratios. Load that changes between the two farms shows in
every pair, so the printed figure is less sure than an interleaved one.
Usage: python bench/farm_scaling.py [--model DIR] [--shots N] [--steps S] [--size WxH] [--frames F]
                                    [--pairs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.farm.cluster import free_port  # noqa: E402
from app.farm.farm_config import FarmConfig  # noqa: E402
from app.farm.farm_control import HeadOptions, start_farm, stop_farm  # noqa: E402
from app.film.generate_and_export import render_project  # noqa: E402
from app.project.project import Project  # noqa: E402
from app.project.project_settings import ProjectSettings  # noqa: E402
from app.project.reel_file import save_project  # noqa: E402
from app.project.shot import Shot  # noqa: E402
from app.settings.remote_settings import remote_backends  # noqa: E402
from engine.generation.request import ModelSpec  # noqa: E402
from engine.generation.tiny_model import write_tiny_model  # noqa: E402


def make_project(folder: Path, args: argparse.Namespace) -> Project:
    """A film of args.shots shots with fixed seeds."""
    width, height = (int(v) for v in args.size.split("x"))
    project = Project(ProjectSettings(name="farm", width=width, height=height, fps=16))
    project.settings.defaults.frames = args.frames
    project.settings.defaults.steps = args.steps
    for i in range(args.shots):
        project.add_shot(Shot(prompt=f"A lighthouse at dawn, shot {i}", seed=300 + i))
    folder.mkdir(parents=True)
    save_project(project, folder / "farm.reel")
    return project


def timed_farm_renders(replicas: int, model: ModelSpec, work: Path, args: argparse.Namespace) -> list[float]:
    """Seconds of each of args.pairs renders of the film on a fresh farm of `replicas` replicas, after a
    warm-up render (start, warm-up and stop not counted)."""
    import ray

    port = free_port()
    config = FarmConfig(model, replicas=replicas, gpus_per_replica=0, port=port)
    head = HeadOptions(ray_port=free_port(), num_cpus=replicas, object_store_bytes=200 * 2**20)
    state = start_farm(config, None, head=head, report=lambda line: print(f"  {line}", flush=True))
    try:
        backends = remote_backends([state.url], in_flight={state.url: replicas})
        times = []
        for run in range(args.pairs + 1):  # run 0 is the warm-up
            # A fresh film each time: render generates only the shots without a take.
            project = make_project(work / f"r{replicas}-{run}", args)
            start = time.perf_counter()
            render_project(project, work / f"r{replicas}-{run}.mp4", backends, model, on_event=lambda e: None)
            seconds = time.perf_counter() - start
            print(f"  {args.shots} shots in {seconds:.2f} s" + (" (warm-up)" if run == 0 else ""), flush=True)
            times.append(seconds)
        return times[1:]
    finally:
        ray.shutdown()
        stop_farm()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a diffusers Wan folder (default: a tiny random-weight one)")
    parser.add_argument("--shots", type=int, default=4)
    parser.add_argument("--steps", type=int, default=24)
    parser.add_argument("--frames", type=int, default=9)
    parser.add_argument("--size", default="64x48")
    parser.add_argument("--pairs", type=int, default=3, help="timed renders on each farm, paired in order")
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="storyreel-farm-bench-"))
    os.environ["STORYREEL_HOME"] = str(work / "home")  # its own farm record, not the user's
    try:
        folder = Path(args.model) if args.model else write_tiny_model(work / "tiny", "t2v-a14b")
        model = ModelSpec(str(folder.resolve()), device="cpu", dtype="float32")
        times = {}
        for replicas in (1, 2):
            print(f"{replicas} replica(s):", flush=True)
            times[replicas] = timed_farm_renders(replicas, model, work, args)
        one, two = statistics.median(times[1]), statistics.median(times[2])
        ratios = [a / b for a, b in zip(times[1], times[2], strict=True)]
        print(f"CPU cores: {os.cpu_count()} (each replica holds one)")
        print(
            f"{args.shots}-shot render: 1 replica {one:.2f} s, 2 replicas {two:.2f} s "
            f"(medians of {args.pairs} after a warm-up)"
        )
        print("pairs 1 / 2 replicas, in order: " + ", ".join(f"{r:.2f}" for r in ratios))
        print(f"speed-up 2 vs 1 replica: {statistics.median(ratios):.2f}x (median of {args.pairs} pairs)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
