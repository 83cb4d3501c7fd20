"""Which backends generate: this machine, the user's endpoints, or an Inference Provider (token from the keyring)."""

from __future__ import annotations

import re

from app.settings.user_settings import UserSettings
from engine.backends.endpoint_group import EndpointGroup
from engine.backends.local import Backend
from engine.backends.local_process import LocalProcessBackend
from engine.backends.provider import DEFAULT_PROVIDER, DEFAULT_PROVIDER_MODEL, ProviderBackend
from engine.backends.remote import RemoteBackend
from engine.endpoint.client_limits import DEFAULT_MAX_ANSWER_MB, DEFAULT_TIMEOUT, MAX_IN_FLIGHT
from engine.endpoint.hub_token import find_token
from engine.endpoint.urls import EndpointUrlError, clean_url, short_name

LOCAL, REMOTE, PROVIDER = "local", "remote", "provider"


_IN_FLIGHT = re.compile(r"^(?P<url>\S+)(?:\s+[x×]\s*(?P<n>\d+))?$")


def parse_endpoint_lines(text: str) -> dict[str, int]:
    """Endpoint URLs and their requests in flight from text: one `URL` or `URL x4` a line.

    Blank lines and # comments are skipped; ValueError (EndpointUrlError) names a bad line.
    """
    entries: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _IN_FLIGHT.match(line)  # the line is not echoed: it may hold a token by mistake
        if match is None:
            raise EndpointUrlError(
                f"Line {number}: write one URL, optionally followed by x and a count (x4)."
            )
        url, count = clean_url(match["url"]), int(match["n"] or 1)
        if not 1 <= count <= MAX_IN_FLIGHT:
            raise EndpointUrlError(
                f"Line {number}: requests in flight must be 1 to {MAX_IN_FLIGHT}, not {count}."
            )
        entries.setdefault(url, count)
    return entries


def format_endpoint_lines(urls: list[str], in_flight: dict[str, int]) -> str:
    """The text parse_endpoint_lines reads back: `URL`, or `URL xN` for N requests in flight."""
    return "\n".join(f"{u} x{in_flight[u]}" if in_flight.get(u, 1) > 1 else u for u in urls)


def remote_backends(
    urls: list[str],
    token: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    in_flight: dict[str, int] | None = None,
    max_answer_mb: int = DEFAULT_MAX_ANSWER_MB,
) -> list[Backend]:
    """One RemoteBackend per endpoint with short unique names; in_flight[url] requests on each (else 1);
    answers over max_answer_mb fail unread."""
    if not urls:
        raise ValueError(
            "No endpoint to generate on: add one in Preferences > Remote, or pass --endpoint URL."
        )
    if token is None:
        token, _ = find_token()
    backends: list[Backend] = []
    names: set[str] = set()
    group: EndpointGroup[RemoteBackend] = EndpointGroup()  # a job whose endpoint is down goes to another one
    for url in urls:
        name, n = short_name(url), 2
        while name in names:
            name, n = f"{short_name(url)}#{n}", n + 1
        names.add(name)
        slots = (in_flight or {}).get(url, 1)
        backends.append(
            RemoteBackend(
                url,
                token=token,
                name=name,
                timeout=timeout,
                group=group,
                in_flight=slots,
                max_answer_mb=max_answer_mb,
            )
        )
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
        return remote_backends(
            settings.endpoints, in_flight=settings.endpoint_in_flight, max_answer_mb=settings.max_answer_mb
        )
    # The window's own: generation in a process of its own, so the window's thread never waits on it.
    return [LocalProcessBackend()]
