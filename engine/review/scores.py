"""One score of a take as recorded: what measured it, on which frames, and its value or why it failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OK, FAILED = "ok", "failed"


@dataclass(frozen=True)
class Score:
    """A scorer's result: value (None when failed), model and revision, frame indices, details."""

    name: str
    value: float | None
    model: str = ""
    revision: str | None = None
    frames: tuple[int, ...] = ()
    status: str = OK
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept in the sidecar and the .reel."""
        doc: dict[str, Any] = {
            "value": self.value,
            "model": self.model,
            "revision": self.revision,
            "frames": list(self.frames),
            "status": self.status,
        }
        if self.reason:
            doc["reason"] = self.reason
        if self.details:
            doc["details"] = dict(self.details)
        return doc


def failed(name: str, reason: str, model: str = "", frames: tuple[int, ...] = ()) -> Score:
    """A score that could not be computed, with the reason a person reads."""
    return Score(name, None, model=model, frames=frames, status=FAILED, reason=reason)
