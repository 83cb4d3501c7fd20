"""Preferences > Model > Control models: the depth, pose and person-detector models control clips use."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QWidget

from app.settings.model_settings import DEPTH_MODEL, POSE_DETECTOR, POSE_MODEL, ModelSettings
from ui.preferences.image_model_field import ModelRow


class ControlModelsBox(QGroupBox):
    """Hub repo ids or local folders, loaded through from_pretrained like Wan; `apply()` writes them back."""

    def __init__(self, settings: ModelSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Control models (motion from a clip)"), parent)
        self.setObjectName("ControlModels")
        folder = self.tr("a Hugging Face repo id or a local folder (config.json and .safetensors weights)")
        self.depth = ModelRow(
            settings.depth_model,
            settings.depth_revision,
            [DEPTH_MODEL],
            self.tr("None: depth control cannot be used"),
            self.tr("The depth model (Depth Anything V2 or DPT) for depth control: {0}").format(folder),
            self.tr("Depth model"),
        )
        self.pose = ModelRow(
            settings.pose_model,
            settings.pose_revision,
            [POSE_MODEL],
            self.tr("None: pose control cannot be used"),
            self.tr("The ViTPose model that finds each person's joints for pose control: {0}").format(folder),
            self.tr("Pose model"),
        )
        self.detector = ModelRow(
            settings.pose_detector,
            settings.pose_detector_revision,
            [POSE_DETECTOR],
            self.tr("None: pose control cannot be used"),
            self.tr("The object detector (RT-DETR) that finds the people before their pose: {0}").format(
                folder
            ),
            self.tr("Person detector"),
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Depth"), self.depth)
        form.addRow(self.tr("Pose"), self.pose)
        form.addRow(self.tr("Person detector"), self.detector)

    def apply(self, settings: ModelSettings) -> None:
        """Write the fields into settings (an empty revision is the repo's main branch)."""
        for row, model, revision in (
            (self.depth, "depth_model", "depth_revision"),
            (self.pose, "pose_model", "pose_revision"),
            (self.detector, "pose_detector", "pose_detector_revision"),
        ):
            source, pinned = row.pair()
            setattr(settings, model, source or "")
            setattr(settings, revision, pinned or "")
