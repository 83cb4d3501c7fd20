"""What the provider backend tests share: a loopback stand-in for the Hub and fal-ai behind the real
InferenceClient.

Nothing in huggingface_hub is replaced: its shared HTTP client gets a transport that sends the hosts
it calls (huggingface.co for the model's provider mapping, router.huggingface.co for fal's queue,
v3.fal.media for the video) to one loopback server, which answers as those hosts do, and refuses
every other host. The URLs, headers, queue polling and downloads are the client's own.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx2
from remote_support import REQUEST
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from engine.progress import CancelToken

TOKEN = "hf_testSECRETtoken1234"
MODEL = "Wan-AI/Wan2.2-T2V-A14B"
FAL_APP = "fal-ai/wan/v2.2-a14b/text-to-video"  # the model's id on fal's side
HOSTS = ("huggingface.co", "router.huggingface.co", "v3.fal.media")
VIDEO_URL = "https://v3.fal.media/files/lion/abc123_output.mp4"


class FalStandIn:
    """The Hub's model API, the router's fal-ai queue and fal's media host, with scripted faults.

    fault: None (works), "401", "402", "429", "echo", "submit-400", "result-422", "broken-video", "video-404" or "hang"
    (the job never completes). Every request is recorded as (host, method, path, query, headers, body).
    """

    def __init__(self, clip_bytes: bytes, fault: str | None = None) -> None:
        self.clip, self.fault, self.seen = clip_bytes, fault, []

        async def handle(request: Request):
            host, path = request.url.hostname, request.url.path
            body = await request.body()
            self.seen.append(
                {
                    "host": host,
                    "method": request.method,
                    "path": path,
                    "query": dict(request.query_params),
                    "headers": dict(request.headers),
                    "body": json.loads(body) if body else None,
                }
            )
            if host == "huggingface.co" and path == f"/api/models/{MODEL}":
                return JSONResponse(
                    {
                        "_id": "1",
                        "id": MODEL,
                        "inferenceProviderMapping": {
                            "fal-ai": {"status": "live", "providerId": FAL_APP, "task": "text-to-video"}
                        },
                    }
                )
            if host == "v3.fal.media":
                if self.fault == "video-404":
                    return Response("Not Found", 404, media_type="text/plain")
                data = b"\x00\x00\x00 ftypisom broken" if self.fault == "broken-video" else self.clip
                return Response(data, media_type="video/mp4")
            if host != "router.huggingface.co" or request.query_params.get("_subdomain") != "queue":
                return JSONResponse({"error": "no such route"}, 404)
            if request.headers.get("authorization") != f"Bearer {TOKEN}" or self.fault == "401":
                return JSONResponse({"error": "Invalid credentials in Authorization header"}, 401)
            request_id = "req-1"
            queue_url = f"https://queue.fal.run/fal-ai/wan/requests/{request_id}"
            if request.method == "POST" and path == f"/fal-ai/{FAL_APP}":
                if self.fault in ("402", "429"):
                    return JSONResponse(
                        {"error": "You have exceeded your monthly included credits"}, int(self.fault)
                    )
                if self.fault == "echo":  # a proxy that repeats what it was sent
                    said = request.headers.get("authorization")
                    return JSONResponse({"error": f"bad request with Authorization: {said}"}, 400)
                if self.fault == "submit-400":
                    return JSONResponse(
                        {"error": "Prompt exceeds the maximum length of 1000 characters"}, 400
                    )
                return JSONResponse(
                    {
                        "request_id": request_id,
                        "status": "IN_QUEUE",
                        "queue_position": 0,
                        "response_url": queue_url,
                        "status_url": f"{queue_url}/status",
                        "cancel_url": f"{queue_url}/cancel",
                    }
                )
            # The client builds these from response_url's path, behind the router's /fal-ai prefix.
            if path == f"/fal-ai/fal-ai/wan/requests/{request_id}/status":
                polls = sum(1 for s in self.seen if s["path"].endswith("/status"))
                done = self.fault != "hang" and polls >= 2
                return JSONResponse({"status": "COMPLETED" if done else "IN_PROGRESS"})
            if path == f"/fal-ai/fal-ai/wan/requests/{request_id}":
                if self.fault == "result-422":
                    return JSONResponse(
                        {
                            "detail": [
                                {
                                    "loc": ["body", "num_frames"],
                                    "type": "value_error",
                                    "msg": "Input should be greater than or equal to 17",
                                }
                            ]
                        },
                        422,
                    )
                return JSONResponse({"video": {"url": VIDEO_URL, "content_type": "video/mp4"}, "seed": 7})
            return JSONResponse({"error": "no such route"}, 404)

        self.app = Starlette(routes=[Route("/{path:path}", handle, methods=["GET", "POST"])])

    def calls(self, host: str) -> list[dict]:
        """The requests seen for one host, in order."""
        return [s for s in self.seen if s["host"] == host]


class LoopbackTransport(httpx2.BaseTransport):
    """Sends the stand-in's hosts to the loopback server (plain HTTP); any other host is unreachable."""

    def __init__(self, port: int) -> None:
        self.port, self.inner = port, httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.host not in HOSTS:
            raise httpx2.ConnectError(f"no network in tests ({request.url.host})", request=request)
        # A copy: the client keeps the original request (and URL) on the response, as with real hosts.
        local = httpx2.Request(
            request.method,
            request.url.copy_with(scheme="http", host="127.0.0.1", port=self.port),
            headers=request.headers,
            stream=request.stream,
        )  # Host: the original host
        return self.inner.handle_request(local)

    def close(self) -> None:
        self.inner.close()


def run(backend, path: Path, messages: list | None = None, cancel: CancelToken | None = None):
    """backend.run on REQUEST, its progress collected in messages where given."""
    return backend.run(
        REQUEST, path, lambda p: messages.append(p) if messages is not None else None, cancel or CancelToken()
    )


def wait_for_workers_to_end(limit: float = 3.0) -> bool:
    """Whether every provider worker thread has ended within limit seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not any(t.name.startswith("storyreel-provider-") for t in threading.enumerate()):
            return True
        time.sleep(0.05)
    return False
