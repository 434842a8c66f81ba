"""The signature block: authority chain, title and signer (NĐ 30/2020 Phụ lục I §II.7).

``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` / name; Party ``T/M``,
``K/T``, ``T/L``.  In dumps the block is often interleaved with the ``Nơi nhận`` column
(``- Như trên; PHÓ CỤC TRƯỞNG``) or flattened into one cell
(``KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam``); both are taken apart here.
Placeholders (``(Đã ký)``, ``(Handwritten signature)``), digital-signature metadata
and stamp noise are never part of a field.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vbparse.fold import fold
from vbparse.lines import Line, in_capitals
from vbparse.vocab import authorities, titles


def _prefix_alternatives(*, upper: bool = False, shortest: int = 1) -> str:
    """The authority prefixes of authorities.json as one alternation, longest first, with
    the stray spaces dumps put around ``/`` and ``.`` (``T / M``)."""
    keys = sorted(
        {k.upper() if upper else k for k in authorities() if len(k) >= shortest},
        key=lambda k: (-len(k), k),
    )
    patterns = ("".join(r"\s*[/.]\s*" if c in "/." else regex.escape(c) for c in k) for k in keys)
    return "|".join(dict.fromkeys(patterns))  # ``t/m`` and ``t.m`` give one pattern


_PREFIX = regex.compile(
    r"^[\W_]{0,3}(?P<p>" + _prefix_alternatives() + r")(?:\s*[.:,]\s*|\s+)(?=\S)",
    regex.IGNORECASE,
)
# A prefix in capitals opening the signature column after a list item (``; KT. CỤC``);
# not ``Q.``, which is also the district of an address (``UBND Q. Ba Đình``).
_COLUMN_PREFIX = regex.compile(
    r"\s(?=[\W_]{0,2}(?:" + _prefix_alternatives(upper=True, shortest=2) + r")\s*[.:,]\s*\p{Lu})"
)
_BARE_PREFIX = regex.compile(
    r"^[\W_]{0,3}(?:" + _prefix_alternatives(upper=True, shortest=2) + r")\s*[.:]?\s*$"
)
# A second prefix inside one line (``TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH``).
_INNER_PREFIX = regex.compile(
    r"\s(?=(?:" + _prefix_alternatives(upper=True, shortest=2) + r")\s*\.)"
)
_PLACEHOLDER = regex.compile(
    r"^\(?\s*(?:da\s*ky|ky\b|ky,|chu\s*ky|handwritten|signed|dong\s*dau|ky\s*ten|ky\s*va|kt\s*$)|"
    r"^(?:ky\s*boi|nguoi\s*ky|co\s*quan\s*:|thoi\s*gian\s*ky|email|ngay\s*ky)"
)
_ACADEMIC = regex.compile(
    r"^(?:(?:P?GS|TS|ThS|Th\.s|BS|DS|Ds|KS|CN|Ths|TS\.BS|BSCKII|BSCKI)\.?\s*)+(?=\p{Lu})"
)
_NAME_WORD = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}'’]*$")
_LIST_LINE = regex.compile(r"^\s*(?:[-–+•]|noi\s*nhan)")
_WIDE_GAP = regex.compile(r"(?<=\S)(?:\s{3,}|(?<=[;:,.])\s{2,})(?=\S)")
_AFTER_PUNCTUATION = regex.compile(r"(?<=[;:,.)])\s+")
_BEFORE_WORD = regex.compile(r"\s(?=\S)")
_NOT_IN_NAME = regex.compile(r"[\d:;/()\[\]@]")
_SPACES = regex.compile(r"\s+")
_WORD = regex.compile(r"\S+")


@dataclass(frozen=True)
class Piece:
    text: str
    start: int  # clean offsets
    end: int


@dataclass(frozen=True)
class FoundSignature:
    chain: tuple[tuple[str, str | None, int, int], ...]
    title: Piece | None
    signer: Piece | None
    start: int
    end: int


def _is_upper(text: str) -> bool:
    return in_capitals(text, fewest_letters=3)


def _piece(line: Line, a: int, b: int) -> Piece | None:
    raw = line.text[a:b]
    lead = len(raw) - len(raw.lstrip(" *_"))
    text = raw.strip(" *_")
    if not text:
        return None
    return Piece(text, line.start + a + lead, line.start + a + lead + len(text))


def signature_pieces(lines: list[Line], first: int, stop: int) -> list[Piece]:
    """The signature column of the closing: whole lines, or the capital tail of a
    distribution line that a flattened table printed beside it."""
    pieces: list[Piece] = []
    for ln in lines[first:stop]:
        if ln.blank:
            continue
        text = ln.text
        folded = ln.folded.strip()
        listish = _LIST_LINE.match(folded) is not None or (
            folded.startswith("luu") and not _name_like(text)
        )
        if listish:
            tail = signature_column_start(text)
            if tail is not None:
                piece = _piece(ln, tail, len(text))
                if piece:
                    pieces.append(piece)
            continue
        piece = _piece(ln, 0, len(text))
        if piece:
            pieces.append(piece)
    return pieces


def signature_column_start(text: str) -> int | None:
    """Where the signature column starts in a line of the ``Nơi nhận`` column: a capital
    run after a list item (``- Như trên; PHÓ CỤC TRƯỞNG``), an authority prefix, or
    anything past a wide gap (``- UBND các huyện;    Nguyễn Văn Hiệp``)."""
    prefix = _COLUMN_PREFIX.search(text)
    if prefix:
        return prefix.end()
    gap = _WIDE_GAP.search(text)
    if gap:
        return gap.end()
    for m in _AFTER_PUNCTUATION.finditer(text):
        tail = text[m.end() :]
        if _is_upper(tail) and _starts_title(tail):
            return m.end()
    return None


def _split_title(text: str) -> tuple[str, str | None]:
    """``BỘ TRƯỞNG THỨ TRƯỞNG`` → (``BỘ TRƯỞNG``, ``THỨ TRƯỞNG``), ``CHÍNH PHỦ THỦ TƯỚNG``
    → (``CHÍNH PHỦ``, ``THỦ TƯỚNG``): a chain line that also carries the title, as a
    flattened table prints it.  A deputy's title (``PHÓ …``, ``THỨ TRƯỞNG``) after the
    head's, or a head's title after a collective body, starts the title."""
    folded = fold(text)
    vocab = titles()
    deputies = tuple(vocab["deputy_prefixes"])
    heads = tuple(vocab["heads"])
    body = max((c for c in vocab["collectives"] if folded.startswith(c)), key=len, default="")
    collective = bool(body)
    head_first = folded.startswith(heads) and not collective
    for m in _BEFORE_WORD.finditer(folded):
        rest = folded[m.end() :]
        if m.start() < len(body):
            continue  # inside the body's own name (``BAN BÍ THƯ`` holds ``BÍ THƯ``)
        if m.start() > 0 and (rest.startswith(deputies) or (collective and rest.startswith(heads))):
            return text[: m.start()].strip(" ,"), text[m.end() :].strip()
    if head_first:  # ``BỘ TRƯỞNG CỤC TRƯỞNG CỤC NGƯỜI CÓ CÔNG``: a head signing for a head
        for m in _BEFORE_WORD.finditer(folded):
            before = folded[: m.start()]
            if before in heads and folded[m.end() :].startswith(heads):
                return text[: m.start()].strip(" ,"), text[m.end() :].strip()
    return text, None


def _name_like(text: str) -> bool:
    text = _ACADEMIC.sub("", text).strip(" .")
    words = text.split()
    if not 2 <= len(words) <= 6 or _NOT_IN_NAME.search(text):
        return False
    if _is_upper(text):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= max(2, len(words) - 1) and len(text) <= 45


def _strip_academic(piece: Piece) -> Piece:
    m = _ACADEMIC.match(piece.text)
    if not m or not m.end():
        return piece
    return Piece(piece.text[m.end() :], piece.start + m.end(), piece.end)


def _authority(prefix: str) -> str | None:
    key = _SPACES.sub("", prefix.lower())
    table = authorities()
    return table.get(key)


def read_signature(pieces: list[Piece], *, allow_title_only: bool) -> FoundSignature | None:
    """The first signature block among the pieces of the closing."""
    pieces = _merge_wrapped(pieces)
    chain: list[tuple[str, str | None, int, int]] = []
    title: Piece | None = None
    signer: Piece | None = None
    start = end = -1
    k = 0
    while k < len(pieces):
        p = pieces[k]
        fp = fold(p.text)
        if _PLACEHOLDER.match(fp):
            k += 1
            continue
        m = _PREFIX.match(p.text)
        if m and _is_upper(_without_name(p.text[m.end() :])) and signer is None and title is None:
            parts = _INNER_PREFIX.split(p.text)
            offset = 0
            for part in parts:
                at = p.text.find(part, offset)
                offset = at + len(part)
                pm = _PREFIX.match(part)
                if not pm:
                    continue
                body = part[pm.end() :]
                name_at = _mixed_case_tail(body)
                if name_at is not None:
                    signer = Piece(body[name_at:].strip(), 0, 0)
                    signer = Piece(
                        signer.text,
                        p.start + at + pm.end() + name_at,
                        p.start + at + pm.end() + len(body.rstrip()),
                    )
                    body = body[:name_at]
                who, rest = _split_title(body.strip(" .,"))
                authority = _authority(pm["p"])
                if authority:
                    chain.append(
                        (
                            authority,
                            who.strip(" .,") or None,
                            p.start + at,
                            p.start + at + len(part),
                        )
                    )
                if rest:
                    t_at = p.start + at + pm.end() + body.find(rest)
                    title = Piece(rest.strip(" .,"), t_at, t_at + len(rest.strip(" .,")))
            if start < 0:
                start = p.start
            end = p.end
            k += 1
            continue
        if (
            (chain or allow_title_only)
            and title is None
            and signer is None
            and _is_upper(_without_name(p.text))
            and len(p.text) <= 80
        ):
            if not chain and not _title_like(p.text):
                k += 1
                continue
            name_at = _mixed_case_tail(p.text)
            title_text = p.text if name_at is None else p.text[:name_at]
            title = Piece(title_text.strip(" .,"), p.start, p.start + len(title_text.strip(" .,")))
            if name_at is not None:
                signer = _strip_academic(Piece(p.text[name_at:].strip(), p.start + name_at, p.end))
            if start < 0:
                start = p.start
            end = p.end
            k += 1
            if signer is not None:
                break
            continue
        if (
            not chain
            and title is None
            and signer is None
            and allow_title_only
            and _name_like(p.text)
        ):
            # a name alone under the list: a letter signed without a printed title
            return FoundSignature((), None, _strip_academic(p), p.start, p.end)
        if (chain or title) and signer is None:
            name = _wrapped_name(pieces, k)
            if name is not None or _name_like(p.text):
                signer = _strip_academic(name or p)
                end = signer.end
                break
        if chain or title:
            if signer is not None:
                break
            if _is_upper(p.text) or len(p.text) <= 12:
                k += 1  # stamp noise, a second column's title
                continue
            k += 1
            if k - _index_of(pieces, start) > 10:
                break
            continue
        k += 1
    if not chain and title is None:
        return None
    return FoundSignature(tuple(chain), title, signer, start, max(end, start))


def _wrapped_name(pieces: list[Piece], k: int) -> Piece | None:
    """A signer's name that the page wrapped onto two lines (``Lê Tấn`` / ``Cận``)."""
    if k + 1 >= len(pieces):
        return None
    first, second = pieces[k], pieces[k + 1]
    words = first.text.split() + second.text.split()
    if (
        second.start - first.end > 2
        or len(first.text.split()) > 3
        or not 2 <= len(words) <= 4
        or not all(_NAME_WORD.match(w) and not w.isupper() for w in words)
    ):
        return None
    joined = Piece(f"{first.text.strip()} {second.text.strip()}", first.start, second.end)
    return joined if _name_like(joined.text) else None


