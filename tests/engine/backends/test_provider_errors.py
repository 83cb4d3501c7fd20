"""ProviderBackend's errors and refusals: the token, the provider's own text, quotas, what it cannot make."""

from __future__ import annotations

import pytest
from provider_support import TOKEN, run
from remote_support import REQUEST

from engine.backends.provider import ProviderBackend, ProviderError
from engine.generation.model_source import ModelError
from engine.progress import CancelToken


def test_401_is_a_token_message(provider, tmp_path):
    stand_in = provider("401")
    with pytest.raises(ProviderError, match="refused the token") as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert info.value.status == 401 and "hf auth login" in info.value.hint
    assert "Invalid credentials" in str(info.value) and TOKEN not in str(info.value)
    assert len(stand_in.calls("router.huggingface.co")) == 1 and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "fault, text, status",
    [
        ("submit-400", "Prompt exceeds the maximum length of 1000 characters", 400),
        ("result-422", "num_frames: Input should be greater than or equal to 17", 422),
        ("video-404", r"failed \(HTTP 404 from v3.fal.media\): Not Found", 404),
    ],
)
def test_provider_errors_show_the_servers_text(provider, tmp_path, fault, text, status):
    provider(fault)
    with pytest.raises(ProviderError, match=text) as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert info.value.status == status and not list(tmp_path.iterdir())


def test_a_token_the_provider_echoes_is_redacted(provider, tmp_path, caplog):
    provider("echo")
    with pytest.raises(ProviderError, match=r"Authorization: Bearer \[redacted\]") as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert TOKEN not in str(info.value) and TOKEN not in caplog.text


@pytest.mark.parametrize("fault, text", [("402", "No credits left"), ("429", "rate limiting")])
def test_quota_and_rate_limits_are_named(provider, tmp_path, fault, text):
    provider(fault)
    with pytest.raises(ProviderError, match=text) as info:
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert "exceeded your monthly included credits" in str(info.value) and not list(tmp_path.iterdir())


def test_a_broken_video_is_a_clear_error_and_leaves_no_file(provider, tmp_path):
    provider("broken-video")
    with pytest.raises(ProviderError, match="fal-ai answered with a video that cannot be read"):
        run(ProviderBackend(token=TOKEN), tmp_path / "t.mp4")
    assert not list(tmp_path.iterdir())


def test_no_token_asks_to_log_in(provider, tmp_path, monkeypatch):
    stand_in = provider()
    monkeypatch.setattr("engine.backends.provider.find_token", lambda: (None, ""))
    backend = ProviderBackend()
    with pytest.raises(ModelError, match="hf auth login"):
        backend.preflight(REQUEST.model)
    with pytest.raises(ProviderError, match="needs a Hugging Face token") as info:
        run(backend, tmp_path / "t.mp4")
    assert "hf auth login" in info.value.hint and not stand_in.seen
    ProviderBackend(token=TOKEN).preflight(REQUEST.model)  # a token: fine, nothing sent
    with pytest.raises(ModelError, match="cannot generate videos"):
        ProviderBackend("cerebras", token=TOKEN).preflight(REQUEST.model)
    assert not stand_in.seen


def test_references_are_refused_before_anything_is_sent(provider, tmp_path):
    import dataclasses

    from engine.generation.request import Keyframe, ReferenceConditioning

    stand_in = provider()
    cast = ReferenceConditioning((b"png",), (Keyframe(0, b"png"),))
    with pytest.raises(ProviderError, match="text only; this shot names cast members") as info:
        ProviderBackend(token=TOKEN).run(
            dataclasses.replace(REQUEST, references=cast), tmp_path / "t.mp4", lambda p: None, CancelToken()
        )
    assert "reference model" in info.value.hint
    assert not stand_in.seen and not list(tmp_path.iterdir())


def test_given_frames_are_refused_before_anything_is_sent(provider, tmp_path):
    """A control clip, a repaint or an extension would be made from the prompt alone: never quietly."""
    import dataclasses

    from engine.generation.request import ControlConditioning

    stand_in = provider()
    for control in (ControlConditioning("control", (b"png",)), ControlConditioning("known", (b"png",))):
        with pytest.raises(ProviderError, match="follows a control clip, or repaints or extends") as info:
            ProviderBackend(token=TOKEN).run(
                dataclasses.replace(REQUEST, control=control),
                tmp_path / "t.mp4",
                lambda p: None,
                CancelToken(),
            )
        assert "reference model" in info.value.hint
    assert not stand_in.seen and not list(tmp_path.iterdir())
