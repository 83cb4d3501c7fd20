"""Undo commands over the project API and the project session they edit, shared by every editing widget."""
