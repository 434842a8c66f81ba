"""VB2xx: place and date of issue (ô số 4; format notes A6).

The checks read the date as printed at ``spans.date``.  Only clean digits are judged: a
day or month that OCR garbled (``ngày 1Š``, ``tháng II``) says nothing about padding.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from vbparse.fold import fold
from vbparse.lint.context import Check, Doc, Hit
from vbparse.models import Span

# On the folded date: the day before ``tháng`` and the month before ``năm``, as digits.
_DAY = regex.compile(r"ng[a-z]{0,3}\s*(?P<n>\d{1,2})(?!\d)\s*[tf]h?ang")
_MONTH = regex.compile(r"[tf]h?ang\s*(?P<n>\d{1,2})(?!\d)\s*n[a-z]m")
_WORDS_FORM = regex.compile(r"[tf]h?ang")
NO_DATE_LINE = "W111"  # the parser's warning (docs/record.md)


def _printed(doc: Doc) -> tuple[Span, str] | None:
    """The date's span and its folded text, when the record has a date."""
    span = doc.record.spans.date
    if span is None:
        return None
    return span, fold(doc.text[span[0] : span[1]])


def conforming_date(iso: str | None) -> str | None:
    """``2021-06-29`` -> ``ngày 29 tháng 6 năm 2021`` (zeros as NĐ 30 wants them)."""
    if iso is None or len(iso) != 10:
        return None
    year, month, day = (int(part) for part in iso.split("-"))
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"ngày {day:02d} tháng {month_text} năm {year}"


def date_not_in_words(doc: Doc) -> Iterator[Hit]:
    """VB201: ``ngày 29/6/2021`` for ``ngày 29 tháng 6 năm 2021``."""
    printed = _printed(doc)
    if printed is None:
        return
    span, folded = printed
    if not _WORDS_FORM.search(folded):
        shown = doc.text[span[0] : span[1]]
        wanted = conforming_date(doc.record.date)
        advice = f": write {wanted!r}" if wanted else ""
        yield Hit(f"date {shown!r} is not written 'ngày … tháng … năm …'{advice}", span)


def date_without_zero(doc: Doc) -> Iterator[Hit]:
    """VB202: ``ngày 5 tháng 1`` for ``ngày 05 tháng 01``."""
    printed = _printed(doc)
    if printed is None:
        return
    (start, _), folded = printed
    day = _DAY.search(folded)
    if day and len(day["n"]) == 1 and day["n"] != "0":
        yield Hit(
            f"day {day['n']} is below 10 and has no leading zero: write 'ngày 0{day['n']}'",
            (start + day.start("n"), start + day.end("n")),
        )
    month = _MONTH.search(folded)
    if month and month["n"] in ("1", "2"):
        yield Hit(
            f"month {month['n']} has no leading zero: write 'tháng 0{month['n']}'",
            (start + month.start("n"), start + month.end("n")),
        )


def month_with_zero(doc: Doc) -> Iterator[Hit]:
    """VB203: ``tháng 06`` for ``tháng 6``: only months 1 and 2 take the zero."""
    printed = _printed(doc)
    if printed is None:
        return
    (start, _), folded = printed
    month = _MONTH.search(folded)
    if month and len(month["n"]) == 2 and month["n"][0] == "0" and month["n"][1] in "3456789":
        yield Hit(
            f"month {month['n']} has a leading zero, which only months 1 and 2 take: "
            f"write 'tháng {month['n'][1]}'",
            (start + month.start("n"), start + month.end("n")),
        )


def date_missing(doc: Doc) -> Iterator[Hit]:
    """VB204: no place and date line in the header."""
    # Only W111 (no date line at all): a line whose date is blank (``ngày tháng năm``,
    # an unsigned copy) or illegible (W112) is there, and is no missing date.
    if any(w.code == NO_DATE_LINE for w in doc.record.warnings):
        number = doc.record.number
        where = (number.span[1], number.span[1]) if number is not None else doc.anchor()
        yield Hit("no place and date of issue ('…, ngày … tháng … năm …') in the header", where)


def place_missing(doc: Doc) -> Iterator[Hit]:
    """VB205: a date of issue with no place name and comma before it."""
    span = doc.record.spans.date
    if span is not None and doc.record.place is None:
        yield Hit("no place name before the date of issue: write '<Địa danh>, ngày …'", span)


CHECKS: dict[str, Check] = {
    "VB201": date_not_in_words,
    "VB202": date_without_zero,
    "VB203": month_with_zero,
    "VB204": date_missing,
    "VB205": place_missing,
}
