"""``--format register``: the incoming-documents register (sổ đăng ký văn bản đến).

The columns are the ten of Nghị định 30/2020/NĐ-CP, Phụ lục IV, mục VI ("Mẫu sổ đăng ký
văn bản đến", *tối thiểu gồm 10 nội dung*), headed as printed there.  They are a
legal form, not a vocabulary to extend, hence a constant here rather than a data file.

What a text dump can tell is filled in: the issuer (Tác giả, with its parent body), the
number, the date, the type and summary.  Số đến is a running number in the order the
rows are written.  The rest is the records office's own business and stays empty: the
arrival date (Ngày đến) is not in the document, nor are the unit it is passed to, the
hand-over date and the signature of receipt; Ghi chú is left for the office's notes.

The file is aimed at a spreadsheet: UTF-8 *with* a BOM, without which Excel reads UTF-8
as the local code page, and dates printed ``dd/mm/yyyy`` as Vietnamese registers write
them.  A cell that a spreadsheet would run as a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from vbparse.models import Record

REGISTER_COLUMNS = (
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
BOM = "\ufeff"
# What makes Excel or LibreOffice read a cell as a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_register(records: Iterable[Record], out: TextIO) -> int:
    """Write the BOM, the header, then one row per record; return the row count."""
    out.write(BOM)
    writer = csv.writer(out)  # lineterminator is CRLF
    writer.writerow(REGISTER_COLUMNS)
    count = 0
    for count, record in enumerate(records, start=1):
        writer.writerow([_inert(cell) for cell in register_row(count, record)])
    return count


def register_row(arrival_number: int, record: Record) -> tuple[str, ...]:
    """The ten cells of one register line, in ``REGISTER_COLUMNS`` order."""
    number = record.number.value if record.number else None
    type_and_summary = ": ".join(part for part in (record.doc_type, record.subject) if part)
    return (
        "",  # Ngày đến: the arrival date is not in the text
        str(arrival_number),
        author(record),
        number or "",
        day_month_year(record.date),
        type_and_summary,
        "",  # Đơn vị hoặc người nhận: assigned by the office on arrival
        "",  # Ngày chuyển
        "",  # Ký nhận
        "",  # Ghi chú
    )


def author(record: Record) -> str:
    """The issuing body, with the body printed above it when there is one.

    ``VĂN PHÒNG (UBND TỈNH KIÊN GIANG)``: a bare ``VĂN PHÒNG`` would not say whose.  No
    issuer name is an empty cell, even under a known parent: the parent is not the author.
    """
    issuer = record.issuer
    if issuer is None or not issuer.name:
        return ""
    return f"{issuer.name} ({issuer.parent})" if issuer.parent else issuer.name


def day_month_year(date: str | None) -> str:
    """An ISO date the Vietnamese way: ``2021-06-22`` → ``22/06/2021``, ``2021-06`` → ``06/2021``.

    Partial dates keep what they have; no date is an empty cell.
    """
    return "/".join(reversed(date.split("-"))) if date else ""


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
