"""`main.py serve --model MODEL`: serve the endpoint handler over HTTP until Ctrl+C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from typing import TYPE_CHECKING

from app.cli.bearer_token import TOKEN_ENV, required_token
from app.cli.command import Command
from app.cli.error_boundary import CommandFailed, UsageError, flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.model_flags import add_model_options, model_settings_from_args

if TYPE_CHECKING:
    from engine.review.safety_gate import SafetyGate

DEFAULT_GRACE = 20.0  # within the 30 s a container is given between SIGTERM and SIGKILL


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The model flags, the address, the token and torch's threads."""
    add_model_options(p, required=True)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one)")
    p.add_argument(
        "--token",
        help=f"require this bearer token (default: ${TOKEN_ENV}); needed to bind beyond this machine",
    )
    p.add_argument("--threads", type=int, help="CPU threads for torch (several servers on one machine)")
    p.add_argument(
        "--safety-model",
        help="enforce the safety check: this image classifier (Hub repo id or folder) on every take, and "
        "Preferences > Review's word list on every prompt; refused requests get 422 with the reason",
    )
    p.add_argument(
        "--grace",
        type=float,
        default=DEFAULT_GRACE,
        metavar="SECONDS",
        help=f"on SIGTERM or Ctrl+C, how long running generations may finish before they are "
        f"cancelled (default {DEFAULT_GRACE:.0f}); new requests get 503 with Retry-After meanwhile",
    )


def run(args: argparse.Namespace) -> int:
    """Load the model and serve it until Ctrl+C or SIGTERM (with --gpus, rank 0 serves)."""
    from app.cli.gpu_launch import run_over_gpus

    spec = model_settings_from_args(args).spec_for()
    return run_over_gpus(args, getattr(args, "argv", []), lambda: _serve(args), spec)


def safety_gate(model: str | None) -> SafetyGate | None:
    """The check `--safety-model` asks for, with the word list of Preferences > Review; None without it."""
    if not model:
        return None
    from app.settings.review_settings import load_review_settings
    from app.settings.user_settings import load_settings
    from engine.review.review_models import resolve_review_model
    from engine.review.safety_gate import SafetyGate

    settings = load_review_settings(load_settings()).with_models(safety=model)
    config = settings.config()
    resolve_review_model(config.safety_model)  # a missing model fails at start, not at the first request
    return SafetyGate(config)


def _serve(args: argparse.Namespace) -> int:
    from app.serve.server import ServerThread, build_app

    token = required_token(args, "serve")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"port {args.port} is out of range")
    if not 0 <= args.grace <= 3600:
        raise UsageError(f"--grace {args.grace:g} must be 0 to 3600 seconds")
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from app.cli.gpu_launch import with_gpus
    from engine.endpoint.handler import EndpointHandler

    spec = with_gpus(model_settings_from_args(args).spec_for(), args.gpus)
    print(f"Loading {spec.source}...", flush=True)
    with flags_checked():  # a ModelError or a bad setting
        handler = EndpointHandler(model=spec, safety=safety_gate(args.safety_model))
    stop = {"now": False}
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    server = ServerThread(build_app(handler, token), args.host, args.port)
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        raise CommandFailed(f"could not listen on {args.host}:{args.port}: {exc}") from exc
    auth = "bearer token required" if token else "no token"
    print(
        f"Serving {handler.model_name} on {server.url} (POST / or /predict, GET /health; {auth}). "
        "Ctrl+C stops.",
        flush=True,
    )
    try:
        while not stop["now"] and server.alive():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        print(
            f"Stopping: new requests get 503; a running one may finish within {args.grace:g} s "
            "(Ctrl+C again stops at once).",
            file=sys.stderr,
            flush=True,
        )
        try:
            server.drain(args.grace)
        except KeyboardInterrupt:
            server.drain(0)  # cancel now, but still let the pipeline leave its step before exiting
        handler.close()
        signal.signal(signal.SIGTERM, previous)
    print("Stopped.", file=sys.stderr)
    return ExitCode.OK


COMMAND = Command(
    "serve", "serve the endpoint handler over HTTP (like Inference Endpoints)", add_arguments, run
)
