"""Runs the jobs of backends that talk over the network as asyncio tasks on one event loop.

The loop is the caller's (the window's qasync loop, so requests share the GUI thread without
blocking it) or, when none is given, one thread of its own running `asyncio.run` (the CLI,
scripts). N requests in flight are N tasks, not N threads, and cancelling a job cancels its task.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import threading
from collections.abc import Callable, Coroutine
from typing import Any, Generic, Protocol, TypeVar


class NetworkBackend(Protocol):
    """A backend whose jobs are coroutines: `run_async` takes Backend.run's arguments."""

    async def run_async(self, *args: Any) -> Any:
        """Generate one take, as Backend.run does, without blocking the loop."""
        ...


def is_async(backend: object) -> bool:
    """Whether backend's jobs run as asyncio tasks (it has a coroutine `run_async`)."""
    return inspect.iscoroutinefunction(getattr(backend, "run_async", None))


def slots(backend: object) -> int:
    """How many of backend's jobs may run at once (an endpoint's replicas), at least 1."""
    return max(1, int(getattr(backend, "slots", 1)))


B = TypeVar("B")
J = TypeVar("J")


class AsyncDispatch(Generic[B, J]):
    """Starts a task per claimed job, up to each backend's slots, and cancels tasks on request."""

    def __init__(
        self,
        backends: list[B],
        claim: Callable[[B], tuple[str, J] | None],
        run: Callable[[B, J], Coroutine[Any, Any, None]],
        abandon: Callable[[B, J], None],
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        # claim: the next job for a backend (with its id) or None; run: the job's coroutine;
        # abandon: settle a job whose task was cancelled before it began.
        self._backends, self._claim, self._run, self._abandon = backends, claim, run, abandon
        self._busy = [0] * len(backends)
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._closing = False
        self._cancel_running = True
        self._wake = asyncio.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        if loop is None:
            ready = threading.Event()
            self._thread = threading.Thread(
                target=lambda: asyncio.run(self._serve(ready)), name="storyreel-remote", daemon=True
            )
            self._thread.start()
            ready.wait()
        else:
            self._loop = loop
            asyncio.run_coroutine_threadsafe(self._serve(None), loop)

    def wake(self) -> None:
        """Look for jobs to start (a job was queued, a slot freed, the queue resumed); any thread."""
        self._call(self._wake.set)

    def cancel(self, job_id: str) -> None:
        """Cancel the task running this job, if any (from any thread)."""
        self._call(self._cancel_task, job_id)

    def _call(self, callback: Callable[..., object], *args: object) -> None:
        try:
            self._loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:  # the loop is closed (the window's, at exit): its tasks are gone too
            self._stopped.set()

    def close(self, cancel_running: bool, timeout: float | None) -> None:
        """Start nothing more; cancel (or let finish) the running tasks and wait for them up to timeout.

        On the loop's own thread nothing can be waited for: the tasks end as the loop runs on.
        """
        self._closing, self._cancel_running = True, cancel_running
        self.wake()
        if self._on_loop_thread():
            return
        self._stopped.wait(timeout)
        if self._thread is not None:
            self._thread.join(timeout)

    def _on_loop_thread(self) -> bool:
        try:
            return asyncio.get_running_loop() is self._loop
        except RuntimeError:
            return False

    async def _serve(self, ready: threading.Event | None) -> None:
        self._loop = asyncio.get_running_loop()
        if ready is not None:
            ready.set()
        try:
            while not self._closing:
                self._fill()
                await self._wake.wait()
                self._wake.clear()
        finally:
            tasks = list(self._tasks.values())
            if self._cancel_running:
                for task in tasks:
                    task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._stopped.set()

    def _fill(self) -> None:
        for index, backend in enumerate(self._backends):
            while self._busy[index] < slots(backend):
                claimed = self._claim(backend)
                if claimed is None:
                    break
                job_id, job = claimed
                self._busy[index] += 1
                task = asyncio.ensure_future(self._run(backend, job))
                self._tasks[job_id] = task
                task.add_done_callback(functools.partial(self._finished, index, backend, job_id, job))

    def _finished(self, index: int, backend: B, job_id: str, job: J, task: asyncio.Task[Any]) -> None:
        self._busy[index] -= 1
        self._tasks.pop(job_id, None)
        if task.cancelled():  # cancelled before its first step: the job's own code never ran
            self._abandon(backend, job)
        self._wake.set()

    def _cancel_task(self, job_id: str) -> None:
        task = self._tasks.get(job_id)
        if task is not None:
            task.cancel()
