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


def test_queued_work_runs_in_the_order_queued(qtbot):
    worker = BackgroundWorker()
    release = threading.Event()
    ran: list[object] = []
    worker.run(lambda: (release.wait(10), ran.append("busy")), lambda _: None, lambda _: None)
    for n in (1, 2, 3):  # queued behind the running piece: a later piece sees what an earlier did
        worker.run(lambda n=n: ran.append(n), lambda _: None, lambda _: None)
    release.set()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=5000)
    assert ran == ["busy", 1, 2, 3]


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


def test_a_worker_destroyed_while_its_job_runs_drops_the_answer_quietly(qtbot):
    # The window closing destroys its widgets' workers while a thumbnail or a plan is still being made:
    # the job answered on the worker being destroyed, which raised "Signal source has been deleted" on
    # the pool thread and now and then crashed the process.
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    worker = BackgroundWorker(parent)
    running, release = threading.Event(), threading.Event()
    answers: list[object] = []

    def slow() -> str:
        running.set()
        release.wait(5)
        return "late"

    worker.run(slow, answers.append, answers.append)
    assert running.wait(5)
    threading.Timer(0.05, release.set).start()  # the job answers while the destructor waits for it
    parent.deleteLater()
    del worker
    qtbot.waitUntil(lambda: release.is_set(), timeout=5000)
    qtbot.wait(100)  # the relayed answer arrives and finds no worker; an exception here fails the test
    assert answers == []


def test_the_work_and_its_answer_are_released_on_the_gui_thread(qtbot):
    # A closure may hold the last reference to a Qt object (a widget's method): releasing it on the pool
    # thread would destroy that object off the GUI thread.
    worker = BackgroundWorker()
    released: list[int] = []

    class Held:
        def __del__(self) -> None:
            released.append(threading.get_ident())

    def queue() -> None:
        held = Held()
        worker.run(lambda: held and "made", lambda _: None, lambda _: None)

    queue()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=5000)
    qtbot.waitUntil(lambda: bool(released), timeout=5000)
    assert released == [threading.get_ident()]


def test_short_pieces_share_the_cores_the_window_leaves_and_long_work_is_not_held(qtbot, monkeypatch):
    """A thumbnail and an autosave at once kept the window's thread waiting for a core: short pieces of
    every worker run one at a time here (two cores), long work beside them, and none waits forever."""
    import time

    from ui.widgets import background

    monkeypatch.setattr(background, "_slots", threading.BoundedSemaphore(1))
    monkeypatch.setattr(background, "SLOT_WAIT_S", 0.5)
    running: list[str] = []
    overlaps: list[tuple[str, ...]] = []
    lock = threading.Lock()

    def piece(name: str, seconds: float):
        def work() -> str:
            with lock:
                running.append(name)
                overlaps.append(tuple(sorted(running)))
            time.sleep(seconds)
            with lock:
                running.remove(name)
            return name

        return work

    thumbs, saves, long = BackgroundWorker(short=True), BackgroundWorker(short=True), BackgroundWorker()
    done: list[str] = []
    for n in range(3):
        thumbs.run(piece(f"thumb{n}", 0.05), done.append, lambda e: None)
        saves.run(piece(f"save{n}", 0.05), done.append, lambda e: None)
    long.run(piece("plan", 0.3), done.append, lambda e: None)
    qtbot.waitUntil(lambda: len(done) == 7, timeout=10000)
    shorts = [o for o in overlaps if len([n for n in o if n != "plan"]) > 1]
    assert shorts == []  # never two short pieces at once
    assert any("plan" in o and len(o) > 1 for o in overlaps)  # the long work ran beside them
    # A piece holding the slot too long: the next short one runs anyway once it has waited SLOT_WAIT_S.
    background._slots.acquire()
    start = time.monotonic()
    saves.run(piece("late", 0.0), done.append, lambda e: None)
    qtbot.waitUntil(lambda: "late" in done, timeout=5000)
    assert time.monotonic() - start >= 0.45
    background._slots.release()
