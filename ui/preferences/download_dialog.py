"""DownloadDialog: fetches a Hub model on a worker thread, with a progress bar and Cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from engine.progress import Cancelled, CancelToken


class _Signals(QObject):
    progress = Signal(object)  # DownloadProgress
    done = Signal(str, str)  # folder, error ("" when fine; "cancelled")


def _gb(n: int) -> str:
    return f"{n / 1024**3:.2f} GB"


class DownloadDialog(QDialog):
    """Shows a download's bytes and files; Cancel stops it at the next chunk."""

    def __init__(
        self, repo_id: str, revision: str | None = None, parent: QWidget | None = None, downloader=None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Download {0}").format(repo_id))
        self.repo_id, self.revision = repo_id, revision
        self.cancel_token = CancelToken()
        self.folder: Path | None = None
        self.error = ""
        self._downloader = downloader
        self._thread: threading.Thread | None = None
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress)
        self.signals.done.connect(self._on_done)
        self.label = QLabel(self.tr("Checking {0} and the free disk space…").format(repo_id))
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def start(self) -> None:
        """Start downloading on a worker thread."""
        from engine.generation.model_download import download_model

        work = self._downloader or download_model

        def run() -> None:
            try:
                folder = work(
                    self.repo_id,
                    self.revision,
                    on_progress=self.signals.progress.emit,
                    cancel=self.cancel_token,
                )
                self.signals.done.emit(str(folder), "")
            except Cancelled:
                self.signals.done.emit("", "cancelled")
            except Exception as exc:  # ModelError carries the advice
                self.signals.done.emit("", str(exc) or type(exc).__name__)

        self._thread = threading.Thread(target=run, name="storyreel-download", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop the download (the dialog closes when the worker has stopped)."""
        if self._thread is None or not self._thread.is_alive():
            self.reject()
            return
        self.cancel_token.cancel()
        self.label.setText(self.tr("Cancelling…"))

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _on_progress(self, p) -> None:
        if p.total_bytes:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(1.0, p.done_bytes / p.total_bytes)))
        files = " · " + self.tr("{0}/{1} files").format(p.done_files, p.total_files) if p.total_files else ""
        text = self.tr("Downloading {0}: {1} of {2}").format(
            self.repo_id, _gb(p.done_bytes), _gb(p.total_bytes)
        )
        self.label.setText(text + files)

    def _on_done(self, folder: str, error: str) -> None:
        self.bar.setRange(0, 1000)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        if folder:
            self.folder = Path(folder)
            self.bar.setValue(1000)
            self.label.setText(self.tr("Downloaded {0} to {1}").format(self.repo_id, folder))
        elif error == "cancelled":
            self.error = error
            self.label.setText(
                self.tr(
                    "Download cancelled. Downloaded files are kept; it continues where it stopped next time."
                )
            )
            self.reject()
        else:
            self.error = error
            self.label.setText(error)
            self.label.setStyleSheet("color: #dc2626;")

    def done(self, result: int) -> None:  # closing by the window manager also cancels
        if self._thread is not None and self._thread.is_alive():
            self.cancel_token.cancel()
        super().done(result)
