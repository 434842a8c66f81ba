"""One segment's fields, read zone by zone and assembled into a validated record."""

from __future__ import annotations

import hashlib
import itertools

import regex

from vbparse.citations import find_citations
from vbparse.fields.dates import find_date
from vbparse.fields.footnotes import read_footnotes
from vbparse.fields.header import (
    doc_type_of,
    issuer_lines,
    marks_of,
    subject_text,
    system_of,
)
from vbparse.fields.lists import ListItem, finish, read_items
from vbparse.fields.numbers import ParsedNumber, canonical, parse_number
from vbparse.fields.signature import (
    FoundSignature,
    read_signature,
    signature_column_start,
    signature_pieces,
)
from vbparse.lines import Line, in_capitals
from vbparse.models import (
    ChainLink,
    Citation,
    FieldSpans,
    Footnote,
    Issuer,
    Item,
    Marks,
    Number,
    ParseWarning,
    Record,
    Signature,
    Source,
    Span,
)
from vbparse.normalize import Normalized
from vbparse.segment import Segment, number_cue_end
from vbparse.zones import BODY_END, KINH_GUI, NOI_NHAN, Zones, find_zones

_SEPARATORS = "/-–—"
# The last piece of a code that OCR cut off with a space: a few capitals, nothing else.
_CODE_TAIL = regex.compile(r"\p{Lu}{2,5}")
# A serial that a stray space cut in two (``4 zGM-TB``, ``S84 S/BHXH-THU``, ``12 3/QĐ``).
_SPLIT_SERIAL = regex.compile(r"^(\s*(?=[^\s/\-]{0,3}\d)[^\W_]{1,4})\s(?=[^\s/\-]{1,8}[/\-])")
# Nothing but marks before the first separator: the serial is blank.
_BLANK_SERIAL = regex.compile(r"^[^\p{L}\p{N}]*?[^\p{L}\p{N}\s/\-][^\p{L}\p{N}]{0,8}?/(?=[^\W\d_])")
_WORD = regex.compile(r"\S+")
# Where the number ends on its line: a wide gap, or the ``V/v`` printed after it.
_NUMBER_END = regex.compile(r"\s{3,}|\s(?=[Vv]\s*/\s*[Vv]\b)")
_SEPARATOR = regex.compile(r"[/\-]")
_NOISE_BEFORE_SEPARATOR = regex.compile(r"^[^\w/\-]+(?=[/\-])")
_COMMA_BEFORE_DATE = regex.compile(r"[,.]\s*ng[a-z]")
_NOT_IN_PLACE = regex.compile(r"[\d:;,.()\-]")


def _number_extent(rest: str) -> int:
    """How much of ``rest`` is the number: its first word, and the words a stray space cut
    off at a separator (``17 -CV/ĐU``, ``367 - QĐ/TWĐTN-VP``).  A word after a separator
    must look like a code, so stamp noise (``4046J/BTC-TCT - l``) is not swallowed."""
    words = list(_WORD.finditer(rest))
    if not words:
        return 0
    end = words[0].end()
    for prev, word in itertools.pairwise(words):
        text = word.group()
        joins = prev.group()[-1] in _SEPARATORS or text[0] in _SEPARATORS
        if not joins and word is words[-1] and _CODE_TAIL.fullmatch(text):
            joins = any(c in _SEPARATORS for c in prev.group())  # ``01 /TB-GA VI``
        if not joins or word.start() - prev.end() > 3:
            break
        body = text.strip(_SEPARATORS)
        if body and not (body[0].isupper() or body[0].isdigit()):
            break
        end = word.end()
    return end


