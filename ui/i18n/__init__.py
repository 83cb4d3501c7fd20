"""The window's language: translation marks and translators."""
