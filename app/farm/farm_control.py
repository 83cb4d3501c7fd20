"""`farm start | status | stop`: the endpoint handler on a Ray cluster, its state, and taking it down."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.farm.cluster import (
    DEFAULT_RAY_PORT,
    FarmError,
    FarmState,
    clear_state,
    connect,
    head_alive,
    load_state,
    reachable,
    require_ray,
    save_state,
    start_local_head,
    stop_local_head,
)
from app.farm.farm_config import APP_NAME, GENERATOR, FarmConfig

log = logging.getLogger(__name__)

# Settings a replica reads from its environment that the person starting the farm means for it.
PASSED_ENV = ("HF_HUB_OFFLINE", "HF_ENDPOINT", "HF_HUB_DISABLE_TELEMETRY")
PASSED_ENV_PREFIX = "STORYREEL_MAX_"  # the handler's request limits (EndpointLimits.from_env)
START_TIMEOUT = 3600.0  # a first start may download a 14B model onto every machine


@dataclass(frozen=True)
class HeadOptions:
    """A local head's size when the farm starts one (None: what Ray detects)."""

    ray_port: int = DEFAULT_RAY_PORT
    num_cpus: int | None = None
    num_gpus: int | None = None
    object_store_bytes: int | None = None


def runtime_env() -> dict[str, Any]:
    """Storyreel's own code travels with the application: every machine runs this version of it."""
    import app
    import engine

    env_vars = {k: v for k, v in os.environ.items() if k in PASSED_ENV or k.startswith(PASSED_ENV_PREFIX)}
    modules = [str(Path(engine.__file__).parent), str(Path(app.__file__).parent)]
    return {"py_modules": modules, "env_vars": env_vars}


def farm_url(host: str, port: int) -> str:
    """The address clients use: this machine's own when the proxies listen on every interface."""
    if host in ("0.0.0.0", "::", ""):
        import ray

        host = ray.util.get_node_ip_address()
    return f"http://{host}:{port}/"


def start_farm(
    config: FarmConfig,
    token: str | None,
    address: str | None = None,
    head: HeadOptions | None = None,
    report: Callable[[str], None] = print,
    timeout: float = START_TIMEOUT,
) -> FarmState:
    """Deploy config on the cluster at address (or a local one started now); returns what was recorded."""
    require_ray()
    existing = _live_state()
    if existing is not None:
        raise FarmError(
            f"A farm is already running at {existing.url} (on {existing.address}).",
            "Stop it first with main.py farm stop.",
        )
    head_pid = None
    if address is None:
        head = head or HeadOptions()
        report(f"Starting a local Ray cluster on port {head.ray_port}...")
        address, head_pid = start_local_head(
            head.ray_port, head.num_cpus, head.num_gpus, head.object_store_bytes
        )
        if reachable(f"127.0.0.1:{config.port}", 1.0):
            stop_local_head(head_pid)
            raise FarmError(f"Port {config.port} is already taken.", "Pick another --port.")
    try:
        connect(address, runtime_env())
        import ray
        from ray import serve

        from app.farm.deployment import farm_application

        config = config.for_cluster(float(ray.cluster_resources().get("GPU", 0)))
        serve.start(http_options={"host": config.host, "port": config.port})
        count = f"{config.autoscale[0]}-{config.autoscale[1]}" if config.autoscale else str(config.replicas)
        report(f"Deploying {count} replica(s) of {config.model.source}; each loads the model...")
        serve._run(farm_application(config, token), _blocking=False, name=APP_NAME, route_prefix="/")
        wait_until_running(config.first_replicas, timeout, report)
        url = farm_url(config.host, config.port)
    except Exception as exc:  # a model that does not load, a cluster without room: say so, tidy up
        log.error("farm start on %s failed", address, exc_info=True)
        _tidy_failed_start(head_pid)
        if isinstance(exc, FarmError):
            raise
        raise FarmError(f"The farm did not start: {_first_line(exc)}") from None
    state = FarmState(address, url, head_pid, config.describe(), time.time())
    save_state(state)
    log.info("Farm started at %s on %s", url, address)
    return state


