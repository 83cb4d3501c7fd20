"""The full garbage collection a released model asks for, run where the application says.

A pipeline let go (another model is loaded) may sit in reference cycles, so its memory comes back only
after a full collection. Run on the generation worker, that collection would also free whatever other
cyclic garbage the process holds there, Qt widgets included, on the wrong thread (Qt then fires their
timers on freed memory). The window installs a collector that runs it on its GUI thread and waits.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

Collector = Callable[[], object]

_collector: list[Collector] = [gc.collect]  # the CLI, serve and the farm hold no Qt objects


def collect_garbage() -> None:
    """Collect every generation, with the collector the application installed."""
    _collector[0]()


def install_collector(collector: Collector) -> Collector:
    """Use collector from now on; returns the one it replaces (to put back)."""
    previous, _collector[0] = _collector[0], collector
    return previous
