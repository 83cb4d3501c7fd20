"""Create an endpoint: package the handler, push it as a model repo (upload_folder), create the endpoint."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.remote.endpoint_admin import EndpointAdmin, EndpointInfo, check_name, endpoint_info
from app.remote.endpoint_errors import EndpointAdminError, EndpointInputError

log = logging.getLogger(__name__)

# step, steps, what is happening now
Progress = Callable[[int, int, str], None]
STEPS = 4
MAX_REPLICAS = 64  # as many as one film could keep busy; the service has its own quota above this


@dataclass(frozen=True)
class EndpointSpec:
    """What to create: the endpoint's name, the repo its handler is pushed to, the hardware and scaling."""

    name: str
    repo_id: str | None = None  # default: NAMESPACE/NAME
    model: str | None = None  # the Wan model the handler loads (default: the package's)
    model_revision: str | None = None
    vendor: str = "aws"
    region: str = "us-east-1"
    accelerator: str = "gpu"
    instance_type: str = "nvidia-a100"  # 80 GB: Wan 2.2 A14B without offloading
    instance_size: str = "x1"
    min_replica: int = 1
    max_replica: int = 1
    scale_to_zero_minutes: int | None = None  # idle minutes before it scales to zero (min_replica 0)

    def checked(self) -> EndpointSpec:
        """The spec if it makes sense, else EndpointAdminError naming the bad value."""
        check_name(self.name)
        if not 0 <= self.min_replica <= self.max_replica <= MAX_REPLICAS or self.max_replica < 1:
            raise EndpointInputError(
                f"Replicas {self.min_replica} to {self.max_replica} do not make sense.",
                f"Give at least 1 and at most {MAX_REPLICAS} replicas, the minimum not above the maximum.",
            )
        if self.scale_to_zero_minutes is not None and not 1 <= self.scale_to_zero_minutes <= 10080:
            raise EndpointInputError(
                f"Scale to zero after {self.scale_to_zero_minutes} minutes is out of range.",
                "Give 1 to 10080 minutes (a week).",
            )
        for field in ("vendor", "region", "accelerator", "instance_type", "instance_size"):
            value = getattr(self, field)
            if not value or len(value) > 64 or not all(c.isalnum() or c in "-_." for c in value):
                raise EndpointInputError(f"{field.replace('_', ' ')} {value!r} is not a hardware name.")
        return self


def _folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def push_package(admin: EndpointAdmin, spec: EndpointSpec, repo_id: str, progress: Progress) -> str:
    """Write the handler package and push it to repo_id (created private if missing); the commit's id."""
    from app.serve.endpoint_package import PackageError, write_endpoint_package

    api = admin.api()
    with tempfile.TemporaryDirectory(prefix="storyreel-endpoint-") as tmp:
        folder = Path(tmp) / "repository"
        progress(1, STEPS, "Packaging the endpoint handler")
        try:
            write_endpoint_package(folder, model=spec.model, revision=spec.model_revision)
        except PackageError as exc:
            raise EndpointAdminError(str(exc), exc.hint) from exc
        count, size = _folder_size(folder)
        progress(2, STEPS, f"Creating the model repository {repo_id}")
        admin.call(
            f"repository {repo_id!r}",
            lambda: api.create_repo(repo_id, private=True, exist_ok=True, repo_type="model"),
        )
        progress(3, STEPS, f"Uploading {count} files ({size / 1024:.0f} KB) to {repo_id}")
        commit = admin.call(
            f"repository {repo_id!r}",
            lambda: api.upload_folder(
                repo_id=repo_id,
                folder_path=folder,
                commit_message="Storyreel endpoint handler",
                repo_type="model",
            ),
            timeout=admin.timeout * 10,  # a slow line needs longer than one API answer
        )
    log.info("Pushed the endpoint handler to %s (%s)", repo_id, commit.oid)
    return str(commit.oid)


def create_endpoint(admin: EndpointAdmin, spec: EndpointSpec, progress: Progress) -> EndpointInfo:
    """Package, push and create; the endpoint's first state (usually pending)."""
    spec = spec.checked()
    api = admin.api()
    namespace = admin.namespace or admin.call("your account", lambda: str(api.whoami()["name"]))
    repo_id = spec.repo_id or f"{namespace}/{spec.name}"
    revision = push_package(admin, spec, repo_id, progress)
    min_replica = 0 if spec.scale_to_zero_minutes else spec.min_replica
    where = f"{spec.vendor} {spec.region}, {spec.instance_type} {spec.instance_size}"
    progress(4, STEPS, f"Creating the endpoint {spec.name} ({where})")
    endpoint = admin.call(
        f"endpoint {spec.name!r}",
        lambda: api.create_inference_endpoint(
            spec.name,
            repository=repo_id,
            revision=revision,  # exactly what was just pushed
            framework="custom",
            task="custom",
            accelerator=spec.accelerator,
            vendor=spec.vendor,
            region=spec.region,
            instance_type=spec.instance_type,
            instance_size=spec.instance_size,
            min_replica=min_replica,
            max_replica=spec.max_replica,
            scale_to_zero_timeout=spec.scale_to_zero_minutes,
            type="authenticated",
            namespace=namespace,
            token=admin.token_for_calls(),
        ),
    )
    info = endpoint_info(endpoint)
    log.info("Created Inference Endpoint %s/%s: %s", namespace, spec.name, info.state)
    return info
