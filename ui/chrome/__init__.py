"""The window's chrome: toolbar, icons on actions, Help menu, shortcut list and tips."""
