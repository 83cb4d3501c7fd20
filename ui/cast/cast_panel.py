"""The Cast dock's contents: an Add button and one card per member, following the project's events."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.project.project import Project
from ui.cast.cast_card import CastCard
from ui.widgets.thumbnails import ThumbnailCache, still_key


class CastPanel(QWidget):
    """Shows the film's cast; every edit is asked for by a signal (the wiring pushes undo commands)."""

    addRequested = Signal()
    editRequested = Signal(str)
    removeRequested = Signal(str)
    addImagesRequested = Signal(str)
    filesDropped = Signal(str, list)  # member id, paths

    def __init__(self, project: Project, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CastPanel")
        self.project, self.thumbnails = project, thumbnails
        self.cards: dict[str, CastCard] = {}
        self.add = QPushButton(self.tr("Add Cast Member…"))
        self.add.setToolTip(self.tr("A character, product, place or style that prompts name as @Name"))
        self.add.clicked.connect(self.addRequested)
        self.empty = QLabel(
            self.tr(
                "No cast yet. Add a character, product, place or style, drop 1–4 reference images on "
                "its card, and name it in a shot's prompt as @Name."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.column = QVBoxLayout()
        self.column.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.column)
        self.cards_area = QScrollArea()
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)
        layout.addWidget(self.cards_area, 1)
        thumbnails.stillUpdated.connect(self._thumbnail_ready)  # its cards show stills only
        project.subscribe(self._on_event)
        self.rebuild()

    def set_project(self, project: Project) -> None:
        """Follow another project."""
        self.project.unsubscribe(self._on_event)
        self.project = project
        project.subscribe(self._on_event)
        self.rebuild()

    def _on_event(self, event: str, details: dict) -> None:
        if event == "cast_changed":
            self.rebuild()

    def rebuild(self) -> None:
        """One card per member, in the cast's order (a handful: cards are widgets, not painted)."""
        for card in self.cards.values():
            self.column.removeWidget(card)
            card.deleteLater()
        self.cards = {}
        for position, member in enumerate(self.project.cast):
            card = CastCard(member)
            card.editClicked.connect(self.editRequested)
            card.removeClicked.connect(self.removeRequested)
            card.addImagesClicked.connect(self.addImagesRequested)
            card.filesDropped.connect(self.filesDropped)
            self.column.insertWidget(position, card)
            self.cards[member.id] = card
            self._show(member.id)
        self.empty.setVisible(not self.project.cast)

    def _show(self, member_id: str) -> None:
        member = self.project.cast_member_by_id(member_id)
        pixmaps = [self.thumbnails.still(self.project, image) for image in member.images]
        self.cards[member_id].show_member(member, pixmaps)

    def _thumbnail_ready(self, key: str) -> None:
        for member in self.project.cast:
            if any(still_key(image) == key for image in member.images) and member.id in self.cards:
                self._show(member.id)
