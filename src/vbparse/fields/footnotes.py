"""Footnotes: superscript marks (``¹ …``) and Markdown ``[^n]: …`` definitions.

Conversions leave footnote texts wherever the page broke, often mid-body; a footnote
line is recognised by its leading mark, and its text runs to the next blank line.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vbparse.lines import Line
from vbparse.normalize import is_boilerplate

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARK = regex.compile(r"^(?P<mark>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?(?P<md>\d+)\]:?)\s*")
_WORD = regex.compile(r"\p{L}{2}")
_OCR_MARK = regex.compile(r"^(?P<mark>[^\p{Lu}\s]|\p{Lu}(?=\s+[\p{Lu}\d]))\s+|")
# A web page's trailer repeating the document's title (``Công văn 10988/BNV-CQĐP năm 2025 …``)
_TRAILER = regex.compile(r"^\p{Lu}\p{Ll}+(?:\s\p{Ll}+)?\s+\d+[/-]\S+\s+(?:năm|ngày)\s")


@dataclass(frozen=True)
class FoundFootnote:
    mark: str
    text: str
    start: int  # clean offsets of the text
    end: int


def read_footnotes(lines: list[Line], indices: tuple[int, ...], stop: int) -> list[FoundFootnote]:
    found: list[FoundFootnote] = []
    for i in indices:
        ln = lines[i]
        m = _MARK.match(ln.text)
        if m:
            mark = m["md"] or m["mark"].translate(SUPERSCRIPTS)
        else:
            # An OCR'd mark (or none) is a digit when it survived, else the note's place.
            m = _OCR_MARK.match(ln.text)
            assert m is not None  # the pattern's last branch matches the empty string
            mark = m["mark"] if (m["mark"] or "").isdigit() else str(len(found) + 1)
        parts = [ln.text[m.end() :].strip()]
        end = ln.end
        k = i + 1
        while (
            k < stop
            and not lines[k].blank
            and k not in indices
            and len(parts) < 12
            and not is_boilerplate(lines[k].folded.strip())
            and not _TRAILER.match(lines[k].text)
            and _WORD.search(lines[k].text)  # not stamp or scan debris (``“)``)
        ):
            parts.append(lines[k].text.strip())
            end = lines[k].end
            k += 1
        text = " ".join(p for p in parts if p)
        if text:
            found.append(FoundFootnote(mark, text, ln.start + m.end(), end))
    return found
