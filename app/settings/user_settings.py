"""The desktop app's user settings: recent files, autosave interval, window layout. A JSON file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from app.paths.user_paths import config_dir
from engine.endpoint.client_limits import DEFAULT_MAX_ANSWER_MB, MAX_IN_FLIGHT
from engine.storage.atomic_file import write_bytes_atomic
from engine.values import is_json_int

MAX_RECENT = 10
DEFAULT_AUTOSAVE_SECONDS = 60
# Card thumbnails held in memory: about 580 cards of 832x480 takes (2,000 would need ~450 MB), so the
# window of a film of any length stays under 400 MB.
DEFAULT_THUMBNAIL_CACHE_MB = 128
SETTINGS_FILE = "settings.json"
# The window's language: "" follows the system; otherwise a locale with a translation in resources/i18n.
LANGUAGES = ("", "en", "zh_CN")
# The window's colours: dark (the default, as video tools are), light, or whatever the system uses.
THEMES = ("dark", "light", "system")


@dataclass
class UserSettings:
    """What the desktop app remembers between runs. Keys it does not know are kept as they were."""

    recent_files: list[str] = field(default_factory=list)
    autosave_seconds: int = DEFAULT_AUTOSAVE_SECONDS  # 0: off
    reopen_last: bool = True  # starting again opens the most recent film
    window: dict[str, str] = field(default_factory=dict)  # opaque layout blobs (base64) by name
    endpoints: list[str] = field(default_factory=list)  # remote endpoint URLs, never with a token
    # Requests in flight per endpoint URL (its replicas); a URL not listed has 1.
    endpoint_in_flight: dict[str, int] = field(default_factory=dict)
    # The largest endpoint answer read, in MB (base64 JSON); a bigger one fails its shot unread.
    max_answer_mb: int = DEFAULT_MAX_ANSWER_MB
    language: str = ""  # one of LANGUAGES; "" follows the system
    theme: str = "dark"  # one of THEMES
    thumbnail_cache_mb: int = DEFAULT_THUMBNAIL_CACHE_MB
    extra: dict[str, object] = field(default_factory=dict)

    def add_recent(self, path: Path | str) -> None:
        """Put a project at the top of the recent list (at most MAX_RECENT, no duplicates)."""
        text = str(Path(path).resolve())
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT:]

    def remove_recent(self, path: Path | str) -> None:
        """Forget a project (e.g. one that no longer opens)."""
        text = str(Path(path).resolve())
        self.recent_files = [p for p in self.recent_files if p != text]


def settings_path() -> Path:
    """Where the settings file lives."""
    return config_dir() / SETTINGS_FILE


def load_settings() -> UserSettings:
    """Read the settings; a missing or damaged file gives the defaults (never an error at start-up)."""
    try:
        doc = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UserSettings()
    if not isinstance(doc, dict):
        return UserSettings()
    settings = UserSettings()
    recent = doc.pop("recent_files", [])
    if isinstance(recent, list):
        settings.recent_files = [p for p in recent if isinstance(p, str)][:MAX_RECENT]
    autosave = doc.pop("autosave_seconds", DEFAULT_AUTOSAVE_SECONDS)
    if is_json_int(autosave) and autosave >= 0:
        settings.autosave_seconds = autosave
    reopen = doc.pop("reopen_last", True)
    settings.reopen_last = reopen if isinstance(reopen, bool) else True
    window = doc.pop("window", {})
    if isinstance(window, dict):
        settings.window = {k: v for k, v in window.items() if isinstance(v, str)}
    endpoints = doc.pop("endpoints", [])
    if isinstance(endpoints, list):
        settings.endpoints = [u for u in endpoints if isinstance(u, str)]
    in_flight = doc.pop("endpoint_in_flight", {})
    if isinstance(in_flight, dict):
        settings.endpoint_in_flight = {
            u: n for u, n in in_flight.items() if is_json_int(n) and 1 <= n <= MAX_IN_FLIGHT
        }
    max_answer = doc.pop("max_answer_mb", DEFAULT_MAX_ANSWER_MB)
    if isinstance(max_answer, int) and not isinstance(max_answer, bool) and max_answer >= 1:
        settings.max_answer_mb = max_answer
    language = doc.pop("language", "")
    settings.language = language if language in LANGUAGES else ""
    theme = doc.pop("theme", "dark")
    settings.theme = theme if theme in THEMES else "dark"
    cache_mb = doc.pop("thumbnail_cache_mb", DEFAULT_THUMBNAIL_CACHE_MB)
    if isinstance(cache_mb, int) and not isinstance(cache_mb, bool) and 16 <= cache_mb <= 16384:
        settings.thumbnail_cache_mb = cache_mb
    settings.extra = doc
    return settings


def save_settings(settings: UserSettings) -> None:
    """Write the settings atomically."""
    doc = dict(settings.extra)
    doc.update(
        recent_files=settings.recent_files,
        autosave_seconds=settings.autosave_seconds,
        reopen_last=settings.reopen_last,
        window=settings.window,
        endpoints=settings.endpoints,
        endpoint_in_flight=settings.endpoint_in_flight,
        max_answer_mb=settings.max_answer_mb,
        language=settings.language,
        theme=settings.theme,
        thumbnail_cache_mb=settings.thumbnail_cache_mb,
    )
    data = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    write_bytes_atomic(settings_path(), data)
