"""One endpoint request with the status-code policy: wait out 503/429, never resend after a send.

Coroutines on httpx's async client, so N requests in flight are N tasks on one loop (the window's
qasync loop, or `asyncio.run` in the CLI), not N threads. Cancelling the task, or the CancelToken
(checked every POLL seconds), aborts the request at once and closes its connection, so the server
drops or stops the generation. Work that would hold the loop (loading the CA store, decoding a
large JSON answer) runs on a worker thread.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import json
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.endpoint.client_limits import DEFAULT_MAX_ANSWER_MB
from engine.endpoint.http_status import STATUS_TEXTS, status_label, status_text
from engine.endpoint.off_loop import off_loop
from engine.endpoint.redaction import redact
from engine.errors import StoryreelError
from engine.progress import (
    GENERATING,
    LOADING,
    Cancelled,
    CancelToken,
    Progress,
    ProgressCallback,
    ignore_progress,
)
from engine.values import MAX_TEXT, shorten

POLL = 0.1
REPORT_EVERY = 5.0  # seconds between "generating remotely" progress reports
CONNECT_TIMEOUT = 20.0
CONNECT_TRIES = 3
BACKOFF_START, BACKOFF_MAX = 1.0, 30.0
MAX_RETRY_AFTER = 300.0  # a server asking for longer than this is treated as asking for this


class EndpointError(StoryreelError):
    """An endpoint request that failed; the message is for people, the hint says what to try."""

    hint = "Retry the job; if it fails again, check the endpoint."

    def __init__(self, message: str, hint: str | None = None, status: int | None = None) -> None:
        super().__init__(message, hint)
        self.status = status


class AnswerTooLarge(EndpointError):
    """An answer over the size limit; it was not read (the generation may have run)."""


class EndpointTimeout(EndpointError):
    """No answer within the timeout; the endpoint may still be generating."""


class EndpointDown(EndpointError):
    """The endpoint did not take the request (unreachable, token refused, no such URL, never started).

    Nothing was generated, so the request may safely go to another endpoint.
    """


@dataclass(frozen=True)
class Reply:
    """A response read in full, up to the answer limit: status, headers and body."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes


@dataclass(frozen=True)
class Health:
    """What a health check found."""

    ok: bool
    status: int | None
    latency: float  # seconds
    message: str


@functools.lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """httpx's default TLS context, built once: loading the CA store takes ~0.1 s of held GIL, per
    client, which serialises N requests in flight on N threads."""
    import httpx2

    return httpx2.create_ssl_context()


@functools.lru_cache(maxsize=1)
def _trusting_nothing() -> ssl.SSLContext:
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, with no CA: any TLS use fails closed


async def tls_for(url: str) -> ssl.SSLContext:
    """The TLS context for a request to url, without stalling the loop.

    Loading the CA store holds the GIL 0.1-0.3 s even on a worker thread, so it happens once, and
    only for https; plain http (serve on a LAN, loopback) gets a context that trusts nothing, as no
    redirect is followed to an https address.
    """
    if url.lower().startswith("https:"):
        return await asyncio.to_thread(tls_context)
    return _trusting_nothing()


class EndpointPace:
    """When an endpoint may next be sent a request: a 429 or 503 to one request holds back them all.

    Shared by the requests in flight on one endpoint (one per replica), so a rate limit or a
    starting replica is waited out once, not hammered N times over.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._not_before = 0.0
        self._label = "rate limited"

    def hold(self, seconds: float, label: str) -> None:
        """No new request to this endpoint for seconds from now (a later hold wins); label says why."""
        with self._lock:
            until = time.monotonic() + seconds
            if until > self._not_before:
                self._not_before, self._label = until, label

    def wait_left(self) -> tuple[float, str]:
        """Seconds until a request may be sent (0 when it may go now), and why."""
        with self._lock:
            return max(0.0, self._not_before - time.monotonic()), self._label


def retry_after(headers: Mapping[str, str], default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else default."""
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def error_text(status: int, content: bytes, secrets: tuple[str, ...] = ()) -> str:
    """The handler's {"error": ...} text, else the start of the body; our tokens redacted (a server
    may echo the Authorization header)."""
    try:
        doc = json.loads(content)
    except ValueError:
        doc = None
    if isinstance(doc, dict) and doc.get("error"):
        text = str(doc["error"])
    else:
        text = content[: MAX_TEXT * 4].decode("utf-8", errors="replace")
    # Redacted before it is cut: a token cut in half would no longer match.
    return shorten(redact(text.strip(), secrets)) or f"HTTP {status}"


