"""The CLI registry: one list of commands, one error boundary, and an unknown command that never opens Qt."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import app.cli.commands
from app.cli.command import Command
from app.cli.error_boundary import CommandFailed, UsageError, exit_code_for, run_command
from app.cli.exit_codes import ExitCode
from app.cli.main import build_parser
from app.cli.registry import command_names, registry
from engine.errors import StoryreelError
from engine.film.exporter import ExportError
from engine.progress import Cancelled

ROOT = Path(__file__).resolve().parents[3]

# In a fresh interpreter: which modules a run pulls in is only visible from an empty start.
RUN_MAIN = """
import json, sys
import main
code = main.main(sys.argv[1:])
print(json.dumps({"code": int(code), "qt": sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "ui"))}))
"""


def _main(home: Path, *argv: str) -> tuple[dict, str]:
    env = {**os.environ, "STORYREEL_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    env.pop("QT_QPA_PLATFORM", None)  # as on a server: a window would abort without a display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-c", RUN_MAIN, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), done.stderr


def test_an_unknown_command_suggests_the_close_one_and_never_loads_qt(tmp_path):
    result, err = _main(tmp_path, "rendr", "film.reel")
    assert result == {"code": ExitCode.BAD_INPUT, "qt": []}
    assert err.strip() == "storyreel: error: unknown command 'rendr' — did you mean 'render'?"
    result, err = _main(tmp_path, "zzz")
    assert result == {"code": ExitCode.BAD_INPUT, "qt": []}
    assert "unknown command 'zzz'; the commands are new, info, render" in err


def test_the_window_opens_only_for_nothing_or_one_project_file(tmp_path):
    import main

    assert main.opens_window([]) and main.opens_window(["film.reel"]) and main.opens_window(["A.REEL"])
    for argv in (["film.reel", "more.reel"], ["film.mp4"], ["info"], ["--help"], ["-x.reel"]):
        assert not main.opens_window(argv), argv
    result, err = _main(tmp_path, "a.reel", "b.reel")  # two files: not a window, a clear error
    assert result == {"code": ExitCode.BAD_INPUT, "qt": []}
    assert "unknown command 'a.reel'" in err


def test_the_parser_and_the_command_list_come_from_the_registry():
    names = command_names()
    assert len(names) == len(set(names)) == 23 and names[:3] == ("new", "info", "render")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert list(sub.choices) == list(names)
    modules = {m.name for m in pkgutil.iter_modules(app.cli.commands.__path__)}
    registered = {c.run.__module__.rsplit(".", 1)[1] for c in registry()}
    assert registered == modules  # every command module is registered, once


def test_no_command_turns_its_own_errors_into_exit_codes():
    # The error boundary is the one place; a command raises and says nothing of exit statuses.
    for path in (ROOT / "app" / "cli" / "commands").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "fail(" not in text and "ExitCode.BAD_INPUT" not in text, path


def _command(error: BaseException) -> Command:
    def run(args: object) -> int:
        raise error

    return Command("probe", "raises", lambda p: None, run)


@pytest.mark.parametrize(
    ("error", "code", "hint"),
    [
        (UsageError("--poll 0 must be 0.05 to 3600 seconds"), ExitCode.BAD_INPUT, True),
        (CommandFailed("could not listen on 0.0.0.0:1"), ExitCode.FAILED, True),
        (ExportError("the disk is full", hint="Free some space."), ExitCode.FAILED, True),
        (StoryreelError("the project cannot be read"), ExitCode.BAD_INPUT, True),
    ],
)
def test_the_boundary_maps_each_error_to_its_code_and_one_message(capsys, caplog, error, code, hint):
    import argparse

    assert run_command(_command(error), argparse.Namespace()) == code
    err = capsys.readouterr().err
    assert err.startswith(f"storyreel: error: {error}\n") and "Traceback" not in err
    assert ("storyreel: hint: " in err) == hint
    logged = [r for r in caplog.records if r.name == __name__]  # the command's own module logs it
    assert bool(logged and logged[0].exc_info) == (not isinstance(error, UsageError))


def test_a_value_error_behind_a_flag_keeps_its_traceback_in_the_log(caplog):
    import argparse

    from app.cli.error_boundary import flags_checked

    def run(args: object) -> int:
        with flags_checked():
            int("many")
        return 0

    command = Command("probe", "parses", lambda p: None, run)
    assert run_command(command, argparse.Namespace()) == ExitCode.BAD_INPUT
    assert [r.exc_info is not None for r in caplog.records if r.name == __name__] == [True]


def test_ctrl_c_is_130_and_a_bug_is_not_swallowed():
    import argparse

    assert run_command(_command(KeyboardInterrupt()), argparse.Namespace()) == ExitCode.INTERRUPTED
    assert run_command(_command(Cancelled()), argparse.Namespace()) == ExitCode.INTERRUPTED
    with pytest.raises(RuntimeError):  # main.py logs it and prints one line
        run_command(_command(RuntimeError("a bug")), argparse.Namespace())
    assert exit_code_for(ValueError("not ours")) is None


def test_the_farm_and_remote_errors_keep_their_codes():
    from app.farm.cluster import FarmError, FarmUnavailable
    from app.remote.endpoint_errors import EndpointAdminError, EndpointInputError

    assert exit_code_for(FarmUnavailable("pip install")) == ExitCode.BAD_INPUT
    assert exit_code_for(FarmError("no replicas")) == ExitCode.FAILED
    assert exit_code_for(EndpointInputError("bad name")) == ExitCode.BAD_INPUT
    assert exit_code_for(EndpointAdminError("the Hub said no")) == ExitCode.FAILED
