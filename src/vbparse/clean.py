"""A clean text for people who want a corpus, not records (``vbparse normalize``).

The extractor never rewrites the text it reads: its spans point into the decoded source.
This module makes a separate, readable copy: the normalised lines (NFC, invisible spaces,
markdown and table leftovers, page furniture gone, header columns on their own lines),
words that a hyphen or a page break split joined again, tidy whitespace, and, if asked,
one tone placement throughout.

Tone placement is spelling, not Unicode: ``hoà``/``hòa``, ``thuỷ``/``thủy``, ``hoè``/``hòe``
are the same words.  NĐ 30/2020 and the dictionaries differ; ``old`` puts the tone on the
first vowel of an open ``oa oe uy`` (``hòa``, ``thủy``), ``new`` on the second (``hoà``,
``thuỷ``), ``keep`` leaves every word as printed.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

import regex

from vbparse.decode import is_vietnamese_syllable
from vbparse.normalize import normalize

ToneStyle = Literal["keep", "old", "new"]

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền sắc ngã hỏi nặng
# ``oa`` ``oe`` ``uy`` closing a word (an open rhyme), not after ``q`` (``quá``: the u
# belongs to the onset) and not before another letter (``hoàn``, ``khuyên``).
# Matched on NFD text, where a tone is a combining mark after its vowel.
_OPEN_GLIDE = regex.compile(
    r"(?<![qQ]\p{M}{0,2})(?P<rhyme>[oO][\u0300-\u0323]?[aAeE][\u0300-\u0323]?|"
    r"[uU][\u0300-\u0323]?[yY][\u0300-\u0323]?)(?![\p{L}\p{M}])"
)
_HYPHENATED = regex.compile(r"(?P<left>\p{L}+)-\n[ \t]*(?P<right>\p{Ll}+)")
_PAGE_SPLIT = regex.compile(r"(?P<left>\p{L}+)\n(?:[ \t]*\n){1,3}[ \t]*(?P<right>\p{Ll}+)")
_SPACES = regex.compile(r"[ \t]{2,}")
_TRAILING = regex.compile(r"[ \t]+$", regex.MULTILINE)
_BLANK_RUNS = regex.compile(r"\n{3,}")


def clean_text(text: str, *, tone_style: ToneStyle = "keep") -> str:
    """The clean copy of a decoded dump."""
    lines = normalize(text).text
    lines = _TRAILING.sub("", _SPACES.sub(" ", lines))
    lines = _HYPHENATED.sub(_join_if_one_syllable, lines)
    lines = _PAGE_SPLIT.sub(_join_page_split, lines)
    lines = _BLANK_RUNS.sub("\n\n", lines).strip("\n") + "\n"
    return lines if tone_style == "keep" else retone(lines, tone_style)


def _join_if_one_syllable(m: regex.Match[str]) -> str:
    """``tri-`` / ``ển`` is one word when together they spell a syllable."""
    joined = m["left"] + m["right"]
    return joined if is_vietnamese_syllable(joined) else m.group()


def _join_page_split(m: regex.Match[str]) -> str:
    """A word that a page break cut: neither half is a word, together they are."""
    left, right = m["left"], m["right"]
    if is_vietnamese_syllable(left) or is_vietnamese_syllable(right):
        return m.group()
    joined = left + right
    return joined if is_vietnamese_syllable(joined) else m.group()


def retone(text: str, style: Literal["old", "new"]) -> str:
    """Move the tone of open ``oa oe uy`` rhymes to the first (old) or second (new) vowel."""

    def move(m: regex.Match[str]) -> str:
        rhyme = m["rhyme"]
        tones = [c for c in rhyme if c in _TONES]
        if len(tones) != 1:
            return rhyme
        first, second = (c for c in rhyme if c not in _TONES)
        return first + tones[0] + second if style == "old" else first + second + tones[0]

    return unicodedata.normalize("NFC", _OPEN_GLIDE.sub(move, unicodedata.normalize("NFD", text)))
