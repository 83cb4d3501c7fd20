"""Show each speed lever really applied: transformer passes per take and wall time against plain Final.

Usage: python bench/speed_levers.py [--steps N] [--size WxH] [--frames N] [--compile]
On the tiny random-weight model (built in a temporary folder) with a synthetic Lightning-style LoRA pair.
Draft must run 4 passes against Final's 2 × steps; the step cache must skip blocks; the guidance trap must
keep its guidance passes. --compile adds regional compile (its first take compiles: about a minute on CPU).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests"))  # the test doubles it shares

from pass_counter import count_passes  # noqa: E402
from tiny_draft import write_tiny_draft_loras  # noqa: E402

from engine.generation.loaded_pipeline import LoadedPipeline  # noqa: E402
from engine.generation.pipeline_cache import load_pipeline  # noqa: E402
from engine.generation.request import GenerationRequest, ModelSpec  # noqa: E402
from engine.generation.tiny_model import write_tiny_model  # noqa: E402
from engine.generation.wan_run import run_wan  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--size", default="32x32", help="WIDTHxHEIGHT")
    parser.add_argument("--frames", type=int, default=5)
    parser.add_argument("--compile", action="store_true", help="add regional compile (slow first take)")
    return parser.parse_args(argv)


def measure(loaded: LoadedPipeline, request: GenerationRequest) -> tuple[dict, int, float]:
    """Passes per expert, skipped blocks and seconds of one take."""
    start = time.perf_counter()
    with count_passes(loaded.pipe) as counts:
        run_wan(loaded, request)
    return dict(counts.forwards), counts.blocks_skipped, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run every lever once and print one table."""
    args = parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        model = write_tiny_model(Path(tmp) / "tiny")
        draft = write_tiny_draft_loras(model, Path(tmp) / "lightning")
        base = ModelSpec(str(model), device="cpu", dtype="float32", draft=draft)
        request = GenerationRequest(
            prompt="a lighthouse at dusk, waves",
            negative_prompt="blurry",
            seed=1,
            num_frames=args.frames,
            width=width,
            height=height,
            fps=16,
            num_inference_steps=args.steps,
            guidance_scale=4.0,
            guidance_scale_2=3.0,
            model=base,
        )
        plain = load_pipeline(base)
        rows: list[tuple[str, LoadedPipeline, GenerationRequest]] = [
            ("final (plain)", plain, request),
            ("draft (Lightning pair, fused)", plain, dataclasses.replace(request, quality="draft")),
            (
                "final + first-block cache 0.2",
                plain,
                dataclasses.replace(request, step_cache="first_block", cache_threshold=0.2),
            ),
            ("guidance 1 / 3 (trap, honoured)", plain, dataclasses.replace(request, guidance_scale=1.0)),
        ]
        fp8 = load_pipeline(dataclasses.replace(base, fp8="storage"))
        rows.append(("final + fp8 storage", fp8, dataclasses.replace(request, model=fp8.spec)))
        if args.compile:
            compiled = load_pipeline(dataclasses.replace(base, compile="on"))
            warm = dataclasses.replace(request, model=compiled.spec, num_inference_steps=2)
            run_wan(compiled, warm)  # the compile itself is not the lever's speed
            rows.append(
                ("final + regional compile", compiled, dataclasses.replace(request, model=compiled.spec))
            )
        run_wan(plain, dataclasses.replace(request, num_inference_steps=2))  # warm up the first call
        print(f"tiny model, {width}x{height}, {args.frames} frames, Final at {args.steps} steps, CPU")
        print(
            f"{'lever':34} {'high-noise':>10} {'low-noise':>10} {'passes':>7} {'skipped':>8} {'s':>7} {'× plain':>8}"
        )
        plain_seconds = None
        for name, loaded, req in rows:
            forwards, skipped, seconds = measure(loaded, req)
            plain_seconds = plain_seconds or seconds
            high, low = forwards.get("transformer", 0), forwards.get("transformer_2", 0)
            ratio = seconds / plain_seconds
            print(
                f"{name:34} {high:>10} {low:>10} {high + low:>7} {skipped:>8} {seconds:>7.2f} {ratio:>8.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
