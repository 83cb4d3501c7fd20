"""A backend that generates takes with Hugging Face Inference Providers (e.g. fal-ai) and a token.

For people with a Hugging Face token but no endpoint of their own: huggingface_hub's
`InferenceClient(provider=...).text_to_video(...)` runs a public Wan 2.2 model on the provider,
billed to the token's account, and answers with MP4 bytes. The clip is written as it came, checked
to be a readable video, with its JSON sidecar, as remote takes are.

The client call blocks (the fal provider polls its queue every 0.5 s with no deadline of its own), so
it runs on a worker thread while this one reports progress and watches cancel and the timeout. On a
cancel or a timeout Storyreel stops waiting at once and writes nothing; the worker's next request is
refused (a hook on huggingface_hub's shared HTTP client, active only on these worker threads), so it
stops polling within about a second. The job may still run, and be billed, on the provider's side:
the client has no way to cancel it there.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from engine.backends.remote import write_received_clip
from engine.backends.review_hook import AfterTake
from engine.backends.take_record import TakeRecord, record_take, refuse_local_only
from engine.endpoint.client_limits import DEFAULT_TIMEOUT
from engine.endpoint.http_call import EndpointError, EndpointTimeout
from engine.endpoint.http_status import status_text
from engine.endpoint.hub_token import find_token
from engine.endpoint.redaction import redact, remember_secret
from engine.generation.model_source import ModelError
from engine.generation.request import GenerationRequest, GenerationResult, ModelSpec
from engine.progress import ENCODING, GENERATING, Cancelled, CancelToken, Progress, ProgressCallback
from engine.values import shorten

if TYPE_CHECKING:
    import httpx2
    from huggingface_hub.inference._providers import PROVIDER_OR_POLICY_T

log = logging.getLogger(__name__)

DEFAULT_PROVIDER = "fal-ai"
DEFAULT_PROVIDER_MODEL = "Wan-AI/Wan2.2-T2V-A14B"
TASK = "text-to-video"
POLL = 0.1  # seconds between checks of cancel and the timeout
REPORT_EVERY = 5.0  # seconds between "generating on <provider>" progress reports

LOGIN_HINT = (
    "Log in with `hf auth login`, set HF_TOKEN, or save a token in Preferences > Remote "
    "(it needs the permission to make calls to Inference Providers)."
)


class ProviderError(EndpointError):
    """An Inference Providers job that failed; the message is for people, the hint says what to try."""


class ProviderTimeout(ProviderError, EndpointTimeout):
    """The provider did not finish within the timeout; the job may still run (and be billed) there."""


class _Abandoned(Exception):
    """Raised on a worker thread's next request once nobody waits for its answer any more."""


# Worker thread id -> set once its job is cancelled or timed out. Only threads listed here are
# affected by the hooks below; every other use of huggingface_hub's shared client is untouched.
_workers: dict[int, threading.Event] = {}


def _refuse_abandoned(request: httpx2.Request) -> None:
    """Request hook: stop an abandoned worker before it sends another status poll or download."""
    stop = _workers.get(threading.get_ident())
    if stop is not None and stop.is_set():
        raise _Abandoned("nobody is waiting for this job any more")


def _raise_for_status(response: httpx2.Response) -> None:
    """Response hook: on a worker, every error status raises (the fal helper ignores it on the
    result and video downloads, which would lose the provider's message behind a KeyError)."""
    if response.status_code >= 400 and threading.get_ident() in _workers:
        from huggingface_hub.utils import hf_raise_for_status

        response.read()
        hf_raise_for_status(response)


def _hook_shared_client() -> None:
    """Add the two hooks to huggingface_hub's shared HTTP client (once per client)."""
    from huggingface_hub.utils import get_session

    hooks = get_session().event_hooks
    if _refuse_abandoned not in hooks["request"]:
        hooks["request"].append(_refuse_abandoned)
    if _raise_for_status not in hooks["response"]:
        hooks["response"].append(_raise_for_status)


