"""Helpers for the export tests: flat-colour clips, a sine tone, a project with takes, PyAV probes."""

from __future__ import annotations

import struct
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot, Take
from engine.video.video_io import write_clip

RED, BLUE, GREEN = (200, 40, 40), (40, 40, 200), (40, 180, 60)


def flat_clip(path: Path, colour, frames: int = 16, width: int = 64, height: int = 48, fps: int = 16) -> Path:
    """A lossless clip of one flat colour."""
    write_clip(np.full((frames, height, width, 3), colour, np.uint8), fps, path)
    return path


def sine_tone(path: Path, seconds: float, rate: int = 44100, freq: float = 440.0) -> Path:
    """A mono sine tone written with PyAV (format from the extension)."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream(
            "pcm_s16le" if path.suffix == ".wav" else "flac", rate=rate, layout="mono"
        )
        t = np.arange(round(seconds * rate)) / rate
        samples = (np.sin(2 * np.pi * freq * t) * 12000).astype(np.int16)[None]
        frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate, frame.pts = rate, 0
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def video_facts(path: Path) -> dict:
    """Codec, pixel format, size, nominal rate, decoded frame count and duration of the first video stream."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        ctx = stream.codec_context
        frames = [f for f in container.decode(stream)]
        last = frames[-1]
        # The end of the last frame: its start plus one frame at the nominal rate (GIF: its own delay).
        end = float(last.pts * stream.time_base) + (
            float(last.duration * stream.time_base) if last.duration else 1 / float(stream.average_rate)
        )
        return {
            "codec": ctx.name,
            "pix_fmt": ctx.pix_fmt,
            "size": (ctx.width, ctx.height),
            "rate": Fraction(stream.average_rate),
            "frames": len(frames),
            "duration": end,
            "profile": ctx.profile,
        }


def long_wav(path, hours: float = 10.0, rate: int = 8000):
    """A WAV of `hours` of 16-bit mono silence, sparse on disk (576 MB on paper, a few bytes written)."""
    size = int(hours * 3600 * rate * 2)
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    with path.open("wb") as handle:
        handle.write(
            b"RIFF" + struct.pack("<I", 36 + size) + b"WAVEfmt " + fmt + b"data" + struct.pack("<I", size)
        )
        handle.truncate(44 + size)
    return path


def audio_samples(path: Path) -> tuple[np.ndarray, int, str]:
    """The first audio stream decoded to (channels, n) float, its rate and codec."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        chunks = [
            f.to_ndarray().reshape(f.layout.nb_channels, -1)
            if f.format.is_planar
            else f.to_ndarray().reshape(-1, f.layout.nb_channels).T
            for f in container.decode(stream)
        ]
        return np.concatenate(chunks, axis=1), stream.rate, stream.codec_context.name


def project_with_takes(
    folder: Path, colours: list, frames: int = 16, fps: int = 16, width: int = 64, height: int = 48
) -> Project:
    """A saved project whose shots each have a flat-colour take of `frames` frames."""
    project = Project(ProjectSettings(name="Film", width=width, height=height, fps=fps))
    path = save_project(project, folder / "film.reel")
    media = project.media_dir
    assert media is not None
    media.mkdir(parents=True, exist_ok=True)
    for index, colour in enumerate(colours):
        shot = Shot(title=f"S{index + 1}", prompt=f"shot {index + 1}")
        project.add_shot(shot)
        flat_clip(media / f"take{index}.mp4", colour, frames, width, height, fps)
        project.add_take(
            shot.id,
            Take(
                id=f"t{index}",
                path=f"take{index}.mp4",
                width=width,
                height=height,
                frames=frames,
                fps=fps,
                imported=True,
            ),
        )
    save_project(project, path)
    return project
