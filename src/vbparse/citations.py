"""Citations: every other document a text mentions, in order of first mention.

A citation is a number in one of the three grammars (``4162/VPCP-TKBT``,
``23/2021/QĐ-TTg``, ``07-KL/TW``), with the type word printed before it
(``Công văn số``, ``NĐ``, ``Kế hoạch``), the date it carries right after it
(``ngày 22/6/2021``, ``, ngày 15 tháng 6 năm 2021``) and the body named after ``của``.
Lists after one type word (``các Nghị quyết số 01/NQ-CP, 02/NQ-CP``) share the type.
Laws, codes, ordinances and treaties are also cited by name alone
(``Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025``).  The document's own number and
self-references (``Quyết định này``) are never citations.  Each citation carries its
relation (``Căn cứ`` → legal_basis, ``thay thế`` → replaces …, see ``relations``), read at
every mention and settled by the relations' precedence when the mentions disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from vbparse.fields.dates import date_right_after, find_date
from vbparse.fields.numbers import CITED_NUMBER, canonical, number_key, parse_number, trim_cited
from vbparse.fold import fold
from vbparse.models import Relation
from vbparse.relations import relations_at, strongest
from vbparse.vocab import doc_types


@dataclass(frozen=True)
class FoundCitation:
    number: str | None
    doc_type: str | None
    date: str | None
    issuer: str | None
    title: str | None
    start: int  # clean offsets of the whole mention
    end: int
    number_start: int
    number_end: int
    relation: Relation = "reference"


def _type_words() -> regex.Pattern[str]:
    names = sorted(doc_types().by_folded_name, key=len, reverse=True)
    words = [regex.escape(n).replace(r"\ ", r"\s+") for n in names]
    words += [r"van\s+ban", r"cong\s+van"]
    return regex.compile(
        r"(?P<word>" + "|".join(words) + r")(?:\s+(?:lien\s+tich|lien\s+bo))?"
        r"(?:\s+(?:so|s[oe0])\b)?\s*[:.]?\s*$"
    )


_TYPE_BEFORE = _type_words()
_ABBREVIATION_BEFORE = regex.compile(
    r"\b(?P<abbr>NĐ|QĐ|NQ|TT|CT|CV|TTLT|KL|TB|KH)\s*(?:số\s*)?[:.]?\s*$"
)
_LAW_BEFORE = regex.compile(
    r"\b(?P<word>luat|bo\s+luat|phap\s+lenh|hien\s+phap)\s+[^;.()]{0,90}?\s(?:so|s[oe0])\s*:?\s*$"
)
_CONNECTOR = regex.compile(
    r"^[\s,;]*(?:(?:va|hoac|cung|den)\s+)?(?:(?:cac\s+)?(?:so|s[oe0])\s*:?)?[\s,]*$"
)
_ISSUER_AFTER = regex.compile(
    r"[\s,]*(?:cua|do)\s+(?P<issuer>[^,;()\n]{3,90}?)(?=\s+(?:ve|v/v|quy\s+dinh|huong\s+dan|ban\s+hanh|phe\s+duyet|sua\s+doi|thuc\s+hien|trien\s+khai|tai|theo)\b|[,;.()\n]|$)"
)
_BY_NAME = regex.compile(
    r"(?<![\p{L}])(?P<word>Luật|Bộ luật|Pháp lệnh|Hiến pháp|Hiệp định)"
    r"\s+(?P<name>\p{Lu}[^;.()\n]{2,160}?)"
    r"(?=\s+(?:ngày|năm|số|đã\s+được|được|và\s+các)\b|[;.,()\n]|$)"
)


def _type_of_code(value: str) -> str | None:
    parsed = parse_number(value)
    types = doc_types()
    if parsed.type_code:
        return types.name_for_code(parsed.type_code, party=parsed.grammar == "party")
    return None


def _type_before(text: str, folded: str, at: int) -> tuple[str | None, bool]:
    """The type word printed just before ``at`` and whether it was the generic ``văn bản``."""
    window = folded[max(0, at - 60) : at]
    m = _TYPE_BEFORE.search(window)
    if m:
        word = " ".join(m["word"].split())
        if word in ("van ban",):
            return None, True
        return doc_types().by_folded_name.get(
            word, "Công văn" if word == "cong van" else None
        ), False
    m = _ABBREVIATION_BEFORE.search(text[max(0, at - 12) : at])
    if m:
        return doc_types().citation_words.get(fold(m["abbr"])), False
    m = _LAW_BEFORE.search(window)
    if m:
        return doc_types().by_folded_name.get(" ".join(m["word"].split())), False
    return None, False


def find_citations(
    text: str, folded: str, start: int, end: int, exclude: list[tuple[int, int]]
) -> list[FoundCitation]:
    """Every citation in ``text[start:end]``, deduplicated by number, in order."""
    found: list[FoundCitation] = []
    mentions: list[tuple[int, int, str]] = []  # every mention, repeats too: (start, end, key)
    by_number: dict[str, int] = {}
    prev_type: str | None = None
    prev_tail = -1
    for m in CITED_NUMBER.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in exclude):
            continue
        raw = trim_cited(m.group())
        value = canonical(raw)
        doc_type, generic = _type_before(text, folded, m.start())
        listed = prev_tail >= 0 and _CONNECTOR.match(folded[prev_tail : m.start()])
        if doc_type is None and not generic and listed:
            doc_type = prev_type
        if doc_type is None:
            doc_type = _type_of_code(value)
        tail = m.start() + len(raw)
        date = date_right_after(folded, tail)
        date_value = date.value if date else None
        if date:
            tail = date.end
        issuer_match = _ISSUER_AFTER.match(folded, tail, min(len(folded), tail + 120))
        issuer = None
        if issuer_match:
            issuer = " ".join(
                text[issuer_match.start("issuer") : issuer_match.end("issuer")].split()
            )
        prev_type, prev_tail = (doc_type if not generic else None), tail
        key = number_key(value)
        mentions.append((m.start(), tail, key))
        if key in by_number:
            first = found[by_number[key]]
            if first.date is None and date_value:
                found[by_number[key]] = replace(first, date=date_value)
            continue
        by_number[key] = len(found)
        found.append(
            FoundCitation(
                value,
                doc_type,
                date_value,
                issuer,
                None,
                m.start(),
                tail,
                m.start(),
                m.start() + len(raw),
            )
        )
    named, named_mentions = _by_name(text, folded, start, end)
    found.extend(named)
    mentions.extend(named_mentions)
    found = _with_relations(text, folded, start, end, found, mentions)
    found.sort(key=lambda c: c.start)
    return found


def _with_relations(
    text: str,
    folded: str,
    start: int,
    end: int,
    found: list[FoundCitation],
    mentions: list[tuple[int, int, str]],
) -> list[FoundCitation]:
    """``found`` with the relation read at each mention, the strongest one per citation."""
    mentions.sort()
    read = relations_at(text, folded, [(s, e) for s, e, _ in mentions], start, end)
    by_key: dict[str, list[Relation]] = {}
    for (_, _, key), relation in zip(mentions, read, strict=True):
        by_key.setdefault(key, []).append(relation)
    return [replace(c, relation=strongest(by_key.get(_key_of(c), []))) for c in found]


def _key_of(citation: FoundCitation) -> str:
    if citation.number is not None:
        return number_key(citation.number)
    return _name_key(citation.title or "")


def _name_key(title: str) -> str:
    return "name:" + fold(title)


def _by_name(
    text: str, folded: str, start: int, end: int
) -> tuple[list[FoundCitation], list[tuple[int, int, str]]]:
    """Laws, codes, ordinances and treaties cited by name, without a number, and every
    mention of them (repeats too) as ``(start, end, key)``."""
    out: list[FoundCitation] = []
    mentions: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in _BY_NAME.finditer(text, start, end):
        name_end = m.end("name")
        after = folded[name_end : name_end + 40]
        if regex.match(r"\s*(?:so|s[oe0])\s*:?\s*\d", after):
            continue  # cited by number: the numbered citation carries it
        name = " ".join(m["name"].split())
        if fold(name).split()[0] in ("nay", "do", "tren"):
            continue
        title = f"{m['word']} {name}"
        date = find_date(folded, name_end, min(len(folded), name_end + 40))
        date_value = date.value if date and date.start - name_end <= 3 else None
        year = regex.match(r"\s*nam\s+((?:19|20)\d\d)\b", after)
        if date_value is None and year:
            date_value = year.group(1)
        key = _name_key(title)
        mentions.append((m.start(), name_end, key))
        if key in seen:
            continue
        seen.add(key)
        out.append(
            FoundCitation(
                None,
                m["word"][:1] + m["word"][1:],
                date_value,
                None,
                title,
                m.start(),
                name_end,
                m.start(),
                name_end,
            )
        )
    return out, mentions