def wait_until_running(replicas: int, timeout: float, report: Callable[[str], None]) -> None:
    """Wait for the application to run, reporting replicas as they load; FarmError if it fails or stalls."""
    from ray import serve

    deadline, said = time.monotonic() + timeout, ""
    while True:
        application = serve.status().applications.get(APP_NAME)
        status = application.status.value if application is not None else "NOT_STARTED"
        if status == "RUNNING":
            return
        message = application.message if application is not None else ""
        if status in ("DEPLOY_FAILED", "UNHEALTHY"):
            raise FarmError(f"The farm did not start: {_first_line(message) or status}")
        generator = application.deployments.get(GENERATOR) if application is not None else None
        running = replica_counts(generator.replica_states).get("RUNNING", 0) if generator is not None else 0
        line = f"{running}/{replicas} replica(s) ready" + (f" ({_first_line(message)})" if message else "")
        if line != said:
            report(line)
            said = line
        if time.monotonic() > deadline:
            raise FarmError(f"The farm was not ready after {timeout:.0f} s: {line}.")
        time.sleep(1.0)


def farm_status(address: str | None = None) -> dict[str, Any]:
    """The farm's URL, the application's state, and each deployment's replicas by state."""
    require_ray()
    address, state = _target(address)
    connect(address)
    from ray import serve

    application = serve.status().applications.get(APP_NAME)
    doc: dict[str, Any] = {
        "address": address,
        "url": state.url if state is not None else _serve_url(),
        "local_cluster": bool(state is not None and state.head_pid),
        "config": state.config if state is not None else {},
    }
    if application is None:
        return {
            **doc,
            "status": "NOT_DEPLOYED",
            "message": "no Storyreel farm on this cluster",
            "deployments": {},
        }
    return {
        **doc,
        "status": str(application.status.value),
        "message": application.message,
        "deployments": {
            name: {
                "status": str(d.status.value),
                "replicas": replica_counts(d.replica_states),
                "message": d.message,
            }
            for name, d in application.deployments.items()
        },
    }


def stop_farm(address: str | None = None) -> str:
    """Stop the farm: its own local cluster goes down whole; on a joined one, only its application."""
    require_ray()
    recorded = load_state()
    if address is None and recorded is not None and recorded.head_pid and not head_alive(recorded.head_pid):
        clear_state()
        return "The farm's local Ray cluster was not running any more; its record is removed."
    address, state = _target(address)
    if state is not None and state.head_pid:
        # The cluster is the farm's own: stopping its head stops every replica with it, at once.
        stop_local_head(state.head_pid)
        clear_state()
        log.info("Farm stopped with its local cluster %s", address)
        return "The farm is stopped and its local Ray cluster shut down."
    connect(address)
    import ray
    from ray import serve

    serve.delete(APP_NAME)
    if not serve.status().applications:
        serve.shutdown()  # frees the HTTP port; another team's application would keep it
    ray.shutdown()
    if state is not None:
        clear_state()
    log.info("Farm stopped on %s", address)
    return f"The farm on {address} is stopped (the Ray cluster keeps running)."


def _live_state() -> FarmState | None:
    """The recorded farm if it may still run (a local head that died leaves a stale record: removed)."""
    state = load_state()
    if state is not None and state.head_pid and not head_alive(state.head_pid):
        clear_state()
        return None
    return state


def _target(address: str | None) -> tuple[str, FarmState | None]:
    """The cluster to talk to, and the farm recorded for it (None when address names another)."""
    state = _live_state()
    if address is None:
        if state is None:
            raise FarmError(
                "No farm is running on this machine (none recorded).",
                "Start one with main.py farm start, or give the cluster with --address HOST:PORT.",
            )
        return state.address, state
    return address, state if state is not None and state.address == address else None


def _serve_url() -> str:
    """The URL of Serve's proxies on a cluster this machine did not start the farm on."""
    try:
        from ray.serve.context import _get_global_client

        client = _get_global_client()
        return farm_url(client.http_config.host, client.http_config.port) if client is not None else ""
    except Exception:  # a private API: without it, the status simply has no URL
        log.debug("Serve's HTTP options could not be read", exc_info=True)
        return ""


def _tidy_failed_start(head_pid: int | None) -> None:
    """After a failed start: remove a half-deployed application, and a local head started for it."""
    try:
        from ray import serve

        serve.delete(APP_NAME)
    except Exception:
        log.debug("nothing to delete after the failed start", exc_info=True)
    if head_pid:
        import ray

        ray.shutdown()
        stop_local_head(head_pid)


def replica_counts(states: Mapping[Any, Any]) -> dict[str, int]:
    """Serve's replica counts by state, keyed by the state's name ("RUNNING", "STARTING", ...)."""
    return {str(getattr(state, "value", state)): int(n) for state, n in states.items()}


def _first_line(what: object) -> str:
    """The first line of an error or message (Ray's carry whole remote tracebacks)."""
    text = str(what).strip().splitlines()
    return (text[0] if text else type(what).__name__ if isinstance(what, BaseException) else "")[:500]
