"""Document numbers and symbols: the three grammars and their canonical form.

- administrative ``N/TYPE-BODY`` (``15/QĐ-BNV``) and letters ``N/BODY-UNIT`` (``4614/VP-KGVX``);
- normative ``N/YYYY/TYPE-BODY`` (``30/2020/NĐ-CP``, ``59/2020/QH14``);
- Party ``N-TYPE/BODY[-BODY2]`` (``176-CV/TU``, ``05-QC/BTCTU-BDVTU``).

The canonical value drops every space, writes dashes as ``-`` and keeps letters as
printed (``Đ`` already fixed by normalisation), so ``Số: 17 -CV/ĐU`` is ``17-CV/ĐU``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from vbparse.fold import fold
from vbparse.vocab import doc_types, issuers

_DASHES = regex.compile(r"[‐‑‒–—―−]")
_SPACED_SEPARATOR = regex.compile(r"\s*([/\-])\s*")
_SPACED_DIGITS = regex.compile(r"(?<=\d)\s+(?=\d)")
_TRAILING = regex.compile(r"[\s.,;:)\]}'\"”’]+$")

NORMATIVE = regex.compile(
    r"^(?P<serial>[^/]*)/(?P<year>(?:19|20)\d\d)/(?P<type>[^\W\d_][\w.]*?)(?:-(?P<issuer>.+))?$"
)
PARTY = regex.compile(
    r"^(?P<serial>[^/\-]*)-(?P<type>[^\W\d_][\w]*)/(?P<issuer>[^\-/]+)(?:-(?P<unit>.+))?$"
)
ADMIN = regex.compile(r"^(?P<serial>[^/]*)/(?P<first>[^\-/]+)(?:-(?P<rest>.+))?$")


@dataclass(frozen=True)
class ParsedNumber:
    value: str
    serial: str | None
    year: int | None
    type_code: str | None
    issuer_code: str | None
    unit_code: str | None
    grammar: str  # administrative | normative | party | other


def canonical(raw: str) -> str:
    """``raw`` without spaces, with ``-`` dashes and without trailing punctuation."""
    text = _DASHES.sub("-", raw)
    text = _SPACED_SEPARATOR.sub(r"\1", text)
    text = _SPACED_DIGITS.sub("", text)
    text = "".join(text.split())
    return _TRAILING.sub("", text)


_LETTER_OR_DIGIT = regex.compile(r"[^\W_]")
# The National Assembly or its Standing Committee with its term (``QH14``, ``UBTVQH15``).
_ASSEMBLY = regex.compile(r"(?:QH|UBTVQH)\d+$")


def _serial(text: str) -> str | None:
    """The running number; blank when it has no digit or letter (``…/QĐ-UBND``)."""
    return text if _LETTER_OR_DIGIT.search(text) else None


def parse_number(raw: str) -> ParsedNumber:
    value = canonical(raw)
    m = NORMATIVE.match(value)
    if m:
        type_code = m["type"]
        issuer = m["issuer"]
        if issuer is None and _ASSEMBLY.match(type_code):
            type_code, issuer = None, m["type"]
        return ParsedNumber(
            value, _serial(m["serial"]), int(m["year"]), type_code, issuer, None, "normative"
        )
    m = PARTY.match(value)
    if m and "/" not in m["serial"]:
        return ParsedNumber(
            value, _serial(m["serial"]), None, m["type"], m["issuer"], m["unit"], "party"
        )
    m = ADMIN.match(value)
    if m:
        first, rest = m["first"], m["rest"]
        if doc_types().name_for_code(first) and rest:
            return ParsedNumber(
                value, _serial(m["serial"]), None, first, rest, None, "administrative"
            )
        unit = rest
        return ParsedNumber(value, _serial(m["serial"]), None, None, first, unit, "administrative")
    return ParsedNumber(value, None, None, None, None, None, "other")


_NOT_KEY = regex.compile(r"[^A-Z0-9/]")


# Small: a number recurs within a document and a batch, rarely across a corpus.  At
# 65,536 entries the cache was 15 MB a process, grown with the corpus up to that size.
@lru_cache(maxsize=1 << 12)
def number_key(value: str) -> str:
    """The key two printings of one number share (citations, linking): ``NĐ-CP``,
    ``NĐCP`` and ``ND-CP`` alike, ``07-KL/TW`` and ``7-KL/TW`` alike.  Slashes stay:
    ``1/2021`` is not ``12/021``."""
    key = _NOT_KEY.sub("", fold(value).upper().replace("⁄", "/"))
    return key.lstrip("0") if key[:1] == "0" and key[1:2].isdigit() else key


def is_party_issuer(code: str | None) -> bool:
    if not code:
        return False
    known: list[str] = issuers()["party_issuer_codes"]
    return code.upper() in {k.upper() for k in known}


# A cited number anywhere in running text.  Codes start with a capital letter; separators
# may carry stray spaces, and OCR doubles dashes (``NĐ- -CP``) and splits years
# (``34/201 7/TT-BYT``).  A number glued to ``số`` (``số78/2014/TT-BTC``) still counts, and
# so does a serial glued to its type code (``75QĐ-TTg``; ``số 84 QĐ/TWĐTN`` after ``số``).
# Values stay as printed, bar spaces (``ND--CP``, ``QĐ_BKHCN``): the span must hold them.
# Bounded repetitions keep the scan linear.
_CODE = r"\p{Lu}[\w&.]{0,15}"
_SLASH = r"\s?[/⁄]\s?"
_DASH = r"(?:\s?[-–]){1,2}\s?"
# The type codes of doc_types.json, for a serial glued to its code (``75QĐ-TTg``).
_GLUED_TYPES = "|".join(
    regex.escape(code)
    for code in sorted({*doc_types().by_code, *doc_types().party_by_code}, key=len, reverse=True)
)
CITED_NUMBER = regex.compile(
    rf"""
    (?:(?<![\w/\-.⁄])|(?<=\b[sS][ốô]))
    (?:
        (?P<normative>\d{{1,5}}(?:\.\d{{1,2}})?{_SLASH}(?:19|20)\d\s?\d{_SLASH}{_CODE}
                      (?:{_DASH}{_CODE}){{0,6}})
      | (?P<party>\d{{1,5}}\s?[-–]\s?{_CODE}{_SLASH}{_CODE}(?:-{_CODE}){{0,2}})
      | (?P<admin>\d{{1,6}}(?:-\d{{2}})?{_SLASH}{_CODE}(?:{_DASH}(?:{_CODE}|\d{{4}})){{1,5}})
      | (?P<glued>\d{{1,5}}(?:(?<=s[ốô]\s{{0,2}}\d{{1,5}})\s)?(?i:{_GLUED_TYPES})[-/]{_CODE}
                  (?:-{_CODE}){{0,2}})
    )
    (?![\w/])
    """,
    regex.VERBOSE,
)

# A lower-case word that a conversion glued to the code's end (``TT-BTCngày``).
_GLUED_WORD = regex.compile(r"(?<=\p{Lu})(?:ngày|ngay|năm|nam|của|cua|về|ve|và|va|tại|tai)$")


def trim_cited(value: str) -> str:
    """A cited number without sentence punctuation swallowed at its end (``TW.`` → ``TW``)
    or a word glued to it (``BTCngày`` → ``BTC``)."""
    return _GLUED_WORD.sub("", value.rstrip("."))
