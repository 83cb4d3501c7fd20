"""The start page: New, Open, recent films with thumbnails, the model's state and its three choices."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from ui_support import FakeDialogs, sample_project, tiny_project, write_video

from app.paths.user_paths import data_dir
from app.project.project import Project
from app.project.reel_file import save_project
from app.project.shot import Take
from app.settings.model_settings import ModelSettings, load_model_settings, store_model_settings
from app.settings.user_settings import UserSettings, load_settings, save_settings
from engine.generation.demo_model import is_complete_demo
from ui.start.model_choice_dialog import ModelChoiceDialog


@pytest.fixture(autouse=True)
def no_threads_left():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def _window(qtbot, project: Project | None = None, settings: UserSettings | None = None):
    from ui.shell.main_window import MainWindow

    window = MainWindow(project, FakeDialogs(), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _film_with_take(folder) -> Project:
    project = sample_project(2)
    save_project(project, folder / "film.reel")
    write_video(folder / "film.media" / "t.mp4")
    project.add_take(project.shots[1].id, Take(id="t", path="t.mp4", frames=5, fps=16))
    save_project(project)
    return project


def test_no_film_shows_the_start_page_with_recent_films_and_their_thumbnails(qtbot, tmp_path):
    film = _film_with_take(tmp_path)
    settings = UserSettings()
    settings.add_recent(film.path)
    settings.add_recent(tmp_path / "gone.reel")  # listed, but says it cannot be opened
    window = _window(qtbot, settings=settings)
    start = window.start
    assert start.showing_start() and start.page.isVisible() and not window.timeline.isVisible()
    recent = start.page.recent
    # A film by its own name (not its file's); one that cannot be read by its file's. With no summary
    # cached yet the film is read on the start page's worker: its name arrives through the event loop.
    names = ["gone (cannot be opened)", "Sample"]
    qtbot.waitUntil(lambda: [recent.item(i).text() for i in range(recent.count())] == names, timeout=10000)
    # The film's face is its first take's thumbnail, made in the background.
    qtbot.waitUntil(lambda: not recent.item(1).icon().isNull(), timeout=10000)
    assert recent.item(0).icon().isNull()
    # One click opens it.
    qtbot.mouseClick(
        recent.viewport(), Qt.MouseButton.LeftButton, pos=recent.visualItemRect(recent.item(1)).center()
    )
    assert window.project.path == film.path and not start.showing_start() and window.timeline.isVisible()
    window.act_close.trigger()  # Close leaves no film: the start page again
    assert start.showing_start()
    qtbot.mouseClick(start.page.new_button, Qt.MouseButton.LeftButton)
    assert not start.showing_start() and window.project.settings.name == "Untitled"
    window.thumbnails.wait()


def test_the_hidden_start_page_leaves_thumbnails_alone_and_catches_up_when_shown(qtbot, tmp_path):
    film = _film_with_take(tmp_path)
    settings = UserSettings()
    settings.add_recent(film.path)
    window = _window(qtbot, settings=settings)
    page = window.start.page
    qtbot.waitUntil(lambda: not page.recent.item(0).icon().isNull(), timeout=10000)
    window.files.open_path(film.path, ask=False)
    assert not page.isVisible()
    asked: list[object] = []
    real_get = window.thumbnails.get
    window.thumbnails.get = lambda *args: asked.append(args) or real_get(*args)  # a spy on the real cache
    for _ in range(50):  # a film's takes arriving while the page is hidden behind it
        window.thumbnails.updated.emit("t")
    assert [a for a in asked if a and a[0] is not window.project] == []  # no recent film's face was asked for
    page.recent.item(0).setIcon(QIcon())
    window.act_close.trigger()  # the start page again: its faces are brought up to date
    assert page.isVisible()
    qtbot.waitUntil(lambda: not page.recent.item(0).icon().isNull(), timeout=10000)
    window.thumbnails.wait()


def test_a_film_given_shows_the_editor_and_a_shot_added_leaves_the_start_page(qtbot):
    assert not _window(qtbot, sample_project(2)).start.showing_start()
    window = _window(qtbot)
    assert window.start.showing_start()
    window.act_add.trigger()
    assert not window.start.showing_start()


def test_the_status_bar_shows_the_model_and_device_and_the_demo_model_is_built_here(qtbot):
    window = _window(qtbot)
    page, line = window.start.page, window.start.model_label
    # The default Hub model is not in this (offline, empty) cache: the three choices are offered.
    # The check runs on a worker, so the window is shown before it answers.
    qtbot.waitUntil(lambda: "(not downloaded)" in line.text())
    assert (
        "Wan-AI/Wan2.2-T2V-A14B-Diffusers (not downloaded)" in line.text() and "device: auto" in line.text()
    )
    assert line.isVisible() and page.choice_row.isVisible()
    with qtbot.waitSignal(window.start.choices.changed, timeout=300_000):
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
        assert not page.demo_button.isEnabled()  # built on a worker, the window stays live
    demo = data_dir() / "demo-model"
    assert is_complete_demo(demo) and not demo.with_name("demo-model.building").exists()
    assert load_model_settings(window.settings).source == str(demo)
    qtbot.waitUntil(lambda: line.text() == f"Model: {demo} · device: auto")
    assert not page.choice_row.isVisible()
    assert page.demo_button.isEnabled()


def test_generate_without_a_usable_model_offers_the_three_choices(qtbot, tmp_path, tiny_a14b):
    project = tiny_project(tmp_path)
    window = _window(qtbot, project)
    store_model_settings(window.settings, ModelSettings(source=str(tmp_path / "nowhere")))
    assert window.generation.generate([project.shots[0].id]) == []
    dialog = window.findChild(ModelChoiceDialog)
    assert dialog is not None and dialog.isVisible() and "nowhere" in dialog.informativeText()
    assert window.dialogs.errors == []  # the dialog is the one message
    # The folder choice refuses a folder that is no model, with the reason, and keeps the setting.
    assert not window.start.choices.choose_folder(str(tmp_path))
    assert "no model_index.json" in window.dialogs.errors[-1]
    assert window.start.choices.choose_folder(str(tiny_a14b))
    qtbot.waitUntil(lambda: window.start.model_label.text().startswith(f"Model: {tiny_a14b}"))
    dialog.reject()


def test_download_from_the_hub_shows_progress_and_becomes_the_model(qtbot, tmp_path, tiny_a14b):
    from engine.generation.model_download import DownloadProgress

    window = _window(qtbot)
    choices = window.start.choices

    def downloader(repo_id, revision, on_progress, cancel):  # the Hub cannot be reached here
        on_progress(
            DownloadProgress(done_bytes=1024**3, total_bytes=2 * 1024**3, done_files=1, total_files=2)
        )
        return tiny_a14b

    choices.downloader = downloader
    seen: list[str] = []

    def close_when_done() -> None:
        dialog = choices.download_dialog
        if dialog is None or dialog.folder is None:
            QTimer.singleShot(20, close_when_done)
            return
        seen.append(dialog.label.text())
        dialog.accept()

    QTimer.singleShot(20, close_when_done)
    assert choices.download("Wan-AI/Wan2.2-TI2V-5B-Diffusers")
    assert seen and "Downloaded Wan-AI/Wan2.2-TI2V-5B-Diffusers" in seen[0]
    assert load_model_settings(window.settings).source == "Wan-AI/Wan2.2-TI2V-5B-Diffusers"


def test_starting_again_reopens_the_last_film_unless_turned_off(qtbot, tmp_path):
    from ui.preferences.preferences_dialog import PreferencesDialog

    film = _film_with_take(tmp_path)
    settings = UserSettings()
    settings.add_recent(film.path)
    save_settings(settings)
    first = _window(qtbot, settings=load_settings())
    assert first.settings.reopen_last  # on by default
    first.files.startup([])
    assert first.project.path == film.path and not first.start.showing_start()
    dialog = PreferencesDialog(first.settings)
    assert dialog.reopen_last.isChecked()
    dialog.reopen_last.setChecked(False)
    dialog.apply(first.settings)
    first.apply_preferences()
    assert load_settings().reopen_last is False
    second = _window(qtbot, settings=load_settings())
    second.files.startup([])
    assert second.project.path is None and second.start.showing_start()
    first.thumbnails.wait()


def test_the_model_is_checked_off_the_gui_thread(qtbot, monkeypatch):
    import threading

    from ui.start import model_choices

    on_gui: list[bool] = []
    real = model_choices.resolve_model

    def recording(*args, **kwargs):
        on_gui.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(model_choices, "resolve_model", recording)
    window = _window(qtbot, sample_project(2))
    qtbot.waitUntil(lambda: "(not downloaded)" in window.start.model_label.text())
    assert on_gui and not any(on_gui)  # finding a Hub model imports huggingface_hub's download code
