"""Thin Qt widgets over the app/ model."""
