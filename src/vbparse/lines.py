"""Clean lines: the unit the segmenter, the zoner and the field readers work on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from vbparse.normalize import Normalized

# Patterns are compiled once here: ``regex.search(pattern, …)`` looks its pattern up in
# the module cache at each call, which costs far more than the search of a short line.
_LETTER_OR_DIGIT = regex.compile(r"[^\W_]")


def in_capitals(text: str, *, fewest_letters: int = 2) -> bool:
    """Printed in capitals, allowing OCR a few small letters (``TONG ce TRƯỞNG``): at least
    85 % of its letters (``str.isalpha``) are capitals (``str.isupper``)."""
    # Each character becomes its class in one ``translate``; counting those runs in C,
    # about twice as fast as testing the characters one by one.
    kinds = text.translate(_letter_kinds())
    capitals = kinds.count("U")
    letters = capitals + kinds.count("l")
    if letters + kinds.count(" ") != len(text):  # a character past the table (an emoji)
        found = [c for c in text if c.isalpha()]
        letters, capitals = len(found), sum(c.isupper() for c in found)
    return letters >= fewest_letters and capitals >= 0.85 * letters


@cache
def _letter_kinds() -> str:
    """For each code point of the Basic Multilingual Plane: ``U`` a capital letter, ``l``
    another letter, a space anything else."""
    return "".join(
        ("U" if c.isupper() else "l") if c.isalpha() else " " for c in map(chr, range(0x10000))
    )


@dataclass(frozen=True)
class Line:
    index: int
    start: int  # offsets in the clean text
    end: int
    text: str
    folded: str

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def upper(self) -> bool:
        """Printed in capitals (a header, title or signature line).  Asked by the segmenter,
        the zoner and the field readers alike: worked out once (kept by hand, as
        ``functools.cached_property`` takes a lock at every read)."""
        known: bool | None = self.__dict__.get("_upper")
        if known is None:
            known = in_capitals(self.text)
            object.__setattr__(self, "_upper", known)
        return known

    @property
    def rule(self) -> bool:
        """A rule line (``-----``, ``____``, ``***``) or a lone Party star."""
        return bool(self.text) and not _LETTER_OR_DIGIT.search(self.text)


def split_lines(norm: Normalized) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, text in enumerate(norm.text.split("\n")):
        end = pos + len(text)
        lines.append(Line(i, pos, end, text, norm.folded[pos:end]))
        pos = end + 1
    return lines
