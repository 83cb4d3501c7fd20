"""Where the documentation is: the user guide in docs/ beside this copy, else the project's URL."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from app.paths.resources import RESOURCES

DIST_NAME = "storyreel"


def documentation_target() -> Path | str | None:
    """The local user guide (else README, else docs/), else a Documentation or Homepage URL from the metadata."""
    root = RESOURCES.parent
    for candidate in (root / "docs" / "user-guide.md", root / "README.md", root / "docs"):
        if candidate.exists():
            return candidate
    try:
        urls = metadata.metadata(DIST_NAME).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    # Entries read "Label, https://…"; Documentation first, then any.
    pairs = [tuple(part.strip() for part in entry.split(",", 1)) for entry in urls if "," in entry]
    for _label, url in sorted(pairs, key=lambda pair: pair[0].lower() != "documentation"):
        if url.startswith(("https://", "http://")):
            return str(url)
    return None
