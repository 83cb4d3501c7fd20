"""Generate on a film never saved goes straight to Save As; the film then takes its file's name."""

from __future__ import annotations

from ui_support import FakeDialogs, make_window

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot


def _unsaved_window(qtbot, tmp_path, answer):
    dialogs = FakeDialogs(save_path=answer)
    project = Project(ProjectSettings(name="Untitled"), [Shot(prompt="a lighthouse at dusk")])
    window = make_window(qtbot, project, dialogs)
    offered: list[str] = []
    window.generation.offer_model = offered.append  # the Hub model is not here: no dialog in a test
    return window, dialogs


def test_generate_on_an_unsaved_film_offers_save_as_directly_and_names_the_film(qtbot, tmp_path):
    window, dialogs = _unsaved_window(qtbot, tmp_path, tmp_path / "Lighthouse.reel")
    window.generation.generate([window.project.shots[0].id])
    assert dialogs.asked[0][0] == "save_path" and not [a for a in dialogs.asked if a[0] == "info"]
    assert window.project.path == (tmp_path / "Lighthouse.reel").resolve()
    assert window.project.settings.name == "Lighthouse" and "Lighthouse" in window.windowTitle()


def test_a_cancelled_save_as_keeps_the_film_untitled_and_generates_nothing(qtbot, tmp_path):
    window, dialogs = _unsaved_window(qtbot, tmp_path, None)
    assert window.generation.generate([window.project.shots[0].id]) == []
    assert window.project.path is None and window.project.settings.name == "Untitled"


def test_a_named_film_keeps_its_name_under_save_as(qtbot, tmp_path):
    window, dialogs = _unsaved_window(qtbot, tmp_path, tmp_path / "copy.reel")
    window.project.update_settings(name="The Keeper")
    window.act_save_as.trigger()
    assert window.project.settings.name == "The Keeper"
