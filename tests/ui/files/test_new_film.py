"""A new film starts small for the demo model or on a machine without a GPU, and says so."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from ui_support import FakeDialogs

from app.settings.model_settings import load_model_settings, store_model_settings
from app.settings.user_settings import UserSettings


@pytest.fixture
def window(qtbot):
    from ui.shell.main_window import MainWindow

    window = MainWindow(None, FakeDialogs(), UserSettings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _size(window) -> tuple[int, int, int, int]:
    s = window.project.settings
    return s.width, s.height, s.defaults.frames, s.defaults.steps


def _use_model(window, source: str) -> None:
    model = load_model_settings(window.settings)
    model.source = source
    store_model_settings(window.settings, model)


def test_a_new_film_on_a_machine_without_a_gpu_starts_small_and_says_so(qtbot, window, monkeypatch):
    monkeypatch.setattr("engine.generation.pipeline_cache.default_device", lambda: "cpu")
    qtbot.mouseClick(window.start.page.new_button, Qt.MouseButton.LeftButton)
    assert _size(window) == (256, 144, 17, 4)
    message = window.statusBar().currentMessage()
    assert "starts small (256×144, 17 frames, 4 steps)" in message and "no GPU" in message


def test_a_new_film_for_the_demo_model_starts_small_even_with_a_gpu(qtbot, window, monkeypatch, tiny_a14b):
    monkeypatch.setattr("engine.generation.pipeline_cache.default_device", lambda: "cuda")  # no GPU here
    _use_model(window, str(tiny_a14b))
    window.files.new()
    assert _size(window) == (256, 144, 17, 4)
    assert "demo model" in window.statusBar().currentMessage()


def test_a_new_film_for_a_full_model_on_a_gpu_keeps_the_full_size(qtbot, window, monkeypatch):
    monkeypatch.setattr("engine.generation.pipeline_cache.default_device", lambda: "cuda")
    window.files.new()
    assert _size(window) == (1280, 720, 81, 40)
    assert "small" not in window.statusBar().currentMessage()


def _blank_window(qtbot, settings: UserSettings):
    from ui.shell.main_window import MainWindow

    window = MainWindow(None, FakeDialogs(), settings)
    qtbot.addWidget(window)
    window.files.startup([])  # as app_main does once the window is up: no film given, none to reopen
    return window


def test_the_blank_film_the_window_opens_with_starts_small_asking_for_the_gpu_off_the_gui_thread(
    qtbot, monkeypatch
):
    asked_on: list[threading.Thread] = []

    def no_gpu() -> str:
        asked_on.append(threading.current_thread())
        return "cpu"

    monkeypatch.setattr("engine.generation.pipeline_cache.default_device", no_gpu)
    window = _blank_window(qtbot, UserSettings())
    qtbot.waitUntil(lambda: _size(window) == (256, 144, 17, 4))
    assert asked_on and threading.main_thread() not in asked_on  # torch is never imported at start-up
    assert "starts small" in window.statusBar().currentMessage()
    assert not window.session.is_dirty() and window.undo_stack.count() == 0  # no undo step, nothing to save


def test_the_blank_film_for_the_demo_model_starts_small_at_once(qtbot, monkeypatch, tiny_a14b):
    monkeypatch.setattr("engine.generation.pipeline_cache.default_device", lambda: "cuda")
    settings = UserSettings()
    model = load_model_settings(settings)
    model.source = str(tiny_a14b)
    store_model_settings(settings, model)
    window = _blank_window(qtbot, settings)
    assert _size(window) == (256, 144, 17, 4)  # no waiting: the demo model is known without torch
    assert "demo model" in window.statusBar().currentMessage()


def test_a_blank_film_edited_before_the_answer_keeps_its_size(qtbot, monkeypatch):
    answer = threading.Event()

    def slow_no_gpu() -> str:
        answer.wait(10)
        return "cpu"

    monkeypatch.setattr("engine.generation.pipeline_cache.default_device", slow_no_gpu)
    window = _blank_window(qtbot, UserSettings())
    window.shots.add_shot()  # the person started work: their film is not resized under them
    answer.set()
    window.files._worker.wait()
    qtbot.wait(50)  # the answer arrives through the event loop
    assert _size(window) == (1280, 720, 81, 40)
    assert "small" not in window.statusBar().currentMessage()
