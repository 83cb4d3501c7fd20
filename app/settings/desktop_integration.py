"""`storyreel install-desktop`: register the menu entry, icon and .reel file type for this user (XDG)."""

from __future__ import annotations

import configparser
import io
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from app.paths.resources import RESOURCES, resource_path
from engine.errors import StoryreelError
from engine.storage.atomic_file import write_bytes_atomic

MIME_TYPE = "application/x-storyreel"
DESKTOP_ID = "storyreel.desktop"


class DesktopIntegrationError(StoryreelError):
    """Installing the desktop entry failed; the message says what and where."""

    hint = "Check that your data folder (XDG_DATA_HOME) is writable."


def xdg_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def xdg_config_home() -> Path:
    """$XDG_CONFIG_HOME, or ~/.config."""
    value = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".config"


class _KeyFileParser(configparser.ConfigParser):
    """configparser for the freedesktop key file format, whose keys are case-sensitive."""

    def optionxform(self, optionstr: str) -> str:
        """Keep the key as written (configparser lowercases by default)."""
        return optionstr


def set_default_application(config_home: Path | None = None) -> Path:
    """Make Storyreel the default for .reel files in mimeapps.list (what `xdg-mime default` writes)."""
    path = (config_home or xdg_config_home()) / "mimeapps.list"
    parser = _KeyFileParser(interpolation=None, strict=False, delimiters=("=",))
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as exc:
        raise DesktopIntegrationError(f"{path} cannot be read ({exc}); fix or remove it") from None
    for section in ("Default Applications", "Added Associations"):
        if not parser.has_section(section):
            parser.add_section(section)
    parser["Default Applications"][MIME_TYPE] = DESKTOP_ID
    added = [x for x in parser["Added Associations"].get(MIME_TYPE, "").split(";") if x and x != DESKTOP_ID]
    parser["Added Associations"][MIME_TYPE] = ";".join([DESKTOP_ID, *added]) + ";"
    buffer = io.StringIO()
    parser.write(buffer, space_around_delimiters=False)
    write_bytes_atomic(path, buffer.getvalue().encode("utf-8"))
    return path


def launch_command() -> str:
    """The Exec= command: the installed `storyreel` script, else this Python running main.py."""
    script = shutil.which("storyreel")
    if script:
        return shlex.quote(script)
    main = RESOURCES.parent / "main.py"
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(main))}"


def desktop_entry() -> str:
    """The .desktop file's text with Exec pointing at this installation."""
    lines = []
    for line in resource_path("storyreel.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={launch_command()} %f"
        elif line.startswith("TryExec="):
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _run(tool: str, *args: str) -> str | None:
    """Run a desktop database tool if it is installed; returns a note on failure, None otherwise."""
    exe = shutil.which(tool)
    if exe is None:
        return f"{tool} not found (skipped)"
    try:
        subprocess.run([exe, *args], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{tool} failed: {exc}"
    return None


def install(data_home: Path | None = None, config_home: Path | None = None) -> str:
    """Copy the .desktop file, icons and MIME type into the user's XDG folders; returns a report."""
    data = data_home or xdg_data_home()
    targets = {
        data / "applications" / DESKTOP_ID: desktop_entry().encode("utf-8"),
        data / "mime" / "packages" / "storyreel.xml": resource_path("storyreel-mime.xml").read_bytes(),
        data / "icons/hicolor/scalable/apps/storyreel.svg": resource_path("icons/storyreel.svg").read_bytes(),
        data / "icons/hicolor/256x256/apps/storyreel.png": resource_path(
            "icons/storyreel-256.png"
        ).read_bytes(),
        data / "icons/hicolor/48x48/apps/storyreel.png": resource_path("icons/storyreel-48.png").read_bytes(),
        data / "icons/hicolor/scalable/mimetypes/application-x-storyreel.svg": resource_path(
            "icons/application-x-storyreel.svg"
        ).read_bytes(),
    }
    try:
        for path, content in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        mimeapps = set_default_application(config_home)
    except OSError as exc:
        raise DesktopIntegrationError(f"cannot write the desktop files under {data}: {exc}") from None
    notes = [
        _run("update-mime-database", str(data / "mime")),
        _run("update-desktop-database", str(data / "applications")),
        _run("gtk-update-icon-cache", "--ignore-theme-index", str(data / "icons" / "hicolor")),
    ]
    report = [f"Installed Storyreel for this user under {data}:"]
    report += [f"  {path}" for path in targets]
    report.append(f"  .reel files open with Storyreel ({mimeapps})")
    report.append(f"  launches: {launch_command()}")
    report += [f"  note: {n}" for n in notes if n]
    return "\n".join(report)
