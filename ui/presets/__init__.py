"""The presets dock, the preset editor and preset undo commands."""
