"""File > New From Script…: a script file or a brief, the language model, and the proposal table to accept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.project.cast_member import CastMember
from app.storyboard.proposal import Proposal
from ui.storyboard.proposal_model import PROMPT, ProposalModel

# The prompts' language: the script's own, or one asked for (app/storyboard/writing_prompts).
LANGUAGE_CODES = (None, "en", "zh")


class ProposalDialog(QDialog):
    """Asks for a script and shows the shots proposed for it; nothing reaches the film until accepted."""

    proposeRequested = Signal()  # the wiring runs the model in the background, then calls show_proposal
    acceptRequested = Signal(object, list)  # the proposal, the rows to add (one undo step)

    def __init__(self, llm: str, fps: int, cast: list[CastMember], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New From Script"))
        self.fps, self.cast = fps, cast
        self.model: ProposalModel | None = None
        self.script_file = QLineEdit()
        self.script_file.setPlaceholderText(self.tr("a .txt, .md or .fountain file (or type a brief below)"))
        self.browse = QPushButton(self.tr("Browse…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.script_file, 1)
        file_row.addWidget(self.browse)
        self.brief = QPlainTextEdit()
        self.brief.setPlaceholderText(self.tr("A 30-second ad for Sakura tea, three scenes, warm"))
        self.brief.setMaximumHeight(90)
        self.llm = QLineEdit(llm)
        self.llm.setToolTip(
            self.tr("A Hub repo id, a folder, or an OpenAI-compatible chat URL (Preferences > Writing)")
        )
        self.language = QComboBox()
        labels = (self.tr("The script's"), self.tr("English"), self.tr("Chinese"))
        for code, label in zip(LANGUAGE_CODES, labels, strict=True):
            self.language.addItem(label, code)
        self.propose = QPushButton(self.tr("Propose Shots"))
        self.propose.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("Script file"), file_row)
        form.addRow(self.tr("Or a brief"), self.brief)
        form.addRow(self.tr("Language model"), self.llm)
        form.addRow(self.tr("Prompts in"), self.language)
        form.addRow("", self.propose)
        self.table = QTableView()
        self.table.setObjectName("ProposalTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(
            self.tr("Propose shots to review them here: edit any cell, untick the rows to leave out.")
        )
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.accept_all = buttons.addButton(self.tr("Accept All"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_chosen = buttons.addButton(
            self.tr("Accept Ticked"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.propose.clicked.connect(self.proposeRequested)
        self.accept_all.clicked.connect(lambda: self._accept(all_rows=True))
        self.accept_chosen.clicked.connect(lambda: self._accept(all_rows=False))
        self._update_buttons()
        self.resize(1100, 640)

    def script_source(self) -> tuple[Path | None, str]:
        """(the script file, or None) and the typed brief; the file wins when both are given."""
        name = self.script_file.text().strip()
        return (Path(name).expanduser() if name else None), self.brief.toPlainText()

    def language_code(self) -> str | None:
        """The prompts' language asked for (None: the script's own)."""
        code = self.language.currentData()
        return code if isinstance(code, str) else None

    def show_proposal(self, proposal: Proposal) -> None:
        """Show a proposal to review; it replaces the one shown."""
        self.model = ProposalModel(proposal, self.fps, self.cast, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(PROMPT, 420)
        self.table.resizeRowsToContents()
        self.model.dataChanged.connect(self._update_buttons)
        self.summary.setText(
            self.tr("{0} shots proposed by {1}. Edit any cell; untick the rows to leave out.").format(
                len(proposal.shots), proposal.source or self.llm.text()
            )
        )
        self._update_buttons()

    def _update_buttons(self, *args: object) -> None:
        rows = self.model.chosen_rows() if self.model is not None else []
        self.accept_all.setEnabled(self.model is not None and self.model.rowCount() > 0)
        self.accept_chosen.setEnabled(bool(rows))

    def _accept(self, all_rows: bool) -> None:
        if self.model is None:
            return
        rows = list(range(self.model.rowCount())) if all_rows else self.model.chosen_rows()
        if rows:
            self.acceptRequested.emit(self.model.proposal, rows)
            self.accept()
