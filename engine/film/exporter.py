"""Export a film: spans and transitions into a delivery format, atomically, with progress and cancel."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import StoryreelError, describe_os_error
from engine.film.export_settings import FILL, ExportSettings, output_size
from engine.film.film_frames import ConformerFactory, film_frames, plan_film
from engine.film.film_timing import Transition
from engine.progress import CancelToken
from engine.storage.atomic_file import atomic_path, fsync_dir, temp_prefix
from engine.video.conform import ClipSpan
from engine.video.prefetch import Prefetched

if TYPE_CHECKING:
    from av.video.frame import VideoFrame

    from engine.film.title_elements import TitleElement
    from engine.film.title_render import TitleStyle
    from engine.film.writers import FilmWriter
    from engine.video.motion import Interpolator
    from engine.video.video_io import ClipInfo

EXPORTING = "exporting"
# The pixel format frames are conformed to; GIF palettes are made from RGB.
CONFORM_FORMAT = {"pal8": "rgb24"}


class ExportError(StoryreelError):
    """The film could not be written; the message says why in words a person can act on."""

    hint = "Check the export's folder and the free disk space, then export again."


@dataclass(frozen=True)
class ExportProgress:
    """Frames done of total (all passes), encoding speed and estimated seconds left."""

    frame: int
    total: int
    fps: float = 0.0
    eta: float | None = None
    stage: str = EXPORTING

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (the names a Progress event uses for step and total)."""
        out = {"stage": self.stage, "step": self.frame, "total": self.total, "fps": round(self.fps, 1)}
        if self.eta is not None:
            out["eta"] = round(self.eta, 1)
            out["message"] = f"{self.fps:.1f} fps, {format_eta(self.eta)} left"
        return out


def format_eta(seconds: float) -> str:
    """'0:42' or '1:02:03'."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    format: str
    frames: int
    duration: float
    width: int
    height: int
    fps: int


ExportProgressCallback = Callable[[ExportProgress], None]


class _Meter:
    """Reports progress about five times a second, with the average speed so far."""

    def __init__(self, total: int, callback: ExportProgressCallback | None) -> None:
        self.total, self.callback = total, callback
        self.done = 0
        self.start = self.last = time.monotonic()

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        # The first frame reports at once, so a dialog shows movement (and speed) straight away.
        if self.callback is not None and (now - self.last >= 0.2 or self.done in (1, self.total)):
            self.last = now
            elapsed = max(now - self.start, 1e-6)
            fps = self.done / elapsed
            self.callback(ExportProgress(self.done, self.total, fps, (self.total - self.done) / fps))


def _is_png_sequence(folder: Path) -> bool:
    """Whether a folder holds nothing but an earlier PNG export (safe to replace)."""
    return all(p.is_file() and p.name.startswith("frame_") and p.suffix == ".png" for p in folder.iterdir())


@contextlib.contextmanager
def atomic_folder(dest: Path) -> Iterator[Path]:
    """Yield a temporary folder beside dest; on success it takes dest's place, on error it is removed."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(dest), suffix=dest.suffix, dir=dest.parent))
    try:
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; an export is for sharing
        yield tmp
        old = None
        if dest.exists():
            # A folder can't be replaced in one step: move the old one aside, then delete it.
            old = tmp.with_name(tmp.name + ".old")
            os.replace(dest, old)
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _check_destination(dest: Path, folder: bool) -> None:
    if folder:
        if dest.exists() and (not dest.is_dir() or not _is_png_sequence(dest)):
            raise ExportError(
                f"{dest} already exists and is not an earlier PNG export; choose a new folder name."
            )
    elif dest.is_dir():
        raise ExportError(f"{dest} is a folder; choose a file name.")


