"""The provider backend from the command line: a film rendered end to end, and its flags checked."""

from __future__ import annotations

import pytest
from cli_support import new_film
from provider_support import MODEL, TOKEN

from engine.backends.provider import ProviderBackend
from engine.video.video_io import read_frames


def test_render_backend_provider_end_to_end(provider, tmp_path, monkeypatch, capsys):
    from app.cli.main import run_cli
    from app.project.reel_file import load_project

    stand_in = provider()
    monkeypatch.setattr("engine.endpoint.hub_token._keyring_token", lambda: None)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    shots = "prompt,seed\nA red kite,1\nA blue boat,2\n"
    path = new_film(
        tmp_path, shots, "--width", "32", "--height", "32", "--frames", "5", shot_list="shots.csv"
    )
    capsys.readouterr()
    assert (
        run_cli(
            [
                "render",
                str(path),
                "-o",
                str(tmp_path / "film.mp4"),
                "--backend",
                "provider",
                "--provider",
                "fal-ai",
                "--provider-model",
                MODEL,
                "--json",
            ]
        )
        == 0
    )
    project = load_project(path)
    assert {s.active.backend for s in project.shots} == {"provider:fal-ai"}
    assert len(read_frames(tmp_path / "film.mp4")) == 10
    assert [s["body"]["seed"] for s in stand_in.seen if s["method"] == "POST"] == [1, 2]
    for file in [path, *tmp_path.rglob("*.json")]:
        assert TOKEN not in file.read_text(encoding="utf-8")
    assert "provider:fal-ai" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, error",
    [
        (["--provider", "fal-ai", "--backend", "remote"], "need --backend provider"),
        (["--backend", "provider", "--endpoint", "https://x.example"], "--endpoint needs --backend remote"),
        (["--backend", "provider", "--remote-timeout", "0"], "must be positive"),
    ],
)
def test_provider_flags_are_checked(argv, error):
    import argparse

    from app.cli.backend_flags import add_remote_options, backends_from_args

    parser = argparse.ArgumentParser()
    add_remote_options(parser)
    with pytest.raises(ValueError, match=error):
        backends_from_args(parser.parse_args(argv))
    [backend] = backends_from_args(parser.parse_args(["--provider-model", "Wan-AI/Wan2.2-TI2V-5B"]))
    assert isinstance(backend, ProviderBackend) and backend.provider == "fal-ai"
    assert backend.model == "Wan-AI/Wan2.2-TI2V-5B"
