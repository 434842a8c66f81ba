"""VB5xx: the body (ô số 6; format notes A13)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from vbparse.fold import fold
from vbparse.lint.context import FURNITURE, Check, Doc, Hit, stripped
from vbparse.models import Span

# The end mark, spaces aside: ``./.``, or ``…/.`` as NĐ 30's templates print it.
_END_MARKS = ("./.", "…/.")
_SHOWN = 24  # characters of the last line quoted in a finding
# A line this short above the closing is scanner litter or a page number that leaked
# into the dump (format notes A2), not the end of a sentence.
_LITTER = 5
# Page markers of converted files (``--- PAGE 6 ---``), as normalize drops them.
_PAGE_MARK = regex.compile(r"-{2,}\s*page(?:\s+\d+|\s+break)?\s*-{2,}$")


def _closing_start(doc: Doc) -> int | None:
    """Where the closing begins: the ``Nơi nhận`` line or the signature, the earlier."""
    starts = []
    cue = doc.noi_nhan_line()
    if cue is not None:
        starts.append(cue[0])
    elif doc.record.distribution:
        starts.append(doc.line_start(doc.record.distribution[0].span[0]))
    if doc.record.signature is not None:
        starts.append(doc.line_start(doc.record.signature.span[0]))
    return min(starts, default=None)


def _header_end(doc: Doc) -> int:
    """The end of the last header field the record has (number, subject, date, Kính gửi)."""
    record = doc.record
    spans = [record.spans.subject, record.spans.date, *(item.span for item in record.recipients)]
    if record.number is not None:
        spans.append(record.number.span)
    return max((span[1] for span in spans if span), default=doc.start)


def has_end_mark(line: str) -> bool:
    return any(mark in "".join(line.split()) for mark in _END_MARKS)


def _is_body_text(line: str) -> bool:
    """Whether a line (bare of markup) can be the body's last: not a rule or a table
    border, not a page marker, not litter, and not a line in capitals, which above the
    closing is the signature's column printed beside or before it (``TL. BỘ TRƯỞNG``)."""
    if not any(ch.isalnum() for ch in line) or _PAGE_MARK.match(fold(line)):
        return False
    if len("".join(line.split())) <= _LITTER and not has_end_mark(line):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return not letters or any(ch.islower() for ch in letters)


def last_body_line(doc: Doc) -> Span | None:
    """The last line of the body before the closing, bare of markup; ``None`` when the
    closing is not found or nothing stands between it and the header."""
    closing = _closing_start(doc)
    if closing is None:
        return None
    header_end = _header_end(doc)
    pos = closing - 1
    while pos > header_end:
        line = doc.line_start(pos)
        start, end = stripped(doc.text, line, pos)
        if end > max(start, header_end) and _is_body_text(doc.text[start:end]):
            return start, end
        pos = line - 1
    return None


def state_body_end_mark(doc: Doc) -> Iterator[Hit]:
    """VB501: a state body that does not end with ``./.``."""
    line = last_body_line(doc)
    if line is None:
        return
    start, end = line
    text = doc.text[start:end]
    if has_end_mark(text):
        return
    last_word = text.split()[-1].lstrip(FURNITURE) or text.split()[-1]
    shown = text[-_SHOWN:]
    yield Hit(
        f"body does not end with './.' (it ends {shown!r})",
        (end - len(last_word), end),
    )


CHECKS: dict[str, Check] = {"VB501": state_body_end_mark}
