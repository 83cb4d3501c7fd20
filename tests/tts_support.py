"""A tiny random VITS text-to-speech model, built from its config and saved for from_pretrained."""

from __future__ import annotations

import json
from pathlib import Path

CHARS = list("abcdefghijklmnopqrstuvwxyz '.,!?") + list("你好世界春茶尝")


def tiny_vits(folder: Path) -> Path:
    """A VitsModel of about 18 k parameters and its character tokenizer in folder."""
    import torch
    from transformers import VitsConfig, VitsModel, VitsTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {c: i for i, c in enumerate(["<pad>", "<unk>", *CHARS])}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    VitsTokenizer(str(folder / "vocab.json"), phonemize=False).save_pretrained(folder)
    config = VitsConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        ffn_dim=16,
        flow_size=16,
        spectrogram_bins=9,
        upsample_initial_channel=16,
        upsample_rates=(4, 4),
        upsample_kernel_sizes=(8, 8),
        resblock_kernel_sizes=(3,),
        resblock_dilation_sizes=((1,),),
        duration_predictor_filter_channels=16,
        duration_predictor_num_flows=1,
        prior_encoder_num_flows=1,
        prior_encoder_num_wavenet_layers=1,
        posterior_encoder_num_wavenet_layers=1,
        depth_separable_num_layers=1,
        sampling_rate=16000,
    )
    torch.manual_seed(0)
    VitsModel(config).save_pretrained(folder)
    return folder
