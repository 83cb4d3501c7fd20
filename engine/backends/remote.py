"""A backend that generates takes on an Inference Endpoint (or `main.py serve`) over HTTPS."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from pathlib import Path
from typing import Any

from engine.backends.endpoint_group import EndpointGroup
from engine.backends.review_hook import AfterTake
from engine.backends.take_record import TakeRecord, record_take, refuse_local_only, sidecar_path
from engine.endpoint.answer_check import check_answer
from engine.endpoint.client_limits import (
    DEFAULT_MAX_ANSWER_MB,
    DEFAULT_SCALE_UP_TIMEOUT,
    DEFAULT_TIMEOUT,
    MAX_IN_FLIGHT,
)
from engine.endpoint.http_call import (
    EndpointDown,
    EndpointError,
    EndpointPace,
    post_json,
)
from engine.endpoint.off_loop import off_loop
from engine.endpoint.protocol import EndpointAnswer, MalformedAnswer, parse_answer, request_body
from engine.endpoint.redaction import redact, remember_secret, shown
from engine.endpoint.urls import check_token_transport, clean_url, public_url, short_name
from engine.endpoint.wire_stills import references_used
from engine.generation.request import (
    ControlConditioning,
    GenerationRequest,
    GenerationResult,
    ModelSpec,
    Segments,
)
from engine.progress import ENCODING, LOADING, CancelToken, Progress, ProgressCallback
from engine.storage.atomic_file import atomic_path
from engine.values import is_json_int
from engine.video.video_io import ClipInfo

log = logging.getLogger(__name__)

CLIP_FACTS = ("num_frames", "width", "height", "fps")  # an unreported one is read from the clip itself


def clip_facts(info: ClipInfo) -> dict[str, int]:
    """A clip's length, size and rate (read with PyAV), under the answer's names."""
    return {
        "num_frames": info.frame_count,
        "width": info.width,
        "height": info.height,
        "fps": round(info.fps),
    }


def write_received_clip(
    video: bytes,
    clip_path: Path,
    source: str,
    reported: dict[str, int] | None = None,
    hint: str = "Retry the job; if it fails again, check the endpoint's logs.",
    error: type[EndpointError] = EndpointError,
) -> ClipInfo:
    """Write an MP4 as it was received (no re-encode), atomically, once it probes as a readable video.

    source names the sender in messages; a clip whose length, size or rate differs from `reported`
    (CLIP_FACTS names) is refused too. On any error nothing is left at clip_path (`error`, with `hint`).
    """
    from engine.video.video_io import VideoError, probe

    # A take never replaces a file it did not write (FileExistsError).
    with atomic_path(clip_path, replace=False) as tmp:
        tmp.write_bytes(video)
        try:
            info = probe(tmp)
        except VideoError as exc:
            raise error(f"{source} answered with a video that cannot be read: {exc}", hint) from None
        real = clip_facts(info)
        wrong = {k: v for k, v in (reported or {}).items() if real[k] != v}
        if wrong:
            said = ", ".join(f"{k} {v}" for k, v in wrong.items())
            found = ", ".join(f"{k} {real[k]}" for k in wrong)
            raise error(f"{source} reported {said}, but the clip it sent has {found}.", hint)
    return info


def write_joined_clip(
    video: bytes, control: ControlConditioning, clip_path: Path, source: str, reported: dict[str, int]
) -> ClipInfo:
    """An extension made elsewhere: the received clip (the known frames and the new ones), checked as
    write_received_clip checks it, joined here to the take it extends and written losslessly as the take."""
    from engine.generation.direction_inputs import given_pngs, joined_take
    from engine.video.video_io import probe, read_frames, write_clip

    received = clip_path.with_name(f".{clip_path.stem}.received.mp4")
    try:
        info = write_received_clip(video, received, source, reported)
        made = joined_take(read_frames(received), control, len(given_pngs(control)))
        write_clip(made, round(info.fps), clip_path, replace=False)
    finally:
        received.unlink(missing_ok=True)
    return probe(clip_path)


def with_clip_facts(answer: EndpointAnswer, info: ClipInfo) -> EndpointAnswer:
    """The answer with the size, length and rate it did not report replaced by the clip's own."""
    missing = {k: v for k, v in clip_facts(info).items() if k in answer.unreported}
    return dataclasses.replace(answer, parameters={**answer.parameters, **missing}) if missing else answer


