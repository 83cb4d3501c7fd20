"""Which backends generate: this machine, or the user's endpoints (token from the keyring)."""

from __future__ import annotations

from app.user_settings import UserSettings
from engine.backend import Backend, LocalBackend
from engine.endpoint_group import EndpointGroup
from engine.endpoint_token import find_token
from engine.endpoint_url import clean_url, short_name
from engine.remote_backend import DEFAULT_TIMEOUT, RemoteBackend

LOCAL, REMOTE = "local", "remote"


def parse_endpoints(text: str) -> list[str]:
    """Endpoint URLs from text, one a line (blank lines and # comments skipped); ValueError if one is bad."""
    urls: list[str] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            url = clean_url(line)
            if url not in urls:
                urls.append(url)
    return urls


def remote_backends(urls: list[str], token: str | None = None,
                    timeout: float = DEFAULT_TIMEOUT) -> list[Backend]:
    """One RemoteBackend per endpoint (so one job in flight on each), with short unique names."""
    if not urls:
        raise ValueError("No endpoint to generate on: add one in Preferences > Remote, "
                         "or pass --endpoint URL.")
    if token is None:
        token, _ = find_token()
    backends: list[Backend] = []
    names: set[str] = set()
    group = EndpointGroup()  # a job whose endpoint is down goes to another one
    for url in urls:
        name, n = short_name(url), 2
        while name in names:
            name, n = f"{short_name(url)}#{n}", n + 1
        names.add(name)
        backends.append(RemoteBackend(url, token=token, name=name, timeout=timeout, group=group))
    return backends


def backends_for(settings: UserSettings) -> list[Backend]:
    """The backends the user's settings choose (Preferences > Model picks local or remote)."""
    from app.model_settings import load_model_settings

    if load_model_settings(settings).backend == REMOTE:
        return remote_backends(settings.endpoints)
    return [LocalBackend()]
