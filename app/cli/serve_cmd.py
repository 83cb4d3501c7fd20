"""`main.py serve` and `main.py package-endpoint`: run or package the endpoint handler."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from app.cli.exit_codes import ExitCode
from app.cli.model_flags import add_model_options, model_settings_from_args
from app.cli.output import fail

TOKEN_ENV = "STORYREEL_SERVE_TOKEN"
DEFAULT_GRACE = 20.0  # within the 30 s a container is given between SIGTERM and SIGKILL


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the serve and package-endpoint subcommands to the CLI's parser."""
    p = subparsers.add_parser("serve", help="serve the endpoint handler over HTTP (like Inference Endpoints)")
    add_model_options(p, required=True)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one)")
    p.add_argument(
        "--token",
        help=f"require this bearer token (default: ${TOKEN_ENV}); needed to bind beyond this machine",
    )
    p.add_argument("--threads", type=int, help="CPU threads for torch (several servers on one machine)")
    p.add_argument(
        "--grace",
        type=float,
        default=DEFAULT_GRACE,
        metavar="SECONDS",
        help=f"on SIGTERM or Ctrl+C, how long running generations may finish before they are "
        f"cancelled (default {DEFAULT_GRACE:.0f}); new requests get 503 with Retry-After meanwhile",
    )

    p = subparsers.add_parser(
        "package-endpoint", help="write a folder to push as a model repo for Inference Endpoints"
    )
    p.add_argument("folder", type=Path)
    p.add_argument(
        "--model",
        help="model the endpoint serves when the repo holds no weights "
        "(default Wan-AI/Wan2.2-T2V-A14B-Diffusers)",
    )
    p.add_argument("--revision", help="Hub revision of that model")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")


def cmd_serve(args: argparse.Namespace) -> int:
    """Load the model and serve it until Ctrl+C or SIGTERM (with --gpus, rank 0 serves)."""
    from app.cli.gpu_launch import run_over_gpus

    spec = model_settings_from_args(args).spec_for()
    return run_over_gpus(args, getattr(args, "argv", []), lambda: _serve(args), spec)


def _serve(args: argparse.Namespace) -> int:
    from app.serve.server import ServerThread, build_app, is_loopback
    from engine.generation.model_source import ModelError

    token = args.token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(args.host) and not token:
        return fail(
            f"refusing to serve on {args.host} without a token: anyone on the network could "
            f"generate. Pass --token (or set {TOKEN_ENV}), or bind 127.0.0.1.",
            ExitCode.BAD_INPUT,
        )
    if not 0 <= args.port <= 65535:
        return fail(f"port {args.port} is out of range", ExitCode.BAD_INPUT)
    if not 0 <= args.grace <= 3600:
        return fail(f"--grace {args.grace:g} must be 0 to 3600 seconds", ExitCode.BAD_INPUT)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from app.cli.gpu_launch import with_gpus
    from engine.endpoint.handler import EndpointHandler

    spec = with_gpus(model_settings_from_args(args).spec_for(), args.gpus)
    print(f"Loading {spec.source}...", flush=True)
    try:
        handler = EndpointHandler(model=spec)
    except (ModelError, ValueError) as exc:
        return fail(exc, ExitCode.BAD_INPUT)
    stop = {"now": False}
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    server = ServerThread(build_app(handler, token), args.host, args.port)
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        return fail(f"could not listen on {args.host}:{args.port}: {exc}", ExitCode.FAILED)
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


def cmd_package_endpoint(args: argparse.Namespace) -> int:
    """Write handler.py, the vendored engine, requirements.txt and a README into a folder."""
    from app.serve.endpoint_package import PackageError, write_endpoint_package

    try:
        files = write_endpoint_package(
            args.folder, model=args.model, revision=args.revision, force=args.force
        )
    except PackageError as exc:
        return fail(exc, ExitCode.BAD_INPUT)
    print(f"Wrote {len(files)} files to {args.folder}. Next: read {args.folder / 'README.md'}.")
    return ExitCode.OK


HANDLERS = {"serve": cmd_serve, "package-endpoint": cmd_package_endpoint}
