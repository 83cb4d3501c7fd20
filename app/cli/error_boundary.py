"""The one place where a command's errors become a line for a person and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import logging
from collections.abc import Iterator
from functools import cache

from app.cli.command import Command
from app.cli.exit_codes import ExitCode
from app.cli.output import fail
from engine.errors import StoryreelError


class UsageError(StoryreelError, ValueError):
    """Bad flags or input: the message says what to fix (exit 2)."""

    # The message names what to fix; the hint says where the valid flags and values are listed.
    hint = "The command's --help lists its flags and the values each one takes."


class CommandFailed(StoryreelError):
    """The work could not be done, in words a person can act on (exit 1)."""

    # The boundary logs a CommandFailed with its traceback, so the hint points there.
    hint = "Fix what the message names and run the command again; the details are in storyreel.log."


@cache
def exit_codes() -> tuple[tuple[type[BaseException], ExitCode], ...]:
    """Storyreel's errors and their exit codes, the most specific first; any other is bad input."""
    # Imported on the first failure only: a command that succeeds never loads the others' errors.
    from app.farm.cluster import FarmError, FarmUnavailable
    from app.generation.batch_generation import RenderFailed
    from app.project.film_lock import FilmLocked
    from app.project.reel_file import ProjectWriteError
    from app.remote.endpoint_errors import EndpointAdminError, EndpointInputError
    from app.settings.desktop_integration import DesktopIntegrationError
    from engine.film.exporter import ExportError
    from engine.progress import Cancelled
    from engine.writing.chat_json import WritingError

    return (
        (KeyboardInterrupt, ExitCode.INTERRUPTED),
        (Cancelled, ExitCode.INTERRUPTED),
        (UsageError, ExitCode.BAD_INPUT),
        (CommandFailed, ExitCode.FAILED),
        (FarmUnavailable, ExitCode.BAD_INPUT),  # Ray is missing: the message says how to install it
        (FarmError, ExitCode.FAILED),
        (EndpointInputError, ExitCode.BAD_INPUT),
        (EndpointAdminError, ExitCode.FAILED),
        (RenderFailed, ExitCode.FAILED),
        (FilmLocked, ExitCode.BUSY),  # another Storyreel has the film: the message names it
        (ProjectWriteError, ExitCode.FAILED),  # a full disk, or a film changed underneath: not bad input
        (ExportError, ExitCode.FAILED),
        (WritingError, ExitCode.FAILED),  # the language model failed; the script was fine
        (DesktopIntegrationError, ExitCode.FAILED),
        (StoryreelError, ExitCode.BAD_INPUT),  # an unreadable project, a missing model, a bad preset...
    )


def exit_code_for(exc: BaseException) -> ExitCode | None:
    """The exit code for an error a command may raise; None for a bug (not Storyreel's own error)."""
    return next((code for kind, code in exit_codes() if isinstance(exc, kind)), None)


def run_command(command: Command, args: argparse.Namespace) -> int:
    """Run one command; its errors become one message (with the error's hint) and an exit code."""
    try:
        return command.run(args)
    except (KeyboardInterrupt, Exception) as exc:
        code = exit_code_for(exc)
        if code is None:
            raise  # a bug: main.py logs its traceback and prints one line
        if code == ExitCode.INTERRUPTED:
            return code
        # A refused flag says all there is; for any other failure the log gets where it came from.
        if not isinstance(exc, UsageError) or exc.__cause__ is not None:
            level = logging.WARNING if code == ExitCode.BAD_INPUT else logging.ERROR
            logging.getLogger(command.run.__module__).log(
                level, "%s failed: %s", command.name, exc, exc_info=True
            )
        return fail(exc, code)


@contextlib.contextmanager
def flags_checked() -> Iterator[None]:
    """Inside, a plain ValueError (a value a parser refused) is bad input; Storyreel's errors pass."""
    try:
        yield
    except StoryreelError:
        raise
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
