"""Endpoints that share a batch: which are down, and which healthy one takes a job instead."""

from __future__ import annotations

import threading
import time
from typing import Generic, Protocol, TypeVar

DOWN_FOR = 60.0  # seconds an endpoint that refused or could not be reached is passed over


class Named(Protocol):
    """A group member: anything with a name unique in its group."""

    @property
    def name(self) -> str: ...


# Generic, so a peer comes back as the members' own type (the remote backend runs a job on it).
M = TypeVar("M", bound=Named)


class EndpointGroup(Generic[M]):
    """Remembers endpoints that did not take a request, so their jobs go to the others meanwhile."""

    def __init__(self, down_for: float = DOWN_FOR) -> None:
        self.down_for = down_for
        self._lock = threading.Lock()
        self._members: list[M] = []
        self._down_until: dict[str, float] = {}
        self._turn = 0

    def join(self, backend: M) -> None:
        """Add a backend (anything with a unique .name) to the group."""
        with self._lock:
            self._members.append(backend)

    def mark_down(self, backend: M) -> None:
        """Pass over backend for a while."""
        with self._lock:
            self._down_until[backend.name] = time.monotonic() + self.down_for

    def mark_up(self, backend: M) -> None:
        """backend answered: use it again."""
        with self._lock:
            self._down_until.pop(backend.name, None)

    def is_down(self, backend: M) -> bool:
        """Whether backend failed recently."""
        with self._lock:
            return self._down_until.get(backend.name, 0.0) > time.monotonic()

    def healthy_peer(self, backend: M, take_turn: bool = True) -> M | None:
        """Another member not marked down (taking turns among them, unless take_turn is False), or None."""
        now = time.monotonic()
        with self._lock:
            peers = [
                m for m in self._members if m is not backend and self._down_until.get(m.name, 0.0) <= now
            ]
            if not peers:
                return None
            self._turn += take_turn
            return peers[self._turn % len(peers)]