def provider_extras(provider: str, request: GenerationRequest) -> dict[str, Any]:
    """Provider-specific parameters (InferenceClient's extra_body) for what text_to_video lacks.

    fal-ai's Wan 2.2 takes a resolution preset and an aspect ratio rather than a pixel size, and
    frames_per_second; the nearest are asked for and the take records what really came back.
    """
    if provider != "fal-ai":
        return {}
    short = min(request.width, request.height)
    resolution = "480p" if short <= 480 else "580p" if short <= 580 else "720p"
    ratio = request.width / request.height
    aspect = min((("16:9", 16 / 9), ("9:16", 9 / 16), ("1:1", 1.0)), key=lambda item: abs(item[1] - ratio))[0]
    extras = {"frames_per_second": request.fps, "resolution": resolution, "aspect_ratio": aspect}
    if request.guidance_scale_2 is not None:
        extras["guidance_scale_2"] = request.guidance_scale_2
    return extras


def _server_text(response: httpx2.Response) -> str:
    """The error text a provider or the router sent: JSON error/detail/message fields, else plain text."""
    try:
        try:
            response.read()
        except Exception:  # an already-closed stream: use what was read
            pass
        data = response.json()
    except Exception:
        data = None
    parts: list[str] = []
    if isinstance(data, dict):
        for key in ("error", "detail", "message"):
            value = data.get(key)
            if isinstance(value, dict):
                value = value.get("message") or value.get("detail")
            if isinstance(value, list):  # e.g. fal's validation errors: [{"loc": [...], "msg": "..."}]
                for item in value:
                    if isinstance(item, dict) and item.get("msg"):
                        loc = [str(x) for x in item.get("loc") or () if x != "body"]
                        parts.append(f"{'.'.join(loc)}: {item['msg']}" if loc else str(item["msg"]))
                    elif isinstance(item, str):
                        parts.append(item)
            elif isinstance(value, str) and value.strip():
                parts.append(value.strip())
    if not parts and data is None:
        try:
            text = response.text.strip()
        except Exception:
            text = ""
        if text and "html" not in response.headers.get("content-type", "").lower():
            parts.append(text)
    text = redact("; ".join(dict.fromkeys(parts)))  # a provider or proxy may echo the token
    return shorten(text)


