"""Footnotes: superscript marks (``¹ …``) and Markdown ``[^n]: …`` definitions.

Conversions leave footnote texts wherever the page broke, often mid-body; a footnote
line is recognised by its leading mark, and its text runs to the next blank line.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vbparse.lines import Line

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARK = regex.compile(r"^(?P<mark>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^(?P<md>\d+)\]:)\s*")


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
        if not m:
            continue
        mark = m["md"] or m["mark"].translate(SUPERSCRIPTS)
        parts = [ln.text[m.end() :].strip()]
        end = ln.end
        k = i + 1
        while k < stop and not lines[k].blank and k not in indices and len(parts) < 12:
            parts.append(lines[k].text.strip())
            end = lines[k].end
            k += 1
        text = " ".join(p for p in parts if p)
        if text:
            found.append(FoundFootnote(mark, text, ln.start + m.end(), end))
    return found
