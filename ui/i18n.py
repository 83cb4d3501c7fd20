"""Marking strings for translation where they are defined, typed (PySide6's stub says `object`)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark text for pyside6-lupdate in context; returns it unchanged, to translate where it is shown."""
    return text