class _Reader:
    """Reads one document; holds the file's clean text and lines while it does."""

    def __init__(self, norm: Normalized, lines: list[Line], seg: Segment, zones: Zones) -> None:
        self.norm = norm
        self.lines = lines
        self.seg = seg
        self.zones = zones
        self.warnings: list[ParseWarning] = []

    def span(self, start: int, end: int) -> Span:
        return self.norm.span(start, end)

    def warn(self, code: str, message: str, span: Span | None = None) -> None:
        self.warnings.append(ParseWarning(code=code, message=message, span=span))

    # ------------------------------------------------------------ header

    def number(self) -> tuple[Number | None, ParsedNumber | None]:
        if self.zones.number is None:
            self.warn("W101", "no number (Số) in the header band")
            return None, None
        ln = self.lines[self.zones.number]
        rest_at = number_cue_end(ln)
        rest = ln.text[rest_at:]
        if not rest.strip() and ln.index + 1 < len(self.lines):
            ln, rest_at = self.lines[ln.index + 1], 0  # ``Số:`` wrapped before the number
            rest = ln.text
        cut = _NUMBER_END.search(rest)
        if cut:
            rest = rest[: cut.start()]
        blank = _BLANK_SERIAL.match(rest)
        if blank:  # scanner noise where the serial was left blank: ``( _/QĐ-UBND``
            rest_at += blank.end() - 1
            rest = rest[blank.end() - 1 :]
        joined = _SPLIT_SERIAL.sub(r"\1", rest)
        raw_len = _number_extent(joined) + (len(rest) - len(joined))
        raw = rest[:raw_len].rstrip(" .,;")
        if not raw or not _SEPARATOR.search(raw):
            self.warn("W102", f"number line without a number and symbol: {ln.text.strip()!r}")
            return None, None
        value = canonical(raw)
        value = _NOISE_BEFORE_SEPARATOR.sub("", value)
        parsed = parse_number(value)
        start = ln.start + rest_at
        span = self.span(start, start + len(raw))
        if parsed.serial is None:
            self.warn("W103", "the number's serial is blank (an unnumbered draft or a form)", span)
        number = Number(
            value=parsed.value if parsed.value == value else value,
            raw=raw,
            serial=parsed.serial,
            year=parsed.year,
            type_code=parsed.type_code,
            issuer_code=parsed.issuer_code,
            unit_code=parsed.unit_code,
            grammar=parsed.grammar,
            span=span,
        )
        return number, parsed

    def place_and_date(self) -> tuple[str | None, Span | None, str | None, Span | None]:
        if self.zones.date is None:
            self.warn("W111", "no place and date line in the header band")
            return None, None, None, None
        ln = self.lines[self.zones.date]
        # the year may sit on the next line of the cell (``ngày 21 tháng 01`` / ``năm 2010``)
        nxt = next((x for x in self.lines[ln.index + 1 : ln.index + 3] if not x.blank), None)
        folded = self.norm.folded
        end = nxt.end if nxt is not None else ln.end
        found = find_date(folded, ln.start, end)
        place = place_span = None
        comma = _COMMA_BEFORE_DATE.search(ln.folded)
        if comma:
            head = ln.text[: comma.start()]
            stripped = head.strip(" *_")
            if stripped and len(stripped) <= 45 and stripped[:1].isupper():
                at = ln.start + head.find(stripped)
                end_at = at + len(stripped)
                prev = self.lines[ln.index - 1] if ln.index > 0 else None
                if prev is not None and _place_fragment(prev.text):
                    # ``Thành phố Hồ Chí`` / ``Minh, ngày …``: a web page wrapped the place
                    stripped = f"{prev.text.strip()} {stripped}"
                    at = prev.start + prev.text.find(prev.text.strip())
                place, place_span = " ".join(stripped.split()), self.span(at, end_at)
        if found is None or found.value is None:
            self.warn("W112", f"date not readable: {ln.text.strip()!r}")
            return place, place_span, None, None
        span = self.span(found.start, found.end)
        if not found.valid:
            self.warn("W113", f"impossible date: {self.norm.text[found.start : found.end]!r}", span)
        return place, place_span, found.value, span

    # ------------------------------------------------------------ lists

    def recipients(self) -> list[Item]:
        at = self.zones.recipients
        if at is None:
            return []
        ln = self.lines[at]
        cue = KINH_GUI.match(ln.folded)
        col = cue.end() if cue else 0
        stop = (
            self.zones.closing
            if self.zones.closing is not None and self.zones.closing > at
            else self.seg.last
        )
        items, k = read_items(self.lines, at, col, min(stop, at + 40), recipients=True)
        while k < len(self.lines) and self.lines[k].blank:
            k += 1
        more = KINH_GUI.match(self.lines[k].folded) if k < min(stop, at + 40) else None
        if more:  # ``Đồng kính gửi:``: recipients of a copy, a second list
            extra, _ = read_items(self.lines, k, more.end(), min(stop, k + 20), recipients=True)
            items += extra
        return [self._item(i) for i in items]

    def distribution(self) -> list[Item]:
        at = self.zones.noi_nhan
        if at is None:
            return []
        ln = self.lines[at]
        cue = NOI_NHAN.match(ln.folded)
        col = cue.end() if cue else 0
        if in_capitals(ln.text[col:]):
            col = len(ln.text)  # ``Nơi nhận:   TM. ỦY BAN NHÂN DÂN``: the other column
        items, _ = read_items(self.lines, at, col, min(self.seg.last, at + 60), recipients=False)
        cut = (finish(_drop_signature_column(i)) for i in items)
        return [self._item(i) for i in cut if i is not None and i.text]

    def _item(self, item: ListItem) -> Item:
        return Item(text=item.text, span=self.span(item.start, item.end))

    # ------------------------------------------------------------ closing

    def signature(self) -> Signature | None:
        first = self.zones.closing
        if first is None:
            first = self._body_end()
        if first is None:
            return None
        stop = min(self.seg.last, first + 45)
        pieces = signature_pieces(self.lines, first, stop)
        found = read_signature(pieces, allow_title_only=True)
        if found is None and self.zones.closing is not None:
            body_end = self._body_end()
            if body_end is not None and body_end < first:
                found = read_signature(
                    signature_pieces(self.lines, body_end, stop), allow_title_only=True
                )
        if found is None:
            return None
        return self._signature(found)

    def _body_end(self) -> int | None:
        for ln in self.lines[self.zones.header_end : self.seg.last]:
            if BODY_END.search(ln.text):
                return ln.index
        return None

    def _signature(self, found: FoundSignature) -> Signature:
        chain = tuple(
            ChainLink(authority=a, on_behalf_of=who, span=self.span(s, e))
            for a, who, s, e in found.chain
        )
        if found.signer is None:
            self.warn(
                "W121", "signature block without a signer's name", self.span(found.start, found.end)
            )
        end = max(found.end, found.signer.end if found.signer else 0)
        return Signature(
            chain=chain,
            title=found.title.text if found.title else None,
            signer=found.signer.text if found.signer else None,
            span=self.span(found.start, end),
            title_span=self.span(found.title.start, found.title.end) if found.title else None,
            signer_span=self.span(found.signer.start, found.signer.end) if found.signer else None,
        )

    def footnotes(self) -> list[Footnote]:
        return [
            Footnote(mark=f.mark, text=f.text, span=self.span(f.start, f.end))
            for f in read_footnotes(self.lines, self.zones.footnotes, self.seg.last)
        ]


