"""The film's words on screen: the title track plus the shots' captions, on the film's clock."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.film.shot_timing import film_timing
from app.presets.embedded import embedded_preset, project_preset_folder
from app.presets.preset import PresetError
from app.project.media_paths import contained
from app.project.project import Project
from app.project.shot import Shot
from engine.film.subtitles import Cue
from engine.film.title_elements import TitleElement
from engine.film.title_render import TitleStyle, render_titles

if TYPE_CHECKING:
    import numpy as np


def caption_cues(project: Project, shots: list[Shot] | None = None) -> list[Cue]:
    """Each captioned shot's caption for the time the film shows it (shots: a range, timed from 0)."""
    chosen = project.shots if shots is None else shots
    timing = film_timing(Project(project.settings, list(chosen), project.presets))
    if timing is None:
        return []
    # A caption gives way to the next shot's where a crossfade overlaps them.
    stops = [*timing.starts[1:], timing.total]
    return [
        Cue(first / timing.fps, stop / timing.fps, shot.caption)
        for shot, first, stop in zip(chosen, timing.starts, stops, strict=True)
        if shot.caption.strip()
    ]


def film_titles(
    project: Project, shots: list[Shot] | None = None, track: bool = True, burn_captions: bool = False
) -> list[TitleElement]:
    """What the renderer draws: the title track (unless track is False; its images resolved in the media
    folder), and the captions when they are burned in. A range of shots keeps the track only for the
    whole film, whose clock it is placed on."""
    whole = shots is None or len(shots) == len(project.shots)
    elements = []
    for element in project.titles if whole and track else []:
        if element.image is not None and project.media_dir is not None:
            element = _with_image(element, contained(project.media_dir, element.image))
        elements.append(element)
    if burn_captions:
        elements += [
            TitleElement(
                kind="caption",
                text=cue.text,
                start=cue.start,
                duration=cue.end - cue.start,
                transition_in=0.0,
                transition_out=0.0,
            )
            for cue in caption_cues(project, shots)
        ]
    return elements


def _with_image(element: TitleElement, path: Path) -> TitleElement:
    from dataclasses import replace

    return replace(element, image=str(path))


def title_style(project: Project) -> TitleStyle:
    """The project preset's font and logo (the bundled font and no logo where it names none)."""
    if not project.settings.preset:
        return TitleStyle()
    preset = embedded_preset(project, project.settings.preset)
    folder = project_preset_folder(project, preset.name)
    font = contained(folder, preset.font) if preset.font else None
    logo = contained(folder, preset.watermark.image) if preset.watermark is not None else None
    return TitleStyle(font, logo)


def subtitle_path(film: Path, kind: str) -> Path:
    """The subtitle file beside a film: FILM.srt or FILM.vtt (inside a PNG sequence's folder, beside it)."""
    return film.with_name(film.stem + "." + kind) if film.suffix else film.with_name(film.name + "." + kind)


class TitleOverlay:
    """The preview's titles and burned-in captions, drawn by the exporter's renderer; cached until reload."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._titles: tuple[list[TitleElement], TitleStyle] | None = None

    def reload(self) -> None:
        """Forget the cached titles: the project changed."""
        self._titles = None

    def draw(self, frame: np.ndarray, t: float) -> np.ndarray:
        """The RGB frame with the titles showing at film time t (the same array when none show)."""
        if self._titles is None:
            try:
                style = title_style(self.project)
            except PresetError:  # the preview still shows the words, in the bundled font
                style = TitleStyle()
            self._titles = (film_titles(self.project, burn_captions=True), style)
        elements, style = self._titles
        return render_titles(frame, elements, t, style)
