"""Recognise a document's zones: header band, subject, recipients, body, closing, footnotes.

Zones are line ranges of one segment.  They follow the layout of NĐ 30/2020 Phụ lục I
(and HD 36-HD/VPTW for Party documents): the header band holds the issuer, the number,
place and date, the type and the subject; ``Kính gửi`` opens the recipients; the body
runs to ``./.``; the closing holds ``Nơi nhận`` and the signature block, in either order
(two columns in print, one after the other in a dump).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import regex

from vbparse.lines import Line
from vbparse.segment import MOTTO, MOTTO_TAIL, PARTY_HEADER, Segment, is_number_line
from vbparse.vocab import cue, titles

KINH_GUI = cue("kinh_gui")
NOI_NHAN = cue("noi_nhan")
CAN_CU = regex.compile(
    r"^[-–\s]*(?:can\s*cu|xet\s*de\s*nghi|theo\s*de\s*nghi|dieu\s*1\b|chuong\s*i\b)"
)
AUTHORITY_LINE = regex.compile(
    r"^(?:tm|kt|tl|tuq|t\s*/\s*m|k\s*/\s*t|t\s*/\s*l|t\s*/\s*uq|q)\s*[.:]?\s*(?=\S)"
)
BODY_END = regex.compile(r"\./\.|\.\s*/\s*\.?\s*$|\.\s*/\s*$")
FOOTNOTE_LINE = regex.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^\d{1,3}\]:)\s*\S")
# ``[1] text``: the footnote style of web pages, trusted only below the closing.
BRACKET_FOOTNOTE = regex.compile(r"^\[\d{1,3}\]\s*\S")

# A footnote in an OCR'd scan: its superscript mark came out as one stray character
# (``,`` ``ở`` ``*`` ``Š`` or the digit), followed by a sentence.
OCR_FOOTNOTE_LINE = regex.compile(r"^(?:[^\s\w\-+•·–—|#>]|\d|\p{L})\s+[\p{Lu}\d]")

HEADER_LIMIT = 45  # lines: a header band is never longer


@dataclass(frozen=True)
class Zones:
    segment: Segment
    header_end: int  # first line after the header band
    number: int | None
    date: int | None
    title: Title | None
    subject: tuple[int, ...]
    subject_column: int  # where the subject starts on its first line
    recipients: int | None  # the ``Kính gửi`` line
    closing: int | None  # first line of the closing (Nơi nhận, or the signature block)
    noi_nhan: int | None
    footnotes: tuple[int, ...]


_PLACE_DATE = regex.compile(
    r"^\W{0,3}(?P<place>[^\W\d](?:[^,.\d]|\.(?=\s?[a-z])){0,44}?)\s*[,.]\s*(?:ng[a]y(?![a-z])|ng[a-z]{1,3}\S{0,3}\s*[tf]h?ang)"
)
_BARE_DATE = regex.compile(r"^\W{0,3}ng[a]y\s*\S{0,4}\s*[tf]h?[a]ng\s*\S{0,4}\s*n[a]m\s*\S{2,6}")


def place_words_ok(text: str) -> bool:
    """A place name: a few words, most of them capitalised (``Thành phố Hồ Chí Minh``)."""
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised * 2 >= len(words) and words[0][:1].isupper()


def is_date_line(line: Line) -> bool:
    """``<Địa danh>, ngày … tháng … năm …`` (or a date with no place) opening the line."""
    m = _PLACE_DATE.match(line.folded)
    if m:
        return place_words_ok(line.text[m.start("place") : m.end("place")])
    return bool(_BARE_DATE.match(line.folded))


def _is_header_decoration(line: Line) -> bool:
    folded = line.folded.strip()
    return bool(
        line.rule or MOTTO.match(folded) or MOTTO_TAIL.match(folded) or PARTY_HEADER.match(folded)
    )


def _next(lines: list[Line], line: Line) -> Line | None:
    return lines[line.index + 1] if line.index + 1 < len(lines) else None


def find_zones(lines: list[Line], seg: Segment, title_names: dict[str, str]) -> Zones:
    doc = lines[seg.first : seg.last]
    limit = min(seg.last, seg.header + HEADER_LIMIT)

    recipients = next(
        (ln.index for ln in doc if ln.index < limit + 20 and KINH_GUI.match(ln.folded.strip())),
        None,
    )
    header_end = limit
    for ln in lines[seg.header : limit]:
        if ln.index == recipients or CAN_CU.match(ln.folded.strip()):
            header_end = ln.index
            break
        if (
            len(ln.text) > 160
            and not ln.upper
            and ln.index > seg.header + 2
            and not VV.match(ln.folded.strip())  # a long subject is still in the header
        ):
            header_end = ln.index
            break
    band = lines[seg.first : header_end]

    number = next((ln.index for ln in band if is_number_line(ln, _next(lines, ln))), None)
    date = next((ln.index for ln in band if is_date_line(ln)), None)
    title = _find_title(lines, band, title_names, number)
    subject, subject_column = _find_subject(lines, band, number, date, title, header_end)

    # The closing is the last one above any attached appendix or form (which carry their
    # own ``Nơi nhận`` and signature blocks).
    main = lines[seg.first : seg.attached or seg.last]
    noi_nhan = _last_noi_nhan(main)
    if noi_nhan is None and seg.attached is not None:
        main = doc  # no closing above the attachment: the document's is further down
        noi_nhan = _last_noi_nhan(doc)
    closing = noi_nhan
    sig = _last_authority_line(main, header_end)
    if (
        sig is not None
        and (closing is None or sig < closing)
        and (noi_nhan is None or noi_nhan - sig < 12)
    ):
        closing = sig if closing is None else min(closing, _block_top(lines, sig))
    footnotes = tuple(
        sorted(
            {
                ln.index
                for ln in doc
                if FOOTNOTE_LINE.match(ln.text)
                or (closing is not None and ln.index > closing and BRACKET_FOOTNOTE.match(ln.text))
            }
            | set(small_print_footnotes(doc[header_end - seg.first :], closing))
        )
    )
    return Zones(
        segment=seg,
        header_end=header_end,
        number=number,
        date=date,
        title=title,
        subject=subject,
        subject_column=subject_column,
        recipients=recipients,
        closing=closing,
        noi_nhan=noi_nhan,
        footnotes=footnotes,
    )


def _last_noi_nhan(doc: list[Line]) -> int | None:
    for ln in reversed(doc):
        if NOI_NHAN.match(ln.folded.strip()):
            return ln.index
    return None


def _last_authority_line(doc: list[Line], after: int) -> int | None:
    for ln in reversed(doc):
        if ln.index >= after and AUTHORITY_LINE.match(ln.folded.strip()) and _caps_after_prefix(ln):
            return ln.index
    return None


def _caps_after_prefix(line: Line) -> bool:
    letters = [c for c in line.text[3:] if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _block_top(lines: list[Line], at: int) -> int:
    k = at
    while k - 1 >= 0 and AUTHORITY_LINE.match(lines[k - 1].folded.strip()):
        k -= 1
    return k


@dataclass(frozen=True)
class Title:
    first: int  # line of the type word (``QUYẾT ĐỊNH``; ``NGHỊ`` / ``QUYẾT`` when wrapped)
    last: int
    rest: int | None  # column where text after the type word starts on the last line


def _find_title(
    lines: list[Line], band: list[Line], names: dict[str, str], number: int | None
) -> Title | None:
    for ln in band:
        if not ln.upper or (number is not None and ln.index < number - 3):
            continue
        if ln.text.rstrip().endswith(":"):
            continue  # ``QUYẾT ĐỊNH:``, the operative line
        folded = ln.folded.rstrip(" :.")
        for key in names:
            if folded.strip() == key:
                return Title(ln.index, ln.index, None)
            if folded.startswith(key + " ") and len(folded) < len(key) + 120:
                return Title(ln.index, ln.index, len(key) + 1)
        nxt = _next(lines, ln)
        if nxt is not None and nxt.upper and len(folded) <= 12:
            joined = f"{folded.strip()} {nxt.folded.strip(' :.')}"
            if joined in names:  # ``NGHỊ`` / ``QUYẾT``: a web page wrapped the title
                return Title(ln.index, nxt.index, None)
    return None


VV = regex.compile(r"^(?:v\s*[/.il]\s*v|viv|vlv|v\s*/\s*v|ve\s*viec|va\b|vv\b)\s*[:.]?\s*")


def _find_subject(
    lines: list[Line],
    band: list[Line],
    number: int | None,
    date: int | None,
    title: Title | None,
    header_end: int,
) -> tuple[tuple[int, ...], int]:
    start = None
    column = 0
    for ln in band:
        folded = ln.folded.strip()
        if (VV.match(folded) and not folded.startswith(("va ", "vv "))) or (
            # ``VA``/``VV`` are OCR slips of ``V/v`` only right under the number
            folded.startswith(("va ", "vv "))
            and number is not None
            and ln.index - number > 0
            and sum(not x.blank for x in lines[number + 1 : ln.index]) <= 1
        ):
            start = ln.index
            break
    if start is None and title is not None:
        if title.rest is not None:
            start, column = title.last, title.rest
        else:
            k = title.last + 1
            while k < header_end and lines[k].blank:
                k += 1
            start = k if k < header_end else None
    if start is None and number is not None:
        k = number + 1
        while k < header_end and lines[k].blank:
            k += 1
        if (
            k < header_end
            and k != date
            and not _is_header_decoration(lines[k])
            and not lines[k].upper
        ):
            start = k
    if start is None:
        return (), 0
    picked: list[int] = []
    capitals = lines[start].upper
    for ln in lines[start:header_end]:
        if picked and (ln.blank or ln.index == date or ln.rule or _is_header_decoration(ln)):
            break
        if ln.blank:
            continue
        if picked and (KINH_GUI.match(ln.folded) or CAN_CU.match(ln.folded) or is_number_line(ln)):
            break
        if ln.index == date or _is_header_decoration(ln):
            break
        if picked and title is not None and _authority_before_basis(lines, ln, header_end):
            break
        if picked and capitals and title is not None and not ln.upper:
            break  # a title's subject is in capitals; the body is not
        picked.append(ln.index)
        if len(picked) >= 8:
            break
    return tuple(picked), column


def _authority_before_basis(lines: list[Line], line: Line, header_end: int) -> bool:
    """The body or head named above the basis (``CHÍNH PHỦ``, ``CHỦ TỊCH ỦY BAN NHÂN DÂN``):
    a capital line followed within two lines by ``Căn cứ`` / ``Xét`` / the band's end."""
    if not line.upper:
        return False
    following = [ln for ln in lines[line.index + 1 : header_end + 1] if not ln.blank][:2]
    if not following or line.index + 1 >= header_end:
        return _looks_like_authority(line)
    return any(CAN_CU.match(ln.folded.strip()) or ln.index >= header_end for ln in following) and (
        _looks_like_authority(line) or _starts_head_title(line)
    )


