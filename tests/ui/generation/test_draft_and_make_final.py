"""Draft in the window: the inspector's quality and guidance warning, the card's badge, Make Final, Speed prefs."""

from __future__ import annotations

import threading

import pytest
from tiny_draft import write_tiny_draft_loras
from ui_support import make_window, sample_project, tiny_project, tiny_window, wait_finished

from app.settings.model_settings import ModelSettings
from engine.jobs.states import JobState
from ui.preferences.model_settings_page import ModelSettingsPage
from ui.timeline.draft_badge import DRAFT_COLOR


@pytest.fixture(autouse=True)
def no_threads_left():
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("storyreel-") and t.is_alive()]
    assert not left, f"threads left running: {left}"


def test_inspector_quality_choice_is_undoable_and_the_guidance_trap_is_warned(qtbot) -> None:
    window = make_window(qtbot, sample_project(2))
    shot = window.project.shots[0]
    window.timeline.select_ids([shot.id])
    rows = window.inspector.speed_rows
    assert not rows.warning.isVisibleTo(window.inspector)  # the defaults 4 / 3 are fine
    rows.quality.activated.emit(rows.quality.findData("draft"))
    assert shot.quality == "draft"
    window.undo_stack.undo()
    assert shot.quality is None
    window.inspector._edit(guidance_scale=1.0, guidance_scale_2=3.0)
    assert rows.warning.isVisibleTo(window.inspector)
    assert "would be lost" in rows.warning.text() and "3" in rows.warning.text()
    window.inspector._edit(guidance_scale_2=1.0)
    assert not rows.warning.isVisibleTo(window.inspector)


def card_has_draft_badge(window, row: int) -> bool:
    view = window.timeline
    rect = view.visualRect(window.model.index(row))
    image = view.viewport().grab().toImage()
    # Inside the badge, just left of the picture's top-right corner (card 2 px in, picture 3 more).
    color = image.pixelColor(rect.right() - 2 - 3 - 6, rect.top() + 2 + 3 + 6)
    return abs(color.hue() - DRAFT_COLOR.hue()) < 10 and color.saturation() > 100


def test_a_draft_take_shows_its_badge_and_make_final_redoes_it_with_its_seed(
    qtbot, tiny_a14b, tmp_path
) -> None:
    loras = write_tiny_draft_loras(tiny_a14b, tmp_path / "lightning")
    project = tiny_project(tmp_path, count=2, steps=2)
    project.settings.quality = "draft"
    window = tiny_window(
        qtbot,
        tiny_a14b,
        project,
        draft_repo=loras.repo,
        draft_high_noise=loras.high_noise,
        draft_low_noise=loras.low_noise,
    )
    shot = project.shots[0]
    window.timeline.select_ids([shot.id])
    jobs = window.generation.generate_selected()
    wait_finished(qtbot, window, jobs)
    assert jobs[0].state == JobState.DONE, jobs[0].error
    draft = shot.active
    assert draft.quality == "draft" and draft.steps == 4 and draft.speed["quality"] == "draft"
    window.timeline.viewport().repaint()
    assert card_has_draft_badge(window, 0) and not card_has_draft_badge(window, 1)

    window.generation.act_make_final.trigger()
    final_jobs = [j for j in window.generation.jobs.jobs() if j not in jobs]
    wait_finished(qtbot, window, final_jobs)
    assert final_jobs[0].state == JobState.DONE, final_jobs[0].error
    qtbot.waitUntil(lambda: len(shot.takes) == 2)
    final = shot.active
    assert final.quality == "final" and final.seed == draft.seed and final.prompt == draft.prompt
    assert final.steps == 2 and shot.quality == "final"
    window.timeline.viewport().repaint()
    assert not card_has_draft_badge(window, 0)
    window.undo_stack.undo()  # the shot's quality goes back; the take stays (takes are not undone)
    assert shot.quality is None and len(shot.takes) == 2


def test_make_final_without_a_draft_take_says_so(qtbot) -> None:
    window = make_window(qtbot, sample_project(1))
    window.timeline.select_ids([window.project.shots[0].id])
    window.generation.act_make_final.trigger()
    assert "No selected shot has a Draft take" in window.statusBar().currentMessage()


def test_speed_preferences_round_trip(qtbot) -> None:
    settings = ModelSettings(
        attention_backend="sage", fp8="storage", step_cache="first_block", cache_threshold=0.3
    )
    page = ModelSettingsPage(settings)
    qtbot.addWidget(page)
    box = page.speed
    assert box.attention.currentData() == "sage" and box.fp8.currentData() == "storage"
    box.compile.setCurrentIndex(box.compile.findData("on"))
    box.draft_repo.setText("")  # empty: the Lightning default
    out = ModelSettings()
    page.apply(out)
    assert (out.attention_backend, out.compile, out.fp8) == ("sage", "on", "storage")
    assert out.step_cache == "first_block" and out.cache_threshold == pytest.approx(0.3)
    assert out.draft_repo == "lightx2v/Wan2.2-Lightning"
    assert out.spec_for().draft.high_noise.endswith("high_noise_model.safetensors")
