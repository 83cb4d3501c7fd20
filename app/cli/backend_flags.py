"""The render command's backend flags: `--backend remote --endpoint URL [--endpoint URL ...]`,
`--backend provider [--provider fal-ai] [--provider-model Wan-AI/Wan2.2-T2V-A14B]`."""

from __future__ import annotations

import argparse

from app.settings.remote_settings import LOCAL, PROVIDER, REMOTE, provider_backends, remote_backends
from engine.backends.local import Backend, LocalBackend
from engine.backends.provider import DEFAULT_PROVIDER, DEFAULT_PROVIDER_MODEL
from engine.backends.remote import DEFAULT_TIMEOUT


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
        help="an endpoint URL; repeat for several (one shot in flight on each). Default: "
        "the endpoints saved in Preferences > Remote. Token: keyring, HF_TOKEN or hf login",
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
    if backend == LOCAL:
        if getattr(args, "endpoint", None):
            raise ValueError("--endpoint needs --backend remote")
        return [LocalBackend()]
    urls = list(args.endpoint)
    if not urls:
        from app.settings.user_settings import load_settings

        urls = load_settings().endpoints
    if args.remote_timeout <= 0:
        raise ValueError("--remote-timeout must be positive")
    return remote_backends(urls, timeout=args.remote_timeout)
