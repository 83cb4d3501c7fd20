"""One warning a library prints about a class Wan 2.2 never uses, dropped (cheap: imports nothing heavy)."""

from __future__ import annotations

import logging


class _UnusedImageProcessorFilter(logging.Filter):
    """Drops transformers' "CLIPImageProcessor requires torchvision" fallback warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "requires torchvision (not installed); falling back to" not in record.getMessage()


def quiet_unused_image_processor() -> None:
    """Drop transformers' torchvision fallback warning (the CLI and window call it at start, so no path
    that imports diffusers' Wan modules prints it)."""
    # diffusers' Wan image-to-video module imports CLIPImageProcessor by name; without torchvision,
    # transformers substitutes the PIL one and warns on every run. Wan 2.2 has no CLIP image encoder
    # (image_processor is null), so neither class is ever used: the warning only alarms people.
    source = logging.getLogger("transformers.utils.import_utils")
    if not any(isinstance(f, _UnusedImageProcessorFilter) for f in source.filters):
        source.addFilter(_UnusedImageProcessorFilter())
