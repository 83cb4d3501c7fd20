"""Peak Python memory of a call, to prove that hostile input is refused before anything large is made."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable


def refused_peak(call: Callable[[], object], error: type[BaseException], match: str = "") -> tuple[str, int]:
    """Run call, which must raise error (whose text holds match); its message and the traced peak in bytes."""
    import re

    tracemalloc.start()
    try:
        try:
            call()
        except error as exc:
            message = str(exc)
        else:
            raise AssertionError(f"{error.__name__} was not raised")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert re.search(match, message), f"{match!r} not in {message!r}"
    return message, peak
