"""Per-user folders (settings, preset library, logs, caches), from platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Storyreel"

# Tests and portable installs point everything at one folder with this variable.
HOME_ENV = "STORYREEL_HOME"


def _base(kind: str) -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / kind
    import platformdirs

    getter = {
        "config": platformdirs.user_config_path,
        "data": platformdirs.user_data_path,
        "cache": platformdirs.user_cache_path,
        "state": platformdirs.user_state_path,
    }[kind]
    return getter(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Settings, recent files, endpoint list."""
    return _base("config")


def data_dir() -> Path:
    """The preset library and other user data."""
    return _base("data")


def cache_dir() -> Path:
    """Disposable caches."""
    return _base("cache")


def state_dir() -> Path:
    """Recovery files and logs."""
    return _base("state")
