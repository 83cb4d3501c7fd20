"""Export: a dialog for format, quality, size, fps, range and music, and a progress dialog with Cancel."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.film.film_export import export_project, project_snapshot
from app.project.project import Project
from engine.errors import hint_of
from engine.film.export_settings import FIT_POLICIES, FORMATS, FPS_CHOICES, QUALITIES, SIZES, ExportSettings
from engine.film.exporter import ExportError, format_eta
from engine.progress import Cancelled, CancelToken
from ui.editing.project_session import StatusSink
from ui.export.export_notice import ExportNotice, show_export_notice
from ui.export.export_overrides import ExportOverrides
from ui.export.flagged_export import allow_flagged_export
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.widgets.dialogs import Dialogs

log = logging.getLogger(__name__)

# Marked for lupdate, translated at use in ExportDialog's context.
SIZE_LABELS = {
    "project": QT_TRANSLATE_NOOP("ExportDialog", "Project"),
    "1080p": "1080p (1920×1080)",
    "720p": "720p (1280×720)",
    "vertical": QT_TRANSLATE_NOOP("ExportDialog", "Vertical (1080×1920)"),
    "custom": QT_TRANSLATE_NOOP("ExportDialog", "Custom…"),
}
FIT_LABELS = {
    "fit": QT_TRANSLATE_NOOP("ExportDialog", "Fit (keep the film's shape)"),
    "fill": QT_TRANSLATE_NOOP("ExportDialog", "Fill (crop to the frame)"),
    "pad": QT_TRANSLATE_NOOP("ExportDialog", "Pad (black bars)"),
}
# engine's format labels and quality names, as the dialog shows them.
FORMAT_LABELS = {
    "mp4": "MP4 (H.264)",
    "webm": "WebM (VP9)",
    "mov": QT_TRANSLATE_NOOP("ExportDialog", "MOV (ProRes 422, editing master)"),
    "gif": QT_TRANSLATE_NOOP("ExportDialog", "Animated GIF"),
    "png": QT_TRANSLATE_NOOP("ExportDialog", "PNG sequence (folder)"),
}
QUALITY_LABELS = {
    "low": QT_TRANSLATE_NOOP("ExportDialog", "Low"),
    "medium": QT_TRANSLATE_NOOP("ExportDialog", "Medium"),
    "high": QT_TRANSLATE_NOOP("ExportDialog", "High"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def format_label(key: str) -> str:
    """A format's name in the window's language (engine's own label for one this table lacks)."""
    return _tr(FORMAT_LABELS[key]) if key in FORMAT_LABELS else FORMATS[key].label


def default_output(project: Project, fmt: str) -> Path:
    """FILM.mp4 (or the format's extension; a folder for PNG) beside the project file, else in home."""
    folder = project.path.parent if project.path else Path.home()
    name = project.path.stem if project.path else (project.settings.name or "film")
    preset = FORMATS[fmt]
    return folder / (name + (preset.extension or "-frames"))


class ExportDialog(QDialog):
    """The export's choices; `settings()` and `output()` read them back."""

    def __init__(self, project: Project, selected: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export Film"))
        self.project, self.selected = project, list(selected)
        self.format = QComboBox()
        for key in FORMATS:
            self.format.addItem(format_label(key), key)
        self.quality = QComboBox()
        for key in QUALITIES:
            self.quality.addItem(_tr(QUALITY_LABELS.get(key, key.capitalize())), key)
        self.quality.setCurrentIndex(QUALITIES.index("high"))
        self.size_box = QComboBox()
        for key, label in SIZE_LABELS.items():
            self.size_box.addItem(_tr(label), key)
        s = project.settings
        self.size_box.setItemText(0, self.tr("Project ({0}×{1})").format(s.width, s.height))
        self.custom_w, self.custom_h = QSpinBox(), QSpinBox()
        for spin, value in ((self.custom_w, s.width), (self.custom_h, s.height)):
            spin.setRange(16, 8192)
            spin.setSingleStep(2)
            spin.setValue(value)
        custom = QHBoxLayout()
        custom.addWidget(self.custom_w)
        custom.addWidget(QLabel("×"))
        custom.addWidget(self.custom_h)
        self.fit = QComboBox()
        for key in FIT_POLICIES:
            self.fit.addItem(_tr(FIT_LABELS[key]), key)
        self.fit.setCurrentIndex(FIT_POLICIES.index("pad"))
        self.fps = QComboBox()
        self.fps.addItem(self.tr("Project ({0} fps)").format(s.fps), None)
        for value in FPS_CHOICES:
            self.fps.addItem(f"{value} fps", value)
        self.whole = QRadioButton(self.tr("Whole film"))
        self.only_selected = QRadioButton(self.tr("Selected shots ({0})").format(len(self.selected)))
        self.whole.setChecked(True)
        self.only_selected.setEnabled(bool(self.selected))
        span = QHBoxLayout()
        span.addWidget(self.whole)
        span.addWidget(self.only_selected)
        self.music = QLineEdit()
        self.music.setPlaceholderText(self.tr("None (any audio file FFmpeg reads)"))
        self.music.setToolTip(self.tr("Trimmed to the film and faded out at its end; AAC, or Opus in WebM"))
        browse_music = QPushButton(self.tr("Browse…"))
        browse_music.clicked.connect(self._browse_music)
        music = QHBoxLayout()
        music.addWidget(self.music)
        music.addWidget(browse_music)
        self.output_edit = QLineEdit(str(default_output(project, "mp4")))
        browse_out = QPushButton(self.tr("Browse…"))
        browse_out.clicked.connect(self._browse_output)
        out = QHBoxLayout()
        out.addWidget(self.output_edit)
        out.addWidget(browse_out)

        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Quality"), self.quality)
        form.addRow(self.tr("Size"), self.size_box)
        form.addRow("", custom)
        form.addRow(self.tr("Shape"), self.fit)
        form.addRow(self.tr("Frame rate"), self.fps)
        form.addRow(self.tr("Range"), span)
        self.overrides = ExportOverrides(self)
        self.overrides.add_rows(form)
        form.addRow(self.tr("Music"), music)
        form.addRow(self.tr("Save to"), out)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.size_box.currentIndexChanged.connect(self._size_changed)
        self._size_changed()
        self._format_changed()

    def _format_changed(self, *args: object) -> None:
        fmt = self.format.currentData()
        # Keep the chosen folder and name; only the extension follows the format.
        current = Path(self.output_edit.text() or default_output(self.project, fmt))
        stem = current.stem if current.suffix else current.name.removesuffix("-frames")
        preset = FORMATS[fmt]
        self.output_edit.setText(str(current.with_name(stem + (preset.extension or "-frames"))))
        self.music.setEnabled(preset.audio_codec is not None)

    def _size_changed(self, *args: object) -> None:
        key = self.size_box.currentData()
        custom = key == "custom"
        self.custom_w.setEnabled(custom)
        self.custom_h.setEnabled(custom)
        if not custom:  # the fields show the size the choice means (greyed), a start for Custom…
            s = self.project.settings
            width, height = SIZES.get(key) or (s.width, s.height)
            self.custom_w.setValue(width)
            self.custom_h.setValue(height)

    def _browse_music(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Music"),
            str(Path.home()),
            self.tr("Audio (*.mp3 *.m4a *.aac *.wav *.flac *.ogg *.opus);;All files (*)"),
        )
        if path:
            self.music.setText(path)

    def _browse_output(self) -> None:
        fmt = self.format.currentData()
        if FORMATS[fmt].extension:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export To"),
                self.output_edit.text(),
                f"{format_label(fmt)} (*{FORMATS[fmt].extension})",
            )
        else:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Folder for the PNG Sequence"), str(Path(self.output_edit.text()).parent)
            )
            path = str(Path(path) / Path(self.output_edit.text()).name) if path else ""
        if path:
            self.output_edit.setText(path)

    def output(self) -> Path:
        """Where to write."""
        return Path(self.output_edit.text()).expanduser()

    def settings(self) -> ExportSettings:
        """The choices as export settings (not yet checked)."""
        size_key = self.size_box.currentData()
        size = (self.custom_w.value(), self.custom_h.value()) if size_key == "custom" else SIZES[size_key]
        music = self.music.text().strip()
        fmt = self.format.currentData()
        return ExportSettings(
            format=fmt,
            quality=self.quality.currentData(),
            size=size,
            fit=self.fit.currentData(),
            fps=self.fps.currentData(),
            audio=Path(music) if music and FORMATS[fmt].audio_codec else None,
            shots=list(self.selected) if self.only_selected.isChecked() else None,
            transition=self.overrides.chosen_transition(),
            grade=self.overrides.grade.isChecked(),
            logo=self.overrides.logo.isChecked(),
        )


