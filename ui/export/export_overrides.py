"""The export's overrides of the film: leave out the presets' grade or logo, one transition everywhere."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout

from engine.film.export_settings import CUT, TRANSITIONS
from ui.widgets.labels import transition_label


class ExportOverrides(QObject):
    """Two checks (grade, logo) and a transition choice with its seconds, as form rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grade = QCheckBox(QCoreApplication.translate("ExportOverrides", "Colour grade"))
        self.logo = QCheckBox(QCoreApplication.translate("ExportOverrides", "Logo"))
        for box in (self.grade, self.logo):
            box.setChecked(True)
            box.setToolTip(
                QCoreApplication.translate(
                    "ExportOverrides", "From the shots' style presets; unticked, this export leaves it out"
                )
            )
        self.transition = QComboBox()
        self.transition.addItem(QCoreApplication.translate("ExportOverrides", "As on the timeline"), None)
        for kind in TRANSITIONS:
            self.transition.addItem(transition_label(kind), kind)
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.1, 60.0)
        self.seconds.setSingleStep(0.1)
        self.seconds.setValue(0.5)
        self.seconds.setSuffix(" s")
        self.transition.currentIndexChanged.connect(self._transition_changed)
        self._transition_changed()

    def add_rows(self, form: QFormLayout) -> None:
        """Add the rows to the export dialog's form."""
        looks = QHBoxLayout()
        looks.addWidget(self.grade)
        looks.addWidget(self.logo)
        looks.addStretch(1)
        form.addRow(QCoreApplication.translate("ExportOverrides", "Include"), looks)
        transition = QHBoxLayout()
        transition.addWidget(self.transition, 1)
        transition.addWidget(self.seconds)
        form.addRow(QCoreApplication.translate("ExportOverrides", "Transitions"), transition)

    def _transition_changed(self, *args: object) -> None:
        kind = self.transition.currentData()
        self.seconds.setEnabled(kind is not None and kind != CUT)

    def chosen_transition(self) -> tuple[str, float] | None:
        """The transition that replaces every boundary's, or None for the timeline's own."""
        kind = self.transition.currentData()
        if kind is None:
            return None
        return kind, 0.0 if kind == CUT else round(self.seconds.value(), 3)
