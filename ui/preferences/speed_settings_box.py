"""SpeedSettingsBox: Preferences > Model > Speed, the levers applied to both experts."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from app.settings.model_settings import ModelSettings


class SpeedSettingsBox(QGroupBox):
    """Edits the speed fields of a ModelSettings; `apply()` writes them back."""

    def __init__(self, settings: ModelSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Speed"), parent)
        self.attention = self._combo(
            settings.attention_backend,
            [
                ("auto", self.tr("Automatic (the fastest installed for this GPU)")),
                ("native", self.tr("PyTorch (native)")),
                ("cudnn", self.tr("cuDNN (NVIDIA)")),
                ("flash", self.tr("FlashAttention 2")),
                ("flash3", self.tr("FlashAttention 3 (Hopper)")),
                ("sage", self.tr("SageAttention")),
            ],
        )
        self.compile = self._combo(
            settings.compile,
            [
                ("off", self.tr("Off")),
                ("on", self.tr("Regional (compiles one block; the first take waits)")),
                ("auto", self.tr("Automatic (on with a GPU)")),
            ],
        )
        self.fp8 = self._combo(
            settings.fp8,
            [
                ("off", self.tr("Off")),
                ("compute", self.tr("Compute (torchao; Ada and Hopper GPUs)")),
                ("storage", self.tr("Storage (less memory, same speed)")),
                ("auto", self.tr("Automatic")),
            ],
        )
        self.step_cache = self._combo(
            settings.step_cache,
            [("none", self.tr("Off")), ("first_block", self.tr("First-block cache (Final takes)"))],
        )
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.01, 1.0)
        self.threshold.setSingleStep(0.01)
        self.threshold.setValue(settings.cache_threshold)
        self.threshold.setToolTip(self.tr("Higher skips more blocks: faster, further from the uncached take"))
        self.draft_repo = QLineEdit(settings.draft_repo)
        self.draft_repo.setToolTip(self.tr("A Hugging Face repo id or a folder holding Draft's LoRA pair"))
        self.draft_high = QLineEdit(settings.draft_high_noise)
        self.draft_low = QLineEdit(settings.draft_low_noise)
        self.draft_shift = QDoubleSpinBox()
        self.draft_shift.setRange(0.1, 100.0)
        self.draft_shift.setValue(settings.draft_shift)
        form = QFormLayout(self)
        form.addRow(self.tr("Attention"), self.attention)
        form.addRow(self.tr("Compile"), self.compile)
        form.addRow(self.tr("FP8"), self.fp8)
        form.addRow(self.tr("Step cache"), self.step_cache)
        form.addRow(self.tr("Cache threshold"), self.threshold)
        form.addRow(self.tr("Draft LoRA repo"), self.draft_repo)
        form.addRow(self.tr("High-noise file"), self.draft_high)
        form.addRow(self.tr("Low-noise file"), self.draft_low)
        form.addRow(self.tr("Draft shift"), self.draft_shift)

    @staticmethod
    def _combo(value: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        for data, label in items:
            box.addItem(label, data)
        box.setCurrentIndex(max(0, box.findData(value)))
        return box

    def apply(self, settings: ModelSettings) -> None:
        """Write the box's values into settings (empty Draft fields: the Lightning defaults)."""
        settings.attention_backend = self.attention.currentData()
        settings.compile = self.compile.currentData()
        settings.fp8 = self.fp8.currentData()
        settings.step_cache = self.step_cache.currentData()
        settings.cache_threshold = self.threshold.value()
        defaults = ModelSettings()
        settings.draft_repo = self.draft_repo.text().strip() or defaults.draft_repo
        settings.draft_high_noise = self.draft_high.text().strip() or defaults.draft_high_noise
        settings.draft_low_noise = self.draft_low.text().strip() or defaults.draft_low_noise
        settings.draft_shift = self.draft_shift.value()
