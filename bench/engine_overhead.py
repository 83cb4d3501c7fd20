"""Time the engine's run_wan() against a direct WanPipeline call with identical settings.

Usage: python bench/engine_overhead.py [--model DIR] [--frames N] [--size WxH] [--steps N] [--runs N]
Without --model, a tiny random-weight model is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from engine.generation.pipeline_cache import load_pipeline  # noqa: E402
from engine.generation.request import GenerationRequest, ModelSpec  # noqa: E402
from engine.generation.wan_run import apply_model_rules, make_generator, pipeline_kwargs, run_wan  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a local diffusers Wan folder or Hub repo id (default: tiny model)")
    parser.add_argument("--frames", type=int, default=17)
    parser.add_argument("--size", default="256x144", help="WIDTHxHEIGHT")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--device")
    parser.add_argument("--dtype")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Load once, warm up both paths, then time interleaved runs and print the ratio."""
    args = parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        source = args.model
        if source is None:
            from engine.generation.tiny_model import write_tiny_model

            source = str(write_tiny_model(Path(tmp) / "tiny", "t2v-a14b"))
        loaded = load_pipeline(ModelSpec(source, device=args.device, dtype=args.dtype))
        request = GenerationRequest(
            prompt="a lighthouse at dusk, waves rolling in",
            negative_prompt="blurry",
            seed=1,
            num_frames=args.frames,
            width=width,
            height=height,
            fps=loaded.info.default_fps,
            num_inference_steps=args.steps,
            guidance_scale=4.0,
            guidance_scale_2=3.0,
            model=loaded.spec,
        )
        # The direct call gets the already-snapped settings so both do the same work.
        applied, _ = apply_model_rules(request, loaded.info)
        print(
            f"model {loaded.model_dir} ({loaded.info.arch}) on {loaded.device}/{loaded.dtype}: "
            f"{applied.num_frames} frames {applied.width}x{applied.height}, "
            f"{applied.num_inference_steps} steps, {args.runs} runs each"
        )

        def run_engine() -> float:
            start = time.perf_counter()
            run_wan(loaded, request)
            return time.perf_counter() - start

        def run_direct() -> float:
            start = time.perf_counter()
            # output_type "np" copies to the host, so the GPU work is finished when this returns.
            loaded.pipe(**pipeline_kwargs(applied, make_generator(loaded.device, applied.seed)))
            return time.perf_counter() - start

        run_engine(), run_direct()  # warm-up: first calls pay for allocations and kernel selection
        engine_times, direct_times = [], []
        for i in range(args.runs):
            # Alternate which goes first so drift (heat, other load) does not favour one side.
            pair = (run_engine, run_direct) if i % 2 == 0 else (run_direct, run_engine)
            for fn in pair:
                (engine_times if fn is run_engine else direct_times).append(fn())
    print("engine runs:", " ".join(f"{t:.3f}" for t in engine_times))
    print("direct runs:", " ".join(f"{t:.3f}" for t in direct_times))
    engine_med, direct_med = statistics.median(engine_times), statistics.median(direct_times)
    print(f"engine run_wan(): median {engine_med:.3f} s")
    print(f"direct pipe(...):  median {direct_med:.3f} s")
    # Each pair ran back to back: its ratio sees the same machine load, and one slow pair decides nothing.
    ratios = [e / d for e, d in zip(engine_times, direct_times, strict=True)]
    print(f"median of pairwise ratios engine/direct: {statistics.median(ratios):.3f} (target <= 1.03)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
