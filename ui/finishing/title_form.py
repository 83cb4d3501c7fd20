"""TitleForm: one title card, lower third, end card or caption's words, times, motion and backdrop."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from engine.film.title_elements import (
    ALIGNS,
    BACKGROUNDS,
    KINDS,
    MAX_SECONDS,
    MOTIONS,
    TitleElement,
    check_element,
)
from ui.i18n.translation import QT_TRANSLATE_NOOP

CHOICES = {
    "kind": dict(
        zip(
            KINDS,
            (
                QT_TRANSLATE_NOOP("TitleForm", "Title card"),
                QT_TRANSLATE_NOOP("TitleForm", "Lower third"),
                QT_TRANSLATE_NOOP("TitleForm", "End card"),
                QT_TRANSLATE_NOOP("TitleForm", "Caption"),
            ),
            strict=True,
        )
    ),
    "motion": dict(
        zip(
            MOTIONS,
            (QT_TRANSLATE_NOOP("TitleForm", "Fade"), QT_TRANSLATE_NOOP("TitleForm", "Slide")),
            strict=True,
        )
    ),
    "align": dict(
        zip(
            ALIGNS,
            (
                QT_TRANSLATE_NOOP("TitleForm", "Left"),
                QT_TRANSLATE_NOOP("TitleForm", "Centre"),
                QT_TRANSLATE_NOOP("TitleForm", "Right"),
            ),
            strict=True,
        )
    ),
    "background": dict(
        zip(
            BACKGROUNDS,
            (
                QT_TRANSLATE_NOOP("TitleForm", "Colour"),
                QT_TRANSLATE_NOOP("TitleForm", "Next shot, blurred"),
                QT_TRANSLATE_NOOP("TitleForm", "Image"),
            ),
            strict=True,
        )
    ),
}
IMAGE_FILTER = QT_TRANSLATE_NOOP("TitleForm", "Images (*.png *.jpg *.jpeg *.webp)")


class TitleForm(QDialog):
    """Edits a copy of one title element; element() is the checked result (the caller pushes the undo step)."""

    def __init__(self, element: TitleElement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TitleForm")
        self.setWindowTitle(self.tr("Title"))
        self.original = element
        form = QFormLayout(self)
        self.combos: dict[str, QComboBox] = {}
        for name, choices in CHOICES.items():
            combo = QComboBox()
            for value, label in choices.items():
                combo.addItem(QCoreApplication.translate("TitleForm", label), value)
            combo.setCurrentIndex(combo.findData(getattr(element, name)))
            self.combos[name] = combo
        self.text = QPlainTextEdit(element.text)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(72)
        self.seconds: dict[str, QDoubleSpinBox] = {}
        for name in ("start", "duration", "transition_in", "transition_out"):
            box = QDoubleSpinBox()
            box.setRange(0.0, MAX_SECONDS)
            box.setDecimals(2)
            box.setSingleStep(0.1)
            box.setSuffix(self.tr(" s"))
            box.setValue(getattr(element, name))
            self.seconds[name] = box
        self.colors = {
            name: self._colour_field(getattr(element, name)) for name in ("color", "background_color")
        }
        self.image = QLineEdit(element.image or "")
        self.image.setReadOnly(True)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_image)
        image_row = QHBoxLayout()
        image_row.addWidget(self.image, 1)
        image_row.addWidget(choose)
        self.tagline, self.url = QLineEdit(element.tagline), QLineEdit(element.url)
        form.addRow(self.tr("Kind"), self.combos["kind"])
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Start"), self.seconds["start"])
        form.addRow(self.tr("Duration"), self.seconds["duration"])
        form.addRow(self.tr("In and out"), self.combos["motion"])
        form.addRow(self.tr("In"), self.seconds["transition_in"])
        form.addRow(self.tr("Out"), self.seconds["transition_out"])
        form.addRow(self.tr("Alignment"), self.combos["align"])
        form.addRow(self.tr("Text colour"), self._colour_row("color"))
        form.addRow(self.tr("Background"), self.combos["background"])
        form.addRow(self.tr("Background colour"), self._colour_row("background_color"))
        form.addRow(self.tr("Background image"), image_row)
        form.addRow(self.tr("Tagline"), self.tagline)
        form.addRow(self.tr("Address"), self.url)
        self.logo_note = QLabel(self.tr("The end card shows the brand preset's logo."))
        form.addRow(self.logo_note)
        self.error = QLabel()
        self.error.setObjectName("TitleFormError")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.combos["kind"].currentIndexChanged.connect(self._show_fields)
        self.combos["background"].currentIndexChanged.connect(self._show_fields)
        self._show_fields()

    def _colour_field(self, value: str) -> QLineEdit:
        field = QLineEdit(value)
        field.setInputMask("\\#HHHHHH")
        return field

    def _colour_row(self, name: str) -> QHBoxLayout:
        """The colour's hex field and a button for the colour dialog."""
        row, button = QHBoxLayout(), QPushButton(self.tr("Choose…"))
        button.clicked.connect(lambda checked=False: self._choose_colour(self.colors[name]))
        row.addWidget(self.colors[name], 1)
        row.addWidget(button)
        return row

    def _choose_colour(self, field: QLineEdit) -> None:
        colour = QColorDialog.getColor(QColor(field.text()), self)
        if colour.isValid():
            field.setText(colour.name())

    def _choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Background image"), "", QCoreApplication.translate("TitleForm", IMAGE_FILTER)
        )
        if path:
            self.image.setText(str(Path(path)))

    def _show_fields(self) -> None:
        """Only the fields the kind and backdrop use are enabled."""
        kind, background = self.combos["kind"].currentData(), self.combos["background"].currentData()
        card, end = kind == "card", kind == "end_card"
        self.combos["background"].setEnabled(card)
        self.colors["background_color"].setEnabled(card and background == "color")
        self.image.setEnabled(card and background == "image")
        for widget in (self.tagline, self.url, self.logo_note):
            widget.setEnabled(end)

    def element(self) -> TitleElement:
        """The edited element, checked (ValueError naming the wrong field)."""
        values: dict[str, object] = {name: combo.currentData() for name, combo in self.combos.items()}
        values.update({name: round(box.value(), 3) for name, box in self.seconds.items()})
        values.update({name: field.text() for name, field in self.colors.items()})
        values.update(
            text=self.text.toPlainText(),
            image=self.image.text() or None,
            tagline=self.tagline.text(),
            url=self.url.text(),
        )
        return check_element(dataclasses.replace(self.original, **values))  # type: ignore[arg-type]

    def accept(self) -> None:
        try:
            self.element()
        except ValueError as exc:
            self.error.setText(str(exc))  # the form stays open with what was typed
            return
        super().accept()
