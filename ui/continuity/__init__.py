"""Shots that belong together: start images from files, from take frames, and from the previous shot."""
