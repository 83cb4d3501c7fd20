"""Tiny random language models for the writing tests: the text half they share, built from configs."""

from __future__ import annotations

from typing import Any


def tiny_qwen2_config(tokenizer: Any) -> Any:
    """A 2-layer Qwen2 of hidden size 32 over the tokenizer's vocabulary (random weights, fast on a CPU)."""
    from transformers import Qwen2Config

    return Qwen2Config(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
