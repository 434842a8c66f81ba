"""Writers: records out as JSON Lines, JSON, CSV, a register CSV or an SQLite database.

Records are written as they arrive and dropped: a corpus never has to fit in memory.
The text formats write to any UTF-8 stream (``write_records``); SQLite needs a file it
can seek in (``write_database``).  Every output file is written all-or-nothing
(``atomic_output``, ``atomic_path``).  ``docs/export.md`` describes each format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, TextIO

from vbparse.emit.atomic import atomic_output, atomic_path
from vbparse.emit.jsonstream import write_json_array, write_jsonl
from vbparse.emit.register import write_register
from vbparse.emit.sqlite import write_database
from vbparse.emit.table import write_csv
from vbparse.models import Record

TextFormat = Literal["jsonl", "json", "csv", "register"]
Format = Literal["jsonl", "json", "csv", "register", "sqlite"]

_TEXT_WRITERS: dict[TextFormat, Callable[[Iterable[Record], TextIO], int]] = {
    "jsonl": write_jsonl,
    "json": write_json_array,
    "csv": write_csv,
    "register": write_register,
}

__all__ = [
    "Format",
    "TextFormat",
    "atomic_output",
    "atomic_path",
    "write_database",
    "write_records",
]


def write_records(records: Iterable[Record], out: TextIO, fmt: TextFormat) -> int:
    """Write ``records`` to ``out`` in a text format; return how many were written."""
    return _TEXT_WRITERS[fmt](records, out)
