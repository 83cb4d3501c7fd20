"""A tiny random-weight Wan 2.2 model in diffusers format, for tests, benchmarks and demos."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ARCHS = ("t2v-a14b", "ti2v-5b", "i2v-a14b", "vace-a14b")
# Written beside model_index.json for people and tools; loading never reads it (real models lack it).
INFO_FILE = "storyreel.json"
_DEFAULT_FPS = {"t2v-a14b": 16, "ti2v-5b": 24, "i2v-a14b": 16, "vace-a14b": 16}
_TEXT_DIM = 32  # transformer text_dim == text encoder d_model


def write_tiny_model(dest: Path, arch: str = "t2v-a14b", seed: int = 0) -> Path:
    """Write a tiny Wan 2.2 pipeline (random weights, same bytes for the same seed) to dest."""
    if arch not in ARCHS:
        raise ValueError(f"Unknown tiny model architecture {arch!r}; choose one of {', '.join(ARCHS)}.")
    from engine.generation.pipeline_cache import quiet_library_progress_bars

    quiet_library_progress_bars()  # before diffusers' Wan modules import, which warn
    from diffusers import WanImageToVideoPipeline, WanPipeline, WanVACEPipeline

    dest = Path(dest)
    # Any: diffusers builds its classes lazily, so mypy sees none of their methods.
    if arch == "i2v-a14b":
        # As Wan-AI/Wan2.2-I2V-A14B-Diffusers: no CLIP image encoder (image_encoder and
        # image_processor null in model_index.json); the image enters as 16 latent channels + 4 mask.
        pipe: Any = WanImageToVideoPipeline(
            **_components(arch, seed), image_encoder=None, image_processor=None
        )
    elif arch == "vace-a14b":
        # As linoyts/Wan2.2-VACE-Fun-14B-diffusers: two WanVACETransformer3DModel experts, boundary 0.875.
        pipe = WanVACEPipeline(**_components(arch, seed))
    else:
        pipe = WanPipeline(**_components(arch, seed))
    pipe.save_pretrained(dest, safe_serialization=True)
    _portable_tokenizer_class(dest)
    info = {"arch": arch, "default_fps": _DEFAULT_FPS[arch], "seed": seed, "tiny": True}
    (dest / INFO_FILE).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return dest


def _portable_tokenizer_class(dest: Path) -> None:
    """Record the tokenizer as PreTrainedTokenizerFast, a name transformers 4 and 5 both load."""
    # transformers 5 saves it under its new name TokenizersBackend (the same class), which 4.x lacks.
    for path, key, value in (
        (dest / "model_index.json", "tokenizer", ["transformers", "PreTrainedTokenizerFast"]),
        (dest / "tokenizer" / "tokenizer_config.json", "tokenizer_class", "PreTrainedTokenizerFast"),
    ):
        config = json.loads(path.read_text(encoding="utf-8"))
        config[key] = value
        path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _components(arch: str, seed: int) -> dict[str, Any]:
    """Every WanPipeline constructor argument for the given layout."""
    from diffusers import UniPCMultistepScheduler

    dense = arch == "ti2v-5b"
    channels = 48 if dense else 16
    in_channels = 36 if arch == "i2v-a14b" else channels
    scheduler = UniPCMultistepScheduler(
        prediction_type="flow_prediction", use_flow_sigmas=True, flow_shift=3.0
    )
    components: dict[str, Any] = {
        "tokenizer": build_tokenizer(),
        "text_encoder": _text_encoder(seed),
        "vae": _vae(dense, seed),
        "scheduler": scheduler,
        "transformer": _transformer(arch, in_channels, channels, seed),
        "transformer_2": None if dense else _transformer(arch, in_channels, channels, seed + 1),
        "boundary_ratio": None if dense else 0.9 if arch == "i2v-a14b" else 0.875,
    }
    if dense:
        components["expand_timesteps"] = True
    return components


def _transformer(arch: str, in_channels: int, channels: int, seed: int) -> Any:
    """A two-layer WanTransformer3DModel, or a three-layer WanVACETransformer3DModel, with diffusers' own test sizes."""
    import torch
    from diffusers import WanTransformer3DModel, WanVACETransformer3DModel

    torch.manual_seed(seed)
    common: dict[str, Any] = {
        "patch_size": (1, 2, 2),
        "num_attention_heads": 2,
        "attention_head_dim": 12,
        "in_channels": in_channels,
        "out_channels": channels,
        "text_dim": _TEXT_DIM,
        "freq_dim": 256,
        "ffn_dim": 32,
        "cross_attn_norm": True,
        "qk_norm": "rms_norm_across_heads",
        # Positions per axis, as in the real models: latent 1280×720 is 80×45 patches, beyond a short table.
        "rope_max_seq_len": 1024,
    }
    if arch == "vace-a14b":
        # diffusers' tests/pipelines/wan/test_wan_vace.py: VACE blocks after layers 0 and 2, 96 control
        # channels (16 inactive + 16 reactive latents + 64 for the 8×8 mask).
        model: Any = WanVACETransformer3DModel(
            num_layers=3, vace_layers=[0, 2], vace_in_channels=96, **common
        )
    else:
        model = WanTransformer3DModel(num_layers=2, **common)
    return model.eval()


