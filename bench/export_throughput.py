"""Export throughput: Storyreel's exporter vs the ffmpeg command line doing the same job.

Both join the same lossless takes (Wan-sized, 832x480 at 16 fps), scale them into 1280x720 with
bars (bicubic, BT.709 limited range), and encode with the same codec and options. Prints frames
per second for each and the ratio ours / ffmpeg as the median of interleaved pairs (issue 22's goal:
at least 1.0), and each run's CPU seconds (getrusage), which a loaded machine skews far less than wall time.
Needs the ffmpeg command line (`apt-get install ffmpeg`); exits 2 without it.
Usage: python bench/export_throughput.py [--shots N] [--frames F] [--format mp4|mov|webm] [--runs PAIRS]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.film.export_settings import FORMATS, ExportSettings  # noqa: E402
from engine.film.exporter import export_film  # noqa: E402
from engine.video.conform import ClipSpan, fit_size  # noqa: E402
from engine.video.video_io import probe, write_clip  # noqa: E402

SRC_W, SRC_H, FPS = 832, 480, 16
OUT_W, OUT_H = 1280, 720
QUALITY = "high"


def make_takes(folder: Path, shots: int, frames: int) -> list[Path]:
    """Lossless takes with moving detail (a flat picture would flatter both encoders)."""
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:SRC_H, 0:SRC_W]
    paths = []
    for shot in range(shots):
        noise = rng.integers(0, 40, (SRC_H, SRC_W, 3), dtype=np.uint8)
        clip = np.empty((frames, SRC_H, SRC_W, 3), np.uint8)
        for i in range(frames):
            phase = (x + 3 * i + 50 * shot) % 256
            clip[i, ..., 0] = phase
            clip[i, ..., 1] = (y + 2 * i) % 256
            clip[i, ..., 2] = (x + y + i) % 256
            clip[i] = clip[i] // 2 + np.roll(noise, i * 2, axis=1)  # gradients that move, plus grain
        path = folder / f"take{shot}.mp4"
        write_clip(clip, FPS, path)
        paths.append(path)
    return paths


def ffmpeg_command(ffmpeg: str, takes: list[Path], out: Path, fmt: str) -> list[str]:
    """The same job for the ffmpeg command line: scale + pad each take, concat, encode."""
    preset = FORMATS[fmt]
    fit_w, fit_h = fit_size(SRC_W, SRC_H, OUT_W, OUT_H)
    left, top = (OUT_W - fit_w) // 4 * 2, (OUT_H - fit_h) // 4 * 2
    matrix = ":out_color_matrix=bt709:out_range=tv" if preset.pix_fmt.startswith("yuv") else ""
    chains = [
        f"[{i}:v]scale={fit_w}:{fit_h}:flags=bicubic{matrix},format={preset.pix_fmt},"
        f"pad={OUT_W}:{OUT_H}:{left}:{top}:black,setsar=1[v{i}]"
        for i in range(len(takes))
    ]
    graph = (
        ";".join(chains)
        + ";"
        + "".join(f"[v{i}]" for i in range(len(takes)))
        + f"concat=n={len(takes)}:v=1:a=0[out]"
    )
    cmd = [ffmpeg, "-y", "-v", "error"]
    for take in takes:
        cmd += ["-i", str(take)]
    cmd += [
        "-filter_complex",
        graph,
        "-map",
        "[out]",
        "-r",
        str(FPS),
        "-c:v",
        preset.codec,
        "-pix_fmt",
        preset.pix_fmt,
    ]
    for key, value in preset.quality_options[QUALITY].items():
        cmd += [f"-{key}" if key != "b" else "-b:v", value]
    if preset.pix_fmt.startswith("yuv"):
        cmd += [
            "-colorspace",
            "bt709",
            "-color_primaries",
            "bt709",
            "-color_trc",
            "bt709",
            "-color_range",
            "tv",
        ]
    for key, value in preset.container_options.items():
        cmd += [f"-{key}", value]
    return cmd + [str(out)]


def cpu_seconds(who: int) -> float:
    """User plus system CPU seconds so far of this process (RUSAGE_SELF) or its ended children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def pairs_of_times(runs: int, ours, theirs) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(ours, theirs) wall seconds of each interleaved pair, so a busy moment hurts both of a pair alike,
    and (ours, theirs) CPU seconds of the same runs (ours in this process, theirs in the ffmpeg child)."""
    pairs, cpus = [], []
    for _ in range(runs):
        times, used = [], []
        for job, who in ((theirs, resource.RUSAGE_CHILDREN), (ours, resource.RUSAGE_SELF)):
            cpu, start = cpu_seconds(who), time.perf_counter()
            job()
            times.append(time.perf_counter() - start)
            used.append(cpu_seconds(who) - cpu)
        pairs.append((times[1], times[0]))
        cpus.append((used[1], used[0]))
    return pairs, cpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=int, default=3)
    parser.add_argument("--frames", type=int, default=81)
    parser.add_argument("--format", choices=["mp4", "mov", "webm"], default="mp4")
    parser.add_argument("--runs", type=int, default=5, help="interleaved pairs")
    args = parser.parse_args()
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        print(
            "export_throughput: the ffmpeg command line is needed for the comparison; "
            "install it (apt-get install ffmpeg, or `make bench`, which does).",
            file=sys.stderr,
        )
        return 2
    version = subprocess.run([ffmpeg, "-version"], capture_output=True, text=True).stdout.splitlines()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        takes = make_takes(folder, args.shots, args.frames)
        ext = FORMATS[args.format].extension
        ours_out, theirs_out = folder / f"ours{ext}", folder / f"ffmpeg{ext}"
        settings = ExportSettings(format=args.format, quality=QUALITY, size=(OUT_W, OUT_H), fit="pad")
        spans = [ClipSpan(p) for p in takes]

        def ours() -> None:
            export_film(spans, ours_out, settings, film_size=(OUT_W, OUT_H), film_fps=FPS)

        cmd = ffmpeg_command(ffmpeg, takes, theirs_out, args.format)

        def theirs() -> None:
            subprocess.run(cmd, check=True)

        ours()  # warm-up: imports and the first swscale context belong to no pair
        pairs, cpus = pairs_of_times(args.runs, ours, theirs)
        frames = probe(ours_out).frame_count
        frames_theirs = probe(theirs_out).frame_count
    # The ratio of frame rates, pair by pair; its median, so one outlier on a loaded machine decides nothing.
    ratios = [(frames / t_ours) / (frames_theirs / t_theirs) for t_ours, t_theirs in pairs]
    t_ours = statistics.median(t for t, _ in pairs)
    t_theirs = statistics.median(t for _, t in pairs)
    ours_fps, theirs_fps = frames / t_ours, frames_theirs / t_theirs
    print(f"{version}")
    print(
        f"job: {args.shots} takes of {args.frames} frames {SRC_W}x{SRC_H} -> {OUT_W}x{OUT_H} padded, "
        f"{FORMATS[args.format].codec} {FORMATS[args.format].quality_options[QUALITY]}"
    )
    print(f"ffmpeg:    {frames_theirs} frames in {t_theirs:.2f} s = {theirs_fps:.1f} fps (median)")
    print(f"storyreel: {frames} frames in {t_ours:.2f} s = {ours_fps:.1f} fps (median)")
    print("pairs storyreel/ffmpeg: " + ", ".join(f"{r:.3f}" for r in ratios))
    print("CPU s per run, ffmpeg: " + ", ".join(f"{t:.2f}" for _, t in cpus))
    print("CPU s per run, storyreel: " + ", ".join(f"{o:.2f}" for o, _ in cpus))
    cpu_ratio = statistics.median(t / o for o, t in cpus)
    print(f"CPU ffmpeg/storyreel per frame, median of pairs: {cpu_ratio * frames / frames_theirs:.3f}")
    print(
        f"ratio storyreel/ffmpeg, median of {len(ratios)} pairs: {statistics.median(ratios):.3f} (goal >= 1.0)"
    )
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"note: load average {load:.1f} on {os.cpu_count()} cores; other work skews both timings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
