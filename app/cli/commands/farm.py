"""`main.py farm start | status | stop`: the endpoint handler as a Ray Serve render farm."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.bearer_token import TOKEN_ENV, required_token
from app.cli.command import Command
from app.cli.error_boundary import flags_checked
from app.cli.exit_codes import ExitCode
from app.cli.model_flags import add_model_options, model_settings_from_args


def add_arguments(farm: argparse.ArgumentParser) -> None:
    """The start, status and stop actions."""
    sub = farm.add_subparsers(dest="farm_command", metavar="ACTION", required=True, parser_class=type(farm))
    p = sub.add_parser("start", help="deploy the model on a Ray cluster (a local one without --address)")
    add_model_options(p, required=True)
    p.add_argument("--address", help="join this Ray cluster (HEAD:6379) instead of starting a local one")
    count = p.add_mutually_exclusive_group()
    count.add_argument("--replicas", type=int, default=1, help="a fixed number of replicas (default 1)")
    count.add_argument("--autoscale", metavar="MIN:MAX", help="scale between MIN and MAX replicas on demand")
    p.add_argument(
        "--gpus-per-replica",
        type=float,
        default=None,
        help="GPUs each replica holds (default 1 if the cluster has GPUs, else 0)",
    )
    p.add_argument("--cpus-per-replica", type=float, default=1.0, help="CPUs each replica holds (default 1)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address the farm's HTTP proxies bind (default 127.0.0.1)"
    )
    p.add_argument("--port", type=int, default=8000, help="the farm's HTTP port (default 8000)")
    p.add_argument(
        "--safety-model",
        help="every replica enforces the safety check: this image classifier (Hub repo id or folder) and "
        "Preferences > Review's word list; refused requests get 422 with the reason",
    )
    p.add_argument(
        "--token", help=f"require this bearer token (default: ${TOKEN_ENV}); needed beyond this machine"
    )
    local = p.add_argument_group("the local cluster (without --address)")
    local.add_argument(
        "--ray-port", type=int, default=6379, help="its Ray port, for `ray start --address` (6379)"
    )
    local.add_argument("--num-cpus", type=int, help="CPUs it offers (default: all)")
    local.add_argument("--num-gpus", type=int, help="GPUs it offers (default: all)")
    local.add_argument(
        "--object-store-mb", type=int, help="its object store in MB (default: Ray's, 30%% of memory)"
    )
    for action in ("status", "stop"):
        p = sub.add_parser(
            action, help=f"the farm's {'replicas and URL' if action == 'status' else 'shutdown'}"
        )
        p.add_argument("--address", help="the Ray cluster (default: the farm this machine started)")
        if action == "status":
            p.add_argument("--json", action="store_true", help="print the status as JSON")


def run(args: argparse.Namespace) -> int:
    """Run one farm action; Ray missing or a farm problem is one readable line and exit code."""
    if args.farm_command == "start":
        return _start(args)
    if args.farm_command == "status":
        return _status(args)
    from app.farm.farm_control import stop_farm

    print(stop_farm(args.address))
    return ExitCode.OK


def _start(args: argparse.Namespace) -> int:
    from app.cli.commands.serve import safety_gate
    from app.farm.cluster import require_ray
    from app.farm.farm_config import FarmConfig, parse_autoscale
    from app.farm.farm_control import HeadOptions, start_farm
    from engine.generation.model_source import check_model_source, is_repo_id

    require_ray()  # before anything else: without the extra, the one thing to say is how to get it
    token = required_token(args, "open the farm")
    spec = model_settings_from_args(args).spec_for()
    with flags_checked():
        gate = safety_gate(args.safety_model)
    if not is_repo_id(spec.source):
        # Replicas start elsewhere: a folder is sent as an absolute path (the same on every machine).
        import dataclasses
        from pathlib import Path

        spec = dataclasses.replace(spec, source=str(Path(spec.source).expanduser().resolve()))
        check_model_source(spec)
    config = FarmConfig(
        model=spec,
        replicas=args.replicas,
        autoscale=parse_autoscale(args.autoscale) if args.autoscale else None,
        gpus_per_replica=args.gpus_per_replica,
        cpus_per_replica=args.cpus_per_replica,
        host=args.host,
        port=args.port,
        safety=None if gate is None else gate.to_dict(),
    )
    head = HeadOptions(
        ray_port=args.ray_port,
        num_cpus=args.num_cpus,
        num_gpus=args.num_gpus,
        object_store_bytes=args.object_store_mb * 2**20 if args.object_store_mb else None,
    )
    state = start_farm(
        config, token, address=args.address, head=head, report=lambda line: print(line, flush=True)
    )
    auth = "bearer token required" if token else "no token"
    print(
        f"Farm ready at {state.url} ({auth}). Render with: main.py render FILM.reel --endpoint {state.url} --in-flight N"
    )
    if state.head_pid:
        print(f"Other machines join with: ray start --address <this machine's address>:{args.ray_port}")
    return ExitCode.OK


def _status(args: argparse.Namespace) -> int:
    from app.farm.farm_control import farm_status

    doc = farm_status(args.address)
    if args.json:
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"Farm: {doc['status']} at {doc['url'] or '(URL unknown)'} on Ray cluster {doc['address']}")
        if doc["message"]:
            print(f"  {doc['message']}")
        for name, d in doc["deployments"].items():
            replicas = ", ".join(f"{n} {state.lower()}" for state, n in d["replicas"].items()) or "none"
            print(
                f"  {name}: {d['status'].lower()}, replicas: {replicas}"
                + (f" ({d['message']})" if d["message"] else "")
            )
    return ExitCode.OK if doc["status"] == "RUNNING" else ExitCode.FAILED


COMMAND = Command(
    "farm", "a render farm: the endpoint handler on a Ray cluster (needs storyreel[farm])", add_arguments, run
)
