"""A window opened on a film paints the film first, then builds its preview, inspector, queue and the rest."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from ui_support import FakeDialogs, sample_project

from app.project.reel_file import save_project
from app.settings.user_settings import load_settings
from ui.runtime.first_paint import AfterFirstPaint
from ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
PARTS = ("ui.inspector.inspector", "ui.preview.preview_player", "ui.generation.generation_actions")


@pytest.mark.slow
def test_the_film_is_painted_before_the_parts_are_loaded_and_nothing_moves_after(tmp_path):
    path = save_project(sample_project(3), tmp_path / "film.reel")
    script = textwrap.dedent(f"""
        import json, sys
        from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
        from PySide6.QtWidgets import QApplication
        from ui.shell import app_main
        app = app_main.create_application()
        seen = {{}}
        def window():
            return [w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow"][0]
        def strip_at():
            w = window()
            return list(w.timeline.mapTo(w, QPoint(0, 0)).toTuple()) + [w.timeline.height()]
        class Watch(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and "first" not in seen:
                    views = sys.modules.get("ui.timeline.timeline_view")
                    view = obj.parent()
                    if views and isinstance(view, views.TimelineView) and view.model().rowCount() > 0:
                        w = window()
                        seen["first"] = {{
                            "loaded": [m for m in {PARTS!r} if m in sys.modules],
                            "built": w.parts_built, "rows": view.model().rowCount(), "strip": strip_at(),
                        }}
                return False
        watch = Watch()
        app.installEventFilter(watch)
        def after():
            w = window()
            if not w.parts_built:
                QTimer.singleShot(20, after)
                return
            seen["after"] = {{
                "loaded": [m for m in {PARTS!r} if m in sys.modules], "strip": strip_at(),
                "inspector": w.inspector.shot_id, "first_shot": w.project.shots[0].id,
                "preview": w.preview.shot_id, "generate": len(w.generate_menu.actions()),
                "toolbar": len(w.toolbar.actions()), "queue": w.queue_dock.widget() is not None,
            }}
            QApplication.quit()
        QTimer.singleShot(0, after)
        code = app_main.run([{str(path)!r}])
        print(json.dumps(seen))
        sys.exit(code)
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    first, after = seen["first"], seen["after"]
    assert first["rows"] == 3 and not first["built"] and first["loaded"] == []
    assert after["loaded"] == list(PARTS)
    assert after["inspector"] == after["preview"] == after["first_shot"]  # the panels follow the selection
    assert after["generate"] > 3 and after["toolbar"] > 8 and after["queue"]
    assert after["strip"] == first["strip"]  # the film's strip stays where it was first painted


def test_a_selection_made_before_the_parts_exist_is_followed_once_they_do(qtbot):
    project = sample_project(3)
    window = MainWindow(project, FakeDialogs(), parts_later=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    second = project.shots[1].id
    window.timeline.select_ids([second])
    assert not window.parts_built and window.act_delete.isEnabled()  # the frame's actions already follow
    window.build_parts_after_paint()
    window.timeline.viewport().update()
    qtbot.waitUntil(lambda: window.parts_built, timeout=5000)
    assert window.inspector.shot_id == second and window.preview.shot_id == second


def test_a_window_closed_before_its_parts_are_built_saves_its_layout(qtbot):
    window = MainWindow(sample_project(2), FakeDialogs(), parts_later=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.build_parts_after_paint()  # waiting for a paint when the window closes
    window.close()
    assert not window.parts_built
    assert "state" in load_settings().window
    qtbot.wait(400)  # past the latest the parts would be built: the closed window's watch is cancelled
    assert not window.parts_built


def test_a_hidden_window_builds_its_parts_at_once():
    window = MainWindow(sample_project(1), FakeDialogs(), parts_later=True)
    window.build_parts_after_paint()
    assert window.parts_built
    window.deleteLater()


def test_after_first_paint_runs_once_after_a_paint_or_at_the_latest(qtbot):
    shown = QWidget()
    qtbot.addWidget(shown)
    calls: list[str] = []
    AfterFirstPaint(shown, lambda: calls.append("painted"), 10_000)
    shown.show()
    qtbot.waitUntil(lambda: calls == ["painted"], timeout=5000)
    shown.update()
    qtbot.wait(50)
    assert calls == ["painted"]  # once

    hidden = QWidget()  # never painted
    AfterFirstPaint(hidden, lambda: calls.append("latest"), 30)
    qtbot.waitUntil(lambda: calls == ["painted", "latest"], timeout=2000)

    cancelled = AfterFirstPaint(QWidget(), lambda: calls.append("cancelled"), 30)
    cancelled.cancel()
    qtbot.wait(100)
    assert calls == ["painted", "latest"]
    json.dumps(calls)