class ExportWorker(QObject):
    """Runs one export on its thread; results and progress cross back by signals."""

    progress = Signal(dict)
    finished = Signal(object)  # ExportResult
    failed = Signal(str)  # the message, then the hint of what to try
    cancelled = Signal()

    def __init__(
        self, project: Project, output: Path, settings: ExportSettings, allow_flagged: bool = False
    ) -> None:
        super().__init__()
        # A detached copy: the user may keep editing while the film is written.
        self.project, self.output, self.settings = project_snapshot(project), output, settings
        # The person confirmed the flagged takes (ui/export/flagged_export).
        self.allow_flagged = allow_flagged
        self.token = CancelToken()

    @Slot()
    def run(self) -> None:
        from engine.video.video_io import VideoError

        def on_event(event: dict) -> None:
            if event["event"] == "progress":
                self.progress.emit(event)

        try:
            result = export_project(
                self.project, self.output, self.settings, on_event, self.token, self.allow_flagged
            )
        except Cancelled:
            self.cancelled.emit()
        except (ValueError, VideoError, ExportError) as exc:
            log.warning("export to %s failed: %s", self.output, exc, exc_info=True)
            hint = hint_of(exc)
            self.failed.emit(f"{exc}\n\n{hint}" if hint else str(exc))
        except Exception as exc:  # an unexpected failure must still reach the user, not a dead thread
            log.exception("export to %s failed unexpectedly", self.output)
            first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
            self.failed.emit(
                self.tr(
                    "The export stopped on an unexpected error: {0}\n\nThe details are in storyreel.log."
                ).format(first)
            )
        else:
            self.finished.emit(result)


