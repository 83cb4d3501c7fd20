"""Safe writes: a temporary file in the same folder, fsync, then os.replace."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once at import: os.umask() can only be read by setting it, which would race with threads.
_UMASK = _read_umask()


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entry table so a rename survives a power cut (no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_prefix(dest: Path) -> str:
    """How the temporary names of a write to dest begin: '.' + its stem + '.' + this process's id + '-'.

    The id tells a later cleanup whose file it is (engine/storage/stale_temp.py).
    """
    return f".{Path(dest).stem}.{os.getpid()}-"


def _publish(tmp: Path, dest: Path, replace: bool) -> None:
    """Move a finished temporary file to dest; without replace, FileExistsError if dest exists."""
    if replace:
        os.replace(tmp, dest)
        return
    try:
        # link() refuses an existing name atomically, where exists()-then-rename would race.
        os.link(tmp, dest)
    except FileExistsError:
        raise FileExistsError(
            errno.EEXIST, "refusing to replace a file Storyreel did not write", str(dest)
        ) from None
    except OSError:  # no hard links on this file system
        if os.path.lexists(dest):
            raise FileExistsError(
                errno.EEXIST, "refusing to replace a file Storyreel did not write", str(dest)
            ) from None
        os.replace(tmp, dest)
        return
    tmp.unlink()


@contextlib.contextmanager
def atomic_path(dest: Path, suffix: str | None = None, replace: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside dest; on success it replaces dest, on any error it is removed.

    The temporary name keeps dest's suffix so that writers which pick a format by extension
    (PyAV, PIL) pick the right one. With replace=False an existing dest is never replaced
    (FileExistsError), however it got there.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=temp_prefix(dest),
        suffix=suffix if suffix is not None else dest.suffix,
        dir=dest.parent,
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, or keep
        # the mode of the file it replaces.
        try:
            mode = dest.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        os.chmod(tmp, mode)
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _publish(tmp, dest, replace)
        fsync_dir(dest.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# Opened without following a link: a name in a shared folder may have been planted as one.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CHUNK = 1 << 20


def open_unlinked(path: Path, create: bool = False) -> BinaryIO:
    """Open path for writing, refusing a symbolic link there (OSError); with create, only a new file."""
    flags = os.O_WRONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    flags |= os.O_CREAT | os.O_EXCL if create else os.O_TRUNC
    return os.fdopen(os.open(path, flags, 0o666), "wb")  # a new file's mode follows the umask


def keep_backup(dest: Path) -> None:
    """Keep dest's current content as dest + '.bak', so that some backup exists at every instant.

    The new backup is made under a temporary name and moved over the old one with os.replace: a
    crash at any point leaves the old backup or the new one, never none.
    """
    bak = dest.with_name(dest.name + ".bak")
    tmp = dest.with_name(f"{temp_prefix(bak)}{secrets.token_hex(4)}.tmp")
    try:
        # A hard link keeps the old content under the backup name without a copy; fall back to
        # copying where links are not allowed.
        try:
            os.link(dest, tmp)
        except FileNotFoundError:
            return
        except OSError:
            with open_unlinked(tmp, create=True) as out:
                out.write(dest.read_bytes())
        os.replace(tmp, bak)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_bytes_atomic(dest: Path, data: bytes, backup: bool = False, replace: bool = True) -> None:
    """Write data to dest atomically; with backup, the previous file is kept as dest + '.bak'.

    With replace=False an existing dest is refused (FileExistsError) rather than replaced.
    """
    dest = Path(dest)
    with atomic_path(dest, replace=replace) as tmp:
        with open_unlinked(tmp) as out:
            out.write(data)
        if backup and dest.exists():
            keep_backup(dest)


def copy_file_atomic(source: Path, dest: Path) -> None:
    """Copy source to dest through an unpredictable temporary name, never writing through a link."""
    with atomic_path(Path(dest)) as tmp, open(source, "rb") as src, open_unlinked(tmp) as out:
        shutil.copyfileobj(src, out, CHUNK)
