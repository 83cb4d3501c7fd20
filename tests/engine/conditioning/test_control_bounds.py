"""Control clips and masks refused in words before any frame is decoded; a cancel stops at once and keeps nothing."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from control_support import make_clip, moving_frames
from PIL import Image

from engine.conditioning import clip_conform, control_bounds
from engine.conditioning.control_bounds import check_control_clip, read_mask
from engine.conditioning.control_extraction import extract_control
from engine.conditioning.control_settings import ControlError, ControlSettings
from engine.progress import Cancelled, CancelToken, Progress


def edges(frames: int = 9) -> ControlSettings:
    """Edge control of a 32×32, 16 fps shot."""
    return ControlSettings("edges", width=32, height=32, fps=16, frames=frames)


def encode(path: Path, codec: str, width: int, height: int, count: int, pix_fmt: str = "yuv420p") -> Path:
    """A clip written with PyAV in any codec (flat grey frames)."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=16)
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        frame = av.VideoFrame.from_ndarray(np.full((height, width, 3), 128, np.uint8), format="rgb24")
        for index in range(count):
            frame.pts = index
            container.mux(stream.encode(frame.reformat(format=pix_fmt)))
        container.mux(stream.encode(None))
    return path


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a control frame is decoded."""

    def refuse(*_: object) -> None:
        raise AssertionError("a frame was decoded before the clip was refused")

    monkeypatch.setattr(clip_conform, "iter_av_frames", refuse)


def refused(clip: Path, tmp_path: Path, words: str) -> None:
    cache = tmp_path / "control"
    with pytest.raises(ControlError, match=words) as caught:
        extract_control(clip, edges(), cache)
    assert str(clip) in str(caught.value)
    assert not cache.exists() or not any(cache.iterdir())


def test_a_clip_over_4096_frames_is_refused(tmp_path: Path, no_decoding: None) -> None:
    clip = encode(tmp_path / "long.mp4", "libx264", 16, 16, control_bounds.MAX_CONTROL_FRAMES + 1)
    refused(clip, tmp_path, "4,097 frames, more than 4,096")


def test_a_clip_larger_than_4k_is_refused(tmp_path: Path, no_decoding: None) -> None:
    refused(encode(tmp_path / "wide.mp4", "libx264", 4104, 16, 1), tmp_path, "4104×16, larger than 4K")


def test_a_file_without_video_is_refused(tmp_path: Path, no_decoding: None) -> None:
    path = tmp_path / "voice.wav"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("pcm_s16le", rate=8000)
        samples = av.AudioFrame.from_ndarray(np.zeros((1, 800), np.int16), format="s16", layout="mono")
        samples.sample_rate = 8000
        container.mux(stream.encode(samples))
        container.mux(stream.encode(None))
    refused(path, tmp_path, "No video stream")
    text = tmp_path / "notes.mp4"
    text.write_text("not a video")
    refused(text, tmp_path, "cannot be used")


def test_an_unsupported_codec_is_refused_by_name(tmp_path: Path, no_decoding: None) -> None:
    refused(encode(tmp_path / "old.avi", "wmv2", 32, 32, 3), tmp_path, "coded as wmv2")


def test_a_plain_clip_passes_with_its_facts(clip: Path) -> None:
    info = check_control_clip(clip)
    assert (info.width, info.height, info.frame_count, info.fps) == (32, 32, 9, Fraction(16))


def test_cancelling_stops_within_a_second_and_keeps_nothing(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "long.mp4", moving_frames(120, 64, 64))
    cancel, asked = CancelToken(), []
    cache = tmp_path / "control"

    def cancel_at_the_fifth(progress: Progress) -> None:
        if progress.step == 5 and not asked:
            asked.append(time.monotonic())
            cancel.cancel()

    chosen = ControlSettings("edges", width=64, height=64, fps=16, frames=120)
    with pytest.raises(Cancelled):
        extract_control(clip, chosen, cache, cancel, cancel_at_the_fifth)
    stopped = time.monotonic() - asked[0]
    print(f"cancel → stopped in {stopped * 1000:.1f} ms")
    assert stopped < 1.0
    assert list(cache.iterdir()) == []  # no entry, no temporary folder


def write_mask(path: Path, image: Image.Image) -> Path:
    image.save(path)
    return path


def test_a_grey_mask_is_read_as_it_is(tmp_path: Path) -> None:
    values = np.zeros((24, 32), np.uint8)
    values[4:12, 8:20] = 255
    mask, notice = read_mask(write_mask(tmp_path / "m.png", Image.fromarray(values)), 32, 24)
    assert notice is None and np.array_equal(mask, values)


def test_a_colour_mask_is_converted_with_a_notice(tmp_path: Path) -> None:
    values = np.zeros((24, 32, 3), np.uint8)
    values[4:12, 8:20] = 255
    path = write_mask(tmp_path / "m.png", Image.fromarray(values))
    mask, notice = read_mask(path, 32, 24)
    assert mask.shape == (24, 32) and mask[5, 9] == 255 and mask[0, 0] == 0
    assert notice is not None and str(path) in notice and "RGB" in notice


def test_a_mask_of_another_size_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_mask(tmp_path / "m.png", Image.new("L", (64, 48)))
    monkeypatch.setattr(Image.Image, "load", lambda self: pytest.fail("the mask was decoded"))
    with pytest.raises(ControlError, match=r"is 64×48 but the take is 32×24") as caught:
        read_mask(path, 32, 24)
    assert str(path) in str(caught.value)


def test_a_mask_that_is_no_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(ControlError, match="not an image"):
        read_mask(path, 32, 24)
