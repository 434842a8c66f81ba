"""VB4xx: signing authority and distribution list (ô số 7a, 9b; format notes A10, A11).

The record's chain gives canonical authorities (``T/M`` and ``TM.`` both read ``TM``), so
the checks read each link's printed prefix at its span.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from vbparse.fold import fold, fold_key
from vbparse.lint.context import FURNITURE, Check, Doc, Hit, cue_at_line_start, stripped
from vbparse.lint.rules import vocabulary
from vbparse.models import ChainLink, Span
from vbparse.vocab import authorities, load

_PUNCTUATION = ".:,;"


@dataclass(frozen=True)
class Prefix:
    """An authority prefix as printed: ``T/M``, ``KT.``, ``KT,`` …"""

    text: str  # as printed, punctuation included
    authority: str  # canonical: TM, KT, TL, TUQ, Q
    slashed: bool  # the Party spelling (T/M), not the state one (TM.)
    dot: bool
    span: Span


@cache
def _prefix_pattern() -> regex.Pattern[str]:
    # OCR slips of a prefix (``1L.``) are not what a drafter printed: no rule judges them.
    slips = set(load("authorities")["ocr_slips"])
    keys = sorted((k for k in authorities() if k not in slips), key=len, reverse=True)
    alternatives = "|".join(regex.escape(key) for key in keys)
    return regex.compile(
        rf"[^a-z0-9]*(?P<key>{alternatives})(?:(?P<punct>[{_PUNCTUATION}])|(?![a-z]))"
    )


def printed_prefix(doc: Doc, link: ChainLink) -> Prefix | None:
    start, end = link.span
    found = _prefix_pattern().match(fold(doc.text[start:end]))
    if found is None:
        return None
    key, punct = found["key"], found["punct"] or ""
    at, stop = start + found.start("key"), start + found.end()
    return Prefix(
        text=doc.text[at:stop],
        authority=authorities()[key],
        slashed="/" in key,
        dot=punct == ".",
        span=(at, stop),
    )


def _prefixes(doc: Doc) -> Iterator[tuple[ChainLink, Prefix]]:
    signature = doc.record.signature
    for link in signature.chain if signature is not None else ():
        prefix = printed_prefix(doc, link)
        if prefix is not None:
            yield link, prefix


def party_authority_in_state(doc: Doc) -> Iterator[Hit]:
    """VB401: ``K/T CHỦ TỊCH`` in a state document, for ``KT. CHỦ TỊCH``."""
    for _, prefix in _prefixes(doc):
        if prefix.slashed:
            yield Hit(
                f"Party-style authority {prefix.text!r} in a state document: "
                f"write '{prefix.authority}.'",
                prefix.span,
            )


def state_authority_in_party(doc: Doc) -> Iterator[Hit]:
    """VB402: ``TM. BAN THƯỜNG VỤ`` in a Party document, for ``T/M BAN THƯỜNG VỤ``."""
    party_form: dict[str, str] = vocabulary()["party_authority"]
    for _, prefix in _prefixes(doc):
        wanted = party_form.get(prefix.authority)
        # ``Q.`` is spelled alike in both systems; TUQ has no Party form (VB405).
        if not prefix.slashed and wanted is not None and "/" in wanted:
            yield Hit(
                f"state-style authority {prefix.text!r} in a Party document: write {wanted!r}",
                prefix.span,
            )


def state_authority_without_dot(doc: Doc) -> Iterator[Hit]:
    """VB403: ``KT CHỦ TỊCH`` (or ``KT, …``) for ``KT. CHỦ TỊCH``."""
    for _, prefix in _prefixes(doc):
        if not prefix.slashed and not prefix.dot:
            yield Hit(
                f"authority {prefix.text!r} without its dot: write '{prefix.authority}.'",
                prefix.span,
            )


def _names_a_collective(on_behalf_of: str | None) -> bool:
    words = fold_key(on_behalf_of or "")
    collectives: list[str] = vocabulary()["party_collectives"]
    return any(words == c or words.startswith(c + " ") for c in collectives)


def party_committee_signed_kt(doc: Doc) -> Iterator[Hit]:
    """VB404: ``K/T BÍ THƯ`` where a committee signs: ``T/M …`` over ``PHÓ BÍ THƯ``."""
    for link, prefix in _prefixes(doc):
        if link.authority == "KT" and _names_a_collective(link.on_behalf_of):
            yield Hit(
                f"{prefix.text} {link.on_behalf_of}: K/T is for staff agencies; for a "
                "committee a deputy signs 'T/M <committee>' over 'PHÓ BÍ THƯ'",
                link.span,
            )


def party_authority_tuq(doc: Doc) -> Iterator[Hit]:
    """VB405: ``T/UQ`` in a Party document, for ``T/L``."""
    for _, prefix in _prefixes(doc):
        if prefix.authority == "TUQ":
            yield Hit(
                f"{prefix.text!r} is not a Party authority: authorisation is signed 'T/L'",
                prefix.span,
            )


# ---------------------------------------------------------------- Nơi nhận


@cache
def _luu() -> regex.Pattern[str]:
    return cue_at_line_start("luu")


_BULLETS = "-–•"


@dataclass(frozen=True)
class RecordsCopy:
    """The ``Lưu …`` line of the distribution list: its words and where they are."""

    text: str
    span: Span


def records_copy(doc: Doc) -> RecordsCopy | None:
    """The ``Lưu`` item: as the record read it, or else as a line of the text below
    ``Nơi nhận`` (a list in a table or beside the signature is not always read whole)."""
    for item in doc.record.distribution:
        if _luu().match(fold(item.text)):
            return RecordsCopy(item.text, item.span)
    items = doc.record.distribution
    opening = doc.noi_nhan_line() or (items[0].span if items else None)
    if opening is None:
        return None
    found = doc.first_line_matching(_luu(), opening[1] + 1)
    if found is None:
        return None
    start, end = stripped(doc.text, *found)
    while start < end and doc.text[start] in _BULLETS + FURNITURE:
        start += 1
    return RecordsCopy(doc.text[start:end], (start, end))


def distribution_missing(doc: Doc) -> Iterator[Hit]:
    """VB410: no ``Nơi nhận:`` block at all."""
    # A cue the parser saw but could not read items under is its failure, not the
    # document's: only a document without the cue anywhere is reported.
    if doc.record.distribution or doc.noi_nhan_line() is not None:
        return
    signature = doc.record.signature
    where = (signature.span[0], signature.span[0]) if signature else doc.end_anchor()
    yield Hit("no distribution list ('Nơi nhận:')", where)


def records_copy_missing(doc: Doc) -> Iterator[Hit]:
    """VB411: a distribution list without its ``Lưu`` line."""
    items = doc.record.distribution
    if not items or records_copy(doc) is not None:
        return
    wanted = "Lưu: VT, <unit>." if doc.record.system == "state" else "Lưu Văn phòng …"
    end = items[-1].span[1]
    yield Hit(f"'Nơi nhận' has no 'Lưu' line: end it with {wanted!r}", (end, end))


# On the folded ``Lưu`` item: the colon, then what is filed first.
_LUU_PARTS = regex.compile(r"luu(?P<colon>\s*:)?\s*(?P<rest>.*)")


@cache
def _records_office() -> regex.Pattern[str]:
    offices: list[str] = vocabulary()["records_office"]
    return regex.compile("(?:" + "|".join(regex.escape(o) for o in offices) + r")\b")


def state_records_copy_form(doc: Doc) -> Iterator[Hit]:
    """VB412: ``Lưu VT`` or ``Lưu: HC, …`` for ``Lưu: VT, <unit>``."""
    item = records_copy(doc)
    parts = _LUU_PARTS.match(fold_key(item.text)) if item is not None else None
    if item is None or parts is None:
        return
    faults = []
    if parts["colon"] is None:
        faults.append("no colon after 'Lưu'")
    if not _records_office().match(parts["rest"]):
        faults.append("VT (Văn thư) does not come first")
    if faults:
        yield Hit(
            f"{item.text!r}: {' and '.join(faults)}: write 'Lưu: VT, <drafting unit>'",
            item.span,
        )


def party_records_copy_form(doc: Doc) -> Iterator[Hit]:
    """VB413: ``Lưu: VT, …`` in a Party document, for ``Lưu Văn phòng …``."""
    item = records_copy(doc)
    if item is None:
        return
    folded = fold_key(item.text)
    faults = []
    if regex.match(r"luu\s*:", folded):
        faults.append("no colon after 'Lưu'")
    if regex.search(r"\bvt\b", folded):
        faults.append("no VT")
    if faults:
        yield Hit(
            f"{item.text!r}: a Party 'Lưu' line takes {' and '.join(faults)}: "
            "write 'Lưu Văn phòng …'",
            item.span,
        )


CHECKS: dict[str, Check] = {
    "VB401": party_authority_in_state,
    "VB402": state_authority_in_party,
    "VB403": state_authority_without_dot,
    "VB404": party_committee_signed_kt,
    "VB405": party_authority_tuq,
    "VB410": distribution_missing,
    "VB411": records_copy_missing,
    "VB412": state_records_copy_form,
    "VB413": party_records_copy_form,
}
