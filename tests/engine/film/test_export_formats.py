"""Every delivery format's codec, size, rate, frame count and duration; music; sizes; safe writes."""

from __future__ import annotations

import errno
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from export_support import BLUE, RED, audio_samples, flat_clip, sine_tone, video_facts

from engine.film.export_settings import (
    ExportSettings,
    format_for_output,
    output_size,
    parse_size,
    parse_transition,
)
from engine.film.exporter import ExportError, ExportProgress, export_film
from engine.progress import Cancelled, CancelToken
from engine.video.conform import ClipSpan
from engine.video.video_io import read_frames

EXPECTED = {  # format: (codec, pixel format as decoded)
    "mp4": ("h264", "yuv420p"),
    "webm": ("vp9", "yuv420p"),
    "mov": ("prores", "yuv422p10le"),
    "gif": ("gif", "bgra"),
}


@pytest.fixture
def clips(tmp_path: Path) -> list[ClipSpan]:
    a = flat_clip(tmp_path / "a.mp4", RED, frames=12)
    b = flat_clip(tmp_path / "b.mp4", BLUE, frames=12, width=48, height=48)  # square: bars at 64x48
    return [ClipSpan(a), ClipSpan(b, trim_in=2)]


def _export(spans, dest, **settings):
    film = settings.pop("film", ((64, 48), 16))
    return export_film(spans, dest, ExportSettings(**settings), film_size=film[0], film_fps=film[1])


@pytest.mark.parametrize("fmt", ["mp4", "webm", "mov", "gif"])
def test_each_movie_format(tmp_path, clips, fmt):
    dest = tmp_path / f"film.{fmt}"
    result = _export(clips, dest, format=fmt, size=(96, 64), fps=24)
    # 12 + 10 frames at 16 fps are 1.375 s: 33 frames at 24 fps.
    assert (result.frames, result.width, result.height, result.fps) == (33, 96, 64, 24)
    facts = video_facts(dest)
    assert (facts["codec"], facts["pix_fmt"]) == EXPECTED[fmt]
    assert facts["size"] == (96, 64) and facts["frames"] == 33
    assert facts["duration"] == pytest.approx(33 / 24, abs=0.02)
    if fmt == "gif":  # GIF delays are in 1/100 s: 24 fps is stored as 4 and 5 cs delays
        assert float(facts["rate"]) == pytest.approx(24, rel=0.05)
    else:
        assert facts["rate"] == 24
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_mp4_is_streamable_bt709_h264(tmp_path, clips):
    dest = tmp_path / "film.mp4"
    _export(clips, dest, quality="medium")
    data = dest.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")  # +faststart
    with av.open(str(dest)) as container:
        ctx = container.streams.video[0].codec_context
        assert ctx.colorspace == 1 and ctx.color_range == 1  # BT.709, limited range


def test_prores_profile_follows_quality(tmp_path, clips):
    _export(clips, tmp_path / "m.mov", format="mov", quality="medium")
    assert video_facts(tmp_path / "m.mov")["profile"] == "Standard"  # ProRes 422
    _export(clips, tmp_path / "h.mov", format="mov", quality="high")
    assert video_facts(tmp_path / "h.mov")["profile"] == "HQ"


