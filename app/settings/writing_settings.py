"""Preferences > Writing: the language model for scripts and prompts, and the VL model for image shots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.settings.user_settings import UserSettings
from engine.writing.chat_json import JsonChat
from engine.writing.hosted_chat import DEFAULT_TIMEOUT
from engine.writing.llm_source import DEFAULT_LLM, DEFAULT_VL_LLM, open_chat

SETTINGS_KEY = "writing"
MAX_TIMEOUT = 3600.0


@dataclass
class WritingSettings:
    """Which models write; stored in the user settings under "writing" (the token stays in the keyring)."""

    llm: str = DEFAULT_LLM  # a Hub repo id, a folder, or an OpenAI-compatible chat URL
    llm_model: str = ""  # the model name a hosted URL serves ("" lets the server choose)
    vl_llm: str = DEFAULT_VL_LLM  # looks at the start image of image shots
    timeout: float = DEFAULT_TIMEOUT  # seconds for one hosted answer

    def chat(self) -> JsonChat:
        """The language model these settings name (nothing is loaded or called yet)."""
        return open_chat(self.llm, self.llm_model or None, self.timeout)

    def vision_chat(self) -> JsonChat:
        """The vision-language model for shots with a start image."""
        return open_chat(self.vl_llm, self.llm_model or None, self.timeout)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, doc: object) -> WritingSettings:
        """Settings from JSON; a value of the wrong kind keeps its default (never an error at start-up)."""
        settings = cls()
        if not isinstance(doc, dict):
            return settings
        for name in ("llm", "llm_model", "vl_llm"):
            value = doc.get(name)
            if isinstance(value, str) and (value.strip() or name == "llm_model"):
                setattr(settings, name, value.strip())
        timeout = doc.get("timeout")
        if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and 0 < timeout <= MAX_TIMEOUT:
            settings.timeout = float(timeout)
        return settings


def load_writing_settings(settings: UserSettings) -> WritingSettings:
    """The writing settings held in the user settings (defaults when absent)."""
    return WritingSettings.from_dict(settings.extra.get(SETTINGS_KEY))


def store_writing_settings(settings: UserSettings, writing: WritingSettings) -> None:
    """Put writing settings into the user settings (saved with them)."""
    settings.extra[SETTINGS_KEY] = writing.to_dict()
