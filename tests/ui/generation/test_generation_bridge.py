"""The bridge passes a job's events to the GUI thread, its progress at most ten times a second."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from engine.generation.request import GenerationRequest
from engine.jobs.job_queue import Job
from engine.jobs.states import JobState
from ui.generation import generation_bridge
from ui.generation.generation_bridge import GenerationBridge


def test_progress_from_a_worker_is_thinned_and_every_other_event_passes(qtbot, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(generation_bridge.time, "monotonic", lambda: clock[0])
    bridge = GenerationBridge()
    seen: list[tuple[str, str]] = []
    bridge.jobEvent.connect(lambda event, job: seen.append((event, job.id)))
    request = GenerationRequest("p", "", 0, 9, 32, 32, 16, 4, 4.0, None)
    one, two = (Job(request, Path(f"{n}.mp4")) for n in "ab")

    def worker() -> None:
        bridge.listener("changed", one)
        for step in range(50):  # 50 steps in 0.49 s: one report per 0.1 s gets through
            clock[0] = 100.0 + step * 0.01
            bridge.listener("progress", one)
            bridge.listener("progress", two) if step == 25 else None
        clock[0] += 0.001
        one.state = JobState.ENCODING  # a new stage's first report passes at once
        bridge.listener("progress", one)
        bridge.listener("progress", one)  # ...and the next one of it waits again
        bridge.listener("finished", one)
        bridge.listener("progress", one)  # a job run again reports at once

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(seen) >= 1 and seen[-1] == ("progress", one.id))
    progress = [job for event, job in seen if event == "progress"]
    assert progress.count(one.id) == 5 + 1 + 1 and progress.count(two.id) == 1  # each job on its own clock
    assert ("changed", one.id) in seen and ("finished", one.id) in seen


def test_a_workers_event_reaches_every_receiver_on_the_gui_thread_in_one_delivery(qtbot):
    # One posted delivery per event: each receiver that Qt called on its own would take the GIL from the
    # worker again. Even a direct connection runs on the GUI thread, after the worker's call returned.
    bridge = GenerationBridge()
    gui = threading.get_ident()
    seen: list[tuple[str, int]] = []
    for name in ("queue", "cards", "review"):
        bridge.jobEvent.connect(
            lambda event, job, name=name: seen.append((name, threading.get_ident())),
            Qt.ConnectionType.DirectConnection,
        )
    job = Job(GenerationRequest("p", "", 0, 9, 32, 32, 16, 4, 4.0, None), Path("a.mp4"))
    thread = threading.Thread(target=lambda: bridge.listener("changed", job))
    thread.start()
    thread.join()
    assert seen == []  # nothing ran on the worker
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [("queue", gui), ("cards", gui), ("review", gui)]
    bridge.listener("changed", job)  # from the GUI thread itself: at once
    assert len(seen) == 6
