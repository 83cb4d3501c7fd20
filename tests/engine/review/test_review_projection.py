"""bench/review_cost.py --projection: FLOPs counted on the real architectures (meta device) agree with hand counts."""

from __future__ import annotations

import pytest

from bench.review_projection import FRAMES, HEIGHT, WIDTH, expert_flops, scorer_flops


def vit_flops(images: int, width: int, layers: int, patch: int, size: int = 224) -> float:
    """A ViT's matmul FLOPs by hand: patch embedding, then per layer 12 width² per token and attention's 4 tokens² width."""
    tokens = (size // patch) ** 2 + 1
    embed = 2 * (tokens - 1) * width * 3 * patch * patch
    per_layer = 2 * tokens * 12 * width * width + 4 * tokens * tokens * width
    return images * (embed + layers * per_layer)


@pytest.mark.slow  # builds four real-size models on the meta device and traces them (10-20 s here)
def test_the_scorers_flops_are_their_models_on_the_sampled_frames():
    flops = scorer_flops()
    # ViT-B/16 on 8 frames, plus the 2-label classifier head (negligible).
    assert flops["safety (ViT-B/16)"] == pytest.approx(vit_flops(8, 768, 12, 16), rel=0.01)
    # DINOv2-small (384 wide, patch 14) on 8 frames and 4 reference images.
    assert flops["likeness (DINOv2-small)"] == pytest.approx(vit_flops(12, 384, 12, 14), rel=0.01)
    assert flops["aesthetics, off by default (CLIP ViT-L/14 + head)"] > 4 * flops["prompt (CLIP ViT-B/32)"]


@pytest.mark.slow  # builds the 40-layer expert on the meta device and traces one 720p forward (about 10 s)
def test_one_a14b_forward_at_720p_matches_the_hand_count_of_bench_gpu_speed():
    from bench.gpu_speed import A14B, forward_flops

    seq = ((FRAMES - 1) // 4 + 1) * (HEIGHT // 16) * (WIDTH // 16)
    assert seq == 75_600

    import torch
    from diffusers import WanTransformer3DModel

    with torch.device("meta"):
        expert = WanTransformer3DModel(**A14B)
    assert expert_flops() == pytest.approx(forward_flops(expert, A14B, seq), rel=0.1)
