"""Directing takes from the window: repaint a painted region, extend a take, a shot's control clip."""
