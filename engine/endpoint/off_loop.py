"""Blocking work for a coroutine on a worker thread, so the loop (the window's) keeps its pace.

A large answer is tens of MB of JSON and base64: parsing and decoding it hold the GIL in long C
calls, on any thread. One answer is decoded at a time per loop, so the GUI thread competes for
the GIL with one decoder, not with one per request in flight (which starves it; tests/ui/
generation/test_remote_on_qt_loop.py measures it). Decoding is GIL-bound, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_one_at_a_time: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


async def off_loop(work: Callable[[], T], writes: Sequence[Path] = ()) -> T:
    """work() on a worker thread, one at a time per loop; if the task is cancelled meanwhile, wait
    for the work (a thread cannot be stopped) and delete the files in writes, so nothing is kept."""
    loop = asyncio.get_running_loop()
    gate = _one_at_a_time.setdefault(loop, asyncio.Semaphore(1))
    async with gate:
        future = asyncio.ensure_future(asyncio.to_thread(work))
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await future
                for path in writes:
                    path.unlink(missing_ok=True)
            raise
