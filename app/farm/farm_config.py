"""What `farm start` deploys: the model, how many replicas (fixed or autoscaled), their resources."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from engine.errors import StoryreelError
from engine.generation.request import ModelSpec

APP_NAME = "storyreel"  # the Serve application; `farm stop` deletes only this one
GENERATOR = "Generator"  # the deployment holding one loaded pipeline per replica
INGRESS = "Ingress"  # the HTTP front: token, request rules, retry when a replica dies
MAX_REPLICAS = 256
MAX_GPUS_PER_REPLICA = 64
DEFAULT_PORT = 8000  # Ray Serve's own default
# A replica runs one generation at a time (the handler's lock). The rest wait in Serve's router,
# which hands each to the first replica that frees: none waits behind a busy one, and a replica that
# dies takes only its own request with it.
MAX_ONGOING = 1
TARGET_ONGOING = 1.0


class FarmConfigError(StoryreelError, ValueError):
    """A farm setting that cannot be used; the message names it and the allowed range."""

    hint = "Check the farm start flags (main.py farm start --help)."


@dataclass(frozen=True)
class FarmConfig:
    """One farm deployment: model, replicas or autoscaling bounds, resources per replica, HTTP."""

    model: ModelSpec
    replicas: int = 1
    autoscale: tuple[int, int] | None = None  # (min, max) replicas; None: a fixed count
    gpus_per_replica: float | None = None  # None: one when the cluster has GPUs, else none
    cpus_per_replica: float = 1.0
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    # farm start --safety-model: SafetyGate.to_dict() of the check every replica enforces; None: none.
    safety: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.autoscale is None and not 1 <= self.replicas <= MAX_REPLICAS:
            raise FarmConfigError(f"--replicas must be 1 to {MAX_REPLICAS}, not {self.replicas}")
        if self.autoscale is not None:
            low, high = self.autoscale
            if not (0 <= low <= high <= MAX_REPLICAS and high >= 1):
                raise FarmConfigError(
                    f"--autoscale {low}:{high}: give MIN:MAX with 0 <= MIN <= MAX <= {MAX_REPLICAS}, MAX >= 1"
                )
        for name, value, top in (
            ("--gpus-per-replica", self.gpus_per_replica, MAX_GPUS_PER_REPLICA),
            ("--cpus-per-replica", self.cpus_per_replica, 1024),
        ):
            if value is not None and not (math.isfinite(value) and 0 <= value <= top):
                raise FarmConfigError(f"{name} must be 0 to {top}, not {value}")
        if not 0 < self.port <= 65535:
            raise FarmConfigError(f"--port must be 1 to 65535, not {self.port}")

    @property
    def first_replicas(self) -> int:
        """How many replicas start at once: the fixed count, or the autoscaler's first."""
        return self.replicas if self.autoscale is None else max(self.autoscale[0], 1)

    def for_cluster(self, cluster_gpus: float) -> FarmConfig:
        """This config with GPUs per replica decided (one when the cluster has any) and checked to fit."""
        gpus = self.gpus_per_replica
        if gpus is None:
            gpus = 1.0 if cluster_gpus >= 1 and not (self.model.device or "").startswith("cpu") else 0.0
        if gpus * self.first_replicas > cluster_gpus:
            raise FarmConfigError(
                f"{self.first_replicas} replica(s) × {gpus:g} GPU(s) need {gpus * self.first_replicas:g} "
                f"GPUs; the cluster has {cluster_gpus:g}.",
                "Start fewer replicas, or join more GPU machines to the cluster (ray start --address).",
            )
        return dataclasses.replace(self, gpus_per_replica=gpus)

    def generator_options(self) -> dict[str, Any]:
        """The Generator deployment's Serve options: replicas or autoscaling, resources, health checks."""
        options: dict[str, Any] = {
            "max_ongoing_requests": MAX_ONGOING,
            "ray_actor_options": {
                "num_gpus": self.gpus_per_replica or 0.0,
                "num_cpus": self.cpus_per_replica,
            },
            # A replica stuck in a generation still answers (the check runs beside it); a replica
            # whose process hangs or dies is replaced.
            "health_check_period_s": 10.0,
            "health_check_timeout_s": 30.0,
            # Loading a 14B pipeline takes minutes; give a broken model a few tries, not Serve's 20.
            "max_constructor_retry_count": 3,
        }
        if self.autoscale is None:
            options["num_replicas"] = self.replicas
        else:
            low, high = self.autoscale
            options["autoscaling_config"] = {
                "min_replicas": low,
                "max_replicas": high,
                "initial_replicas": self.first_replicas,
                # Scale on requests per replica: one generation each, so every queued shot asks for one.
                "target_ongoing_requests": TARGET_ONGOING,
                "upscale_delay_s": 5.0,
                # A loaded pipeline is expensive to build again: wait before giving a GPU back.
                "downscale_delay_s": 600.0,
            }
        return options

    def describe(self) -> dict[str, Any]:
        """The settings as the state file and `farm status` show them (no secrets in here)."""
        doc = dataclasses.asdict(self)
        doc["model"] = {k: v for k, v in doc["model"].items() if v not in (None, "", False, "none")}
        return doc


def parse_autoscale(text: str) -> tuple[int, int]:
    """MIN:MAX as two whole numbers; FarmConfigError otherwise."""
    low, sep, high = text.partition(":")
    if not sep or not low.strip().isdigit() or not high.strip().isdigit():
        raise FarmConfigError(f"--autoscale {text!r}: give MIN:MAX, two whole numbers such as 1:4")
    return int(low), int(high)
