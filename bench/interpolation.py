"""In-between frames against the truth: PSNR of each way to double a clip's frame rate, in one run.

    python bench/interpolation.py [--size 256] [--frames 17] [--speed 2.7] [--interpolator SOURCE]

A procedural texture (sinusoids and rings, evaluated exactly at each sub-pixel position, so the truth
is not a resampled image) slides `--speed` pixels right and 0.4 of that down per 16 fps frame. The
clip is taken to 32 fps by: the learned interpolator (RIFE weights on this machine: --interpolator, else
Preferences'; never downloaded here), Storyreel's optical-flow
interpolator (engine/video/motion), ffmpeg's minterpolate filter (motion-compensated, the ffmpeg CLI),
blending and repeating. Only the new in-between frames are scored, 16 px in from the edges.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

MARGIN = 16


def texture(size: int, dx: float, dy: float) -> np.ndarray:
    """The texture moved by (dx, dy) pixels, as RGB uint8."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    x, y = x - dx, y - dy
    r = np.hypot(x - size / 2, y - size / 3)
    red = 128 + 70 * np.sin(x / 3.3) * np.cos(y / 4.1) + 40 * np.sin(r / 2.2)
    green = 128 + 60 * np.sin((x + 2 * y) / 5.3) + 50 * np.cos(x / 1.9 - y / 7.0)
    blue = 128 + 90 * np.sin((x - y) / 2.7) * np.sin(r / 9.0)
    return np.clip(np.stack([red, green, blue], axis=-1), 0, 255).astype(np.uint8)


def psnr(frames: list[np.ndarray], truth: list[np.ndarray]) -> float:
    """PSNR (dB) over the in-between frames, borders left out (minterpolate stops at the last source
    frame, one in-between short: the frames it made are scored)."""
    m, truth = MARGIN, truth[: len(frames)]
    error = np.mean(
        [
            np.mean((a[m:-m, m:-m].astype(np.float64) - b[m:-m, m:-m]) ** 2)
            for a, b in zip(frames, truth, strict=True)
        ]
    )
    return float(10 * np.log10(255**2 / max(error, 1e-12)))


def minterpolate(source: list[np.ndarray], folder: Path) -> list[np.ndarray] | None:
    """ffmpeg's motion-compensated interpolation to 32 fps (None where no ffmpeg is on PATH)."""
    from engine.video.video_io import read_frames, write_clip

    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    clip, out = folder / "source.mp4", folder / "minterpolate.mkv"
    write_clip(np.stack(source), 16, clip)
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-i", str(clip), "-vf",
         "minterpolate=fps=32:mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1",
         "-c:v", "ffv1", "-pix_fmt", "bgr0", str(out)],
        check=True,
    )  # fmt: skip
    return list(read_frames(out))


def local_interpolator(source: str | None) -> tuple[object | None, str]:
    """The learned interpolator from weights already on this machine, or None and why not."""
    from engine.errors import StoryreelError
    from engine.film.learned_motion import load_interpolator
    from engine.model_hub import fetch_snapshot, is_repo_id

    if source is None:
        from app.settings.model_settings import load_model_settings
        from app.settings.user_settings import load_settings

        source = load_model_settings(load_settings()).interpolator or None
    if source is None:
        return None, "no RIFE weights set (--interpolator or Preferences > Model > Interpolator)"
    try:
        folder = str(fetch_snapshot(source, None, local_files_only=True)) if is_repo_id(source) else source
        return load_interpolator(folder), source
    except StoryreelError as exc:
        return None, f"{source}: not usable here ({exc.message})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--frames", type=int, default=17)
    parser.add_argument("--speed", type=float, default=2.7, help="pixels per 16 fps frame (sub-pixel)")
    parser.add_argument(
        "--interpolator", help="RIFE IFNet weights on this machine (safetensors file or folder)"
    )
    args = parser.parse_args()
    from engine.video.motion import FlowInterpolator, Interpolator, blend, retimed

    speed = args.speed
    source = [texture(args.size, k * speed, k * speed * 0.4) for k in range(args.frames)]
    # The in-betweens: half a frame on from each source frame but the last.
    truth = [texture(args.size, (k + 0.5) * speed, (k + 0.5) * speed * 0.4) for k in range(args.frames - 1)]
    count = 2 * args.frames

    def odd(frames: list[np.ndarray]) -> list[np.ndarray]:
        return frames[1 : 2 * (args.frames - 1) : 2]

    rows: list[tuple[str, float | None, float]] = []
    started = time.perf_counter()
    learned, learned_note = local_interpolator(args.interpolator)
    methods: list[tuple[str, Interpolator]] = [
        ("optical flow (OpenCV Farneback)", FlowInterpolator()),
        ("blend", blend),
    ]
    if learned is not None:
        methods.insert(0, ("learned interpolator (RIFE IFNet)", learned))  # type: ignore[arg-type]
    for name, between in methods:
        started = time.perf_counter()
        made = list(retimed(iter(source), 16, 32, count, between))
        rows.append((name, psnr(odd(made), truth), time.perf_counter() - started))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        made_by_ffmpeg = minterpolate(source, Path(tmp))
        seconds = time.perf_counter() - started
    rows.append(("ffmpeg minterpolate (mci, aobmc)", None if made_by_ffmpeg is None else
                 psnr(odd(made_by_ffmpeg), truth), seconds))  # fmt: skip
    rows.append(("repeat", psnr(source[:-1], truth), 0.0))
    print(
        f"{args.size}x{args.size}, {args.frames} frames 16 -> 32 fps, {speed} px/frame right, {speed * 0.4:.2f} down"
    )
    # Random or missing weights would give a number that means nothing: no row, and the reason instead.
    if learned is None:
        print(f"learned interpolator (RIFE IFNet): not measured, {learned_note}")
    else:
        print(f"learned interpolator (RIFE IFNet): weights from {learned_note}")
    print(f"{'method':36} {'PSNR dB':>8} {'seconds':>8}")
    for name, value, seconds in rows:
        shown = "n/a" if value is None else f"{value:.2f}"
        print(f"{name:36} {shown:>8} {seconds:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
