"""Versions of the software that made a take, recorded so it can be reproduced."""

from __future__ import annotations

import functools
import importlib.metadata
import platform

_PACKAGES = ("storyreel", "diffusers", "torch", "transformers", "av")


@functools.cache
def software_versions() -> dict[str, str]:
    """Installed versions of Python and the packages that decide a take's frames."""
    versions = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions
