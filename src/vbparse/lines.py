"""Clean lines: the unit the segmenter, the zoner and the field readers work on."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vbparse.normalize import Normalized

# Patterns are compiled once here: ``regex.search(pattern, …)`` looks its pattern up in
# the module cache at each call, which costs far more than the search of a short line.
_LETTER_OR_DIGIT = regex.compile(r"[^\W_]")


def in_capitals(text: str, *, fewest_letters: int = 2) -> bool:
    """Printed in capitals, allowing OCR a few small letters (``TONG ce TRƯỞNG``)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= fewest_letters and sum(c.isupper() for c in letters) >= 0.85 * len(
        letters
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
        """Printed in capitals (a header, title or signature line)."""
        return in_capitals(self.text)

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
