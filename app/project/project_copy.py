"""A film's data copied for another thread: frozen now, on the thread that edits it, and thawed there."""

from __future__ import annotations

import pickle
from pathlib import Path

from app.project.project import Project


class FrozenProject:
    """The film's settings, shots, cast, titles, sound, embedded presets and pending jobs as they are now.

    Pickled, not serialized: at 2,000 shots freezing takes about 15 ms on the thread that edits the film,
    against about 0.2 s for the JSON document that a worker then makes from the thawed copy. The bytes
    never leave this process, so no pickle from elsewhere is ever loaded.
    """

    def __init__(self, project: Project) -> None:
        self.path: Path | None = project.path
        parts = (
            project.settings,
            project.shots,
            project.presets,
            project.cast,
            project.titles,
            project.audio,
            project.pending_jobs,
        )
        self._frozen = pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)

    def thaw(self) -> Project:
        """A detached project (no listeners) with the data as it was frozen; any thread may call it."""
        settings, shots, presets, cast, titles, audio, pending = pickle.loads(self._frozen)  # noqa: S301 - our own bytes
        copy = Project(settings, shots, presets, cast, titles, audio)
        copy.pending_jobs = pending
        copy.path = self.path
        return copy
