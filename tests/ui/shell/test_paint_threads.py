"""On a machine of few cores the app paints on the GUI thread alone, not across Qt's GUI thread pool."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _threads_after_a_large_paint(through_the_app: bool) -> list[str]:
    """The thread names of a fresh process, limited to one core, after a paint Qt would split."""
    program = textwrap.dedent(f"""
        import glob, json, os
        os.sched_setaffinity(0, {{0}})
        from PySide6.QtCore import QRect
        from PySide6.QtGui import QImage, QPainter
        if {through_the_app}:
            from ui.shell.app_main import create_application
            app = create_application([])
        else:
            from PySide6.QtWidgets import QApplication
            app = QApplication([])
        canvas = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
        frame = QImage(832, 480, QImage.Format.Format_RGB888)
        frame.fill(0x336699)
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRect(0, 0, 1600, 900), frame)
        painter.end()
        print(json.dumps(sorted(open(f).read().strip() for f in glob.glob("/proc/self/task/*/comm"))))
    """)
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env={**env, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="limits the process to one core (Linux)")
def test_with_few_cores_a_large_paint_runs_on_the_gui_thread_alone() -> None:
    assert "Thread (pooled)" in _threads_after_a_large_paint(through_the_app=False)  # Qt alone splits it
    assert "Thread (pooled)" not in _threads_after_a_large_paint(through_the_app=True)
