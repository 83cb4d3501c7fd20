"""PresetDialog: create or edit a style preset (prompt, LoRAs, grade, logo, default settings)."""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.presets.preset import (
    CORNERS,
    EXPERTS,
    PLACEHOLDER,
    GradeRef,
    LoraRef,
    Preset,
    PresetSettings,
    WatermarkRef,
)
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.widgets.labels import expert_label, setting_label
from ui.widgets.settings_form import SettingsForm

CORNER_LABELS = {
    "top-left": QT_TRANSLATE_NOOP("PresetDialog", "top-left"),
    "top-right": QT_TRANSLATE_NOOP("PresetDialog", "top-right"),
    "bottom-left": QT_TRANSLATE_NOOP("PresetDialog", "bottom-left"),
    "bottom-right": QT_TRANSLATE_NOOP("PresetDialog", "bottom-right"),
}


def _unit(value: float, step: float = 0.05, maximum: float = 1.0) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, maximum)
    spin.setSingleStep(step)
    spin.setDecimals(2)
    spin.setValue(value)
    return spin


class FileField(QWidget):
    """A file path with Browse and Clear; remembers whether it points into the preset's own folder."""

    def __init__(self, caption: str, filter: str) -> None:
        super().__init__()
        self.caption, self.filter = caption, filter
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("none"))
        browse, clear = QPushButton(self.tr("Browse…")), QPushButton(self.tr("Clear"))
        browse.clicked.connect(self._browse)
        clear.clicked.connect(self.edit.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.edit, browse, clear):
            row.addWidget(w)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.caption, self.edit.text() or str(Path.home()), self.filter
        )
        if name:
            self.edit.setText(name)

    def path(self) -> Path | None:
        return Path(self.edit.text()) if self.edit.text().strip() else None


