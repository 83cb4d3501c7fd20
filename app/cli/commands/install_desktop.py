"""`main.py install-desktop`: register the app, its icon and the .reel file type for this user."""

from __future__ import annotations

import argparse

from app.cli.command import Command
from app.cli.error_boundary import CommandFailed
from app.cli.exit_codes import ExitCode


def add_arguments(p: argparse.ArgumentParser) -> None:
    """No arguments."""


def run(args: argparse.Namespace) -> int:
    """Register the desktop entry and MIME type."""
    from app.settings.desktop_integration import install

    try:
        print(install())
    except Exception as exc:  # a missing XDG tool or unwritable folder: say what happened
        raise CommandFailed(f"could not install the desktop entry: {exc}") from exc
    return ExitCode.OK


COMMAND = Command(
    "install-desktop", "register the app, icon and .reel file type for this user", add_arguments, run
)
