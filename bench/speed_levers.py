"""Show each speed lever really applied: transformer passes per take and wall time against plain Final.

Usage: python bench/speed_levers.py [--steps N] [--size WxH] [--frames N] [--pairs N] [--compile]
On the tiny random-weight model (built in a temporary folder) with a synthetic Lightning-style LoRA pair.
Draft must run 4 passes against Final's 2 × steps; the step cache must skip blocks; the guidance trap must
keep its guidance passes. --compile adds regional compile (its first take compiles: about a minute on CPU).

Each lever gets a warm-up take (not timed), then --pairs takes of plain Final and of the lever, one after
the other; `× plain` is the median of the pairs' ratios, so one outlier on a loaded machine decides nothing.
Its `s` is the median of its timed takes (plain's: of every plain take in the run).
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
    parser.add_argument("--pairs", type=int, default=3, help="timed (plain, lever) pairs per lever")
    parser.add_argument("--compile", action="store_true", help="add regional compile (slow first take)")
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    return args


def measure(loaded: LoadedPipeline, request: GenerationRequest) -> tuple[dict, int, float]:
    """Passes per expert, skipped blocks and seconds of one take."""
    start = time.perf_counter()
    with count_passes(loaded.pipe) as counts:
        run_wan(loaded, request)
    return dict(counts.forwards), counts.blocks_skipped, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Time every lever in pairs against plain Final and print one table."""
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
        # Draft on a pipeline of its own: on plain's, each pair would enter and leave Draft (fusing the pair,
        # reading the Final weights back), a switch's cost rather than the lever's speed.
        drafted = load_pipeline(base)
        rows: list[tuple[str, LoadedPipeline, GenerationRequest]] = [
            ("final (plain)", plain, request),
            ("draft (Lightning pair, fused)", drafted, dataclasses.replace(request, quality="draft")),
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
            rows.append(
                ("final + regional compile", compiled, dataclasses.replace(request, model=compiled.spec))
            )
        plain_counts = measure(plain, request)  # warm-up take of plain Final: its passes are the first row's
        plain_takes: list[float] = []
        table = []
        for name, loaded, req in rows[1:]:
            measure(loaded, req)  # warm-up take (entering Draft, compiling): not the lever's speed
            ratios, takes = [], []
            for _ in range(args.pairs):
                plain_takes.append(measure(plain, request)[2])
                forwards, skipped, seconds = measure(loaded, req)
                takes.append(seconds)
                ratios.append(seconds / plain_takes[-1])
            table.append((name, forwards, skipped, statistics.median(takes), statistics.median(ratios)))
        plain_row = (rows[0][0], *plain_counts[:2], statistics.median(plain_takes), 1.0)
        print(f"tiny model, {width}x{height}, {args.frames} frames, Final at {args.steps} steps, CPU")
        print(f"medians of {args.pairs} interleaved (plain, lever) pair(s) per lever, after a warm-up take")
        print(
            f"{'lever':34} {'high-noise':>10} {'low-noise':>10} {'passes':>7} {'skipped':>8} {'s':>7} {'× plain':>8}"
        )
        for name, forwards, skipped, seconds, ratio in [plain_row, *table]:
            high, low = forwards.get("transformer", 0), forwards.get("transformer_2", 0)
            print(
                f"{name:34} {high:>10} {low:>10} {high + low:>7} {skipped:>8} {seconds:>7.2f} {ratio:>8.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
