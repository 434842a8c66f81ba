"""Writers: records out as JSON Lines or one JSON array, and all-or-nothing output files.

Records are written as they arrive and dropped: a corpus never has to fit in memory.
``model_dump_json`` keeps Vietnamese as UTF-8, so the stream written to must be UTF-8.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Literal, TextIO

from vbparse.models import Record

Format = Literal["jsonl", "json"]


def write_records(records: Iterable[Record], out: TextIO, fmt: Format) -> int:
    """Write ``records`` to ``out`` one by one; return how many were written.

    ``jsonl``: one record per line.  ``json``: one array, still one record per line
    inside it, so that the output is valid JSON even when there are no records.
    """
    count = 0
    if fmt == "json":
        out.write("[")
    for record in records:
        if fmt == "json":
            out.write(",\n" if count else "\n")
        out.write(record.model_dump_json())
        if fmt == "jsonl":
            out.write("\n")
        count += 1
    if fmt == "json":
        out.write("\n]\n" if count else "]\n")
    return count


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces ``path`` only if the block succeeds.

    It writes to a temporary file in the same directory (``os.replace`` is atomic only
    within one file system), syncs it to disk, then renames it over ``path``.  On any
    exception, Ctrl-C included, the temporary file is removed and ``path`` is untouched.
    """
    if path.is_dir():  # fail now, not at the final rename after all the work
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    """The mode a plain ``open(path, "w")`` would give (mkstemp makes files private)."""
    with suppress(FileNotFoundError):
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
