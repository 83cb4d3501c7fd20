"""Background threads run a fixed number of nice values below the main thread, however they were started."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from engine.thread_priority import lower_this_thread, nice_below_main

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice is Linux's")


def _nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_lowering_again_or_from_a_lowered_thread_lowers_nothing_further():
    main = os.getpriority(os.PRIO_PROCESS, os.getpid())
    seen: list[int] = []

    def inner() -> None:  # started by a lowered thread: it inherits that value
        seen.append(_nice())
        lower_this_thread(4)
        seen.append(_nice())

    def outer() -> None:
        lower_this_thread(4)
        lower_this_thread(4)  # a pool thread's second job
        seen.append(_nice())
        thread = threading.Thread(target=inner)
        thread.start()
        thread.join()

    thread = threading.Thread(target=outer)
    thread.start()
    thread.join()
    expected = min(main + 4, 19)
    assert seen == [expected, expected, expected] and nice_below_main(4) == expected
    assert _nice() == main  # the caller's own is kept
