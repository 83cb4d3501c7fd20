"""Looks applied at preview and export: colour grades from .cube LUTs, logo watermarks."""
