"""Time per denoising step of the tiny reference (VACE) model, with 2 reference images and keyframes,
against the plain tiny text model, in the same run.

Usage: python bench/reference_cost.py [--frames N] [--size WxH] [--steps N] [--runs N]
Both tiny random-weight models are built in a temporary folder (the same text encoder and VAE).
A step is timed from the engine's own progress events, so prompt encoding, the VAE's encoding of
the references and keyframes, and the decode are left out: what remains is the experts' work.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests"))  # the test helpers it shares

from image_support import still  # noqa: E402
from speed_support import small_request  # noqa: E402

from engine.generation.loaded_pipeline import LoadedPipeline  # noqa: E402
from engine.generation.pipeline_cache import load_pipeline  # noqa: E402
from engine.generation.request import GenerationRequest, Keyframe, ModelSpec, ReferenceConditioning  # noqa: E402
from engine.generation.shot_run import run_shot  # noqa: E402
from engine.progress import GENERATING, Progress  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=17)
    parser.add_argument("--size", default="128x128", help="WIDTHxHEIGHT")
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--runs", type=int, default=6)
    return parser.parse_args(argv)


def seconds_per_step(loaded: LoadedPipeline, request: GenerationRequest) -> float:
    """One run's mean time per step, from its first to its last step event."""
    stamps: list[float] = []

    def on_progress(p: Progress) -> None:
        if p.stage == GENERATING and p.step:
            stamps.append(time.perf_counter())

    run_shot(loaded, request, on_progress)
    return (stamps[-1] - stamps[0]) / (len(stamps) - 1)


def main(argv: list[str] | None = None) -> int:
    """Build and load both models, warm up, then time interleaved pairs and print the ratios."""
    from engine.generation.tiny_model import write_tiny_model

    args = parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        text = load_pipeline(ModelSpec(str(write_tiny_model(Path(tmp) / "t2v", "t2v-a14b")), device="cpu"))
        vace = load_pipeline(ModelSpec(str(write_tiny_model(Path(tmp) / "vace", "vace-a14b")), device="cpu"))
        plain = small_request(
            text.spec,
            seed=1,
            num_frames=args.frames,
            width=width,
            height=height,
            num_inference_steps=args.steps,
        )
        last = args.frames - 1
        refs = ReferenceConditioning(
            (still(1, 96, 128), still(2, 128, 96)),
            (Keyframe(0, still(3, width, height)), Keyframe(last, still(4, width, height))),
        )
        cast = dataclasses.replace(plain, model=vace.spec, references=refs)
        bare = dataclasses.replace(plain, model=vace.spec)
        print(
            f"tiny models on cpu/float32: {args.frames} frames {width}x{height}, {args.steps} steps, "
            f"{args.runs} runs each; VACE blocks after layers {vace.pipe.transformer.config.vace_layers} "
            f"of {vace.pipe.transformer.config.num_layers} (text model: {text.pipe.transformer.config.num_layers})"
        )
        runs = {
            "text": (text, plain),
            "vace, no references": (vace, bare),
            "vace, 2 refs + 2 keyframes": (vace, cast),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for loaded, request in runs.values():  # warm-up: first calls pay for allocations
            seconds_per_step(loaded, request)
        for i in range(args.runs):
            # Rotate which goes first so drift (other load on the machine) does not favour one side.
            order = list(runs)[i % len(runs) :] + list(runs)[: i % len(runs)]
            for name in order:
                times[name].append(seconds_per_step(*runs[name]))
    for name, values in times.items():
        print(
            f"{name:28} per step: median {statistics.median(values) * 1000:.1f} ms  ({' '.join(f'{v * 1000:.0f}' for v in values)})"
        )
    for name in list(runs)[1:]:
        # Each round ran back to back: its ratio sees the same machine load.
        ratios = [v / t for v, t in zip(times[name], times["text"], strict=True)]
        print(f"median of per-round ratios ({name}) / text: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
