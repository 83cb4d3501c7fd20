"""The generation process's side of LocalProcessBackend: one take at a time, told over a pipe.

Its messages to the window's process: (PROGRESS, Progress), (LOG, LogRecord), (DONE, TakeRecord),
(CANCELLED,) and (FAILED, pickled exception, traceback text). It exits when told to or when the pipe
closes (the window's process ended).
"""

from __future__ import annotations

import logging
import logging.handlers
import pickle
import threading
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from engine.backends.local import run_take_job
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import GenerationRequest
from engine.progress import Cancelled, CancelToken
from engine.thread_priority import lower_this_thread_to

log = logging.getLogger(__name__)

# The protocol's words. To the generation process: (RUN, request, clip path) and (CLOSE,); from it, below.
RUN, CLOSE = "run", "close"
PROGRESS, LOG, DONE, CANCELLED, FAILED = "progress", "log", "done", "cancelled", "failed"


class SharedCancel(CancelToken):
    """A cancel token whose flag the window's process sets (a multiprocessing Event)."""

    def __init__(self, event: Any) -> None:
        self._event = event


class PipeSender:
    """Sends messages from any thread of this process (diffusers logs from its own threads too)."""

    def __init__(self, conn: Connection, cancel: CancelToken) -> None:
        self.conn = conn
        self.cancel = cancel
        self._lock = threading.Lock()

    def send(self, message: tuple[Any, ...]) -> None:
        """Send one message. A closed pipe means the window's process is gone (killed, crashed): the take
        is cancelled at its next step rather than finished for nobody."""
        with self._lock:
            try:
                self.conn.send(message)
            except (OSError, ValueError):
                self.cancel.cancel()


class PipeLogHandler(logging.handlers.QueueHandler):
    """Log records go to the window's process, formatted here (their arguments may not pickle)."""

    def __init__(self, sender: PipeSender) -> None:
        super().__init__(None)  # type: ignore[arg-type]  # enqueue is replaced below
        self.sender = sender

    def enqueue(self, record: logging.LogRecord) -> None:
        """Send the prepared record."""
        self.sender.send((LOG, record))


def failure_message(exc: BaseException) -> tuple[str, bytes, str]:
    """(FAILED, the exception pickled, its traceback): one that would not survive the trip goes as a
    RuntimeError with the same words."""
    text = "".join(traceback.format_exception(exc))
    try:
        blob = pickle.dumps(exc)
        pickle.loads(blob)  # some exceptions pickle but cannot be rebuilt from their arguments
    except Exception:
        blob = pickle.dumps(RuntimeError(str(exc)))
    return (FAILED, blob, text)


def serve(conn: Connection, cancel_event: Any, nice: int, log_level: int) -> None:
    """The generation process's loop: run each take it is sent until told to close (its entry point).

    `nice`: the CPU priority to run at, below the window's main thread."""
    lower_this_thread_to(nice)  # before torch starts its compute threads, which inherit it
    cancel = SharedCancel(cancel_event)
    sender = PipeSender(conn, cancel)
    root = logging.getLogger()
    root.handlers[:] = [PipeLogHandler(sender)]
    root.setLevel(log_level)
    cache = PipelineCache()
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return  # the window's process is gone
            if message[0] != RUN:
                return
            request: GenerationRequest
            clip_path: Path
            _, request, clip_path = message
            try:
                record = run_take_job(
                    cache,
                    request,
                    clip_path,
                    on_progress=lambda p: sender.send((PROGRESS, p)),
                    cancel=cancel,
                )
            except Cancelled:
                sender.send((CANCELLED,))
            except BaseException as exc:  # every failure goes back to the job that asked
                sender.send(failure_message(exc))
                if not isinstance(exc, Exception):
                    raise
            else:
                sender.send((DONE, record))
    finally:
        cache.release()
