"""One key for every printing of an issuing body's name, and the best printing to show.

Headers print one body in many ways: with or without diacritics (``SỞ Y TẾ`` /
``SƠ Y TE``), spaced out by OCR (``B Ộ LAO ĐỘNG``), abbreviated (``UBND TỈNH`` /
``ỦY BAN NHÂN DÂN TỈNH``), with scanner debris at either end (``SỞ Y TẾ _``).  The key
drops all of that: accents, case, punctuation and the spaces between words, after the
abbreviations of ``data/issuer_abbreviations.json`` are spelled out.
"""

from __future__ import annotations

import string
from functools import cache

import regex

from vbparse import vocab
from vbparse.fold import fold

# Folded, a Vietnamese letter is one of a-z; anything else is punctuation or debris
# (``ˆ``, ``†``: scanner marks read as modifier letters and symbols).
_LETTERS_AND_DIGITS = frozenset(string.ascii_lowercase + string.digits)
_NOT_A_LETTER = regex.compile(r"[^a-z0-9]+")


@cache
def _abbreviations() -> dict[str, str]:
    data: dict[str, str] = vocab.load("issuer_abbreviations")
    return {word: words for word, words in data.items() if not word.startswith("_")}


def issuer_key(printed: str) -> str | None:
    """The grouping key of a printed name; None when it holds no letter or digit."""
    words = _NOT_A_LETTER.sub(" ", fold(printed)).split()
    spelled_out = (_abbreviations().get(word, word) for word in words)
    return "".join("".join(spelled_out).split()) or None


def tidy(printed: str) -> str:
    """``printed`` with its white space collapsed and debris trimmed from both ends.

    A bracket that closes at the end (``SỞ Y TẾ (DỰ ÁN)``) or opens at the start is kept.
    """
    text = " ".join(printed.split())
    start, end = 0, len(text)
    while start < end and not _keeps(text[start], "("):
        start += 1
    while end > start and not _keeps(text[end - 1], ")"):
        end -= 1
    return text[start:end]


def _keeps(ch: str, bracket: str) -> bool:
    return ch == bracket or fold(ch) in _LETTERS_AND_DIGITS


def spelling_rank(printed: str) -> tuple[int, int]:
    """How good a printing is to show: more diacritics (OCR loses them), then fewer words
    (OCR splits them: ``V À X Ã HỘI``)."""
    accented = sum(1 for ch in printed if fold(ch) != ch.lower())
    return accented, -len(printed.split())