class ProviderBackend:
    """Generates each take on an Inference Provider through huggingface_hub's InferenceClient."""

    def __init__(
        self,
        provider: str = DEFAULT_PROVIDER,
        model: str = DEFAULT_PROVIDER_MODEL,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        extra_body: dict[str, Any] | None = None,
    ) -> None:
        if timeout <= 0:
            raise ValueError("The provider timeout must be positive.")
        self.provider = provider
        self.model = model
        self.timeout = timeout
        self.name = provider
        self.extra_body = dict(extra_body or {})  # over provider_extras(); a None value drops a key
        self._token = token  # None: looked up (keyring, HF_TOKEN, hf login) when a job starts
        self._running: set[threading.Event] = set()
        # Scores each take once written, as the local backend does (engine/backends/review_hook).
        self.after_take: AfterTake | None = None

    def __repr__(self) -> str:  # never shows the token
        return f"ProviderBackend({self.provider!r}, model={self.model!r})"

    @property
    def backend(self) -> str:
        """What takes record as their backend."""
        return f"provider:{self.provider}"

    def _api_key(self, error: type[Exception] = ModelError) -> str:
        token = self._token or find_token()[0]
        remember_secret(token)
        if not token:
            message = f"Generating on {self.provider} needs a Hugging Face token, and none is set. "
            if error is ModelError:
                raise ModelError(message + LOGIN_HINT)
            raise ProviderError(message.strip(), LOGIN_HINT)
        return token

    def preflight(self, model: ModelSpec) -> None:
        """Check that a token is there and the provider runs text-to-video (nothing is sent)."""
        self._api_key()
        from huggingface_hub.inference._providers import get_provider_helper

        try:
            get_provider_helper(_provider_name(self.provider), task=TASK, model=self.model)
        except ValueError as exc:
            raise ModelError(f"{self.provider} cannot generate videos with huggingface_hub: {exc}") from None

    def run(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """Generate on the provider, wait (cancellably), then write the clip and sidecar atomically."""
        refuse_local_only(request, "Inference Providers", ProviderError)
        if request.references is not None:  # text_to_video has no place for them: never drop them quietly
            raise ProviderError(
                f"{self.provider} makes video from text only; this shot names cast members or pins "
                "keyframes, which need the reference model.",
                "Generate this shot locally, or on a Storyreel endpoint (serve, farm or an Inference "
                "Endpoint) that serves the reference model.",
            )
        if request.control is not None:  # nor given frames: a control clip, a take to repaint or extend
            raise ProviderError(
                f"{self.provider} makes video from text only; this take follows a control clip, or repaints "
                "or extends a take, which needs the reference model.",
                "Generate it locally, or on a Storyreel endpoint (serve, farm or an Inference Endpoint) that "
                "serves the reference model.",
            )
        token = self._api_key(ProviderError)
        cancel.check()
        started = time.perf_counter()
        video = self._generate(request, token, on_progress, cancel, started)
        on_progress(Progress(ENCODING, message=f"Writing the clip from {self.provider}"))
        info = write_received_clip(
            video,
            clip_path,
            self.provider,
            error=ProviderError,
            hint=f"Retry the job; if it fails again, try another provider than "
            f"{self.provider} or another model.",
        )
        applied = dataclasses.replace(
            request, width=info.width, height=info.height, num_frames=info.frame_count, fps=round(info.fps)
        )
        notices = self._notices(request, applied)
        for notice in notices:
            on_progress(Progress(ENCODING, message=notice))
        seconds = time.perf_counter() - started
        result = GenerationResult(
            frames=None,
            applied=applied,
            model_revision=None,
            device="",
            dtype="",
            seconds=seconds,
            notices=tuple(notices),
        )
        # The keys stay those of every take (the project's Take fields); the model is the provider's.
        record = record_take(clip_path, request, result, self.backend, seconds, model=self.model)
        log.info("Take from %s (%s) written to %s", self.provider, self.model, clip_path)
        return record if self.after_take is None else self.after_take(record, request)

    def _notices(self, request: GenerationRequest, applied: GenerationRequest) -> list[str]:
        asked = (request.width, request.height, request.num_frames, request.fps)
        got = (applied.width, applied.height, applied.num_frames, applied.fps)
        if asked == got:
            return []
        return [
            f"{self.provider} made {got[0]}×{got[1]}, {got[2]} frames at {got[3]} fps "
            f"(asked for {asked[0]}×{asked[1]}, {asked[2]} frames at {asked[3]} fps)"
        ]

    def _generate(
        self,
        request: GenerationRequest,
        token: str,
        on_progress: ProgressCallback,
        cancel: CancelToken,
        started: float,
    ) -> bytes:
        """Run the blocking client call on a worker thread; wait for it, cancellably, within the timeout."""
        from huggingface_hub import InferenceClient

        client = InferenceClient(provider=_provider_name(self.provider), api_key=token, timeout=self.timeout)
        extra = {**provider_extras(self.provider, request), **self.extra_body}
        stop, done = threading.Event(), threading.Event()
        outcome: dict[str, Any] = {}

        def work() -> None:
            _workers[threading.get_ident()] = stop
            try:
                outcome["video"] = client.text_to_video(
                    request.prompt,
                    model=self.model,
                    negative_prompt=request.negative_prompt or None,  # type: ignore[arg-type]  # Wan takes one str; the hint says list[str]
                    num_frames=request.num_frames,
                    num_inference_steps=request.num_inference_steps,
                    guidance_scale=request.guidance_scale,
                    seed=request.seed,
                    extra_body=extra or None,
                )
            except BaseException as exc:  # handed to the waiting thread
                outcome["error"] = exc
            finally:
                _workers.pop(threading.get_ident(), None)
                done.set()

        _hook_shared_client()
        self._running.add(stop)
        thread = threading.Thread(target=work, name=f"storyreel-provider-{self.provider}", daemon=True)
        try:
            thread.start()
            next_report = 0.0
            while not done.wait(POLL):
                elapsed = time.perf_counter() - started
                if cancel.cancelled:
                    stop.set()
                    log.info(
                        "Stopped waiting for %s: cancelled (the provider may still finish the job)",
                        self.provider,
                    )
                    raise Cancelled()
                if elapsed > self.timeout:
                    stop.set()
                    raise ProviderTimeout(
                        f"{self.provider} did not finish within {self.timeout:.0f} s; the job was not sent again.",
                        "The provider may still finish (and bill) it. Retry later, or allow more time "
                        "with --remote-timeout.",
                    )
                if elapsed >= next_report:
                    on_progress(
                        Progress(GENERATING, message=f"Generating on {self.provider} ({elapsed:.0f} s)")
                    )
                    next_report += REPORT_EVERY
        finally:
            self._running.discard(stop)
        cancel.check()  # a cancel that came as the answer did: nothing is written
        if "error" in outcome:
            raise self._describe(outcome["error"]) from None
        video = outcome.get("video")
        if not isinstance(video, bytes | bytearray) or not video:
            raise ProviderError(f"{self.provider} answered, but not with a video.")
        return bytes(video)

    def _describe(self, exc: BaseException) -> BaseException:
        """A clear ProviderError (or ModelError) for what the client raised; never shows the token."""
        import httpx2
        from huggingface_hub.errors import HfHubHTTPError, InferenceTimeoutError, OfflineModeIsEnabled

        p = self.provider
        if isinstance(exc, _Abandoned):  # the backend was closed while the job ran
            return Cancelled()
        if isinstance(exc, HfHubHTTPError) and getattr(exc, "response", None) is not None:
            response = exc.response
            status = response.status_code
            host = urlsplit(str(response.url)).hostname or p
            text = _server_text(response)
            said = f": {text}" if text else ""
            known = status_text(status, p, f"{self.model} on {p}", text)
            if known is not None and status in (401, 402, 403, 429):  # 404s are worded by where below
                return ProviderError(*known, status=status)
            if status == 404 and host.endswith("huggingface.co") and "/api/models/" in str(response.url):
                return ModelError(f"No model {self.model} on the Hugging Face Hub (HTTP 404).")
            if 400 <= status < 500 and response.request.method == "POST":
                return ProviderError(
                    f"{p} refused the job (HTTP {status} from {host}){said or '.'}",
                    "Check the shot's settings (frames, size, steps) against what the model "
                    "on this provider accepts.",
                    status=status,
                )
            if 400 <= status < 500:  # the job's status, its result or the video download
                return ProviderError(
                    f"{p} failed (HTTP {status} from {host}){said or '.'}",
                    "Retry the job; if it fails again, check the shot's settings against "
                    "what the model on this provider accepts.",
                    status=status,
                )
            return ProviderError(
                f"{p} failed (HTTP {status} from {host}){said or '.'}",
                "Retry the job later; the job was not sent again.",
                status=status,
            )
        if isinstance(exc, OfflineModeIsEnabled):
            return ProviderError(
                f"Cannot reach {p}: huggingface_hub's offline mode is on.",
                "Unset HF_HUB_OFFLINE to generate on Inference Providers.",
            )
        if isinstance(exc, InferenceTimeoutError | httpx2.TimeoutException):
            return ProviderTimeout(
                f"{p} did not answer in time; the job was not sent again.",
                "Retry later; the provider may be busy.",
            )
        if isinstance(exc, httpx2.TransportError):
            host = (urlsplit(str(exc.request.url)).hostname or p) if _has_request(exc) else p
            return ProviderError(
                f"Cannot reach {host} ({type(exc).__name__}).",
                "Check the internet connection, then retry the job.",
            )
        text = str(exc)
        if (
            isinstance(exc, ValueError)
            and not isinstance(exc, json.JSONDecodeError)
            and ("not supported" in text or "provider mapping" in text)
        ):  # the client's own checks
            return ProviderError(
                f"{self.model} cannot run on {p}: {text}",
                "Pick a model this provider serves for text-to-video (the model's page on "
                "the Hub lists its Inference Providers), or another provider.",
            )
        if isinstance(exc, KeyError | TypeError | ValueError):  # a result without the expected video
            return ProviderError(
                redact(f"{p} answered, but not with a video ({type(exc).__name__}: {exc})."),
                f"Retry the job; if it fails again, try another provider than {p}.",
            )
        return exc

    def close(self) -> None:
        """Stop waiting on any job still running; nothing else is held between jobs."""
        for stop in list(self._running):
            stop.set()


def _provider_name(provider: str) -> PROVIDER_OR_POLICY_T:
    """The provider as huggingface_hub's type for it."""
    # Any name is passed on: the client checks it against its own list and says which it knows.
    return cast("PROVIDER_OR_POLICY_T", provider)


def _has_request(exc: httpx2.HTTPError) -> bool:
    try:
        return exc.request is not None
    except RuntimeError:  # httpx raises when no request is attached
        return False
