"""The original and the enhanced prompts side by side; the person ticks the ones to use (one undo step)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storyboard.prompt_enhance import Enhancement

SHOT, ORIGINAL, ENHANCED = range(3)


class EnhanceDialog(QDialog):
    """One row per shot: its prompt as written, the enhanced one (editable), a tick to use it."""

    def __init__(
        self, enhancements: list[Enhancement], titles: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enhanced Prompts"))
        self.enhancements = list(enhancements)
        self.ticks: list[QTableWidgetItem] = []
        self.edits: list[QTableWidgetItem] = []
        self.table = QTableWidget(len(enhancements), 3)
        self.table.setObjectName("EnhanceTable")
        self.table.setHorizontalHeaderLabels([self.tr("Shot"), self.tr("As written"), self.tr("Enhanced")])
        self.table.setWordWrap(True)
        for row, item in enumerate(enhancements):
            shot = QTableWidgetItem(titles.get(item.shot_id, item.shot_id))
            shot.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            shot.setCheckState(Qt.CheckState.Checked)
            if item.with_image:
                shot.setToolTip(self.tr("Written by the vision-language model, which saw the start image"))
            original = QTableWidgetItem(item.original)
            original.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            enhanced = QTableWidgetItem(item.enhanced)
            self.table.setItem(row, SHOT, shot)
            self.table.setItem(row, ORIGINAL, original)
            self.table.setItem(row, ENHANCED, enhanced)
            self.ticks.append(shot)
            self.edits.append(enhanced)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ORIGINAL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ENHANCED, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        note = QLabel(
            self.tr("Untick a shot to keep its prompt; the enhanced text can be edited. Undo puts them back.")
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.use = buttons.addButton(self.tr("Use Ticked Prompts"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(960, 480)

    def chosen(self) -> list[Enhancement]:
        """The ticked rows, with the enhanced text as edited (an emptied one is left out)."""
        picked: list[Enhancement] = []
        for row, item in enumerate(self.enhancements):
            text = self.edits[row].text().strip()
            if self.ticks[row].checkState() == Qt.CheckState.Checked and text and text != item.original:
                picked.append(dataclasses.replace(item, enhanced=text))
        return picked