def _vae(dense: bool, seed: int) -> Any:
    """Wan 2.1-style VAE (z 16, 4×8×8) or Wan 2.2-style VAE (z 48, residual, 4×16×16)."""
    import torch
    from diffusers import AutoencoderKLWan

    torch.manual_seed(seed)
    common: dict[str, Any] = {
        "base_dim": 3,
        "dim_mult": [1, 1, 1, 1],
        # No extra residual blocks: the full-resolution 3D convolutions dominate a 1280×720 decode on CPU.
        "num_res_blocks": 0,
        "temperal_downsample": [False, True, True],
    }
    if dense:
        # Sizes from diffusers' Wan 2.2 5B fast tests: patch_size 2 packs 2×2 pixels into 12 channels.
        vae: Any = AutoencoderKLWan(
            z_dim=48,
            in_channels=12,
            out_channels=12,
            is_residual=True,
            patch_size=2,
            latents_mean=[0.0] * 48,
            latents_std=[1.0] * 48,
            scale_factor_spatial=16,
            scale_factor_temporal=4,
            **common,
        )
    else:
        vae = AutoencoderKLWan(z_dim=16, **common)
    return vae.eval()


def _text_encoder(seed: int) -> Any:
    """A two-layer UMT5 encoder whose width matches the transformer's text_dim."""
    import torch
    from transformers import UMT5Config, UMT5EncoderModel

    torch.manual_seed(seed)
    config = UMT5Config(
        vocab_size=len(_vocab()),
        d_model=_TEXT_DIM,
        d_kv=8,
        d_ff=64,
        num_layers=2,
        num_heads=4,
        relative_attention_num_buckets=8,
        relative_attention_max_distance=32,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
    )
    return UMT5EncoderModel(config).eval()


def _vocab() -> list[tuple[str, float]]:
    """T5's layout (<pad>=0, </s>=1, <unk>=2), every byte for fallback, then ASCII characters."""
    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    vocab += [(f"<0x{b:02X}>", -10.0) for b in range(256)]
    vocab += [("▁", -2.0)]
    vocab += [(chr(c), -3.0) for c in range(33, 127)]
    return vocab


def build_tokenizer() -> Any:
    """A small Unigram tokenizer built in memory: any Unicode text encodes via byte fallback."""
    from tokenizers import Tokenizer, decoders, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(Unigram(_vocab(), unk_id=2, byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    # The Llama-style decoder chain: the Metaspace decoder alone drops spaces next to byte tokens.
    tok.decoder = decoders.Sequence(
        [
            decoders.Replace("▁", " "),
            decoders.ByteFallback(),
            decoders.Fuse(),
            decoders.Strip(" ", 1, 0),
        ]
    )
    tok.post_processor = processors.TemplateProcessing(
        single="$A </s>",
        pair="$A </s> $B </s>",
        special_tokens=[("</s>", 1)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        pad_token="<pad>",
        eos_token="</s>",
        unk_token="<unk>",
        model_max_length=512,
    )


def is_tiny_model(folder: Path) -> bool:
    """Whether folder holds a model written by write_tiny_model (the demo model)."""
    try:
        info = json.loads((folder / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(info, dict) and info.get("tiny") is True
