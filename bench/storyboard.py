"""Sketching keyframes for a 12-shot film against making its 12 Draft clips and its 12 Final clips.

Usage: python bench/storyboard.py [--shots N] [--steps N] [--frames N] [--size WxH] [--repeats N]
On the tiny random-weight model (built in a temporary folder) with a synthetic Lightning-style LoRA
pair, on the CPU. Each repeat times the three in turn (sketches at Draft through app/storyboard's
keyframe path, clips through the same shot run without writing them); the ratios are the medians of
the repeats' ratios, so a machine that slows down during the run weighs on both sides of each ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests"))  # the test doubles it shares

from tiny_draft import write_tiny_draft_loras  # noqa: E402

from app.generation.shot_requests import build_request  # noqa: E402
from app.project.project import Project  # noqa: E402
from app.project.reel_file import new_project_file  # noqa: E402
from app.project.shot import Shot  # noqa: E402
from app.storyboard.keyframes import sketch_keyframes  # noqa: E402
from engine.generation.pipeline_cache import PipelineCache  # noqa: E402
from engine.generation.request import ModelSpec  # noqa: E402
from engine.generation.shot_run import run_shot  # noqa: E402
from engine.generation.tiny_model import write_tiny_model  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=int, default=12)
    parser.add_argument("--steps", type=int, default=40, help="Final's steps (Draft and sketches: 4)")
    parser.add_argument("--frames", type=int, default=17, help="each clip's frames (sketches: 1)")
    parser.add_argument("--size", default="32x32", help="WIDTHxHEIGHT")
    parser.add_argument("--repeats", type=int, default=3)
    return parser.parse_args(argv)


def film(folder: Path, model: Path, args: argparse.Namespace) -> Project:
    """A saved film of args.shots shots on the tiny model."""
    width, height = (int(v) for v in args.size.lower().split("x"))
    project = new_project_file(folder / "bench.reel")
    project.settings.model = str(model)
    project.settings.width, project.settings.height = width, height
    project.settings.defaults.steps = args.steps
    for index in range(args.shots):
        project.add_shot(
            Shot(prompt=f"shot {index + 1}: a lighthouse at dusk, waves", seed=index, frames=args.frames)
        )
    return project


def clips(project: Project, cache: PipelineCache, spec: ModelSpec, quality: str) -> float:
    """Seconds to make every shot's clip at a quality (frames kept in memory, not written)."""
    start = time.perf_counter()
    for shot in project.shots:
        request = build_request(project, shot, spec, quality=quality)
        run_shot(cache.get(request.model), request)
    return time.perf_counter() - start


def sketches(project: Project, cache: PipelineCache, spec: ModelSpec) -> float:
    """Seconds to sketch every shot's keyframe at Draft (PNG and record written)."""
    start = time.perf_counter()
    sketch_keyframes(project, [s.id for s in project.shots], cache, spec, quality="draft")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Time the three, args.repeats times, and print the medians of their ratios."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        model = write_tiny_model(Path(tmp) / "tiny")
        draft = write_tiny_draft_loras(model, Path(tmp) / "lightning")
        spec = ModelSpec(str(model), device="cpu", dtype="float32", draft=draft)
        project = film(Path(tmp), model, args)
        cache = PipelineCache()
        try:
            sketches(project, cache, spec)  # warm: the model loads once, the first calls settle
            rows = []
            for _ in range(args.repeats):
                rows.append(
                    (
                        sketches(project, cache, spec),
                        clips(project, cache, spec, "draft"),
                        clips(project, cache, spec, "final"),
                    )
                )
        finally:
            cache.release()
    sketch = statistics.median(r[0] for r in rows)
    print(
        f"tiny model, {args.size}, {args.shots} shots of {args.frames} frames, Final {args.steps} steps, CPU"
    )
    print(f"sketches (1 frame, Draft):  {sketch:7.2f} s  ({sketch / args.shots:.3f} s a shot)")
    print(f"Draft clips:               {statistics.median(r[1] for r in rows):7.2f} s")
    print(f"Final clips:               {statistics.median(r[2] for r in rows):7.2f} s")
    print(f"Draft clips / sketches:    {statistics.median(r[1] / r[0] for r in rows):7.1f}×")
    print(f"Final clips / sketches:    {statistics.median(r[2] / r[0] for r in rows):7.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
