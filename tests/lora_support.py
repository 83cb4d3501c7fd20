"""Random LoRA files made with peft, for LoRA and preset tests."""

from __future__ import annotations

from pathlib import Path

import torch


def make_lora(transformer_folder: Path, dest: Path, seed: int, **config: object) -> Path:
    """A random LoRA for a transformer, made with peft and saved the way diffusers loads it."""
    from diffusers import WanPipeline, WanTransformer3DModel
    from peft import LoraConfig, get_peft_model_state_dict

    model = WanTransformer3DModel.from_pretrained(transformer_folder)
    torch.manual_seed(seed)
    settings = {
        "r": 4,
        "target_modules": ["to_q", "to_k", "to_v", "to_out.0"],
        "init_lora_weights": False,
        **config,
    }
    model.add_adapter(LoraConfig(**settings))
    # The tiny model barely reacts to a unit-scale random LoRA: make its effect plain to see.
    layers = {k: v * 4 if "lora_B" in k else v for k, v in get_peft_model_state_dict(model).items()}
    WanPipeline.save_lora_weights(dest.parent, transformer_lora_layers=layers, weight_name=dest.name)
    return dest
