"""A record's scalar fields as one flat row, shared by the CSV and SQLite writers.

Both writers take their column names from here, so a ``documents`` table and a CSV file
of the same run can be read with the same names.  ``None`` stays ``None``: the CSV
writer prints it as an empty cell, SQLite stores NULL.
"""

from __future__ import annotations

from vbparse.models import Record, Signature

Scalar = str | int | float | None

SCALAR_COLUMNS = (
    "id",
    "path",
    "index_in_file",  # not "index": an SQL keyword, and the names are shared with SQLite
    "encoding",
    "system",
    "issuer",
    "issuer_parent",
    "number",
    "doc_type",
    "place",
    "date",
    "subject",
    "secrecy",
    "urgency",
    "circulation",
    "signer",
    "signer_title",
    "chain",
    "work_id",
    "duplicate_of",
)


def scalar_row(record: Record) -> dict[str, Scalar]:
    """The values of ``SCALAR_COLUMNS`` for one record."""
    issuer, number, signature = record.issuer, record.number, record.signature
    return {
        "id": record.id,
        "path": record.source.path,
        "index_in_file": record.source.index,
        "encoding": record.source.encoding,
        "system": record.system,
        "issuer": issuer.name if issuer else None,
        "issuer_parent": issuer.parent if issuer else None,
        "number": number.value if number else None,
        "doc_type": record.doc_type,
        "place": record.place,
        "date": record.date,
        "subject": record.subject,
        "secrecy": record.marks.secrecy,
        "urgency": record.marks.urgency,
        "circulation": record.marks.circulation,
        "signer": signature.signer if signature else None,
        "signer_title": signature.title if signature else None,
        "chain": chain_text(signature),
        "work_id": record.work_id,
        "duplicate_of": record.duplicate_of,
    }


def chain_text(signature: Signature | None) -> str | None:
    """The authority chain as printed, links joined by ``; ``.

    ``TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH`` for a two-level chain.  A link without a body
    is its bare prefix (``KT``); no chain at all is ``None``.
    """
    if signature is None or not signature.chain:
        return None
    return "; ".join(
        f"{link.authority}. {link.on_behalf_of}" if link.on_behalf_of else link.authority
        for link in signature.chain
    )
