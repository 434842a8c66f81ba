"""All-or-nothing output files: written under a temporary name, renamed when complete."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces ``path`` only if the block succeeds.

    The block writes the temporary file by name (SQLite needs a file it can seek in and
    open itself).  It lives in the same directory because ``os.replace`` is atomic only
    within one file system; it is synced to disk before the rename.  On any exception,
    Ctrl-C included, it is removed and ``path`` is untouched.
    """
    if path.is_dir():  # fail now, not at the final rename after all the work
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        _sync(temporary)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces ``path`` only if the block succeeds.

    Line ends are written as given (``newline="\\n"`` translates nothing), so the CSV
    writers' CRLF reaches the file unchanged.
    """
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as out:
        yield out


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """The mode a plain ``open(path, "w")`` would give (mkstemp makes files private)."""
    with suppress(FileNotFoundError):
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
