"""ModelSettingsPage: the Preferences tab for the backend, model source, device, dtype and memory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.settings.model_settings import DEVICES, DTYPES, ModelSettings
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.preferences.control_models_box import ControlModelsBox
from ui.preferences.image_model_field import ModelRow
from ui.preferences.speed_settings_box import SpeedSettingsBox
from ui.widgets.labels import precedence_text, setting_label

MEMORY_LABELS = {
    "none": QT_TRANSLATE_NOOP("ModelSettingsPage", "None (whole model on the device)"),
    "model_offload": QT_TRANSLATE_NOOP(
        "ModelSettingsPage", "Model CPU offload (one component on the GPU at a time)"
    ),
    "group_offload": QT_TRANSLATE_NOOP(
        "ModelSettingsPage", "Group offload (blocks stream to the GPU; overlaps transfers)"
    ),
    "sequential_offload": QT_TRANSLATE_NOOP(
        "ModelSettingsPage", "Sequential offload (lowest memory, slowest)"
    ),
}


def describe_source(text: str) -> tuple[bool, str]:
    """(usable, message) for a model source typed by the user, without loading or downloading."""
    from engine.generation.model_source import ModelError, check_model_folder, is_repo_id

    text = text.strip()
    if not text:
        return True, QCoreApplication.translate(
            "ModelSettingsPage", "Empty: each project's own model is used."
        )
    if is_repo_id(text):
        return True, QCoreApplication.translate(
            "ModelSettingsPage",
            "A Hugging Face repo id: downloaded into the Hugging Face cache when first used.",
        )
    folder = Path(text).expanduser()
    if not folder.is_dir():
        return False, QCoreApplication.translate(
            "ModelSettingsPage",
            "{0} is not a folder, and not a repo id like 'Wan-AI/Wan2.2-T2V-A14B-Diffusers'.",
        ).format(folder)
    try:
        check_model_folder(folder)
    except ModelError as exc:
        return False, str(exc)
    return True, QCoreApplication.translate("ModelSettingsPage", "A diffusers Wan model folder.")


class ModelSettingsPage(QWidget):
    """Edits a ModelSettings; `apply()` writes the fields back."""

    validityChanged = Signal(bool)  # whether the source can be used (the dialog's OK follows it)

    def __init__(
        self, settings: ModelSettings, parent: QWidget | None = None, film_model: str | None = None
    ) -> None:
        super().__init__(parent)
        self.film_model = film_model  # the open film's model, to show which one wins
        self.precedence = QLabel()
        self.precedence.setObjectName("ModelPrecedence")
        self.precedence.setWordWrap(True)
        self.backend = QComboBox()
        self.backend.addItem(self.tr("Local (this computer)"), "local")
        self.backend.addItem(self.tr("Remote endpoint (see the Remote tab)"), "remote")
        self.backend.setToolTip(self.tr("Where takes are generated"))
        self.source = QLineEdit(settings.source)
        self.source.setPlaceholderText(self.tr("the project's model, e.g. Wan-AI/Wan2.2-T2V-A14B-Diffusers"))
        self.source.setToolTip(
            self.tr("A Hugging Face repo id, or a local folder holding a diffusers Wan model")
        )
        self.source.textChanged.connect(self.validate)
        browse = QPushButton(self.tr("Folder…"))
        browse.clicked.connect(self._browse)
        self.download_button = QPushButton(self.tr("Download…"))
        self.download_button.setToolTip(self.tr("Download the repo into the Hugging Face cache now"))
        self.download_button.clicked.connect(self._download)
        self.revision = QLineEdit(settings.revision)
        self.revision.setPlaceholderText("main")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.device = QComboBox()
        for value in DEVICES:
            self.device.addItem(value or self.tr("Automatic (CUDA if present, else CPU)"), value)
        self.dtype = QComboBox()
        for value in DTYPES:
            self.dtype.addItem(value or self.tr("Automatic (bfloat16 on GPU, float32 on CPU)"), value)
        self.memory = QComboBox()
        for value, label in MEMORY_LABELS.items():
            self.memory.addItem(QCoreApplication.translate("ModelSettingsPage", label), value)
        self.memory.setToolTip(self.tr("Offloading needs a GPU; it trades speed for memory"))
        self.vae_tiling = QCheckBox(self.tr("Decode in tiles (VAE tiling: less memory for large frames)"))
        for box, value in (
            (self.backend, settings.backend),
            (self.device, settings.device),
            (self.dtype, settings.dtype),
            (self.memory, settings.memory_profile),
        ):
            box.setCurrentIndex(max(0, box.findData(value)))
        self.vae_tiling.setChecked(settings.vae_tiling)
        self.backend.currentIndexChanged.connect(self.validate)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(browse)
        source_row.addWidget(self.download_button)
        form = QFormLayout(self)
        form.addRow(self.tr("Backend"), self.backend)
        form.addRow(setting_label("model"), source_row)
        form.addRow(self.tr("Revision"), self.revision)
        form.addRow("", self.precedence)
        form.addRow("", self.status)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(self.tr("Precision"), self.dtype)
        form.addRow(self.tr("Memory profile"), self.memory)
        form.addRow("", self.vae_tiling)
        self.speed = SpeedSettingsBox(settings)
        form.addRow(self.speed)
        self.control_models = ControlModelsBox(settings)
        form.addRow(self.control_models)
        self.interpolator = ModelRow(
            settings.interpolator,
            settings.interpolator_revision,
            [],
            self.tr("None: export --motion interpolate uses optical flow"),
            self.tr(
                "The learned interpolator of exports at a higher frame rate: RIFE 4.22-4.26 IFNet weights "
                "in safetensors, as a file, a local folder or a Hugging Face repo id"
            ),
            self.tr("Interpolator"),
        )
        form.addRow(self.tr("Interpolator"), self.interpolator)
        self.validate()

    def validate(self, *args: object) -> bool:
        """Check the source and say what it is; Download is offered for repo ids only."""
        from engine.generation.model_source import is_repo_id

        ok, message = describe_source(self.source.text())
        if self.film_model is not None:
            shown = ModelSettings(backend=self.backend.currentData() or "local", source=self.source.text())
            self.precedence.setText(precedence_text(shown, self.film_model))
        self.precedence.setVisible(self.film_model is not None)
        self.status.setText(message)
        self.status.setStyleSheet("" if ok else "color: #dc2626;")
        self.download_button.setEnabled(is_repo_id(self.source.text().strip()))
        self.validityChanged.emit(ok)
        return ok

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a model folder"), self.source.text() or str(Path.home())
        )
        if folder:
            self.source.setText(folder)

    def _download(self) -> None:
        from ui.preferences.download_dialog import DownloadDialog

        dialog = DownloadDialog(self.source.text().strip(), self.revision.text().strip() or None, self)
        dialog.start()
        dialog.exec()

    def apply(self, settings: ModelSettings) -> None:
        """Write the page's values into settings."""
        settings.backend = self.backend.currentData()
        settings.source = self.source.text().strip()
        settings.revision = self.revision.text().strip()
        settings.device = self.device.currentData()
        settings.dtype = self.dtype.currentData()
        settings.memory_profile = self.memory.currentData()
        settings.vae_tiling = self.vae_tiling.isChecked()
        self.speed.apply(settings)
        self.control_models.apply(settings)
        source, pinned = self.interpolator.pair()
        settings.interpolator, settings.interpolator_revision = source or "", pinned or ""
