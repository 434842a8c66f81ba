"""``--format sqlite``: the records as an SQLite database, for SQL and full-text search.

One ``documents`` row per record (the ``flat.SCALAR_COLUMNS``, the parts of the number
and the whole record as JSON), a table per list field keyed by ``(document_id,
position)``, indexes on what is looked up, and ``documents_fts``: an FTS5 index of the
subject, issuer and type, each beside an accent-folded copy.  FTS5's ``unicode61
remove_diacritics 2`` folds tones but keeps ``đ`` (``định`` → ``đinh``), so ``nghi dinh``
would not match ``Nghị định``; the folded copies (``vbparse.fold``: ``đ`` → ``d``) make it
match, while a query typed with diacritics still matches the printed columns.
``docs/export.md`` documents the tables and example queries.

Rows go in batches through ``executemany`` as records arrive, so memory stays flat.  The
database is built under a temporary name and renamed when complete; a failure leaves
nothing.  SQLite's own journal is off for the build: the temporary file is thrown away
on any failure, so there is nothing to roll back to, and no ``-journal`` file is left.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

from vbparse import __version__
from vbparse.emit.atomic import atomic_path
from vbparse.emit.flat import SCALAR_COLUMNS, Scalar, scalar_row
from vbparse.fold import fold
from vbparse.models import SCHEMA_VERSION, Record, Span

# The layout of this database; bump it whenever a table or column changes.
DATABASE_SCHEMA_VERSION = "1"
BATCH_SIZE = 1000  # records per executemany round

_NUMBER_COLUMNS = (
    "number_raw",
    "number_serial",
    "number_year",
    "number_type_code",
    "number_issuer_code",
    "number_unit_code",
    "number_grammar",
)
DOCUMENT_COLUMNS = (*SCALAR_COLUMNS, "sha256", "encoding_confidence", *_NUMBER_COLUMNS, "record")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    index_in_file INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    system TEXT,
    issuer TEXT,
    issuer_parent TEXT,
    number TEXT,
    doc_type TEXT,
    place TEXT,
    date TEXT,
    subject TEXT,
    secrecy TEXT,
    urgency TEXT,
    circulation TEXT,
    signer TEXT,
    signer_title TEXT,
    chain TEXT,
    work_id TEXT,
    duplicate_of TEXT REFERENCES documents(id),
    sha256 TEXT NOT NULL,
    encoding_confidence REAL NOT NULL,
    number_raw TEXT,
    number_serial TEXT,
    number_year INTEGER,
    number_type_code TEXT,
    number_issuer_code TEXT,
    number_unit_code TEXT,
    number_grammar TEXT,
    record TEXT NOT NULL
);
CREATE TABLE citations (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    number TEXT,
    doc_type TEXT,
    date TEXT,
    issuer TEXT,
    title TEXT,
    text TEXT NOT NULL,
    relation TEXT NOT NULL,
    target TEXT REFERENCES documents(id),
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE recipients (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE distribution (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE footnotes (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    mark TEXT NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE warnings (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    PRIMARY KEY (document_id, position)
);
"""

# Built once every row is in: faster than keeping them up to date row by row.
_INDEXES = """
CREATE INDEX documents_number ON documents(number);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_doc_type ON documents(doc_type);
CREATE INDEX documents_issuer ON documents(issuer);
CREATE INDEX documents_work_id ON documents(work_id);
CREATE INDEX citations_number ON citations(number);
CREATE INDEX citations_target ON citations(target);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    document_id UNINDEXED,
    subject, issuer, doc_type,
    subject_folded, issuer_folded, doc_type_folded,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts
    SELECT id, subject, issuer, doc_type, fold(subject), fold(issuer), fold(doc_type)
    FROM documents;
"""

