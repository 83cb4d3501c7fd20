"""Readable failure messages, with a hint of what to try, for jobs that raised."""

from __future__ import annotations

from engine.generation.model_source import ModelError

OOM_HINT = (
    "Try a memory profile with CPU offload (Preferences > Model), a smaller size, fewer frames, "
    "or close other programs using the GPU."
)


def describe_failure(exc: BaseException) -> tuple[str, str]:
    """(message, hint) for a failed job; never a traceback."""
    text = (str(exc).strip() or type(exc).__name__).splitlines()[0]
    if len(text) > 400:
        text = text[:400] + "…"
    lowered = text.lower()
    if isinstance(exc, ModelError):
        return text, "Check the model in Preferences > Model, or download it first."
    hint = getattr(exc, "hint", None)
    if isinstance(hint, str) and hint:  # errors that know their own advice (endpoint failures)
        return text, hint
    if isinstance(exc, MemoryError) or "out of memory" in lowered or type(exc).__name__ == "OutOfMemoryError":
        return f"Out of memory: {text}", OOM_HINT
    if isinstance(exc, ValueError):
        return text, "Check the shot's settings."
    if isinstance(exc, OSError):
        return text, "Check that the project's folder is writable and the disk has space."
    return f"{type(exc).__name__}: {text}", "Retry the job; if it fails again, check the log."
