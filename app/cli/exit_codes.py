"""The exit codes every `main.py` command returns, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a command's exit status tells a script."""

    OK = 0
    FAILED = 1  # the work could not be done (a generation failed, a write failed)
    BAD_INPUT = 2  # bad flags, an unreadable project, a missing model: the message says what to fix
    BUSY = 3  # another Storyreel has the film open (a render or a window): the message says which
    INTERRUPTED = 130  # stopped by Ctrl+C (128 + SIGINT, as shells report it)
