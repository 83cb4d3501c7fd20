"""EndpointAdmin and create_endpoint through huggingface_hub's real client, against the loopback Hub."""

from __future__ import annotations

import logging
import time

import pytest
from hub_support import COMMIT, TOKEN, USER

from app.remote.endpoint_admin import EndpointAdmin
from app.remote.endpoint_create import EndpointSpec, create_endpoint
from app.remote.endpoint_errors import EndpointAdminError
from app.serve.endpoint_package import write_endpoint_package


def admin(**kwargs) -> EndpointAdmin:
    return EndpointAdmin(TOKEN, poll_seconds=kwargs.pop("poll_seconds", 0.05), **kwargs)


def test_create_pushes_the_package_then_wait_sees_it_start(hub, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    stand_in = hub()
    steps: list[tuple[int, int, str]] = []
    spec = EndpointSpec("wan-studio", max_replica=2, scale_to_zero_minutes=15)
    info = create_endpoint(admin(), spec, lambda *step: steps.append(step))

    assert info.state == "pending" and info.url is None and info.repository == f"{USER}/wan-studio"
    assert [s[:2] for s in steps] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert "Uploading" in steps[2][2] and "files" in steps[2][2]
    # The repo is private and holds exactly what package-endpoint writes.
    repo = stand_in.repos[f"{USER}/wan-studio"]
    assert repo["visibility"] == "private" and repo["type"] == "model"
    expected = tmp_path / "pkg"
    write_endpoint_package(expected)
    local = {p.relative_to(expected).as_posix(): p.read_bytes() for p in expected.rglob("*") if p.is_file()}
    assert stand_in.files[f"{USER}/wan-studio"] == local
    # The endpoint runs the commit just pushed, as a custom handler, scaling to zero when idle.
    [create] = stand_in.calls("POST", f"/v2/endpoint/{USER}")
    import json

    payload = json.loads(create["body"])
    assert payload["model"]["repository"] == f"{USER}/wan-studio" and payload["model"]["revision"] == COMMIT
    assert payload["model"]["framework"] == "custom" and payload["type"] == "authenticated"
    assert payload["compute"]["scaling"] == {"minReplica": 0, "maxReplica": 2, "scaleToZeroTimeout": 15}
    assert payload["compute"]["instanceType"] == "nvidia-a100" and payload["provider"]["vendor"] == "aws"
    assert all(s["auth"] == f"Bearer {TOKEN}" for s in stand_in.seen)

    running = admin().wait("wan-studio", timeout=20)
    assert running.running and running.url == f"{stand_in.base}/ep/wan-studio"
    assert running.summary() == f"{USER}/wan-studio: running at {stand_in.base}/ep/wan-studio"
    polls = stand_in.calls("GET", "/v2/endpoint/studio/wan-studio")
    assert len(polls) >= 3  # it went through pending and initializing, one poll at a time
    assert stand_in.calls("GET", "/ep/wan-studio/health")  # wait() checks the endpoint answers
    assert TOKEN not in caplog.text and TOKEN not in repr(admin())


def test_pause_scale_to_zero_resume_and_delete(hub):
    stand_in = hub()
    stand_in.add_endpoint("wan", "running")
    hub_admin = admin()
    assert hub_admin.status("wan").running
    assert hub_admin.act("wan", "pause").state == "paused"
    assert hub_admin.status("wan").words == "paused"
    zero = hub_admin.act("wan", "scale_to_zero")
    assert zero.state == "scaledToZero" and "wakes on the next request" in zero.words
    resumed = hub_admin.act("wan", "resume")
    assert resumed.state == "initializing" and resumed.settling
    assert hub_admin.wait("wan", timeout=20).running
    assert hub_admin.act("wan", "resume").running  # already running is fine (running_ok)
    assert hub_admin.act("wan", "delete") is None and "wan" not in stand_in.endpoints
    with pytest.raises(EndpointAdminError, match="Endpoint 'wan' was not found") as info:
        hub_admin.status("wan")
    assert info.value.status == 404 and "endpoint status NAME" in info.value.hint


def test_a_failed_endpoint_says_so_with_the_services_words(hub):
    hub("fail")
    hub_admin = admin()
    create_endpoint(hub_admin, EndpointSpec("wan"), lambda *_: None)
    with pytest.raises(EndpointAdminError, match="failed") as info:
        hub_admin.wait("wan", timeout=20)
    assert "handler raised ImportError" in str(info.value) and "logs" in info.value.hint
    assert (
        hub_admin.status("wan")
        .summary()
        .endswith("failed (Endpoint failed to start: handler raised ImportError)")
    )


def test_waiting_gives_up_after_the_timeout_with_the_last_state(hub):
    stand_in = hub("stuck")
    stand_in.add_endpoint("wan", "initializing")
    started = time.monotonic()
    with pytest.raises(EndpointAdminError, match="not running before the time ran out") as info:
        admin().wait("wan", timeout=1)
    assert "Last state: initializing" in str(info.value) and time.monotonic() - started < 5


def test_a_refused_token_is_named_and_never_shown(hub):
    hub("401")
    with pytest.raises(EndpointAdminError, match=r"refused the token \(HTTP 401\)") as info:
        admin().status("wan")
    assert info.value.status == 401 and "hf auth login" in info.value.hint and TOKEN not in str(info.value)


def test_a_hub_that_never_answers_is_given_up_on(hub):
    hub("hang")
    started = time.monotonic()
    with pytest.raises(EndpointAdminError, match="did not answer about endpoint 'wan' within 1 s"):
        admin(timeout=0.8).status("wan")
    assert time.monotonic() - started < 3


def test_an_answer_that_is_no_endpoint_is_a_clear_error(hub):
    stand_in = hub("garbage")
    stand_in.add_endpoint("wan", "running")
    with pytest.raises(EndpointAdminError, match="answer about endpoint 'wan' could not be read"):
        admin().status("wan")


def test_creating_a_name_in_use_says_it_exists(hub):
    stand_in = hub()
    stand_in.add_endpoint("wan", "running")
    with pytest.raises(EndpointAdminError, match="already exists") as info:
        create_endpoint(admin(), EndpointSpec("wan"), lambda *_: None)
    assert info.value.status == 409


@pytest.mark.parametrize("name", ["../wan", "Wan", "-wan", "wan-", "w" * 33, "", "wan/../../x", "wan\n"])
def test_hostile_names_never_reach_the_hub(hub, name):
    stand_in = hub()
    with pytest.raises(EndpointAdminError, match="not an endpoint name"):
        admin().status(name)
    with pytest.raises(EndpointAdminError, match="not an endpoint name"):
        create_endpoint(admin(), EndpointSpec(name), lambda *_: None)
    assert not stand_in.seen


@pytest.mark.parametrize("namespace", ["../api", "a/b", "..", "x" * 97])
def test_hostile_namespaces_are_refused(namespace):
    with pytest.raises(EndpointAdminError, match="not a user or organisation name"):
        EndpointAdmin(TOKEN, namespace=namespace)


@pytest.mark.parametrize(
    "spec, text",
    [
        (EndpointSpec("wan", min_replica=2, max_replica=1), "do not make sense"),
        (EndpointSpec("wan", max_replica=10**9), "do not make sense"),
        (EndpointSpec("wan", min_replica=-1), "do not make sense"),
        (EndpointSpec("wan", scale_to_zero_minutes=0), "out of range"),
        (EndpointSpec("wan", instance_type="../x"), "not a hardware name"),
    ],
)
def test_bad_settings_are_refused_before_anything_is_pushed(hub, spec, text):
    stand_in = hub()
    with pytest.raises(EndpointAdminError, match=text):
        create_endpoint(admin(), spec, lambda *_: None)
    assert not stand_in.seen


def test_no_token_asks_for_one():
    with pytest.raises(EndpointAdminError, match="needs a Hugging Face token") as info:
        EndpointAdmin(None)
    assert "hf auth login" in info.value.hint
