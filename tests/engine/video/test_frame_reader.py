"""FrameReader: random access by index, decoding ahead on its own thread, exact frames."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from app.film.preview_sequence import PreviewSpan, SpanFrames, preview_spans, span_at
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot, Take
from engine.video.frame_reader import FrameReader
from engine.video.video_io import VideoError, read_frames, write_clip


def noise_clip(path, frames=20, seed=0):
    rng = np.random.default_rng(seed)
    data = rng.integers(0, 256, (frames, 32, 48, 3), dtype=np.uint8)
    write_clip(data, 16, path)
    return data


def test_random_access_matches_the_file(tmp_path):
    path = tmp_path / "clip.mp4"
    data = noise_clip(path, frames=60)
    reader = FrameReader(path, cache_size=6, ahead=3)
    try:
        assert reader.frame_count == 60
        for index in (0, 5, 19, 3, 3, 12, 0, 50, 40, 59, 1):  # forward, backward, repeated, far jumps
            assert np.array_equal(reader.frame(index), data[index]), index
        assert len(reader._cache) <= 6
        assert np.array_equal(reader.frame(99), data[59])  # clamped to the last frame
    finally:
        reader.close()
    assert not reader._thread.is_alive()


def test_peek_decodes_ahead_in_the_background(tmp_path):
    path = tmp_path / "clip.mp4"
    data = noise_clip(path, frames=12)
    reader = FrameReader(path, ahead=4)
    try:
        assert reader.peek(4) is None or np.array_equal(reader.peek(4), data[4])
        reader.frame(4)
        ready = threading.Event()
        for _ in range(200):
            if all(i in reader._cache for i in range(4, 8)):
                ready.set()
                break
            ready.wait(0.01)
        assert ready.is_set()
        assert np.array_equal(reader.peek(6), data[6])
    finally:
        reader.close()


def test_transform_is_applied_and_changing_it_drops_the_cache(tmp_path):
    path = tmp_path / "clip.mp4"
    data = noise_clip(path, frames=5)
    reader = FrameReader(path, transform=lambda f: 255 - f)
    try:
        assert np.array_equal(reader.frame(2), 255 - data[2])
        reader.set_transform(None)
        assert np.array_equal(reader.frame(2), data[2])
    finally:
        reader.close()


def test_unreadable_file(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video")
    reader = FrameReader(bad)  # opening never waits on the file: the worker probes it
    try:
        with pytest.raises(VideoError):
            reader.frame(0)
        with pytest.raises(VideoError):
            reader.frame_count  # noqa: B018
        assert reader.peek(0) is None and isinstance(reader.error, VideoError)
    finally:
        reader.close()


def test_opening_a_reader_does_not_touch_the_file_on_the_callers_thread(tmp_path, monkeypatch):
    """The preview opens a reader on a click: the probe (and PyAV's first import) runs on the worker."""
    import engine.video.frame_reader as module

    path = tmp_path / "clip.mp4"
    data = noise_clip(path, frames=6)
    callers: list[str] = []
    real = module.probe

    def probe(clip):
        callers.append(threading.current_thread().name)
        return real(clip)

    monkeypatch.setattr(module, "probe", probe)
    gate = threading.Event()
    monkeypatch.setattr(
        module.FrameReader, "_probe", lambda self, real=module.FrameReader._probe: (gate.wait(5), real(self))
    )
    reader = FrameReader(path)
    try:
        assert reader.peek(99) is None  # asked before the probe: not clamped yet, nothing waits
        assert callers == []
        gate.set()
        assert reader.frame_count == 6
        assert callers == [f"storyreel-frames-{path.name}"]
        assert np.array_equal(reader.frame(99), data[5])  # clamped once the count is known
    finally:
        reader.close()


def test_preview_spans_follow_trims_and_order(tmp_path):
    project = Project(ProjectSettings(fps=16), [Shot(prompt="a"), Shot(prompt="b"), Shot(prompt="c")])
    project.path = tmp_path / "film.reel"
    media = project.media_dir
    media.mkdir()
    data = noise_clip(media / "a.mp4", frames=9)
    project.shots[0].takes.append(Take(id="t1", path="a.mp4", frames=9, fps=16))
    project.shots[0].active_take = "t1"
    project.shots[0].trim_in, project.shots[0].trim_out = 2, 6
    project.shots[1].takes.append(Take(id="t2", path="a.mp4", frames=9, fps=8))
    project.shots[1].active_take = "t2"
    spans = preview_spans(project, with_looks=False)
    assert [(s.first, s.stop, s.fps) for s in spans[:2]] == [(2, 6, 16), (0, 9, 8)]
    assert spans[1].start == pytest.approx(0.25) and spans[2].path is None
    assert span_at(spans, 0.3).shot_id == project.shots[1].id
    assert spans[1].source_frame(0.25 + 3 / 8) == 3
    frames = SpanFrames()
    try:
        assert np.array_equal(frames.frame(spans[0], 0.0, wait=5), data[2])
        assert frames.frame(PreviewSpan("x", None, 0, 1, 16, 0.0), 0.0) is None
    finally:
        frames.close()
    assert np.array_equal(read_frames(media / "a.mp4", 2, 3)[0], data[2])


def test_a_new_look_redecodes_the_frames_on_screen(tmp_path):
    path = tmp_path / "clip.mp4"
    data = noise_clip(path, frames=8)
    reader = FrameReader(path)
    try:
        assert np.array_equal(reader.frame(2), data[2])
        reader.set_transform(lambda frame: 255 - frame)
        assert reader.peek(2) is None  # the old look's frames are gone
        # No new request: the worker must redecode the wanted frame in the new look by itself.
        with reader._cond:
            assert reader._cond.wait_for(lambda: 2 in reader._cache, timeout=5)
        assert np.array_equal(reader.peek(2), 255 - data[2])
    finally:
        reader.close()