# Byte-identical inputs give records with the same id (ids come from the file's hash):
# the first one written is kept, the copies add nothing.
_INSERTS = {
    "documents": (
        f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
        f"VALUES ({', '.join(':' + name for name in DOCUMENT_COLUMNS)}) ON CONFLICT DO NOTHING"
    ),
    "citations": "INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT DO NOTHING",
    "recipients": "INSERT INTO recipients VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    "distribution": "INSERT INTO distribution VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    "footnotes": "INSERT INTO footnotes VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    "warnings": "INSERT INTO warnings VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
}

Row = tuple[Scalar, ...]


def write_database(records: Iterable[Record], path: Path) -> int:
    """Build the database of ``records`` at ``path``, atomically; return the record count.

    Raises ``OSError`` when the file cannot be written, SQLite's own failures to write
    (disk full, I/O error) included, so that a caller has one error to report.
    """
    with atomic_path(path) as temporary:
        try:
            return _build(records, temporary)
        except sqlite3.OperationalError as error:
            raise OSError(errno.EIO, str(error)) from error


def _build(records: Iterable[Record], path: Path) -> int:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.create_function("fold", 1, _fold_or_null, deterministic=True)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")  # atomic_path syncs the finished file
        db.executescript(_SCHEMA)
        _write_meta(db)
        count = 0
        db.execute("BEGIN")  # one transaction for the rows: a commit per row is slow
        for batch in _batches(records, BATCH_SIZE):
            _insert(db, batch)
            count += len(batch)
        db.execute("COMMIT")
        db.executescript(_INDEXES)
    return count


def _write_meta(db: sqlite3.Connection) -> None:
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("schema_version", DATABASE_SCHEMA_VERSION),
            ("record_schema_version", SCHEMA_VERSION),
            ("generator", f"vbparse {__version__}"),
        ],
    )


def _insert(db: sqlite3.Connection, batch: list[Record]) -> None:
    db.executemany(_INSERTS["documents"], [document_row(record) for record in batch])
    for table, rows in child_rows(batch).items():
        db.executemany(_INSERTS[table], rows)


def document_row(record: Record) -> dict[str, Scalar]:
    """The values of ``DOCUMENT_COLUMNS`` for one record."""
    number = record.number
    return scalar_row(record) | {
        "sha256": record.source.sha256,
        "encoding_confidence": record.source.encoding_confidence,
        "number_raw": number.raw if number else None,
        "number_serial": number.serial if number else None,
        "number_year": number.year if number else None,
        "number_type_code": number.type_code if number else None,
        "number_issuer_code": number.issuer_code if number else None,
        "number_unit_code": number.unit_code if number else None,
        "number_grammar": number.grammar if number else None,
        "record": record.model_dump_json(),
    }


def child_rows(records: Iterable[Record]) -> dict[str, list[Row]]:
    """The rows of the list tables for ``records``, by table, in column order."""
    tables: dict[str, list[Row]] = {
        "citations": [],
        "recipients": [],
        "distribution": [],
        "footnotes": [],
        "warnings": [],
    }
    for record in records:
        doc = record.id
        for i, cited in enumerate(record.citations):
            tables["citations"].append(
                (
                    doc,
                    i,
                    cited.number,
                    cited.doc_type,
                    cited.date,
                    cited.issuer,
                    cited.title,
                    cited.text,
                    cited.relation,
                    cited.target,
                    *cited.span,
                )
            )
        for i, item in enumerate(record.recipients):
            tables["recipients"].append((doc, i, item.text, *item.span))
        for i, item in enumerate(record.distribution):
            tables["distribution"].append((doc, i, item.text, *item.span))
        for i, note in enumerate(record.footnotes):
            tables["footnotes"].append((doc, i, note.mark, note.text, *note.span))
        for i, warning in enumerate(record.warnings):
            tables["warnings"].append((doc, i, warning.code, warning.message, *_ends(warning.span)))
    return tables


def _ends(span: Span | None) -> tuple[int | None, int | None]:
    return span if span is not None else (None, None)


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fold_or_null(text: str | None) -> str | None:
    return None if text is None else fold(text)
