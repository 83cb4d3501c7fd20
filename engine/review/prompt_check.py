"""The safety check before generation: the person's word list against the prompt as it will be sent."""

from __future__ import annotations

import re

from engine.errors import StoryreelError


class PromptRefused(StoryreelError):
    """A prompt names a blocked word; nothing was generated."""

    hint = "Change the prompt, or edit the word list in Preferences > Review."


def blocked_words_in(prompt: str, words: tuple[str, ...] | list[str]) -> list[str]:
    """The list's words the prompt contains, without case: whole words for Latin text, any match for CJK."""
    found = []
    for word in (w.strip() for w in words):
        if not word:
            continue
        # \b needs word characters on both sides; Chinese has no spaces between words, so match it anywhere.
        pattern = rf"(?<!\w){re.escape(word)}(?!\w)" if word.isascii() else re.escape(word)
        if re.search(pattern, prompt, flags=re.IGNORECASE):
            found.append(word)
    return found


def check_prompt(prompt: str, words: tuple[str, ...] | list[str], where: str) -> None:
    """Raise PromptRefused naming `where` (a shot) and the words, before any generation."""
    found = blocked_words_in(prompt, words)
    if found:
        raise PromptRefused(
            f"{where}: the prompt contains blocked words ({', '.join(found)}); nothing was generated."
        )
