"""The render driver's overhead: a render of N shots against N direct diffusers calls, same model loaded.

Loads the model once (a first render, which must load it exactly once), warms up both sides, then
times pairs: one render of an N-shot project (generation, lossless take masters, saves, the film's
export) and N direct `pipe(...)` calls with the same settings, alternating which goes first. Prints
each pair, the median of the pairwise ratios (issue 22's goal: at most 1.03) and each side's median.
Usage: python bench/render_scaling.py [--model DIR] [--shots N] [--frames F] [--size WxH] [--steps S]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.film.generate_and_export import render_project  # noqa: E402
from app.generation.take_generation import plan_take  # noqa: E402
from app.project.project import Project  # noqa: E402
from app.project.project_settings import ProjectSettings  # noqa: E402
from app.project.reel_file import save_project  # noqa: E402
from app.project.shot import Shot  # noqa: E402
from engine.backends.local import LocalBackend  # noqa: E402
from engine.generation import pipeline_cache  # noqa: E402
from engine.generation.request import ModelSpec  # noqa: E402
from engine.generation.speed.speed_run import plan_speed  # noqa: E402
from engine.generation.tiny_model import write_tiny_model  # noqa: E402
from engine.generation.wan_run import apply_model_rules, make_generator, pipeline_kwargs  # noqa: E402


def make_project(folder: Path, name: str, shots: int, args: argparse.Namespace) -> Project:
    """A project of `shots` shots with fixed seeds."""
    width, height = (int(v) for v in args.size.split("x"))
    project = Project(ProjectSettings(name=name, width=width, height=height, fps=16))
    project.settings.defaults.frames = args.frames
    project.settings.defaults.steps = args.steps
    for i in range(shots):
        project.add_shot(Shot(prompt=f"A lighthouse at dawn, shot {i}", seed=100 + i))
    save_project(project, folder / f"{name}.reel")
    return project


def timed_render(project: Project, backend: LocalBackend, model: ModelSpec, out: Path) -> tuple[float, int]:
    """Seconds for a whole render on backend (its model kept loaded), and the model loads it made."""
    loads = 0
    real_load = pipeline_cache.load_pipeline

    def counting_load(*a, **k):
        nonlocal loads
        loads += 1
        return real_load(*a, **k)

    pipeline_cache.load_pipeline = counting_load
    try:
        start = time.perf_counter()
        render_project(project, out, [backend], model, on_event=lambda e: None)
        return time.perf_counter() - start, loads
    finally:
        pipeline_cache.load_pipeline = real_load


def on_a_worker_thread(work: Callable[[], float]) -> float:
    """work() on its own thread, as the render's job queue generates: same threading on both sides.

    On a loaded machine the main thread's OpenMP team waits for descheduled helpers at every small op:
    the same calls ran 6-8x slower on the main thread than on a worker here (2 cores, load 8-14), which
    was the 0.21 "render / direct" of the first runs of this bench.
    """
    out: list[float] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            out.append(work())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, name="direct-calls")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return out[0]


def direct_calls(backend: LocalBackend, project: Project, model: ModelSpec) -> float:
    """Seconds for one bare pipeline call per shot, with the very requests the render would plan."""
    return on_a_worker_thread(lambda: _direct_calls(backend, project, model))


def _direct_calls(backend: LocalBackend, project: Project, model: ModelSpec) -> float:
    loaded = backend.cache.get(model)
    requests = [plan_take(project, shot, model).request for shot in project.shots]
    print(
        "  direct request: "
        + ", ".join(
            f"{k} {getattr(requests[0], k)}" for k in ("num_inference_steps", "num_frames", "width", "height")
        )
        + f", guidance {requests[0].guidance_scale}/{requests[0].guidance_scale_2}, quality {requests[0].quality}"
    )
    start = time.perf_counter()
    for request in requests:
        applied, _ = plan_speed(apply_model_rules(request, loaded.info)[0], loaded.info)  # as run_wan does
        # output_type "np" brings the frames to the host, as the render's take needs them.
        loaded.pipe(**pipeline_kwargs(applied, make_generator(loaded.device, applied.seed)))
    return time.perf_counter() - start


def main() -> None:
    """Run the pairs and print the pairwise median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model folder (default: a tiny model built in a temp folder)")
    parser.add_argument("--shots", type=int, default=10)
    parser.add_argument("--frames", type=int, default=17)
    parser.add_argument("--size", default="256x144")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        model = ModelSpec(args.model or str(write_tiny_model(folder / "model")))
        backend = LocalBackend()
        try:
            _, loads = timed_render(
                make_project(folder, "warm", args.shots, args), backend, model, folder / "w.mp4"
            )
            warm = make_project(folder, "warm-direct", 1, args)
            direct_calls(backend, warm, model)  # warm-up: first calls pay for allocations
            renders, directs, ratios = [], [], []
            for i in range(args.pairs):
                project = make_project(folder, f"film{i}", args.shots, args)
                # Alternate which goes first so drift (other load, heat) does not favour one side.
                twin = make_project(folder, f"twin{i}", args.shots, args)  # the same shots, never rendered
                if i % 2:
                    direct = direct_calls(backend, twin, model)
                    render, _ = timed_render(project, backend, model, folder / f"film{i}.mp4")
                else:
                    render, _ = timed_render(project, backend, model, folder / f"film{i}.mp4")
                    direct = direct_calls(backend, twin, model)
                renders.append(render)
                directs.append(direct)
                ratios.append(render / direct)
                print(
                    f"pair {i + 1}: render {render:.2f} s, {args.shots} direct calls {direct:.2f} s, ratio {ratios[-1]:.3f}"
                )
        finally:
            backend.close()
    print(f"model loads in the first render: {loads} (must be 1)")
    print(
        f"{args.shots}-shot render at {args.size}, {args.frames} frames, {args.steps} steps: median {statistics.median(renders):.2f} s; "
        f"{args.shots} direct calls: median {statistics.median(directs):.2f} s"
    )
    print(f"median of pairwise ratios render / direct: {statistics.median(ratios):.3f} (goal <= 1.03)")


if __name__ == "__main__":
    main()
