"""``--format csv``: one row per record, for spreadsheets and data-frame tools.

Scalar fields are columns of their own (``flat.SCALAR_COLUMNS``).  List fields are JSON
arrays in one cell each, without spans (a span is an offset into the source text, of
no use in a table; the JSON and SQLite outputs keep them), followed by their lengths so
that a spreadsheet can sort and filter on them.  The file is UTF-8 without a BOM, with a
header row, CRLF line ends and RFC 4180 quoting, all from the stdlib ``csv`` module.
``docs/export.md`` documents every column.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from vbparse.emit.flat import SCALAR_COLUMNS, Scalar, scalar_row
from vbparse.models import Record

LIST_COLUMNS = ("recipients", "distribution", "footnotes", "citations", "warnings", "cited_by")
COUNT_COLUMNS = (
    "recipient_count",
    "distribution_count",
    "footnote_count",
    "citation_count",
    "warning_count",
)
CSV_COLUMNS = SCALAR_COLUMNS + LIST_COLUMNS + COUNT_COLUMNS


def write_csv(records: Iterable[Record], out: TextIO) -> int:
    """Write the header, then one row per record as it arrives; return the row count."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)  # lineterminator is CRLF
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count


def csv_row(record: Record) -> dict[str, Scalar]:
    """One record as a row: ``CSV_COLUMNS`` to cell values (``None`` prints as empty)."""
    lists: dict[str, list[Any]] = {
        "recipients": [item.text for item in record.recipients],
        "distribution": [item.text for item in record.distribution],
        "footnotes": [{"mark": note.mark, "text": note.text} for note in record.footnotes],
        "citations": [
            citation.model_dump(mode="json", exclude={"span"}) for citation in record.citations
        ],
        "warnings": [
            {"code": warning.code, "message": warning.message} for warning in record.warnings
        ],
        "cited_by": list(record.cited_by),
    }
    counts = {
        "recipient_count": len(record.recipients),
        "distribution_count": len(record.distribution),
        "footnote_count": len(record.footnotes),
        "citation_count": len(record.citations),
        "warning_count": len(record.warnings),
    }
    return scalar_row(record) | {name: _json_cell(value) for name, value in lists.items()} | counts


def _json_cell(value: list[Any]) -> str:
    """Compact JSON that keeps Vietnamese readable (no ``\\u`` escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
