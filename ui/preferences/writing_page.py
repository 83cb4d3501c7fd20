"""WritingPage: the Preferences tab for the language model that writes shots and prompts."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.settings.writing_settings import MAX_TIMEOUT, WritingSettings
from engine.writing.llm_source import DEFAULT_LLM, DEFAULT_VL_LLM, is_url
from ui.preferences.remote_settings_page import token_status


class WritingPage(QWidget):
    """Edits WritingSettings; a hosted URL uses the token of Preferences > Remote (never stored here)."""

    def __init__(self, writing: WritingSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.llm = QLineEdit(writing.llm)
        self.llm.setPlaceholderText(DEFAULT_LLM)
        self.llm.setToolTip(
            self.tr(
                "A Hugging Face repo id or a folder (run here through transformers), or an "
                "OpenAI-compatible chat URL such as https://router.huggingface.co/v1"
            )
        )
        self.llm_model = QLineEdit(writing.llm_model)
        self.llm_model.setPlaceholderText(self.tr("the server's default"))
        self.llm_model.setToolTip(self.tr("The model a chat URL should use, e.g. Qwen/Qwen2.5-72B-Instruct"))
        self.vl_llm = QLineEdit(writing.vl_llm)
        self.vl_llm.setPlaceholderText(DEFAULT_VL_LLM)
        self.vl_llm.setToolTip(self.tr("A vision-language model: it looks at the start image of image shots"))
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(1.0, MAX_TIMEOUT)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(writing.timeout)
        self.timeout.setToolTip(self.tr("The longest a hosted model may take for one answer"))
        self.token_note = QLabel()
        self.token_note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Language model"), self.llm)
        form.addRow(self.tr("Model at the URL"), self.llm_model)
        form.addRow(self.tr("Vision-language model"), self.vl_llm)
        form.addRow(self.tr("Answer within"), self.timeout)
        form.addRow("", self.token_note)
        self.llm.textChanged.connect(self._update_note)
        self._update_note()

    def _update_note(self) -> None:
        hosted = is_url(self.llm.text())
        self.llm_model.setEnabled(hosted)
        self.timeout.setEnabled(hosted)
        if hosted:
            self.token_note.setText(
                self.tr("A chat URL uses the token of the Remote tab. {0}").format(token_status())
            )
        else:
            self.token_note.setText(
                self.tr("Local models are downloaded once into the Hugging Face cache, like Wan.")
            )

    def writing(self) -> WritingSettings:
        """The settings as edited (an empty field keeps the default model)."""
        return WritingSettings(
            llm=self.llm.text().strip() or DEFAULT_LLM,
            llm_model=self.llm_model.text().strip(),
            vl_llm=self.vl_llm.text().strip() or DEFAULT_VL_LLM,
            timeout=float(self.timeout.value()),
        )