class PresetDialog(QDialog):
    """Edits a copy of a preset; result() gives the preset and the files to copy into its folder."""

    def __init__(
        self, preset: Preset | None = None, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit Preset") if preset else self.tr("New Preset"))
        self.folder = folder
        preset = preset or Preset(name=self.tr("New preset"))
        self.cast = list(preset.cast)  # not edited here: kept as it is, its images from the preset's folder
        self.name = QLineEdit(preset.name)
        self.description = QLineEdit(preset.description)
        self.template = QPlainTextEdit(preset.prompt_template)
        self.template.setToolTip(
            self.tr("The prompt sent to the model; {0} stands for the shot's prompt").format(PLACEHOLDER)
        )
        self.template.setMaximumHeight(70)
        self.negative = QPlainTextEdit(preset.negative_prompt)
        self.negative.setToolTip(self.tr("Joined with each shot's own negative prompt"))
        self.negative.setMaximumHeight(60)
        self.loras = QTableWidget(0, 3)
        self.loras.setHorizontalHeaderLabels(
            [self.tr("LoRA file (.safetensors)"), self.tr("Weight"), self.tr("Expert")]
        )
        self.loras.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.loras.setMinimumHeight(90)
        for lora in preset.loras:
            self._add_lora(self._absolute(lora.file), lora.weight, lora.expert)
        add, remove = QPushButton(self.tr("Add LoRA…")), QPushButton(self.tr("Remove"))
        add.clicked.connect(self._browse_lora)
        remove.clicked.connect(lambda: self.loras.removeRow(self.loras.currentRow()))
        self.lut = FileField(self.tr("Choose a LUT"), self.tr("Cube LUTs (*.cube)"))
        grade = preset.grade
        self.lut.edit.setText(str(self._absolute(grade.lut)) if grade else "")
        self.strength = _unit(grade.strength if grade else 1.0)
        self.logo = FileField(self.tr("Choose a logo"), self.tr("PNG images (*.png)"))
        mark = preset.watermark or WatermarkRef("")
        self.logo.edit.setText(str(self._absolute(mark.image)) if preset.watermark else "")
        self.corner = QComboBox()
        for corner in CORNERS:
            self.corner.addItem(
                QCoreApplication.translate("PresetDialog", CORNER_LABELS.get(corner, corner)), corner
            )
        self.corner.setCurrentIndex(max(0, self.corner.findData(mark.corner)))
        self.margin, self.scale = _unit(mark.margin, 0.01, 0.5), _unit(mark.scale, 0.01)
        self.opacity = _unit(mark.opacity)
        self.settings_form = SettingsForm(inherit_text=self.tr("Project's"))
        self.settings_form.set_values(dataclasses.asdict(preset.settings))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c")
        self.error.setWordWrap(True)
        self._layout(add, remove)

    def _layout(self, add: QPushButton, remove: QPushButton) -> None:
        top = QFormLayout()
        top.addRow(self.tr("Name"), self.name)
        top.addRow(self.tr("Description"), self.description)
        top.addRow(self.tr("Prompt template"), self.template)
        top.addRow(setting_label("negative_prompt"), self.negative)
        lora_box = QGroupBox(self.tr("LoRA adapters"))
        column = QVBoxLayout(lora_box)
        column.addWidget(self.loras)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        column.addLayout(buttons)
        look = QGroupBox(self.tr("Look (applied at preview and export; never needs a new take)"))
        form = QFormLayout(look)
        form.addRow(self.tr("Grade LUT"), self.lut)
        form.addRow(self.tr("Strength"), self.strength)
        form.addRow(self.tr("Logo"), self.logo)
        form.addRow(self.tr("Corner"), self.corner)
        form.addRow(self.tr("Margin"), self.margin)
        form.addRow(self.tr("Scale"), self.scale)
        form.addRow(self.tr("Opacity"), self.opacity)
        defaults = QGroupBox(self.tr("Default generation settings"))
        QVBoxLayout(defaults).addWidget(self.settings_form)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for widget in (lora_box, look, defaults, self.error, box):
            layout.addWidget(widget)

    def _absolute(self, relative: str) -> Path:
        return (self.folder or Path()).joinpath(*PurePosixPath(relative).parts)

    def _add_lora(self, path: Path, weight: float = 1.0, expert: str = "both") -> None:
        row = self.loras.rowCount()
        self.loras.insertRow(row)
        self.loras.setItem(row, 0, QTableWidgetItem(str(path)))
        spin = _unit(weight, 0.05, 4.0)
        spin.setMinimum(-4.0)
        self.loras.setCellWidget(row, 1, spin)
        combo = QComboBox()
        for name in EXPERTS:
            combo.addItem(expert_label(name), name)
        combo.setCurrentIndex(max(0, combo.findData(expert)))
        self.loras.setCellWidget(row, 2, combo)

    def _browse_lora(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a LoRA"), str(Path.home()), self.tr("LoRA (*.safetensors)")
        )
        if name:
            self._add_lora(Path(name))

    def _accept(self) -> None:
        try:
            self.result_preset()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def result_preset(self) -> tuple[Preset, dict[str, Path]]:
        """The edited preset (asset names relative to its folder) and name -> source file to copy."""
        from app.presets.preset import validate_preset

        sources: dict[str, Path] = {}

        def asset(path: Path, folder: str = "") -> str:
            relative = f"{folder}{path.name}" if folder else path.name
            sources[relative] = path
            return relative

        loras = []
        for row in range(self.loras.rowCount()):
            item, weight = self.loras.item(row, 0), self.loras.cellWidget(row, 1)
            expert = self.loras.cellWidget(row, 2)
            assert item is not None and isinstance(weight, QDoubleSpinBox) and isinstance(expert, QComboBox)
            loras.append(LoraRef(asset(Path(item.text()), "loras/"), weight.value(), expert.currentData()))
        lut, logo = self.lut.path(), self.logo.path()
        settings = PresetSettings(**self.settings_form.values())
        preset = Preset(
            name=self.name.text().strip(),
            description=self.description.text().strip(),
            prompt_template=self.template.toPlainText().strip() or PLACEHOLDER,
            negative_prompt=self.negative.toPlainText().strip(),
            loras=loras,
            grade=GradeRef(asset(lut), self.strength.value()) if lut else None,
            watermark=WatermarkRef(
                asset(logo),
                self.corner.currentData(),
                self.margin.value(),
                self.scale.value() or 0.01,
                self.opacity.value(),
            )
            if logo
            else None,
            settings=settings,
            cast=self.cast,
        )
        validate_preset(preset)
        return preset, sources
