"""What the start page shows of a recent film (name, shot count, first take), cached beside the recent list."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from app.paths.user_paths import config_dir
from app.project.project import Project
from app.project.shot import Take
from engine.storage.atomic_file import write_bytes_atomic

SUMMARIES_FILE = "recent_films.json"
MAX_SUMMARIES = 50  # a few more than the recent list, so a film dropped and opened again keeps its face
MAX_SUMMARIES_BYTES = 1 << 20


@dataclass(frozen=True)
class FilmSummary:
    """A film as the start page lists it, read without opening the film."""

    path: str
    name: str
    shots: int
    take_id: str | None = None  # the first take's id and its path in the media folder (its thumbnail)
    take_path: str | None = None


def first_take(project: Project) -> Take | None:
    """The first shot's take that has one (the film's face on the start page), or None."""
    return next((shot.active for shot in project.shots if shot.active is not None), None)


def summarize(project: Project, path: Path | str) -> FilmSummary:
    """The summary of a film in memory."""
    take = first_take(project)
    return FilmSummary(
        str(path),
        project.settings.name,
        len(project.shots),
        take.id if take else None,
        take.path if take else None,
    )


def summaries_path() -> Path:
    """Where the summaries live: beside the settings that hold the recent list."""
    return config_dir() / SUMMARIES_FILE


def load_summaries() -> dict[str, FilmSummary]:
    """The cached summaries by film path; a missing or damaged cache is empty (it is only a cache)."""
    try:
        with open(summaries_path(), "rb") as handle:
            doc = json.loads(handle.read(MAX_SUMMARIES_BYTES + 1)[:MAX_SUMMARIES_BYTES])
    except (OSError, ValueError):
        return {}
    found: dict[str, FilmSummary] = {}
    for entry in doc if isinstance(doc, list) else []:
        try:
            summary = FilmSummary(**entry)
        except TypeError:
            continue
        ok = isinstance(summary.path, str) and isinstance(summary.name, str) and type(summary.shots) is int
        if ok and all(isinstance(v, str | None) for v in (summary.take_id, summary.take_path)):
            found[summary.path] = summary
    return found


def remember(summary: FilmSummary) -> None:
    """Put a film's summary first in the cache (written atomically, bounded)."""
    kept = [s for p, s in load_summaries().items() if p != summary.path]
    entries = [asdict(s) for s in [summary, *kept][:MAX_SUMMARIES]]
    summaries_path().parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(summaries_path(), (json.dumps(entries, ensure_ascii=False) + "\n").encode("utf-8"))
