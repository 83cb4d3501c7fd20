"""The three ways to a usable model: a folder, a Hub download, or a demo model built here."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QWidget

from app.paths.user_paths import data_dir
from app.project.project import Project
from app.settings.model_settings import load_model_settings, store_model_settings
from app.settings.user_settings import UserSettings
from engine.generation.model_source import ModelError, is_repo_id, resolve_model
from engine.generation.request import DEFAULT_MODEL
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import Dialogs

log = logging.getLogger(__name__)
DEMO_FOLDER = "demo-model"


def model_check(settings: UserSettings, project: Project | None) -> Callable[[], tuple[bool, str]]:
    """What tells whether the model in use is on this machine now, and a line saying which it is.

    Read the settings here, on the GUI thread; call the answer on a worker: finding a Hub model in
    the cache imports huggingface_hub's download code (about half a second) and reads the disk.
    """
    model = load_model_settings(settings)
    device = model.device or QCoreApplication.translate("ModelChoices", "auto")
    if model.backend == "remote":
        line = QCoreApplication.translate("ModelChoices", "Model: remote endpoint · device: the endpoint's")
        return lambda: (True, line)
    spec = model.spec_for(project)
    usable = QCoreApplication.translate("ModelChoices", "Model: {0} · device: {1}").format(
        spec.source, device
    )
    missing = QCoreApplication.translate("ModelChoices", "Model: {0} (not downloaded) · device: {1}")
    unusable = QCoreApplication.translate("ModelChoices", "Model: {0} (cannot be used: {1}) · device: {2}")

    def check() -> tuple[bool, str]:
        try:
            resolve_model(spec, local_files_only=True)  # never a download at start
        except ModelError as exc:
            if is_repo_id(spec.source.strip()):
                return False, missing.format(spec.source, device)
            log.info("model not usable: %s", exc)
            return False, unusable.format(spec.source, exc, device)
        return True, usable

    return check


def _build_demo(dest: Path) -> Path:
    from engine.generation.demo_model import write_demo_model

    # Built beside its place and moved in whole, so a half-built model is never used.
    building = dest.with_name(dest.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    write_demo_model(building)
    shutil.rmtree(dest, ignore_errors=True)  # an older build without the image model
    building.replace(dest)
    return dest


class ModelChoices(QObject):
    """Sets the machine's model (Preferences > Model) from one of three choices; `changed` after."""

    changed = Signal()
    busy = Signal(bool)  # the demo model is being built

    def __init__(self, settings: UserSettings, dialogs: Dialogs, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings, self.dialogs, self.widget = settings, dialogs, parent
        self._worker = BackgroundWorker(self)
        self.downloader: Callable[..., Path] | None = None  # a test's own; else download_model
        self.download_dialog: QDialog | None = None  # the last download's, while it shows

    def set_source(self, source: str) -> None:
        """Make source this machine's model."""
        model = load_model_settings(self.settings)
        model.backend, model.source, model.revision = "local", source, ""
        store_model_settings(self.settings, model)
        self.changed.emit()

    def choose_folder(self, folder: str | None = None) -> bool:
        """A diffusers Wan folder on disk; refused with the reason if it cannot be used."""
        from ui.preferences.model_settings_page import describe_source

        folder = folder or QFileDialog.getExistingDirectory(
            self.widget, self.tr("Choose a model folder"), str(Path.home())
        )
        if not folder:
            return False
        ok, message = describe_source(folder)
        if not ok:
            self.dialogs.error(self.tr("This folder cannot be used"), message)
            return False
        self.set_source(folder)
        return True

    def download(self, repo_id: str | None = None) -> bool:
        """Download a Hub repo with size, progress and cancel; it becomes the model when complete."""
        from ui.preferences.download_dialog import DownloadDialog

        if repo_id is None:
            repo_id, ok = QInputDialog.getText(
                self.widget, self.tr("Download a model"), self.tr("Hub repo id"), text=DEFAULT_MODEL
            )
            if not ok or not repo_id.strip():
                return False
        dialog = self.download_dialog = DownloadDialog(
            repo_id.strip(), None, self.widget, downloader=self.downloader
        )
        dialog.start()
        dialog.exec()
        if dialog.folder is None:
            return False
        self.set_source(repo_id.strip())
        return True

    def use_demo(self) -> None:
        """Build the tiny random-weight demo (text and image models, Draft pair) in the user data
        folder on a worker, then use it."""
        from engine.generation.demo_model import is_complete_demo

        dest = data_dir() / DEMO_FOLDER
        if is_complete_demo(dest):
            self.set_source(str(dest))  # built before: reuse it
            return
        self.busy.emit(True)
        self._worker.run(lambda: _build_demo(dest), self._built, lambda exc: self._build_failed(dest, exc))

    def _built(self, folder: Path) -> None:
        self.busy.emit(False)
        self.set_source(str(folder))

    def _build_failed(self, dest: Path, exc: BaseException) -> None:
        self.busy.emit(False)
        log.error("building the demo model in %s failed", dest, exc_info=exc)
        self.dialogs.error(
            self.tr("The demo model could not be built"),
            self.tr("{0}\nDetails are in storyreel.log.").format(str(exc) or type(exc).__name__),
        )

    def wait(self, msecs: int = -1) -> bool:
        """Wait for a demo build to end (tests, shutdown)."""
        return self._worker.wait(msecs)
