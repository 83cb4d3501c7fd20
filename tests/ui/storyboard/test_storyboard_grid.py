"""View > Storyboard on a real window: the grid over an item model (checked by QAbstractItemModelTester),
stills from FILM.media/keyframes/, Keep, Edit Prompt, Animate From Keyframe as one undo step, a
2,000-shot film, and Sketch Keyframes on the tiny Wan model."""

from __future__ import annotations

import logging
import time

import pytest
from image_support import gradient, png_file
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QAbstractItemModelTester
from ui_support import FakeDialogs, make_window, tiny_project, tiny_window, wait_finished

from app.project.cast_member import CastMember
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot
from ui.storyboard.storyboard_model import CAST_ROLE, KEPT_MISSING_ROLE, KEPT_ROLE, SKETCH_ROLE, STILL_ROLE


def _film(tmp_path, count=3, sketched=("b",)):
    project = Project(
        ProjectSettings(name="Board"),
        [Shot(id=i, title=f"Shot {i}", prompt=f"@Mia at {i}") for i in "abc"[:count]],
    )
    project.cast = [CastMember("Mia", description="a woman")]
    save_project(project, tmp_path / "film.reel")
    folder = project.media_dir / "keyframes"
    folder.mkdir(parents=True)
    for shot_id in sketched:
        png_file(folder / f"{shot_id}-001.png", gradient(64, 48))
    return project


def _open(qtbot, tmp_path, **film):
    window = make_window(qtbot, _film(tmp_path, **film), FakeDialogs())
    window.storyboard.dock.toggleViewAction().trigger()
    assert window.storyboard.dock.isVisible()
    model = window.storyboard.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return window, model


def _select(window, rows):
    grid = window.storyboard.panel.grid
    grid.clearSelection()
    for row in rows:
        grid.selectionModel().select(grid.model().index(row, 0), grid.selectionModel().SelectionFlag.Select)


def test_the_grid_shows_each_shot_its_still_title_prompt_and_cast(qtbot, tmp_path):
    window, model = _open(qtbot, tmp_path)
    assert model.rowCount() == 3
    index = model.index(1)
    assert index.data() == "Shot b" and index.data(CAST_ROLE) == "@Mia"
    assert index.data(SKETCH_ROLE) == "keyframes/b-001.png" and model.index(0).data(SKETCH_ROLE) == ""
    qtbot.waitUntil(lambda: isinstance(model.index(1).data(STILL_ROLE), QPixmap), timeout=5_000)
    # The grid follows the film: a shot added, renamed and removed (undo) shows at once.
    window.shots.add_shot()
    assert model.rowCount() == 4
    window.undo_stack.undo()
    assert model.rowCount() == 3
    window.storyboard.panel.grid.viewport().repaint()  # the delegate paints every cell without error


def test_keep_then_animate_makes_the_still_the_start_image_in_one_undo_step(qtbot, tmp_path):
    window, model = _open(qtbot, tmp_path)
    panel = window.storyboard.panel
    _select(window, [0, 1])
    panel.keep.click()  # shot a has no sketch: said in the status bar, b is kept
    assert model.index(1).data(KEPT_ROLE) and not model.index(0).data(KEPT_ROLE)
    assert "nothing to keep" in window.statusBar().currentMessage()
    panel.animate.click()
    qtbot.waitUntil(lambda: not window.storyboard.task.busy(), timeout=5_000)
    image = window.project.shot("b").start_image
    assert image is not None and image.path.startswith("images/")
    assert window.project.shot("a").start_image is None
    assert window.undo_stack.undoText() == "Animate From Keyframe"
    window.undo_stack.undo()
    assert window.project.shot("b").start_image is None


def test_the_kept_still_is_undoable_saved_and_shown_after_reopening(qtbot, tmp_path):
    window, model = _open(qtbot, tmp_path)
    _select(window, [1])
    window.storyboard.panel.keep.click()
    assert window.project.shot("b").kept_keyframe == "keyframes/b-001.png"
    assert window.undo_stack.undoText() == "Keep Sketch"
    window.undo_stack.undo()
    assert window.project.shot("b").kept_keyframe is None and not model.index(1).data(KEPT_ROLE)
    window.undo_stack.redo()
    assert model.index(1).data(KEPT_ROLE)
    save_project(window.project)
    png_file(window.project.media_dir / "keyframes" / "b-002.png", gradient(64, 48, seed=2))  # a newer one
    reopened = make_window(qtbot, load_project(window.project.path), FakeDialogs())
    again = reopened.storyboard.model
    assert again.index(1).data(SKETCH_ROLE) == "keyframes/b-001.png" and again.index(1).data(KEPT_ROLE)
    _select(reopened, [1])
    reopened.storyboard.panel.animate.click()
    qtbot.waitUntil(lambda: not reopened.storyboard.task.busy(), timeout=5_000)
    image = reopened.project.shot("b").start_image
    kept = (reopened.project.media_dir / "keyframes" / "b-001.png").read_bytes()
    assert image is not None and (reopened.project.media_dir / image.path).read_bytes() == kept


