"""The main window's layout (geometry, docks, splitter, timeline zoom) as text for the user settings."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter


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


def first_layout(
    window: QMainWindow, inspector: QDockWidget, queue: QDockWidget, splitter: QSplitter
) -> None:
    """The layout of a first start (nothing stored): the docks' widths, the timeline's height."""
    queue_width = max(330, queue.widget().sizeHint().width())  # fits its columns
    window.resizeDocks([inspector, queue], [440, queue_width], Qt.Orientation.Horizontal)
    splitter.setSizes([window.height() - 330, 330])
