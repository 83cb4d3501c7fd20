"""A 4-shot film through the Ray Serve farm on 1 and on 2 replicas: the render's time, and the ratio.

Starts a local Ray cluster per run (`farm start`'s own code, the tiny model unless --model), renders
the same film with as many requests in flight as replicas, and stops the farm. Only the render is
timed, not the start. Each replica holds one CPU (its torch threads follow), so on a 2-core machine
the ratio is modest and other load shows in it: a measurement, not an assertion.
Usage: python bench/farm_scaling.py [--model DIR] [--shots N] [--steps S] [--size WxH] [--frames F]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.farm.cluster import free_port  # noqa: E402
from app.farm.farm_config import FarmConfig  # noqa: E402
from app.farm.farm_control import HeadOptions, start_farm, stop_farm  # noqa: E402
from app.film.generate_and_export import render_project  # noqa: E402
from app.project.project import Project, ProjectSettings, Shot  # noqa: E402
from app.project.reel_file import save_project  # noqa: E402
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


def timed_farm_render(replicas: int, model: ModelSpec, work: Path, args: argparse.Namespace) -> float:
    """Seconds to render the film on a fresh farm of `replicas` replicas (start and stop not counted)."""
    import ray

    port = free_port()
    config = FarmConfig(model, replicas=replicas, gpus_per_replica=0, port=port)
    head = HeadOptions(ray_port=free_port(), num_cpus=replicas, object_store_bytes=200 * 2**20)
    state = start_farm(config, None, head=head, report=lambda line: print(f"  {line}", flush=True))
    try:
        project = make_project(work / f"r{replicas}", args)
        backends = remote_backends([state.url], in_flight={state.url: replicas})
        start = time.perf_counter()
        render_project(project, work / f"r{replicas}.mp4", backends, model, on_event=lambda e: None)
        return time.perf_counter() - start
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
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="storyreel-farm-bench-"))
    os.environ["STORYREEL_HOME"] = str(work / "home")  # its own farm record, not the user's
    try:
        folder = Path(args.model) if args.model else write_tiny_model(work / "tiny", "t2v-a14b")
        model = ModelSpec(str(folder.resolve()), device="cpu", dtype="float32")
        times = {}
        for replicas in (1, 2):
            print(f"{replicas} replica(s):", flush=True)
            times[replicas] = timed_farm_render(replicas, model, work, args)
            print(f"  {args.shots} shots in {times[replicas]:.2f} s", flush=True)
        print(f"CPU cores: {os.cpu_count()} (each replica holds one)")
        print(f"{args.shots}-shot render: 1 replica {times[1]:.2f} s, 2 replicas {times[2]:.2f} s")
        print(f"speed-up 2 vs 1 replica: {times[1] / times[2]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
