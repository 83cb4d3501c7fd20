"""One cast member as a card: kind, name, description, thumbnails; image files dropped on it are handed on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.project.cast_member import MAX_CAST_IMAGES, CastMember
from ui.i18n.translation import QT_TRANSLATE_NOOP

THUMB = QSize(64, 64)

# The values of CAST_KINDS as the window shows them.
KIND_LABELS = {
    "character": QT_TRANSLATE_NOOP("CastCard", "Character"),
    "product": QT_TRANSLATE_NOOP("CastCard", "Product"),
    "place": QT_TRANSLATE_NOOP("CastCard", "Place"),
    "style": QT_TRANSLATE_NOOP("CastCard", "Style"),
}


def kind_label(kind: str) -> str:
    """A cast kind in the window's language."""
    return QCoreApplication.translate("CastCard", KIND_LABELS.get(kind, kind))


def dropped_paths(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The local files a drag carries (empty: none)."""
    data = event.mimeData()
    urls = data.urls() if data.hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


class CastCard(QFrame):
    """A member's card; its buttons and drops become signals carrying the member's id."""

    editClicked = Signal(str)
    removeClicked = Signal(str)
    addImagesClicked = Signal(str)
    filesDropped = Signal(str, list)  # member id, paths of the files to import

    def __init__(self, member: CastMember, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member_id = member.id
        self.setObjectName("CastCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAcceptDrops(True)
        self.kind = QLabel()
        self.kind.setObjectName("CastKind")
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
        bold = self.name.font()
        bold.setBold(True)
        self.name.setFont(bold)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.pictures = [QLabel() for _ in range(MAX_CAST_IMAGES)]
        pictures = QHBoxLayout()
        for label in self.pictures:
            label.setFixedSize(THUMB)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setStyleSheet("QLabel { background: #27303f; color: #cbd5e1; border-radius: 4px; }")
            pictures.addWidget(label)
        pictures.addStretch(1)
        self.edit = QPushButton(self.tr("Edit…"))
        self.add_images = QPushButton(self.tr("Add Images…"))
        self.remove = QPushButton(self.tr("Remove"))
        self.edit.clicked.connect(lambda: self.editClicked.emit(self.member_id))
        self.add_images.clicked.connect(lambda: self.addImagesClicked.emit(self.member_id))
        self.remove.clicked.connect(lambda: self.removeClicked.emit(self.member_id))
        buttons = QHBoxLayout()
        for button in (self.edit, self.add_images, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        heading = QHBoxLayout()
        heading.addWidget(self.name)
        heading.addStretch(1)
        heading.addWidget(self.kind)
        column = QVBoxLayout(self)
        column.addLayout(heading)
        column.addWidget(self.description)
        column.addLayout(pictures)
        column.addLayout(buttons)
        self.show_member(member, [])

    def show_member(self, member: CastMember, pixmaps: list[QPixmap | None]) -> None:
        """Show the member's fields and the thumbnails ready so far (None: still decoding)."""
        self.name.setText("@" + member.name)
        self.kind.setText(kind_label(member.kind))
        self.description.setText(member.description or self.tr("(no description: the prompt says the name)"))
        for number, label in enumerate(self.pictures):
            pixmap = pixmaps[number] if number < len(pixmaps) else None
            if pixmap is not None:
                label.setPixmap(
                    pixmap.scaled(
                        THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                    )
                )
            else:
                label.clear()
                label.setText("…" if number < len(member.images) else "")
            label.setVisible(number < max(1, len(member.images)))
        if not member.images:
            self.pictures[0].setText(self.tr("Drop images here"))
        self.add_images.setEnabled(len(member.images) < MAX_CAST_IMAGES)
        self.setAccessibleName(self.tr("Cast member {0}, {1}").format(member.name, kind_label(member.kind)))
        self.setAccessibleDescription(
            self.tr("{0} reference images; drop image files here to add them").format(len(member.images))
        )
        self.setToolTip(self.tr("Drop up to {0} PNG, JPEG or WebP images here").format(MAX_CAST_IMAGES))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(self.member_id, [str(p) for p in paths])
