"""The export dialog and its progress."""
