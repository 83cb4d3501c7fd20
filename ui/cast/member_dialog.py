"""Add or edit one cast member: name, kind, description, and which of its images to keep."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.project.cast_member import CAST_KINDS, CastMember
from app.project.project import Project
from ui.cast.cast_card import kind_label

# What follows "@" in a prompt: Unicode letters, digits, "_" and "-" (Chinese names too).
NAME_PATTERN = r"[\p{L}\p{N}_-]+"


class CastMemberDialog(QDialog):
    """Edits a copy of a member (None: a new one); `changes()` gives the fields that differ."""

    def __init__(self, project: Project, member: CastMember | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.member = project, member
        self.setWindowTitle(self.tr("Edit Cast Member") if member else self.tr("Add Cast Member"))
        self.name = QLineEdit(member.name if member else "")
        self.name.setValidator(QRegularExpressionValidator(QRegularExpression(NAME_PATTERN)))
        self.name.setPlaceholderText(self.tr("e.g. Mara, Teapot, 小明"))
        self.name.setToolTip(self.tr("Unique in the film; prompts name the member as @Name"))
        self.name.setAccessibleName(self.tr("Name"))
        self.kind = QComboBox()
        for kind in CAST_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(member.kind if member else "character")))
        self.kind.setAccessibleName(self.tr("Kind"))
        self.description = QPlainTextEdit(member.description if member else "")
        self.description.setMaximumHeight(80)
        self.description.setPlaceholderText(
            self.tr("A short description: the prompt sent says it where the prompt says @Name")
        )
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.images = QListWidget()
        self.images.setMaximumHeight(96)
        self.images.setAccessibleName(self.tr("Reference images"))
        for image in member.images if member else []:
            item = QListWidgetItem(image.name or image.sha256[:12])
            item.setData(Qt.ItemDataRole.UserRole, image)
            self.images.addItem(item)
        self.remove_image = QPushButton(self.tr("Remove Image"))
        self.remove_image.clicked.connect(self._remove_image)
        self.problem = QLabel()
        self.problem.setObjectName("CastNameProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Description"), self.description)
        if member is not None:
            form.addRow(self.tr("Images"), self.images)
            form.addRow("", self.remove_image)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()

    def _remove_image(self) -> None:
        for item in self.images.selectedItems():
            self.images.takeItem(self.images.row(item))

    def _check(self, *args: object) -> None:
        """OK only for a name that is set and not another member's."""
        name = self.name.text().strip()
        other = self.project.cast_member(name) if name else None
        if not name:
            problem = self.tr("Give the member a name.")
        elif other is not None and (self.member is None or other.id != self.member.id):
            problem = self.tr("The film already has a cast member named {0}.").format(other.name)
        else:
            problem = ""
        self.problem.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not problem)

    def new_member(self) -> CastMember:
        """The member the dialog describes (for Add)."""
        return CastMember(
            name=self.name.text().strip(),
            kind=str(self.kind.currentData()),
            description=self.description.toPlainText().strip(),
        )

    def changes(self) -> dict[str, object]:
        """The edited fields whose value differs from the member's (for Edit)."""
        assert self.member is not None
        images = [self.images.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.images.count())]
        new: dict[str, object] = {
            "name": self.name.text().strip(),
            "kind": str(self.kind.currentData()),
            "description": self.description.toPlainText().strip(),
            "images": images,
        }
        return {key: value for key, value in new.items() if getattr(self.member, key) != value}
