"""The title track's elements as clips with alpha (ProRes 4444 .mov) that an editor lays over the film."""

from __future__ import annotations

from pathlib import Path

from engine.film.export_settings import FormatPreset
from engine.film.title_elements import TitleElement
from engine.film.title_render import TitleStyle

# ProRes 4444 (profile 4) keeps an alpha channel that Resolve, Premiere, Final Cut and Kdenlive all read.
TITLE_CLIP = FormatPreset(
    "title", "ProRes 4444 with alpha", ".mov", "mov", "prores_ks", "yuva444p10le", {"high": {"profile": "4"}}
)


def title_frames(element: TitleElement, fps: int) -> int:
    """How many frames at fps the element's clip has (at least one)."""
    return max(1, round(element.duration * fps))


def write_title_clip(
    element: TitleElement, path: Path, size: tuple[int, int], fps: int, style: TitleStyle | None = None
) -> int:
    """The element drawn as the export draws it, over transparency, frame by frame from its start, to a
    .mov at path (whole or not at all); its frame count."""
    import av
    from av.video.frame import VideoFrame

    from engine.film.title_render import title_rgba
    from engine.film.writers import video_stream
    from engine.storage.atomic_file import atomic_path

    count = title_frames(element, fps)
    with atomic_path(path) as tmp, av.open(str(tmp), "w", format="mov") as container:
        stream = video_stream(container, TITLE_CLIP, "high", size[0], size[1], fps)
        for index in range(count):
            rgba = title_rgba(element, element.start + index / fps, size, style)
            container.mux(stream.encode(VideoFrame.from_ndarray(rgba, format="rgba")))
        container.mux(stream.encode(None))
    return count
