"""The guidance trap: diffusers runs guidance only when guidance_scale > 1, for both experts at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def guidance_trap(guidance_scale: float, guidance_scale_2: float | None, two_experts: bool = True) -> bool:
    """Whether diffusers would silently drop the low-noise expert's guidance (high at 1 or less, low above 1)."""
    return two_experts and guidance_scale <= 1.0 and guidance_scale_2 is not None and guidance_scale_2 > 1.0


def trap_notice(guidance_scale: float, guidance_scale_2: float) -> str:
    """The one sentence the inspector and the take's notices show about the trap."""
    return (
        f"High-noise guidance {guidance_scale:g} turns guidance off in diffusers for both experts; Storyreel "
        f"runs each expert's guidance as set (low-noise {guidance_scale_2:g}), with two passes a step."
    )


_HONOURING: dict[type, type] = {}


def _honouring_class(cls: type) -> type:
    """A subclass of the pipeline's class whose guidance switch looks at both experts' scales."""
    if cls not in _HONOURING:

        def do_classifier_free_guidance(self: Any) -> bool:
            return self._guidance_scale > 1.0 or (self._guidance_scale_2 or 0.0) > 1.0

        _HONOURING[cls] = type(
            cls.__name__, (cls,), {"do_classifier_free_guidance": property(do_classifier_free_guidance)}
        )
    return _HONOURING[cls]


@contextmanager
def honour_both_guidance(pipe: Any, guidance_scale: float, guidance_scale_2: float | None) -> Iterator[bool]:
    """Run the block with guidance on when either expert asks for it; yields whether the trap was met.

    The loop then blends each expert's passes with its own scale: at scale 1 that is the conditional
    prediction (uncond + 1 × (cond − uncond)), as asked.
    """
    if not guidance_trap(guidance_scale, guidance_scale_2, getattr(pipe, "transformer_2", None) is not None):
        yield False
        return
    original = type(pipe)
    pipe.__class__ = _honouring_class(original)
    try:
        yield True
    finally:
        pipe.__class__ = original
