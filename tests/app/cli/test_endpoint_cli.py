"""`main.py endpoint ...` against the loopback Hub: progress lines, states, exit codes, clear errors."""

from __future__ import annotations

import json

import pytest
from hub_support import TOKEN, USER

from app.cli.main import run_cli


@pytest.fixture
def hub(hub, monkeypatch):
    """start(fault) -> the stand-in, with the token in HF_TOKEN (and no keyring)."""
    import keyring

    monkeypatch.setattr(keyring, "get_password", lambda *_: None)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    return hub


def test_create_with_wait_shows_each_step_and_the_url(hub, capsys):
    stand_in = hub()
    code = run_cli(
        ["endpoint", "create", "wan-cli", "--max-replicas", "2", "--scale-to-zero-after", "30"]
        + ["--wait", "--poll", "0.05", "--timeout", "30"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    assert [line[:5] for line in lines[:4]] == ["[1/4]", "[2/4]", "[3/4]", "[4/4]"]
    assert "Uploading" in lines[2] and f"{USER}/wan-cli" in lines[2]
    url = f"{stand_in.base}/ep/wan-cli"
    assert f"--backend remote --endpoint {url}" in out
    assert lines[-2] == f"{USER}/wan-cli: running at {url}"
    assert lines[-1] == "  nvidia-a100 x1, 0-2 replica(s), repository studio/wan-cli"
    assert TOKEN not in out


def test_status_pause_scale_to_zero_resume_delete(hub, capsys):
    stand_in = hub()
    stand_in.add_endpoint("wan", "running")
    assert run_cli(["endpoint", "status", "wan", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["state"] == "running" and data["url"].endswith("/ep/wan") and data["words"] == "running"
    assert run_cli(["endpoint", "pause", "wan"]) == 0
    assert capsys.readouterr().out.startswith(f"{USER}/wan: paused")
    assert run_cli(["endpoint", "scale-to-zero", "wan"]) == 0
    assert "scaled to zero" in capsys.readouterr().out
    assert run_cli(["endpoint", "resume", "wan", "--wait", "--poll", "0.05"]) == 0
    assert capsys.readouterr().out.splitlines()[-2].endswith("running at " + stand_in.base + "/ep/wan")
    assert run_cli(["endpoint", "delete", "wan"]) == 2
    assert "--yes" in capsys.readouterr().err and "wan" in stand_in.endpoints
    assert run_cli(["endpoint", "delete", "wan", "--yes"]) == 0
    assert capsys.readouterr().out == "Deleted wan.\n" and not stand_in.endpoints


@pytest.mark.parametrize(
    "fault, argv, text",
    [
        ("401", ["status", "wan"], "refused the token (HTTP 401)"),
        (None, ["status", "nowhere"], "Endpoint 'nowhere' was not found (HTTP 404)"),
        ("fail", ["create", "wan", "--wait", "--poll", "0.05"], "failed to deploy"),
        (
            "stuck",
            ["create", "wan", "--wait", "--poll", "0.05", "--timeout", "1"],
            "Last state: initializing",
        ),
    ],
)
def test_hub_failures_are_one_message_and_exit_1(hub, capsys, fault, argv, text):
    hub(fault)
    assert run_cli(["endpoint", *argv]) == 1
    err = capsys.readouterr().err
    assert text in err and "storyreel: hint:" in err and "Traceback" not in err and TOKEN not in err


@pytest.mark.parametrize(
    "argv, text",
    [
        (["status", "../admin"], "not an endpoint name"),
        (["status", "wan", "--namespace", "../x"], "not a user or organisation name"),
        (["create", "wan", "--max-replicas", "0"], "do not make sense"),
        (["resume", "wan", "--wait", "--timeout", "0"], "--timeout 0"),
        (["resume", "wan", "--wait", "--poll", "nan"], "--poll nan"),
        ([], "name an action"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(hub, capsys, argv, text):
    stand_in = hub()
    assert run_cli(["endpoint", *argv]) == 2
    assert text in capsys.readouterr().err and not stand_in.seen


def test_no_token_says_how_to_get_one(hub, capsys, monkeypatch):
    hub()
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.setattr("engine.endpoint.hub_token._hub_token", lambda: None)
    assert run_cli(["endpoint", "status", "wan"]) == 2
    assert "hf auth login" in capsys.readouterr().err
