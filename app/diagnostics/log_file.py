"""The app's log file in the user's state folder, for errors a person should never see as tracebacks.

Every module logs through `logging.getLogger(__name__)`; the package loggers `engine`, `app` and
`ui` are the roots that carry the file handler, so each module's records reach the one file.
Fatal errors (a segfault, an abort) are written there too, by faulthandler.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import TextIO

from app.paths.user_paths import state_dir

LOG_NAME = "storyreel.log"
LOG_ROOTS = ("engine", "app", "ui")
MAX_BYTES, BACKUPS = 1_000_000, 3

_handler: _LogFile | None = None
_fault_file: TextIO | None = None  # open for the process's life: faulthandler writes to its descriptor


class _LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file; faulthandler follows it to the new file when it rolls over."""

    def doRollover(self) -> None:
        super().doRollover()
        if _fault_file is not None:
            log_faults(Path(self.baseFilename))


def log_path() -> Path:
    """Where the log is written."""
    return state_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send every engine/app/ui logger to a rotating file (1 MB × 3); returns the file's path.

    Calling it again is cheap; when the state folder moved (STORYREEL_HOME changed) the log follows.
    """
    global _handler
    from engine.generation.library_warnings import quiet_unused_image_processor

    quiet_unused_image_processor()  # before anything imports diffusers' Wan modules
    path = log_path()
    if _handler is not None and _handler.baseFilename == str(path.absolute()):
        return path
    close_logging()
    path.parent.mkdir(parents=True, exist_ok=True)
    _handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in LOG_ROOTS:
        logger = logging.getLogger(name)
        logger.addHandler(_handler)
        logger.setLevel(level)
    return path


def close_logging() -> None:
    """Detach and close the log file (tests; a moved state folder), leaving the loggers as they were."""
    global _handler
    if _handler is None:
        return
    for name in LOG_ROOTS:
        logger = logging.getLogger(name)
        logger.removeHandler(_handler)
        logger.setLevel(logging.NOTSET)
    _handler.close()
    _handler = None


def log_faults(path: Path | None = None) -> Path:
    """Have faulthandler write fatal errors (segfaults, aborts) with every thread's stack to the log.

    For the app's entry points only: it replaces any other faulthandler target (pytest's, say).
    """
    global _fault_file
    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    new = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open on purpose, see _fault_file
    faulthandler.enable(new, all_threads=True)
    if _fault_file is not None:
        _fault_file.close()
    _fault_file = new
    return path
