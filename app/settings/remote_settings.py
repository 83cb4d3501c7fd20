"""Which backends generate: this machine, the user's endpoints, or an Inference Provider (token from the keyring)."""

from __future__ import annotations

from app.settings.user_settings import UserSettings
from engine.backends.endpoint_group import EndpointGroup
from engine.backends.local import Backend, LocalBackend
from engine.backends.provider import DEFAULT_PROVIDER, DEFAULT_PROVIDER_MODEL, ProviderBackend
from engine.backends.remote import DEFAULT_TIMEOUT, RemoteBackend
from engine.endpoint.hub_token import find_token
from engine.endpoint.urls import clean_url, short_name

LOCAL, REMOTE, PROVIDER = "local", "remote", "provider"


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


def remote_backends(
    urls: list[str], token: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[Backend]:
    """One RemoteBackend per endpoint (so one job in flight on each), with short unique names."""
    if not urls:
        raise ValueError(
            "No endpoint to generate on: add one in Preferences > Remote, or pass --endpoint URL."
        )
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


def provider_backends(
    provider: str = DEFAULT_PROVIDER, model: str = DEFAULT_PROVIDER_MODEL, timeout: float = DEFAULT_TIMEOUT
) -> list[Backend]:
    """One ProviderBackend (Inference Providers, e.g. fal-ai); the token is looked up when a job starts."""
    if not provider.strip() or not model.strip():
        raise ValueError("--provider and --provider-model must not be empty.")
    return [ProviderBackend(provider.strip(), model.strip(), timeout=timeout)]


def backends_for(settings: UserSettings) -> list[Backend]:
    """The backends the user's settings choose (Preferences > Model picks local or remote)."""
    from app.settings.model_settings import load_model_settings

    if load_model_settings(settings).backend == REMOTE:
        return remote_backends(settings.endpoints)
    return [LocalBackend()]
