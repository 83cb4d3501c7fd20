"""Failures in words a person can act on: one error base with a hint, and readable system errors."""

from __future__ import annotations

import errno
import importlib
import pkgutil
from pathlib import Path

import pytest

from engine.errors import StoryreelError, hint_of
from engine.jobs.failure_messages import OOM_HINT, describe_failure
from engine.progress import Cancelled

ROOT = Path(__file__).resolve().parents[3]
# Signals between threads, never shown to a person.
CONTROL_FLOW = {"Cancelled", "_Abandoned"}


def _project_errors() -> list[type[BaseException]]:
    found = []
    for package in ("engine", "app"):
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Exception)
                    and value.__module__ == info.name
                    and value.__name__ not in CONTROL_FLOW
                ):
                    found.append(value)
    return found


def test_every_error_of_ours_derives_from_the_base_and_carries_a_hint():
    errors = _project_errors()
    names = {e.__name__ for e in errors}
    assert {"ModelError", "VideoError", "LutError", "PresetError", "ProjectError", "LoraError"} <= names
    assert {"RequestRejected", "PackageError", "ExportError", "EndpointError", "ShotListError"} <= names
    strays = [e.__qualname__ for e in errors if not issubclass(e, StoryreelError)]
    assert not strays, f"not StoryreelErrors: {strays}"
    assert all(isinstance(e.hint, str) and e.hint.strip() for e in errors)  # type: ignore[attr-defined]


def test_the_hint_of_a_raise_site_wins_and_old_catches_still_work():
    from app.presets.preset import PresetError
    from app.project.reel_file import ProjectError
    from engine.endpoint.http_call import EndpointDown

    with pytest.raises(ValueError):  # callers that catch ValueError keep catching it
        raise PresetError("preset 'x' is damaged")
    err = ProjectError("film.reel", "is not JSON")
    assert str(err) == "film.reel: is not JSON" and "backup" in err.hint
    down = EndpointDown("the endpoint is paused", "Resume it on its page.", status=503)
    assert hint_of(down) == "Resume it on its page." and down.status == 503
    assert hint_of(RuntimeError("x")) is None and describe_failure(down) == (str(down), down.hint)


def test_pyav_errors_name_the_file_without_an_errno(tmp_path):
    import av

    bad = tmp_path / "take-3.mp4"
    bad.write_bytes(b"not a video at all")
    with pytest.raises(av.FFmpegError) as info:
        av.open(str(bad))
    assert "[Errno" in str(info.value)  # what PyAV says…
    message, hint = describe_failure(info.value)
    assert message == "take-3.mp4 is damaged or not a video FFmpeg can read."  # …and what a person reads
    assert "Errno" not in message and hint


def test_system_errors_in_words():
    full = OSError(errno.ENOSPC, "No space left on device", "/films/a.media/takes/t1.mp4")
    message, hint = describe_failure(full)
    assert message.startswith("Not enough free space in /films/a.media/takes") and "disk space" in hint
    gone = FileNotFoundError(errno.ENOENT, "No such file or directory", "/models/wan/model_index.json")
    assert describe_failure(gone)[0] == "/models/wan/model_index.json does not exist."
    assert "Errno" not in describe_failure(OSError(errno.EIO, "Input/output error"))[0]


def test_out_of_memory_and_unexpected_errors():
    import torch

    assert describe_failure(torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2 GiB")) == (
        "Out of memory while generating this shot.",
        OOM_HINT,
    )
    message, hint = describe_failure(RuntimeError("Expected all tensors to be on the same device"))
    assert "RuntimeError" not in message and "same device" in message and "storyreel.log" in hint
    assert describe_failure(KeyError())[0] == "Generation failed unexpectedly."
    assert not issubclass(Cancelled, StoryreelError)
