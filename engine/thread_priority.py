"""A worker thread's CPU priority: generation is background work beside a window."""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger(__name__)

BACKGROUND_NICE = 10  # generation beside a window: the window's thread gets a CPU first


def lower_this_thread(steps: int) -> None:
    """Raise the calling thread's nice value by `steps` (Linux, where it is per thread; elsewhere nothing).

    Threads this one starts later (torch's compute pool among them) inherit it.
    """
    if steps <= 0 or not sys.platform.startswith("linux"):
        return
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + steps)
    except OSError as exc:  # a sandbox may refuse it: the worker runs at the usual priority
        log.info("Could not lower the worker's priority: %s", exc)
