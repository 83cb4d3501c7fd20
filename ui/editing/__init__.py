"""Undo commands over the project API, shared by every editing widget."""
