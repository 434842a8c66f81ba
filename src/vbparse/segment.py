"""Split a dump into its documents.

A document starts at a *header*: the national motto, ``ĐẢNG CỘNG SẢN VIỆT NAM`` or a
mass organisation's name, and/or a ``Số`` number line, clustered within a few lines of
each other (NĐ 30/2020 Phụ lục I; format notes A14).  Headers that open an appendix, an
annexed form, a regulation "ban hành kèm theo" or a SAO Y copy block do not start a new
document: they stay with the document above.  A document ends where the next one
starts, or at the first line of web-page furniture after its closing.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vbparse.lines import Line
from vbparse.normalize import is_boilerplate
from vbparse.vocab import cues, union_header_pattern

MOTTO = regex.compile(r"c[o0]ng\s*h[o0]a\s*x[a]\s*h[o0]i\s*ch[u]\s*ngh[i1l]a\s*[vy][i1]e[t]\s*nam")
MOTTO_TAIL = regex.compile(r"d[o0]c\s*l[a]p\s*[-–—]\s*t[u]\s*d[o0]\s*[-–—]\s*h[a]nh\s*ph[u]c")
PARTY_HEADER = regex.compile(r"[dp]ang\s*cong\s*san\s*viet\s*nam$")
# ``Số: 12/QĐ-UBND``, ``Số 176-CV/TU``, ``S0: …``, ``Só: …``, a blank serial ``Số:    /KH-…``;
# not ``Số hiệu:`` (a web page's metadata box) nor ``số lượng``.
ATTACHMENT = regex.compile(
    r"^(?:phu\s*luc\b|mau\s*(?:so\b|\d)|\(?\s*(?:ban\s*hanh\s*)?kem\s*theo\b|sao\s*y\b|sao\s*luc\b|trich\s*sao\b|bieu\s*mau\b|danh\s*muc\b|bm\s*[.\-]?\s*\d)"
)
UNION_HEADER = regex.compile("^" + union_header_pattern())
CLOSING = regex.compile(
    r"^(?:noi\s*nhan|t\s*/?\s*m\b|k\s*/?\s*t\b|tl\b|t/l\b|tuq\b|\./\.|.*\./\.$)"
)

WINDOW = 12  # lines within which header anchors belong to one header
_SUBJECT_CUE = regex.compile(r"(?i)v\s*/\s*v|về\s+việc")
_DIGIT_BEFORE_SEPARATOR = regex.compile(r"[^/\-–]*\d")
# The number of a copy (``Số: …/SY``, ``/SL``, ``/TrS``): a SAO Y block, not a document.
_COPY_NUMBER = regex.compile(r"^s[o0]\s*[:;.]?\s*[.…_ ]*/\s*(?:sy|sl|trs)\b")
_DAY_AND_MONTH = regex.compile(r"ngay\s*\d{1,2}\s*th")


@dataclass(frozen=True)
class Segment:
    """A document's line range ``[first, last)`` in the file's clean lines."""

    first: int
    last: int
    header: int  # the line of its first header anchor
    # The first line of the first appendix, form or copy attached after its closing: the
    # document's own closing lies above it.
    attached: int | None = None


_NUMBER_CUE = regex.compile(
    r"^[\s*_]*(?:S[ỐốÔôOoóÓòÒ0Ơơ]\s*[:;.]?|s[ốô]\s*:|[$5][ốôoóò06ơ]\s*:)\s*"
)
# A serial (possibly blank or OCR-garbled) then a separator and a code: ``12/``, ``17 -CV``.
_NUMBERISH = regex.compile(
    r"[^\s/]{0,12}?(?:\s[^\s/]{1,4})?\s{0,3}[/\-–]\s{0,3}[^\s]|[.…_]{2,}\s*[/\-]"
)


def number_cue_end(line: Line) -> int:
    """Where the number starts on a number line (after ``Số:``)."""
    cue = _NUMBER_CUE.match(line.text)
    return cue.end() if cue else 0


def is_number_line(line: Line, following: Line | None = None) -> bool:
    """A header number line: ``Số: 12/QĐ-UBND``, ``Số 176-CV/TU``, ``S0: …``, ``Số:    /KH-…``.

    Not ``Số hiệu:`` (a web page's metadata box), nor an address (``Số 40 Lý Tự Trọng``),
    nor a body line that happens to begin with ``số``."""
    cue = _NUMBER_CUE.match(line.text)
    if not cue or line.folded[cue.end() :].startswith(("hieu", "luong", "tien", "dien")):
        return False
    rest = line.text[cue.end() :]
    if not rest.strip() and following is not None:
        rest = following.text  # ``Số:`` / ``37695/TB-CHQ``: a web page wrapped the line
    token = _NUMBERISH.match(rest)
    if not token:
        return False
    tail = rest[token.end() :].split(maxsplit=1)
    after = tail[1] if len(tail) > 1 else ""
    return len(after) <= 30 or bool(_SUBJECT_CUE.match(after))


def _has_serial(line: Line) -> bool:
    """Whether a number line carries a serial: a digit before its first separator."""
    cue = _NUMBER_CUE.match(line.text)
    rest = line.text[cue.end() :] if cue else line.text
    return bool(_DIGIT_BEFORE_SEPARATOR.match(rest))


def _anchor(line: Line, following: Line | None = None) -> str | None:
    folded = line.folded.strip()
    if MOTTO.match(folded):
        return "motto"
    # The length test first: it spares long body lines the letter-by-letter capitals test.
    if following is not None and len(folded) < 30 and line.upper:
        # the motto wrapped by a web page: ``CỘNG HÒA XÃ`` / ``HỘI CHỦ NGHĨA VIỆT NAM``
        joined = f"{folded} {following.folded.strip()}"
        m = MOTTO.match(joined)
        if m and m.end() > len(folded):
            return "motto"
        if PARTY_HEADER.match(joined) and following.upper:
            return "party"
    if PARTY_HEADER.match(folded) and line.upper:
        return "party"
    if UNION_HEADER.match(folded) and line.upper:
        return "union"
    if is_number_line(line, following):
        return "number"
    return None


def _is_attachment_header(lines: list[Line], at: int) -> bool:
    """Whether the header around line ``at`` opens an appendix, form or copy block."""
    lo, hi = max(0, at - 4), min(len(lines), at + WINDOW)
    for line in lines[lo:hi]:
        folded = line.folded.strip()
        if ATTACHMENT.match(folded):
            return True
        if _COPY_NUMBER.match(folded):
            return True
    return False


_ISSUED_WITH_A_DECISION = regex.compile(r"\s*(?:" + cues()["issued_with_a_decision"] + r")")


def _issued_with_a_decision(lines: list[Line], at: int) -> bool:
    """A title in capitals (``QUY ĐỊNH``, glued to its subject or not) below ``at``."""
    for line in lines[at : at + WINDOW]:
        m = _ISSUED_WITH_A_DECISION.match(line.folded)
        if m and line.text[: m.end()].isupper():
            return True
    return False


def _has_closing(lines: list[Line], first: int, last: int) -> bool:
    return any(CLOSING.match(line.folded.strip()) for line in lines[first:last])


def _header_top(lines: list[Line], anchor: int, floor: int) -> int:
    """The first line of the header block above ``anchor`` (issuer lines, marks)."""
    top = anchor
    k = anchor - 1
    blanks = 0
    while k >= floor:
        line = lines[k]
        if line.blank or line.rule:
            blanks += 1
            if blanks > 6:
                break
            k -= 1
            continue
        if line.upper or line.rule or len(line.text) <= 3:
            top = k
            blanks = 0
            k -= 1
            continue
        break
    return top


def segment(lines: list[Line]) -> list[Segment]:
    """The documents of a file, in order; at least one for a file with any text."""
    anchors = [
        (line.index, kind)
        for line, following in zip(lines, [*lines[1:], None], strict=True)
        if (kind := _anchor(line, following))
    ]
    clusters: list[list[tuple[int, str]]] = []
    for index, kind in anchors:
        if (
            clusters
            and index - clusters[-1][-1][0] <= WINDOW
            and not _same_kind_twice(clusters[-1], kind)
        ):
            clusters[-1].append((index, kind))
        else:
            clusters.append([(index, kind)])

    starts: list[int] = []
    attached: dict[int, int] = {}  # a start -> the first block attached below its closing
    for cluster in clusters:
        first = cluster[0][0]
        if starts and _belongs_to_previous(lines, cluster, starts[-1]):
            previous = starts[-1]
            if previous not in attached and _has_closing(lines, previous, first):
                attached[previous] = _header_top(lines, first, previous + 1)
            continue
        starts.append(first)

    if not starts:
        return [Segment(0, len(lines), 0)] if any(not line.blank for line in lines) else []

    segments: list[Segment] = []
    floor = 0
    tops = []
    for anchor in starts:
        tops.append(_header_top(lines, anchor, floor))
        floor = anchor + 1
    for i, (top, anchor) in enumerate(zip(tops, starts, strict=True)):
        last = tops[i + 1] if i + 1 < len(tops) else len(lines)
        last = _cut_furniture(lines, anchor, last)
        below = attached.get(anchor)  # None too when web furniture ended the text first
        segments.append(Segment(top, last, anchor, below if below and below < last else None))
    return segments


def _belongs_to_previous(lines: list[Line], cluster: list[tuple[int, str]], previous: int) -> bool:
    """Whether the header ``cluster`` is part of the document starting at ``previous``:
    an appendix, form or copy attached to it, or a header quoted in its body."""
    first = cluster[0][0]
    kinds = {k for _, k in cluster}
    if _is_attachment_header(lines, first):
        return True
    if "number" not in kinds:
        return (
            _issued_with_a_decision(lines, first)  # ``QUY ĐỊNH`` under a numberless header
            or not _has_closing(lines, previous, first)
            or not _followed_by_number_or_date(lines, first)  # a motto alone: a form
        )
    numbers = [lines[i] for i, k in cluster if k == "number"]
    return not any(_has_serial(line) for line in numbers)  # ``Số: …/…``: a blank form


def _same_kind_twice(cluster: list[tuple[int, str]], kind: str) -> bool:
    """A second number line (or motto) means a second header, not a longer one."""
    return kind in ("number", "motto") and any(k == kind for _, k in cluster)


def _followed_by_number_or_date(lines: list[Line], at: int) -> bool:
    for line in lines[at : at + WINDOW]:
        if is_number_line(line) or _DAY_AND_MONTH.search(line.folded):
            return True
    return False


def _cut_furniture(lines: list[Line], anchor: int, last: int) -> int:
    """End a document at web-page furniture that follows its closing."""
    closing_seen = False
    for k in range(anchor, last):
        folded = lines[k].folded.strip()
        if not closing_seen and CLOSING.match(folded):
            closing_seen = True
        if closing_seen and is_boilerplate(folded):
            return k
    return last
