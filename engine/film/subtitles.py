"""Subtitle files beside the film: SubRip (.srt) and WebVTT (.vtt), timed to the shots.

A small writer rather than a library: both formats are a numbered list of 'start --> end' lines and
text, and the only rules that matter (comma or dot before milliseconds, no blank line inside a cue, the
WEBVTT header, no '-->' in the text) fit in a few tested lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.storage.atomic_file import write_bytes_atomic

FORMATS = ("srt", "vtt")


@dataclass(frozen=True)
class Cue:
    """One subtitle: its text from start to end, in seconds of film time."""

    start: float
    end: float
    text: str


def _stamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{separator}{rest % 1000:03d}"


def _cue_text(text: str) -> str:
    # A blank line ends a cue and '-->' starts a timing line, in both formats.
    lines = [line.strip() for line in text.replace("-->", "→").splitlines()]
    return "\n".join(line for line in lines if line)


def subtitle_text(cues: list[Cue], kind: str) -> str:
    """The whole file for cues (empty texts skipped) in kind 'srt' or 'vtt'."""
    if kind not in FORMATS:
        raise ValueError(f"subtitles are srt or vtt, not {kind!r}")
    separator = "," if kind == "srt" else "."
    blocks = ["WEBVTT\n"] if kind == "vtt" else []
    shown = [(cue, _cue_text(cue.text)) for cue in cues if cue.end > cue.start]
    for number, (cue, text) in enumerate(((c, t) for c, t in shown if t), start=1):
        timing = f"{_stamp(cue.start, separator)} --> {_stamp(cue.end, separator)}"
        blocks.append(f"{number}\n{timing}\n{text}\n")
    return "\n".join(blocks)


def write_subtitles(path: Path, cues: list[Cue], kind: str) -> Path:
    """Write the cues to path in kind's format, atomically, as UTF-8."""
    write_bytes_atomic(path, subtitle_text(cues, kind).encode("utf-8"))
    return path
