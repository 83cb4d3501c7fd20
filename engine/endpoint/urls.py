"""Endpoint addresses: checking them, showing them without credentials, naming them briefly."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from engine.errors import StoryreelError

HF_ENDPOINT_DOMAIN = ".endpoints.huggingface.cloud"


class EndpointUrlError(StoryreelError, ValueError):
    """An endpoint address that cannot be used."""

    hint = "Enter the endpoint's address as shown on its page, e.g. https://xyz.endpoints.huggingface.cloud."


def clean_url(url: str) -> str:
    """The URL as requests go to it: http(s), a host, no credentials, no fragment; EndpointUrlError if not."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointUrlError(f"{public_url(text)!r} is not an http:// or https:// endpoint address.")
    if parts.username or parts.password:
        raise EndpointUrlError(
            "Put the token in Preferences > Remote (or HF_TOKEN), not in the endpoint URL."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise EndpointUrlError(f"{public_url(text)!r} has a bad port: {exc}") from None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def public_url(url: str) -> str:
    """The URL without user, password, query or fragment: safe for metadata, logs and messages."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def short_name(url: str) -> str:
    """A name for queue rows: an Inference Endpoint's own name, else host:port."""
    parts = urlsplit(url.strip())
    host = parts.hostname or url
    if host.endswith(HF_ENDPOINT_DOMAIN):
        return host.split(".")[0]
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port else host


def is_local_host(host: str) -> bool:
    """Whether host is this machine or a private-network address (a token may go there over http)."""
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private


def check_token_transport(url: str) -> None:
    """Refuse to send a token over plain http to a public host (it would travel readable)."""
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_local_host(parts.hostname or ""):
        raise EndpointUrlError(
            f"Refusing to send your token over plain http to {public_url(url)}: "
            "use the endpoint's https:// address."
        )
