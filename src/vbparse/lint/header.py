"""VB3xx: issuer and subject (ô số 2, 5b; format notes A2, A3, A7)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from vbparse.fold import fold, fold_key
from vbparse.lint.context import FURNITURE, Check, Doc, Hit, cue_at_line_start
from vbparse.lint.rules import vocabulary

LETTER = "Công văn"


def letter_subject_missing(doc: Doc) -> Iterator[Hit]:
    """VB301: a công văn with no subject under its number."""
    record = doc.record
    if record.doc_type == LETTER and not record.subject:
        number = record.number
        where = (number.span[1], number.span[1]) if number is not None else doc.anchor()
        yield Hit("công văn without a subject (trích yếu, 'V/v …') under its number", where)


def state_subject_without_vv(doc: Doc) -> Iterator[Hit]:
    """VB302: the subject of a state công văn not introduced by ``V/v``."""
    record = doc.record
    span = record.spans.subject
    if record.doc_type != LETTER or not record.subject or span is None:
        return
    # The value may have lost a ``V/v`` that OCR spelt ``Viv:`` or ``VA`` (the cue's repair
    # table), so the printed line (or table cell) is read from its start as well.
    line_start = doc.line_start(span[0])
    cell_start = max(line_start, doc.text.rfind("|", line_start, span[0]) + 1)
    printed = (record.subject, doc.text[cell_start : span[1]])
    if not any(_vv().match(fold(text).strip(FURNITURE)) for text in printed):
        opening = " ".join(record.subject.split()[:3])
        yield Hit(
            f"subject of a state công văn opens with {opening!r}, not 'V/v': write 'V/v …'",
            span,
        )


@cache
def _vv() -> regex.Pattern[str]:
    return cue_at_line_start("vv")


@cache
def _needs_parent(system: str) -> regex.Pattern[str]:
    names: list[str] = vocabulary()["needs_parent"][system]
    return regex.compile("|".join(f"(?:{name})" for name in names))


def issuer_parent_missing(doc: Doc) -> Iterator[Hit]:
    """VB303: ``ĐẢNG ỦY Y TẾ`` or ``SỞ Y TẾ`` printed without the body above it."""
    record = doc.record
    issuer = record.issuer
    if issuer is None or issuer.parent or not issuer.name or record.system is None:
        return
    if _needs_parent(record.system).fullmatch(fold_key(issuer.name)):
        yield Hit(
            f"issuer {issuer.name!r} sits under a higher body, whose name belongs on the "
            "line above it",
            issuer.span,
        )


CHECKS: dict[str, Check] = {
    "VB301": letter_subject_missing,
    "VB302": state_subject_without_vv,
    "VB303": issuer_parent_missing,
}
