"""The farm's Ray cluster: joined at an address, or a local head started as `ray start --head --block`.

A local head outlives `farm start` (a studio expects the farm to keep running), so its address and
process id go to a state file in the user's state folder, where `farm status` and `farm stop` (other
processes) find it. Stopping signals that one process, which takes its cluster down with it: never
`ray stop`, which would stop every Ray process of this user on the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.paths.user_paths import state_dir
from engine.errors import StoryreelError
from engine.storage.atomic_file import write_bytes_atomic
from engine.values import is_json_int, is_json_number

STATE_FILE = "farm.json"
HEAD_LOG = "farm-head.log"
MAX_STATE_BYTES = 64 * 1024
DEFAULT_RAY_PORT = 6379  # what `ray start --address HEAD:6379` on the other machines expects
HEAD_START_TIMEOUT = 180.0
HEAD_STOP_TIMEOUT = 60.0
CONNECT_TIMEOUT = 5.0
INSTALL_HINT = 'Install the farm extra: pip install "storyreel[farm]" (it brings ray[serve]).'


class FarmError(StoryreelError):
    """A farm command that could not be done; the message says why."""

    hint = "Check the farm with main.py farm status; details are in storyreel.log."


class FarmUnavailable(FarmError):
    """Ray Serve is not installed: the farm is an optional extra."""

    hint = INSTALL_HINT


def require_ray() -> None:
    """Raise FarmUnavailable, with how to install it, unless ray[serve] can be imported."""
    try:
        import ray  # noqa: F401
        from ray import serve  # noqa: F401
    except ImportError as exc:
        raise FarmUnavailable(f"The render farm needs Ray Serve, which is not installed ({exc}).") from None


@dataclass(frozen=True)
class FarmState:
    """What `farm start` left for status and stop: where the cluster is, the URL, the local head."""

    address: str
    url: str
    head_pid: int | None = None  # the local `ray start --head --block` process, if the farm started one
    config: dict[str, Any] = field(default_factory=dict)
    started: float = 0.0


def state_path() -> Path:
    """The state file: one farm per user and machine."""
    return state_dir() / STATE_FILE


def load_state() -> FarmState | None:
    """The recorded farm, or None; FarmError for a state file that is not one of ours."""
    path = state_path()
    try:
        if path.stat().st_size > MAX_STATE_BYTES:
            raise FarmError(f"{path} is too large to be a farm state file; remove it.")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: nesting past the stack
        raise FarmError(f"{path} cannot be read ({exc}); remove it and start the farm again.") from None
    pid = doc.get("head_pid") if isinstance(doc, dict) else None
    if not (
        isinstance(doc, dict)
        and isinstance(doc.get("address"), str)
        and isinstance(doc.get("url"), str)
        and (pid is None or (is_json_int(pid) and 0 < pid < 2**31))
        and isinstance(doc.get("config", {}), dict)
    ):
        raise FarmError(f"{path} is not a farm state file; remove it and start the farm again.")
    started = doc.get("started", 0.0)
    return FarmState(
        doc["address"],
        doc["url"],
        pid,
        doc.get("config", {}),
        float(started) if is_json_number(started) else 0.0,
    )


def save_state(state: FarmState) -> None:
    """Record the farm for later status and stop commands (atomically; no token in it)."""
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, json.dumps(asdict(state), indent=2).encode("utf-8"))


def clear_state() -> None:
    """Forget the recorded farm."""
    state_path().unlink(missing_ok=True)


def free_port() -> int:
    """A TCP port nothing listens on now (for the head's internal ports nobody needs to know)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reachable(address: str, timeout: float = CONNECT_TIMEOUT) -> bool:
    """Whether host:port accepts a TCP connection (before handing it to ray.init, which waits long)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return True  # ray://, "auto" and such: let Ray say
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return True
    except OSError:
        return False


def start_local_head(
    ray_port: int = DEFAULT_RAY_PORT,
    num_cpus: int | None = None,
    num_gpus: int | None = None,
    object_store_bytes: int | None = None,
    timeout: float = HEAD_START_TIMEOUT,
) -> tuple[str, int]:
    """Start `ray start --head --block` in its own session; returns (address, pid) once it is up."""
    if reachable(f"127.0.0.1:{ray_port}", 1.0):
        raise FarmError(
            f"Port {ray_port} is already taken (another Ray cluster?).",
            "Join it with --address 127.0.0.1:PORT, or pick another --ray-port.",
        )
    command = [
        sys.executable,
        "-m",
        "ray.scripts.scripts",
        "start",
        "--head",
        "--block",
        f"--port={ray_port}",
        "--include-dashboard=false",
        "--disable-usage-stats",
        # Ports only this head uses, picked free, so a second cluster on the machine does not collide.
        f"--ray-client-server-port={free_port()}",
        f"--dashboard-port={free_port()}",
        f"--dashboard-agent-listen-port={free_port()}",
    ]
    if num_cpus is not None:
        command.append(f"--num-cpus={num_cpus}")
    if num_gpus is not None:
        command.append(f"--num-gpus={num_gpus}")
    if object_store_bytes is not None:
        command.append(f"--object-store-memory={object_store_bytes}")
    # `farm stop` removes the Serve application first: nothing is left to drain when the head stops.
    env = {**os.environ, "RAY_GRACEFUL_SHUTDOWN_DRAIN_TIMEOUT_S": "0"}
    log_path = state_dir() / HEAD_LOG
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    address = f"127.0.0.1:{ray_port}"
    deadline = time.monotonic() + timeout
    while not reachable(address, 1.0):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise FarmError(
                f"The local Ray cluster did not start: {_tail(log_path)}",
                f"See {log_path}; or start one yourself with `ray start --head` and pass --address.",
            )
        time.sleep(0.5)
    return address, process.pid


def head_alive(pid: int) -> bool:
    """Whether pid is still the `ray start --head` process this farm started."""
    import psutil

    try:
        command = " ".join(psutil.Process(pid).cmdline())
    except (psutil.Error, OSError):
        return False
    return "ray.scripts.scripts" in command and "--head" in command


def stop_local_head(pid: int, timeout: float = HEAD_STOP_TIMEOUT) -> None:
    """SIGTERM the head (it stops every process it started), then SIGKILL its session if it hangs."""
    import psutil

    if not head_alive(pid):
        return
    process = psutil.Process(pid)
    process.terminate()
    try:
        process.wait(timeout)
    except psutil.TimeoutExpired:
        os.killpg(os.getpgid(pid), 9)  # its own session: only the processes it started


def connect(address: str, runtime_env: dict[str, Any] | None = None) -> None:
    """ray.init to the cluster at address, quietly; FarmError if nothing answers there.

    runtime_env (code and variables shipped to the cluster) becomes the default of what this
    process deploys.
    """
    import logging

    import ray

    if ray.is_initialized():
        return
    if not reachable(address):
        raise FarmError(
            f"No Ray cluster answers at {address}.",
            "Check the address (HEAD:6379), or start the farm without --address for a local one.",
        )
    logging.getLogger("ray.serve").setLevel(logging.WARNING)  # its INFO lines are not for a terminal
    ray.init(
        address=address,
        runtime_env=runtime_env,
        logging_level=logging.WARNING,
        log_to_driver=False,
        configure_logging=False,
    )


def _tail(path: Path, lines: int = 5) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(text[-lines:]) or "(empty log)"
