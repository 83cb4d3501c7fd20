"""A tiny random Stable Audio pipeline built from its components' configs, saved for from_pretrained."""

from __future__ import annotations

from pathlib import Path

WORDS = ["calm", "piano", "soft", "rain", "door", "knock", "music", "雨", "钢琴"]


def tiny_stable_audio(folder: Path) -> Path:
    """A StableAudioPipeline (DiT, Oobleck VAE at 64 Hz, T5 encoder, word tokenizer) in folder."""
    import torch
    from diffusers import (
        AutoencoderOobleck,
        CosineDPMSolverMultistepScheduler,
        StableAudioDiTModel,
        StableAudioPipeline,
    )
    from diffusers.pipelines.stable_audio.modeling_stable_audio import StableAudioProjectionModel
    from transformers import T5Config, T5EncoderModel, T5TokenizerFast

    pieces = ["<pad>", "</s>", "<unk>", "▁", *("▁" + w for w in WORDS)]
    tokenizer = T5TokenizerFast(
        vocab=[(p, 0.0 if i < 3 else -1.0) for i, p in enumerate(pieces)], model_max_length=16, extra_ids=0
    )
    torch.manual_seed(0)
    pipe = StableAudioPipeline(
        vae=AutoencoderOobleck(
            encoder_hidden_size=6,
            downsampling_ratios=[1, 2],
            decoder_channels=3,
            decoder_input_channels=3,
            audio_channels=2,
            channel_multiples=[2, 4],
            sampling_rate=64,
        ),
        text_encoder=T5EncoderModel(
            T5Config(vocab_size=len(pieces), d_model=8, d_kv=4, d_ff=16, num_layers=1, num_heads=2)
        ),
        projection_model=StableAudioProjectionModel(
            text_encoder_dim=8, conditioning_dim=4, min_value=0, max_value=32
        ),
        tokenizer=tokenizer,
        transformer=StableAudioDiTModel(
            sample_size=32,
            in_channels=3,
            num_layers=2,
            attention_head_dim=4,
            num_key_value_attention_heads=2,
            out_channels=3,
            cross_attention_dim=4,
            time_proj_dim=8,
            global_states_input_dim=8,
            cross_attention_input_dim=4,
        ),
        scheduler=CosineDPMSolverMultistepScheduler(
            solver_order=2, prediction_type="v_prediction", sigma_data=1.0, sigma_schedule="exponential"
        ),
    )
    pipe.save_pretrained(folder)
    return folder
