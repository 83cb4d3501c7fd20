"""The Presets dock, the preset dialog, undoable applying, and the inspector's sent prompt."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from preset_support import make_preset
from ui_support import FakeDialogs, make_window, sample_project

from app.presets.library import find_preset, list_presets
from app.presets.preset import Preset
from app.project.reel_file import save_project
from ui.presets.preset_dialog import PresetDialog
from ui.presets.presets_panel import NAME_ROLE, colour_card, image_to_array


def saved_window(qtbot, tmp_path: Path, dialogs: FakeDialogs | None = None):
    project = sample_project(3)
    save_project(project, tmp_path / "film.reel")
    return make_window(qtbot, project, dialogs)


def names(panel) -> list[str]:
    return [panel.list.item(i).data(NAME_ROLE) for i in range(panel.list.count())]


def shown_panel(qtbot, tmp_path: Path):
    """The presets panel of a saved film's window, its dock shown and raised."""
    window = saved_window(qtbot, tmp_path)
    window.presets_dock.show()
    window.presets_dock.raise_()
    qtbot.waitUntil(window.presets_panel.isVisible)
    return window.presets_panel


def test_dock_lists_the_library_with_graded_previews(qtbot, tmp_path) -> None:
    window = saved_window(qtbot, tmp_path)
    assert window.presets_dock.toggleViewAction() in window.menuBar().actions()[2].menu().actions()
    panel = window.presets_panel
    assert {"Warm Film", "Teal and Orange", "Monochrome"} <= set(names(panel))
    # Graded on a worker once the dock is shown (it opens as a tab behind the inspector).
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        window.presets_dock.raise_()
    card = colour_card()
    mono = panel.list.item(names(panel).index("Monochrome")).icon().pixmap(card.shape[1], card.shape[0])
    pixels = image_to_array(mono.toImage())
    assert np.abs(pixels.astype(int) - card).mean() > 5  # the grade shows in the thumbnail
    assert np.abs(pixels[..., 0].astype(int) - pixels[..., 1]).mean() < 4  # and it is grey


def test_apply_to_project_and_shots_is_undoable(qtbot, tmp_path) -> None:
    window = saved_window(qtbot, tmp_path)
    project, panel = window.project, window.presets_panel
    panel.select("Warm Film")
    panel.apply_to_project()
    assert project.settings.preset == "Warm Film" and "Warm Film" in project.presets
    assert (project.media_dir / "presets" / "Warm Film").is_dir()
    first = project.shots[0]
    window.timeline.select_ids([first.id])
    assert "shot on 35mm film" in window.inspector.sent.text()
    assert "project default" in window.inspector.sent.text()
    panel.select("Monochrome")
    panel.apply_to_shots()
    assert first.preset == "Monochrome" and "black and white photograph" in window.inspector.sent.text()
    panel.clear_shots()
    assert first.preset is None
    window.undo_stack.undo()
    assert first.preset == "Monochrome"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert first.preset is None and "Monochrome" not in project.presets
    window.undo_stack.undo()
    assert project.settings.preset is None and project.presets == {}
    window.undo_stack.redo()
    assert project.settings.preset == "Warm Film"


def test_unsaved_project_is_told_to_save_first(qtbot) -> None:
    dialogs = FakeDialogs()
    window = make_window(qtbot, sample_project(2), dialogs)
    window.presets_panel.select("Warm Film")
    window.presets_panel.apply_to_project()
    assert window.project.settings.preset is None
    assert any("save the project first" in e for e in dialogs.errors)


def test_library_actions_from_the_panel(qtbot, tmp_path) -> None:
    window = saved_window(qtbot, tmp_path)
    panel = window.presets_panel
    panel.select("Teal and Orange")
    assert not panel.buttons["edit"].isEnabled()  # bundled: read-only
    panel.duplicate()
    assert panel.current_name() == "Teal and Orange copy" and panel.buttons["delete"].isEnabled()
    archive = tmp_path / "teal.reelstyle"
    panel.export_file(archive)
    panel.delete()
    assert "Teal and Orange copy" not in names(panel)
    panel.import_file(archive)
    assert panel.current_name() == "Teal and Orange copy"


