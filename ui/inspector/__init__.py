"""The inspector: every field of the selected shot, and its takes."""
