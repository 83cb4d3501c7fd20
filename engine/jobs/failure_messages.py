"""Readable failure messages, with a hint of what to try, for jobs that raised.

A person sees these on the shot's card, in the inspector and in the queue: never a traceback,
an exception's class name or an errno (the traceback goes to the log).
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

from engine.errors import StoryreelError, describe_os_error
from engine.values import shorten

OOM_HINT = (
    "Try a memory profile with CPU offload (Preferences > Model), a smaller size, fewer frames, "
    "or close other programs using the GPU."
)
RETRY_HINT = "Retry the job; if it fails again, the full details are in storyreel.log."
DISK_HINT = "Free some disk space or make the project's folder writable, then retry the job."
_ERRNO_PREFIX = re.compile(r"^\[Errno -?\d+\]\s*")
# FFmpeg's own words for the errors a damaged or foreign file gives, said for a person.
_FFMPEG_WORDS = {
    "Invalid data found when processing input": "is damaged or not a video FFmpeg can read",
    "End of file": "ends early (it may be truncated)",
    "Decoder not found": "uses a codec this FFmpeg cannot decode",
    "Encoder not found": "needs an encoder this FFmpeg lacks",
}


def _first_line(text: str) -> str:
    line = _ERRNO_PREFIX.sub("", text.strip()).splitlines()[0] if text.strip() else ""
    return shorten(line)


def _is_out_of_memory(exc: BaseException, text: str) -> bool:
    return (
        isinstance(exc, MemoryError)
        or type(exc).__name__ == "OutOfMemoryError"  # torch's, without importing torch here
        or "out of memory" in text.lower()
    )


def _describe_ffmpeg(exc: BaseException) -> str:
    """PyAV's errors ('[Errno 1094995529] Invalid data…: path') as a sentence naming the file."""
    words = str(getattr(exc, "strerror", "") or "").strip() or _first_line(str(exc))
    filename = getattr(exc, "filename", None)
    name = Path(str(filename)).name if filename else "A video file"
    return f"{name} {_FFMPEG_WORDS[words]}." if words in _FFMPEG_WORDS else f"{name}: {words}."


def _describe_os(exc: OSError) -> tuple[str, str]:
    filename = Path(str(exc.filename)) if exc.filename else None
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS):
        return describe_os_error(exc, filename or Path("the take")), DISK_HINT
    words = exc.strerror or _first_line(str(exc)) or "a system error"
    if exc.errno == errno.ENOENT and filename is not None:
        return (
            f"{filename} does not exist.",
            "Check that the project's media folder and the model are in place.",
        )
    where = f" ({filename})" if filename is not None else ""
    return f"The system refused: {words}{where}.", RETRY_HINT


def describe_failure(exc: BaseException) -> tuple[str, str]:
    """(message, hint) for a failed job, in words a person can act on."""
    text = _first_line(str(exc))
    if isinstance(exc, StoryreelError):
        return text or "The job failed.", exc.hint
    if _is_out_of_memory(exc, text):
        return "Out of memory while generating this shot.", OOM_HINT
    if type(exc).__module__.split(".")[0] == "av":  # PyAV's FFmpegError family
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EROFS):
            return _describe_os(exc)
        return _describe_ffmpeg(exc), "Generate the take again; if it keeps failing, check the disk."
    if isinstance(exc, OSError):
        return _describe_os(exc)
    if isinstance(exc, ValueError) and text:
        return text, "Check the shot's settings."
    return f"Generation failed: {text}" if text else "Generation failed unexpectedly.", RETRY_HINT
