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
        none_pose = self.tr("None: pose control cannot be used")
        # (row label, its field, the known model, the empty field's meaning, what the model does)
        rows = (
            (self.tr("Depth"), "depth", DEPTH_MODEL, self.tr("None: depth control cannot be used"),
             self.tr("The depth model (Depth Anything V2 or DPT) for depth control: {0}")),
            (self.tr("Pose"), "pose", POSE_MODEL, none_pose,
             self.tr("The ViTPose model that finds each person's joints for pose control: {0}")),
            (self.tr("Person detector"), "pose_detector", POSE_DETECTOR, none_pose,
             self.tr("The object detector (RT-DETR) that finds the people before their pose: {0}")),
        )  # fmt: skip
        form = QFormLayout(self)
        self.rows: dict[str, ModelRow] = {}
        for label, field, known, placeholder, tip in rows:
            model = "pose_detector" if field == "pose_detector" else f"{field}_model"
            revision = f"{field}_revision"
            row = ModelRow(
                getattr(settings, model),
                getattr(settings, revision),
                [known],
                placeholder,
                tip.format(folder),
                label,
            )
            self.rows[field] = row
            form.addRow(label, row)

    def apply(self, settings: ModelSettings) -> None:
        """Write the fields into settings (an empty revision is the repo's main branch)."""
        for field, row in self.rows.items():
            source, pinned = row.pair()
            setattr(settings, "pose_detector" if field == "pose_detector" else f"{field}_model", source or "")
            setattr(settings, f"{field}_revision", pinned or "")