def test_dialog_round_trips_a_preset(qtbot, tmp_path) -> None:
    make_preset(tmp_path)
    entry = find_preset("Brand")
    dialog = PresetDialog(entry.preset, entry.folder)
    qtbot.addWidget(dialog)
    preset, sources = dialog.result_preset()
    assert preset.prompt_template == entry.preset.prompt_template
    assert preset.grade.lut == "look.cube" and sources["look.cube"] == entry.folder / "look.cube"
    assert preset.watermark.corner == "top-left" and preset.settings == entry.preset.settings
    dialog.name.setText("bad/name")
    dialog._accept()
    assert "name" in dialog.error.text() and dialog.result() == 0


def test_new_preset_dialog_defaults(qtbot) -> None:
    dialog = PresetDialog()
    qtbot.addWidget(dialog)
    dialog.template.setPlainText("")
    preset, sources = dialog.result_preset()
    assert preset == Preset(name="New preset") and sources == {}
    assert len(list_presets()) == 3  # the bundled ones


def test_a_shot_s_frame_is_graded_off_the_gui_thread_and_the_newest_wins(qtbot, tmp_path) -> None:
    panel = shown_panel(qtbot, tmp_path)
    row = names(panel).index("Monochrome")
    dark, light = np.full((54, 96, 3), 20, np.uint8), np.full((54, 96, 3), 230, np.uint8)

    def shade() -> float:
        return float(image_to_array(panel.list.item(row).icon().pixmap(96, 54).toImage()).mean())

    panel.set_frame(dark)
    panel.set_frame(light)  # asked again before the first answer: only the newest is shown
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        pass
    assert shade() > 150
    panel.icons.wait()


