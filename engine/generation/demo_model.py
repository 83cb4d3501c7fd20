"""The built-in demo: a tiny text model carrying a tiny image model, a tiny reference (VACE) model and
a tiny Draft LoRA pair.

Everything a first run tries (text, a start image, "continue", a cast, keyframes, Draft) works with no
network. The reference model shares the text model's text encoder, VAE and tokenizer (the same files).
The companions live inside the text model's folder, named in its storyreel.json; diffusers
loads only the components model_index.json lists, so the extra folders are never read as parts.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.generation.request import DraftLoras
from engine.generation.tiny_model import INFO_FILE, write_tiny_model

IMAGE_FOLDER, REFERENCE_FOLDER, DRAFT_FOLDER = "image-model", "reference-model", "draft-loras"
HIGH_FILE, LOW_FILE = "high_noise_model.safetensors", "low_noise_model.safetensors"
# lightx2v's names (the original Wan code's) for the linear layers of one block, as its LoRAs use them.
_LAYERS = (*(f"self_attn.{x}" for x in "qkvo"), *(f"cross_attn.{x}" for x in "qkvo"), "ffn.0", "ffn.2")


def write_demo_model(dest: Path, seed: int = 0) -> Path:
    """Write the tiny T2V model to dest, its tiny I2V and VACE companions and its Draft LoRA pair inside it."""
    dest = Path(dest)
    write_tiny_model(dest, "t2v-a14b", seed)
    write_tiny_model(dest / IMAGE_FOLDER, "i2v-a14b", seed)
    write_tiny_model(dest / REFERENCE_FOLDER, "vace-a14b", seed)  # the same seed: the same encoder and VAE
    write_draft_loras(dest, dest / DRAFT_FOLDER, seed)
    info_path = dest / INFO_FILE
    info = json.loads(info_path.read_text(encoding="utf-8"))
    info.update(image_model=IMAGE_FOLDER, reference_model=REFERENCE_FOLDER, draft_loras=DRAFT_FOLDER)
    info_path.write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return dest


def is_complete_demo(folder: Path) -> bool:
    """Whether folder holds a whole demo (an older build may lack the companions)."""
    carried = (
        demo_image_model(str(folder)),
        demo_reference_model(str(folder)),
        demo_draft_loras(str(folder)),
    )
    return None not in carried


def demo_image_model(source: str) -> Path | None:
    """The image model a demo text model carries, or None for any other model."""
    return _companion_model(source, "image_model")


def demo_reference_model(source: str) -> Path | None:
    """The reference (VACE) model a demo text model carries, or None for any other model."""
    return _companion_model(source, "reference_model")


def _companion_model(source: str, key: str) -> Path | None:
    folder = _companion(source, key)
    return folder if folder is not None and (folder / "model_index.json").is_file() else None


def demo_draft_loras(source: str) -> DraftLoras | None:
    """The Draft LoRA pair a demo text model carries, or None for any other model."""
    folder = _companion(source, "draft_loras")
    if folder is None or not all((folder / name).is_file() for name in (HIGH_FILE, LOW_FILE)):
        return None
    return DraftLoras(repo=str(folder), high_noise=HIGH_FILE, low_noise=LOW_FILE)


def _companion(source: str, key: str) -> Path | None:
    """The folder the demo's storyreel.json names under key, inside the model folder; None otherwise."""
    folder = Path(source.strip()).expanduser() if source.strip() else None
    if folder is None or not folder.is_dir():
        return None
    try:
        info = json.loads((folder / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = info.get(key) if isinstance(info, dict) else None
    # A plain name only: a shared model folder must not point anywhere else on the disk.
    if not isinstance(name, str) or name != Path(name).name or name in ("", ".", ".."):
        return None
    return folder / name


def write_draft_loras(model_dir: Path, dest: Path, seed: int = 0, rank: int = 4) -> DraftLoras:
    """Write a random lightx2v-layout high/low-noise pair fitted to model_dir's two experts."""
    import torch
    from safetensors.torch import save_file

    dest.mkdir(parents=True, exist_ok=True)
    for offset, (component, name) in enumerate((("transformer", HIGH_FILE), ("transformer_2", LOW_FILE))):
        config = json.loads((model_dir / component / "config.json").read_text(encoding="utf-8"))
        width = config["num_attention_heads"] * config["attention_head_dim"]
        shapes = {"ffn.0": (width, config["ffn_dim"]), "ffn.2": (config["ffn_dim"], width)}
        generator = torch.Generator().manual_seed(seed + offset)
        tensors: dict[str, torch.Tensor] = {}
        for block in range(config["num_layers"]):
            for layer in _LAYERS:
                fan_in, fan_out = shapes.get(layer, (width, width))
                key = f"diffusion_model.blocks.{block}.{layer}"
                tensors[f"{key}.lora_down.weight"] = torch.randn(rank, fan_in, generator=generator) * 0.5
                tensors[f"{key}.lora_up.weight"] = torch.randn(fan_out, rank, generator=generator) * 0.5
                tensors[f"{key}.alpha"] = torch.tensor(float(rank))
                tensors[f"{key}.diff_b"] = torch.randn(fan_out, generator=generator) * 0.1
        save_file(tensors, str(dest / name))
    return DraftLoras(repo=str(dest), high_noise=HIGH_FILE, low_noise=LOW_FILE)