def test_a_duplicated_shot_keeps_no_still_of_the_original():
    from ui.editing.undo_commands import duplicate_shot

    shot = Shot(id="b", prompt="x", kept_keyframe="keyframes/b-001.png")
    twin = duplicate_shot(shot)
    assert twin.kept_keyframe is None and shot.kept_keyframe == "keyframes/b-001.png"


def test_a_kept_still_whose_file_is_gone_is_marked_in_the_grid(qtbot, tmp_path):
    project = _film(tmp_path)
    project.update_shot("b", kept_keyframe="keyframes/b-001.png")
    save_project(project)
    (project.media_dir / "keyframes" / "b-001.png").unlink()
    window = make_window(qtbot, load_project(project.path), FakeDialogs())
    window.storyboard.dock.show()
    model = window.storyboard.model
    assert model.index(1).data(KEPT_MISSING_ROLE) and not model.index(1).data(KEPT_ROLE)
    assert not model.index(0).data(KEPT_MISSING_ROLE)
    window.storyboard.panel.grid.viewport().repaint()  # the badge paints
    _select(window, [1])
    window.storyboard.panel.animate.click()
    qtbot.waitUntil(lambda: not window.storyboard.task.busy(), timeout=5_000)
    assert window.project.shot("b").start_image is None and len(window.dialogs.errors) == 1


def test_edit_prompt_is_undoable_and_asks_for_a_sketch_of_the_new_prompt(qtbot, tmp_path, monkeypatch):
    window, model = _open(qtbot, tmp_path)
    asked = []
    monkeypatch.setattr(window.storyboard, "sketch", lambda ids, new_seed: asked.append((ids, new_seed)))
    _select(window, [2])
    window.storyboard.panel.edit.click()
    dialog = window.storyboard.prompt_dialog
    assert dialog is not None and dialog.textValue() == "@Mia at c"
    dialog.setTextValue("@Mia at the gate, at dusk")
    dialog.accept()
    assert window.project.shot("c").prompt == "@Mia at the gate, at dusk" and asked == [(["c"], False)]
    window.undo_stack.undo()
    assert window.project.shot("c").prompt == "@Mia at c"


def test_an_unsaved_film_is_told_to_save_before_sketching(qtbot):
    window = make_window(qtbot, Project(ProjectSettings(name="New"), [Shot(prompt="x")]), FakeDialogs())
    window.storyboard.panel.sketch.click()
    [error] = window.dialogs.errors
    assert "Save the film first" in error


def test_two_thousand_shots_lay_out_without_a_widget_per_shot(qtbot, tmp_path):
    shots = [Shot(title=f"S{i}", prompt=f"prompt {i}") for i in range(2000)]
    project = Project(ProjectSettings(name="Long"), shots)
    save_project(project, tmp_path / "long.reel")
    window = make_window(qtbot, project, FakeDialogs())
    started = time.perf_counter()
    window.storyboard.dock.show()
    grid = window.storyboard.panel.grid
    grid.viewport().repaint()
    assert time.perf_counter() - started < 5.0  # generous on a loaded test machine: about 0.1 s here
    assert grid.model().rowCount() == 2000
    assert len(grid.viewport().children()) < 10  # painted cells, not widgets


@pytest.mark.slow
def test_sketch_keyframes_makes_a_still_per_selected_shot_on_the_tiny_model(qtbot, tmp_path, tiny_a14b):
    project = tiny_project(tmp_path, count=2)
    window = tiny_window(qtbot, tiny_a14b, project)
    window.storyboard.dock.show()
    model = window.storyboard.model
    _select(window, [1])
    window.storyboard.panel.sketch.click()
    second = project.shots[1].id
    qtbot.waitUntil(lambda: model.index(1).data(SKETCH_ROLE) == f"keyframes/{second}-001.png", timeout=60_000)
    assert window.dialogs.errors == [] and model.index(0).data(SKETCH_ROLE) == ""
    assert (project.media_dir / "keyframes" / f"{second}-001.json").is_file()
    window.storyboard.panel.another.click()  # a new seed, the next file, shown in its place
    qtbot.waitUntil(lambda: model.index(1).data(SKETCH_ROLE) == f"keyframes/{second}-002.png", timeout=60_000)


