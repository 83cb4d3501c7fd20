"""Freed decode buffers given back to the system.

Decoding on pool threads (thumbnails, the preview's readers) frees frame-sized buffers into glibc's
per-thread arenas, which keep them: at 2,000 cards visited that was 150-200 MB of a 500 MB window
that `malloc_trim` hands back in about 10 ms. Elsewhere (macOS, Windows, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
from collections.abc import Callable

TRIM_EVERY = 16  # decodes between two trims: about 1 ms of trimming per decode, on the decoding thread


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_freed_memory() -> bool:
    """Return the heap's free pages to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


_decodes = itertools.count(1)  # next() on it is atomic under the GIL: any thread may count


def decoded_one() -> None:
    """Count a decode; every TRIM_EVERY-th gives the freed memory back (call it on the decoding thread)."""
    if next(_decodes) % TRIM_EVERY == 0:
        release_freed_memory()
