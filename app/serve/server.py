"""`main.py serve`: the endpoint handler over HTTP, behaving as the Inference Toolkit's server does."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.serve.bounded_http import (
    ACCEPT_BACKLOG,
    HEADER_TIMEOUT,
    MAX_HEADER_BYTES,
    bounded_protocol,
    default_max_connections,
)
from app.serve.request_rules import (
    BODY_TIMEOUT,
    MAX_BODY,
    BodyProblem,
    accept_problem,
    content_type_problem,
    dumps_standard,
    loads_strict,
    query_parameters,
    read_body,
)
from engine.progress import Cancelled, CancelToken
from engine.review.safety_gate import REFUSED_STATUS, SafetyRefused

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

log = logging.getLogger(__name__)

Handler = Callable[..., dict[str, Any]]
RETRY_AFTER = 10  # seconds a client is asked to wait while this server shuts down (or another takes it)
CANCEL_WAIT = 30.0  # seconds a cancelled generation has to reach its next step and stop
SHUTTING_DOWN = "This server is shutting down; send the request again (to another replica, or here later)."


def is_loopback(host: str) -> bool:
    """Whether binding host keeps the server to this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _json(doc: object, status: int = 200, headers: dict[str, Any] | None = None) -> Response:
    from starlette.responses import Response

    try:
        text = dumps_standard(doc)
    except ValueError as exc:  # NaN or Infinity in an answer: never send non-standard JSON
        log.error("An answer could not be written as standard JSON: %s", exc)
        text, status = dumps_standard({"error": f"The answer is not standard JSON: {exc}"}), 500
    return Response(text, status_code=status, headers=headers, media_type="application/json")


def _error(message: str, status: int = 400, headers: dict[str, Any] | None = None) -> Response:
    return _json({"error": message}, status, headers)


def _shutting_down() -> Response:
    """503 with Retry-After: nothing was (or will be) generated here, so the client may send it again."""
    return _error(SHUTTING_DOWN, 503, {"Retry-After": str(RETRY_AFTER)})


def build_app(
    handler: Handler,
    token: str | None = None,
    max_body: int = MAX_BODY,
    body_timeout: float = BODY_TIMEOUT,
    concurrent: int = 1,
) -> Starlette:
    """A Starlette app: POST / and /predict run handler(body, cancel=...); GET / and /health say Ok.

    concurrent handler calls run at once (1: a replica's one at a time; the farm's front takes many).
    """
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    one_at_a_time = asyncio.Semaphore(concurrent)
    running: set[CancelToken] = set()

    def authorized(request: Request) -> bool:
        if not token:
            return True
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())

    def refuse() -> Response:
        return _error(
            "Authorization required: send the server's token as 'Authorization: Bearer <token>'.",
            401,
            {"WWW-Authenticate": "Bearer"},
        )

    async def health(request: Request) -> Response:
        # As in the toolkit: no token, so a load balancer's or monitor's probe sees the server up
        # (and, while it shuts down, not ready: the balancer stops sending it work).
        if app.state.draining:
            return _shutting_down()
        return PlainTextResponse("Ok")

    async def predict(request: Request) -> Response:
        if app.state.draining:
            return _shutting_down()
        if not authorized(request):
            return refuse()
        problem = content_type_problem(request.headers.get("content-type")) or accept_problem(
            request.headers.get("accept")
        )
        if problem:
            return _error(problem)
        try:
            body = await read_body(request.headers, request.stream(), max_body, body_timeout)
            data = loads_strict(body)
        except BodyProblem as exc:
            return _error(str(exc), exc.status)
        if not isinstance(data, dict) or "inputs" not in data:
            return _error(
                f"Body needs to provide a inputs key, received: {body[:200].decode(errors='replace')}"
            )
        if request.query_params and "parameters" not in data:
            data["parameters"] = query_parameters(request.query_params)
        cancel = CancelToken()
        watcher = asyncio.ensure_future(_cancel_on_disconnect(request, cancel))
        try:
            async with one_at_a_time:  # each replica runs one request at a time; others wait here
                if cancel.cancelled:
                    return _error("The client left before its turn.", 499)
                if app.state.draining:  # queued behind a generation when the shutdown began
                    return _shutting_down()
                running.add(cancel)
                response = await _run(handler, data, cancel)
                # A generation cancelled by the shutdown is one the client may send again.
                return _shutting_down() if app.state.draining and response.status_code == 499 else response
        finally:
            running.discard(cancel)
            watcher.cancel()

    app = Starlette(
        routes=[
            Route("/", health, methods=["GET"]),
            Route("/health", health, methods=["GET"]),
            Route("/", predict, methods=["POST"]),
            Route("/predict", predict, methods=["POST"]),
        ]
    )
    app.state.running = running
    app.state.draining = False  # set by ServerThread.drain: new and queued requests get 503
    return app


