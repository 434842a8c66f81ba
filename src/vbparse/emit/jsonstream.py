"""Records as JSON Lines or as one JSON array, each record written as soon as it arrives.

``model_dump_json`` keeps Vietnamese as UTF-8, so the stream written to must be UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from vbparse.models import Record


def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    """One record per line; return how many were written."""
    count = 0
    for record in records:
        out.write(record.model_dump_json())
        out.write("\n")
        count += 1
    return count


def write_json_array(records: Iterable[Record], out: TextIO) -> int:
    """One array, still one record per line inside it, valid JSON even when empty."""
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(record.model_dump_json())
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
