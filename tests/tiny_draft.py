"""A synthetic Lightning-style LoRA pair for the tiny model, in lightx2v's key layout (no download)."""

from __future__ import annotations

from pathlib import Path

from engine.generation.demo_model import HIGH_FILE, LOW_FILE, write_draft_loras
from engine.generation.request import DraftLoras

__all__ = ["HIGH_FILE", "LOW_FILE", "write_tiny_draft_loras"]


def write_tiny_draft_loras(model_dir: Path, dest: Path, seed: int = 0, rank: int = 4) -> DraftLoras:
    """Write a random high/low-noise pair fitted to model_dir's experts (the demo model's builder)."""
    return write_draft_loras(model_dir, dest, seed, rank)
