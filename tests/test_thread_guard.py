"""The guard every test runs under: a thread left running fails the test and says which."""

from __future__ import annotations

import threading

import pytest
from thread_guard import no_dangling_threads


def test_a_python_thread_left_running_fails_and_is_named():
    stop = threading.Event()
    with pytest.raises(AssertionError, match="Python thread 'left-behind'"):
        with no_dangling_threads():
            threading.Thread(target=stop.wait, name="left-behind", daemon=True).start()
    stop.set()


def test_a_busy_qthreadpool_and_a_running_qthread_fail_with_where_they_started(qapp):
    from PySide6.QtCore import QThread, QThreadPool

    stop = threading.Event()
    pool, thread = QThreadPool(), QThread()
    try:
        with pytest.raises(AssertionError) as failure:
            with no_dangling_threads():
                pool.start(lambda: stop.wait(10))
                thread.start()
    finally:
        stop.set()
        thread.quit()
        assert thread.wait(5000) and pool.waitForDone(5000)
    assert "QThreadPool used at tests/test_thread_guard.py:" in str(failure.value)
    assert "QThread started at tests/test_thread_guard.py:" in str(failure.value)


def test_threads_that_end_in_time_and_allowed_ones_pass():
    stop = threading.Event()
    with no_dangling_threads():
        threading.Thread(target=lambda: None, name="quick").start()
        threading.Thread(target=stop.wait, name="tqdm_monitor", daemon=True).start()  # allow-listed
    stop.set()