def _without_name(text: str) -> str:
    at = _mixed_case_tail(text)
    return text if at is None else text[:at]


def _starts_title(text: str) -> bool:
    starts: list[str] = titles()["title_starts"]
    return fold(text.strip(" .,")).startswith(tuple(starts))


def _merge_wrapped(pieces: list[Piece]) -> list[Piece]:
    """Join capital lines that a web page wrapped (``TM. ỦY BAN`` / ``NHÂN DÂN``): a capital
    line continues the chain or title above it unless it opens a new one."""
    merged: list[Piece] = []
    for p in pieces:
        if merged and p.start - merged[-1].end <= 2 and _continues(merged[-1].text, p.text):
            prev = merged[-1]
            merged[-1] = Piece(f"{prev.text} {p.text}", prev.start, p.end)
        else:
            merged.append(p)
    return merged


def _continues(prev: str, text: str) -> bool:
    """Whether capital line ``text`` is the wrapped rest of ``prev``, the line above it."""
    if _BARE_PREFIX.match(prev):
        return True  # ``TL.`` / ``CỤC TRƯỞNG``
    if not _is_upper(text) or _PREFIX.match(text):
        return False
    prefix = _PREFIX.match(prev)
    if prefix is None:
        return len(prev.split()) == 1 and _is_upper(prev)  # ``CHỦ`` / ``TỊCH``
    if len(prev[prefix.end() :].split()) == 1:
        return True  # ``TM. BAN`` / ``BÍ THƯ``
    return (
        _mixed_case_tail(prev) is None
        and (not _starts_title(text) or prev.rstrip().endswith((",", "-", "&")))
        and len(text) <= 40
    )


def _index_of(pieces: list[Piece], start: int) -> int:
    for i, p in enumerate(pieces):
        if p.start == start:
            return i
    return 0


def _mixed_case_tail(text: str) -> int | None:
    """Where a mixed-case name starts after capital words (a flattened cell)."""
    words = list(_WORD.finditer(text))
    for i, w in enumerate(words):
        if (
            i >= 1
            and _NAME_WORD.match(w.group())
            and len(w.group()) > 1
            and not w.group().isupper()
        ):
            tail = text[w.start() :]
            if _name_like(tail):
                return w.start()
    return None


def _title_like(text: str) -> bool:
    """A title line with no authority before it (``GIÁM ĐỐC``, ``BỘ TRƯỞNG, CHỦ NHIỆM``)."""
    folded = fold(text)
    heads: list[str] = titles()["heads"]
    deputies: list[str] = titles()["deputy_prefixes"]
    return len(folded) <= 60 and (
        any(h in folded for h in heads) or folded.startswith(tuple(d.strip() for d in deputies))
    )
