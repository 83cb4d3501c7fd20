"""What an export makes: format presets, quality, size and fit policy, frame rate, music, range."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.video.motion import MOTIONS

# Fit policies: how a film of one aspect goes into a frame of another.
FIT = "fit"  # the output takes the film's aspect inside the chosen box: no bars, nothing cut
FILL = "fill"  # every shot covers the whole box; what sticks out is cropped
PAD = "pad"  # every shot fits inside the box, with black bars where the aspects differ
FIT_POLICIES = (FIT, FILL, PAD)

QUALITIES = ("low", "medium", "high")

# Transitions into a shot from the previous one.
CUT, CROSSFADE, FADE = "cut", "crossfade", "fade"
TRANSITIONS = (CUT, CROSSFADE, FADE)


@dataclass(frozen=True)
class FormatPreset:
    """One delivery format: container, codecs, pixel format and per-quality encoder options."""

    key: str
    label: str
    extension: str  # "" for a folder of images
    container: str
    codec: str
    pix_fmt: str
    quality_options: dict[str, dict[str, str]] = field(default_factory=dict)
    audio_codec: str | None = None
    container_options: dict[str, str] = field(default_factory=dict)


# Options per quality are what ffmpeg's command line would be given, so bench/ can compare like for like.
# libx264: at crf 18 veryfast looks the same as medium and encoded 832x480 about 2.3x faster (2 cores);
# the cost is a somewhat larger file (content-dependent, typically 10-25%).
FORMATS: dict[str, FormatPreset] = {
    "mp4": FormatPreset(
        "mp4",
        "MP4 (H.264)",
        ".mp4",
        "mp4",
        "libx264",
        "yuv420p",
        {
            "low": {"crf": "28", "preset": "veryfast"},
            "medium": {"crf": "23", "preset": "veryfast"},
            "high": {"crf": "18", "preset": "veryfast"},
        },
        audio_codec="aac",
        container_options={"movflags": "+faststart"},
    ),
    "webm": FormatPreset(
        "webm",
        "WebM (VP9)",
        ".webm",
        "webm",
        "libvpx-vp9",
        "yuv420p",
        # Constant quality (b:v 0 + crf); deadline/cpu-used trade speed for size, row-mt uses every core.
        {
            "low": {"crf": "42", "b": "0", "deadline": "realtime", "cpu-used": "8", "row-mt": "1"},
            "medium": {"crf": "34", "b": "0", "deadline": "good", "cpu-used": "5", "row-mt": "1"},
            "high": {"crf": "28", "b": "0", "deadline": "good", "cpu-used": "4", "row-mt": "1"},
        },
        audio_codec="libopus",
    ),
    "mov": FormatPreset(
        "mov",
        "MOV (ProRes 422, editing master)",
        ".mov",
        "mov",
        "prores_ks",
        "yuv422p10le",
        # ProRes profiles: 1 LT, 2 standard 422, 3 HQ. An editing master is never "low".
        {"low": {"profile": "1"}, "medium": {"profile": "2"}, "high": {"profile": "3"}},
        audio_codec="aac",
    ),
    "gif": FormatPreset(
        "gif",
        "Animated GIF",
        ".gif",
        "gif",
        "gif",
        "pal8",
        # Quality picks the dither: none is smallest, sierra2_4a the smoothest gradients.
        {"low": {"dither": "none"}, "medium": {"dither": "bayer"}, "high": {"dither": "sierra2_4a"}},
    ),
    "png": FormatPreset(
        "png",
        "PNG sequence (folder)",
        "",
        "image2",
        "png",
        "rgb24",
        {
            "low": {"compression_level": "1"},
            "medium": {"compression_level": "3"},
            "high": {"compression_level": "6"},
        },
    ),
}

EXTENSIONS = {preset.extension: key for key, preset in FORMATS.items() if preset.extension}

# Named sizes; "project" (None) keeps the project's size.
SIZES: dict[str, tuple[int, int] | None] = {
    "project": None,
    "1080p": (1920, 1080),
    "720p": (1280, 720),
    "vertical": (1080, 1920),
}

FPS_CHOICES = (16, 24, 25, 30)


SUBTITLES = ("srt", "vtt", "burn")


@dataclass
class ExportSettings:
    """One export's choices; None for size or fps means the project's."""

    format: str = "mp4"
    quality: str = "high"
    size: tuple[int, int] | None = None
    fit: str = PAD
    fps: int | None = None
    audio: Path | None = None
    audio_fade: float = 2.0  # seconds of music fade-out at the end of the film
    shots: list[str] | None = None  # shot ids to export, in timeline order; None: the whole film
    transition: tuple[str, float] | None = None  # replaces every boundary's transition (not saved)
    grade: bool = True  # the presets' colour grades; False leaves them out of this export
    logo: bool = True  # the presets' logo watermarks; False leaves them out of this export
    titles: bool = True  # the project's title track; False leaves it out of this export
    subtitles: str | None = None  # the shots' captions: "srt" or "vtt" beside the film, or "burn" into it
    # How a clip slower than the film fills its slots: repeat, blend or interpolate (engine/video/motion).
    motion: str = "repeat"
    # interpolate's learned model (engine/film/learned_motion): RIFE weights' file, folder or Hub repo id;
    # None: optical flow.
    interpolator: str | None = None
    interpolator_revision: str | None = None  # a branch, tag or commit where it is a Hub repo
    upscale: int = 1  # 2 or 4: each take through a super-resolution model first (engine/film/upscaling)
    upscale_model: str | None = None  # its safetensors file, folder or Hub repo id

    def check(self) -> None:
        """Raise ValueError naming the first choice that is not possible."""
        if self.format not in FORMATS:
            raise ValueError(f"Unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.quality not in QUALITIES:
            raise ValueError(f"Unknown quality {self.quality!r}; choose one of {', '.join(QUALITIES)}")
        if self.fit not in FIT_POLICIES:
            raise ValueError(f"Unknown fit policy {self.fit!r}; choose one of {', '.join(FIT_POLICIES)}")
        if self.size is not None and (min(self.size) < 2 or max(self.size) > 8192):
            raise ValueError(f"Size {self.size[0]}x{self.size[1]} is out of range (2 to 8192)")
        if self.fps is not None and not 1 <= self.fps <= 240:
            raise ValueError(f"Frame rate {self.fps} is out of range (1 to 240)")
        if self.transition is not None and self.transition[0] not in TRANSITIONS:
            raise ValueError(
                f"Unknown transition {self.transition[0]!r}; choose one of {', '.join(TRANSITIONS)}"
            )
        if self.subtitles is not None and self.subtitles not in SUBTITLES:
            raise ValueError(f"Unknown subtitles {self.subtitles!r}; choose one of {', '.join(SUBTITLES)}")
        if self.motion not in MOTIONS:
            raise ValueError(f"Unknown motion {self.motion!r}; choose one of {', '.join(MOTIONS)}")
        if self.upscale not in (1, 2, 4):
            raise ValueError(f"Upscaling ×{self.upscale} is not offered; choose ×2 or ×4")
        if self.upscale > 1 and not self.upscale_model:
            raise ValueError(
                f"Upscaling ×{self.upscale} needs a model: --upscale-model, a Real-ESRGAN-class ×{self.upscale} "
                "model (safetensors file, folder or Hub repo id)"
            )
        if self.audio is not None and not Path(self.audio).is_file():
            raise ValueError(f"Music file {self.audio} does not exist")

    @property
    def preset(self) -> FormatPreset:
        """The format's preset."""
        return FORMATS[self.format]


