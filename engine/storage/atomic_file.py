"""Safe writes: a temporary file in the same folder, fsync, then os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


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


@contextlib.contextmanager
def atomic_path(dest: Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside dest; on success it replaces dest, on any error it is removed.

    The temporary name keeps dest's suffix so that writers which pick a format by extension
    (PyAV, PIL) pick the right one.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{dest.stem}.",
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
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_bytes_atomic(dest: Path, data: bytes, backup: bool = False) -> None:
    """Write data to dest atomically; with backup, the previous file is kept as dest + '.bak'."""
    dest = Path(dest)
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data)
        if backup and dest.exists():
            bak = dest.with_name(dest.name + ".bak")
            # A hard link keeps the old content under the backup name without a copy;
            # fall back to copying where links are not allowed.
            with contextlib.suppress(FileNotFoundError):
                bak.unlink()
            try:
                os.link(dest, bak)
            except OSError:
                bak.write_bytes(dest.read_bytes())
