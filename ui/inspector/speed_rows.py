"""The inspector's speed rows: the shot's quality (Draft or Final) and the guidance-trap warning."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.generation.shot_requests import resolved_settings
from app.project.project import Project
from app.project.shot import Shot
from engine.generation.speed.guidance import guidance_trap


class ShotSpeedRows(QWidget):
    """Owns the quality combo and the warning label the inspector puts into its form."""

    qualityChosen = Signal(object)  # "draft", "final" or None (the project's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = self.tr("Quality")
        self.quality = QComboBox()
        self.quality.addItem(self.tr("The project's"), None)
        self.quality.addItem(self.tr("Draft (4 steps, Lightning LoRA, no guidance)"), "draft")
        self.quality.addItem(self.tr("Final (the steps and guidance set here)"), "final")
        # Sized by a short text, not its longest item: the inspector must fit its dock without scrolling.
        self.quality.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.quality.setMinimumContentsLength(12)
        self.quality.setToolTip(
            self.tr("Draft is several times faster to judge a shot; Make Final redoes it")
        )
        self.quality.activated.connect(lambda i: self.qualityChosen.emit(self.quality.itemData(i)))
        self.warning = QLabel()
        self.warning.setObjectName("GuidanceTrap")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel#GuidanceTrap { color: #d97706; }")

    def show_shot(self, project: Project, shot: Shot) -> None:
        """Show the shot's quality and warn when its guidance scales fall into diffusers' trap."""
        self.quality.setCurrentIndex(max(0, self.quality.findData(shot.quality)))
        eff = resolved_settings(project, shot)
        gs, gs2 = eff["guidance_scale"], eff["guidance_scale_2"] or 0.0  # None: one guidance scale
        trapped = eff["guidance_scale_2"] is not None and guidance_trap(gs, gs2)
        self.warning.setVisible(trapped)
        self.warning.setText(
            self.tr(
                "High-noise guidance {0:g} turns guidance off in diffusers for both experts, so low-noise "
                "guidance {1:g} would be lost. Storyreel runs each expert's guidance as set, with two "
                "passes a step (slower)."
            ).format(gs, gs2)
            if trapped
            else ""
        )
