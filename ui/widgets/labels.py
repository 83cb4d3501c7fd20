"""The words and times the window shows for settings and transitions, in one place so every view agrees."""

from __future__ import annotations

from engine.film.export_settings import CROSSFADE, CUT, FADE

# One label per setting, whichever form shows it: the inspector, a preset, the project, Preferences.
SETTING_LABELS = {
    "width": "Width",
    "height": "Height",
    "fps": "Frame rate",
    "frames": "Frames",
    "steps": "Steps",
    "guidance_scale": "Guidance (high)",
    "guidance_scale_2": "Guidance (low)",
    "negative_prompt": "Negative prompt",
    "model": "Model",
}

TRANSITION_LABELS = {CUT: "Cut", CROSSFADE: "Crossfade", FADE: "Fade Through Black"}


def format_time(seconds: float) -> str:
    """'0:05', '1:30', '0:02.5'."""
    minutes, rest = divmod(seconds, 60)
    text = f"{int(minutes)}:{int(rest):02d}"
    return text + (f".{int(round((rest % 1) * 10))}" if abs(rest - round(rest)) > 1e-6 else "")


def timecode(frame: int, fps: float) -> str:
    """SMPTE-style HH:MM:SS:FF of a frame at a frame rate ('00:00:03:07' is frame 55 at 16 fps)."""
    fps_i = max(1, round(fps))  # non-drop: 23.976 counts 24 frames a second, as editors show it
    seconds, frames = divmod(max(0, int(frame)), fps_i)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}"
