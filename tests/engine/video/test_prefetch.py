"""Prefetched: items made on a worker arrive in order; errors, stops and closes reach the right thread."""

from __future__ import annotations

import threading

import pytest

from engine.video.prefetch import Prefetched


def _workers() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "storyreel-test-items"]


def test_items_arrive_in_order_made_on_another_thread():
    made_on: set[str] = set()

    def make():
        for i in range(50):
            made_on.add(threading.current_thread().name)
            yield i

    items = Prefetched(make, depth=3, name="test-items")
    assert list(items) == list(range(50))
    assert made_on == {"storyreel-test-items"} and not _workers()


def test_an_error_is_raised_at_the_item_it_replaced():
    def make():
        yield 1
        yield 2
        raise ValueError("frame 3 cannot be decoded")

    items = Prefetched(make, name="test-items")
    assert next(items) == 1 and next(items) == 2
    with pytest.raises(ValueError, match="frame 3"):
        next(items)
    assert not _workers()


def test_close_stops_a_worker_blocked_ahead_and_closes_its_iterator():
    closed = threading.Event()
    made = []

    def make():
        try:
            for i in range(10_000):
                made.append(i)
                yield i
        finally:
            closed.set()

    items = Prefetched(make, depth=2, name="test-items")
    assert next(items) == 0
    items.close()
    assert closed.is_set() and len(made) < 10 and not _workers()
    with pytest.raises(StopIteration):
        next(items)
