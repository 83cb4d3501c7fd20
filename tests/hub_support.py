"""A loopback stand-in for the Hub routes that managing an Inference Endpoint uses.

huggingface_hub is pointed at it through its own configuration (`constants.ENDPOINT` for the Hub API,
`constants.INFERENCE_ENDPOINTS_ENDPOINT` for the Endpoints API), so the URLs, payloads, headers and
polling are the library's own. Endpoint states move on with time as the real service's do:
pending -> initializing -> running, and `.wait()` polls through them for real.
"""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import dataclass

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from app.serve.server import ServerThread

TOKEN = "hf_hubSECRETtoken9876"
USER = "studio"
COMMIT = "0123456789abcdef0123456789abcdef01234567"

# fault -> the states an endpoint goes through after create or resume, one per status poll (not per
# second: on a loaded machine the create call alone could outlast a timed state, and no poll saw it)
SCRIPTS = {
    None: ["pending", "initializing", "running"],
    "fail": ["pending", "initializing", "failed"],
    "stuck": ["pending", "initializing"],  # never gets further
}


@dataclass
class FakeEndpoint:
    """One endpoint as the service keeps it."""

    name: str
    namespace: str
    body: dict
    states: list[str]
    polls: int = 0  # status reads since create or the last move

    def state(self) -> str:
        return self.states[min(self.polls, len(self.states) - 1)]

    def move(self, states: list[str]) -> None:
        self.states, self.polls = states, 0


