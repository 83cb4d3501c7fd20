"""The headless command line: one module per command, exit codes and terminal output."""
