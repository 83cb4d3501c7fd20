"""`main.py serve`: the endpoint handler over HTTP, behaving as the Inference Toolkit's server does."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import threading
import time
from collections.abc import Callable

from engine.jobs.progress import Cancelled, CancelToken

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # a prompt and its settings; anything larger is refused before parsing
JSON_TYPES = ("application/json",)
# Media bodies the Inference Toolkit accepts for other tasks; a text-to-video handler takes JSON only.
MEDIA_PREFIXES = ("image/", "audio/")

Handler = Callable[..., dict]


def is_loopback(host: str) -> bool:
    """Whether binding host keeps the server to this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _json(doc: object, status: int = 200, headers: dict | None = None):
    from starlette.responses import Response

    return Response(
        json.dumps(doc, ensure_ascii=False),
        status_code=status,
        headers=headers,
        media_type="application/json",
    )


def _error(message: str, status: int = 400, headers: dict | None = None):
    return _json({"error": message}, status, headers)


def _query_parameters(query) -> dict:
    """Query parameters as the toolkit reads them: numbers and booleans converted."""
    out: dict = {}
    for key, value in query.items():
        if value.lower() in ("true", "false"):
            out[key] = value.lower() == "true"
            continue
        for kind in (int, float):
            try:
                out[key] = kind(value)
                break
            except ValueError:
                continue
        else:
            out[key] = value
    return out


def _content_type_problem(content_type: str | None) -> str | None:
    """Why a request's Content-Type is refused, or None when it is JSON."""
    if not content_type:
        return "No content type provided. Send Content-Type: application/json."
    media = content_type.split(";")[0].strip().lower()
    if media in JSON_TYPES:
        return None
    if media.startswith(MEDIA_PREFIXES):
        return (
            f'Content type "{content_type}" carries media; text-to-video takes a JSON body '
            '{"inputs": prompt, "parameters": {...}}.'
        )
    return (
        f'Content type "{content_type}" not supported. Supported content types are: application/json, '
        "image/*, audio/*."
    )


def _accept_problem(accept: str | None) -> str | None:
    """Why the Accept header cannot be met (answers are JSON), or None."""
    if accept is None or accept.strip() in ("", "*/*"):
        return None
    for candidate in accept.split(","):
        media = candidate.split(";")[0].strip().lower()
        if media in ("application/json", "application/*", "*/*"):
            return None
    return f'Accept type "{accept}" not supported: answers are application/json (the video is base64 inside).'


def build_app(handler: Handler, token: str | None = None):
    """A Starlette app: POST / and /predict run handler(body, cancel=...); GET / and /health say Ok."""
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    one_at_a_time = asyncio.Lock()
    running: set[CancelToken] = set()

    def authorized(request) -> bool:
        if not token:
            return True
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())

    def refuse():
        return _error(
            "Authorization required: send the server's token as 'Authorization: Bearer <token>'.",
            401,
            {"WWW-Authenticate": "Bearer"},
        )

    async def health(request):
        return PlainTextResponse("Ok") if authorized(request) else refuse()

    async def predict(request):
        if not authorized(request):
            return refuse()
        problem = _content_type_problem(request.headers.get("content-type")) or _accept_problem(
            request.headers.get("accept")
        )
        if problem:
            return _error(problem)
        body = await request.body()
        if len(body) > MAX_BODY:
            return _error(f"The request body is {len(body)} bytes; at most {MAX_BODY} are accepted.")
        try:
            data = json.loads(body)
        except ValueError as exc:
            return _error(f"The body is not valid JSON: {exc}")
        if not isinstance(data, dict) or "inputs" not in data:
            return _error(
                f"Body needs to provide a inputs key, received: {body[:200].decode(errors='replace')}"
            )
        if request.query_params and "parameters" not in data:
            data["parameters"] = _query_parameters(request.query_params)
        cancel = CancelToken()
        watcher = asyncio.ensure_future(_cancel_on_disconnect(request, cancel))
        try:
            async with one_at_a_time:  # each replica runs one request at a time; others wait here
                if cancel.cancelled:
                    return _error("The client left before its turn.", 499)
                running.add(cancel)
                return await _run(handler, data, cancel)
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
    return app


async def _run(handler: Handler, data: dict, cancel: CancelToken):
    """Run the handler on a worker thread; any exception becomes 400 {"error": ...}, as in the toolkit."""
    import anyio

    started = time.perf_counter()
    try:
        result = await anyio.to_thread.run_sync(lambda: handler(data, cancel=cancel))
    except Cancelled:
        log.info("Generation cancelled: the client left")
        return _error("Cancelled: the client closed the connection.", 499)
    except Exception as exc:
        log.warning("Request refused or failed: %s", exc)
        return _error(str(exc).strip() or type(exc).__name__)
    log.info("POST | %.2f s", time.perf_counter() - started)
    return _json(result)


async def _cancel_on_disconnect(request, cancel: CancelToken) -> None:
    """Set cancel when the client closes its connection (the body has been read by then)."""
    while True:
        message = await request.receive()
        if message.get("type") == "http.disconnect":
            cancel.cancel()
            return


class ServerThread:
    """A uvicorn server on a background thread, for tests, benchmarks and the app; stops on exit."""

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0) -> None:
        import uvicorn

        self.app = app
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,
            access_log=False,
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, name="storyreel-serve", daemon=True)

    @property
    def port(self) -> int:
        """The bound port (useful after asking for port 0)."""
        return self.server.servers[0].sockets[0].getsockname()[1]

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

    def alive(self) -> bool:
        """Whether the server thread still runs."""
        return self._thread.is_alive()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
