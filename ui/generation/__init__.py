"""Generating from the window: actions, the queue dock and its model, the worker bridge."""
