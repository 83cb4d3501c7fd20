"""A worker thread's CPU priority: generation is background work beside a window."""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger(__name__)

BACKGROUND_NICE = 10  # generation beside a window: the window's thread gets a CPU first


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity where the system tells it)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def nice_below_main(steps: int) -> int:
    """The nice value `steps` below this process's main thread (the window's), at most 19."""
    if not sys.platform.startswith("linux"):
        return 0
    return min(19, os.getpriority(os.PRIO_PROCESS, os.getpid()) + max(steps, 0))


def lower_this_thread(steps: int) -> None:
    """Run the calling thread `steps` nice values below the process's main thread (Linux, where nice is per
    thread; elsewhere nothing). Calling it again, or from a thread that inherited a lowered value, lowers
    nothing further.

    Threads this one starts later (torch's compute pool among them) inherit it.
    """
    if steps > 0:
        lower_this_thread_to(nice_below_main(steps))


def lower_this_thread_to(level: int) -> None:
    """Set the calling thread's nice value to `level` unless it is already that low (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    tid = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, tid) < level:
            os.setpriority(os.PRIO_PROCESS, tid, level)
    except OSError as exc:  # a sandbox may refuse it: the worker runs at the usual priority
        log.info("Could not lower the worker's priority: %s", exc)
