"""Preferences and project settings dialogs, and their pages."""
