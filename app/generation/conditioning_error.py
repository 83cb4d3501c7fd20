"""The error for a shot whose images, continuation, cast or keyframes cannot be resolved."""

from __future__ import annotations

from engine.errors import StoryreelError


class ConditioningError(StoryreelError, ValueError):
    """A shot's image, continuation, cast or keyframes cannot be resolved; the message names the shot."""

    hint = "Generate the previous shot first, or give this shot a start image of its own."
