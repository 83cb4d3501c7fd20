"""Garbage that holds Qt objects is freed on the GUI thread, never by a worker's allocations."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from ui.runtime.gui_garbage import GuiThreadCollector


class _Holder(QObject):
    """A widget-like object in a reference cycle, as a widget and a lambda connected to it make."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        super().__init__()
        self.cycle = self

    def __del__(self) -> None:
        _Holder.freed_on.append(threading.current_thread().name)


_KEPT: list[object] = []  # what the worker allocates stays alive, so the counts pass the thresholds


def _allocate_in_a_worker() -> None:
    def churn() -> None:
        for _ in range(20_000):  # far past generation 0's threshold: a collection would run here
            _KEPT.append([[]])

    worker = threading.Thread(target=churn, name="churn-worker")
    worker.start()
    worker.join()


def _collect_what_earlier_tests_left() -> None:
    """Free the garbage of the tests before on this thread first: once collection is on, the worker's
    allocations would free it on the worker, and a window some earlier test left in a cycle would be
    destroyed there with its timers still registered on the GUI thread, crashing the process later in
    QTimerInfoList::activateTimers (a core dump of the suite showed it, in about half the full runs)."""
    gc.collect()


def test_a_worker_never_frees_the_cycle_and_the_gui_timer_does(qtbot):
    _collect_what_earlier_tests_left()
    gc.enable()  # as the interpreter starts (the test session itself runs with it off)
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        _Holder.freed_on.clear()
        _Holder()
        _allocate_in_a_worker()
        assert _Holder.freed_on == []
        qtbot.waitUntil(lambda: _Holder.freed_on == [threading.current_thread().name], timeout=5000)
    finally:
        collector.stop()
        collector.deleteLater()
        _KEPT.clear()
    assert gc.isenabled()
    gc.disable()


def test_without_it_the_worker_frees_the_cycle():
    """Why the collector exists: with automatic collection on, the worker's allocations free the cycle."""
    _collect_what_earlier_tests_left()
    gc.enable()
    try:
        _Holder.freed_on.clear()
        _Holder()
        _allocate_in_a_worker()
        assert _Holder.freed_on == ["churn-worker"]
    finally:
        gc.disable()
        _KEPT.clear()


def test_settling_leaves_an_open_films_objects_out_of_full_passes_until_the_next_film(qtbot):
    import weakref

    from ui.runtime import gui_garbage

    class Node:
        pass

    assert not gui_garbage.settle()  # no collector (a test's window): nothing frozen
    assert gc.get_freeze_count() == 0
    collector = GuiThreadCollector()
    try:
        film = [[i] for i in range(5_000)]  # stands in for an open film's objects
        node = Node()
        node.me = node  # a cycle of the open film that it drops later
        dropped = weakref.ref(node)
        assert gui_garbage.settle()
        assert gc.get_freeze_count() >= len(film)
        assert len(gc.get_objects()) < gc.get_freeze_count()  # full passes walk what came after
        del node
        gc.collect()
        assert dropped() is not None  # frozen: a full pass no longer looks at it
        assert gui_garbage.settle()  # the next film: unfrozen first, so the old cycle goes
        assert dropped() is None
        del film
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0  # stopping gives everything back


def test_a_released_models_collection_asked_on_a_worker_runs_on_the_gui_thread(qtbot):
    # PipelineCache lets a model go on the generation worker and asks for a full collection; made there,
    # it freed windows that earlier tests (or closed dialogs) had left in cycles, off the GUI thread.
    from engine.generation.garbage import collect_garbage

    freed_on: list[str] = []

    class Node:
        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    collector = GuiThreadCollector()
    try:
        node = Node()
        node.me = node
        del node  # cyclic garbage: only a collection frees it
        asked = threading.Thread(target=collect_garbage, name="generation-worker")
        asked.start()
        qtbot.waitUntil(lambda: freed_on != [])  # the GUI thread's loop runs the collection
        asked.join(5)
        assert not asked.is_alive()  # the worker waited for it, and went on
        assert freed_on == [threading.main_thread().name]
    finally:
        collector.stop()
