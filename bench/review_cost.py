"""Time to score a take against time to generate it, on the tiny models, as a ratio in one run.

Usage: python bench/review_cost.py [--pairs N] [--size WxH] [--frames N] [--steps N] [--real-size] [--projection]
Each pair generates one take on the tiny random-weight Wan model (Final, on this CPU) and then scores it
with tiny random CLIP, DINOv2 and ViT classifier models (every scorer on, one cast member); the ratio is
the median of the pairs' ratios. --real-size also scores an 81-frame 1280x720 clip with the real models'
architectures (CLIP ViT-B/32, DINOv2-small, ViT-base; random weights cost the same) for the projection
in docs/performance.md. --projection (alone: no tiny pairs) counts FLOPs with torch's FlopCounterMode on the
real architectures built from their configs on the meta device (no weights): each scorer's model on its
sampled frames against one forward of a Wan 2.2 A14B expert at 1280x720, 81 frames, times Draft's and
Final's steps and guidance passes; and it times what stays on the CPU (the frames read once, flow,
flicker, the processors' resizing) on an 81-frame 720p clip here. A projection, not a GPU measurement.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

import numpy as np  # noqa: E402

from engine.backends.local import run_take_job  # noqa: E402
from engine.generation.pipeline_cache import PipelineCache  # noqa: E402
from engine.generation.request import GenerationRequest, ModelSpec  # noqa: E402
from engine.generation.tiny_model import write_tiny_model  # noqa: E402
from engine.review.review_config import ModelRef, ReviewConfig  # noqa: E402
from engine.review.take_review import TakeInputs, review_take  # noqa: E402
from engine.video.video_io import write_clip  # noqa: E402
from tests.review_support import tiny_review_models  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--size", default="64x48", help="WIDTHxHEIGHT of the tiny takes")
    parser.add_argument("--frames", type=int, default=9)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument(
        "--real-size", action="store_true", help="also score an 81-frame 720p clip, real sizes"
    )
    parser.add_argument(
        "--projection", action="store_true", help="only the FLOP projection for a real 81-frame 720p take"
    )
    return parser.parse_args(argv)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 64), (180, 60, 40)).save(out, format="PNG")
    return out.getvalue()


def tiny_pairs(args: argparse.Namespace, root: Path) -> None:
    """Generate and score --pairs takes; print each pair and the median ratio."""
    width, height = (int(v) for v in args.size.split("x"))
    models = tiny_review_models(root / "review")
    config = ReviewConfig(
        clip_model=ModelRef(str(models["clip"])),
        dino_model=ModelRef(str(models["dino"])),
        safety_model=ModelRef(str(models["safety"])),
    )
    inputs = TakeInputs("a lighthouse by the sea", {"Mia": [_png()]}, grade=lambda f: f // 2)
    spec = ModelSpec(str(write_tiny_model(root / "wan")))
    cache = PipelineCache()
    ratios, gens, scores = [], [], []
    try:
        for number in range(args.pairs + 1):
            request = GenerationRequest(
                prompt="a lighthouse by the sea",
                negative_prompt="",
                fps=16,
                guidance_scale=4.0,
                guidance_scale_2=3.0,
                seed=number,
                width=width,
                height=height,
                num_frames=args.frames,
                num_inference_steps=args.steps,
                model=spec,
            )
            clip = root / f"take-{number:03d}.mp4"
            started = time.perf_counter()
            run_take_job(cache, request, clip)
            generated = time.perf_counter() - started
            started = time.perf_counter()
            review_take(clip, config, inputs)
            scored = time.perf_counter() - started
            if number == 0:  # the first pair loads every model: a worker pays that once per session
                continue
            gens.append(generated)
            scores.append(scored)
            ratios.append(scored / generated)
            print(
                f"pair {number}: generate {generated:.3f} s, score {scored:.3f} s, ratio {scored / generated:.3f}"
            )
    finally:
        cache.release()
    print(
        f"tiny ({args.size}, {args.frames} frames, {args.steps} steps): median generate {statistics.median(gens):.3f} s, "
        f"median score {statistics.median(scores):.3f} s, median ratio {statistics.median(ratios):.3f}"
    )


def clip_720p(root: Path) -> Path:
    """An 81-frame 1280x720 clip of random texture sliding 4 pixels a frame (real motion for the flow)."""
    rng = np.random.default_rng(0)
    base = rng.integers(0, 256, (720, 1280 + 81 * 4, 3), dtype=np.uint8)
    frames = np.stack([base[:, 4 * i : 4 * i + 1280] for i in range(81)])
    take = root / "take-720p.mp4"
    write_clip(frames, 16, take)
    return take


def real_size(root: Path) -> None:
    """Score an 81-frame 1280x720 clip with real-size architectures; print the time (second run, models warm)."""
    import torch
    from transformers import (
        BitImageProcessor,
        CLIPConfig,
        CLIPImageProcessor,
        CLIPModel,
        CLIPProcessor,
        Dinov2Config,
        Dinov2Model,
        ViTConfig,
        ViTForImageClassification,
        ViTImageProcessor,
    )

    from tests.review_support import tiny_clip

    torch.manual_seed(0)
    clip_dir, dino_dir, vit_dir = root / "clip-b32", root / "dinov2-small", root / "vit-base"
    tokenizer_dir = tiny_clip(root / "tokenizer")  # its tokenizer only: text cost is tiny beside the images
    CLIPModel(CLIPConfig(text_config={"vocab_size": 54}, vision_config={"patch_size": 32})).save_pretrained(
        clip_dir
    )
    processor = CLIPProcessor.from_pretrained(tokenizer_dir)
    CLIPProcessor(image_processor=CLIPImageProcessor(), tokenizer=processor.tokenizer).save_pretrained(
        clip_dir
    )
    small = {
        "hidden_size": 384,
        "num_attention_heads": 6,
        "intermediate_size": 1536,
        "image_size": 518,
        "patch_size": 14,
    }
    Dinov2Model(Dinov2Config(**small)).save_pretrained(dino_dir)
    BitImageProcessor(size={"shortest_edge": 256}, crop_size={"height": 224, "width": 224}).save_pretrained(
        dino_dir
    )
    ViTForImageClassification(
        ViTConfig(id2label={0: "normal", 1: "nsfw"}, label2id={"normal": 0, "nsfw": 1})
    ).save_pretrained(vit_dir)
    ViTImageProcessor().save_pretrained(vit_dir)
    take = clip_720p(root)
    config = ReviewConfig(ModelRef(str(clip_dir)), ModelRef(str(dino_dir)), ModelRef(str(vit_dir)))
    inputs = TakeInputs("a lighthouse by the sea", {"Mia": [_png()]}, grade=lambda f: f // 2)
    review_take(take, config, inputs)  # loads the models
    started = time.perf_counter()
    review = review_take(take, config, inputs)
    seconds = time.perf_counter() - started
    failed = [n for n, s in review.scores.items() if s["status"] != "ok"]
    print(
        f"real size (81 frames 1280x720, 8 sampled, models warm, {torch.get_num_threads()} threads): score {seconds:.2f} s"
        + (f"; failed: {failed}" if failed else "")
    )


def main(argv: list[str] | None = None) -> int:
    """Run the pairs (and the real-size scoring), or the projection alone, in a temporary folder."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyreel-review-cost-") as tmp:
        if args.projection:
            from bench.review_projection import projection

            projection(clip_720p(Path(tmp)))
            return 0
        tiny_pairs(args, Path(tmp))
        if args.real_size:
            real_size(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
