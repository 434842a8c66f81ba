"""List fields: the ``Kính gửi`` recipients and the ``Nơi nhận`` distribution.

Items are bullet lines (``- …;``), possibly wrapped over several lines, or one line
holding several items (``Nơi nhận: - Như trên; - Lưu: VT.`` from a flattened table).
An item keeps its words; the bullet and the trailing ``;`` ``,`` ``.`` go.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from vbparse.lines import Line
from vbparse.vocab import cue

_KINH_GUI = cue("kinh_gui")

BULLET = regex.compile(r"^\s*(?:[-–—+•·*~]|\d{1,2}[.)]|[a-zđ][.)])\s*")
_INLINE_ITEMS = regex.compile(r"(?:(?<=[;,.:)])|^)\s*[-–—+•]\s+")
# A recipient's address, tax code or contacts, on their own line (perhaps in brackets).
_NOT_RECIPIENT = regex.compile(
    r"^\(\s*(?:lo|so)\s*\d|^\(?\s*(?:ma\s*so\s*thue|mst|dia\s*chi|dien\s*thoai|dt\b|fax|email|e-mail|website|so\s*tai\s*khoan)\b"
)
_PLACEHOLDER = regex.compile(r"^\(?\s*(?:da\s*ky|ky\b|chu\s*ky|handwritten|signed)")
_WORD_CHAR = regex.compile(r"\w")
_DIGIT = regex.compile(r"\d")
_BULLET_AT_END = regex.compile(r"\s*[-–—+•]$")


@dataclass(frozen=True)
class ListItem:
    text: str
    start: int  # clean-text offsets
    end: int


def _trim(line: Line, start: int, end: int) -> ListItem | None:
    """An item from ``line.text[start:end]``: bullet and trailing punctuation removed."""
    piece = line.text[start:end]
    bullet = BULLET.match(piece)
    if bullet:
        start += bullet.end()
        piece = piece[bullet.end() :]
    stripped = piece.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    stripped = stripped.strip()
    if not stripped or not _WORD_CHAR.search(stripped):
        return None
    s = line.start + start + lead
    return ListItem(stripped, s, s + len(stripped))


def _split_inline(line: Line, start: int) -> list[ListItem]:
    """Items of one line, split at bullets that follow a separator."""
    text = line.text
    cuts = [m.end() for m in _INLINE_ITEMS.finditer(text, start)]
    if not cuts:
        item = _trim(line, start, len(text))
        return [item] if item else []
    bounds = [*cuts, len(text) + 1]
    items: list[ListItem] = []
    if text[start : cuts[0]].strip(" -–—+•"):
        head = _trim(line, start, cuts[0])
        if head:
            items.append(head)
    for a, b in itertools.pairwise(bounds):
        item = _trim(line, a, min(b, len(text)))
        if item:
            items.append(_strip_bullet_tail(item))
    return items


def _strip_bullet_tail(item: ListItem) -> ListItem:
    text = _BULLET_AT_END.sub("", item.text)
    return ListItem(text, item.start, item.start + len(text))


# Scan debris after an item's end: a stamp or the signature column beside the list.
# After ``;`` a few characters (``Như trên; 7``, ``VP.Tỉnh ủy; VẮM ĐC``), unless a
# bracketed note (``; (báo cáo)``) or a list after a colon (``Các Bộ: TC; GD&ĐT``); after
# the closing ``.`` of ``Lưu`` a scrap that does not start with a capital (``DNNCN. p``,
# ``(16b).¿``), after its ``)`` any scrap (``(7-20) L``); never a code (``P.TH``), a copy
# count (``. 05b``) or the drafter's initials (``Lưu: VT, CN (2). Ha``).
_DEBRIS_AFTER_SEMICOLON = regex.compile(r"^(?P<item>[^:]*?);\s*(?!\()\S(?:[^;]{0,7})$")
_DEBRIS_AFTER_END = regex.compile(
    r"(?:(?<=[.)])\s*(?=[^\p{Lu}\s])|(?<=\))\s+)"
    r"(?!.*\d\s*b\b)(?!.*\p{L}{3})(?!.*\p{Lu}\p{Ll})[^()]{1,6}$"
)
_TRAILING_MARKS = regex.compile(r"[^\w)\]\"”’]+$")
_LUU = regex.compile(r"^\W*[lk][uư]u\b", regex.IGNORECASE)


def _without_debris(text: str) -> str:
    if _LUU.match(text):
        return _DEBRIS_AFTER_END.sub("", text)
    return _DEBRIS_AFTER_SEMICOLON.sub(r"\g<item>", text)


def finish(item: ListItem) -> ListItem | None:
    """An item without trailing separators, stray marks and scan debris.

    ``Lãnh đạo Cục; ⁄`` → ``Lãnh đạo Cục``."""
    text = _TRAILING_MARKS.sub("", _without_debris(_TRAILING_MARKS.sub("", item.text)))
    if not _WORD_CHAR.search(text):
        return None
    return ListItem(text, item.start, item.start + len(text))


def _wrapped_onto(item: ListItem, line: Line) -> bool:
    """Whether ``item`` began above ``line`` and took it as a continuation."""
    return item.start < line.start <= item.end


def _join(a: ListItem, b: ListItem) -> ListItem:
    return ListItem(f"{a.text} {b.text}", a.start, b.end)


def read_items(
    lines: list[Line], first: int, first_col: int, stop: int, *, recipients: bool
) -> tuple[list[ListItem], int]:
    """Items from ``lines[first]`` (starting at column ``first_col``) up to ``stop``.

    Returns the items and the index of the first line not consumed."""
    items: list[ListItem] = (
        _split_inline(lines[first], first_col) if first_col < len(lines[first].text) else []
    )
    open_item = bool(items) and not lines[first].text.rstrip().endswith((";", ".", ","))
    k = first + 1
    blank_run = 0
    while k < stop:
        ln = lines[k]
        if ln.blank:
            blank_run += 1
            if blank_run > (1 if items else 3):
                break
            k += 1
            continue
        folded = ln.folded.strip()
        bullet = BULLET.match(ln.text)
        if not recipients and not bullet and (ln.upper or _PLACEHOLDER.match(folded)):
            k += 1  # the signature column printed between the list's lines
            continue
        if recipients and items and _KINH_GUI.match(folded):
            break  # ``Đồng kính gửi:``: a second list, which the caller reads
        if recipients and _NOT_RECIPIENT.match(folded):
            # a recipient's address or tax code, perhaps wrapped until its ``)``
            opened = folded.startswith("(") and ")" not in folded
            k += 1
            while opened and k < min(stop, first + 40) and not lines[k].blank:
                opened = ")" not in lines[k].text
                k += 1
            continue
        if bullet and _DIGIT.match(ln.text.strip()) and recipients and items:
            break  # numbered paragraphs of the body
        if bullet:
            new = _split_inline(ln, 0)
            items.extend(new)
            open_item = not ln.text.rstrip().endswith((";", ".", ","))
            blank_run = 0
            k += 1
            continue
        if (
            recipients
            and items
            and _wrapped_onto(items[-1], lines[k - 1])
            and ln.text.lstrip()[:1].isupper()
        ):
            break  # a capital line under a recipient already wrapped once: the body begins
        if (
            items
            and (open_item or (blank_run == 0 and not items[-1].text.endswith(".")))
            and len(ln.text) < 120
            and blank_run == 0
            and not ln.upper
        ):
            cont = _trim(ln, 0, len(ln.text))
            if cont:
                items[-1] = _join(items[-1], cont)
            open_item = not ln.text.rstrip().endswith((";", ".", ","))
            k += 1
            continue
        if recipients and not items and len(ln.text) < 150:
            new = _split_inline(ln, 0)
            items.extend(new)
            open_item = not ln.text.rstrip().endswith((";", ".", ","))
            k += 1
            continue
        if (
            recipients
            and items
            and blank_run == 0
            and len(ln.text) < 100
            and ln.text.rstrip().endswith((";", ",", "."))
            and not _DIGIT.match(ln.text)
        ):
            items.extend(_split_inline(ln, 0))
            k += 1
            continue
        break
    return [f for item in items if (f := finish(item))], k
