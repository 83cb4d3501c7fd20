"""The FLOP projection of `bench/review_cost.py --projection`: scoring against generating a real 81-frame 720p take.

FLOPs are counted by torch's FlopCounterMode on the real architectures, built from their configs on the meta
device (shapes only, no weights): the review's default models and a Wan 2.2 A14B expert. What the review does on
the CPU (the frames read once, flow, flicker, the processors' resizing) is timed here on a real clip.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import torch

from bench.gpu_speed import A14B, TEXT_LEN
from engine.review.frame_scores import flicker_score, motion_score
from engine.review.review_config import DEFAULT_SAMPLE_FRAMES
from engine.review.sampled_clip import read_sampled

WIDTH, HEIGHT, FRAMES = 1280, 720, 81
REFERENCES = 4  # one cast member with the most reference images a member takes
CLIP_TOKENS = 77  # CLIP's whole context: an upper bound for the prompt
DRAFT_STEPS, FINAL_STEPS = 4, 40  # Lightning's 4 steps without guidance; Final's 40 with guidance (2 passes)
DRAFT_SECONDS = 67.0  # a fused Lightning Draft at 720p on one GPU, LightX2V's figure (docs/performance.md)


def counted(run: Callable[[], object]) -> float:
    """FLOPs of run() as FlopCounterMode counts them."""
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        run()
    return float(counter.get_total_flops())


def pixels(count: int, size: int = 224) -> torch.Tensor:
    """A batch of processed images (every default processor crops or resizes to 224)."""
    return torch.empty(count, 3, size, size, device="meta")


def scorer_flops() -> dict[str, float]:
    """FLOPs of each model scorer on the sampled frames, the review's default models' configs."""
    from transformers import (
        CLIPConfig,
        CLIPModel,
        CLIPVisionConfig,
        CLIPVisionModelWithProjection,
        Dinov2Config,
        Dinov2Model,
        ViTConfig,
        ViTForImageClassification,
    )

    from engine.review.aesthetics import aesthetics_head

    n = DEFAULT_SAMPLE_FRAMES
    with torch.device("meta"):
        clip = CLIPModel(CLIPConfig())  # the defaults are openai/clip-vit-base-patch32's
        dino = Dinov2Model(
            Dinov2Config(hidden_size=384, num_attention_heads=6, intermediate_size=1536, image_size=518)
        )  # facebook/dinov2-small
        vit = ViTForImageClassification(ViTConfig(num_labels=2))  # Falconsai/nsfw_image_detection (ViT-B/16)
        large = CLIPVisionModelWithProjection(  # the aesthetic predictor's CLIP ViT-L/14
            CLIPVisionConfig(
                hidden_size=1024,
                intermediate_size=4096,
                num_hidden_layers=24,
                num_attention_heads=16,
                patch_size=14,
                projection_dim=768,
            )
        )
        head = aesthetics_head(768)
        tokens = torch.zeros(1, CLIP_TOKENS, dtype=torch.long)
    return {
        "prompt (CLIP ViT-B/32)": counted(
            lambda: (
                clip.get_image_features(pixel_values=pixels(n)),
                clip.get_text_features(input_ids=tokens),
            )
        ),
        "likeness (DINOv2-small)": counted(lambda: dino(pixel_values=pixels(n + REFERENCES))),
        "safety (ViT-B/16)": counted(lambda: vit(pixel_values=pixels(n))),
        "aesthetics, off by default (CLIP ViT-L/14 + head)": counted(
            lambda: head(large(pixel_values=pixels(n)).image_embeds)
        ),
    }


def expert_flops() -> float:
    """FLOPs of one forward of a Wan 2.2 A14B expert at 1280x720, 81 frames (both experts are alike)."""
    from diffusers import WanTransformer3DModel

    latent = (1, A14B["in_channels"], (FRAMES - 1) // 4 + 1, HEIGHT // 8, WIDTH // 8)
    with torch.device("meta"):
        expert = WanTransformer3DModel(**A14B)
        latents, text = torch.empty(latent), torch.empty(1, TEXT_LEN, A14B["text_dim"])
        timestep = torch.zeros(1)
    return counted(lambda: expert(hidden_states=latents, timestep=timestep, encoder_hidden_states=text))


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of run(): on a loaded machine the CPU time is the truer cost."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def cpu_seconds(clip: Path) -> dict[str, tuple[float, float]]:
    """What the review does on the CPU for the clip, timed here: the frames read once, flow, flicker, resizing."""
    from transformers import BitImageProcessor, CLIPImageProcessor, ViTImageProcessor

    processors = [
        CLIPImageProcessor(),
        BitImageProcessor(size={"shortest_edge": 256}, crop_size={"height": 224, "width": 224}),
        ViTImageProcessor(),
    ]
    read_sampled(clip, 2)  # PyAV's codecs loaded once, as on a worker that has scored before
    sampled = []
    times = {"read once": timed(lambda: sampled.append(read_sampled(clip, DEFAULT_SAMPLE_FRAMES)))}
    grey, frames = sampled[0].grey, list(sampled[0].frames)
    times["flow and flicker"] = timed(lambda: (motion_score(grey), flicker_score(grey)))
    times["resizing (3 processors)"] = timed(
        lambda: [processor(images=frames, return_tensors="pt") for processor in processors]
    )
    return times


def projection(clip: Path) -> None:
    """Print the table: FLOPs per scorer and per generation, the CPU seconds, the projected shares."""
    scorers = scorer_flops()
    forward = expert_flops()
    draft, final = DRAFT_STEPS * forward, FINAL_STEPS * 2 * forward
    default = sum(v for k, v in scorers.items() if "off by default" not in k)
    print(
        f"FLOP projection, {WIDTH}x{HEIGHT}, {FRAMES} frames, {DEFAULT_SAMPLE_FRAMES} sampled frames (meta device)"
    )
    for name, flops in scorers.items():
        print(f"  {name}: {flops / 1e9:.1f} GFLOP")
    print(f"  scorers on by default: {default / 1e9:.1f} GFLOP")
    print(f"  one A14B expert forward: {forward / 1e12:.0f} TFLOP")
    print(
        f"  Draft ({DRAFT_STEPS} steps x 1 pass): {draft / 1e12:.0f} TFLOP; scoring/Draft {default / draft:.2e}"
    )
    print(
        f"  Final ({FINAL_STEPS} steps x 2 passes): {final / 1e12:.0f} TFLOP; scoring/Final {default / final:.2e}"
    )
    cpu = cpu_seconds(clip)
    for name, (wall, seconds) in cpu.items():
        print(
            f"  CPU, {name}: {seconds:.2f} s of CPU ({wall:.2f} s wall, {torch.get_num_threads()} threads here)"
        )
    rate = draft / DRAFT_SECONDS  # the throughput a Draft's own figure implies
    models = default / rate
    total = sum(seconds for _, seconds in cpu.values()) + models
    print(
        f"  at the {rate / 1e12:.0f} TFLOP/s a {DRAFT_SECONDS:.0f} s Draft implies: models {models * 1000:.1f} ms; "
        f"scoring {total:.2f} s = {100 * total / DRAFT_SECONDS:.1f} % of a Draft, "
        f"{100 * total / (final / rate):.2f} % of a Final ({final / rate / 60:.0f} min)"
    )
