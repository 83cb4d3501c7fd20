"""Generating on this machine in a process of its own, so a window never waits on the model's Python.

In one process, the generation thread's Python (diffusers' loop between torch calls) shares the GIL with
the window's thread, and each Qt call that lets the GIL go can cost the window a switch interval to get it
back. A process of its own also keeps a crash in a native library (a driver, a codec) out of the window:
the job fails, and the next one starts a new process.

The process is forked from multiprocessing's fork server, which imports torch and diffusers once per
window's process; each new generation process then starts in milliseconds, not seconds.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import pickle
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from engine.backends.local import after_written, preflight_local
from engine.backends.process_worker import CANCELLED, CLOSE, DONE, FAILED, LOG, PROGRESS, RUN, serve
from engine.backends.review_hook import AfterTake
from engine.backends.take_record import TakeRecord
from engine.errors import StoryreelError
from engine.generation.request import GenerationRequest, ModelSpec
from engine.progress import Cancelled, CancelToken, Progress, ProgressCallback
from engine.thread_priority import BACKGROUND_NICE, nice_below_main

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1  # how often a waiting job looks at its cancel token and at the process
CLOSE_SECONDS = 10.0  # how long a closing process may take to unload before it is stopped
RESTART_WAIT_SECONDS = 1.0  # before a second start: a fork server that just died is reaped by then
# Imported by the fork server once, so that each generation process starts with them loaded.
PRELOAD = ["engine.backends.process_worker", "diffusers.pipelines.wan.pipeline_wan"]


class GenerationProcessError(StoryreelError):
    """The generation process stopped in the middle of a take."""

    hint = (
        "Retry the job; a new generation process starts. If it stops again, the machine may be short of "
        "memory: try a memory profile with CPU offload, a smaller size or fewer frames."
    )


def start_context() -> Any:
    """The fork server where the platform has one (Linux, macOS), else a fresh interpreter per process."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


@dataclass
class _Child:
    process: Any  # multiprocessing's Process of the context
    conn: Connection
    cancel: Any  # the context's Event


_LIVE: weakref.WeakSet[LocalProcessBackend] = weakref.WeakSet()
_at_exit: list[bool] = []  # whether _close_all is registered


def _close_all() -> None:
    """Before multiprocessing joins its children at exit: close the ones a caller left running (the
    join would otherwise wait forever on a process waiting for its next take)."""
    for backend in list(_LIVE):
        backend.close()


def _close_all_at_exit() -> None:
    """Register _close_all after multiprocessing's own exit handler (registered by the first start), so
    that it runs first: exit handlers run last registered first."""
    if not _at_exit:
        atexit.register(_close_all)
        _at_exit.append(True)