@pytest.mark.slow
def test_sketches_run_in_the_generation_queue_on_the_model_its_takes_use(qtbot, tmp_path, tiny_a14b, caplog):
    # The generation process logs each model it loads, through this process's log.
    caplog.set_level(logging.INFO)
    project = tiny_project(tmp_path, count=3)
    first, second, third = (shot.id for shot in project.shots)
    window = tiny_window(qtbot, tiny_a14b, project)
    model = window.storyboard.model
    window.storyboard.sketch([first, second, third], False)
    # The first shot's sketch cannot be written (a file took its place once queued): it fails, the others go on.
    (project.media_dir / "keyframes").mkdir(parents=True, exist_ok=True)
    (project.media_dir / "keyframes" / f"{first}-001.png").write_bytes(b"taken")
    sketches = list(window.generation.jobs.jobs())
    assert [job.meta.get("sketch") for job in sketches] == [first, second, third]
    wait_finished(qtbot, window, sketches)
    assert [job.state.value for job in sketches][1:] == ["done", "done"] and "replace" in sketches[0].error
    made = [f"keyframes/{second}-001.png", f"keyframes/{third}-001.png"]  # the grid hears after the queue
    qtbot.waitUntil(lambda: [model.index(row).data(SKETCH_ROLE) for row in (1, 2)] == made, timeout=5_000)
    assert not window.storyboard.sketches.jobs and not window.storyboard.sketches.reserved
    assert all(shot.takes == [] for shot in project.shots)  # a sketch is not a take
    assert not window.session.is_dirty()  # nor a change to the film
    takes = window.generation.generate([second])
    wait_finished(qtbot, window, takes)
    assert len(project.shot(second).takes) == 1 and window.dialogs.errors == []
    loads = [r for r in caplog.records if r.getMessage().startswith("Loaded model")]
    assert len(loads) == 1  # one model in memory: the take ran on the pipeline the sketches loaded


def test_a_failed_sketch_run_is_one_dialog_and_the_grid_shows_what_it_left(qtbot, tmp_path, monkeypatch):
    from app.settings.model_settings import ModelSettings, store_model_settings
    from app.settings.remote_settings import REMOTE

    window, model = _open(qtbot, tmp_path)
    # With a remote backend the queue holds no model here: the sketches run on the storyboard's task.
    store_model_settings(window.settings, ModelSettings(backend=REMOTE))
    model.index(0).data(SKETCH_ROLE)  # shot a listed (no sketch yet)

    def half_done(project, shot_ids, *args, **kwargs):
        png_file(project.media_dir / "keyframes" / "a-001.png", gradient(64, 48))  # the first shot's still
        raise ValueError("the second shot failed")

    monkeypatch.setattr("ui.storyboard.storyboard_wiring.sketch_keyframes", half_done)
    window.storyboard.panel.sketch.click()  # none selected: every shot
    qtbot.waitUntil(lambda: not window.storyboard.task.busy(), timeout=5_000)
    [error] = window.dialogs.errors
    assert error.startswith("Sketching Keyframes:") and "Traceback" not in error
    assert model.index(0).data(SKETCH_ROLE) == "keyframes/a-001.png"


@pytest.mark.slow  # the worker imports torch before it finds the model missing
def test_a_failed_sketch_is_retried_from_the_queue_as_a_sketch(qtbot, tmp_path):
    from engine.generation.request import ModelSpec
    from engine.jobs.states import JobState

    window, model = _open(qtbot, tmp_path)
    window.project.update_shot("a", prompt="a lighthouse")  # no cast: no reference model needed
    take_queue = window.generation.ensure_queue()
    missing = ModelSpec(str(tmp_path / "no-such-model"), device="cpu", dtype="float32")
    sketches = window.storyboard.sketches
    assert sketches.submit(window.project, ["a"], take_queue.jobs, missing, False) == []
    [job] = take_queue.jobs.jobs()
    qtbot.waitUntil(lambda: job.id not in sketches.jobs, timeout=60_000)  # the worker imports torch first
    assert (
        job.state == JobState.FAILED and "The sketch of Shot a failed" in window.statusBar().currentMessage()
    )
    again = window.generation.retry(job.id)  # the Queue's Retry: followed as the same sketch, not a take
    assert again is not None and again.meta["sketch"] == "a" and again.id in sketches.jobs
    assert sketches.reserved == {"keyframes/a-001.png"}
    qtbot.waitUntil(lambda: again.id not in sketches.jobs, timeout=60_000)
    assert again.state == JobState.FAILED and window.project.shot("a").takes == []


def test_a_cell_breaks_a_prompt_into_two_lines_that_fit_chinese_included(qapp):
    from PySide6.QtGui import QFontMetrics

    from ui.storyboard.storyboard_panel import two_lines

    metrics = QFontMetrics(qapp.font())
    width = metrics.horizontalAdvance("x") * 24
    for prompt in (
        "灯塔的灯光在薄雾中旋转，电影感，柔和的晨光，海鸥在远处盘旋" * 2,
        "a lighthouse at dawn " * 6,
    ):
        first, second = two_lines(metrics, prompt, width)
        assert metrics.horizontalAdvance(first) <= width and metrics.horizontalAdvance(second) <= width
        assert prompt.startswith(first) and len(first) > 4 and second.endswith("…")
    latin = "a lighthouse at dawn " * 6
    assert latin.startswith(two_lines(metrics, latin, width)[0] + " ")  # broken between words
    assert two_lines(metrics, "short", width) == ["short"] and two_lines(metrics, "", width) == []
