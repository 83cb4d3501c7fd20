"""The render command's backend flags: `--backend remote --endpoint URL [--in-flight N] [--endpoint URL ...]`,
`--backend provider [--provider fal-ai] [--provider-model Wan-AI/Wan2.2-T2V-A14B]`."""

from __future__ import annotations

import argparse

from app.settings.remote_settings import LOCAL, PROVIDER, REMOTE, provider_backends, remote_backends
from engine.backends.local import Backend, LocalBackend
from engine.backends.provider import DEFAULT_PROVIDER, DEFAULT_PROVIDER_MODEL
from engine.endpoint.client_limits import DEFAULT_TIMEOUT, MAX_IN_FLIGHT
from engine.endpoint.urls import clean_url


def add_remote_options(parser: argparse.ArgumentParser) -> None:
    """Add --backend, --endpoint, --provider, --provider-model and --remote-timeout to a parser."""
    group = parser.add_argument_group("remote generation")
    group.add_argument(
        "--backend",
        choices=[LOCAL, REMOTE, PROVIDER],
        help="where takes are generated (default: local; remote when --endpoint is given; "
        "provider: Hugging Face Inference Providers, billed to your token)",
    )
    group.add_argument(
        "--endpoint",
        action="append",
        default=[],
        metavar="URL",
        help="an endpoint URL; repeat for several. Default: the endpoints saved in "
        "Preferences > Remote. Token: keyring, HF_TOKEN or hf login",
    )
    group.add_argument(
        "--in-flight",
        action="append",
        type=int,
        default=[],
        metavar="N",
        help="requests in flight on an endpoint (its replicas; default 1): once for every "
        "--endpoint, or once after each",
    )
    group.add_argument(
        "--provider",
        metavar="NAME",
        help=f"the Inference Provider for --backend provider (default {DEFAULT_PROVIDER})",
    )
    group.add_argument(
        "--provider-model",
        metavar="REPO_ID",
        help=f"the Hub model the provider runs (default {DEFAULT_PROVIDER_MODEL})",
    )
    group.add_argument(
        "--remote-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"longest wait for one take (default {DEFAULT_TIMEOUT:.0f})",
    )
    group.add_argument(
        "--max-answer-mb",
        type=int,
        metavar="MB",
        help="largest endpoint answer read; a bigger one fails its shot unread "
        "(default: max_answer_mb in settings.json, else 256)",
    )


def backends_from_args(args: argparse.Namespace) -> list[Backend]:
    """The backends a render uses; ValueError (exit 2) for a bad or missing endpoint."""
    provider, provider_model = getattr(args, "provider", None), getattr(args, "provider_model", None)
    implied = (
        REMOTE if getattr(args, "endpoint", None) else PROVIDER if (provider or provider_model) else LOCAL
    )
    backend = getattr(args, "backend", None) or implied
    if (provider or provider_model) and backend != PROVIDER:
        raise ValueError("--provider and --provider-model need --backend provider")
    if backend == PROVIDER:
        if getattr(args, "endpoint", None):
            raise ValueError("--endpoint needs --backend remote, not provider")
        if args.remote_timeout <= 0:
            raise ValueError("--remote-timeout must be positive")
        return provider_backends(
            provider or DEFAULT_PROVIDER,
            provider_model or DEFAULT_PROVIDER_MODEL,
            timeout=args.remote_timeout,
        )
    if getattr(args, "in_flight", None) and backend != REMOTE:
        raise ValueError("--in-flight needs --backend remote")
    if backend == LOCAL:
        if getattr(args, "endpoint", None):
            raise ValueError("--endpoint needs --backend remote")
        return [LocalBackend()]
    from app.settings.user_settings import load_settings

    settings = load_settings()
    given = getattr(args, "max_answer_mb", None)
    max_answer = settings.max_answer_mb if given is None else given
    if max_answer < 1:
        raise ValueError("--max-answer-mb must be at least 1")
    urls = [clean_url(u) for u in args.endpoint]
    counts = list(getattr(args, "in_flight", None) or [])
    if not urls:
        urls, in_flight = settings.endpoints, dict(settings.endpoint_in_flight)
        if counts:
            raise ValueError("--in-flight needs --endpoint (saved endpoints keep their own setting)")
    elif len(counts) in (0, 1, len(urls)):
        in_flight = dict(zip(urls, counts * len(urls) if len(counts) == 1 else counts, strict=False))
    else:
        raise ValueError(
            f"--in-flight given {len(counts)} times for {len(urls)} endpoints: give it once or once each"
        )
    if any(not 1 <= n <= MAX_IN_FLIGHT for n in in_flight.values()):
        raise ValueError(f"--in-flight must be 1 to {MAX_IN_FLIGHT}")
    if args.remote_timeout <= 0:
        raise ValueError("--remote-timeout must be positive")
    return remote_backends(urls, timeout=args.remote_timeout, in_flight=in_flight, max_answer_mb=max_answer)
