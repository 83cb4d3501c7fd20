"""Helpers for the Qt tests: scripted dialog answers, windows, small real video files."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.project.project import Project
from app.project.project_settings import GenerationDefaults, ProjectSettings
from app.project.reel_file import save_project
from app.project.shot import Shot
from app.settings.model_settings import ModelSettings, store_model_settings
from ui.widgets.dialogs import CANCEL, DISCARD, RESTORE


class FakeDialogs:
    """Answers every question from scripted lists and records what was asked."""

    def __init__(self, save_changes=DISCARD, recover=RESTORE, save_path=None, open_path=None) -> None:
        self.answers = {"save_changes": save_changes, "recover": recover}
        self.save_path_answer = save_path
        self.open_path_answer = open_path
        self.asked: list[tuple[str, object]] = []
        self.errors: list[str] = []
        self.infos: list[str] = []

    def save_changes(self, name):
        self.asked.append(("save_changes", name))
        return self.answers["save_changes"]

    def recover(self, recovery):
        self.asked.append(("recover", recovery))
        return self.answers["recover"]

    def open_path(self, start, caption="", filter=""):
        self.asked.append(("open_path", caption))
        return self.open_path_answer

    def open_paths(self, start, caption, filter):
        return [self.open_path_answer] if self.open_path_answer else []

    def save_path(self, start):
        self.asked.append(("save_path", start))
        return self.save_path_answer

    def save_timeline_path(self, start):
        self.asked.append(("save_timeline_path", start))
        return self.save_path_answer

    def resume_queue(self, name, count):
        self.asked.append(("resume_queue", count))
        return self.answers.get("resume_queue", True)

    def open_backup(self, name, reason, backup):
        self.asked.append(("open_backup", reason))
        return self.answers.get("open_backup", True)

    def film_in_use(self, name, holder):
        self.asked.append(("film_in_use", holder))
        return self.answers.get("film_in_use", CANCEL)

    def changed_on_disk(self, name):
        self.asked.append(("changed_on_disk", name))
        return self.answers.get("changed_on_disk", CANCEL)

    def confirm(self, title, text):
        self.asked.append(("confirm", text))
        return self.answers.get("confirm", False)

    def error(self, title, message):
        self.errors.append(f"{title}: {message}")

    def info(self, title, message):
        self.asked.append(("info", title))
        self.infos.append(message)


def sample_project(count: int = 3) -> Project:
    shots = [Shot(title=f"S{i}", prompt=f"prompt number {i}") for i in range(count)]
    return Project(ProjectSettings(name="Sample"), shots)


def write_video(path: Path, frames: int = 5, width: int = 64, height: int = 48, fps: int = 16) -> Path:
    """A small real video file (a moving gradient)."""
    from engine.video.video_io import write_clip

    x = np.linspace(0, 255, width, dtype=np.uint8)[None, None, :, None]
    data = np.broadcast_to(x, (frames, height, width, 3)).copy()
    data[..., 1] = (np.arange(frames, dtype=np.uint8) * 40)[:, None, None]
    write_clip(data, fps, path)
    return path


def make_window(qtbot, project: Project | None = None, dialogs: FakeDialogs | None = None):
    from ui.shell.main_window import MainWindow

    dialogs = dialogs or FakeDialogs()
    window = MainWindow(project or sample_project(), dialogs)

    def before_close(w=window, p=dialogs):
        p.answers["save_changes"] = DISCARD  # teardown never blocks on a question

    qtbot.addWidget(window, before_close_func=before_close)
    window.show()
    qtbot.waitExposed(window)
    return window


def ids(project: Project) -> list[str]:
    return [s.id for s in project.shots]


WAIT = 30_000


def tiny_project(tmp_path, count: int = 2, steps: int = 2) -> Project:
    settings = ProjectSettings(
        name="Tiny",
        width=32,
        height=32,
        fps=16,
        defaults=GenerationDefaults(frames=9, steps=steps, guidance_scale=1.0, guidance_scale_2=None),
    )
    project = Project(settings, [Shot(title=f"S{i}", prompt=f"a red ball {i}") for i in range(count)])
    save_project(project, tmp_path / "film.reel")
    return project


def tiny_window(qtbot, tiny_model, project, **model):
    window = make_window(qtbot, project, FakeDialogs())
    # Job ids the GUI thread has finished handling (takes added, pending list updated).
    window.handled_jobs = set()
    window.generation.jobFinished.connect(lambda job: window.handled_jobs.add(job.id))
    store_model_settings(
        window.settings, ModelSettings(source=str(tiny_model), device="cpu", dtype="float32", **model)
    )
    return window


def wait_finished(qtbot, window, jobs):
    """Until the workers are done with jobs and the GUI thread has taken in their results."""
    qtbot.waitUntil(lambda: {j.id for j in jobs} <= window.handled_jobs, timeout=WAIT)
    assert all(j.finished is not None for j in jobs)


def paint_card(window, row: int, width: int = 240):
    """The timeline's own delegate painting one card into an image."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from ui.timeline.shot_card_delegate import CARD_HEIGHT

    image = QImage(width, CARD_HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, width, CARD_HEIGHT)
    option.font = window.timeline.font()
    option.palette = window.timeline.palette()
    painter = QPainter(image)
    window.timeline.itemDelegate().paint(painter, option, window.model.index(row))
    painter.end()
    return image
