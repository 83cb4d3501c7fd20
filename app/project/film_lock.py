"""One Storyreel at a time on a film: FILM.reel.lock, held with an OS lock and naming its holder.

The lock is an fcntl lock on the file, so the system drops it when its process ends, however it
ends: a crash leaves no lock to judge stale. The file holds who has the film (pid, host, what it
does, since when) so a second window or render can say so. Where fcntl does not exist (Windows),
films are not locked; the check for a film changed on disk (reel_file) still guards the saves.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from engine.errors import StoryreelError

log = logging.getLogger(__name__)

MAX_OWNER_BYTES = 4096


@dataclass(frozen=True)
class LockOwner:
    """Who holds a film's lock, as its lock file says."""

    pid: int
    host: str
    purpose: str
    since: str

    def describe(self) -> str:
        """'render (process 1234 on host, since 12:03)'."""
        return f"{self.purpose} (process {self.pid} on {self.host}, since {self.since})"


class FilmLocked(StoryreelError):
    """Another Storyreel has this film open; the message says which."""

    hint = "Wait for it to finish or close it there, or open the film read-only."

    def __init__(self, film: Path, owner: LockOwner | None) -> None:
        holder = owner.describe() if owner is not None else "another Storyreel"
        super().__init__(f"{film}: the film is in use by {holder}")
        self.film, self.owner = film, owner


def lock_path(film: Path) -> Path:
    """FILM.reel.lock beside FILM.reel."""
    return film.with_name(film.name + ".lock")


def read_owner(film: Path) -> LockOwner | None:
    """Who the lock file names (None if there is none or it cannot be read)."""
    try:
        with open(lock_path(film), "rb") as handle:
            data = json.loads(handle.read(MAX_OWNER_BYTES).decode("utf-8"))
        return LockOwner(int(data["pid"]), str(data["host"]), str(data["purpose"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class FilmLock:
    """The lock of one film, held from acquire() until release() (or the process ends)."""

    def __init__(self, film: Path | str, purpose: str) -> None:
        self.film = Path(film).resolve()
        self.purpose = purpose
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the film's lock through this object."""
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> FilmLock:
        """Take the lock, waiting up to `wait` seconds; FilmLocked names the holder if it stays taken."""
        deadline = time.monotonic() + wait
        while not self._try():
            if time.monotonic() >= deadline:
                raise FilmLocked(self.film, read_owner(self.film))
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
        return self

    def _try(self) -> bool:
        try:
            import fcntl
        except ImportError:  # no fcntl locks here: see the module's note
            return True
        path = lock_path(self.film)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        # A holder that released and removed the file between our open and flock leaves us locking
        # a name nobody else sees: start again on the current file.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            return self._try()
        since = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
        owner = {"pid": os.getpid(), "host": socket.gethostname(), "purpose": self.purpose, "since": since}
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(owner).encode("utf-8"))
        self._fd = fd
        return True

    def release(self) -> None:
        """Let the film go (the lock file is removed while still locked, so no one inherits it)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            lock_path(self.film).unlink()
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> FilmLock:
        return self.acquire() if not self.held else self

    def __exit__(self, *exc: object) -> None:
        self.release()
