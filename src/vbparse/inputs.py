"""Which files to read, and reading them with one-line reasons instead of tracebacks.

``iter_inputs`` never touches file contents and never raises: a path that is missing or
unreadable is yielded like any other, so that ``read_input`` reports it in its turn and
the files around it are still processed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import BinaryIO

STDIN = "-"
DEFAULT_GLOBS = ("*.txt", "*.md")
# Real documents are kilobytes; a dump of a whole register is megabytes.  Past this a file
# is most likely not a text dump (a disk image, a log), and parsing it would hold several
# times its size in memory; the CLI's --max-size raises the limit.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024


class InputError(Exception):
    """An input cannot be read; ``reason`` is one line for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def iter_inputs(paths: list[str], glob: list[str] | None = None) -> Iterator[str]:
    """Every input file named by ``paths``, in a deterministic order.

    A directory stands for the files below it whose name (or path relative to the
    directory) matches one of the ``glob`` patterns, ``*.txt`` and ``*.md`` by default.
    Matching ignores case, since dumps often come from Windows (``VB01.TXT``).  Hidden
    entries and symbolic links to directories are not followed.  Anything else,
    including ``-`` for standard input, is yielded as given.
    """
    patterns = tuple(pattern.lower() for pattern in glob) if glob else DEFAULT_GLOBS
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path, "", patterns)
        else:
            yield path


def _walk(directory: str, relative: str, patterns: tuple[str, ...]) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        yield directory  # read_input will say why it cannot be listed
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        entry_relative = f"{relative}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, f"{entry_relative}/", patterns)
        elif _is_file_or_link(entry) and _matches(entry.name, entry_relative, patterns):
            yield entry.path


def _is_file_or_link(entry: os.DirEntry[str]) -> bool:
    # Broken links are kept so that they are reported; FIFOs and devices would block.
    return entry.is_file() or entry.is_symlink()


def _matches(name: str, relative: str, patterns: tuple[str, ...]) -> bool:
    name, relative = name.lower(), relative.lower()
    return any(fnmatchcase(name, p) or fnmatchcase(relative, p) for p in patterns)


def read_input(item: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input (``-`` is standard input); ``InputError`` says why not."""
    try:
        if item == STDIN:
            return _read_limited(sys.stdin.buffer, item, max_bytes)
        with open(item, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise InputError(item, _too_large(size, max_bytes))
            return _read_limited(stream, item, max_bytes)
    except OSError as error:
        raise input_error(item, error) from None


def input_error(item: str, error: OSError) -> InputError:
    """The one-line reason an input could not be opened or read."""
    if isinstance(error, FileNotFoundError):
        reason = "broken symbolic link" if os.path.islink(item) else "no such file"
    elif isinstance(error, PermissionError):
        reason = "permission denied"
    elif isinstance(error, IsADirectoryError):
        reason = "is a directory"
    else:
        reason = (error.strerror or str(error)).lower()
    return InputError(item, reason)


def _read_limited(stream: BinaryIO, item: str, max_bytes: int) -> bytes:
    # Read one byte past the limit: sizes from stat lie for pipes and growing files.
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(item, _too_large(None, max_bytes))
    return data


def _too_large(size: int | None, max_bytes: int) -> str:
    if size is None:
        return f"file too large (> {_human_size(max_bytes)} limit)"
    return f"file too large ({_human_size(size)} > {_human_size(max_bytes)} limit)"


def _human_size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n} bytes"
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def display_path(item: str) -> str:
    """``item`` as text JSON can carry: bytes of a file name that are not UTF-8 become U+FFFD.

    Python keeps such bytes as lone surrogates, which cannot be encoded on output.
    """
    return os.fsencode(item).decode("utf-8", errors="replace")
