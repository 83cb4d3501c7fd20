"""A synthetic Lightning-style LoRA pair for the tiny model, in lightx2v's key layout (no download)."""

from __future__ import annotations

from pathlib import Path

from engine.generation.request import DraftLoras

HIGH_FILE, LOW_FILE = "high_noise_model.safetensors", "low_noise_model.safetensors"
# lightx2v's names (the original Wan code's) for the linear layers of one block, as its LoRAs use them.
_LAYERS = (*(f"self_attn.{x}" for x in "qkvo"), *(f"cross_attn.{x}" for x in "qkvo"), "ffn.0", "ffn.2")


def write_tiny_draft_loras(model_dir: Path, dest: Path, seed: int = 0, rank: int = 4) -> DraftLoras:
    """Write a random high/low-noise pair fitted to model_dir's experts; returns a DraftLoras for dest."""
    import json

    import torch
    from safetensors.torch import save_file

    dest.mkdir(parents=True, exist_ok=True)
    for offset, (component, name) in enumerate((("transformer", HIGH_FILE), ("transformer_2", LOW_FILE))):
        config = json.loads((model_dir / component / "config.json").read_text(encoding="utf-8"))
        dim = config["num_attention_heads"] * config["attention_head_dim"]
        sizes = {"ffn.0": (dim, config["ffn_dim"]), "ffn.2": (config["ffn_dim"], dim)}
        generator = torch.Generator().manual_seed(seed + offset)
        tensors: dict[str, torch.Tensor] = {}
        for block in range(config["num_layers"]):
            for key in _LAYERS:
                n_in, n_out = sizes.get(key, (dim, dim))
                prefix = f"diffusion_model.blocks.{block}.{key}"
                tensors[f"{prefix}.lora_down.weight"] = torch.randn(rank, n_in, generator=generator) * 0.5
                tensors[f"{prefix}.lora_up.weight"] = torch.randn(n_out, rank, generator=generator) * 0.5
                tensors[f"{prefix}.alpha"] = torch.tensor(float(rank))
                tensors[f"{prefix}.diff_b"] = torch.randn(n_out, generator=generator) * 0.1
        save_file(tensors, str(dest / name))
    return DraftLoras(repo=str(dest), high_noise=HIGH_FILE, low_noise=LOW_FILE)
