"""Counts each expert's forward passes and the transformer blocks that really ran (what a cache skips)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from engine.generation.speed.levers import experts


@dataclass
class PassCounts:
    """Forward passes per expert, and block computations per expert (against passes × blocks)."""

    forwards: Counter = field(default_factory=Counter)
    blocks_run: Counter = field(default_factory=Counter)
    blocks_per_pass: dict[str, int] = field(default_factory=dict)

    @property
    def total_forwards(self) -> int:
        """Forward passes over both experts."""
        return sum(self.forwards.values())

    @property
    def blocks_skipped(self) -> int:
        """Blocks a cache skipped over both experts."""
        return sum(self.forwards[n] * b - self.blocks_run[n] for n, b in self.blocks_per_pass.items())


@contextmanager
def count_passes(pipe: Any) -> Iterator[PassCounts]:
    """Count while the block runs: a pre-hook on each expert, and one on each block's self-attention.

    A cache that skips a block returns before calling the block's own modules, so its attention does
    not run; the expert's forward still does.
    """
    counts = PassCounts()
    handles = []

    def counter(bucket: Counter, name: str) -> Any:
        def hook(*_: Any) -> None:
            bucket[name] += 1

        return hook

    for name, model in experts(pipe):
        counts.blocks_per_pass[name] = len(model.blocks)
        handles.append(model.register_forward_pre_hook(counter(counts.forwards, name)))
        for block in model.blocks:
            handles.append(block.attn1.register_forward_pre_hook(counter(counts.blocks_run, name)))
    try:
        yield counts
    finally:
        for handle in handles:
            handle.remove()
