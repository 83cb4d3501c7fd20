"""Small widgets and helpers shared by several parts of the window."""
