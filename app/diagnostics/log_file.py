"""The app's log file in the user's state folder, for errors a person should never see as tracebacks."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.settings.user_paths import state_dir

LOG_NAME = "storyreel.log"


def log_path() -> Path:
    """Where the log is written."""
    return state_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the 'storyreel' logger to a rotating file (1 MB × 3); returns the file's path."""
    path = log_path()
    logger = logging.getLogger("storyreel")
    for handler in [h for h in logger.handlers if getattr(h, "_storyreel", False)]:
        if getattr(handler, "baseFilename", None) == str(path.absolute()):
            return path
        # The state folder moved (STORYREEL_HOME changed): log to the new one.
        logger.removeHandler(handler)
        handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._storyreel = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    return path
