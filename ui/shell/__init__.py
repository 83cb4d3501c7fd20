"""The main window: starting the app, building the window from its parts, its layout and error reports."""
