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


def tiny_bark(folder: Path) -> Path:
    """A BarkModel (semantic, coarse and fine GPTs over a tiny EnCodec, about 1.4 M parameters, most in the
    semantic model's 129,600-token input table) and its BERT tokenizer, speaking 12 semantic tokens."""
    import torch
    from transformers import BarkConfig, BarkModel, BarkProcessor, BertTokenizer
    from transformers.models.bark.generation_configuration_bark import (
        BarkCoarseGenerationConfig,
        BarkFineGenerationConfig,
        BarkGenerationConfig,
        BarkSemanticGenerationConfig,
    )

    folder.mkdir(parents=True, exist_ok=True)
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *CHARS, "spring", "tea"]
    (folder / "vocab.txt").write_text("\n".join(dict.fromkeys(words)) + "\n", encoding="utf-8")
    # The token and position tables keep Bark's sizes: its generation offsets index into them.
    small = {"hidden_size": 8, "num_layers": 1, "num_heads": 2, "block_size": 128}
    config = BarkConfig(
        semantic_config={"input_vocab_size": 129_600, "output_vocab_size": 10_048, **small},
        coarse_acoustics_config={"input_vocab_size": 12_096, "output_vocab_size": 12_096, **small},
        fine_acoustics_config={
            "input_vocab_size": 1_056,
            "output_vocab_size": 1_056,
            "n_codes_total": 8,
            "n_codes_given": 1,
            **small,
        },
        codec_config={
            "hidden_size": 8,
            "num_filters": 2,
            "codebook_dim": 8,
            "num_residual_layers": 1,
            "num_lstm_layers": 1,
        },
    )
    torch.manual_seed(0)
    BarkModel(config).save_pretrained(folder)
    generation = BarkGenerationConfig(
        semantic_config=BarkSemanticGenerationConfig(
            max_new_tokens=12, max_input_semantic_length=32
        ).to_dict(),
        coarse_acoustics_config=BarkCoarseGenerationConfig(
            max_coarse_history=24, sliding_window_len=8, max_coarse_input_length=32
        ).to_dict(),
        fine_acoustics_config=BarkFineGenerationConfig(
            max_fine_history_length=32, max_fine_input_length=64
        ).to_dict(),
    )
    # BarkGenerationConfig.save_pretrained trips over its own validation in transformers 5: its JSON is
    # what from_pretrained reads back.
    (folder / "generation_config.json").write_text(generation.to_json_string(), encoding="utf-8")
    BarkProcessor(BertTokenizer(str(folder / "vocab.txt"), do_lower_case=False)).save_pretrained(folder)
    return folder
