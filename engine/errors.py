"""The one base of Storyreel's own errors (a message a person can read, a hint of what to try),
and the words for the system's errors that reach a person."""

from __future__ import annotations

import errno
from pathlib import Path


class StoryreelError(Exception):
    """A failure in words a person can act on: str() is the message, `hint` says what to try next.

    Subclasses set a class-level `hint`; a raise site may pass a more precise one.
    """

    hint: str = "Try again; if it fails again, the details are in the log."

    def __init__(self, message: str = "", hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        """The message without the hint."""
        return str(self)


def hint_of(exc: BaseException) -> str | None:
    """The hint an error carries (None for errors that are not Storyreel's)."""
    return (exc.hint or None) if isinstance(exc, StoryreelError) else None


def describe_os_error(exc: OSError, dest: Path) -> str:
    """A sentence for a failed write: full disk, no permission, a missing folder, or the system's words."""
    folder = dest.parent
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"Not enough free space in {folder} to write {dest.name}. Free some space or choose another folder."
    if code in (errno.EACCES, errno.EPERM):
        return f"No permission to write in {folder}. Choose a folder you can write to."
    if code == errno.EROFS:
        return f"{folder} is on a read-only disk. Choose another folder."
    if code in (errno.ENOTDIR, errno.ENOENT, errno.EEXIST):
        return f"Cannot create {dest}: a part of the path is not a folder or does not exist."
    return f"Cannot write {dest}: {exc.strerror or exc}"