def upscaling_conformer(settings: ExportSettings, width: int, height: int, pix_fmt: str) -> ConformerFactory:
    """Conformers that put each source frame through the upscaling model before fitting it to the film."""
    from av.video.frame import VideoFrame

    from engine.film.upscaling import load_upscaler, upscaled_size
    from engine.video.conform import Conformer
    from engine.video.video_io import frame_to_rgb

    assert settings.upscale_model is not None  # settings.check() asks for it
    upscaler = load_upscaler(settings.upscale_model, settings.upscale)
    fill = settings.fit == FILL

    def factory(span: ClipSpan, info: ClipInfo) -> Callable[[VideoFrame], VideoFrame]:
        big_w, big_h = upscaled_size(info.width, info.height, upscaler.scale)
        fit = Conformer(big_w, big_h, width, height, span.look, pix_fmt=pix_fmt, fill=fill)

        def conform(frame: VideoFrame) -> VideoFrame:
            return fit(VideoFrame.from_ndarray(upscaler(frame_to_rgb(frame)), format="rgb24"))

        return conform

    return factory


def learned_interpolator(settings: ExportSettings) -> Interpolator | None:
    """The learned model interpolate uses when the settings name one (loaded once for every pass)."""
    if settings.motion != "interpolate" or not settings.interpolator:
        return None
    from engine.film.learned_motion import load_interpolator

    return load_interpolator(settings.interpolator, settings.interpolator_revision)


def export_film(
    spans: list[ClipSpan],
    dest: Path,
    settings: ExportSettings,
    *,
    film_size: tuple[int, int],
    film_fps: int,
    transitions: list[Transition] | None = None,
    fade_in: float = 0.0,
    fade_out: float = 0.0,
    on_progress: ExportProgressCallback | None = None,
    cancel: CancelToken | None = None,
    titles: list[TitleElement] | None = None,
    title_style: TitleStyle | None = None,
) -> ExportResult:
    """Write the spans joined by their transitions to dest in settings' format; nothing is left on failure.

    film_size and film_fps are the project's, used where settings leave size or fps unset.
    transitions[i] leads into spans[i]. A PNG sequence's dest is a folder. titles are drawn over the film
    by the renderer the preview uses, in title_style's font.
    """
    from engine.film.title_render import title_video_frame
    from engine.film.writers import WRITERS
    from engine.video.motion import in_between

    settings.check()
    dest = Path(dest)
    preset = settings.preset
    folder = preset.extension == ""
    _check_destination(dest, folder)
    fps = settings.fps or film_fps
    width, height = output_size(film_size[0], film_size[1], settings)
    plan = plan_film(spans, transitions, fps, fade_in, fade_out)
    pix_fmt = CONFORM_FORMAT.get(preset.pix_fmt, preset.pix_fmt)
    make_writer = WRITERS[settings.format]
    conformer = upscaling_conformer(settings, width, height, pix_fmt) if settings.upscale > 1 else None
    learned = learned_interpolator(settings)
    place = atomic_folder(dest) if folder else atomic_path(dest)
    try:
        with place as tmp:
            writer: FilmWriter = make_writer(tmp, settings, width, height, fps, plan.duration)
            try:
                meter = _Meter(plan.total * writer.passes, on_progress)
                for pass_index in range(writer.passes):
                    # Decoded and conformed on a worker while the encoder takes the frame before.
                    frames = Prefetched(
                        lambda: film_frames(
                            plan,
                            width,
                            height,
                            pix_fmt,
                            fill=settings.fit == FILL,
                            conformer=conformer,
                            between=learned or in_between(settings.motion),
                        ),
                        name="export-frames",
                    )
                    with contextlib.closing(frames):
                        for index, frame in enumerate(frames):
                            if cancel is not None:
                                cancel.check()
                            if titles:
                                frame = title_video_frame(frame, titles, index / fps, title_style, pix_fmt)
                            writer.write(frame, pass_index)
                            meter.step()
                writer.close()
            except BaseException:
                writer.abort()
                raise
    except OSError as exc:
        # PyAV's write errors are OSErrors too (av.error.OSError), with the errno of the failed write.
        raise ExportError(describe_os_error(exc, dest)) from exc
    return ExportResult(dest, settings.format, plan.total, plan.duration, width, height, fps)
