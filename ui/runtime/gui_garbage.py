"""Python's cyclic garbage is collected on the GUI thread only, on a timer.

Automatic collection runs on whichever thread happens to allocate past the threshold: the
generation worker, a serve thread, a pool thread. A cycle that holds a Qt object (a widget and a
lambda connected to it) is then deleted on that thread, and Qt crashes later on the GUI thread
(a segfault inside event processing, far from the cause). pyqtgraph solves it the same way
(`pyqtgraph.util.garbage_collector`): switch automatic collection off and collect, generation by
generation with the interpreter's own thresholds, from a timer on the GUI thread.

A full pass over a 2,000-shot film and its window takes 35-45 ms: a stall the person sees. So once a
film is open, what is alive then is taken as long-lived (`settle`: one pass, then `gc.freeze`) and
later full passes look only at what came after. A film's objects stay alive while it is open anyway;
opening another one unfreezes them first, so its old cycles are collected.
"""

from __future__ import annotations

import gc
import logging
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from engine.generation.garbage import install_collector

log = logging.getLogger(__name__)
ASKED_WAIT_S = 5.0  # a worker's full collection waits this long for the GUI thread, then goes on
INTERVAL_MS = 500  # garbage waits at most this long; a young-generation pass takes well under 1 ms
_running: list[GuiThreadCollector] = []  # the collector of this process, while it runs


def collect_if_due() -> int:
    """Collect the generations whose counts passed the interpreter's thresholds; returns objects freed."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold0:
        return 0
    if count1 <= threshold1:
        return gc.collect(0)
    if count2 <= threshold2:
        return gc.collect(1)
    return gc.collect(2)


class GuiThreadCollector(QObject):
    """While it lives, automatic collection is off and its timer collects on the thread it was made on;
    a full collection the engine asks for on a worker (a model let go) runs there too."""

    _asked = Signal(object)  # a threading.Event, set once the GUI thread has collected

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collect_if_due)
        self._timer.start()
        self._gui_thread = threading.get_ident()
        self._asked.connect(self._collect_for, Qt.ConnectionType.QueuedConnection)
        self._previous = install_collector(self.collect_everything)
        _running.append(self)

    def collect_everything(self) -> None:
        """A full collection, on the GUI thread: asked for from a worker, which waits for it."""
        if threading.get_ident() == self._gui_thread:
            _collect_all()
            return
        done = threading.Event()
        self._asked.emit(done)
        if not done.wait(ASKED_WAIT_S):  # the GUI thread is busy (or waits for this worker)
            log.warning("The GUI thread did not collect garbage within %.0f s; going on", ASKED_WAIT_S)

    def _collect_for(self, done: threading.Event) -> None:
        _collect_all()
        done.set()

    def stop(self) -> None:
        """Give collection back to the interpreter (at exit, or a test's end)."""
        self._timer.stop()
        install_collector(self._previous)
        if self in _running:
            _running.remove(self)
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()


def _collect_all() -> None:
    """Every generation, the frozen film included (a model it held may be what was let go)."""
    _full_pass(freeze_after=gc.get_freeze_count() > 0)


def _full_pass(freeze_after: bool) -> None:
    """Unfreeze, collect every generation, and freeze what is left if asked."""
    gc.unfreeze()
    gc.collect()
    if freeze_after:
        gc.freeze()


def running() -> bool:
    """Whether a collector runs in this process (the app; not a test that made a window)."""
    return bool(_running)


def settle() -> bool:
    """What is alive now is long-lived (a film opened and shown): collect once, then leave it out of
    later full passes. Only while a collector runs (the app; not a test that made a window)."""
    if not running():
        return False
    _full_pass(freeze_after=True)  # unfrozen first: the film before this one's cycles go now
    return True
