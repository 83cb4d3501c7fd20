"""Freed decode buffers go back to the system: glibc keeps a thread's freed blocks otherwise."""

from __future__ import annotations

import threading

import psutil
import pytest

from engine.video import freed_memory


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def test_freed_blocks_of_a_worker_thread_are_given_back():
    if freed_memory._malloc_trim() is None:
        pytest.skip("not glibc: nothing to trim")
    held: list[bytes] = []

    def work() -> None:
        # 100 KB blocks (under glibc's mmap threshold, so they come from the thread's arena), then
        # one more that pins the arena's top: freeing the rest leaves a hole that free() keeps.
        blocks = [b"\x01" * 100_000 for _ in range(1_000)]
        held.append(b"\x02" * 100_000)
        del blocks

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    kept = rss_mb()
    assert freed_memory.release_freed_memory()
    assert kept - rss_mb() > 50, (kept, rss_mb())  # about 100 MB were freed but still held
    assert held


def test_every_nth_decode_trims(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(freed_memory, "release_freed_memory", lambda: calls.append(1) or True)
    monkeypatch.setattr(freed_memory, "_decodes", iter(range(1, 1_000)))
    for _ in range(3 * freed_memory.TRIM_EVERY):
        freed_memory.decoded_one()
    assert len(calls) == 3