async def _run(handler: Handler, data: dict[str, Any], cancel: CancelToken) -> Response:
    """Run the handler on a worker thread; any exception becomes 400 {"error": ...}, as in the toolkit."""
    import anyio

    started = time.perf_counter()
    try:
        result = await anyio.to_thread.run_sync(lambda: handler(data, cancel=cancel))
    except Cancelled:
        log.info("Generation cancelled: the client left")
        return _error("Cancelled: the client closed the connection.", 499)
    except SafetyRefused as exc:
        log.warning("Refused by the safety check: %s", exc)
        return _error(str(exc), REFUSED_STATUS)
    except Exception as exc:
        log.warning("Request refused or failed: %s", exc)
        return _error(str(exc).strip() or type(exc).__name__)
    log.info("POST | %.2f s", time.perf_counter() - started)
    return _json(result)


async def _cancel_on_disconnect(request: Request, cancel: CancelToken) -> None:
    """Set cancel when the client closes its connection (the body has been read by then)."""
    while True:
        message = await request.receive()
        if message.get("type") == "http.disconnect":
            cancel.cancel()
            return


class ServerThread:
    """A uvicorn server on a background thread, for tests, benchmarks and the app; stops on exit."""

    def __init__(
        self,
        app: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        max_connections: int | None = None,
        header_timeout: float = HEADER_TIMEOUT,
    ) -> None:
        import uvicorn

        self.app = app
        cap = max_connections or default_max_connections()
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            # The asyncio loop `serve` is built and tested on, also where uvloop is installed (ray[serve]
            # brings it, and uvicorn's "auto" would then switch loops under this code).
            loop="asyncio",
            lifespan="off",
            timeout_graceful_shutdown=1,
            access_log=False,
            http=bounded_protocol(cap, header_timeout),
            # The cap evicts idle connections first; this only answers 503 if every one is busy.
            limit_concurrency=cap + 1,
            timeout_keep_alive=5,
            h11_max_incomplete_event_size=MAX_HEADER_BYTES,
            backlog=ACCEPT_BACKLOG,
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, name="storyreel-serve", daemon=True)

    @property
    def port(self) -> int:
        """The bound port (useful after asking for port 0)."""
        return int(self.server.servers[0].sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        """http://host:port/ of the running server."""
        return f"http://{self.server.config.host}:{self.port}/"

    def start(self, timeout: float = 20.0) -> ServerThread:
        """Start serving and wait until the socket listens."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel running generations, stop the server and join its thread."""
        for cancel in list(getattr(self.app.state, "running", ())):
            cancel.cancel()
        self.server.should_exit = True
        self._thread.join(timeout)

    def drain(self, grace: float) -> None:
        """Shut down gently: refuse new work with 503 + Retry-After, let the running generations finish
        for up to grace seconds, cancel the rest (their clients get 503 too), then stop."""
        state = self.app.state
        state.draining = True
        running: set[CancelToken] = getattr(state, "running", set())
        deadline = time.monotonic() + grace
        while running and time.monotonic() < deadline and self.alive():
            time.sleep(0.05)
        if running:
            log.info("Shutting down: cancelling %d running generation(s)", len(running))
        for cancel in list(running):
            cancel.cancel()
        # A worker thread still inside the pipeline at interpreter exit aborts the process (SIGABRT):
        # wait until each cancelled generation has stopped at its next step and answered.
        deadline = time.monotonic() + CANCEL_WAIT
        while running and time.monotonic() < deadline and self.alive():
            time.sleep(0.05)
        self.stop()

    def alive(self) -> bool:
        """Whether the server thread still runs."""
        return self._thread.is_alive()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
