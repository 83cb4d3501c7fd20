"""The farm's Serve application: Generator replicas (one loaded pipeline each) behind an HTTP Ingress.

Imports Ray at module level: only app.farm.farm_control loads it, after checking Ray is installed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import os
import threading
from typing import Any

from ray import serve
from ray.exceptions import ActorDiedError, RayTaskError
from ray.serve.handle import DeploymentHandle

from app.farm.farm_config import GENERATOR, INGRESS, FarmConfig
from engine.endpoint.handler import EndpointHandler
from engine.errors import StoryreelError
from engine.generation.request import ModelSpec
from engine.progress import Cancelled, CancelToken
from engine.review.safety_gate import SafetyGate

log = logging.getLogger(__name__)

POLL = 0.25  # seconds between looks at the client's cancel while a replica generates
MAX_REPLICA_LOSSES = 3  # replicas that may die under one request before it fails
INGRESS_IN_FLIGHT = 64  # requests the front holds at once (the client's most per URL)
# Only these die with the process; others (out of memory, bad input) leave the replica usable.
FATAL_MARKERS = ("CUDA error", "device-side assert", "NCCL error")


class ReplicasLost(StoryreelError):
    """Every replica that took a request died before answering."""

    hint = "Check the farm's replicas (main.py farm status) and the Ray logs on their machines."


class Generator:
    """One replica: the endpoint handler with its pipeline loaded once, one generation at a time."""

    def __init__(self, model: dict[str, Any], safety: dict[str, Any] | None = None) -> None:
        gate = None if safety is None else SafetyGate.from_dict(safety)  # refusals reach the client as 422
        self.handler = EndpointHandler(model=ModelSpec(**model), safety=gate)
        self.broken: str | None = None

    async def __call__(self, data: dict[str, Any]) -> dict[str, Any]:
        """Generate one take; a cancelled call (the client left) stops the run at its next step."""
        cancel = CancelToken()
        work = asyncio.get_running_loop().run_in_executor(None, functools.partial(self._run, data, cancel))
        try:
            return await asyncio.shield(work)
        except asyncio.CancelledError:
            cancel.cancel()
            raise

    def _run(self, data: dict[str, Any], cancel: CancelToken) -> dict[str, Any]:
        try:
            return self.handler(data, cancel=cancel)
        except RuntimeError as exc:
            if any(marker in str(exc) for marker in FATAL_MARKERS):
                # A CUDA context that failed stays failed: let the health check have it replaced.
                self.broken = str(exc)
            raise

    def pid(self) -> int:
        """This replica's process id (status and tests)."""
        return os.getpid()

    def check_health(self) -> None:
        """Serve's periodic check: a replica whose GPU failed is replaced."""
        if self.broken:
            raise RuntimeError(f"the GPU failed ({self.broken}); this replica is replaced")


class Ingress:
    """The farm's URL: the Inference Endpoints protocol of `serve`, sending each body to a Generator."""

    def __init__(self, generator: DeploymentHandle[Any], token: str | None) -> None:
        self.generator = generator
        self._token = token
        self._lock = threading.Lock()
        self._counts = {"received": 0, "sent": 0, "replicas_lost": 0}

    def __serve_build_asgi_app__(self) -> Any:
        """`serve`'s own app (token, request rules, /health), many requests at once."""
        from app.serve.server import build_app

        return build_app(self.generate, self._token, concurrent=INGRESS_IN_FLIGHT)

    def generate(self, data: dict[str, Any], cancel: CancelToken) -> dict[str, Any]:
        """A take from the first Generator free; sent again only when the replica that took it died."""
        self._count("received")
        for lost in range(MAX_REPLICA_LOSSES + 1):
            self._count("sent")
            response = self.generator.remote(data)
            try:
                return _wait(response, cancel)
            except ActorDiedError as exc:
                # The process is gone, and its generation with it: sending again makes no duplicate.
                self._count("replicas_lost")
                log.warning("A replica died under a request (%s); sending it again", exc.__class__.__name__)
                if lost == MAX_REPLICA_LOSSES:
                    raise ReplicasLost(
                        f"{lost + 1} replicas died under this request; it was not sent again."
                    ) from None
        raise AssertionError("unreachable")

    def stats(self) -> dict[str, int]:
        """Requests received over HTTP, sent to replicas, and lost with a replica (status and tests)."""
        with self._lock:
            return dict(self._counts)

    def _count(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1


def _wait(response: Any, cancel: CancelToken) -> dict[str, Any]:
    """The Generator's answer, watching cancel; its own exception (not Ray's wrapper) if it raised."""
    while True:
        if cancel.cancelled:
            response.cancel()
            raise Cancelled()
        try:
            answer: dict[str, Any] = response.result(timeout_s=POLL)
            return answer
        except TimeoutError:
            continue
        except RayTaskError as exc:
            if isinstance(exc.cause, BaseException):  # Ray's wrapper's text is a remote traceback
                raise exc.cause from None
            raise


def farm_application(config: FarmConfig, token: str | None) -> Any:
    """The bound Serve application `farm start` runs: Ingress over config's Generator replicas."""
    generator = serve.deployment(name=GENERATOR, **config.generator_options())(Generator)
    # The front holds no model and waits on replicas: it takes no CPU a replica could use.
    ingress = serve.deployment(
        name=INGRESS,
        num_replicas=1,
        max_ongoing_requests=INGRESS_IN_FLIGHT,
        ray_actor_options={"num_cpus": 0},
    )(serve.ingress()(Ingress))
    return ingress.bind(generator.bind(dataclasses.asdict(config.model), config.safety), token)