def format_for_output(path: Path) -> str | None:
    """The format an output path's extension names; None for no extension (a PNG folder) or unknown."""
    suffix = Path(path).suffix.lower()
    if not suffix:
        return "png"
    return EXTENSIONS.get(suffix)


def parse_size(text: str) -> tuple[int, int] | None:
    """'1920x1080', or a named size (1080p, 720p, vertical, project); ValueError otherwise."""
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    width, sep, height = key.partition("x")
    if not sep or not width.isdigit() or not height.isdigit() or int(width) < 2 or int(height) < 2:
        raise ValueError(f"{text!r} is not a size: use WxH (e.g. 1280x720), 1080p, 720p or vertical")
    return int(width), int(height)


def parse_transition(text: str) -> tuple[str, float]:
    """'cut', 'crossfade:0.5' or 'fade:1' as (kind, seconds); ValueError otherwise."""
    kind, _, seconds = text.strip().lower().partition(":")
    if kind not in TRANSITIONS:
        raise ValueError(f"{text!r}: a transition is cut, crossfade[:SECONDS] or fade[:SECONDS]")
    try:
        duration = float(seconds) if seconds else 0.5
    except ValueError:
        raise ValueError(f"{text!r}: {seconds!r} is not a number of seconds") from None
    if duration < 0 or duration > 60:
        raise ValueError(f"{text!r}: the duration must be between 0 and 60 seconds")
    return kind, duration


def output_size(film_w: int, film_h: int, settings: ExportSettings) -> tuple[int, int]:
    """The output frame size: the chosen box, or for FIT the film's aspect inside it. Even for YUV."""
    if settings.size is None:
        width, height = film_w * settings.upscale, film_h * settings.upscale
    else:
        width, height = settings.size
        if settings.fit == FIT and width * film_h != height * film_w:
            # Scale the film's frame to fit the box, keeping its aspect.
            scale = min(width / film_w, height / film_h)
            width, height = round(film_w * scale), round(film_h * scale)
    if settings.preset.pix_fmt.startswith("yuv"):
        # 4:2:0 and 4:2:2 chroma needs even sizes.
        width, height = max(2, width // 2 * 2), max(2, height // 2 * 2)
    return width, height