def _starts_head_title(line: Line) -> bool:
    heads: list[str] = titles()["heads"]
    return line.folded.strip().startswith(tuple(heads))


def _looks_like_authority(line: Line) -> bool:
    """The collective named above the basis lines (``CHÍNH PHỦ``, ``ỦY BAN NHÂN DÂN …``)."""
    folded = line.folded.strip(" :")
    collectives: list[str] = titles()["collectives"]
    return line.upper and folded.startswith(tuple(collectives))


def small_print_footnotes(body: list[Line], closing: int | None) -> list[int]:
    """Page-foot notes of an OCR'd scan, told apart by their small print.

    The scan wraps body lines at the page width, so most lines have about the same
    length; footnotes are set smaller, so their lines run clearly longer.  A note starts
    after a blank line (or right after another note) with a one-character mark."""
    wrapped = [len(ln.text) for ln in body if len(ln.text.strip()) >= 40]
    if len(wrapped) < 20:
        return []
    typical = statistics.median(wrapped)
    if not 50 <= typical <= 100:
        return []  # not hard-wrapped text: paragraphs are one line each
    found: list[int] = []
    previous_blank = True
    for ln in body:
        if closing is not None and ln.index >= closing:
            break
        small = previous_blank and len(ln.text) >= max(90, 1.25 * typical)
        marked = OCR_FOOTNOTE_LINE.match(ln.text)
        if (marked and (small or (found and found[-1] == ln.index - 1))) or (
            # the next note of a run whose mark the conversion dropped (a ``*`` read as
            # a bullet), one blank line below the last
            small and found and found[-1] >= ln.index - 3 and ln.text[:1].isupper()
        ):
            found.append(ln.index)
        previous_blank = ln.blank
    return found
