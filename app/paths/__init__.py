"""Where things live on disk: the per-user folders and the bundled resources (the bottom of app/)."""