class ExportProgressDialog(QDialog):
    """Frames done, speed and time left, with Cancel; runs the export on a QThread."""

    def __init__(
        self,
        project: Project,
        output: Path,
        settings: ExportSettings,
        parent: QWidget | None = None,
        allow_flagged: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exporting"))
        self.setMinimumWidth(420)
        self.output = output
        self.outcome: object | None = None  # the ExportResult once done
        self.error: str | None = None
        self.was_cancelled = False
        self.notice: ExportNotice | None = None  # shown when the export has finished
        self.label = QLabel(self.tr("Preparing {0}…").format(output.name))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.thread_ = QThread(self)
        self.worker = ExportWorker(project, output, settings, allow_flagged)
        self.worker.moveToThread(self.thread_)
        self.thread_.started.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        # Quitting mid-export stops the worker first: a QThread must not outlive its dialog.
        if (app := QCoreApplication.instance()) is not None:
            app.aboutToQuit.connect(self.stop)

    def stop(self) -> None:
        """Cancel and wait for the worker (the partial file is removed)."""
        if self.thread_.isRunning():
            self.worker.token.cancel()
            self.thread_.quit()
            self.thread_.wait()

    def start(self) -> None:
        """Begin exporting (the dialog shows itself; call exec() or show())."""
        self.thread_.start()

    def cancel(self) -> None:
        """Ask the export to stop; the partial file is removed."""
        self.worker.token.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping…"))

    def _on_progress(self, event: dict) -> None:
        total, step = int(event.get("total") or 0), int(event.get("step") or 0)
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(step)
        eta = event.get("eta")
        left = " · " + self.tr("{0} left").format(format_eta(eta)) if eta is not None else ""
        rate = float(event.get("fps", 0) or 0)
        self.label.setText(self.tr("Frame {0} of {1} · {2:.1f} fps").format(step, total, rate) + left)

    def _finish(self) -> None:
        self.thread_.quit()
        self.thread_.wait()

    def _on_finished(self, result: object) -> None:
        self.outcome = result
        self._finish()
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.error = message
        self._finish()
        self.reject()

    def _on_cancelled(self) -> None:
        self.was_cancelled = True
        self._finish()
        self.reject()

    def reject(self) -> None:
        # Escape or the close button cancel the export first; the dialog closes when it has stopped.
        if self.thread_.isRunning():
            self.cancel()
            return
        super().reject()


def start_export(
    project: Project,
    output: Path,
    settings: ExportSettings,
    dialogs: Dialogs,
    status: StatusSink,
    parent: QWidget | None = None,
) -> ExportProgressDialog | None:
    """Check the settings, then export on a worker thread behind a non-blocking progress dialog."""
    try:
        settings.check()
    except ValueError as exc:
        dialogs.error(QCoreApplication.translate("ExportDialog", "Export"), str(exc))
        return None
    allowed = allow_flagged_export(project, settings.shots, dialogs)
    if allowed is None:
        status.showMessage(
            QCoreApplication.translate("ExportDialog", "Export stopped: the film has flagged takes."), 8000
        )
        return None
    progress = ExportProgressDialog(project, output, settings, parent, allow_flagged=allowed)

    def done(_code: int) -> None:
        if progress.error is not None:
            dialogs.error(QCoreApplication.translate("ExportDialog", "Export Failed"), progress.error)
        elif progress.was_cancelled:
            status.showMessage(
                QCoreApplication.translate("ExportDialog", "Export cancelled; nothing was written."), 8000
            )
        else:
            status.showMessage(
                QCoreApplication.translate("ExportDialog", "Exported {0}").format(output), 8000
            )
            progress.notice = show_export_notice(output, parent)  # Open / Show in Folder
        progress.deleteLater()

    progress.finished.connect(done)
    progress.start()
    progress.open()
    return progress


def ask_and_export(
    project: Project,
    selected_ids: list[str],
    dialogs: Dialogs,
    status: StatusSink,
    parent: QWidget | None = None,
) -> ExportProgressDialog | None:
    """File > Export…: ask for the choices, then start the export."""
    if not project.shots:
        dialogs.error(
            QCoreApplication.translate("ExportDialog", "Export"),
            QCoreApplication.translate("ExportDialog", "The project has no shots to export."),
        )
        return None
    dialog = ExportDialog(project, selected_ids, parent)
    if not dialog.exec():
        return None
    return start_export(project, dialog.output(), dialog.settings(), dialogs, status, parent)