async def read_capped(response: Any, max_bytes: int, name: str) -> bytes:
    """A streamed response's body (decompressed), refused with AnswerTooLarge past max_bytes."""
    mb = max_bytes / (1 << 20)
    declared = response.headers.get("content-length", "")
    size = f"{int(declared) / (1 << 20):.0f} MB" if declared.isdigit() else "more"
    too_large = AnswerTooLarge(
        f"{name} answered with {size}, over the {mb:.0f} MB limit for an answer; it was not read.",
        "If the clip really is that big, raise the limit: --max-answer-mb, or max_answer_mb in settings.json.",
    )
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks, received = [], 0
    async for chunk in response.aiter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def post_json(
    url: str,
    body: dict[str, Any],
    headers: dict[str, str],
    name: str,
    timeout: float,
    max_start_wait: float,
    on_progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
    transport: Any = None,
    pace: EndpointPace | None = None,
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_MB << 20,
    busy_goes_elsewhere: bool = False,
) -> object:
    """POST body to url and return the decoded JSON answer, or raise EndpointError / Cancelled.

    pace, shared by the requests in flight on one endpoint, makes a 429/503 hold back all of them.
    Cancelling the awaiting task closes the connection, as the CancelToken does. An answer over
    max_answer_bytes is refused (AnswerTooLarge) before it is held. With busy_goes_elsewhere, a 503
    (starting, or a server shutting down) raises EndpointDown at once, so another endpoint takes it.
    """
    call = _Call(
        url,
        body,
        headers,
        name,
        timeout,
        max_start_wait,
        on_progress,
        cancel or CancelToken(),
        transport,
        pace or EndpointPace(),
        max_answer_bytes,
        busy_goes_elsewhere,
    )
    return await call.run()


