"""Exporting cut films: trims, conforming size and frame rate, render's H.264 output, atomic and cancellable."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from engine.film.export_settings import ExportSettings
from engine.film.exporter import ExportResult, export_film
from engine.progress import Cancelled, CancelToken
from engine.video import video_io
from engine.video.conform import ClipSpan, conformed_frame_count, fit_size, source_index, span_frame_count
from engine.video.video_io import VideoError, probe, read_frames, write_clip

TOL = 6  # yuv420p at crf 18 keeps flat colours within a few levels


def red_ramp(count: int, height: int = 48, width: int = 64) -> np.ndarray:
    """Flat frames whose red level says which frame they are: frame i has red 20 + 10*i."""
    frames = np.zeros((count, height, width, 3), np.uint8)
    frames[..., 0] = (20 + 10 * np.arange(count, dtype=np.uint8))[:, None, None]
    frames[..., 1] = 100
    frames[..., 2] = 60
    return frames


def make_clip(folder: Path, name: str, frames: np.ndarray, fps: int) -> Path:
    path = folder / name
    write_clip(frames, fps, path)
    return path


def export(spans: list[ClipSpan], dest: Path, width: int, height: int, fps: int, **options) -> ExportResult:
    """The film as render writes it: the exporter's default H.264 MP4 at the project's size and fps."""
    return export_film(spans, dest, ExportSettings(), film_size=(width, height), film_fps=fps, **options)


def frame_ids(frames: np.ndarray) -> list[int]:
    """Which red_ramp frame each output frame shows."""
    return [round((float(f[..., 0].mean()) - 20) / 10) for f in frames]


def test_output_format_and_trims(tmp_path: Path) -> None:
    a = make_clip(tmp_path, "a.mp4", red_ramp(10), 24)
    b = make_clip(tmp_path, "b.mp4", red_ramp(10), 24)
    dest = tmp_path / "film.mp4"
    reports = []
    info = export(
        [ClipSpan(a, 2, 5), ClipSpan(b, trim_in=6), ClipSpan(a, trim_out=2)],
        dest,
        64,
        48,
        24,
        on_progress=reports.append,
    )
    assert (info.frames, info.duration, info.width, info.height, info.fps) == (
        9,
        pytest.approx(9 / 24),
        64,
        48,
        24,
    )
    with av.open(str(dest)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        assert (stream.codec_context.width, stream.codec_context.height) == (64, 48)
        assert stream.average_rate == 24
    clip = probe(dest)
    assert clip.frame_count == 9 and clip.duration == pytest.approx(9 / 24, abs=1e-3)
    frames = read_frames(dest)
    assert frame_ids(frames) == [2, 3, 4, 6, 7, 8, 9, 0, 1]
    expected = red_ramp(10)[[2, 3, 4, 6, 7, 8, 9, 0, 1]]
    assert np.abs(frames.astype(int) - expected.astype(int)).max() <= TOL
    assert reports[-1].stage == "exporting" and reports[-1].frame == reports[-1].total == 9
    data = dest.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")  # faststart: playable while downloading


def test_wide_clip_is_letterboxed(tmp_path: Path) -> None:
    wide = make_clip(tmp_path, "wide.mp4", np.full((3, 32, 128, 3), 200, np.uint8), 24)  # 4:1
    dest = tmp_path / "film.mp4"
    export([ClipSpan(wide)], dest, 64, 48, 24)
    frame = read_frames(dest)[1].astype(int)
    assert frame.shape == (48, 64, 3)
    # 128x32 fits 64x48 as 64x16, centred: 16 black rows above and below.
    assert frame[:14].max() <= TOL and frame[-14:].max() <= TOL
    assert np.abs(frame[18:30] - 200).max() <= TOL


def test_tall_clip_is_pillarboxed(tmp_path: Path) -> None:
    tall = make_clip(tmp_path, "tall.mp4", np.full((2, 96, 48, 3), 180, np.uint8), 24)
    dest = tmp_path / "film.mp4"
    export([ClipSpan(tall)], dest, 64, 48, 24)
    frame = read_frames(dest)[0].astype(int)
    # 48x96 fits as 24x48 with 20 black columns each side.
    assert frame[:, :18].max() <= TOL and frame[:, -18:].max() <= TOL
    assert np.abs(frame[:, 22:42] - 180).max() <= TOL


def test_film_is_the_one_a_sniffing_reader_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Takes are read without the frames opening would decode to sniff them: the film must not change.
    rng = np.random.default_rng(3)
    takes = [
        make_clip(tmp_path, f"t{i}.mp4", rng.integers(0, 256, (12, 40, 56, 3), np.uint8), 16)
        for i in range(2)
    ]
    export([ClipSpan(t) for t in takes], tmp_path / "film.mp4", 64, 48, 16)
    opened = video_io.open_video

    def sniffing(path: Path, threaded: bool = True, sniff: bool = True):  # type: ignore[no-untyped-def]
        return opened(path, threaded, True)

    monkeypatch.setattr(video_io, "open_video", sniffing)
    export([ClipSpan(t) for t in takes], tmp_path / "before.mp4", 64, 48, 16)
    film, before = read_frames(tmp_path / "film.mp4"), read_frames(tmp_path / "before.mp4")
    assert film.shape == (24, 48, 64, 3)
    assert np.array_equal(film, before)


def test_larger_clip_of_same_aspect_is_scaled(tmp_path: Path) -> None:
    big = make_clip(tmp_path, "big.mp4", red_ramp(3, 96, 128), 24)
    dest = tmp_path / "film.mp4"
    export([ClipSpan(big)], dest, 64, 48, 24)
    frames = read_frames(dest)
    assert frames.shape == (3, 48, 64, 3)
    assert frame_ids(frames) == [0, 1, 2]


def test_slower_clip_keeps_its_duration(tmp_path: Path) -> None:
    slow = make_clip(tmp_path, "slow.mp4", red_ramp(8), 16)  # 0.5 s
    dest = tmp_path / "film.mp4"
    info = export([ClipSpan(slow)], dest, 64, 48, 24)
    assert info.frames == 12 and info.duration == pytest.approx(0.5)
    assert probe(dest).frame_count == 12
    # Output frame k at k/24 s shows the 16 fps frame nearest in time.
    assert frame_ids(read_frames(dest)) == [0, 1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 7]


def test_faster_clip_drops_frames(tmp_path: Path) -> None:
    fast = make_clip(tmp_path, "fast.mp4", red_ramp(12), 24)  # 0.5 s
    dest = tmp_path / "film.mp4"
    info = export([ClipSpan(fast, trim_in=0)], dest, 64, 48, 16)
    assert info.frames == 8
    assert frame_ids(read_frames(dest)) == [0, 2, 3, 5, 6, 8, 9, 11]
    assert probe(dest).fps == 16


def test_conforming_arithmetic(tmp_path: Path) -> None:
    assert conformed_frame_count(81, 16, 24) == 122  # 5.0625 s of Wan output at 24 fps
    assert conformed_frame_count(81, 16, 16) == 81
    assert conformed_frame_count(1, 24, 16) == 1
    assert [source_index(k, 16, 24) for k in range(4)] == [0, 1, 1, 2]
    assert source_index(3, Fraction(30000, 1001), 24) == 4
    assert fit_size(128, 32, 64, 48) == (64, 16)
    assert fit_size(1280, 720, 1280, 720) == (1280, 720)
    assert fit_size(832, 480, 1280, 720) == (1248, 720)
    clip = make_clip(tmp_path, "c.mp4", red_ramp(8), 16)
    assert span_frame_count(ClipSpan(clip, 2, 6), 24) == 6
    assert span_frame_count(ClipSpan(clip, trim_out=100), 16) == 8  # trim_out past the end is clamped


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    clip = make_clip(tmp_path, "a.mp4", red_ramp(10), 24)
    token = CancelToken()

    def cancel_at_first_report(progress) -> None:
        token.cancel()  # the first frame reports at once; the next frame's check stops the export

    with pytest.raises(Cancelled):
        export(
            [ClipSpan(clip), ClipSpan(clip)],
            tmp_path / "film.mp4",
            64,
            48,
            24,
            on_progress=cancel_at_first_report,
            cancel=token,
        )
    assert [p.name for p in tmp_path.iterdir()] == ["a.mp4"]


def test_bad_requests_are_refused(tmp_path: Path) -> None:
    clip = make_clip(tmp_path, "a.mp4", red_ramp(5), 24)
    dest = tmp_path / "film.mp4"
    with pytest.raises(ValueError, match="empty"):
        export([], dest, 64, 48, 24)
    with pytest.raises(ValueError, match="a.mp4"):
        export([ClipSpan(clip, 3, 3)], dest, 64, 48, 24)
    with pytest.raises(ValueError, match="a.mp4"):
        export([ClipSpan(clip, trim_in=5)], dest, 64, 48, 24)
    assert [p.name for p in tmp_path.iterdir()] == ["a.mp4"]


def test_unreadable_clip_is_named(tmp_path: Path) -> None:
    good = make_clip(tmp_path, "good.mp4", red_ramp(3), 24)
    bad = tmp_path / "bad take.mp4"
    bad.write_bytes(b"\x00not a video" * 50)
    with pytest.raises(VideoError, match="bad take.mp4"):
        export([ClipSpan(good), ClipSpan(bad)], tmp_path / "film.mp4", 64, 48, 24)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad take.mp4", "good.mp4"]


def test_odd_project_sizes_become_even_for_yuv420p(tmp_path: Path) -> None:
    clip = make_clip(tmp_path, "a.mp4", red_ramp(3), 24)
    info = export([ClipSpan(clip)], tmp_path / "film.mp4", 63, 47, 24)
    assert (info.width, info.height) == (62, 46)
    assert read_frames(tmp_path / "film.mp4").shape == (3, 46, 62, 3)


def test_a_look_is_applied_to_each_span_frame(tmp_path):
    grey = np.full((6, 32, 32, 3), 100, np.uint8)
    clip = tmp_path / "grey.mp4"
    write_clip(grey, 16, clip)
    sizes = []

    def invert(frame):
        sizes.append(frame.shape)
        return 255 - frame

    out = tmp_path / "film.mp4"
    export([ClipSpan(clip, look=invert), ClipSpan(clip)], out, 64, 32, 16)
    frames = read_frames(out)
    # The look sees the frame at its size in the film (32x32 inside a 64x32 frame, bars excluded).
    assert sizes == [(32, 32, 3)] * 6
    middle = frames[:, :, 16:48].reshape(12, -1, 3).mean(axis=1).mean(axis=1)
    assert np.allclose(middle[:6], 155, atol=3) and np.allclose(middle[6:], 100, atol=3)
    assert frames[0, :, :8].mean() < 20  # pillarbox bars stay black


def test_whole_rates_count_frames_as_the_fraction_rule_does():
    # Whole rates take an integer path (a 2,000-shot film is timed on each layout); it must agree
    # with the Fraction rule, halves rounded up, for every count and rate pair.
    from fractions import Fraction

    for clip_fps in (1, 8, 12, 15, 16, 24, 25, 30, 60):
        for out_fps in (1, 12, 16, 24, 25, 30, 50, 60):
            for frames in range(1, 200):
                exact = max(1, int(Fraction(frames * out_fps, clip_fps) + Fraction(1, 2)))
                assert conformed_frame_count(frames, clip_fps, out_fps) == exact, (frames, clip_fps, out_fps)
    assert conformed_frame_count(81, Fraction(30000, 1001), 24) == 65  # non-whole rates keep Fractions
