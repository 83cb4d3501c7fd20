"""Review in the window: score columns and sorting, the card's score, the blur and Reveal, the flagged-export
confirmation in the log, Preferences > Review, best-of-N's ranking, the report from the File menu."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from ui_support import FakeDialogs, make_window, paint_card, sample_project

from app.project.reel_file import save_project
from app.project.shot import Take
from app.settings.review_settings import ReviewSettings, load_review_settings, store_review_settings
from app.settings.user_settings import UserSettings
from engine.film.export_settings import ExportSettings
from engine.video.video_io import write_clip
from ui.export.export_dialog import start_export
from ui.preferences.preferences_dialog import PreferencesDialog
from ui.review.best_of_run import BestOfRun
from ui.widgets.score_badge import FLAGGED_COLOR
from ui.widgets.take_scores import column_titles


def ok(value, **details):
    return {"value": value, "model": "m", "revision": None, "frames": [0], "status": "ok", "details": details}


def scored_take(take_id: str, prompt: float, flicker: float, verdict: str = "ok", **fields) -> Take:
    scores = {"prompt": ok(prompt), "flicker": ok(flicker), "motion": ok(1.0, still=False)}
    return Take(
        id=take_id, path=f"{take_id}.mp4", seed=1, scores=scores, safety={"verdict": verdict}, **fields
    )


def test_the_takes_list_shows_scores_in_columns_and_sorts_by_them(qtbot):
    project = sample_project(1)
    sid = project.shots[0].id
    for take in (scored_take("a", 20, 1), scored_take("b", 80, 2), scored_take("c", 50, 9, "flagged")):
        project.add_take(sid, take)
    project.add_take(sid, Take(id="d", path="d.mp4"))  # never scored
    window = make_window(qtbot, project)
    window.timeline.select_ids([sid])
    panel = window.inspector.takes
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(panel.sorted, QAbstractItemModelTester.FailureReportingMode.Fatal)
    headers = [
        panel.sorted.headerData(c, Qt.Orientation.Horizontal) for c in range(panel.sorted.columnCount())
    ]
    assert headers == ["Take", *column_titles()]
    assert panel.model.index(1, 2).data() == "80.00"  # prompt
    assert panel.model.index(2, 7).data() == "flagged" and panel.model.index(3, 1).data() == ""
    assert "Prompt 1" in panel.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)  # the weights beside it

    def order():
        return [panel.sorted.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(4)]

    assert order() == ["a", "b", "c", "d"]  # as made
    panel.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the combined score, best first
    assert order()[:2] == ["b", "c"] and order()[-1] == "d"
    panel.view.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # flicker, least first; unscored first too
    assert order()[1:] == ["a", "b", "c"]
    panel.view.setCurrentIndex(panel.sorted.index(1, 3))  # selection follows the take, not the row
    panel.use_button.click()
    assert project.shots[0].active_take == "a"


def test_score_columns_fit_their_widest_text_without_asking_the_model_per_click(qtbot, monkeypatch):
    # ResizeToContents asked the model through the sort proxy ~400 times on every selection of a shot.
    project = sample_project(2)
    first, second = (shot.id for shot in project.shots)
    project.add_take(first, scored_take("a", 20, 1))
    take = scored_take("b", 80, 2)
    take.scores["motion"] = ok(0.5, still=True)  # "0.50 (still)": wider than its title
    project.add_take(second, take)
    window = make_window(qtbot, project)
    panel = window.inspector.takes
    asked = []
    real = type(panel.model).index
    monkeypatch.setattr(type(panel.model), "index", lambda self, *a: asked.append(1) or real(self, *a))
    window.timeline.select_ids([second])
    qtbot.wait(10)
    assert len(asked) < 300, len(asked)  # was 905: every column sized again through the proxy
    header, cells = panel.view.header(), panel.view.fontMetrics()
    titles = header.fontMetrics()
    for column in range(1, panel.model.columnCount()):
        texts = [
            panel.model.index(0, column).data(),
            panel.sorted.headerData(column, Qt.Orientation.Horizontal),
        ]
        assert header.sectionSize(column) >= max(
            cells.horizontalAdvance(texts[0]), titles.horizontalAdvance(texts[1])
        )
    motion = 1 + list(column_titles()).index(next(t for t in column_titles() if "otion" in t))
    wide = header.sectionSize(motion)
    assert wide > cells.horizontalAdvance("0.50 (still)")
    window.timeline.select_ids([first])  # no "(still)" here: the column narrows to what it shows
    assert header.sectionSize(motion) < wide


def test_the_card_shows_the_score_and_marks_a_flagged_take(qtbot):
    project = sample_project(2)
    project.add_take(project.shots[0].id, scored_take("a", 80, 1))
    project.add_take(project.shots[1].id, scored_take("b", 80, 1, "flagged"))
    window = make_window(qtbot, project)

    def red_pixels(row):
        image = paint_card(window, row)
        return sum(
            1
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
            if image.pixelColor(x, y).rgb() == FLAGGED_COLOR.rgb()
        )

    assert red_pixels(1) > 20 and red_pixels(0) == 0


def gradient_take_project(tmp_path, verdict: str):
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    project.media_dir.mkdir(parents=True, exist_ok=True)
    # Diagonal stripes 2 px wide: sharp edges a blur cannot keep.
    stripes = (np.indices((48, 64)).sum(axis=0) // 2 % 2 * 255).astype(np.uint8)
    write_clip(
        np.repeat(np.repeat(stripes[None, :, :, None], 3, axis=3), 5, axis=0), 16, project.media_dir / "a.mp4"
    )
    take = Take(id="a", path="a.mp4", frames=5, fps=16, width=64, height=48, safety={"verdict": verdict})
    project.add_take(project.shots[0].id, take)
    return project


def test_a_flagged_take_is_blurred_in_the_preview_until_revealed(qtbot, tmp_path):
    project = gradient_take_project(tmp_path, "flagged")
    window = make_window(qtbot, project)
    window.timeline.select_ids([project.shots[0].id])
    preview, veil = window.preview, window.review.veil
    qtbot.waitUntil(lambda: preview.current is not None, timeout=10_000)
    shown = preview.current
    assert veil.veiled_take == "a" and veil.reveal_button.isVisible()
    # The squares' edges are gone: neighbouring pixels differ by a fraction of what they did.
    assert np.abs(np.diff(shown.astype(int), axis=1)).max() < 60
    veil.reveal_button.click()
    assert not veil.reveal_button.isVisible() and "a" in veil.revealed
    assert np.abs(np.diff(preview.current.astype(int), axis=1)).max() > 150


def test_an_unflagged_take_is_shown_as_it_is(qtbot, tmp_path):
    project = gradient_take_project(tmp_path, "ok")
    window = make_window(qtbot, project)
    window.timeline.select_ids([project.shots[0].id])
    qtbot.waitUntil(lambda: window.preview.current is not None, timeout=10_000)
    assert window.review.veil.veiled_take is None and not window.review.veil.reveal_button.isVisible()


def test_exporting_flagged_takes_asks_naming_the_shots_and_logs_the_yes(qtbot, tmp_path, caplog):
    project = gradient_take_project(tmp_path, "flagged")
    dialogs = FakeDialogs()
    window = make_window(qtbot, project, dialogs)
    out = tmp_path / "film.mp4"
    assert start_export(project, out, ExportSettings(), dialogs, window.statusBar(), window) is None
    assert dialogs.asked[-1][0] == "confirm" and "S0" in dialogs.asked[-1][1] and not out.exists()
    dialogs.answers["confirm"] = True
    with caplog.at_level(logging.INFO):
        progress = start_export(project, out, ExportSettings(), dialogs, window.statusBar(), window)
        assert progress is not None
        qtbot.waitUntil(lambda: progress.outcome is not None or progress.error is not None, timeout=30_000)
    assert progress.error is None and out.is_file()
    assert "confirmed exporting flagged takes of: S0" in caplog.text
    assert "Exporting flagged takes, as the person allowed: S0" in caplog.text


def test_review_preferences_round_trip(qtbot):
    settings = UserSettings()
    store_review_settings(settings, ReviewSettings(blocked_words=["gore"], best_of=4))
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    page = dialog.review_page
    assert page.words.toPlainText() == "gore" and page.best_of.value() == 4
    page.clip_model.setCurrentText("/models/clip")
    page.scorers["safety"].setChecked(False)
    page.weights["flicker"].setValue(2.0)
    page.words.setPlainText("gore\n  \n血腥\n")
    assert "Flicker 2" in page.weights_summary.text()
    dialog.apply(settings)
    review = load_review_settings(settings)
    assert review.clip_model == "/models/clip" and "safety" not in review.enabled
    assert review.weights["flicker"] == 2.0 and review.blocked_words == ["gore", "血腥"]
    again = PreferencesDialog(settings)
    qtbot.addWidget(again)
    assert again.review_page.clip_model.currentText() == "/models/clip"
    assert not again.review_page.scorers["safety"].isChecked()


def test_the_status_bar_says_when_the_safety_check_is_off(qtbot):
    window = make_window(qtbot, sample_project(1))
    assert not window.review.safety_off.isVisible()
    store_review_settings(window.settings, ReviewSettings(enabled=["prompt"]))
    window.apply_preferences()
    assert window.review.safety_off.isVisible()


def test_best_of_n_makes_the_best_new_take_active_and_offers_make_final(qtbot, tmp_path):
    project = sample_project(1)
    save_project(project, tmp_path / "film.reel")
    sid = project.shots[0].id
    made = [scored_take("a", 30, 1, quality="draft"), scored_take("b", 90, 1, "flagged", quality="draft")]
    made += [scored_take("c", 60, 1, quality="draft"), scored_take("d", 10, 1, quality="draft")]
    for take in made:
        project.add_take(sid, take)  # as the queue adds them: the last one active
    dialogs = FakeDialogs()
    window = make_window(qtbot, project, dialogs)
    offered = []
    window.review.best_of.generation.generate = lambda ids, new_seed=False, seeds=None: (
        offered.append(seeds) or []
    )
    dialogs.answers["confirm"] = True
    best = window.review.best_of.finish(BestOfRun(sid, set(), made))
    assert best is not None and best.id == "c"  # b scored higher but was flagged
    assert project.shots[0].active_take == "c" and "combined" in made[0].scores
    assert offered == [{sid: 1}]  # Make Final of it, with its seed
    assert any(a[0] == "confirm" for a in dialogs.asked)
    assert project.shots[0].quality == "final"
    window.undo_stack.undo()  # Make Final's quality change
    window.undo_stack.undo()  # keeping the best: the last take made is active again
    assert project.shots[0].active_take == "d" and project.shots[0].quality is None


def test_generate_n_takes_queues_n_draft_takes_with_seeds_one_apart(qtbot, tmp_path):
    project = sample_project(1)
    project.shots[0].seed = 7
    save_project(project, tmp_path / "film.reel")
    window = make_window(qtbot, project)
    calls = []

    def generate(ids, new_seed=False, seeds=None):
        calls.append(dict(seeds))
        return [type("J", (), {"id": f"j{len(calls)}"})()]

    window.review.best_of.generation.generate = generate
    jobs = window.review.best_of.start([project.shots[0].id], 3)
    assert calls == [{project.shots[0].id: 7}, {project.shots[0].id: 8}, {project.shots[0].id: 9}]
    assert len(jobs) == 3 and project.shots[0].quality == "draft"
    assert set(window.review.best_of.runs) == {"j1", "j2", "j3"}


def test_export_review_report_writes_the_page_and_offers_to_open_it(qtbot, tmp_path):
    project = gradient_take_project(tmp_path, "ok")
    dialogs = FakeDialogs()
    window = make_window(qtbot, project, dialogs)
    out = tmp_path / "review.html"
    window.review.report.export(out)
    qtbot.waitUntil(lambda: window.review.report.written == out, timeout=30_000)
    page = out.read_text(encoding="utf-8")
    assert "S0" in page and "data:image/png;base64," in page
    assert dialogs.asked[-1][0] == "confirm" and str(out) in dialogs.asked[-1][1]
    assert window.review.report.action in window.menuBar().actions()[0].menu().actions()


@pytest.mark.slow  # builds the tiny A14B model (about 25-40 s on two shared cores); the call itself takes 2 s
def test_best_of_n_queues_draft_requests_on_a_scoring_worker(qtbot, tiny_a14b, tmp_path):
    from tiny_draft import write_tiny_draft_loras
    from ui_support import tiny_project, tiny_window

    loras = write_tiny_draft_loras(tiny_a14b, tmp_path / "lightning")
    project = tiny_project(tmp_path, count=1)
    project.shots[0].seed = 40
    window = tiny_window(
        qtbot,
        tiny_a14b,
        project,
        draft_repo=loras.repo,
        draft_high_noise=loras.high_noise,
        draft_low_noise=loras.low_noise,
    )
    generation = window.generation
    generation.ensure_queue()
    generation.toggle_pause()  # the requests are checked as queued; no take is made
    jobs = window.review.best_of.start([project.shots[0].id], 3)
    try:
        assert [job.request.seed for job in jobs] == [40, 41, 42]
        assert all(job.request.quality == "draft" for job in jobs)
        assert all(b.after_take is not None for b in generation._backends)  # scored on the worker
        assert set(window.review.best_of.runs) == {job.id for job in jobs}
    finally:
        generation.cancel_all()
