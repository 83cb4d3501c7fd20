"""Preferences > Review: the review's models, the scores turned on, the combined score's weights, the word list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.settings.review_settings import DEFAULT_WEIGHTS, MAX_BEST_OF, ReviewSettings
from engine.review.review_config import (
    DEFAULT_AESTHETICS_MODEL,
    DEFAULT_CLIP_MODEL,
    DEFAULT_DINO_MODEL,
    DEFAULT_SAFETY_MODEL,
    MAX_SAMPLE_FRAMES,
    SCORERS,
)
from ui.preferences.image_model_field import ModelSourceField
from ui.widgets.take_scores import score_title, weights_text


class ReviewPage(QWidget):
    """Edits a ReviewSettings; `apply(review)` writes the fields back into it."""

    def __init__(self, review: ReviewSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hub = self.tr("A Hugging Face repo id (downloaded like Wan) or a local folder")
        self.clip_model = ModelSourceField(review.clip_model, [DEFAULT_CLIP_MODEL], DEFAULT_CLIP_MODEL, hub)
        self.dino_model = ModelSourceField(review.dino_model, [DEFAULT_DINO_MODEL], DEFAULT_DINO_MODEL, hub)
        self.safety_model = ModelSourceField(
            review.safety_model, [DEFAULT_SAFETY_MODEL], DEFAULT_SAFETY_MODEL, hub
        )
        self.aesthetics_model = ModelSourceField(
            review.aesthetics_model, [DEFAULT_AESTHETICS_MODEL], DEFAULT_AESTHETICS_MODEL, hub
        )
        self.scorers = {name: QCheckBox(score_title(name)) for name in SCORERS}
        checks = QGridLayout()
        for number, (name, box) in enumerate(self.scorers.items()):
            box.setChecked(name in review.enabled)
            checks.addWidget(box, number // 3, number % 3)
        self.scorers["safety"].setToolTip(
            self.tr("Off: takes are not checked, the status bar and the report say so")
        )
        self.after_generation = QCheckBox(self.tr("Score each take when it is made"))
        self.after_generation.setChecked(review.score_after_generation)
        self.frames = QSpinBox()
        self.frames.setRange(1, MAX_SAMPLE_FRAMES)
        self.frames.setValue(review.sample_frames)
        self.frames.setToolTip(self.tr("Frames spread over the take that the models look at"))
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.01, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(review.safety_threshold)
        self.threshold.setToolTip(self.tr("A take is flagged when a frame's unsafe probability reaches this"))
        self.best_of = QSpinBox()
        self.best_of.setRange(1, MAX_BEST_OF)
        self.best_of.setValue(review.best_of)
        self.weights = {name: QDoubleSpinBox() for name in DEFAULT_WEIGHTS}
        weights = QGridLayout()
        for number, (name, spin) in enumerate(self.weights.items()):
            spin.setRange(0.0, 10.0)
            spin.setSingleStep(0.25)
            spin.setValue(review.weights.get(name, 0.0))
            spin.valueChanged.connect(self._show_weights)
            weights.addWidget(QLabel(score_title(name)), number // 3, 2 * (number % 3))
            weights.addWidget(spin, number // 3, 2 * (number % 3) + 1)
        self.weights_summary = QLabel()
        self.words = QPlainTextEdit("\n".join(review.blocked_words))
        self.words.setPlaceholderText(self.tr("One word or phrase a line"))
        self.words.setToolTip(
            self.tr(
                "A prompt containing one of these (after @names are expanded) is refused before generation"
            )
        )
        self.words.setMaximumHeight(90)
        form = QFormLayout(self)
        form.addRow(self.tr("Prompt model (CLIP)"), self.clip_model)
        form.addRow(self.tr("Likeness model (DINOv2)"), self.dino_model)
        form.addRow(self.tr("Safety model"), self.safety_model)
        form.addRow(self.tr("Aesthetics model (LAION predictor)"), self.aesthetics_model)
        form.addRow(self.tr("Scores"), checks)
        form.addRow("", self.after_generation)
        form.addRow(self.tr("Frames looked at"), self.frames)
        form.addRow(self.tr("Safety threshold"), self.threshold)
        form.addRow(self.tr("Combined score weights"), weights)
        form.addRow("", self.weights_summary)
        form.addRow(self.tr("Takes to keep the best of"), self.best_of)
        form.addRow(self.tr("Refused prompt words"), self.words)
        self._show_weights()

    def _show_weights(self, *args: object) -> None:
        self.weights_summary.setText(
            self.tr("Score = weighted mean of {0}").format(weights_text(self.chosen_weights()))
        )

    def chosen_weights(self) -> dict[str, float]:
        """The weights as the spin boxes show them."""
        return {name: spin.value() for name, spin in self.weights.items()}

    def apply(self, review: ReviewSettings) -> None:
        """Write the fields into review (an empty model field keeps the default)."""
        review.clip_model = self.clip_model.value() or DEFAULT_CLIP_MODEL
        review.dino_model = self.dino_model.value() or DEFAULT_DINO_MODEL
        review.safety_model = self.safety_model.value() or DEFAULT_SAFETY_MODEL
        review.aesthetics_model = self.aesthetics_model.value() or DEFAULT_AESTHETICS_MODEL
        review.enabled = [name for name, box in self.scorers.items() if box.isChecked()]
        review.score_after_generation = self.after_generation.isChecked()
        review.sample_frames = self.frames.value()
        review.safety_threshold = self.threshold.value()
        review.best_of = self.best_of.value()
        review.weights = self.chosen_weights()
        lines = (line.strip() for line in self.words.toPlainText().splitlines())
        review.blocked_words = [line for line in lines if line]
