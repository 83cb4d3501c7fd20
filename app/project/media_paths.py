"""The one place that turns a path from a project file into a file inside its media folder.

A .reel is a file people share, so every name in it (shot ids, take paths) is hostile until this
module has checked it: relative, no '..', no drive or backslash, every part a name Windows and
POSIX both allow, short enough for any file system, and no symlink on the way that could lead out.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from engine.errors import StoryreelError

# Shot and take ids name folders and files: letters, digits, '-' and '_' only, and not too long.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
_ID = re.compile(ID_PATTERN)
MAX_PART_BYTES = 255  # NAME_MAX on Linux, macOS and NTFS (in UTF-8 bytes, the strictest reading)
MAX_PATH_CHARS = 1024
# Names Windows reserves for devices in every folder, with or without an extension.
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)(\..*)?$", re.IGNORECASE)
_FORBIDDEN_CHARS = re.compile(r'[<>:"|?*\\\x00-\x1f]')


class UnsafePath(StoryreelError, ValueError):
    """A path from a project would reach outside its media folder, or cannot be a file name."""

    hint = "Projects keep their media inside FILM.media/: open a project whose paths stay there."


def check_id(value: object, what: str = "shot id") -> str:
    """Return value if it is a safe id (it names a folder of takes); UnsafePath says why not."""
    if not isinstance(value, str) or not _ID.match(value):
        raise UnsafePath(
            f"{what} {str(value)[:80]!r} is not allowed: use 1 to 64 letters, digits, '-' or '_', "
            "starting with a letter or digit"
        )
    return value


def check_part(part: str, whole: str) -> None:
    """Refuse one path component that is empty, '.', '..', too long or not portable."""
    if part in ("", ".", ".."):
        raise UnsafePath(f"{whole!r}: '{part}' is not allowed in a media path (it must stay in the project)")
    try:
        size = len(part.encode("utf-8"))
    except UnicodeEncodeError:
        raise UnsafePath(f"{whole!r}: the name holds text that is not valid Unicode") from None
    if size > MAX_PART_BYTES:
        raise UnsafePath(f"{whole[:80]!r}…: a name of {size} bytes is longer than {MAX_PART_BYTES}")
    if _FORBIDDEN_CHARS.search(part):
        raise UnsafePath(f"{whole!r}: the name {part!r} holds a character file systems refuse")
    if part.endswith((" ", ".")):
        raise UnsafePath(f"{whole!r}: the name {part!r} ends with a space or a dot (Windows drops them)")
    if _RESERVED.match(part):
        raise UnsafePath(f"{whole!r}: {part!r} is a device name on Windows")


def check_relative(relative: object) -> list[str]:
    """The parts of a media path (split on '/') if it is relative and portable; UnsafePath otherwise."""
    # Strings, not PurePosixPath: opening a film checks every take's path (thousands).
    if not isinstance(relative, str) or not relative:
        raise UnsafePath(f"{relative!r} is not a media path")
    if len(relative) > MAX_PATH_CHARS:
        raise UnsafePath(f"{relative[:80]!r}…: a media path longer than {MAX_PATH_CHARS} characters")
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        raise UnsafePath(f"{relative!r}: an absolute path is not allowed; media paths are relative")
    parts = relative.split("/")
    for part in parts:
        check_part(part, relative)
    return parts


def contained(media_dir: Path, relative: str) -> Path:
    """media_dir / relative, checked: inside the folder, and no symlink on the way out.

    Parts that do not exist yet are fine (a take about to be written); the existing ones are
    looked at without following links, so a symlink planted in the media folder cannot lead out.
    """
    parts = check_relative(relative)
    # Plain strings, not pathlib: a film's preview or export asks this once per take (thousands).
    current = os.fspath(media_dir)
    # The media folder itself comes with a shared project, so it is looked at like the parts below it.
    for part in (None, *parts):
        if part is not None:
            current = os.path.join(current, part)
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            break  # nothing further exists: nothing further can be a link
        except OSError as exc:
            raise UnsafePath(f"{relative!r}: cannot be looked at ({exc.strerror or exc})") from None
        if stat.S_ISLNK(mode):
            name = os.path.basename(current)
            raise UnsafePath(f"{relative!r}: {name} is a symbolic link; links are not followed")
    return Path(os.path.join(os.fspath(media_dir), *parts))
