"""The words and times the window shows for settings, transitions and states, in one place so every view
agrees; translated here (engine/ and app/ keep their English values, which files and the CLI use)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.settings.model_settings import ModelSettings, precedence_case
from engine.film.export_settings import CROSSFADE, CUT, FADE
from ui.i18n.translation import QT_TRANSLATE_NOOP

# One label per setting, whichever form shows it: the inspector, a preset, the project, Preferences.
# Marked for lupdate here; setting_label() translates at use (the language is known only then).
SETTING_LABELS = {
    "width": QT_TRANSLATE_NOOP("Labels", "Width"),
    "height": QT_TRANSLATE_NOOP("Labels", "Height"),
    "fps": QT_TRANSLATE_NOOP("Labels", "Frame rate"),
    "frames": QT_TRANSLATE_NOOP("Labels", "Frames"),
    "steps": QT_TRANSLATE_NOOP("Labels", "Steps"),
    "guidance_scale": QT_TRANSLATE_NOOP("Labels", "Guidance (high)"),
    "guidance_scale_2": QT_TRANSLATE_NOOP("Labels", "Guidance (low)"),
    "negative_prompt": QT_TRANSLATE_NOOP("Labels", "Negative prompt"),
    "model": QT_TRANSLATE_NOOP("Labels", "Model"),
}

TRANSITION_LABELS = {
    CUT: QT_TRANSLATE_NOOP("Labels", "Cut"),
    CROSSFADE: QT_TRANSLATE_NOOP("Labels", "Crossfade"),
    FADE: QT_TRANSLATE_NOOP("Labels", "Fade Through Black"),
}

# The values of engine's JobState and app's ShotState, as the queue and the cards show them.
STATE_LABELS = {
    "queued": QT_TRANSLATE_NOOP("Labels", "queued"),
    "loading model": QT_TRANSLATE_NOOP("Labels", "loading model"),
    "loading": QT_TRANSLATE_NOOP("Labels", "loading"),
    "generating": QT_TRANSLATE_NOOP("Labels", "generating"),
    "decoding": QT_TRANSLATE_NOOP("Labels", "decoding"),
    "encoding": QT_TRANSLATE_NOOP("Labels", "encoding"),
    "done": QT_TRANSLATE_NOOP("Labels", "done"),
    "failed": QT_TRANSLATE_NOOP("Labels", "failed"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "cancelled"),
    "no take": QT_TRANSLATE_NOOP("Labels", "no take"),
    "ready": QT_TRANSLATE_NOOP("Labels", "ready"),
    "outdated": QT_TRANSLATE_NOOP("Labels", "outdated"),
    "missing": QT_TRANSLATE_NOOP("Labels", "missing"),
}

# engine's names of Wan 2.2's experts (progress and LoRA targets).
EXPERT_LABELS = {
    "high-noise": QT_TRANSLATE_NOOP("Labels", "high-noise"),
    "low-noise": QT_TRANSLATE_NOOP("Labels", "low-noise"),
    "both": QT_TRANSLATE_NOOP("Labels", "both"),
}

# app/ names an untitled shot "Shot N" (in files, the CLI and a job's title); the window says it its way.
_DEFAULT_TITLE = re.compile(r"Shot (\d+)")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def setting_label(name: str) -> str:
    """The form label of a setting ('Frame rate')."""
    return _tr(SETTING_LABELS[name])


def transition_label(kind: str) -> str:
    """'Cut', 'Crossfade', 'Fade Through Black'."""
    return _tr(TRANSITION_LABELS[kind])


def state_label(state: object) -> str:
    """A job's or a shot's state as shown ('generating'); an unknown one as it is."""
    text = str(state)
    return _tr(STATE_LABELS[text]) if text in STATE_LABELS else text


def expert_label(expert: str) -> str:
    """'high-noise', 'low-noise', 'both' as shown; an unknown one as it is."""
    return _tr(EXPERT_LABELS[expert]) if expert in EXPERT_LABELS else expert


def shot_title(shot: object, index: int) -> str:
    """The shot's own title, or 'Shot N' (N counted from 1) in the window's language."""
    title = getattr(shot, "title", "")
    return title or QCoreApplication.translate("Labels", "Shot {0}").format(index + 1)


def job_title(job: object) -> str:
    """The title a job was queued under; app's default 'Shot N' in the window's language."""
    meta = getattr(job, "meta", {}) or {}
    title = str(meta.get("title") or getattr(job, "label", "") or "")
    if match := _DEFAULT_TITLE.fullmatch(title):
        return QCoreApplication.translate("Labels", "Shot {0}").format(match.group(1))
    return title


def precedence_text(model: ModelSettings, film_model: str) -> str:
    """app's precedence_note (which model this machine generates with, and why) in the window's language."""
    case = precedence_case(model, film_model)
    if case == "remote":
        return QCoreApplication.translate(
            "Labels", "This machine generates on a remote endpoint, which holds its own model."
        )
    if case == "machine":
        return QCoreApplication.translate(
            "Labels",
            "This machine generates with {0} (Preferences > Model), not the film's model "
            "{1}: the machine's model, when set, comes first on this computer.",
        ).format(model.source.strip(), film_model)
    return QCoreApplication.translate(
        "Labels", "This machine generates with the film's model, {0} (Preferences > Model leaves it)."
    ).format(film_model)


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


def tooltip_text(text: str, width: int = 72, limit: int = 600) -> str:
    """Text for a tooltip: lines wrapped at width characters and the whole cut at limit, so a long
    error (a library's paragraphs) never makes a tooltip wider than the screen."""
    import textwrap

    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return "\n".join(textwrap.fill(line, width) if line else "" for line in short.splitlines())
