"""BackgroundWorker: work on a pool thread, answers on the GUI thread, in order, failures handed over."""

from __future__ import annotations

import threading

from ui.widgets.background import BackgroundWorker


def test_answers_arrive_on_the_gui_thread_in_order(qtbot):
    worker = BackgroundWorker()
    gui = threading.get_ident()
    ran_on: list[int] = []
    answers: list[object] = []

    def work(n: int) -> int:
        ran_on.append(threading.get_ident())
        return n * n

    for n in range(5):
        worker.run(lambda n=n: work(n), lambda r: answers.append((r, threading.get_ident())), answers.append)
    assert worker.busy()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=5000)
    assert [r for r, _ in answers] == [0, 1, 4, 9, 16]
    assert all(thread == gui for _, thread in answers)
    assert gui not in ran_on


def test_an_exception_goes_to_failed_and_the_worker_goes_on(qtbot):
    worker = BackgroundWorker()
    failures: list[BaseException] = []
    results: list[object] = []

    def boom() -> None:
        raise OSError("disk full")

    worker.run(boom, results.append, failures.append)
    worker.run(lambda: "next", results.append, failures.append)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=5000)
    assert [str(e) for e in failures] == ["disk full"] and isinstance(failures[0], OSError)
    assert results == ["next"]


def test_shutdown_drops_queued_work_and_its_callbacks(qtbot):
    worker = BackgroundWorker()
    started = threading.Event()
    ran: list[int] = []
    answers: list[object] = []

    def first() -> None:
        started.set()
        threading.Event().wait(0.3)  # still running when shutdown drops the queue
        ran.append(1)

    worker.run(first, answers.append, answers.append)
    worker.run(lambda: ran.append(2), answers.append, answers.append)
    assert started.wait(5)
    worker.shutdown()
    qtbot.wait(50)  # a queued answer would be delivered now
    assert ran == [1] and answers == [] and not worker.busy()
