"""A shot's look (its preset's grade, then its logo) as one callable on RGB uint8 frames."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from app.presets.embedded import project_preset_folder, shot_preset
from app.presets.preset import Preset, PresetError
from app.project.project import Project
from app.project.shot import Shot

if TYPE_CHECKING:
    import numpy as np

Look = Callable[["np.ndarray"], "np.ndarray"]


def look_for_preset(preset: Preset, folder: Path, grade: bool = True, logo: bool = True) -> Look | None:
    """The grade-then-watermark function of a preset whose files are in folder (None: it has neither,
    or they are left out with grade=False / logo=False).

    Raises PresetError naming the file when the LUT or the logo cannot be used.
    """
    from engine.looks.grade import LutError, load_grade
    from engine.looks.watermark import WatermarkError, load_watermark

    steps: list[Look] = []
    try:
        if grade and preset.grade is not None and preset.grade.strength > 0:
            steps.append(load_grade(_asset(folder, preset.grade.lut), preset.grade.strength))
        mark = preset.watermark
        if logo and mark is not None and mark.opacity > 0:
            steps.append(
                load_watermark(_asset(folder, mark.image), mark.corner, mark.margin, mark.scale, mark.opacity)
            )
    except (LutError, WatermarkError) as exc:
        raise PresetError(f"preset {preset.name!r}: {exc}") from None
    if not steps:
        return None
    if len(steps) == 1:
        return steps[0]

    def look(frame: np.ndarray) -> np.ndarray:
        for step in steps:
            frame = step(frame)
        return frame

    return look


def look_for_shot(project: Project, shot: Shot, grade: bool = True, logo: bool = True) -> Look | None:
    """The look of a shot from the project's embedded copy of its preset (None: no grade or logo).

    Raises PresetError if the shot's preset is missing from the project or its files are unusable.
    """
    preset = shot_preset(project, shot)
    if preset is None:
        return None
    return look_for_preset(preset, project_preset_folder(project, preset.name), grade, logo)


def _asset(folder: Path, relative: str) -> Path:
    return folder.joinpath(*PurePosixPath(relative).parts)
