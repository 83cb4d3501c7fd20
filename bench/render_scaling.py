"""Rendering N shots vs N times rendering one shot: the model must load once per render.

Prints both times and the ratio (N-shot render) / (N x one-shot render). With the model loaded
once, the ratio is below 1 by about the share of model loading in a one-shot render.
Usage: python bench/render_scaling.py [--model DIR] [--shots N] [--frames F] [--size WxH] [--steps S]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.film.generate_and_export import render_project  # noqa: E402
from app.project.project import Project, ProjectSettings, Shot  # noqa: E402
from app.project.reel_file import save_project  # noqa: E402
from engine.backends.local import LocalBackend  # noqa: E402
from engine.generation import pipeline_cache  # noqa: E402
from engine.generation.request import ModelSpec  # noqa: E402
from engine.generation.tiny_model import write_tiny_model  # noqa: E402


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


def timed_render(project: Project, model: ModelSpec, out: Path) -> tuple[float, int]:
    """Seconds for a whole render with a fresh cache (model load included), and loads counted."""
    loads = 0
    real_load = pipeline_cache.load_pipeline

    def counting_load(*a, **k):
        nonlocal loads
        loads += 1
        return real_load(*a, **k)

    pipeline_cache.load_pipeline = counting_load
    backend = LocalBackend()
    try:
        start = time.perf_counter()
        render_project(project, out, [backend], model, on_event=lambda e: None)
        return time.perf_counter() - start, loads
    finally:
        pipeline_cache.load_pipeline = real_load
        backend.close()


def main() -> None:
    """Run the comparison and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model folder (default: a tiny model built in a temp folder)")
    parser.add_argument("--shots", type=int, default=4)
    parser.add_argument("--frames", type=int, default=17)
    parser.add_argument("--size", default="128x80")
    parser.add_argument("--steps", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = args.model or str(write_tiny_model(folder / "model"))
        model = ModelSpec(source)
        singles = []
        for i in range(args.shots):
            one = make_project(folder, f"one{i}", 1, args)
            singles.append(timed_render(one, model, folder / f"one{i}.mp4")[0])
        many = make_project(folder, "many", args.shots, args)
        t_many, loads = timed_render(many, model, folder / "many.mp4")
    t_singles = sum(singles)
    print(f"one-shot renders: {', '.join(f'{t:.2f}s' for t in singles)} (sum {t_singles:.2f}s)")
    print(f"{args.shots}-shot render: {t_many:.2f}s, model loads: {loads}")
    print(f"ratio {args.shots}-shot / ({args.shots} x one-shot): {t_many / t_singles:.3f}")


if __name__ == "__main__":
    main()