class LocalProcessBackend:
    """Generates on this machine like LocalBackend, in a generation process it starts on the first job.

    The process keeps the loaded model between takes; close() unloads it and ends the process.
    """

    name = "local"

    def __init__(self, after_take: AfterTake | None = None, nice: int = BACKGROUND_NICE) -> None:
        self.after_take = after_take  # scores each take in this process, on the job's worker thread
        self.nice = nice
        self._child: _Child | None = None
        self._lock = threading.Lock()  # one take at a time; close() waits for the take to end
        _LIVE.add(self)

    @property
    def pid(self) -> int | None:
        """The generation process's id while it runs (None before the first job and after close)."""
        child = self._child
        return None if child is None else child.process.pid

    def preflight(self, model: ModelSpec) -> None:
        """Check that the model folder (or Hub snapshot) and device are usable, without loading."""
        preflight_local(model)

    def run(
        self, request: GenerationRequest, clip_path: Path, on_progress: ProgressCallback, cancel: CancelToken
    ) -> TakeRecord:
        """Generate request into clip_path in the generation process (started now if it is not running)."""
        with self._lock:
            cancel.check()
            child = self._child = self._child or self._started()
            child.cancel.clear()
            try:
                _pipe(child.conn.send, (RUN, request, clip_path))
                record = self._wait(child, on_progress, cancel)
            except GenerationProcessError as exc:  # the pipe closed: the process ended
                stopped = self._stopped(child)
                if cancel.cancelled:  # ended by close() while the take was being cancelled
                    raise Cancelled() from exc
                raise stopped from exc
        return after_written(record, request, self.after_take)

    def close(self) -> None:
        """End the generation process (unloading the model); a take in progress is cancelled first."""
        child = self._child
        if child is not None:
            child.cancel.set()
        if not self._lock.acquire(timeout=CLOSE_SECONDS):
            # The take did not stop (a model still loading): end the process; its job sees the pipe close.
            if child is not None:
                child.process.kill()
            self._lock.acquire()
        try:
            child, self._child = self._child, None
            if child is not None:
                self._end(child)
        finally:
            self._lock.release()

    @staticmethod
    def _end(child: _Child) -> None:
        try:
            child.conn.send((CLOSE,))
        except (OSError, ValueError):
            pass
        child.process.join(CLOSE_SECONDS)
        if child.process.is_alive():
            log.warning("The generation process did not end in %.0f s; stopping it", CLOSE_SECONDS)
            child.process.kill()
            child.process.join()
        child.conn.close()

    def _started(self) -> _Child:
        """A new generation process, tried twice: a fork server that died while it started (killed, out of
        memory) is started anew by multiprocessing once it is reaped. One that still cannot start is this
        take's failure, in words."""
        try:
            return self._start()
        except (EOFError, OSError) as exc:
            log.warning("The generation process did not start (%s); trying once more", exc, exc_info=True)
        time.sleep(RESTART_WAIT_SECONDS)
        try:
            return self._start()
        except (EOFError, OSError) as exc:
            log.exception("The generation process did not start")
            message = f"The generation process could not start ({exc or type(exc).__name__})."
            raise GenerationProcessError(message) from exc

    def _start(self) -> _Child:
        context = start_context()
        ours, theirs = context.Pipe()
        cancel = context.Event()
        process = context.Process(
            target=serve,
            args=(theirs, cancel, nice_below_main(self.nice), logging.getLogger().getEffectiveLevel()),
            name="storyreel-generation",
        )
        process.start()
        _close_all_at_exit()
        theirs.close()  # the process holds its end: when it ends, recv() here sees the pipe close
        log.info("Generation process %s started", process.pid)
        return _Child(process, ours, cancel)

    def _wait(self, child: _Child, on_progress: ProgressCallback, cancel: CancelToken) -> TakeRecord:
        """Relay the process's messages until the take ends; pass a cancel on."""
        while True:
            if cancel.cancelled:
                child.cancel.set()
            if not _pipe(child.conn.poll, POLL_SECONDS):
                continue
            message = _pipe(child.conn.recv)
            kind = message[0]
            if kind == PROGRESS and isinstance(message[1], Progress):
                on_progress(message[1])
            elif kind == LOG and isinstance(message[1], logging.LogRecord):
                record = message[1]
                logging.getLogger(record.name).handle(record)
            elif kind == DONE and isinstance(message[1], TakeRecord):
                return message[1]
            elif kind == CANCELLED:
                raise Cancelled()
            elif kind == FAILED:
                raise _failure(message[1], message[2])
            else:
                raise TypeError(f"unexpected message from the generation process: {kind!r}")

    def _stopped(self, child: _Child) -> GenerationProcessError:
        """The process ended mid-take: it is forgotten, so the next job starts a new one."""
        child.process.join(CLOSE_SECONDS)
        code = child.process.exitcode
        if self._child is child:
            self._child = None
        child.conn.close()
        return GenerationProcessError(
            f"The generation process stopped in the middle of the take (exit code {code})."
        )


def _pipe(operation: Callable[..., Any], *args: Any) -> Any:
    """A pipe operation, its failure told apart from the take's own (a take's OSError is the take's)."""
    try:
        return operation(*args)
    except (EOFError, OSError) as exc:
        raise GenerationProcessError("The generation process's end of the pipe closed.") from exc


def _failure(blob: bytes, text: str) -> BaseException:
    """The process's exception, with its traceback there as a note (the log shows both)."""
    exc = pickle.loads(blob)
    if not isinstance(exc, BaseException):
        return TypeError("unexpected failure report from the generation process")
    exc.add_note("In the generation process:\n" + text.rstrip())
    return exc
