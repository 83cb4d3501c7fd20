"""Control extraction: extract_control (depth) vs the direct transformers calls it wraps.

Both load the depth model, decode the same clip and run transformers' depth-estimation pipeline on
every frame; extract_control also probes and hashes the clip, conforms the frames and writes them as
PNGs into its cache (a fresh one each run, so every run extracts). Runs go in pairs, back to back, and
the median of the pairs' ratios (ours / direct) is printed: the target is at most 1.2.
Without --model, a tiny random Depth Anything model is built (as the tests build it).
Usage: python bench/control_extraction.py [--model FOLDER_OR_REPO] [--frames F] [--size PX] [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from control_support import make_clip, moving_frames, write_tiny_depth  # noqa: E402

from engine.conditioning.control_extraction import extract_control  # noqa: E402
from engine.conditioning.control_settings import ControlSettings  # noqa: E402
from engine.video.video_io import read_frames  # noqa: E402


def direct(clip: Path, model: str) -> None:
    """What extract_control does for depth, written as a transformers user would."""
    import torch
    from PIL import Image
    from transformers import pipeline

    pipe = pipeline("depth-estimation", model=model, device="cpu")
    with torch.inference_mode():
        for frame in read_frames(clip):
            pipe(Image.fromarray(frame))


def main() -> None:
    """Time interleaved pairs and print the medians and the median ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="")
    parser.add_argument("--frames", type=int, default=17)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        model = args.model or str(write_tiny_depth(work / "depth"))
        clip = make_clip(work / "clip.mp4", moving_frames(args.frames, args.size, args.size))
        chosen = ControlSettings(
            "depth", width=args.size, height=args.size, fps=16, frames=args.frames, model=model
        )
        extract_control(clip, chosen, work / "warm")  # imports and first-call costs, for both
        direct(clip, model)
        ours, theirs = [], []
        for run in range(args.runs):
            start = time.perf_counter()
            extract_control(clip, chosen, work / f"cache{run}")
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            direct(clip, model)
            theirs.append(time.perf_counter() - start)
    print(f"{args.frames} frames of {args.size}x{args.size}, {args.runs} pairs")
    print(f"extract_control: median {statistics.median(ours):.3f} s")
    print(f"direct calls:    median {statistics.median(theirs):.3f} s")
    # Each pair ran back to back: its ratio sees the same machine load, and one slow pair decides nothing.
    ratio = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
    print(f"ratio ours / direct (median of pairs): {ratio:.2f}")


if __name__ == "__main__":
    main()
