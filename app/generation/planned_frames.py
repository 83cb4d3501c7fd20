"""The settings a shot will be generated with, one at a time: its own, else its preset's, else the film's.

Kept apart from the request building (shot_requests) so the timeline can time a shot without a take
without loading what conditioning and references need.
"""

from __future__ import annotations

from typing import TypeVar

from app.presets.embedded import shot_preset
from app.presets.preset import Preset, PresetSettings
from app.project.project import Project
from app.project.shot import Shot

T = TypeVar("T")


def first_set(default: T, *overrides: T | None) -> T:
    """The first override that is set, else the default."""
    return next((v for v in overrides if v is not None), default)


def preset_settings(preset: Preset | None) -> PresetSettings:
    """The preset's settings (none set without one)."""
    return preset.settings if preset is not None else PresetSettings()


def planned_frames(project: Project, shot: Shot, settings: PresetSettings | None = None) -> int:
    """The frame count the shot will be generated with (before snapping); `settings`: its preset's, if
    the caller has them."""
    p = settings if settings is not None else preset_settings(shot_preset(project, shot, strict=False))
    return first_set(project.settings.defaults.frames, shot.frames, p.frames)
