"""The bearer token `serve` and `farm start` require, and their one refusal to listen beyond this machine without it."""

from __future__ import annotations

import argparse
import os

from app.cli.error_boundary import UsageError

TOKEN_ENV = "STORYREEL_SERVE_TOKEN"


def required_token(args: argparse.Namespace, opening: str) -> str | None:
    """The token requests must carry (None: none); UsageError for a listener beyond this machine without one."""
    from app.serve.server import is_loopback

    token: str | None = args.token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(args.host) and not token:
        raise UsageError(
            f"refusing to {opening} on {args.host} without a token: anyone on the network could "
            f"generate. Pass --token (or set {TOKEN_ENV}), or bind 127.0.0.1."
        )
    return token
