"""Tiny random CLIP, DINOv2 and ViT classifier models built from transformers configs, saved for from_pretrained."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from engine.video.video_io import write_clip

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# The vision transformer both DINOv2 and the ViT classifier are built as: 32 px images, 16 patches.
TINY_VIT = {
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 2,
    "intermediate_size": 37,
    "image_size": 32,
    "patch_size": 8,
}


def tiny_clip(folder: Path) -> Path:
    """A CLIP model with a character-level tokenizer (vocab.json and merges.txt written here)."""
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor, CLIPTokenizer

    torch.manual_seed(0)
    folder.mkdir(parents=True, exist_ok=True)
    tokens = ["<|startoftext|>", "<|endoftext|>", *LETTERS, *(c + "</w>" for c in LETTERS)]
    (folder / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(tokens)}))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    tokenizer = CLIPTokenizer(
        str(folder / "vocab.json"), str(folder / "merges.txt"), pad_token="<|endoftext|>"
    )
    text = {
        "vocab_size": len(tokens),
        "hidden_size": 32,
        "intermediate_size": 37,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "max_position_embeddings": 77,
        "bos_token_id": 0,
        "eos_token_id": 1,
        "pad_token_id": 1,
    }
    vision = {
        "hidden_size": 32,
        "intermediate_size": 37,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "image_size": 32,
        "patch_size": 8,
    }
    CLIPModel(CLIPConfig(text_config=text, vision_config=vision, projection_dim=16)).save_pretrained(folder)
    images = CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    CLIPProcessor(image_processor=images, tokenizer=tokenizer).save_pretrained(folder)
    return folder


def tiny_dino(folder: Path) -> Path:
    """A DINOv2 model with its image processor."""
    from transformers import BitImageProcessor, Dinov2Config, Dinov2Model

    torch.manual_seed(1)
    config = Dinov2Config(**TINY_VIT)
    Dinov2Model(config).save_pretrained(folder)
    BitImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}).save_pretrained(
        folder
    )
    return folder


def tiny_classifier(folder: Path, flag_everything: bool = False) -> Path:
    """A ViT safety classifier (labels normal, nsfw); flag_everything biases it to answer nsfw."""
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    torch.manual_seed(2)
    config = ViTConfig(
        **TINY_VIT,
        id2label={0: "normal", 1: "nsfw"},
        label2id={"normal": 0, "nsfw": 1},
    )
    model = ViTForImageClassification(config)
    with torch.no_grad():
        model.classifier.bias.copy_(torch.tensor([-20.0, 20.0] if flag_everything else [20.0, -20.0]))
    model.save_pretrained(folder)
    ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(folder)
    return folder


def tiny_aesthetics(folder: Path) -> Path:
    """An aesthetic predictor as the Hub publishes it: CLIP's vision tower with projection, and the linear
    head (`layers.*`) in the same safetensors file, written by the upstream model's own class layout."""
    from torch import nn
    from transformers import CLIPImageProcessor, CLIPVisionConfig, CLIPVisionModelWithProjection

    class AestheticsPredictorV2Linear(CLIPVisionModelWithProjection):  # simple-aesthetics-predictor's layout
        def __init__(self, config: CLIPVisionConfig) -> None:
            super().__init__(config)
            self.layers = nn.Sequential(
                nn.Linear(config.projection_dim, 1024),
                nn.Dropout(0.2),
                nn.Linear(1024, 128),
                nn.Dropout(0.2),
                nn.Linear(128, 64),
                nn.Dropout(0.1),
                nn.Linear(64, 16),
                nn.Linear(16, 1),
            )
            self.post_init()

    torch.manual_seed(3)
    model = AestheticsPredictorV2Linear(CLIPVisionConfig(**TINY_VIT, projection_dim=16))
    with torch.no_grad():  # a spread of ratings, as a trained head gives, not the init's near-zero ones
        for layer in model.layers:
            if isinstance(layer, nn.Linear):
                nn.init.normal_(layer.weight, std=1.0 / layer.in_features**0.5)
        model.layers[-1].bias.fill_(5.0)
    model.save_pretrained(folder)
    CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}).save_pretrained(
        folder
    )
    return folder


def moving_clip(path: Path, frames: int = 9, size: int = 64, seed: int = 0) -> Path:
    """A clip of random texture sliding right by 3 pixels a frame."""
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 256, (size, size * 2, 3), dtype=np.uint8)
    stack = np.stack([np.ascontiguousarray(base[:, 3 * i : 3 * i + size]) for i in range(frames)])
    write_clip(stack, 16, path)
    return path


def tiny_review_models(root: Path) -> dict[str, Path]:
    """Folders of every tiny review model: clip, dino, safety (flags nothing) and unsafe (flags everything)."""
    return {
        "clip": tiny_clip(root / "clip"),
        "dino": tiny_dino(root / "dino"),
        "safety": tiny_classifier(root / "safety"),
        "unsafe": tiny_classifier(root / "unsafe", flag_everything=True),
    }
