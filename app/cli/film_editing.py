"""A film edited by a command: loaded under its lock, saved only if the edit succeeds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.error_boundary import CommandFailed, UsageError

if TYPE_CHECKING:
    from app.project.project import Project


@contextmanager
def edited_film(film: Path, command: str) -> Iterator[Project]:
    """The film loaded under its lock (FilmLocked: another Storyreel has it), saved if the block succeeds."""
    from app.project.film_lock import FilmLock
    from app.project.reel_file import load_project, save_project

    if not film.is_file():
        raise UsageError(f"{film}: no such film")
    lock = FilmLock(film, command)
    try:
        lock.acquire()
    except OSError as exc:  # the folder cannot hold a lock file: read-only, or gone
        raise CommandFailed(f"{film}: cannot lock the film ({exc.strerror or exc})") from exc
    with lock:
        project = load_project(film)
        yield project
        save_project(project)
