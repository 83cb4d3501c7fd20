"""The project's life in the window: new, open, save, autosave, recovery."""
