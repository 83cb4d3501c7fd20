"""SubRip and WebVTT files: timing stamps, numbering, text that would break a cue."""

from __future__ import annotations

import pytest

from engine.film.subtitles import Cue, subtitle_text, write_subtitles

CUES = [Cue(0.0, 2.5, "Hello"), Cue(2.5, 3.0, "  "), Cue(3661.0405, 3662, "两行\n\nsecond --> line")]


def test_srt():
    assert subtitle_text(CUES, "srt") == (
        "1\n00:00:00,000 --> 00:00:02,500\nHello\n\n2\n01:01:01,040 --> 01:01:02,000\n两行\nsecond → line\n"
    )


def test_vtt(tmp_path):
    path = write_subtitles(tmp_path / "film.vtt", CUES, "vtt")
    assert path.read_text(encoding="utf-8") == (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.500\nHello\n\n2\n01:01:01.040 --> 01:01:02.000\n两行\nsecond → line\n"
    )
    with pytest.raises(ValueError, match="srt or vtt"):
        subtitle_text(CUES, "ass")
