"""The bundled system prompts (resources/writing/) and the language a text is written in."""

from __future__ import annotations

from functools import cache

from app.paths.resources import resource_path

LANGUAGES = ("en", "zh")
KINDS = ("script_to_shots", "enhance_t2v", "enhance_i2v")
LANGUAGE_NAMES = {"en": "English", "zh": "Simplified Chinese"}


def detect_language(text: str) -> str:
    """ "zh" when a text's letters are mostly Chinese characters, else "en"."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    han = sum(1 for c in letters if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    # A Chinese script with English names in it still reads as Chinese: a third is plenty.
    return "zh" if han * 3 >= len(letters) else "en"


def check_language(language: str | None) -> str | None:
    """The language as given (None: follow the text); ValueError for one without prompts."""
    if language is None or language in LANGUAGES:
        return language
    raise ValueError(f"no writing prompts in {language!r}: choose {' or '.join(LANGUAGES)}")


@cache
def system_prompt(kind: str, language: str) -> str:
    """The system prompt of a kind, in a language (prompts are asked for in that language)."""
    if kind not in KINDS:
        raise ValueError(f"unknown writing prompt {kind!r}")
    return resource_path("writing", f"{kind}.{check_language(language) or 'en'}.txt").read_text(
        encoding="utf-8"
    )
