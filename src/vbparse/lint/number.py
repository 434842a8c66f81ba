"""VB1xx: the number and symbol (ô số 3; format notes A2, A5)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from vbparse.fold import fold
from vbparse.lint.context import FURNITURE, Check, Doc, Hit
from vbparse.models import Number, Span

_COLONS = ":："  # the full-width colon is a colon to a reader
_BLANKS = " \t\xa0"
# The serial rules are about the running number of an administrative or Party number;
# a normative number (23/2021/QĐ-TTg) is numbered by other rules (format notes A5).
_SERIAL_GRAMMARS = ("administrative", "party")
NO_NUMBER_LINE = "W101"  # the parser's warning (docs/record.md)


@dataclass(frozen=True)
class NumberCue:
    """The word ``Số`` before the number, and the colon after it if any."""

    word: Span
    colon: Span | None


def number_cue(doc: Doc, number: Number) -> NumberCue | None:
    """The ``Số`` printed before the number: on its line, or ending the line above
    (``Số:`` wrapped in a table cell).  ``None`` when the word cannot be seen there."""
    start = number.span[0]
    line_start = doc.line_start(start)
    if doc.text[line_start:start].strip(FURNITURE):
        return _cue_ending_at(doc.text, line_start, start)
    pos = line_start - 1  # the newline that ends the line above
    while pos > doc.start:
        above = doc.line_start(pos)
        if doc.text[above:pos].strip(FURNITURE):
            return _cue_ending_at(doc.text, above, pos)
        pos = above - 1
    return None


def _cue_ending_at(text: str, start: int, end: int) -> NumberCue | None:
    while end > start and text[end - 1] in FURNITURE:
        end -= 1
    colon = None
    if end > start and text[end - 1] in _COLONS:
        colon = (end - 1, end)
        end -= 1
        while end > start and text[end - 1] in _BLANKS:
            end -= 1
    word = end - 2
    if word < start or fold(text[word:end]) != "so":
        return None
    if word > start and text[word - 1].isalnum():
        return None
    return NumberCue((word, end), colon)


def serial_without_zero(doc: Doc) -> Iterator[Hit]:
    """VB101: ``Số: 5/UBND-VP`` for ``Số: 05/UBND-VP``."""
    number = doc.record.number
    if number is None or number.grammar not in _SERIAL_GRAMMARS:
        return
    serial = number.serial
    if serial is None or not (len(serial) == 1 and serial in "123456789"):
        return
    at = number.span[0] + max(0, doc.text[number.span[0] : number.span[1]].find(serial))
    fixed = f"0{number.value}" if number.value.startswith(serial) else f"0{serial}"
    yield Hit(
        f"serial {serial} is below 10 and has no leading zero: write {fixed!r}",
        (at, at + len(serial)),
    )


def party_number_with_colon(doc: Doc) -> Iterator[Hit]:
    """VB102: ``Số: 17-CV/ĐU`` in a Party document, for ``Số 17-CV/ĐU``."""
    number = doc.record.number
    cue = number_cue(doc, number) if number is not None else None
    if number is not None and cue is not None and cue.colon is not None:
        yield Hit(
            f"Party number written with a colon after 'Số': write 'Số {number.value}'",
            cue.colon,
        )


def state_number_without_colon(doc: Doc) -> Iterator[Hit]:
    """VB103: ``Số 12/UBND-VX`` in a state document, for ``Số: 12/UBND-VX``."""
    number = doc.record.number
    cue = number_cue(doc, number) if number is not None else None
    if number is not None and cue is not None and cue.colon is None:
        yield Hit(
            f"state number without a colon after 'Số': write 'Số: {number.value}'",
            cue.word,
        )


def number_with_spaces(doc: Doc) -> Iterator[Hit]:
    """VB104: ``17 -CV/ĐU`` for ``17-CV/ĐU``."""
    number = doc.record.number
    if number is not None and regex.search(r"\s", number.raw):
        yield Hit(f"number {number.raw!r} has spaces inside: write {number.value!r}", number.span)


def number_missing(doc: Doc) -> Iterator[Hit]:
    """VB105: no ``Số …`` line in the header band."""
    # Only W101 (no number line at all): a ``Số`` line that OCR left unreadable (W102)
    # is there, and is no missing number.
    if any(w.code == NO_NUMBER_LINE for w in doc.record.warnings):
        yield Hit("no number and symbol ('Số …') in the header", doc.anchor())


CHECKS: dict[str, Check] = {
    "VB101": serial_without_zero,
    "VB102": party_number_with_colon,
    "VB103": state_number_without_colon,
    "VB104": number_with_spaces,
    "VB105": number_missing,
}
