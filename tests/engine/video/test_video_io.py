"""Take masters: lossless writes, reading frames back, probing, atomic and cancellable writes."""

from __future__ import annotations

import contextlib
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from engine.progress import ENCODING, Cancelled, CancelToken
from engine.video import video_io
from engine.video.video_io import (
    FEW_FRAMES,
    ClipInfo,
    VideoError,
    h264_reorder_bound,
    iter_frames,
    probe,
    read_frames,
    write_clip,
)

HAS_RGB_CODEC = "libx264rgb" in av.codecs_available


def colour_frames(count: int, height: int = 48, width: int = 64) -> np.ndarray:
    """Frames with a gradient plus a per-frame colour shift, so each frame is identifiable."""
    rows = np.linspace(0, 60, height, dtype=np.uint8)[:, None]
    cols = np.linspace(0, 60, width, dtype=np.uint8)[None, :]
    frames = np.empty((count, height, width, 3), np.uint8)
    for i in range(count):
        frames[i, ..., 0] = rows + cols + 10 * i
        frames[i, ..., 1] = 128 + rows
        frames[i, ..., 2] = 200 - cols - 5 * i
    return frames


@pytest.mark.skipif(not HAS_RGB_CODEC, reason="this FFmpeg has no libx264rgb")
def test_round_trip_is_exact(tmp_path: Path) -> None:
    frames = colour_frames(12)
    noise = np.random.default_rng(1).integers(0, 256, (3, 48, 64, 3), dtype=np.uint8)
    frames = np.concatenate([frames, noise])
    dest = tmp_path / "take.mp4"
    write_clip(frames, 16, dest)
    back = read_frames(dest)
    assert back.dtype == np.uint8 and back.shape == frames.shape
    assert np.array_equal(back, frames)


def test_odd_size_and_non_contiguous_input(tmp_path: Path) -> None:
    frames = colour_frames(4, height=50, width=70)[:, 1:48, 2:65]  # 47x63 and strided rows
    dest = tmp_path / "odd.mp4"
    write_clip(frames, 24, dest)
    back = read_frames(dest)
    assert back.shape == (4, 47, 63, 3)
    if HAS_RGB_CODEC:
        assert np.array_equal(back, frames)


def test_probe_figures(tmp_path: Path) -> None:
    dest = tmp_path / "take.mp4"
    write_clip(colour_frames(20), 16, dest)
    info = probe(dest)
    assert isinstance(info, ClipInfo)
    assert (info.width, info.height) == (64, 48)
    assert info.fps == Fraction(16) and isinstance(info.fps, Fraction)
    assert info.frame_count == 20
    assert info.duration == pytest.approx(20 / 16, abs=1e-3)
    assert info.codec == "h264"
    assert info.pix_fmt == ("gbrp" if HAS_RGB_CODEC else "yuv444p")


def test_probe_counts_frames_when_the_container_does_not(tmp_path: Path) -> None:
    # Matroska/WebM stores no frame count, so probe has to count packets.
    dest = tmp_path / "clip.webm"
    with av.open(str(dest), "w") as container:
        stream = container.add_stream(
            "libvpx-vp9", rate=24, options={"deadline": "realtime", "cpu-used": "8"}
        )
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i, image in enumerate(colour_frames(7)):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24").reformat(format="yuv420p")
            frame.pts = i
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    info = probe(dest)
    assert info.frame_count == 7
    assert info.fps == 24 and info.codec == "vp9"
    assert len(read_frames(dest)) == 7


def test_partial_reads(tmp_path: Path) -> None:
    frames = colour_frames(10)
    dest = tmp_path / "take.mp4"
    write_clip(frames, 16, dest)
    part = read_frames(dest, 3, 7)
    assert part.shape == (4, 48, 64, 3)
    assert np.allclose(part.mean(axis=(1, 2)), frames[3:7].mean(axis=(1, 2)), atol=2)
    assert len(list(iter_frames(dest, start=8))) == 2
    gen = iter_frames(dest)
    first = next(gen)
    gen.close()  # closing early must release the file
    assert first.shape == (48, 64, 3)
    with pytest.raises(VideoError):
        read_frames(dest, 10, 12)


def test_progress_reports_encoding(tmp_path: Path) -> None:
    reports = []
    write_clip(colour_frames(6), 16, tmp_path / "take.mp4", on_progress=reports.append)
    assert reports and all(r.stage == ENCODING and r.total == 6 for r in reports)
    assert reports[-1].step == 6


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    token = CancelToken()

    def cancel_at_three(progress) -> None:
        if progress.step >= 3:
            token.cancel()

    dest = tmp_path / "take.mp4"
    with pytest.raises(Cancelled):
        write_clip(colour_frames(10), 16, dest, cancel=token, on_progress=cancel_at_three)
    assert list(tmp_path.iterdir()) == []


