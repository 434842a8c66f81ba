"""Place and date of issue, and dates inside citations.

Three printed forms: ``ngày 05 tháng 01 năm 2020``, ``ngày 22/6/2021`` and
``ngày 22-6-2021``, matched on the folded text so ``ngay 29 thang 6 nam 2021`` reads
too.  No fuzzy parsing of running text (library notes): a small regex isolates the
parts and ``datetime.date`` rejects impossible dates.  A day or month that is blank or
carries a non-digit (OCR) makes the date partial: ``YYYY-MM`` or ``YYYY``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

# Groups capture what stands between the cue words, so OCR noise can be judged.
LONG_DATE = regex.compile(
    r"ng(?:ay|[a-z]{1,3}(?=\S{0,3}\s*[tf]h?ang))\s*(?P<d>[^\s,;]{0,4}?(?:\s{1,2}[^\s,;]{1,2}?)?)\s*[tf]h?[a]ng\s*(?P<m>[^\s,;]{0,4}?)\s*n[a]m\s*(?P<y>(?:19|20)\d\d(?!\d)|[^\s,;.)]{2,6})"
)
SHORT_DATE = regex.compile(
    r"ng[a]y\s*(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})"
)


@dataclass(frozen=True)
class FoundDate:
    value: str | None  # ISO, or partial
    start: int  # offsets in the string searched
    end: int
    valid: bool  # False for an impossible calendar date


def _digits(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def iso(day: str, month: str, year: str) -> tuple[str | None, bool]:
    """ISO form of the printed parts; partial where day or month is illegible."""
    y = _digits(year)
    if y is None or not 1900 <= y <= 2100:
        return None, True
    m = _digits(month)
    if m is None or not 1 <= m <= 12:
        return f"{y:04d}", m is None
    d = _digits(day)
    if d is None:
        return f"{y:04d}-{m:02d}", True
    try:
        return dt.date(y, m, d).isoformat(), True
    except ValueError:
        return f"{y:04d}-{m:02d}", False


def find_date(folded: str, pos: int = 0, endpos: int | None = None) -> FoundDate | None:
    """The first date (any form with ``ngày``) in ``folded[pos:endpos]``."""
    end = len(folded) if endpos is None else endpos
    best: FoundDate | None = None
    for pattern in (LONG_DATE, SHORT_DATE):
        m = pattern.search(folded, pos, end)
        if m and (best is None or m.start() < best.start):
            value, valid = iso(m["d"], m["m"], m["y"])
            best = FoundDate(value, m.start(), m.end(), valid)
    return best


_BEFORE_DAY = regex.compile(r"[\s,]*(?:ban\s*hanh\s*)?(?=ng[a]y)")


def date_right_after(folded: str, pos: int, window: int = 14) -> FoundDate | None:
    """A date that a citation carries: ``ngày …`` right after the number (``, ngày`` too)."""
    m = _BEFORE_DAY.match(folded[pos : pos + window])
    if not m:
        return None
    found = find_date(folded, pos + m.end(), min(len(folded), pos + m.end() + 40))
    if found is None or found.start != pos + m.end():
        return None
    return found
