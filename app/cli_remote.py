"""The render command's backend flags: `--backend remote --endpoint URL [--endpoint URL ...]`."""

from __future__ import annotations

import argparse

from app.remote_settings import LOCAL, REMOTE, remote_backends
from engine.backend import Backend, LocalBackend
from engine.remote_backend import DEFAULT_TIMEOUT


def add_remote_options(parser: argparse.ArgumentParser) -> None:
    """Add --backend, --endpoint and --remote-timeout to a parser."""
    group = parser.add_argument_group("remote generation")
    group.add_argument("--backend", choices=[LOCAL, REMOTE],
                       help="where takes are generated (default: local; remote when --endpoint is given)")
    group.add_argument("--endpoint", action="append", default=[], metavar="URL",
                       help="an endpoint URL; repeat for several (one shot in flight on each). Default: "
                            "the endpoints saved in Preferences > Remote. Token: keyring, HF_TOKEN or hf login")
    group.add_argument("--remote-timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"longest wait for one take (default {DEFAULT_TIMEOUT:.0f})")


def backends_from_args(args: argparse.Namespace) -> list[Backend]:
    """The backends a render uses; ValueError (exit 2) for a bad or missing endpoint."""
    backend = getattr(args, "backend", None) or (REMOTE if getattr(args, "endpoint", None) else LOCAL)
    if backend == LOCAL:
        if getattr(args, "endpoint", None):
            raise ValueError("--endpoint needs --backend remote")
        return [LocalBackend()]
    urls = list(args.endpoint)
    if not urls:
        from app.user_settings import load_settings

        urls = load_settings().endpoints
    if args.remote_timeout <= 0:
        raise ValueError("--remote-timeout must be positive")
    return remote_backends(urls, timeout=args.remote_timeout)