def test_rewrite_replaces_whole_file(tmp_path: Path) -> None:
    dest = tmp_path / "take.mp4"
    write_clip(colour_frames(8), 16, dest)
    write_clip(colour_frames(3), 16, dest)
    assert probe(dest).frame_count == 3
    assert [p.name for p in tmp_path.iterdir()] == ["take.mp4"]


def test_bad_input_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_clip(np.zeros((2, 48, 64), np.uint8), 16, tmp_path / "a.mp4")
    with pytest.raises(ValueError):
        write_clip(np.zeros((2, 48, 64, 3), np.float32), 16, tmp_path / "a.mp4")
    assert list(tmp_path.iterdir()) == []


def test_yuv444_fallback_without_rgb_codec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(av, "codecs_available", av.codecs_available - {"libx264rgb"})
    frames = colour_frames(5)
    dest = tmp_path / "take.mp4"
    write_clip(frames, 16, dest)
    assert probe(dest).pix_fmt == "yuv444p"
    diff = np.abs(read_frames(dest).astype(int) - frames.astype(int))
    assert diff.mean() < 1.5 and diff.max() <= 8


@pytest.mark.parametrize("content", [b"", b"this is not a video at all" * 10])
def test_unreadable_file_names_the_file(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "broken take.mp4"
    bad.write_bytes(content)
    with pytest.raises(VideoError, match="broken take.mp4"):
        probe(bad)
    with pytest.raises(VideoError, match="broken take.mp4"):
        read_frames(bad)


def test_missing_file_is_a_video_error(tmp_path: Path) -> None:
    with pytest.raises(VideoError, match="nowhere.mp4"):
        probe(tmp_path / "nowhere.mp4")


def reordered_clip(dest: Path, count: int) -> Path:
    """An H.264 clip with B-frames in a pyramid, so the decoder must hold frames back to reorder them."""
    with av.open(str(dest), "w") as container:
        stream = container.add_stream(
            "libx264", rate=16, options={"bf": "3", "x264-params": "b-pyramid=normal", "preset": "fast"}
        )
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i, image in enumerate(colour_frames(count)):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24").reformat(format="yuv420p")
            frame.pts = i
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return dest


def sniffed_frames(path: Path) -> np.ndarray:
    """Every frame as a plain av.open (which decodes the first frames to sniff the stream) gives them."""
    with av.open(str(path)) as container:
        return np.stack([f.to_ndarray(format="rgb24") for f in container.decode(video=0)])


def test_probe_without_sniffing_decodes_nothing(tmp_path: Path) -> None:
    take = tmp_path / "take.mp4"
    write_clip(colour_frames(20), 16, take)
    for path in (take, reordered_clip(tmp_path / "b.mp4", 20)):
        full, quick = probe(path), probe(path, sniff=False)
        # H.264's pixel format is known only from a decoded frame: "" shows none was decoded.
        assert quick.pix_fmt == "" and full.pix_fmt != ""
        assert quick == ClipInfo(**{**full.__dict__, "pix_fmt": ""})


def test_probe_without_sniffing_falls_back_where_the_container_is_silent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take = tmp_path / "take.mp4"
    write_clip(colour_frames(20), 16, take)
    opened = video_io.open_video

    def silent(path: Path, threaded: bool = True, sniff: bool = True):  # type: ignore[no-untyped-def]
        """A container that names no size until frames are decoded (as some raw streams do)."""
        with opened(path, threaded, sniff) as (container, stream):
            if not sniff:
                stream.codec_context.width = 0
            yield container, stream

    monkeypatch.setattr(video_io, "open_video", contextlib.contextmanager(silent))
    assert probe(take, sniff=False) == probe(take)


@pytest.mark.parametrize("make", ["take", "reordered"])
def test_long_and_short_reads_give_the_frames_a_sniffed_open_gives(tmp_path: Path, make: str) -> None:
    # Long reads open without sniffing (and an H.264 decoder waits the longest reorder delay);
    # short ones sniff as before. Either way the frames are the decoder's, in order, none dropped.
    path = tmp_path / "clip.mp4"
    if make == "take":
        write_clip(colour_frames(18), 16, path)
    else:
        reordered_clip(path, 18)
    expected = sniffed_frames(path)
    assert len(expected) == 18
    assert np.array_equal(read_frames(path), expected)
    assert np.array_equal(read_frames(path, 3, 15), expected[3:15])
    assert np.array_equal(read_frames(path, 0, FEW_FRAMES), expected[:FEW_FRAMES])


def test_h264_reorder_bound_is_the_levels_picture_buffer() -> None:
    assert h264_reorder_bound(30, 832, 480) == 5  # 8100 macroblocks / (52 x 30)
    assert h264_reorder_bound(12, 64, 48) == 16  # 2376 / 12 = 198: the standard's 16 frames at most
    assert h264_reorder_bound(51, 3840, 2160) == 5  # 184320 / (240 x 135)
    assert h264_reorder_bound(0, 832, 480) == 16  # level unknown
    assert h264_reorder_bound(30, 3840, 2160) == 16  # too big for its level: no bound to trust
