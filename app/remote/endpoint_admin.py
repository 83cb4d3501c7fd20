"""EndpointAdmin: one Inference Endpoint's life through huggingface_hub's own API, never blocking forever."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from app.remote.endpoint_errors import TOKEN_HINT, EndpointAdminError, EndpointInputError, describe
from engine.values import is_json_int, shorten

if TYPE_CHECKING:
    from huggingface_hub import HfApi, InferenceEndpoint

log = logging.getLogger(__name__)
T = TypeVar("T")

# The Endpoints service takes lower-case letters, digits and hyphens, 32 at most; checked here so that a
# name like "../x" never becomes part of an API path.
NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")
NAMESPACE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9])?$")

STATE_WORDS = {
    "pending": "pending (waiting for hardware)",
    "initializing": "initializing (loading the model)",
    "updating": "updating",
    "updateFailed": "update failed",
    "running": "running",
    "paused": "paused",
    "failed": "failed",
    "scaledToZero": "scaled to zero (wakes on the next request)",
}
TRANSITIONAL = {"pending", "initializing", "updating"}
ACTIONS = ("resume", "pause", "scale_to_zero", "delete")


def check_name(name: str) -> str:
    """The endpoint name if the service would take it, else EndpointAdminError."""
    if not NAME.fullmatch(name or ""):
        raise EndpointInputError(
            f"{name!r} is not an endpoint name: use 1 to 32 lower-case letters, digits and hyphens, "
            "starting and ending with a letter or digit.",
            "For example: wan-studio.",
        )
    return name


def check_namespace(namespace: str | None) -> str | None:
    """A user or organisation name (None: the token's own user), else EndpointAdminError."""
    if namespace is not None and (not NAMESPACE.fullmatch(namespace) or ".." in namespace):
        raise EndpointInputError(
            f"{namespace!r} is not a user or organisation name.", "Give it as on the Hub, e.g. my-studio."
        )
    return namespace


@dataclass(frozen=True)
class EndpointInfo:
    """What the Hub says about one endpoint: its state, address and size."""

    name: str
    namespace: str
    state: str
    url: str | None = None
    repository: str = ""
    revision: str | None = None
    instance: str = ""
    min_replica: int | None = None
    max_replica: int | None = None
    message: str = ""

    @property
    def words(self) -> str:
        """The state as a person reads it."""
        return STATE_WORDS.get(self.state, self.state)

    @property
    def running(self) -> bool:
        """True when requests can go to its URL now."""
        return self.state == "running" and bool(self.url)

    @property
    def settling(self) -> bool:
        """True while the state is on its way to another one (worth a refresh)."""
        return self.state in TRANSITIONAL

    def summary(self) -> str:
        """One line: name, state, URL or what the Hub said."""
        where = f" at {self.url}" if self.url and self.state in ("running", "scaledToZero") else ""
        said = f" ({self.message})" if self.message and self.state in ("failed", "updateFailed") else ""
        return f"{self.namespace}/{self.name}: {self.words}{where}{said}"


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def endpoint_info(endpoint: InferenceEndpoint) -> EndpointInfo:
    """An EndpointInfo from huggingface_hub's InferenceEndpoint (its raw answer read defensively)."""
    raw = _mapping(endpoint.raw)
    compute = _mapping(raw.get("compute"))
    scaling = _mapping(compute.get("scaling"))
    status = _mapping(raw.get("status"))
    instance = " ".join(str(compute[k]) for k in ("instanceType", "instanceSize") if compute.get(k))

    def replicas(key: str) -> int | None:
        value = scaling.get(key)
        return value if is_json_int(value) else None

    message = shorten(" ".join(str(status.get("message") or "").split()))
    return EndpointInfo(
        name=endpoint.name,
        namespace=endpoint.namespace,
        state=str(endpoint.status),
        url=endpoint.url,
        repository=endpoint.repository,
        revision=endpoint.revision,
        instance=instance,
        min_replica=replicas("minReplica"),
        max_replica=replicas("maxReplica"),
        message=message,
    )


class EndpointAdmin:
    """Status, resume, pause, scale to zero, delete and wait for one user's endpoints.

    Every Hub call runs with a deadline: huggingface_hub's HTTP client has no timeout of its own,
    and a person must never wait on a Hub that stopped answering.
    """

    def __init__(
        self,
        token: str | None,
        namespace: str | None = None,
        timeout: float = 60.0,
        poll_seconds: float = 5.0,
    ) -> None:
        if not token:
            raise EndpointInputError("Managing Inference Endpoints needs a Hugging Face token.", TOKEN_HINT)
        self._token = token
        self.namespace = check_namespace(namespace)
        self.timeout = timeout
        self.poll_seconds = poll_seconds

    def __repr__(self) -> str:  # never the token
        return f"EndpointAdmin(namespace={self.namespace!r})"

    def token_for_calls(self) -> str:
        """The token, for huggingface_hub calls only (never for messages or logs)."""
        return self._token

    def api(self) -> HfApi:
        """huggingface_hub's client with this token (HF_ENDPOINT honoured, as huggingface_hub does)."""
        from huggingface_hub import HfApi

        return HfApi(token=self._token)

    def call(self, what: str, fn: Callable[[], T], timeout: float | None = None) -> T:
        """fn() on a daemon thread, its failure as EndpointAdminError; gives up after the deadline."""
        limit = self.timeout if timeout is None else timeout
        box: dict[str, Any] = {}

        def run() -> None:
            try:
                box["value"] = fn()
            except BaseException as exc:  # carried to the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=run, daemon=True, name="storyreel-hub-call")
        worker.start()
        worker.join(limit)
        if worker.is_alive():
            log.warning("The Hub did not answer about %s within %.0f s", what, limit)
            raise EndpointAdminError(
                f"The Hub did not answer about {what} within {limit:.0f} s.",
                "Check the connection and try again; nothing more is waited for.",
            )
        if "error" in box:
            error = describe(box["error"], what)
            log.warning("Hub call about %s failed: %s", what, error, exc_info=box["error"])
            raise error from box["error"]
        return box["value"]

    def _endpoint(self, name: str) -> InferenceEndpoint:
        check_name(name)
        return self.call(
            f"endpoint {name!r}",
            lambda: self.api().get_inference_endpoint(name, namespace=self.namespace, token=self._token),
        )

    def status(self, name: str) -> EndpointInfo:
        """The endpoint's state as the Hub has it now."""
        return endpoint_info(self._endpoint(name))

    def act(self, name: str, action: str) -> EndpointInfo | None:
        """resume | pause | scale_to_zero | delete, through the InferenceEndpoint's own methods."""
        if action not in ACTIONS:
            raise EndpointInputError(f"{action!r} is not one of {', '.join(ACTIONS)}.")
        endpoint = self._endpoint(name)
        what = f"endpoint {name!r}"
        if action == "delete":
            self.call(what, endpoint.delete)
            log.info("Deleted Inference Endpoint %s/%s", endpoint.namespace, name)
            return None
        method = getattr(endpoint, action)
        info = endpoint_info(self.call(what, method))
        log.info("Inference Endpoint %s: %s -> %s", name, action, info.state)
        return info

    def wait(self, name: str, timeout: int) -> EndpointInfo:
        """Wait until it runs and answers its health route (InferenceEndpoint.wait), or fail saying why."""
        endpoint = self._endpoint(name)
        what = f"endpoint {name!r}"

        def wait() -> InferenceEndpoint:
            # huggingface_hub annotates refresh_every as int but sleeps on it; tests poll faster than 1 s.
            return endpoint.wait(timeout=timeout, refresh_every=self.poll_seconds)  # type: ignore[arg-type]

        try:
            # The deadline covers one hung poll past the wait's own timeout.
            return endpoint_info(self.call(what, wait, timeout=timeout + self.timeout + self.poll_seconds))
        except EndpointAdminError as exc:
            last = endpoint_info(endpoint)  # each poll updates it in place
            said = f": {last.message}" if last.message else ""
            raise EndpointAdminError(f"{exc} Last state: {last.words}{said}.", exc.hint, exc.status) from exc
