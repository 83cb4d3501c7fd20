"""Per-user settings and folders: model, remote backends, recent files, bundled resources."""