def _place_fragment(text: str) -> bool:
    """The head of a place name left alone on the line above (no digits, no punctuation)."""
    words = text.split()
    return (
        1 <= len(words) <= 4
        and sum(not w[:1].isupper() for w in words) <= 1  # ``Thành phố Hồ Chí``
        and words[0][:1].isupper()
        and not _NOT_IN_PLACE.search(text)
        and not any(c.isupper() for c in "".join(w[1:] for w in words))
    )


def _drop_signature_column(item: ListItem) -> ListItem:
    """Drop a signature title printed on the same line as a list item."""
    at = signature_column_start(item.text)
    if at is None:
        return item
    return ListItem(item.text[:at], item.start, item.start + at)  # ``finish`` trims it


def record_id(sha256: str, index: int) -> str:
    return "vb-" + hashlib.sha256(f"{sha256}:{index}".encode()).hexdigest()[:16]


def read_document(
    norm: Normalized,
    lines: list[Line],
    seg: Segment,
    *,
    index: int,
    source: str,
    sha256: str,
    encoding: str,
    encoding_confidence: float,
    title_names: dict[str, str],
) -> Record:
    zones = find_zones(lines, seg, title_names)
    r = _Reader(norm, lines, seg, zones)
    number, parsed = r.number()
    issuer = issuer_lines(lines, zones)
    system = system_of(lines, zones, parsed, issuer.name)
    doc_type = doc_type_of(lines, zones, parsed, system)
    place, place_span, date, date_span = r.place_and_date()
    subject = subject_text(lines, zones)
    found_marks = marks_of(lines, zones)
    signature = r.signature()
    start_off = lines[seg.first].start
    end_off = lines[seg.last - 1].end if seg.last > seg.first else start_off
    own = []
    if number is not None and zones.number is not None:
        ln = lines[zones.number]
        own.append((ln.start, ln.end))
    citations = [
        c
        for c in find_citations(norm.text, norm.folded, start_off, end_off, own)
        if number is None or canonical(c.number or "").casefold() != number.value.casefold()
    ]
    issuer_model = None
    if issuer.name is not None:
        first, last = issuer.lines[0], issuer.lines[-1]
        issuer_model = Issuer(
            name=issuer.name, parent=issuer.parent, span=r.span(first.start, last.end)
        )
    title_span = None
    if zones.title is not None:
        title_span = r.span(lines[zones.title.first].start, lines[zones.title.last].end)
    subject_span = None
    if zones.subject:
        first_line = lines[zones.subject[0]]
        subject_span = r.span(first_line.start + zones.subject_column, lines[zones.subject[-1]].end)
    return Record(
        id=record_id(sha256, index),
        source=Source(
            path=source,
            index=index,
            span=r.span(start_off, end_off),
            sha256=sha256,
            encoding=encoding,
            encoding_confidence=round(encoding_confidence, 3),
        ),
        system=system,
        issuer=issuer_model,
        number=number,
        doc_type=doc_type,
        place=place,
        date=date,
        subject=subject,
        marks=Marks(**{k: v for k, (v, _) in found_marks.items()}),
        recipients=tuple(r.recipients()),
        signature=signature,
        distribution=tuple(r.distribution()),
        footnotes=tuple(r.footnotes()),
        citations=tuple(
            Citation(
                number=c.number,
                doc_type=c.doc_type,
                date=c.date,
                issuer=c.issuer,
                title=c.title,
                text=norm.text[c.start : c.end],
                span=r.span(c.number_start, c.number_end) if c.number else r.span(c.start, c.end),
                relation=c.relation,
            )
            for c in citations
        ),
        warnings=tuple(r.warnings),
        spans=FieldSpans(
            doc_type=title_span,
            place=place_span,
            date=date_span,
            subject=subject_span,
            marks=tuple(r.span(ln.start, ln.end) for _, ln in found_marks.values()),
        ),
    )