class RemoteBackend:
    """Sends each request to one endpoint URL and writes the clip it answers with as the take."""

    def __init__(
        self,
        url: str,
        token: str | None = None,
        name: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        scale_up_timeout: int = DEFAULT_SCALE_UP_TIMEOUT,
        max_start_wait: float | None = None,
        group: EndpointGroup[RemoteBackend] | None = None,
        in_flight: int = 1,
        max_answer_mb: int = DEFAULT_MAX_ANSWER_MB,
    ) -> None:
        self.url = clean_url(url)
        self.name = name or short_name(self.url)
        self.timeout = timeout
        self.scale_up_timeout = scale_up_timeout
        # How long 503s ("starting") and 429s are waited out before the job fails.
        self.max_start_wait = scale_up_timeout + 300 if max_start_wait is None else max_start_wait
        self._token = token
        remember_secret(token)  # whatever a server echoes is cleaned of it (engine/endpoint/redaction)
        if max_answer_mb < 1:
            raise ValueError(f"the largest answer must be at least 1 MB, not {max_answer_mb}")
        self.max_answer_bytes = max_answer_mb << 20
        self.group = group
        if not 1 <= in_flight <= MAX_IN_FLIGHT:
            raise ValueError(f"requests in flight must be 1 to {MAX_IN_FLIGHT}, not {in_flight}")
        # The job queue keeps this many of its requests in flight (tasks on one loop): one per replica.
        self.slots = in_flight
        self.pace = EndpointPace()  # a 429/503 to one request holds back all of this endpoint's
        # Scores each take once written, as the local backend does (engine/backends/review_hook).
        self.after_take: AfterTake | None = None
        if group is not None:
            group.join(self)

    def __repr__(self) -> str:  # never shows the token
        return f"RemoteBackend({public_url(self.url)!r}, name={self.name!r}, in_flight={self.slots})"

    @property
    def endpoint(self) -> str:
        """The URL as recorded in takes and shown to people (no credentials)."""
        return public_url(self.url)

    def headers(self) -> dict[str, str]:
        """What every request carries: JSON both ways, the scale-up wait, and the bearer token."""
        from engine.generation.versions import software_versions

        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-Scale-Up-Timeout": str(int(self.scale_up_timeout)),
            "User-Agent": f"storyreel/{software_versions().get('storyreel', 'dev')}",
        }
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def preflight(self, model: ModelSpec) -> None:
        """Check the address and that the token may travel to it (no request is sent)."""
        if self._token:
            check_token_transport(self.url)

    def run(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """run_async for callers without a loop (scripts, tests): one request on its own loop."""
        return asyncio.run(self.run_async(request, clip_path, on_progress, cancel))

    async def run_async(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """Generate here; if this endpoint is down (nothing generated), on a healthy one of its group."""
        group = self.group
        if group is not None and group.is_down(self):
            peer = group.healthy_peer(self)
            if peer is not None:
                on_progress(Progress(LOADING, message=f"{self.name} is down; sending to {peer.name}"))
                return await peer.run_here(request, clip_path, on_progress, cancel)
        try:
            record = await self.run_here(request, clip_path, on_progress, cancel)
        except EndpointDown as exc:
            peer = None
            if group is not None:
                group.mark_down(self)
                peer = group.healthy_peer(self)
            if peer is None:
                raise
            log.warning("%s is down (%s); sending the job to %s", self.name, exc, peer.name)
            on_progress(Progress(LOADING, message=f"{self.name} is down ({exc}); sending to {peer.name}"))
            return await peer.run_here(request, clip_path, on_progress, cancel)
        if group is not None:
            group.mark_up(self)
        return record

    async def run_here(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """Send the request to this endpoint, wait (cancellably), write the clip and sidecar atomically."""
        refuse_local_only(request, "remote endpoints")
        self.preflight(request.model)
        started = time.perf_counter()
        body = request_body(request)
        headers = await asyncio.to_thread(self.headers)  # the first reads package versions from disk
        doc = await post_json(
            self.url,
            body,
            headers,
            name=self.name,
            timeout=self.timeout,
            max_start_wait=self.max_start_wait,
            on_progress=on_progress,
            cancel=cancel,
            pace=self.pace,
            max_answer_bytes=self.max_answer_bytes,
            busy_goes_elsewhere=group_has_peer(self),
        )
        cancel.check()
        on_progress(Progress(ENCODING, message=f"Writing the clip from {self.name}"))
        # base64 and PyAV work on a large clip would stall the loop (the window's, N requests').
        written = [clip_path, sidecar_path(clip_path)]
        record = await off_loop(lambda: self._write_take(request, doc, body, clip_path, started), written)
        after_take = self.after_take
        if after_take is None:
            return record
        # Scored on a worker thread as a local take is; one at a time per loop bounds the models' memory.
        return await off_loop(lambda: after_take(record, request), written)

    def _write_take(
        self, request: GenerationRequest, doc: object, body: dict[str, Any], clip_path: Path, started: float
    ) -> TakeRecord:
        """Check the answer, write its clip as received and the take's sidecar (on a worker thread)."""
        try:
            answer = parse_answer(doc, body["parameters"])
        except MalformedAnswer as exc:
            raise EndpointError(
                redact(f"{self.name} answered, but not with a take: {exc}.", [self._token]),
                "Check that the endpoint runs a text-to-video handler that answers with a base64 MP4.",
            ) from None
        check_answer(answer, self.name, [self._token])  # before anything is written
        expected = references_used(request.references)
        if expected is not None and answer.extra.get("references") != expected:
            # Another handler (or an older Storyreel) may take the prompt and drop what it does not know.
            raise EndpointError(
                f"{self.name} answered without reporting the shot's cast references and keyframes "
                f"(it reported {shown(answer.extra.get('references'))}), so the take may lack them; it was not kept.",
                "Use an endpoint that runs Storyreel's handler (serve, farm or main.py package-endpoint) "
                "with the reference model.",
            )
        # Reported length, size and rate are checked against the clip; unreported ones are read from it.
        p = answer.parameters
        reported = {k: int(p[k]) for k in CLIP_FACTS if k not in answer.unreported}
        control = request.control
        if control is not None and control.extends is not None:  # sent as known frames, joined here
            info = write_joined_clip(answer.video, control, clip_path, self.name, reported)
            answer = dataclasses.replace(answer, parameters={**answer.parameters, **clip_facts(info)})
        else:
            info = write_received_clip(answer.video, clip_path, self.name, reported)
            answer = with_clip_facts(answer, info)
        record = self._record(request, answer, clip_path, time.perf_counter() - started)
        log.info("Take from %s written to %s", self.endpoint, clip_path)
        return record

    def _record(
        self, request: GenerationRequest, answer: EndpointAnswer, clip: Path, seconds: float
    ) -> TakeRecord:
        """The take's record, as a local take's, with the endpoint as its backend and what it reported."""
        p, extra = answer.parameters, answer.extra
        applied = dataclasses.replace(
            request,
            seed=answer.seed,
            num_frames=int(p["num_frames"]),
            width=int(p["width"]),
            height=int(p["height"]),
            fps=int(p["fps"]),
            num_inference_steps=int(p["num_inference_steps"]),
            guidance_scale=float(p["guidance_scale"]),
            guidance_scale_2=None if p.get("guidance_scale_2") is None else float(p["guidance_scale_2"]),
            negative_prompt=str(p.get("negative_prompt", request.negative_prompt)),
        )
        result = GenerationResult(
            frames=None,
            applied=applied,
            model_revision=_clean(extra.get("model_revision")),
            device=_clean(extra.get("device")) or "",
            dtype=_clean(extra.get("dtype")) or "",
            seconds=seconds,
            segments=_segments(extra.get("segments")),
        )
        model, versions = extra.get("model"), extra.get("versions")
        return record_take(
            clip,
            request,
            result,
            backend=self.endpoint,
            seconds=seconds,
            model=_clean(model) if isinstance(model, str) else None,
            versions=(
                {str(_clean(k)): str(_clean(v)) for k, v in versions.items()}
                if isinstance(versions, dict)
                else None
            ),
            # Which settings the endpoint did not report, and where the take's record took them from.
            settings_not_reported={
                name: "clip" if name in CLIP_FACTS else "request" for name in answer.unreported
            },
        )

    def close(self) -> None:
        """Nothing is held between jobs: each request has its own connection."""


def _clean(value: object) -> str | None:
    """A text the endpoint reported, as saved in the take: without our tokens or hf_… shapes."""
    return None if value is None else redact(str(value))


def group_has_peer(backend: RemoteBackend) -> bool:
    """Whether a busy answer (503) should go to another endpoint of the group rather than wait."""
    return backend.group is not None and backend.group.healthy_peer(backend, take_turn=False) is not None


def _segments(value: object) -> Segments | None:
    """A long shot's segments as the endpoint reported them, if it sent whole numbers."""
    if not isinstance(value, dict):
        return None
    numbers = [value.get(k) for k in ("count", "length", "overlap")]
    whole = [v for v in numbers if is_json_int(v) and 0 <= v <= 100_000]
    if len(whole) != len(numbers):
        return None
    count, length, overlap = whole
    return Segments(count=count, length=length, overlap=overlap)
