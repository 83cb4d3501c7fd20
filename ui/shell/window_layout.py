"""The main window's layout (geometry, docks, splitter, timeline zoom) as text for the user settings."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

# The first run's layout: the viewer takes what the docks and the timeline strip leave, the largest pane.
INSPECTOR_WIDTH = 440  # its form without a horizontal scroll bar
QUEUE_WIDTH = 430  # at least (its columns in English); the queue widens to fit them where they need more
TIMELINE_HEIGHT = 250  # buttons, ruler and a row of cards


def store_layout(window: QMainWindow, splitter: QSplitter, zoom: float) -> dict[str, str]:
    """Base64 blobs of the window's geometry and dock state, the splitter, and the zoom."""
    blobs = {"geometry": window.saveGeometry(), "state": window.saveState(), "splitter": splitter.saveState()}
    stored = {k: base64.b64encode(bytes(v.data())).decode("ascii") for k, v in blobs.items()}
    stored["zoom"] = f"{zoom:.3f}"
    return stored


def restore_layout(window: QMainWindow, splitter: QSplitter, stored: dict[str, str]) -> float | None:
    """Put back what store_layout gave; returns the zoom (None if none was stored or it is damaged)."""
    try:
        if "geometry" in stored:
            window.restoreGeometry(QByteArray(base64.b64decode(stored["geometry"])))
        if "state" in stored:
            window.restoreState(QByteArray(base64.b64decode(stored["state"])))
        if "splitter" in stored:
            splitter.restoreState(QByteArray(base64.b64decode(stored["splitter"])))
        return float(stored["zoom"]) if "zoom" in stored else None
    except ValueError:
        return None  # a damaged layout just falls back to the default one


def first_run_layout(
    window: QMainWindow, splitter: QSplitter, inspector: QDockWidget, queue: QDockWidget
) -> None:
    """Dock widths and the timeline's height when no layout was stored: the viewer gets the most room."""
    columns = queue.widget()  # none yet while the window shows a film before its parts
    queue_width = max(QUEUE_WIDTH, columns.sizeHint().width() if columns is not None else 0)
    window.resizeDocks([inspector, queue], [INSPECTOR_WIDTH, queue_width], Qt.Orientation.Horizontal)
    splitter.setSizes([window.height() - TIMELINE_HEIGHT, TIMELINE_HEIGHT])