class _Call:
    """The state of one request across its retries."""

    def __init__(
        self,
        url: str,
        body: dict[str, Any],
        headers: dict[str, str],
        name: str,
        timeout: float,
        max_start_wait: float,
        on_progress: ProgressCallback,
        cancel: CancelToken,
        transport: Any,
        pace: EndpointPace,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_MB << 20,
        busy_goes_elsewhere: bool = False,
    ) -> None:
        self.url, self.body, self.headers, self.name = url, body, headers, name
        self.timeout, self.max_start_wait = timeout, max_start_wait
        self.on_progress, self.cancel, self.transport = on_progress, cancel, transport
        self.waited = 0.0
        self.connect_failures = 0
        self.pace = pace
        self.max_answer_bytes, self.busy_goes_elsewhere = max_answer_bytes, busy_goes_elsewhere
        credential = headers.get("Authorization", "").partition(" ")[2]
        self.secrets = (credential,) if credential else ()

    async def run(self) -> object:
        import httpx2

        limits = httpx2.Timeout(self.timeout, connect=CONNECT_TIMEOUT)
        context = await tls_for(self.url)
        async with httpx2.AsyncClient(
            timeout=limits, transport=self.transport, follow_redirects=False, verify=context
        ) as client:
            backoff = BACKOFF_START
            while True:
                held, why = self.pace.wait_left()
                if held > 0:  # a request to this endpoint (this one or another) was told to wait
                    await self._wait(backoff, held, why)
                response = await self._send(client)
                if response is None:  # could not connect: nothing reached the endpoint
                    backoff = await self._wait(backoff, None, "unreachable")
                    continue
                code = response.status_code
                if code == 200:
                    # Parsing a large answer (tens of MB of base64) would stall the loop.
                    return await off_loop(functools.partial(self._decode, response))
                if code == 503 and self.busy_goes_elsewhere:  # nothing was generated: send it elsewhere
                    said = error_text(code, response.content, self.secrets)
                    raise EndpointDown(
                        f"{self.name} is unavailable (HTTP 503: {said}).",
                        "The job goes to another endpoint; retry later on this one.",
                        code,
                    )
                if code in (503, 429):
                    label = "starting" if code == 503 else "rate limited"
                    # At least POLL: a "Retry-After: 0" must not become a tight loop of requests.
                    delay = max(POLL, min(retry_after(response.headers, backoff), MAX_RETRY_AFTER))
                    self.pace.hold(delay, label)
                    backoff = min(backoff * 2, BACKOFF_MAX)
                    continue  # the wait is the pace's, at the top
                raise self._failure(response)

    async def _send(self, client: Any) -> Any:
        """Send once, reporting progress and watching cancel; None if the connection failed."""
        import httpx2

        started = time.monotonic()
        task = asyncio.ensure_future(self._exchange(client))
        last = 0.0
        try:
            while not task.done():
                elapsed = time.monotonic() - started
                if self.cancel.cancelled:
                    raise Cancelled()
                if elapsed > self.timeout:
                    raise EndpointTimeout(
                        f"No answer from {self.name} within {self.timeout:.0f} s. It may still be "
                        "generating; the request was not sent again, so no duplicate is queued.",
                        "Retry the job when the endpoint is idle, or raise the timeout.",
                    )
                if elapsed - last >= REPORT_EVERY or last == 0.0:
                    last = max(elapsed, 1e-9)
                    self.on_progress(
                        Progress(GENERATING, message=f"Generating remotely on {self.name} ({elapsed:.0f} s)")
                    )
                await asyncio.wait({task}, timeout=POLL)
            return task.result()
        except httpx2.ConnectError as exc:
            self.connect_failures += 1
            if self.connect_failures >= CONNECT_TRIES:
                raise EndpointDown(
                    f"Cannot reach {self.name}: {exc or type(exc).__name__}.",
                    "Check the endpoint URL and that the endpoint is running.",
                ) from None
            return None
        except httpx2.TimeoutException:
            raise EndpointTimeout(
                f"{self.name} stopped answering (timed out after {time.monotonic() - started:.0f} s). It may "
                "still be generating; the request was not sent again, so no duplicate is queued.",
                "Retry the job when the endpoint is idle, or raise the timeout.",
            ) from None
        except httpx2.HTTPError as exc:
            raise EndpointError(
                f"The connection to {self.name} broke ({type(exc).__name__}: {exc}). It may still be "
                "generating; the request was not sent again.",
                "Retry the job.",
            ) from None
        finally:
            if not task.done():
                task.cancel()  # closes the connection: the server sees the client leave
                await asyncio.gather(task, return_exceptions=True)

    async def _exchange(self, client: Any) -> Reply:
        """POST once and read the answer, up to the limit, before it is held in full."""
        request = client.build_request(
            "POST", self.url, content=json.dumps(self.body).encode("utf-8"), headers=self.headers
        )
        response = await client.send(request, stream=True)
        try:
            content = await read_capped(response, self.max_answer_bytes, self.name)
        finally:
            await response.aclose()
        return Reply(response.status_code, response.headers, content)

    async def _wait(self, backoff: float, delay: float | None, label: str) -> float:
        """Sleep (cancellably, with progress) before the next try; EndpointError past max_start_wait."""
        delay = min(backoff, BACKOFF_MAX) if delay is None else min(delay, MAX_RETRY_AFTER)
        if self.waited + delay > self.max_start_wait:
            hint = "Check the endpoint's state in the Inference Endpoints console, then retry."
            raise EndpointDown(f"{self.name} is still {label} after {self.waited:.0f} s of waiting.", hint)
        text = {
            "starting": f"Endpoint {self.name} starting",
            "rate limited": f"Rate limited by {self.name}",
            "unreachable": f"Cannot reach {self.name} yet",
        }[label]
        end = time.monotonic() + delay
        while True:
            if self.cancel.cancelled:
                raise Cancelled()
            left = max(0.0, end - time.monotonic())
            self.on_progress(
                Progress(LOADING, message=f"{text}: waited {self.waited:.0f} s, next try in {left:.0f} s")
            )
            if left <= 0:
                break
            await asyncio.sleep(min(POLL * 5, left))
        self.waited += delay
        return min(backoff * 2, BACKOFF_MAX)

    def _decode(self, response: Reply) -> object:
        try:
            return json.loads(response.content)
        except ValueError:
            # Redacted before it is cut to 80 characters, or half a token could stay.
            start = shorten(
                redact(response.content[:400].decode("utf-8", errors="replace"), self.secrets), 80
            )
            raise EndpointError(
                f"{self.name} answered with something that is not JSON ({start!r}).",
                "Check that the endpoint runs Storyreel's handler.",
            ) from None

    def _failure(self, response: Reply) -> EndpointError:
        code = response.status_code
        said = error_text(code, response.content, self.secrets)
        known = status_text(code, self.name, f"endpoint {self.name}")
        if known is not None and code in (401, 403, 404):  # no use retrying: nothing will change
            return EndpointDown(*known, code)
        if code == 400:
            return EndpointError(
                f"{self.name} refused the request: {said}",
                "Check the shot's settings against the endpoint's limits.",
                code,
            )
        return EndpointError(
            f"{self.name} failed with HTTP {code}: {said}. It may still be generating; "
            "the request was not sent again.",
            "Retry the job; if it fails again, check the endpoint's logs.",
            code,
        )


async def check_health_async(
    url: str, token: str | None = None, timeout: float = 10.0, transport: Any = None
) -> Health:
    """GET <url>/health once: whether it answers OK, and how long it took."""
    import httpx2

    base = url.rstrip("/")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    context = await tls_for(base)
    started = time.perf_counter()
    try:
        async with httpx2.AsyncClient(timeout=timeout, transport=transport, verify=context) as client:
            response = await client.get(base + "/health", headers=headers)
    except httpx2.HTTPError as exc:
        return Health(False, None, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    latency = time.perf_counter() - started
    code = response.status_code
    if code in STATUS_TEXTS:
        said = status_label(code)
    else:
        said = {200: "OK", 503: "starting (scaled to zero?)"}.get(
            code
        ) or f"HTTP {code}: {error_text(code, response.content, (token or '',))[:100]}"
    return Health(code == 200, code, latency, said)


def check_health(url: str, token: str | None = None, timeout: float = 10.0, transport: Any = None) -> Health:
    """check_health_async for callers without a loop (scripts, the CLI)."""
    return asyncio.run(check_health_async(url, token, timeout, transport))