def test_the_looks_are_graded_once_the_frame_settles_not_per_click(qtbot, tmp_path, monkeypatch) -> None:
    """Arrowing along the timeline changes the frame per shot: one grade follows the last, none before."""
    from ui.presets import presets_panel

    panel = shown_panel(qtbot, tmp_path)
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        pass
    asked: list[float] = []
    request = panel.icons.request
    monkeypatch.setattr(
        panel.icons,
        "request",
        lambda make, sources: (asked.append(float(make().mean())), request(make, sources)),
    )
    for shade in range(10, 60, 10):
        panel.set_frame(np.full((54, 96, 3), shade, np.uint8))
        qtbot.wait(presets_panel.GRADE_SETTLE_MS // 5)
    assert asked == []
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        pass
    assert asked == [50.0]


def test_applying_a_preset_with_a_cast_adds_its_members_in_one_undoable_step(qtbot, tmp_path) -> None:
    from preset_support import make_cast_preset

    from app.project.cast_member import CastMember

    make_cast_preset(tmp_path)
    dialogs = FakeDialogs()
    window = saved_window(qtbot, tmp_path, dialogs)
    project, panel = window.project, window.presets_panel
    project.add_cast_member(CastMember("MEI", "character", "the film's own Mei"))
    panel.select("Brand")
    panel.apply_to_project()
    assert [(m.name, m.description) for m in project.cast] == [
        ("MEI", "the film's own Mei"),
        ("茶壶", "a celadon teapot"),
    ]
    assert len(project.cast[1].images) == 1 and (project.media_dir / project.cast[1].images[0].path).is_file()
    [notice] = dialogs.infos  # one notice names the member the film kept
    assert "Mei" in notice and "keeps its own" in notice
    window.undo_stack.undo()
    assert [m.name for m in project.cast] == ["MEI"] and project.settings.preset is None
    window.undo_stack.redo()
    assert [m.name for m in project.cast] == ["MEI", "茶壶"] and project.settings.preset == "Brand"


def test_editing_a_preset_keeps_its_cast(qtbot, tmp_path) -> None:
    from preset_support import make_cast_preset

    from app.presets.library import save_preset

    make_cast_preset(tmp_path)
    entry = find_preset("Brand")
    dialog = PresetDialog(entry.preset, entry.folder)
    qtbot.addWidget(dialog)
    dialog.description.setText("edited")
    preset, sources = dialog.result_preset()
    save_preset(preset, sources, replace="Brand")
    again = find_preset("Brand")
    assert again.preset.description == "edited" and again.preset.cast == entry.preset.cast
    assert (again.folder / "cast" / "teapot.png").read_bytes() == (
        tmp_path / "cast-src-Brand" / "teapot.png"
    ).read_bytes()


def test_the_looks_are_built_on_a_worker_and_a_broken_lut_says_why(qtbot, tmp_path, monkeypatch) -> None:
    import threading

    from app.presets.library import library_dir
    from engine.looks import grade

    built: list[bool] = []
    real_init = grade.Grade.__init__

    def recording_init(self, *args, **kwargs):
        built.append(threading.current_thread() is threading.main_thread())
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(grade.Grade, "__init__", recording_init)
    grade._cached_grade.cache_clear()
    make_preset(tmp_path, "Broken")
    (library_dir() / "Broken" / "look.cube").write_text("LUT_3D_SIZE 2\nnot a number\n", encoding="utf-8")
    window = saved_window(qtbot, tmp_path)
    panel = window.presets_panel
    assert True not in built  # opening the window built no LUT table on the GUI thread
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        window.presets_dock.raise_()
    assert built and True not in built  # the bundled LUTs too, on the icons' worker
    tip = panel.list.item(names(panel).index("Broken")).toolTip()
    assert "Broken" in tip and "look.cube" in tip


def test_each_look_is_loaded_once_per_reading_of_the_library(qtbot, tmp_path, monkeypatch) -> None:
    from app.film import shot_looks

    loaded: list[str] = []
    real = shot_looks.look_for_preset
    monkeypatch.setattr(
        shot_looks, "look_for_preset", lambda preset, *a: loaded.append(preset.name) or real(preset, *a)
    )
    window = saved_window(qtbot, tmp_path)  # (the window may grade once while it is laid out)
    panel = window.presets_panel
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        window.presets_dock.raise_()
    first = sorted(loaded)
    assert first == sorted({entry.name for entry, _tip in panel._entries if entry.preset is not None})
    for shade in (20, 230):  # shots clicked one after another: graded again, loaded no more
        with qtbot.waitSignal(panel.icons.ready, timeout=10000):
            panel.set_frame(np.full((54, 96, 3), shade, np.uint8))
    assert sorted(loaded) == first
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        panel.reload()  # the library read again: a preset may have changed on disk
    assert sorted(loaded) == sorted(first * 2)


def test_a_shots_thumbnail_is_what_the_looks_are_previewed_on(qtbot, tmp_path) -> None:
    """Scaled and made an array where it is graded: the icons and the frame are the thumbnail's."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QColor, QPixmap

    from ui.presets.presets_panel import THUMB

    panel = shown_panel(qtbot, tmp_path)
    thumbnail = QPixmap(312, 180)
    thumbnail.fill(QColor(200, 40, 40))
    row = names(panel).index("Monochrome")
    with qtbot.waitSignal(panel.icons.ready, timeout=10000):
        panel.set_shot("any", thumbnail)
    icon = image_to_array(panel.list.item(row).icon().pixmap(THUMB).toImage())
    assert abs(float(icon[..., 0].mean()) - float(icon[..., 1].mean())) < 2  # graded grey, not the card
    expected = image_to_array(
        thumbnail.toImage().scaled(
            QSize(THUMB), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    )
    assert np.array_equal(panel.frame, expected)
    panel.set_shot(None)
    assert np.array_equal(panel.frame, colour_card())
    panel.icons.wait()
