"""Soak: the real main window, repainted and playing for 20 s, keeps None's refcount and stays alive.

PySide6 6.12.0 on Python 3.11 drops a reference to None in every Python paint override, so a
window that repaints long enough aborts with "Fatal Python error: none_dealloc"; the suite's short
tests never see it. This one runs long enough, in a child process, so an abort is a failed test.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from soak_support import SOAK_DIR, child_env

SOAK_SECONDS = 21.0
# None's refcount moves a little as objects holding None come and go; the broken binding loses one per
# paint (thousands here), so a few dozen of slack can't hide it.
SLACK = 50


@pytest.mark.slow
@pytest.mark.soak
def test_main_window_survives_a_repaint_and_playback_soak(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "faulthandler",
            str(SOAK_DIR / "window_soak.py"),
            str(tmp_path),
            str(SOAK_SECONDS),
        ],
        env=child_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=SOAK_SECONDS + 90,
    )
    tail = (run.stdout + run.stderr)[-3000:]
    assert run.returncode == 0, f"the window died (exit {run.returncode}):\n{tail}"
    line = next((x for x in run.stdout.splitlines() if x.startswith("SOAK ")), None)
    assert line is not None, f"no soak report:\n{tail}"
    report = json.loads(line[5:])
    assert report["seconds"] >= 20, report
    # It really repainted and played: many paints, and playback went through many distinct frames.
    assert report["paints"] > 1000, report
    assert report["distinct_frames"] >= 30, report
    lost = report["start_refs"] - report["end_refs"]
    assert lost <= SLACK, (
        f"None lost {lost} references during the soak (a refcount bug in the Qt binding): {report}"
    )
