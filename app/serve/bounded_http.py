"""uvicorn's HTTP/1.1 protocol with a header deadline and a connection cap that evicts idle clients.

uvicorn has neither: a client that never finishes its headers holds its connection (and a file
descriptor) forever, since its keep-alive timer stops whenever a byte arrives. A few hundred
such clients exhaust the descriptors and /health stops answering.
"""

from __future__ import annotations

import asyncio
import logging
import resource
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)

HEADER_TIMEOUT = 10.0  # seconds from connecting (or the last answer) to a request's complete headers
MAX_HEADER_BYTES = 16 * 1024  # h11's own default, stated: larger request heads are refused
# asyncio accepts up to `backlog` sockets per wake-up before any connection_made runs, so a
# flood could take that many descriptors past the cap; a small backlog keeps each burst small.
ACCEPT_BACKLOG = 64
WARN_EVERY = 10.0


def default_max_connections() -> int:
    """Half the process's file descriptors (the rest: the model, logs, an accept burst), at most 512."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 512
    return max(16, min(512, (soft - ACCEPT_BACKLOG) // 2))


class BoundedH11Protocol(H11Protocol):
    """Closes a connection whose request head is not complete in time; past the cap, evicts the idlest."""

    header_timeout = HEADER_TIMEOUT
    max_connections = 512
    _last_warning = float("-inf")

    def connection_made(  # type: ignore[override]  # uvicorn's H11Protocol narrows it to Transport too
        self, transport: asyncio.Transport
    ) -> None:
        """Count the connection, make room past the cap, and start the header deadline."""
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm_header_deadline()
        if len(self.connections) > self.max_connections:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the header deadline with the connection."""
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        """A kept-alive connection's next request gets its own header deadline."""
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_deadline()

    def waiting_for_headers(self) -> bool:
        """Whether this connection holds no request in progress: it is idle or still sending a head."""
        return self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)

    def _arm_header_deadline(self) -> None:
        self._cancel_header_deadline()
        self.idle_since = self.loop.time()
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_deadline_passed)

    def _cancel_header_deadline(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _header_deadline_passed(self) -> None:
        self._header_timer = None
        if self.waiting_for_headers() and not self.transport.is_closing():
            log.info("Closing a connection that sent no complete request in %.0f s", self.header_timeout)
            self.transport.close()

    def _make_room(self) -> None:
        """Close the connection idle longest; with none idle, refuse this new one."""
        idle: list[Any] = [
            c
            for c in self.connections
            if c is not self
            and isinstance(c, BoundedH11Protocol)
            and c.waiting_for_headers()
            and not c.transport.is_closing()  # closed already, gone at the next turn of the loop
        ]
        victim = min(idle, key=lambda c: c.idle_since) if idle else self
        now = self.loop.time()
        if now - BoundedH11Protocol._last_warning > WARN_EVERY:  # a flood would fill the log otherwise
            BoundedH11Protocol._last_warning = now
            log.warning(
                "%d connections (cap %d): closing %s (said at most every %.0f s)",
                len(self.connections),
                self.max_connections,
                "the one idle longest" if idle else "the new one",
                WARN_EVERY,
            )
        victim.transport.close()


def bounded_protocol(max_connections: int, header_timeout: float = HEADER_TIMEOUT) -> type[H11Protocol]:
    """A BoundedH11Protocol class with these limits, for uvicorn.Config(http=...)."""
    return type(
        "BoundedH11Protocol",
        (BoundedH11Protocol,),
        {"max_connections": max_connections, "header_timeout": header_timeout},
    )