def test_png_sequence_is_a_folder_of_frames(tmp_path, clips):
    dest = tmp_path / "frames"
    result = _export(clips, dest, format="png")
    names = sorted(p.name for p in dest.iterdir())
    assert result.frames == 22 and names[0] == "frame_000001.png" and names[-1] == "frame_000022.png"
    assert len(names) == 22
    facts = video_facts(dest / names[0])
    assert facts["codec"] == "png" and facts["size"] == (64, 48)
    first = read_frames(dest / names[0])[0].astype(int)
    assert np.abs(first[24, 32] - RED).max() <= 2  # lossless RGB, no YUV round trip beyond the take's
    # Exporting again replaces the earlier sequence in one step.
    _export(clips[:1], dest, format="png")
    assert len(list(dest.iterdir())) == 12
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("fmt,codec", [("mp4", "aac"), ("webm", "opus")])
def test_music_is_trimmed_to_the_film_and_faded_out(tmp_path, clips, fmt, codec):
    tone = sine_tone(tmp_path / "tone.flac", 5.0)
    dest = tmp_path / f"film.{fmt}"
    result = _export(clips, dest, format=fmt, audio=tone)
    samples, rate, name = audio_samples(dest)
    assert name == codec and rate == 48000
    assert samples.shape[1] / rate == pytest.approx(result.duration, abs=0.025)
    level = np.abs(samples[0])
    assert level[: rate // 4].max() > 0.2  # the tone at full level at the start (mono upmixed at -3 dB)
    assert level[-rate // 50 :].max() < 0.05  # and faded to silence at the end


def test_short_music_is_padded_with_silence(tmp_path, clips):
    tone = sine_tone(tmp_path / "tone.wav", 0.5)
    dest = tmp_path / "film.mp4"
    result = _export(clips, dest, audio=tone)
    samples, rate, _ = audio_samples(dest)
    assert samples.shape[1] / rate == pytest.approx(result.duration, abs=0.025)
    assert np.abs(samples[0, rate : rate + 2000]).max() < 0.01


def test_size_policies(tmp_path):
    wide = flat_clip(tmp_path / "wide.mp4", (200, 200, 200), frames=2, width=64, height=36)
    spans = [ClipSpan(wide)]
    film = ((64, 36), 16)
    # pad: the chosen box, with bars where the aspects differ (16:9 into 9:16).
    _export(spans, tmp_path / "pad.mp4", size=(36, 64), fit="pad", film=film)
    frame = read_frames(tmp_path / "pad.mp4")[0].astype(int)
    assert frame.shape == (64, 36, 3) and frame[:10].max() <= 8 and frame[32, 18].min() >= 190
    # fill: the box covered, nothing black.
    _export(spans, tmp_path / "fill.mp4", size=(36, 64), fit="fill", film=film)
    frame = read_frames(tmp_path / "fill.mp4")[0].astype(int)
    assert frame.shape == (64, 36, 3) and frame.min() >= 190
    # fit: the film's own aspect inside the box.
    result = _export(spans, tmp_path / "fit.mp4", size=(36, 64), fit="fit", film=film)
    assert (result.width, result.height) == (36, 20)
    assert video_facts(tmp_path / "fit.mp4")["size"] == (36, 20)


def test_a_look_sees_the_cropped_frame_when_filling(tmp_path):
    clip = flat_clip(tmp_path / "c.mp4", (100, 100, 100), frames=3, width=64, height=32)
    shapes = []

    def invert(image):
        shapes.append(image.shape)
        return 255 - image

    _export([ClipSpan(clip, look=invert)], tmp_path / "f.mp4", size=(32, 32), fit="fill", film=((64, 32), 16))
    assert shapes == [(32, 32, 3)] * 3
    assert abs(read_frames(tmp_path / "f.mp4")[0].astype(int).mean() - 155) < 4


def test_progress_reports_speed_and_time_left(tmp_path, clips):
    reports: list[ExportProgress] = []
    export_film(
        clips,
        tmp_path / "f.webm",
        ExportSettings(format="webm"),
        film_size=(64, 48),
        film_fps=16,
        on_progress=reports.append,
    )
    last = reports[-1]
    assert last.frame == last.total == 22 and last.fps > 0 and last.eta == 0
    assert "fps" in last.to_dict()["message"]


@pytest.mark.parametrize("fmt,name", [("mp4", "film.mp4"), ("png", "frames"), ("gif", "film.gif")])
def test_cancel_leaves_nothing(tmp_path, clips, fmt, name):
    token = CancelToken()

    def cancel_soon(progress):
        token.cancel()

    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(Cancelled):
        export_film(
            clips,
            tmp_path / name,
            ExportSettings(format=fmt),
            film_size=(64, 48),
            film_fps=16,
            on_progress=cancel_soon,
            cancel=token,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("fmt,name", [("mp4", "film.mp4"), ("png", "frames")])
def test_a_full_disk_gives_a_clear_message_and_leaves_nothing(tmp_path, clips, monkeypatch, fmt, name):
    from engine.film import writers

    writer = writers.WRITERS[fmt]
    real_write = writer.write

    def write(self, frame, pass_index=0):
        if self.count == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, frame, pass_index)

    monkeypatch.setattr(writer, "write", write)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ExportError, match="Not enough free space"):
        _export(clips, tmp_path / name, format=fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_unwritable_place_is_named(tmp_path, clips):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        _export(clips, tmp_path / "a-file" / "film.mp4")
    with pytest.raises(ExportError, match="is a folder"):
        _export(clips, tmp_path)
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not an earlier PNG export"):
        _export(clips, tmp_path / "stuff", format="png")
    assert (tmp_path / "stuff" / "notes.txt").read_text() == "mine"


def test_settings_parsing():
    assert format_for_output(Path("a.MOV")) == "mov" and format_for_output(Path("frames")) == "png"
    assert format_for_output(Path("a.avi")) is None
    assert parse_size("1080p") == (1920, 1080) and parse_size("vertical") == (1080, 1920)
    assert parse_size("640x360") == (640, 360) and parse_size("project") is None
    with pytest.raises(ValueError, match="not a size"):
        parse_size("big")
    assert parse_transition("crossfade:0.25") == ("crossfade", 0.25) and parse_transition("cut")[0] == "cut"
    with pytest.raises(ValueError):
        parse_transition("wipe:1")
    assert output_size(1280, 720, ExportSettings(size=(1080, 1920), fit="fit")) == (1080, 608)
    assert output_size(1280, 720, ExportSettings(size=(1081, 1921), fit="pad")) == (1080, 1920)
    assert output_size(1280, 720, ExportSettings(format="gif", size=(321, 181))) == (321, 181)
    with pytest.raises(ValueError, match="format"):
        ExportSettings(format="avi").check()
    assert Fraction(1, 2)  # keep the import honest for readers comparing rates


def test_frames_are_made_on_a_worker_while_the_encoder_runs(tmp_path, clips):
    # Decoding, the look and the conform run ahead on their own thread; the film is the same.
    import threading

    made_on = set()

    def look(frame):
        made_on.add(threading.current_thread().name)
        return frame

    spans = [ClipSpan(span.path, span.trim_in, look=look) for span in clips]
    result = _export(spans, tmp_path / "film.mp4", format="mp4")
    assert made_on == {"storyreel-export-frames"} and result.frames == 22
    assert not [t for t in threading.enumerate() if t.name == "storyreel-export-frames"]
