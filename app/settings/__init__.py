"""Per-user settings: the model, remote backends, recent files, desktop integration and the manual."""