class HubStandIn:
    """The Hub API (whoami, repo create, preupload, commit) and the Endpoints API, with faults.

    fault: None, "401" (every call refused), "hang" (the Endpoints API never answers),
    "garbage" (endpoint answers without the fields an endpoint has), or an endpoint script in SCRIPTS.
    """

    def __init__(self, fault: str | None = None) -> None:
        self.fault = fault
        self.seen: list[dict] = []
        self.repos: dict[str, dict] = {}
        self.files: dict[str, dict[str, bytes]] = {}
        self.endpoints: dict[str, FakeEndpoint] = {}
        self.base = ""
        self.app = Starlette(routes=[Route("/{path:path}", self.handle, methods=["GET", "POST", "DELETE"])])

    def calls(self, method: str, suffix: str) -> list[dict]:
        return [s for s in self.seen if s["method"] == method and s["path"].endswith(suffix)]

    def add_endpoint(self, name: str, state: str, namespace: str = USER) -> FakeEndpoint:
        """An endpoint that already exists, in a steady state."""
        body = {"model": {"repository": f"{namespace}/{name}", "revision": COMMIT}, "compute": {}}
        self.endpoints[name] = FakeEndpoint(name, namespace, body, [state])
        return self.endpoints[name]

    def raw(self, ep: FakeEndpoint) -> dict:
        state = ep.state()
        compute = ep.body.get("compute", {})
        url = f"{self.base}/ep/{ep.name}" if state in ("running", "scaledToZero") else None
        message = "Endpoint failed to start: handler raised ImportError" if state == "failed" else ""
        return {
            "name": ep.name,
            "type": ep.body.get("type", "authenticated"),
            "accountId": None,
            "provider": ep.body.get("provider", {"vendor": "aws", "region": "us-east-1"}),
            "compute": compute,
            "model": {
                **ep.body["model"],
                "framework": "custom",
                "task": "custom",
                "image": {"huggingface": {}},
            },
            "healthRoute": "/health",
            "status": {
                "createdAt": "2026-12-01T12:00:00.000Z",
                "updatedAt": "2026-12-01T12:00:01.000Z",
                "createdBy": {"id": "1", "name": ep.namespace},
                "updatedBy": {"id": "1", "name": ep.namespace},
                "state": state,
                "message": message,
                "readyReplica": 1 if state == "running" else 0,
                "targetReplica": 1,
                "url": url,
            },
        }

    async def handle(self, request: Request) -> Response:
        path, method = request.url.path, request.method
        body = await request.body()
        self.seen.append(
            {"method": method, "path": path, "auth": request.headers.get("authorization"), "body": body}
        )
        if path.startswith("/ep/"):  # the endpoint itself: its health route
            ep = self.endpoints.get(path.split("/")[2])
            running = ep is not None and ep.state() == "running"
            return PlainTextResponse("Ok" if running else "starting", 200 if running else 503)
        if self.fault == "401" or request.headers.get("authorization") != f"Bearer {TOKEN}":
            return JSONResponse({"error": "Invalid credentials in Authorization header"}, 401)
        if path == "/api/whoami-v2":
            return JSONResponse({"type": "user", "name": USER, "orgs": []})
        if path == "/api/repos/create" and method == "POST":
            data = json.loads(body)
            repo_id = f"{data.get('organization') or USER}/{data['name']}"
            if repo_id in self.repos:
                return JSONResponse({"error": "You already created this model repo"}, 409)
            self.repos[repo_id] = data
            return JSONResponse({"url": f"{self.base}/{repo_id}", "name": repo_id})
        if path == "/api/validate-yaml" and method == "POST":  # upload_folder checks README.md first
            return JSONResponse({"errors": [], "warnings": []})
        if path.startswith("/api/models/"):
            return self.repo_route(path, body)
        if path.startswith("/v2/endpoint/"):
            if self.fault == "hang":
                await asyncio.sleep(30)
            return self.endpoint_route(method, path.split("/")[3:], body)
        return JSONResponse({"error": "no such route"}, 404)

    def repo_route(self, path: str, body: bytes) -> Response:
        _, _, _, namespace, name, action, _revision = path.split("/", 6)
        repo_id = f"{namespace}/{name}"
        if repo_id not in self.repos:
            return JSONResponse(
                {"error": "Repository not found"}, 404, headers={"X-Error-Code": "RepoNotFound"}
            )
        if action == "preupload":
            files = json.loads(body)["files"]
            modes = [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False} for f in files]
            return JSONResponse({"files": modes})
        if action == "commit":
            stored = self.files.setdefault(repo_id, {})
            for line in body.decode().splitlines():
                item = json.loads(line)
                if item["key"] == "file":
                    stored[item["value"]["path"]] = base64.b64decode(item["value"]["content"])
            return JSONResponse(
                {"commitUrl": f"{self.base}/{repo_id}/commit/{COMMIT}", "commitOid": COMMIT, "success": True}
            )
        return JSONResponse({"error": "no such route"}, 404)

    def endpoint_route(self, method: str, parts: list[str], body: bytes) -> Response:
        namespace, rest = parts[0], parts[1:]
        if not rest and method == "POST":
            data = json.loads(body)
            if data["name"] in self.endpoints:
                return JSONResponse({"error": "An endpoint with this name already exists"}, 409)
            ep = FakeEndpoint(data["name"], namespace, data, list(SCRIPTS.get(self.fault, SCRIPTS[None])))
            self.endpoints[ep.name] = ep
            return JSONResponse(self.raw(ep))
        ep = self.endpoints.get(rest[0]) if rest else None
        if ep is None or ep.namespace != namespace:
            return JSONResponse({"error": "Endpoint not found"}, 404)
        if self.fault == "garbage":
            return JSONResponse({"name": ep.name, "status": "fine"})
        action = rest[1] if len(rest) > 1 else None
        if method == "DELETE" and action is None:
            del self.endpoints[ep.name]
            return JSONResponse({})
        if method == "POST" and action == "pause":
            ep.move(["paused"])
        elif method == "POST" and action == "scale-to-zero":
            ep.move(["scaledToZero"])
        elif method == "POST" and action == "resume":
            if ep.state() == "running":
                return JSONResponse({"error": "Endpoint is already running"}, 400)
            ep.move(list(SCRIPTS.get(self.fault, SCRIPTS[None]))[1:])
        elif not (method == "GET" and action is None):
            return JSONResponse({"error": "no such route"}, 404)
        else:
            answer = JSONResponse(self.raw(ep))
            ep.polls += 1  # the next poll sees the next state
            return answer
        return JSONResponse(self.raw(ep))


def start_hub(monkeypatch, fault: str | None = None) -> tuple[HubStandIn, ServerThread]:
    """The stand-in on a loopback port, with huggingface_hub's own settings pointed at it."""
    from huggingface_hub import constants

    hub = HubStandIn(fault)
    server = ServerThread(hub.app).start()
    hub.base = server.url.rstrip("/")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # conftest keeps the suite offline
    monkeypatch.setattr(constants, "ENDPOINT", hub.base)
    monkeypatch.setattr(constants, "INFERENCE_ENDPOINTS_ENDPOINT", f"{hub.base}/v2")
    return hub, server


@pytest.fixture
def hub(monkeypatch):
    """start(fault) -> a loopback Hub stand-in; every one started is stopped after the test."""
    servers = []

    def start(fault: str | None = None):
        stand_in, server = start_hub(monkeypatch, fault)
        servers.append(server)
        return stand_in

    yield start
    for server in servers:
        server.stop()
