"""Importing video files as shots with imported takes."""

from __future__ import annotations

import pytest
from ui_support import write_video

from app.project.take_import import TakeImportError, import_take, is_video_file, shots_from_videos


def test_import_copies_and_probes(tmp_path):
    source = write_video(tmp_path / "Beach Run.mp4", frames=7, width=80, height=48, fps=24)
    media = tmp_path / "film.media"
    take = import_take(media, source)
    assert take.imported and (take.width, take.height, take.frames, take.fps) == (80, 48, 7, 24)
    copied = media / take.path
    assert copied.is_file() and copied.read_bytes() == source.read_bytes()
    assert take.path.startswith("imported/") and "\\" not in take.path


def test_shots_from_videos_reports_each_failure(tmp_path):
    good = write_video(tmp_path / "good.mp4")
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all")
    shots, errors = shots_from_videos(tmp_path / "m", [good, bad, tmp_path / "gone.mp4"])
    assert [s.title for s in shots] == ["good"] and shots[0].active_take == shots[0].takes[0].id
    assert len(errors) == 2 and "bad.mp4" in errors[0] and "no such file" in errors[1]
    none, why = shots_from_videos(None, [good])
    assert none == [] and "Save the project first" in why[0]


def test_unreadable_file_raises_a_clear_error(tmp_path):
    bad = tmp_path / "x.mov"
    bad.write_bytes(b"\0" * 100)
    with pytest.raises(TakeImportError, match="x.mov"):
        import_take(tmp_path / "m", bad)
    assert not (tmp_path / "m" / "imported").exists() or not any((tmp_path / "m" / "imported").iterdir())


def test_video_suffixes():
    assert is_video_file("a.MP4") and is_video_file("b.webm") and not is_video_file("c.reel")
