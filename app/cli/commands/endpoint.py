"""`main.py endpoint create|status|resume|pause|scale-to-zero|delete NAME`: Inference Endpoints from the CLI."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import TYPE_CHECKING

from app.cli.command import Command
from app.cli.error_boundary import UsageError
from app.cli.exit_codes import ExitCode

if TYPE_CHECKING:
    from app.remote.endpoint_admin import EndpointAdmin, EndpointInfo

ACTIONS = {"resume": "resume", "pause": "pause", "scale-to-zero": "scale_to_zero", "delete": "delete"}
DEFAULT_WAIT = 1800  # seconds: a cold start of Wan 2.2 A14B downloads ~120 GB of weights


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="the endpoint's name (lower-case letters, digits, hyphens)")
    p.add_argument("--namespace", help="user or organisation that owns it (default: the token's user)")
    p.add_argument("--json", action="store_true", help="print the endpoint's state as JSON")


def _add_wait(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wait", action="store_true", help="wait until it runs and answers")
    p.add_argument(
        "--timeout", type=int, default=DEFAULT_WAIT, help=f"seconds --wait waits (default {DEFAULT_WAIT})"
    )
    p.add_argument("--poll", type=float, default=5.0, help="seconds between --wait's checks (default 5)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The create, status, resume, pause, scale-to-zero and delete actions."""
    actions = p.add_subparsers(dest="endpoint_command", metavar="ACTION", parser_class=type(p))
    q = actions.add_parser("create", help="push the packaged handler to a model repo and create an endpoint")
    _add_common(q)
    _add_wait(q)
    q.add_argument("--repo", help="model repo for the handler (default: NAMESPACE/NAME, created private)")
    q.add_argument(
        "--model", help="the Wan model the endpoint loads (default Wan-AI/Wan2.2-T2V-A14B-Diffusers)"
    )
    q.add_argument("--revision", help="Hub revision of that model")
    q.add_argument("--vendor", default="aws")
    q.add_argument("--region", default="us-east-1")
    q.add_argument("--accelerator", default="gpu")
    q.add_argument("--instance-type", default="nvidia-a100", help="default nvidia-a100 (80 GB)")
    q.add_argument("--instance-size", default="x1")
    q.add_argument("--min-replicas", type=int, default=1)
    q.add_argument("--max-replicas", type=int, default=1)
    q.add_argument(
        "--scale-to-zero-after",
        type=int,
        metavar="MINUTES",
        help="scale to zero after this many idle minutes (minimum replicas becomes 0)",
    )
    q = actions.add_parser("status", help="the endpoint's state, URL and size")
    _add_common(q)
    q = actions.add_parser("resume", help="start a paused or scaled-to-zero endpoint")
    _add_common(q)
    _add_wait(q)
    for name, text in (
        ("pause", "stop it and its billing until resumed"),
        ("scale-to-zero", "stop its replicas; the next request wakes it"),
    ):
        _add_common(actions.add_parser(name, help=text))
    q = actions.add_parser("delete", help="delete the endpoint for good (its model repo stays)")
    _add_common(q)
    q.add_argument("--yes", action="store_true", help="confirm: it cannot be undone")


def _print_info(info: EndpointInfo, as_json: bool) -> None:
    if as_json:
        json.dump({**dataclasses.asdict(info), "words": info.words}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    print(info.summary())
    size = []
    if info.instance:
        size.append(info.instance)
    if info.max_replica is not None:
        size.append(f"{info.min_replica}-{info.max_replica} replica(s)")
    if info.repository:
        size.append(f"repository {info.repository}")
    if size:
        print(f"  {', '.join(size)}")


def _progress(step: int, steps: int, message: str) -> None:
    print(f"[{step}/{steps}] {message}", flush=True)


def _wait(admin: EndpointAdmin, args: argparse.Namespace) -> EndpointInfo:
    print(f"Waiting for {args.name} to run (up to {args.timeout} s)…", flush=True)
    info = admin.wait(args.name, timeout=args.timeout)
    print(f"Ready. Generate on it: main.py render FILM.reel --backend remote --endpoint {info.url}")
    return info


def run(args: argparse.Namespace) -> int:
    """Run an `endpoint` action; Hub failures are one message, exit 1; bad input exit 2."""
    from app.remote.endpoint_admin import EndpointAdmin
    from app.remote.endpoint_create import EndpointSpec, create_endpoint
    from engine.endpoint.hub_token import find_token

    command = args.endpoint_command
    if command is None:
        raise UsageError("name an action: endpoint create|status|resume|pause|scale-to-zero|delete NAME")
    if command == "delete" and not args.yes:
        raise UsageError(f"delete removes {args.name} for good: pass --yes to confirm")
    if getattr(args, "wait", False) and not 1 <= args.timeout <= 7 * 24 * 3600:
        raise UsageError(f"--timeout {args.timeout} must be 1 to 604800 seconds")
    if getattr(args, "wait", False) and not 0.05 <= args.poll <= 3600:  # NaN fails both
        raise UsageError(f"--poll {args.poll} must be 0.05 to 3600 seconds")
    from huggingface_hub.utils.tqdm import disable_progress_bars

    disable_progress_bars()  # our own progress line, not the upload's live display on stderr
    poll = args.poll if getattr(args, "wait", False) else 5.0
    admin = EndpointAdmin(find_token()[0], namespace=args.namespace, poll_seconds=poll)
    if command == "create":
        spec = EndpointSpec(
            args.name,
            repo_id=args.repo,
            model=args.model,
            model_revision=args.revision,
            vendor=args.vendor,
            region=args.region,
            accelerator=args.accelerator,
            instance_type=args.instance_type,
            instance_size=args.instance_size,
            min_replica=args.min_replicas,
            max_replica=args.max_replicas,
            scale_to_zero_minutes=args.scale_to_zero_after,
        )
        info = create_endpoint(admin, spec, _progress)
    elif command == "status":
        info = admin.status(args.name)
    else:
        acted = admin.act(args.name, ACTIONS[command])
        if acted is None:
            print(f"Deleted {args.name}.")
            return ExitCode.OK
        info = acted
    if getattr(args, "wait", False):
        info = _wait(admin, args)
    _print_info(info, args.json)
    return ExitCode.OK


COMMAND = Command("endpoint", "create, start, pause and delete Inference Endpoints", add_arguments, run)
