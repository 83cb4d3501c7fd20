"""Progress events and cooperative cancellation shared by every long task."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Stages a job passes through, in order.
LOADING = "loading"
GENERATING = "generating"
DECODING = "decoding"
ENCODING = "encoding"
DONE = "done"

HIGH_NOISE = "high-noise"
LOW_NOISE = "low-noise"
DENSE = "dense"


@dataclass(frozen=True)
class Progress:
    """One progress report: a stage, a step count within it, and the expert running."""

    stage: str
    step: int = 0
    total: int = 0
    expert: str | None = None
    message: str = ""
    segment: int | None = None  # a long shot's segment being made (1-based), with how many there are
    segments: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


ProgressCallback = Callable[[Progress], None]


def ignore_progress(_: Progress) -> None:
    """A progress callback that drops every report."""


class Cancelled(Exception):
    """Raised inside a task when its cancel token was set."""


class CancelToken:
    """A flag a task checks between steps; set it from any thread."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancellation was asked for."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled()
