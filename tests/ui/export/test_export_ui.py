"""Export from the window: the dialog's choices, a worker thread with progress and cancel, transitions UI."""

from __future__ import annotations

from export_support import BLUE, GREEN, RED, project_with_takes, video_facts
from ui_support import make_window

from app.diagnostics.log_file import setup_logging
from engine.film.export_settings import ExportSettings
from ui.export.export_dialog import ExportDialog, start_export
from ui.timeline.transition_menu import transition_menu


def _window(qtbot, tmp_path, frames=16):
    project = project_with_takes(tmp_path, [RED, BLUE, GREEN], frames=frames)
    return make_window(qtbot, project)


def test_dialog_choices_become_settings(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    ids = [s.id for s in window.project.shots[1:]]
    dialog = ExportDialog(window.project, ids, window)
    qtbot.addWidget(dialog)
    assert dialog.output().name == "film.mp4" and dialog.settings() == ExportSettings(format="mp4")
    dialog.format.setCurrentIndex(dialog.format.findData("webm"))
    assert dialog.output().name == "film.webm"
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    assert dialog.output().name == "film-frames" and not dialog.music.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("mov"))
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("custom"))
    dialog.custom_w.setValue(320)
    dialog.custom_h.setValue(240)
    dialog.fit.setCurrentIndex(dialog.fit.findData("fill"))
    dialog.fps.setCurrentIndex(dialog.fps.findData(24))
    dialog.quality.setCurrentIndex(dialog.quality.findData("medium"))
    dialog.only_selected.setChecked(True)
    settings = dialog.settings()
    assert (settings.format, settings.size, settings.fit, settings.fps, settings.quality) == (
        "mov",
        (320, 240),
        "fill",
        24,
        "medium",
    )
    assert settings.shots == ids and dialog.output().name == "film.mov"


def test_export_runs_on_a_worker_with_progress(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    assert window.act_export.shortcut().toString() == "Ctrl+E"
    out = tmp_path / "out.webm"
    progress = start_export(
        window.project, out, ExportSettings(format="webm"), window.dialogs, window.statusBar(), window
    )
    assert progress is not None and progress.isVisible()
    with qtbot.waitSignal(progress.finished, timeout=30000):
        pass
    assert progress.error is None and progress.outcome.frames == 48
    assert video_facts(out)["frames"] == 48
    assert not progress.thread_.isRunning()
    assert "Exported" in window.statusBar().currentMessage()


def test_cancel_stops_the_worker_and_leaves_nothing(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, frames=120)
    out = tmp_path / "out.mov"
    progress = start_export(
        window.project, out, ExportSettings(format="mov", size=(640, 480)), window.dialogs, window.statusBar()
    )
    assert progress is not None
    progress.reject()  # Escape: asks the worker to stop, closes when it has
    with qtbot.waitSignal(progress.finished, timeout=30000):
        pass
    assert progress.was_cancelled and not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_failed_export_is_reported(qtbot, tmp_path):
    log_file = setup_logging()  # as the app does at start
    window = _window(qtbot, tmp_path)
    (tmp_path / "file").write_text("x")
    progress = start_export(
        window.project, tmp_path / "file" / "out.mp4", ExportSettings(), window.dialogs, window.statusBar()
    )
    with qtbot.waitSignal(progress.finished, timeout=30000):
        pass
    assert window.dialogs.errors and "not a folder" in window.dialogs.errors[-1]
    assert "Check the export's folder" in window.dialogs.errors[-1]  # the error's hint
    log = log_file.read_text(encoding="utf-8")
    assert "ui.export.export_dialog" in log and "Traceback" in log and "ExportError" in log


def test_transition_menu_and_inspector_are_undoable(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    project, stack = window.project, window.undo_stack
    second, third = project.shots[1], project.shots[2]
    menu = transition_menu(project, stack, [second.id, third.id], window)
    into = menu.actions()[0].menu()
    crossfade = next(a for a in into.actions() if a.text() == "Crossfade")
    crossfade.trigger()
    assert second.transition == third.transition == "crossfade"
    stack.undo()  # both shots in one step
    assert second.transition == third.transition == "cut"
    # The first shot has no boundary before it.
    first_menu = transition_menu(project, stack, [project.shots[0].id], window)
    assert not first_menu.actions()[0].menu().isEnabled()
    fade_out = next(a for a in first_menu.actions() if "Out" in a.text())
    fade_out.trigger()
    assert project.settings.fade_out == 1.0
    stack.undo()
    assert project.settings.fade_out == 0.0
    # The inspector edits the selected shot's transition and its duration.
    window.timeline.select_ids([second.id])
    inspector = window.inspector
    assert inspector.transition.isEnabled() and not inspector.transition_duration.isEnabled()
    inspector.transition.activated.emit(inspector.transition.findData("fade"))
    assert second.transition == "fade" and inspector.transition_duration.isEnabled()
    inspector.transition_duration.setValue(1.5)
    assert second.transition_duration == 1.5
    window.timeline.viewport().grab()  # the card paints its transition marker
    stack.undo()
    stack.undo()
    assert (second.transition, second.transition_duration) == ("cut", 0.5)
